package forecast

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"lmi/codes"
	"lmi/indicators"
	"lmi/store"
)

// TestPublishedEmploymentCells: SCB's published employment cells (a
// workplace län, no ages) give the employment series where whole län make
// up the region, "99" only in riket; replacement, and so openings,
// balance and class, are not estimated.
//
// 2512, 2020-2024, constant: Stockholms län (01) 10, Gotland (09) 4,
// unknown or abroad (99) 6. Län: 01 = 10 and 09 = 4. FA: only Gotland's
// FA region is whole län, 4; Stockholm's FA region takes in kommuner of
// other län, so the 01 cells cannot be placed there. Riket: 10 + 4 + 6 =
// 20. On the home basis the cells, which know no home, count nowhere.
func TestPublishedEmploymentCells(t *testing.T) {
	db, err := store.Open(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var values []string
	for y := 2020; y <= 2024; y++ {
		for _, c := range []struct {
			lan string
			n   int
		}{{"01", 10}, {"09", 4}, {"99", 6}} {
			values = append(values, fmt.Sprintf("(%d, '%s', 'employed', '2512', '1', %d, 'yreg')", y, c.lan, c.n))
		}
	}
	if _, err := db.SQL().ExecContext(t.Context(), "INSERT INTO persons (year, work_lan, status, ssyk4, sex, n, source) VALUES "+strings.Join(values, ", ")); err != nil {
		t.Fatal(err)
	}
	gotlandFA, _ := codes.RollUp(codes.LevelFA, "0980")
	stockholmFA, _ := codes.RollUp(codes.LevelFA, "0180")

	p := DefaultParams()
	p.Horizon = 2
	p.Levels = []codes.Level{codes.LevelLan, codes.LevelFA, codes.LevelRiket}
	res := run(t, db, p)
	if !res.NoAges || res.Origin != 2024 {
		t.Fatalf("NoAges %v origin %d, want true and 2024", res.NoAges, res.Origin)
	}
	employed := map[string]float64{}
	for _, r := range res.Rows {
		if r.SSYKLevel == 4 && r.H == 1 && r.Region != indicators.AllRegions {
			employed[r.Level+"/"+r.Region] = r.Employed
			if !math.IsNaN(r.Replacement) || !math.IsNaN(r.Openings) || !math.IsNaN(r.Balance) || !math.IsNaN(r.PShortage) || r.Class != 0 {
				t.Errorf("%s/%s: replacement %v openings %v balance %v p %v class %d, want unknown",
					r.Level, r.Region, r.Replacement, r.Openings, r.Balance, r.PShortage, r.Class)
			}
			if r.Employment != r.Employed {
				t.Errorf("%s/%s: constant series projected to %v, want %v", r.Level, r.Region, r.Employment, r.Employed)
			}
		}
	}
	want := map[string]float64{"lan/01": 10, "lan/09": 4, "fa/" + gotlandFA: 4, "riket/00": 20}
	if fmt.Sprint(employed) != fmt.Sprint(want) {
		t.Errorf("employed by region %v, want %v (nothing in %s)", employed, want, stockholmFA)
	}

	p.Basis = indicators.Home
	s, err := indicators.NewSession(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := Compute(t.Context(), s, p); !errors.Is(err, ErrNoEmployment) {
		t.Errorf("home basis over cells without a home: %v, want ErrNoEmployment", err)
	}
}
