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
	n, err := Export(ctx, db.SQL(), "SELECT * FROM (VALUES (2, 'b'), (1, 'å')) AS t(i, s) ORDER BY i", csvPath)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(csvPath)
	if string(b) != "i,s\n1,å\n2,b\n" || n != 2 {
		t.Errorf("csv = %q, %d rows", b, n)
	}
	if _, err := Export(ctx, db.SQL(), "SELECT 1", filepath.Join(dir, "out.xlsx")); err == nil {
		t.Error("exported to an unknown format")
	}
	// A failing query leaves neither the target nor a temporary file.
	if _, err := Export(ctx, db.SQL(), "SELECT * FROM nowhere", filepath.Join(dir, "bad.parquet")); err == nil {
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
	if _, err := db.SQL().Exec(v9Employment); err != nil {
		t.Fatal(err)
	}
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

// v9Employment is scb_employment as versions 4 to 9 laid it out (its
// ssyk4 nullable since 7): every row of an SSYK 4 table. A test turning a
// new database into an older version's starts from it.
const v9Employment = `
DROP TABLE scb_employment;
CREATE TABLE scb_employment (table_id VARCHAR NOT NULL, region VARCHAR NOT NULL, sector VARCHAR, ssyk4 ssyk4,
    sex sex NOT NULL, year SMALLINT NOT NULL, n DOUBLE, status VARCHAR, source VARCHAR NOT NULL);
DROP TABLE scb_rmi_r1a;`

// v4FlowTables is the layout of the flow tables in schema version 4: every
// count a number, every row with an occupation.
const v4FlowTables = v9Employment + `
DROP TABLE jobseekers; DROP TABLE hires; DROP TABLE vacancies;
CREATE TABLE jobseekers (period VARCHAR NOT NULL, region VARCHAR NOT NULL, ssyk4 ssyk4 NOT NULL,
    category VARCHAR NOT NULL, n INTEGER NOT NULL, source VARCHAR NOT NULL);
CREATE TABLE hires (period VARCHAR NOT NULL, region VARCHAR NOT NULL, ssyk4 ssyk4 NOT NULL,
    n INTEGER NOT NULL, source VARCHAR NOT NULL);
CREATE TABLE vacancies (period VARCHAR NOT NULL, region VARCHAR NOT NULL, ssyk4 ssyk4 NOT NULL,
    n INTEGER NOT NULL, source VARCHAR NOT NULL);
INSERT INTO jobseekers VALUES ('2024-01', '01', '2512', 'openly_unemployed', 12, 'a');
INSERT INTO hires VALUES ('2024-01', '0180', '2512', 3, 'a');
INSERT INTO vacancies VALUES ('2024-01', '01', '5120', 7, 'a'), ('2024-02', '01', '5120', 9, 'a');
UPDATE meta SET value = '4' WHERE key = 'schema_version';`

// TestMigrateFromVersion4 opens a database whose flow tables are laid out
// by version 4 and finds them rebuilt with their rows: n nullable with
// censored, ssyk4 nullable.
func TestMigrateFromVersion4(t *testing.T) {
	ctx := context.Background()
	db := migrated(t, v4FlowTables)
	for table, want := range map[string]string{
		"jobseekers": "2024-01/01/2512/openly_unemployed/12/false/a",
		"hires":      "2024-01/0180/2512/-/3/false/a",
		"vacancies":  "2024-01/01/5120/-/7/false/a;2024-02/01/5120/-/9/false/a",
	} {
		cat := "'-'"
		if table == "jobseekers" {
			cat = "category"
		}
		var got string
		err := db.SQL().QueryRow(`SELECT string_agg(concat_ws('/', period, region, ssyk4, ` + cat + `, n, censored, source), ';' ORDER BY period)
			FROM ` + table).Scan(&got)
		if err != nil || got != want {
			t.Errorf("%s after migration: %q (%v), want %q", table, got, err, want)
		}
		var old int
		db.SQL().QueryRow("SELECT count(*) FROM duckdb_tables() WHERE table_name = '" + table + "_old'").Scan(&old)
		if old != 0 {
			t.Errorf("%s_old left behind", table)
		}
	}
	// The migrated tables take a censored count and a row without an
	// occupation, and refuse a missing count that is not censored.
	if _, err := db.SQL().ExecContext(ctx, `INSERT INTO vacancies (period, region, ssyk4, n, censored, source)
		VALUES ('2024-03', '0180', NULL, NULL, true, 'b')`); err != nil {
		t.Errorf("censored row without occupation: %v", err)
	}
	for _, bad := range []string{
		`INSERT INTO vacancies (period, region, ssyk4, n, source) VALUES ('2024-03', '01', '5120', NULL, 'b')`,
		`INSERT INTO hires (period, region, ssyk4, n, censored, source) VALUES ('2024-03', '01', '5120', 4, true, 'b')`,
	} {
		if _, err := db.SQL().ExecContext(ctx, bad); err == nil {
			t.Errorf("accepted: %s", bad)
		}
	}
	sameLayout(t, db, "jobseekers", "hires", "vacancies")
}

// v6Persons is the persons table of schema version 6: every row a person
// (or cell) with a home kommun, an age and a birth region.
const v6Persons = v9Employment + `
DROP TABLE persons;
CREATE TABLE persons (year SMALLINT NOT NULL, person_id BIGINT, home_kommun kommun NOT NULL,
    work_kommun kommun, status status NOT NULL, ssyk4 ssyk4, sni sni, edu_group edu_group,
    sun_level sun_level, sun_field sun_field, sex sex NOT NULL, age SMALLINT NOT NULL,
    birth_region birth_region NOT NULL, n INTEGER NOT NULL, source VARCHAR NOT NULL);
INSERT INTO persons VALUES (2023, 7, '0180', '0114', 'employed', '2512', '62', NULL, NULL, NULL, '1', 44, '0', 1, 'a');
ALTER TABLE scb_employment ALTER COLUMN ssyk4 SET NOT NULL;
DROP TABLE scb_rmi_e4;
DROP TABLE scb_rmi_m2;
UPDATE meta SET value = '6' WHERE key = 'schema_version';`

// TestMigrateFromVersion6 opens a database with version 6's persons table
// and finds it rebuilt with its rows, taking published employment cells
// (a workplace län, no home kommun, age or birth region), with
// scb_employment taking SCB's unknown occupation, and scb_rmi_e4 and
// scb_rmi_m2 added,
// all laid out as a new database's.
func TestMigrateFromVersion6(t *testing.T) {
	ctx := context.Background()
	db := migrated(t, v6Persons)
	var got string
	err := db.SQL().QueryRow(`SELECT string_agg(concat_ws('/', year, person_id, home_kommun, work_kommun, coalesce(work_lan, '-'), ssyk4, age, n, source), ';')
		FROM persons`).Scan(&got)
	if want := "2023/7/0180/0114/-/2512/44/1/a"; err != nil || got != want {
		t.Errorf("persons after migration: %q (%v), want %q", got, err, want)
	}
	if _, err := db.SQL().ExecContext(ctx, `INSERT INTO persons (year, work_lan, status, ssyk4, sex, n, source)
		VALUES (2019, '01', 'employed', '2512', '2', 1234, 'b')`); err != nil {
		t.Errorf("published cell: %v", err)
	}
	if _, err := db.SQL().ExecContext(ctx, `INSERT INTO scb_employment (table_id, region, ssyk, ssyk_level, sex, year, n, source)
		VALUES ('YREG60', '01', NULL, 4, '2', 2019, 88, 'b')`); err != nil {
		t.Errorf("unknown occupation: %v", err)
	}
	sameLayout(t, db, "persons", "scb_employment", "scb_rmi_e4", "scb_rmi_m2")
}

// TestMigrateFromVersion7 opens a database of version 7 and finds SCB's
// typed RMI U1a, U1b, U3 and E2B tables added, laid out as a new
// database's, the other tables' rows kept.
func TestMigrateFromVersion7(t *testing.T) {
	db := migrated(t, v9Employment+`
DROP TABLE scb_rmi_u1a;
DROP TABLE scb_rmi_u1b;
DROP TABLE scb_rmi_u3;
DROP TABLE scb_rmi_e2b;
INSERT INTO scb_rmi_m2 VALUES ('RegionInd19M2N1', '00', 'Kon=1', 'män', '2022', 71.5, NULL, 'a');
UPDATE meta SET value = '7' WHERE key = 'schema_version';`)
	var got string
	if err := db.SQL().QueryRow(`SELECT concat_ws('/', region, period, matchningsgrad) FROM scb_rmi_m2`).Scan(&got); err != nil || got != "00/2022/71.5" {
		t.Errorf("scb_rmi_m2 after migration: %q (%v)", got, err)
	}
	sameLayout(t, db, "scb_rmi_u1a", "scb_rmi_u1b", "scb_rmi_u3", "scb_rmi_e2b")
}

// TestMigrateFromVersion9 opens a database of version 9 and finds
// scb_employment rebuilt with its rows at SSYK level 4, taking a kommun
// row by SSYK 3 and SNI, and scb_rmi_r1a added, laid out as a new
// database's.
func TestMigrateFromVersion9(t *testing.T) {
	ctx := context.Background()
	db := migrated(t, v9Employment+`
INSERT INTO scb_employment VALUES ('YREG60', '01', NULL, '2512', '1', 2018, 88, NULL, 'a'),
    ('YREG60', '99', NULL, NULL, '2', 2018, NULL, '..', 'a');
UPDATE meta SET value = '9' WHERE key = 'schema_version';`)
	var got string
	err := db.SQL().QueryRow(`SELECT string_agg(concat_ws('/', table_id, region, coalesce(sni, '-'), coalesce(ssyk, '-'), ssyk_level, sex, year,
			coalesce(CAST(n AS VARCHAR), status), source), ';' ORDER BY region) FROM scb_employment`).Scan(&got)
	if want := "YREG60/01/-/2512/4/1/2018/88.0/a;YREG60/99/-/-/4/2/2018/../a"; err != nil || got != want {
		t.Errorf("scb_employment after migration: %q (%v), want %q", got, err, want)
	}
	if _, err := db.SQL().ExecContext(ctx, `INSERT INTO scb_employment (table_id, region, sni, ssyk, ssyk_level, sex, year, n, source)
		VALUES ('YREG56', '2080', '5', '251', 3, '1', 2018, 12, 'b')`); err != nil {
		t.Errorf("kommun x SSYK 3 x SNI: %v", err)
	}
	sameLayout(t, db, "scb_employment", "scb_rmi_r1a")
}

// migrated makes a database, turns it into an older version's layout with
// setup (which sets the schema version), and returns it opened again, so
// migrated, with the version checked.
func migrated(t *testing.T, setup string) *DB {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.duckdb")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL().ExecContext(ctx, setup); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if db, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var v string
	db.SQL().QueryRow("SELECT value FROM meta WHERE key = 'schema_version'").Scan(&v)
	if v != SchemaVersion {
		t.Errorf("schema version %s after migration, want %s", v, SchemaVersion)
	}
	return db
}

// sameLayout checks that the tables of a migrated database have the
// columns, types, nullability and defaults of a new database's.
func sameLayout(t *testing.T, db *DB, tables ...string) {
	t.Helper()
	fresh, err := Open(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	layout := func(db *DB) string {
		var s string
		err := db.SQL().QueryRow(`SELECT string_agg(table_name || '.' || column_name || ':' || data_type || ':' || is_nullable || ':' || coalesce(column_default, ''), ' ' ORDER BY table_name, ordinal_position)
			FROM information_schema.columns WHERE list_contains(?, table_name)`, tables).Scan(&s)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	if a, b := layout(db), layout(fresh); a != b {
		t.Errorf("migrated layout\n %s\nfresh layout\n %s", a, b)
	}
}

// TestExportTable writes a table in the order of its values and refuses
// a name that is not a table of the store.
func TestExportTable(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.SQL().ExecContext(ctx, `INSERT INTO scb_rmi_m2 VALUES
		('M2', '20', 'Kon=2', 'kvinnor', '2022', 70.1, NULL, 's'),
		('M2', '00', 'Kon=1', 'män', '2022', 71.5, NULL, 's')`); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "m2.csv")
	n, err := db.ExportTable(ctx, "scb_rmi_m2", path)
	b, _ := os.ReadFile(path)
	want := "table_id,region,breakdown,breakdown_label,period,matchningsgrad,status,source\n" +
		"M2,00,Kon=1,män,2022,71.5,,s\nM2,20,Kon=2,kvinnor,2022,70.1,,s\n"
	if err != nil || n != 2 || string(b) != want {
		t.Errorf("export: %d rows, %v\n%s\nwant\n%s", n, err, b, want)
	}
	if _, err := db.ExportTable(ctx, "meta; DROP TABLE persons", path); !errors.Is(err, ErrUnknownTable) {
		t.Errorf("unknown table: %v, want ErrUnknownTable", err)
	}
}
