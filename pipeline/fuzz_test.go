package pipeline

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParseSpec: any text read as a run spec gives a named spec or a
// *SpecError / SpecErrors naming the file, never a panic.
func FuzzParseSpec(f *testing.F) {
	dir := specDir(f)
	for _, s := range []string{
		"name = \"t\"\n[inputs]\nfiles = [\"data/persons.parquet\"]\n[indicators]\nlevels = [\"lan\", \"fa\"]\nk = 5\n",
		"name = \"t\"\n[inputs]\nfiles = [{ path = \"data/persons.parquet\", table = \"persons\" }, { pxweb = \"TAB1\", select = [\"Tid=2020\"] }]\n",
		"name = \"t\"\n[inputs]\nfiles = [\"data/persons.parquet\"]\n[forecast]\nthresholds = [-0.3, -0.1, 0.1, 0.3]\nhorizon = 5\n",
		"name = \"t\"\n[inputs]\nfiles = [\"data/persons.parquet\"]\n[indicators]\ngroupings = [\"norr.csv\"]\nown_sql = [\"sql/andel_b.sql\"]\n[indicators.match_key]\nthreshold = 0.5\n",
		"name = 2025\n[inputs]\nfiles = [3]\n[[x]]\n",
		"a = \"\\u0000\"\n",
		"[inputs\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		name := filepath.Join(dir, "run.toml")
		s, err := ParseSpec(strings.NewReader(text), name)
		if err == nil {
			if s == nil || s.Name == "" {
				t.Fatalf("no error and no named spec: %+v", s)
			}
			return
		}
		var se *SpecError
		var ses SpecErrors
		if !errors.As(err, &se) && !errors.As(err, &ses) {
			t.Fatalf("error %v (%T) is neither a *SpecError nor SpecErrors", err, err)
		}
		if !strings.Contains(err.Error(), "run.toml") {
			t.Errorf("%q does not name the spec", err)
		}
	})
}

// FuzzReadManifest: a manifest.json that may have been tampered with is
// read as a manifest or refused with an error naming it; the refresh
// record and the build time read from it never panic either.
func FuzzReadManifest(f *testing.F) {
	f.Add([]byte(`{"lmi_version":"dev","spec_file":"run.toml","inputs":[{"path":"a.csv","sha256":"ab","size":3}],"outputs":[{"path":"outputs/x.csv","sha256":"cd","rows":1}]}`))
	f.Add([]byte(`{"refresh":{"built_at":"2026-01-02T03:04:05Z","previous":"","executable_sha256":"x","recomputed":"all","changes":[],"changed_tables":[],"families":[]}}`))
	f.Add([]byte(`{"refresh":{"built_at":"yesterday"}}`))
	f.Add([]byte(`{"inputs":null,"outputs":[null]}`))
	f.Add([]byte(`[1,2,3]`))
	f.Add([]byte("\xef\xbb\xbf{}"))
	f.Add([]byte(`{"outputs":[{"path":"../../etc/passwd"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, ManifestFile), data, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadManifest(dir); err != nil && !strings.Contains(err.Error(), ManifestFile) {
			t.Errorf("manifest error %q does not name the file", err)
		}
		if _, err := ReadRefreshRecord(dir); err != nil && !strings.Contains(err.Error(), ManifestFile) {
			t.Errorf("refresh record error %q does not name the file", err)
		}
		builtAt(dir)
	})
}
