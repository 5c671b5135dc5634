package indicators

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// employedFamily is a family of a group's own, in a folder: the employed
// aged 20-64 by home region and sex, and their share of the population.
var employedFamily = map[string]string{
	"employed_by_sex/family.toml": `
order = 100
description = "The employed and the population aged AgeMin-AgeMax by home region and sex."
dimensions = ["sex"]

[[source]]
name = "register"
cells = "cells.sql"
reads = ["persons"]

[suppression]
relations = [{ total = "population", parts = ["employed", "not_employed"] }]
`,
	"employed_by_sex/cells.sql": `-- params: AgeMin, AgeMax
CREATE OR REPLACE TEMP TABLE employed_by_sex_cells AS
SELECT r.level, r.region, CAST(p.year AS VARCHAR) AS period, CAST(p.sex AS VARCHAR) AS sex,
       sum(p.n) FILTER (WHERE p.status = 'employed') AS employed,
       sum(p.n) AS population
FROM persons AS p
JOIN region_map AS m ON m.kommun = p.home_kommun
JOIN region_keys AS r ON r.region_key = m.region_key
WHERE p.age BETWEEN {{.AgeMin}} AND {{.AgeMax}}
GROUP BY ALL
`,
	"employed_by_sex/andel_sysselsatta_kon.sql": `-- name: andel_sysselsatta_kon
-- label: Andel sysselsatta
-- version: 1
-- unit: procent
-- section: 3
-- family: employed_by_sex
-- dimensions: sex
-- numerator: employed
-- denominator: population
SELECT level AS region_level, region, period, sex,
       100.0 * coalesce(employed, 0) / population AS value,
       coalesce(employed, 0) AS numerator, population AS denominator, population AS n
FROM employed_by_sex_cells
`,
}

