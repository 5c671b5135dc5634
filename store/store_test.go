package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpenCreatesSchemaAndEnums(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.duckdb")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	// The ENUM types refuse codes lmi does not know.
	_, err = db.SQL().ExecContext(ctx, `INSERT INTO persons (year, home_kommun, status, sex, age, birth_region, n, source)
		VALUES (2021, '9999', 'employed', '1', 30, '1', 1, 'x')`)
	if err == nil {
		t.Error("an unknown kommun was stored")
	}
	if _, err := db.SQL().ExecContext(ctx, `INSERT INTO persons (year, home_kommun, status, sex, age, birth_region, n, source)
		VALUES (2021, '0180', 'employed', '1', 30, '1', 1, 'x')`); err != nil {
		t.Errorf("a valid row was refused: %v", err)
	}
	v, err := db.DuckDBVersion(ctx)
	if err != nil || !strings.HasPrefix(v, "v") {
		t.Errorf("DuckDB version %q, %v", v, err)
	}
	db.Close()

	// Reopening keeps the data; a different schema version is refused.
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	db.SQL().QueryRow("SELECT count(*) FROM persons").Scan(&n)
	if n != 1 {
		t.Errorf("after reopen: %d rows, want 1", n)
	}
	db.SQL().Exec("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
	db.Close()
	if _, err := Open(ctx, path); !errors.Is(err, ErrSchemaVersion) {
		t.Errorf("open of version 99: %v, want ErrSchemaVersion", err)
	}
}

func TestExport(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	dir := t.TempDir()
	csvPath := filepath.Join(dir, "out.csv")
	if err := Export(ctx, db.SQL(), "SELECT * FROM (VALUES (2, 'b'), (1, 'å')) AS t(i, s) ORDER BY i", csvPath); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(csvPath)
	if string(b) != "i,s\n1,å\n2,b\n" {
		t.Errorf("csv = %q", b)
	}
	if err := Export(ctx, db.SQL(), "SELECT 1", filepath.Join(dir, "out.xlsx")); err == nil {
		t.Error("exported to an unknown format")
	}
	// A failing query leaves neither the target nor a temporary file.
	if err := Export(ctx, db.SQL(), "SELECT * FROM nowhere", filepath.Join(dir, "bad.parquet")); err == nil {
		t.Error("a bad query exported")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("files left: %v, want only out.csv", names)
	}
}

// TestMigrateFromVersion2 opens a database laid out by version 2 (no
// outputs table) and finds it upgraded.
func TestMigrateFromVersion2(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.duckdb")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	db.SQL().Exec("DROP TABLE outputs")
	db.SQL().Exec("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
	db.Close()
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := filepath.Join(t.TempDir(), "x.csv")
	os.WriteFile(out, []byte("a\n1\n"), 0o644)
	if err := db.RecordOutput(ctx, out, "matching", 1); err != nil {
		t.Fatal(err)
	}
	got, err := db.Outputs(ctx)
	if err != nil || len(got) != 1 || got[0].Family != "matching" || got[0].Rows != 1 || len(got[0].SHA256) != 64 {
		t.Errorf("outputs after migration: %+v, %v", got, err)
	}
	var v string
	db.SQL().QueryRow("SELECT value FROM meta WHERE key = 'schema_version'").Scan(&v)
	if v != SchemaVersion {
		t.Errorf("schema version %s after migration, want %s", v, SchemaVersion)
	}
}
