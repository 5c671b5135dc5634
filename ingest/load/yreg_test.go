package load

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestPublishedFixtures loads the synthetic SCB tables of package
// fixtures/published: YREG58 by kommun into scb_employment at SSYK level
// 3, checked against its own län and riket totals (the fixture's riket is
// its län and 99, and its kommuner and 9999, exactly), without persons
// cells; YREG57 into scb_employment_age; R1a into scb_rmi_r1a, its totals
// checked against their parts.
func TestPublishedFixtures(t *testing.T) {
	ctx := context.Background()
	db := openDB(t, filepath.Join(t.TempDir(), "lmi.duckdb"))
	dir := "../../fixtures/published/testdata"
	cases := []struct {
		file, tables string
		rows         int64
		checks       []string
	}{
		// 314 regions x (941, 952, yrke okänt) x 2 sexes x 2 years.
		{"YREG58BAS.json", "published_cells+scb_employment", 2 * 3768, []string{
			// 23 totals x 3 occupations x 2 sexes x 2 years, less the two of
			// Vansbro's (2021) hidden cell: Dalarna and riket from kommuner.
			"SCB employment by kommun: 274 totals checked against their parts (län against its kommuner, riket against its län and 99 and against its kommuner and 9999), 0 differ",
		}},
		{"YREG57BAS.json", "published_cells+scb_employment_age", 1840 + 1840, nil},
		// 25 regions x 3 sexes x 102 ages x 2 years.
		{"RegionInd19R1a.json", "published_cells+scb_rmi_r1a", 2 * 15300, []string{
			// ages: 25 regions x 3 sexes x 2 years = 150 less Gotland's women
			// in 2022; sexes: 25 x 102 ages x 2 = 5100 less Gotland's age 70
			// in 2022.
			"SCB RMI R1a: 5248 published totals checked against their parts, 0 differ",
		}},
	}
	for _, c := range cases {
		rep, err := Any(ctx, db, filepath.Join(dir, c.file), Options{})
		if err != nil {
			t.Errorf("%s: %v", c.file, err)
			continue
		}
		if rep.Table != c.tables || rep.RowsLoaded != c.rows {
			t.Errorf("%s: %d rows into %s, want %d into %s", c.file, rep.RowsLoaded, rep.Table, c.rows, c.tables)
		}
		var checks []string
		for _, ch := range rep.Checks {
			if strings.HasPrefix(ch, "SCB") {
				checks = append(checks, ch)
			}
		}
		if c.checks != nil && !slices.Equal(checks, c.checks) {
			t.Errorf("%s: checks\n %q\nwant\n %q", c.file, checks, c.checks)
		}
	}
	var levels string
	db.SQL().QueryRow(`SELECT string_agg(DISTINCT ssyk_level || ':' || coalesce(ssyk, '-'), ',' ORDER BY ssyk_level || ':' || coalesce(ssyk, '-'))
		FROM scb_employment`).Scan(&levels)
	if levels != "3:-,3:941,3:952" {
		t.Errorf("scb_employment occupations %q", levels)
	}
	var sex, age, n string
	db.SQL().QueryRow(`SELECT coalesce(sex, 'NULL'), coalesce(age, 'NULL'), coalesce(status, '')
		FROM scb_rmi_r1a WHERE region = '09' AND period = '2022' AND folkmangd IS NULL`).Scan(&sex, &age, &n)
	if sex != "2" || age != "70" || n != ".." {
		t.Errorf("R1a's hidden cell: sex %s, age %s, status %q", sex, age, n)
	}
}
