package indicators

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzOwnIndicatorHeader: a user's own indicator file is read as an
// indicator or refused with a *MetadataError naming the file, never a
// panic, and the message shows at most a capped part of what the file
// holds, whatever its size.
func FuzzOwnIndicatorHeader(f *testing.F) {
	for _, s := range []string{
		"-- name: andel_b\n-- label: Andel B\n-- version: 1\n-- unit: andel\n-- section: 3.1\n-- family: matching\n-- dimensions: region, year, edu_group, sex\nSELECT 1",
		"-- name: x\n-- name: y\n",
		"-- version: -3\n",
		"-- depends: employed@1, v@x\n",
		"-- name: Bad Name\n-- label: l\n-- version: 1\n-- unit: u\n-- section: s\n-- family: nope\n",
		"-- a plain comment\n--: empty key\n",
		"SELECT 1; SELECT 2",
		"-- " + strings.Repeat("k", 2000) + ": v\n",
		"-- version: " + strings.Repeat("9", 2000) + "x\n",
		"-- name: andel_b\n-- label: Andel B\n-- version: 1\n-- unit: andel\n-- section: 3.1\n-- family: matching\n-- dimensions: " + strings.Repeat("d,", 1000) + "\nSELECT 1",
	} {
		f.Add(s)
	}
	dir := f.TempDir()
	path := filepath.Join(dir, "own.sql")
	f.Fuzz(func(t *testing.T, text string) {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		ind, err := LoadIndicatorFile(path)
		if err == nil {
			if ind == nil || !ind.Own || !validName(ind.Name) {
				t.Fatalf("accepted %+v", ind)
			}
			return
		}
		var me *MetadataError
		if !errors.As(err, &me) || !strings.Contains(err.Error(), path) {
			t.Fatalf("error %v (%T), want a *MetadataError naming the file", err, err)
		}
		if n := len(err.Error()) - len(path); n > 600 {
			t.Errorf("message of %d bytes besides the path: %.300q", n, err.Error())
		}
	})
}
