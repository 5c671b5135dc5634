package bench

import (
	"context"
	"path/filepath"
	"testing"

	"lmi/fixtures"
	"lmi/ingest/load"
)

// TestLMIAgreesWithBaseline runs both sides on a small synthetic register:
// the harness's agreement check must hold, and must notice a difference.
func TestLMIAgreesWithBaseline(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := fixtures.Generate(fixtures.Config{Persons: 6000, Years: 3, Seed: 7, Out: dir, Formats: []string{"parquet"}}); err != nil {
		t.Fatal(err)
	}
	db, s, err := OpenSession(ctx, filepath.Join(dir, "b.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	defer s.Close()
	if _, err := load.Persons(ctx, db, filepath.Join(dir, "persons.parquet"), load.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := RunLMI(ctx, s); err != nil {
		t.Fatal(err)
	}
	if _, err := RunBaseline(ctx, s); err != nil {
		t.Fatal(err)
	}
	if _, err := RunTuned(ctx, s); err != nil {
		t.Fatal(err)
	}
	k := MatchingParams().K
	for _, table := range []string{BaselineTable, TunedTable} {
		d, err := CompareMatching(ctx, s, table, k)
		if err != nil {
			t.Fatal(err)
		}
		if !d.OK() {
			t.Fatalf("lmi and %s disagree: %v", table, d)
		}
	}

	// Break one baseline cell that lmi publishes: the check must see it.
	if _, err := s.Conn().ExecContext(ctx, `UPDATE baseline SET a = a + 100, matchningsgrad = 0
		WHERE (CAST(year AS VARCHAR), lan, edu_group, sex) = (
		    SELECT (period, region, edu_group, sex) FROM results_matching
		    WHERE indicator = 'antal_helt_matchade' AND NOT suppressed AND region_level = 'lan'
		      AND (period, region, edu_group, sex) IN (
		          SELECT (period, region, edu_group, sex) FROM results_matching
		          WHERE indicator = 'matchningsgrad' AND NOT suppressed)
		    ORDER BY numerator DESC LIMIT 1)`); err != nil {
		t.Fatal(err)
	}
	d, err := CompareMatching(ctx, s, BaselineTable, k)
	if err != nil {
		t.Fatal(err)
	}
	if d.OK() || d.Counts != 1 || d.Rates != 1 {
		t.Errorf("after breaking one cell: %v, want 1 count and 1 rate differing", d)
	}
}

// TestFamilyBaselinesAgree: the status and commuting baselines compute the
// same counts as lmi on a small register.
func TestFamilyBaselinesAgree(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := fixtures.Generate(fixtures.Config{Persons: 5000, Years: 2, Seed: 9, Out: dir, Formats: []string{"parquet"}}); err != nil {
		t.Fatal(err)
	}
	db, s, err := OpenSession(ctx, filepath.Join(dir, "b.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	defer s.Close()
	if _, err := load.Persons(ctx, db, filepath.Join(dir, "persons.parquet"), load.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, fam := range []string{"status", "commuting"} {
		if _, err := RunFamily(ctx, s, fam); err != nil {
			t.Fatal(err)
		}
		if _, err := RunFamilyBaseline(ctx, s, fam); err != nil {
			t.Fatal(err)
		}
		cells, differ, err := CompareFamily(ctx, s, fam, FamilyParams(fam).K)
		if err != nil {
			t.Fatal(err)
		}
		if cells == 0 || differ != 0 {
			t.Errorf("%s: %d of %d cells differ", fam, differ, cells)
		}
		// Break one published cell: the check must see it.
		col, ind := "employed", "antal_forvarvsarbetande"
		if fam == "commuting" {
			col, ind = "night", "nattbefolkning"
		}
		if _, err := s.Conn().ExecContext(ctx, `UPDATE baseline_`+fam+` SET `+col+` = `+col+` + 1000
			WHERE (CAST(year AS VARCHAR), lan, edu_group, sex) = (
			    SELECT (period, region, edu_group, sex) FROM results_`+fam+`
			    WHERE indicator = '`+ind+`' AND region_level = 'lan' AND NOT suppressed
			    ORDER BY numerator DESC LIMIT 1)`); err != nil {
			t.Fatal(err)
		}
		if _, differ, _ := CompareFamily(ctx, s, fam, 5); differ != 1 {
			t.Errorf("%s: a broken baseline cell gives %d differences, want 1", fam, differ)
		}
	}
}
