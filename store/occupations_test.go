package store

import (
	"context"
	"slices"
	"testing"
)

// TestMapOccupations: the occupations of one extract (its assessments and
// its published cells' occupation codes, not another extract's) get the
// map's SSYK when the publisher has none for them yet.
func TestMapOccupations(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, err = db.SQL().ExecContext(ctx, `
		INSERT INTO assessments VALUES
		  ('p', '2024', '00', 'riket', 'A', 'index', 4, 4, NULL, 'x'),
		  ('p', '2024', '01', 'lan', 'A', 'index', 3, 3, NULL, 'x'),
		  ('p', '2024', '00', 'riket', 'B', 'index', 2, 2, NULL, 'x'),
		  ('p', '2024', '00', 'riket', 'E', 'index', 2, 2, NULL, 'other');
		INSERT INTO published_cells VALUES
		  ('h', NULL, ['occ', 'ar'], ['C', '2020'], ['C', '2020'], 1.0, NULL, 'x'),
		  ('h', NULL, ['region', 'ar'], ['D', '2020'], ['D', '2020'], 1.0, NULL, 'x');
		INSERT INTO occupation_map VALUES ('p', 'B', NULL, '5120', false, NULL, 'earlier')`)
	if err != nil {
		t.Fatal(err)
	}
	concepts := map[string][]string{"A": {"2512", "2513"}, "B": {"3411"}, "C": {"4111"}, "E": {"9111"}}
	got, err := db.MapOccupations(ctx, "x", "p", "occ", concepts)
	if err != nil {
		t.Fatal(err)
	}
	// A and C mapped now; B had SSYK already (kept); D is a region, E
	// another extract's.
	if !slices.Equal(got.Occupations, []string{"A", "B", "C"}) || len(got.Added) != 2 || !got.Added["A"] || !got.Added["C"] ||
		len(got.Before) != 1 || !got.Before["B"] {
		t.Errorf("got %+v", got)
	}
	var rows string
	if err := db.SQL().QueryRowContext(ctx, `SELECT string_agg(occupation || '=' || ssyk4 || '@' || source, ' ' ORDER BY occupation, ssyk4) FROM occupation_map`).Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if want := "A=2512@x A=2513@x B=5120@earlier C=4111@x"; rows != want {
		t.Errorf("occupation_map %s, want %s", rows, want)
	}
	// Again: nothing new.
	got, err = db.MapOccupations(ctx, "x", "p", "occ", concepts)
	if err != nil || len(got.Added) != 0 || len(got.Before) != 3 {
		t.Errorf("again: %+v %v", got, err)
	}
}