// TestFamilyFromFolder adds a family from a folder alone and computes it
// with the built-in ones: familyCase has, in län 01 aged 20-64, men P1
// (2), P2 (3), P5 (5 students), P8 (1) and women P4 (4 unemployed): men
// 6 employed of 11, women 0 of 4.
func TestFamilyFromFolder(t *testing.T) {
	dir := t.TempDir()
	for name, text := range employedFamily {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cat, err := Builtin().With(os.DirFS(dir), ".")
	if err != nil {
		t.Fatal(err)
	}
	if got := cat.Families(); got[len(got)-1] != "employed_by_sex" || len(got) != len(Families())+1 {
		t.Fatalf("families %v", got)
	}
	if got := strings.Join(cat.FamilyInputs("employed_by_sex"), ","); got != "persons" {
		t.Errorf("inputs %s, want persons", got)
	}
	if _, ok := Lookup("andel_sysselsatta_kon"); ok {
		t.Error("the folder's indicator leaked into the built-in catalog")
	}
	db := openWith(t, familyCase)
	p := familyParams()
	p.Catalog = cat
	p.By = []string{DimSex}
	p.Indicators = []string{"andel_sysselsatta_kon", "antal_befolkning"}
	got := computeAll(t, db, p)
	for key, want := range map[string]float64{
		"employed_by_sex|andel_sysselsatta_kon|lan|01|1": 100.0 * 6 / 11,
		"employed_by_sex|andel_sysselsatta_kon|lan|01|2": 0,
		"status|antal_befolkning|lan|01|TOT|1":           11,
	} {
		if c := got[key]; c.value == nil || math.Abs(*c.value-want) > 1e-9 {
			t.Errorf("%s = %s, want %v", key, fmtPtr(c.value), want)
		}
	}
}

// TestFamilyFolderErrors: a bad folder names the file and the problem.
func TestFamilyFolderErrors(t *testing.T) {
	base := employedFamily["employed_by_sex/family.toml"]
	for _, tc := range []struct {
		name, file, text, want string
	}{
		{"unknown key", "family.toml", base + "colour = \"red\"\n", "strict mode"},
		{"no source", "family.toml", strings.Replace(base, "[[source]]", "[[other]]", 1), "family.toml"},
		{"bad need", "family.toml", strings.Replace(base, "dimensions", "needs = [\"coffee\"]\ndimensions", 1), `needs "coffee"`},
		{"missing cells", "cells.sql", "", "cells.sql"},
		{"unknown Go step", "family.toml", strings.Replace(base, "dimensions", "after_suppression = \"magic\"\ndimensions", 1), `Go step "magic" unknown`},
		{"wrong dims", "andel_sysselsatta_kon.sql", strings.Replace(employedFamily["employed_by_sex/andel_sysselsatta_kon.sql"], "-- dimensions: sex", "-- dimensions: edu_group", 1), "dimensions"},
		{"clash", "andel_sysselsatta_kon.sql", strings.Replace(employedFamily["employed_by_sex/andel_sysselsatta_kon.sql"], "-- name: andel_sysselsatta_kon", "-- name: forvarvsgrad", 1), "exists already"},
	} {
		fsys := fstest.MapFS{}
		for name, text := range employedFamily {
			fsys[name] = &fstest.MapFile{Data: []byte(text)}
		}
		if tc.text == "" {
			delete(fsys, "employed_by_sex/"+tc.file)
		} else {
			fsys["employed_by_sex/"+tc.file] = &fstest.MapFile{Data: []byte(tc.text)}
		}
		_, err := Builtin().With(fsys, ".")
		var fe *FamilyError
		var me *MetadataError
		switch {
		case err == nil:
			t.Errorf("%s: accepted", tc.name)
		case !errors.As(err, &fe) && !errors.As(err, &me):
			t.Errorf("%s: %T %v, want a FamilyError or MetadataError", tc.name, err, err)
		case !strings.Contains(err.Error(), tc.want):
			t.Errorf("%s: %v, want it to mention %q", tc.name, err, tc.want)
		}
	}
}

// TestTemplateParamsDeclared: a template reading a parameter its header
// does not declare fails to render, so a header lists everything a file
// depends on.
func TestTemplateParamsDeclared(t *testing.T) {
	fsys := fstest.MapFS{
		"ok.sql":      {Data: []byte("-- params: AgeMin\nSELECT {{.AgeMin}}")},
		"undecl.sql":  {Data: []byte("-- params: AgeMin\nSELECT {{.AgeMax}}")},
		"unknown.sql": {Data: []byte("-- params: Colour\nSELECT 1")},
	}
	tp := templateParams{AgeMin: 20, AgeMax: 64}
	if q, err := renderFS(fsys, "ok.sql", tp); err != nil || !strings.HasSuffix(q, "SELECT 20") {
		t.Errorf("ok.sql: %q, %v", q, err)
	}
	if _, err := renderFS(fsys, "undecl.sql", tp); err == nil {
		t.Error("undecl.sql rendered an undeclared parameter")
	}
	if _, err := renderFS(fsys, "unknown.sql", tp); err == nil || !strings.Contains(err.Error(), `"Colour"`) {
		t.Errorf("unknown.sql: %v", err)
	}
}

// TestCompile: the script of a family holds the region tables, the cells
// and the final SELECT, runs as written on a fresh connection, and gives
// the rows Compute gives.
func TestCompile(t *testing.T) {
	ctx := context.Background()
	db := openWith(t, familyCase)
	p := familyParams()
	s, err := NewSession(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	var script strings.Builder
	if err := s.Compile(ctx, p, "status", &script); err != nil {
		t.Fatal(err)
	}
	s.Close()
	text := script.String()
	for _, want := range []string{"CREATE OR REPLACE TEMP TABLE region_keys", "CREATE OR REPLACE TEMP TABLE status_cells",
		"-- params: AgeMin, AgeMax, ByEdu, BySex", "SELECT * FROM results_status ORDER BY indicator, region_level, region, period, edu_group, sex;"} {
		if !strings.Contains(text, want) {
			t.Errorf("script lacks %q", want)
		}
	}
	conn, err := db.SQL().Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, strings.TrimSuffix(text[:strings.LastIndex(text, "SELECT * FROM results_status")], "\n")); err != nil {
		t.Fatalf("the script does not run: %v", err)
	}
	var fromScript, n int64
	if err := conn.QueryRowContext(ctx, "SELECT count(*), sum(numerator) FROM results_status").Scan(&n, &fromScript); err != nil {
		t.Fatal(err)
	}
	got := computeAll(t, db, p)
	var rows, sum int64
	for k, c := range got {
		if strings.HasPrefix(k, "status|") {
			rows++
			if c.num != nil {
				sum += *c.num
			}
		}
	}
	if n != rows || fromScript != sum {
		t.Errorf("script: %d rows, numerators sum %d; Compute: %d rows, %d", n, fromScript, rows, sum)
	}
	s, err = NewSession(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Compile(ctx, p, "no_such", &script); err == nil || !strings.Contains(err.Error(), "unknown family") {
		t.Errorf("unknown family: %v", err)
	}
}
