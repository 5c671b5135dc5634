package forecast

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"lmi/fixtures"
	"lmi/indicators"
	"lmi/ingest/load"
	"lmi/store"
)

func TestInputs(t *testing.T) {
	if got, want := strings.Join(Inputs(DefaultParams()), ","), "graduates,jobseekers,persons"; got != want {
		t.Errorf("Inputs = %s, want %s", got, want)
	}
}

// The forecast depends only on Inputs: made again with every other store
// table emptied (in a transaction rolled back afterwards), it is the
// same; emptying an input it uses changes it (or fails). Both supply
// paths: the person panel, and graduates when persons has no person ids.
func TestInputsComplete(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := fixtures.Generate(fixtures.Config{Persons: 3000, Years: 3, Seed: 5, Out: dir, Formats: []string{"parquet"}}); err != nil {
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
	p := DefaultParams()
	p.K = 0
	in := Inputs(p)
	// run forecasts with the tables in empty emptied (and, without a
	// panel, the person ids removed) and returns the rows as text.
	run := func(panel bool, empty []string) (string, error) {
		s, err := indicators.NewSession(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, err := s.Conn().ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
			t.Fatal(err)
		}
		defer s.Conn().ExecContext(ctx, "ROLLBACK")
		if !panel {
			if _, err := s.Conn().ExecContext(ctx, "UPDATE persons SET person_id = NULL"); err != nil {
				t.Fatal(err)
			}
		}
		for _, tab := range empty {
			if _, err := s.Conn().ExecContext(ctx, "DELETE FROM "+tab); err != nil {
				t.Fatal(err)
			}
		}
		res, err := Compute(ctx, s, p)
		if err != nil {
			return "", err
		}
		if res.Panel != panel {
			t.Fatalf("panel %v, want %v", res.Panel, panel)
		}
		var sb strings.Builder
		for _, r := range res.Rows {
			fmt.Fprintf(&sb, "%+v\n", r)
		}
		for _, sel := range res.Selections {
			fmt.Fprintf(&sb, "%+v\n", sel)
		}
		return sb.String(), nil
	}
	var others []string
	for _, tab := range store.Tables {
		if !slices.Contains(in, tab) {
			others = append(others, tab)
		}
	}
	for _, panel := range []bool{true, false} {
		full, err := run(panel, nil)
		if err != nil {
			t.Fatalf("panel %v: %v", panel, err)
		}
		if only, err := run(panel, others); err != nil {
			t.Errorf("panel %v, %v emptied: %v", panel, others, err)
		} else if only != full {
			t.Errorf("panel %v: another forecast with %v emptied: it reads a table Inputs does not list", panel, others)
		}
		for _, tab := range in {
			if tab == "graduates" && panel {
				continue // read only without a panel
			}
			if got, err := run(panel, []string{tab}); err == nil && got == full {
				t.Errorf("panel %v: the same forecast with %s emptied", panel, tab)
			}
		}
	}
}
