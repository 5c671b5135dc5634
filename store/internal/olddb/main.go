// Command olddb writes the databases of earlier lmi versions that the
// store's migration test opens (store/testdata/history/*.duckdb.gz).
//
// Each file is laid out by the schema an earlier lmi wrote, taken from
// this repository's history (git show COMMIT:store/schema.sql at the last
// commit of each layout), with the code ENUM types that lmi created before
// running that schema (the embedded code lists, unchanged since the first
// version) and a few rows in every table the layout has. Run it from the
// repository root when a layout is added to the list below:
//
//	go run -tags duckdb_arrow ./store/internal/olddb -out store/testdata/history
//
// Output is deterministic in content; the DuckDB file bytes may differ
// between DuckDB versions, which is why the test compares layouts and
// rows, never bytes.
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	_ "github.com/duckdb/duckdb-go/v2"

	"lmi/codes"
)

// layouts are the schemas earlier lmi versions wrote: the version they
// recorded and the last commit with that layout. Version 7 was written by
// three layouts.
var layouts = []struct{ name, version, commit string }{
	{"v1", "1", "68c76db"},
	{"v2", "2", "600ff44"},
	{"v3", "3", "1615ce1"},
	{"v4", "4", "77308cf"},
	{"v5", "5", "937ef5a"},
	{"v6", "6", "bcd91e0"},
	{"v7-7708b12", "7", "7708b12"},
	{"v7-b2c187b", "7", "b2c187b"},
	{"v7", "7", "7182068"},
}

// rows are inserted into each table the layout has; every column named
// exists in every layout of its table.
var rows = map[string]string{
	"sources": `INSERT INTO sources VALUES ('a', 'persons.csv', 'csv', 'persons', NULL, NULL, 2, 2, 0, TIMESTAMP '2024-01-02 03:04:05')`,
	"persons": `INSERT INTO persons (year, person_id, home_kommun, work_kommun, status, ssyk4, sni, edu_group, sun_level, sun_field, sex, age, birth_region, n, source)
		VALUES (2023, 7, '0180', '0114', 'employed', '2512', '62', NULL, NULL, NULL, '1', 44, '0', 1, 'a'),
		       (2023, 8, '2584', NULL, 'unemployed', NULL, NULL, NULL, NULL, NULL, '2', 31, '0', 1, 'a')`,
	"jobseekers":      `INSERT INTO jobseekers (period, region, ssyk4, category, n, source) VALUES ('2024-01', '01', '2512', 'openly_unemployed', 12, 'a')`,
	"hires":           `INSERT INTO hires (period, region, ssyk4, n, source) VALUES ('2024-01', '0180', '2512', 3, 'a')`,
	"vacancies":       `INSERT INTO vacancies (period, region, ssyk4, n, source) VALUES ('2024-01', '01', '5120', 7, 'a'), ('2024-02', '01', '5120', 9, 'a')`,
	"graduates":       `INSERT INTO graduates VALUES (2023, '01', '3-54', 40, 'a')`,
	"outputs":         `INSERT INTO outputs VALUES ('out/matching.csv', 'matching', 'ff', 10, TIMESTAMP '2024-01-02 03:04:05')`,
	"published_cells": `INSERT INTO published_cells VALUES ('YREG60', 'Anställda', ['Region', 'Tid'], ['01', '2022'], ['Stockholms län', '2022'], 1234, NULL, 'a')`,
	"scb_employment":  `INSERT INTO scb_employment (table_id, region, sector, ssyk4, sex, year, n, status, source) VALUES ('YREG60', '01', NULL, '2512', '1', 2022, 88, NULL, 'a')`,
	"assessments":     `INSERT INTO assessments VALUES ('bristindex', '2018H', '01', 'lan', '2512', 'index', 4.2, 5, 'Stor brist', 'a')`,
	"occupation_map":  `INSERT INTO occupation_map VALUES ('bristindex', '2512', 'Mjukvaruutvecklare', '2512', false, NULL, 'a')`,
	"scb_rmi_e3":      `INSERT INTO scb_rmi_e3 VALUES ('RegionInd19E3N2', '00', 'Kon=1', 'män', '2022', 10, 5, 3, 1, 25, 72, 40, 32, NULL, 'a')`,
	"scb_rmi_u2":      `INSERT INTO scb_rmi_u2 VALUES ('RegionInd19U2N1', '20', 'Kon=1', 'män', '2022', 100, 20, 30, 120, 130, NULL, 'a')`,
	"scb_rmi_m2":      `INSERT INTO scb_rmi_m2 VALUES ('RegionInd19M2N1', '00', 'Kon=1', 'män', '2022', 71.5, NULL, 'a')`,
	"scb_rmi_e4":      `INSERT INTO scb_rmi_e4 VALUES ('RegionInd19E4N1', '00', 'Kon=1', 'män', '2022', 'helt', 'ratt', 50, NULL, 'a')`,
}

