package indicators

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"lmi/codes"
	"lmi/fixtures"
	"lmi/ingest/load"
	"lmi/store"
)

func TestFamilyInputs(t *testing.T) {
	want := map[string]string{
		"matching":          "persons,scb_rmi_e3,scb_rmi_e4",
		"status":            "persons,scb_rmi_u1a,scb_rmi_u1b",
		"commuting":         "persons,scb_rmi_u2",
		"commuting_matrix":  "persons",
		"demography":        "persons,scb_rmi_r1a",
		"age_structure":     "persons,scb_employment_age",
		"population_flows":  "persons,scb_rmi_u3",
		"job_inflows":       "persons,scb_rmi_e2b",
		"tightness":         "hires,jobseekers,vacancies",
		"beveridge":         "jobseekers,persons,vacancies",
		"mismatch":          "jobseekers,persons,vacancies",
		"matching_function": "hires,jobseekers,vacancies",
		"employment":        "persons,scb_employment",
	}
	fams := Families()
	if len(fams) != len(families) || fams[0] != "matching" || !slices.Contains(fams, "matching_function") {
		t.Fatalf("Families() = %v", fams)
	}
	for _, f := range fams {
		got := strings.Join(FamilyInputs(f), ",")
		if w, ok := want[f]; !ok {
			t.Logf("family %s reads %s (TestFamilyInputsComplete checks it)", f, got)
		} else if got != w {
			t.Errorf("FamilyInputs(%s) = %s, want %s", f, got, w)
		}
	}
	if FamilyInputs("no_such_family") != nil {
		t.Error("an unknown family has inputs")
	}
}

func TestSQLInputs(t *testing.T) {
	got := SQLInputs(`-- reads FROM hires in a comment only
WITH persons_cte AS (SELECT * FROM
    persons WHERE year > 0)
SELECT * FROM persons_cte JOIN Vacancies USING (x) LEFT JOIN region_map AS r ON true
JOIN jobseekers_cells ON true, graduates`)
	if want := []string{"persons", "vacancies"}; !slices.Equal(got, want) {
		t.Errorf("SQLInputs = %v, want %v", got, want)
	}
}

// A family's output depends only on its declared inputs, and not on the
// other families computed with it (lmi refresh recomputes some families
// and keeps the others): computed alone it is what a computation of
// every family gives, and computed again with every other store table
// emptied (in a transaction rolled back afterwards) it is the same.
// Emptying a declared input changes it (or fails), which shows the
// emptying reaches the computation.
func TestFamilyInputsComplete(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := fixtures.Generate(fixtures.Config{Persons: 3000, Years: 2, Seed: 5, Out: dir, Formats: []string{"parquet"}}); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, n := range []string{"persons", "jobseekers", "vacancies", "hires", "graduates"} {
		if _, err := load.File(ctx, db, filepath.Join(dir, n+".parquet"), load.Options{Table: n}); err != nil {
			t.Fatal(err)
		}
	}
	// dump returns a result table's rows as text.
	dump := func(s *Session, fr FamilyResult) string {
		rows, err := s.Conn().QueryContext(ctx, "SELECT * FROM "+fr.Table+" ORDER BY "+OutputOrder(fr.Dims))
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		var sb strings.Builder
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(&sb, vals...)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return sb.String()
	}
	params := func(family string) Params {
		p := DefaultParams()
		p.Levels = []codes.Level{codes.LevelLan, codes.LevelRiket}
		for _, ind := range All() {
			if family == "" || ind.Family == family {
				p.Indicators = append(p.Indicators, ind.Name)
			}
		}
		return p
	}
	// run computes the family alone with the tables in empty emptied and
	// returns its output rows as text.
	run := func(family string, empty []string) (string, error) {
		s, err := NewSession(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, err := s.Conn().ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
			t.Fatal(err)
		}
		defer s.Conn().ExecContext(ctx, "ROLLBACK")
		for _, tab := range empty {
			if _, err := s.Conn().ExecContext(ctx, "DELETE FROM "+tab); err != nil {
				t.Fatal(err)
			}
		}
		res, err := s.Compute(ctx, params(family))
		if err != nil || len(res.Families) == 0 {
			return "", err // no rows: the family had no input
		}
		return dump(s, res.Families[0]), nil
	}
	// Every family computed together, as a full run does.
	together := map[string]string{}
	s, err := NewSession(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Compute(ctx, params(""))
	if err != nil {
		t.Fatal(err)
	}
	for _, fr := range res.Families {
		together[fr.Family] = dump(s, fr)
	}
	s.Close()

	for _, f := range Families() {
		in := FamilyInputs(f)
		var others []string
		for _, tab := range store.Tables {
			if !slices.Contains(in, tab) {
				others = append(others, tab)
			}
		}
		full, err := run(f, nil)
		if err != nil {
			t.Fatalf("family %s: %v", f, err)
		}
		if full == "" {
			t.Logf("family %s: no rows from the fixtures, nothing to compare", f)
			continue
		}
		if full != together[f] {
			t.Errorf("family %s: computed alone, another output than computed with the other families", f)
		}
		only, err := run(f, others)
		if err != nil {
			t.Errorf("family %s with %v emptied: %v", f, others, err)
		} else if only != full {
			t.Errorf("family %s: another output with %v emptied: it reads a table FamilyInputs does not list", f, others)
		}
		// Listing a table the output does not depend on costs only a
		// needless recomputation, so one that matters is enough here.
		var matters []string
		for _, tab := range in {
			if got, err := run(f, []string{tab}); err != nil || got != full {
				matters = append(matters, tab)
			}
		}
		if len(matters) == 0 {
			t.Errorf("family %s: the same output with each of %v emptied", f, in)
		} else if len(matters) < len(in) {
			t.Logf("family %s: of %v only %v change the output of the fixtures", f, in, matters)
		}
	}
}
