package load

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"lmi/fixtures"
	"lmi/store"
)

// A second copy of loaded content is refused whatever its bytes: the
// Parquet twin of a CSV, the CSV re-saved with CRLF line ends, a copy cut
// after some complete lines. Each refusal names the earlier file and the
// overlapping keys; the database is as it was.
func TestContentOverlap(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := fixtures.Generate(fixtures.Config{Persons: 300, Years: 2, Seed: 3, Out: filepath.Join(dir, "synth")}); err != nil {
		t.Fatal(err)
	}
	db := openDB(t, filepath.Join(dir, "lmi.duckdb"))
	synth := func(name string) string { return filepath.Join(dir, "synth", name) }
	variant := func(name, of string, edit func([]byte) []byte) string {
		b, err := os.ReadFile(synth(of))
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, edit(b), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	crlf := func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) }
	half := func(b []byte) []byte { // complete lines, the first half
		return b[:bytes.LastIndexByte(b[:len(b)/2], '\n')+1]
	}
	for _, base := range []string{"persons.csv", "graduates.csv"} {
		if _, err := Any(ctx, db, synth(base), Options{}); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		name, path, table, other string
	}{
		{"persons as Parquet", synth("persons.parquet"), "persons", "persons.csv"},
		{"persons with CRLF", variant("persons_crlf.csv", "persons.csv", crlf), "persons", "persons.csv"},
		{"persons cut", variant("persons_half.csv", "persons.csv", half), "persons", "persons.csv"},
		{"graduates as Parquet", synth("graduates.parquet"), "graduates", "graduates.csv"},
		{"graduates with CRLF", variant("graduates_crlf.csv", "graduates.csv", crlf), "graduates", "graduates.csv"},
		{"graduates cut", variant("graduates_half.csv", "graduates.csv", half), "graduates", "graduates.csv"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := snapshot(t, db)
			_, err := Any(ctx, db, c.path, Options{})
			var oe *store.ContentOverlapError
			if !errors.As(err, &oe) || oe.Table != c.table || filepath.Base(oe.Other) != c.other || oe.Rows <= 0 || oe.First == "" || oe.Last == "" {
				t.Fatalf("err %v (%#v), want a content overlap with %s", err, oe, c.other)
			}
			if after := snapshot(t, db); after != before {
				t.Errorf("database changed: %s -> %s", before, after)
			}
		})
	}
}