func main() {
	out := flag.String("out", "store/testdata/history", "folder for the vN.duckdb.gz files")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fatal(err)
	}
	for _, l := range layouts {
		if err := write(l.name, l.version, l.commit, *out); err != nil {
			fatal(fmt.Errorf("%s: %w", l.name, err))
		}
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "olddb:", err)
	os.Exit(1)
}

func write(name, version, commit, outDir string) error {
	schema, err := exec.Command("git", "show", commit+":store/schema.sql").Output()
	if err != nil {
		return fmt.Errorf("git show %s:store/schema.sql: %w", commit, err)
	}
	tmp, err := os.MkdirTemp("", "olddb")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	path := filepath.Join(tmp, name+".duckdb")
	if err := build(path, version, string(schema)); err != nil {
		return err
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var z bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	zw.Write(b)
	if err := zw.Close(); err != nil {
		return err
	}
	dst := filepath.Join(outDir, name+".duckdb.gz")
	fmt.Printf("%s: schema of %s, %d bytes, %d gzipped\n", dst, commit, len(b), z.Len())
	return os.WriteFile(dst, z.Bytes(), 0o644)
}

func build(path, version, schema string) error {
	db, err := sql.Open("duckdb", path)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	stmts := append(enumTypes(), schema, fmt.Sprintf("INSERT INTO meta VALUES ('schema_version', '%s')", version))
	for _, s := range stmts {
		if _, err := db.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("%.60s: %w", s, err)
		}
	}
	for table, insert := range rows {
		var have int
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", table).Scan(&have); err != nil {
			return err
		}
		if have == 0 {
			continue
		}
		if _, err := db.ExecContext(ctx, insert); err != nil {
			return fmt.Errorf("%s: %w", table, err)
		}
	}
	_, err = db.ExecContext(ctx, "CHECKPOINT")
	return err
}

// enumTypes are the types lmi created before running its schema, from
// the embedded code lists.
func enumTypes() []string {
	var kommuner []string
	for _, k := range codes.Kommuner() {
		kommuner = append(kommuner, k.Code)
	}
	list := func(es []codes.Entry) []string {
		out := make([]string, len(es))
		for i, e := range es {
			out[i] = e.Code
		}
		return out
	}
	types := []struct {
		name   string
		values []string
	}{
		{"kommun", kommuner},
		{"status", []string{"employed", "unemployed", "outside", "student"}},
		{"ssyk4", list(codes.SSYK(4))},
		{"sni", list(codes.SNI(2))},
		{"edu_group", list(codes.EduGroups())},
		{"sun_level", list(codes.SUNLevel(0))},
		{"sun_field", list(codes.SUNField(0))},
		{"sex", []string{"1", "2"}},
		{"birth_region", list(codes.BirthRegions(2))},
	}
	out := make([]string, len(types))
	for i, t := range types {
		out[i] = fmt.Sprintf("CREATE TYPE %s AS ENUM ('%s')", t.name, strings.Join(t.values, "', '"))
	}
	return out
}
