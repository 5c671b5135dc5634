package store

import (
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"lmi/codes"
)

var updateSums = flag.Bool("update-migrations", false, "rewrite testdata/migrations.sha256 (only when adding a migration)")

// TestMigrationsFrozen checks every migration against the SHA-256 it
// shipped with: a migration already applied to users' databases must not
// change. A new migration is added to the list with -update-migrations.
func TestMigrationsFrozen(t *testing.T) {
	ms, err := loadMigrations()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, m := range ms {
		sum := sha256.Sum256([]byte(m.sql))
		fmt.Fprintf(&b, "%s  %s\n", hex.EncodeToString(sum[:]), m.file)
	}
	const sums = "testdata/migrations.sha256"
	if *updateSums {
		if err := os.WriteFile(sums, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(sums)
	if err != nil {
		t.Fatal(err)
	}
	got := b.String()
	// Only additions are allowed: every recorded line must still be there.
	for _, line := range strings.SplitAfter(strings.TrimSpace(string(want)), "\n") {
		if !strings.Contains(got, strings.TrimSpace(line)+"\n") {
			t.Errorf("migration changed or removed after it shipped: %s (add a new migration instead)", strings.TrimSpace(line))
		}
	}
	if got != string(want) {
		t.Errorf("migrations not recorded in %s; run go test ./store -run MigrationsFrozen -update-migrations", sums)
	}
	if SchemaVersion != fmt.Sprint(len(ms)) {
		t.Errorf("SchemaVersion %s, want the number of migrations %d", SchemaVersion, len(ms))
	}
}

func TestReadMigrationsNumbering(t *testing.T) {
	for _, tc := range []struct {
		files []string
		err   string
	}{
		{[]string{"001_a.sql", "002_b.sql"}, ""},
		{[]string{"001_a.sql", "003_b.sql"}, "003_b.sql: want number 002"},
		{[]string{"002_a.sql"}, "002_a.sql: want number 001"},
		{[]string{"1_a.sql"}, "1_a.sql: want NNN_what.sql"},
		{[]string{"001-a.sql"}, "001-a.sql: want NNN_what.sql"},
		{nil, "none found"},
	} {
		fsys := fstest.MapFS{"migrations": &fstest.MapFile{Mode: os.ModeDir}}
		for _, f := range tc.files {
			fsys["migrations/"+f] = &fstest.MapFile{Data: []byte("SELECT 1;")}
		}
		ms, err := readMigrations(fsys)
		switch {
		case tc.err == "" && (err != nil || len(ms) != len(tc.files)):
			t.Errorf("%v: %d migrations, %v", tc.files, len(ms), err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%v: error %v, want %q", tc.files, err, tc.err)
		}
	}
}

// TestEnumsMatchCodeLists checks that the code types frozen in the first
// migration still hold exactly lmi's embedded code lists: a change to a
// list needs a migration of its own.
func TestEnumsMatchCodeLists(t *testing.T) {
	db, err := Open(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var kommuner []string
	for _, k := range codes.Kommuner() {
		kommuner = append(kommuner, k.Code)
	}
	for typ, want := range map[string][]string{
		"kommun":       kommuner,
		"status":       {"employed", "unemployed", "outside", "student"},
		"ssyk4":        entryCodes(codes.SSYK(4)),
		"sni":          entryCodes(codes.SNI(2)),
		"edu_group":    entryCodes(codes.EduGroups()),
		"sun_level":    entryCodes(codes.SUNLevel(0)),
		"sun_field":    entryCodes(codes.SUNField(0)),
		"sex":          {"1", "2"},
		"birth_region": entryCodes(codes.BirthRegions(2)),
	} {
		var got []any
		if err := db.SQL().QueryRow("SELECT enum_range(NULL::" + typ + ")").Scan(&got); err != nil {
			t.Fatalf("%s: %v", typ, err)
		}
		var vals []string
		for _, v := range got {
			vals = append(vals, fmt.Sprint(v))
		}
		if !slices.Equal(vals, want) {
			t.Errorf("ENUM %s has %d values, the code list %d: a code list changed; add a migration", typ, len(vals), len(want))
		}
	}
}

func entryCodes(es []codes.Entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Code
	}
	return out
}

// historyRows are the rows store/internal/olddb puts in each table, by
// table: a migrated database must still hold them.
var historyRows = map[string]int{
	"sources": 1, "persons": 2, "jobseekers": 1, "hires": 1, "vacancies": 2, "graduates": 1,
	"outputs": 1, "published_cells": 1, "scb_employment": 1, "assessments": 1, "occupation_map": 1,
	"scb_rmi_e3": 1, "scb_rmi_u2": 1, "scb_rmi_m2": 1, "scb_rmi_e4": 1,
}

// TestMigrateFromEveryEarlierVersion opens a database laid out by every
// schema an earlier lmi wrote (testdata/history, made by
// store/internal/olddb from the repository's history) and finds it at
// the current version, laid out as a new database, with its rows.
func TestMigrateFromEveryEarlierVersion(t *testing.T) {
	files, _ := filepath.Glob("testdata/history/*.duckdb.gz")
	if len(files) < 9 {
		t.Fatalf("%d databases in testdata/history, want one per earlier layout (9)", len(files))
	}
	fresh, err := Open(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			db, err := Open(context.Background(), gunzip(t, f))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			var v string
			db.SQL().QueryRow("SELECT value FROM meta WHERE key = 'schema_version'").Scan(&v)
			if v != SchemaVersion {
				t.Errorf("schema version %s after migration, want %s", v, SchemaVersion)
			}
			if a, b := layoutOf(t, db), layoutOf(t, fresh); a != b {
				t.Errorf("migrated layout differs from a new database's:\n%s\nnew:\n%s", a, b)
			}
			for table, want := range historyRows {
				var n int
				db.SQL().QueryRow("SELECT count(*) FROM " + table).Scan(&n)
				if n != want && !(n == 0 && !inLayout(f, table)) {
					t.Errorf("%s: %d rows after migration, want %d", table, n, want)
				}
			}
		})
	}
}

// inLayout reports whether the history file's layout had the table (the
// tables a later version added are empty after migration).
func inLayout(file, table string) bool {
	since := map[string]string{"jobseekers": "v2", "hires": "v2", "vacancies": "v2", "graduates": "v2",
		"outputs": "v3", "published_cells": "v4", "scb_employment": "v4", "assessments": "v4", "occupation_map": "v4",
		"scb_rmi_e3": "v6", "scb_rmi_u2": "v6", "scb_rmi_e4": "v7-b2c187b", "scb_rmi_m2": "v7"}
	first, ok := since[table]
	if !ok {
		return true
	}
	order := []string{"v1", "v2", "v3", "v4", "v5", "v6", "v7-7708b12", "v7-b2c187b", "v7"}
	name := strings.TrimSuffix(filepath.Base(file), ".duckdb.gz")
	return slices.Index(order, name) >= slices.Index(order, first)
}

// layoutOf lists every table's columns with type, nullability and
// default, and its constraints.
func layoutOf(t *testing.T, db *DB) string {
	t.Helper()
	var cols, cons string
	err := db.SQL().QueryRow(`SELECT string_agg(table_name || '.' || column_name || ':' || data_type || ':' || is_nullable || ':' || coalesce(column_default, ''), E'\n' ORDER BY table_name, ordinal_position)
		FROM information_schema.columns WHERE table_schema = 'main'`).Scan(&cols)
	if err != nil {
		t.Fatal(err)
	}
	err = db.SQL().QueryRow(`SELECT coalesce(string_agg(table_name || ':' || constraint_type || ':' || constraint_text, E'\n' ORDER BY table_name, constraint_text), '')
		FROM duckdb_constraints() WHERE schema_name = 'main'`).Scan(&cons)
	if err != nil {
		t.Fatal(err)
	}
	return cols + "\n" + cons
}

func gunzip(t *testing.T, file string) string {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), strings.TrimSuffix(filepath.Base(file), ".gz"))
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, zr); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}
