package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A run folder sent elsewhere verifies alone: its copies of the inputs
// and the grouping are what verify checks and re-runs from, and a copy
// tampered with is named.
func TestPortableRunFolder(t *testing.T) {
	ctx := context.Background()
	inputs := copyInputs(t)
	norr := filepath.Join(t.TempDir(), "norr.csv")
	if err := os.WriteFile(norr, []byte("region,code\nNorr,24\nNorr,25\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	spec := writeSpecOf(t, inputs, fmt.Sprintf("indicators = [\"forvarvsgrad\"]\ngroupings = [%q]", filepath.ToSlash(norr)))
	runDir := filepath.Join(t.TempDir(), "run")
	m := mustRun(t, spec, runDir, Options{})

	for i, in := range m.Inputs {
		name := tables[i] + ".parquet"
		if in.Name != name || in.Copy != "inputs/"+in.SHA256[:12]+"/"+name {
			t.Errorf("input %d: name %q, copy %q", i, in.Name, in.Copy)
		}
		if sum, size, err := hashFile(filepath.Join(runDir, filepath.FromSlash(in.Copy))); err != nil || sum != in.SHA256 || size != in.Size {
			t.Errorf("copy of %s: sha256 %s, size %d, %v", name, sum, size, err)
		}
	}
	g := m.Parameters.Groupings[0]
	if g.Copy != "inputs/"+g.SHA256[:12]+"/norr.csv" {
		t.Errorf("grouping copy %q", g.Copy)
	}

	// Sent to another region: the folder alone, under another name.
	shared := filepath.Join(t.TempDir(), "delad körning")
	copyTree(t, runDir, shared)
	for _, p := range []string{inputs, norr, runDir} {
		if err := os.RemoveAll(p); err != nil {
			t.Fatal(err)
		}
	}
	rep := verifyWithOK(t, ctx, shared, VerifyOptions{})
	for _, c := range rep.Inputs {
		if c.Via != ViaCopy {
			t.Errorf("%s %s checked via %s, want the copy", c.Kind, c.Path, c.Via)
		}
	}

	vac := m.Inputs[2]
	sum := flipByte(t, filepath.Join(shared, filepath.FromSlash(vac.Copy)))
	rep, err := Verify(ctx, shared)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	rep.Write(&buf)
	want := "input " + vac.Copy + " (the run folder's copy of " + vac.Path + "): changed: sha256 was " + vac.SHA256 + ", is " + sum
	if rep.OK() || rep.ReRun || !strings.Contains(buf.String(), want) {
		t.Errorf("tampered copy: want %q in\n%s", want, buf.String())
	}
}

// A run told not to copy its inputs ([inputs] copy = false) records them
// by content only; verify finds them by content in the folders given,
// whatever their names, and re-runs from them.
func TestVerifyInputsByContent(t *testing.T) {
	ctx := context.Background()
	inputs := copyInputs(t)
	spec := writeSpecOf(t, inputs, `indicators = ["forvarvsgrad"]`)
	text, err := os.ReadFile(spec)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(spec, bytes.Replace(text, []byte("[inputs]\n"), []byte("[inputs]\ncopy = false\n"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	runDir := filepath.Join(t.TempDir(), "run")
	m := mustRun(t, spec, runDir, Options{})
	for _, in := range m.Inputs {
		if in.Copy != "" {
			t.Errorf("input %s copied to %s", in.Path, in.Copy)
		}
	}
	if _, err := os.Stat(filepath.Join(runDir, CopyDir)); !os.IsNotExist(err) {
		t.Errorf("a copy folder in a run told not to copy: %v", err)
	}

	// The inputs moved elsewhere: persons renamed, the others one folder
	// down, and a decoy of persons' name and size but other bytes.
	other := t.TempDir()
	if err := os.Mkdir(filepath.Join(other, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, n := range tables {
		dst := filepath.Join(other, "sub", n+".parquet")
		if n == "persons" {
			dst = filepath.Join(other, "personer 2024.parquet")
		}
		if err := os.Rename(filepath.Join(inputs, n+".parquet"), dst); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(filepath.Join(other, "personer 2024.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 1
	if err := os.WriteFile(filepath.Join(other, "persons.parquet"), b, 0o644); err != nil {
		t.Fatal(err)
	}

	rep, err := Verify(ctx, runDir)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	rep.Write(&buf)
	want := "input " + m.Inputs[0].Path + ": missing (recorded sha256 " + m.Inputs[0].SHA256 + "): not at " + m.Inputs[0].Path +
		"; lmi verify --inputs DIR searches a folder for it by content"
	if rep.OK() || rep.Inputs[0].Status != StatusMissing || !strings.Contains(buf.String(), want) {
		t.Errorf("moved inputs, no folder given: want %q in\n%s", want, buf.String())
	}

	rep = verifyWithOK(t, ctx, runDir, VerifyOptions{InputDirs: []string{other}})
	if c := rep.Inputs[0]; c.Via != ViaSearch || c.File != filepath.Join(other, "personer 2024.parquet") {
		t.Errorf("persons found via %s as %s", c.Via, c.File)
	}
	if c := rep.Inputs[4]; c.Via != ViaSearch || c.File != filepath.Join(other, "sub", "graduates.parquet") {
		t.Errorf("graduates found via %s as %s", c.Via, c.File)
	}
	note := "input " + m.Inputs[0].Path + ": found by its content as " + filepath.Join(other, "personer 2024.parquet")
	if len(rep.Notes) == 0 || rep.Notes[0] != note {
		t.Errorf("notes %q, want first %q", rep.Notes, note)
	}
}

// verifyWithOK verifies runDir with opts and fails the test unless it reproduces.
func verifyWithOK(t *testing.T, ctx context.Context, runDir string, opts VerifyOptions) *VerifyReport {
	t.Helper()
	rep, err := VerifyWith(ctx, runDir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() {
		var buf bytes.Buffer
		rep.Write(&buf)
		t.Fatalf("%s does not verify:\n%s", runDir, buf.String())
	}
	return rep
}

func TestCopyPath(t *testing.T) {
	cases := []struct{ sum, name, want string }{
		{"0399fd6d2e03197baf67f42a84ab2bc780204be319d3e0c44c1d3c339c945c66", "persons.parquet", "inputs/0399fd6d2e03/persons.parquet"},
		{"abc", "norr län.csv", "inputs/abc/norr län.csv"},
	}
	for _, c := range cases {
		if got := CopyPath(c.sum, c.name); got != c.want {
			t.Errorf("CopyPath(%q, %q) = %q, want %q", c.sum, c.name, got, c.want)
		}
	}
}
