package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunEmptyOutputFails: a run over SCB's RMI E3 alone that asks for
// an indicator of a family it has no input for writes its outputs and a
// manifest saying what is empty and why, and fails; allow_empty accepts
// it.
func TestRunEmptyOutputFails(t *testing.T) {
	e3, err := filepath.Abs("../fixtures/published/testdata/RegionInd19E3N2.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, allow := range []bool{false, true} {
		dir := t.TempDir()
		spec := filepath.Join(dir, "run.toml")
		text := `name = "Published"
[inputs]
files = ["` + filepath.ToSlash(e3) + `"]
[indicators]
levels = ["lan"]
indicators = ["forvarvsgrad", "antal_forvarvsarbetande"]
`
		if allow {
			text += "[outputs]\nallow_empty = true\n"
		}
		if err := os.WriteFile(spec, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		s, err := LoadSpec(spec)
		if err != nil {
			t.Fatal(err)
		}
		m, err := Run(context.Background(), s, filepath.Join(dir, "run"))
		var ee *EmptyError
		if allow != (err == nil) || (!allow && !errors.As(err, &ee)) {
			t.Fatalf("allow_empty %v: %v", allow, err)
		}
		if len(m.Empty) != 1 || m.Empty[0].Output != "status" || !m.Empty[0].Requested ||
			!strings.Contains(m.Empty[0].Reason, "no input") {
			t.Errorf("allow_empty %v: manifest empty %+v", allow, m.Empty)
		}
		read, rerr := ReadManifest(filepath.Join(dir, "run"))
		if rerr != nil || len(read.Empty) != 1 || read.Spec.AllowEmpty != allow {
			t.Errorf("allow_empty %v: the manifest on disk: %v, %+v", allow, rerr, read)
		}
		if !allow && !strings.Contains(err.Error(), "status: no input") {
			t.Errorf("message %q", err)
		}
	}
}
