package indicators

import (
	"math"
	"strings"
	"testing"

	"lmi/codes"
)

// familyCase exercises status, commuting, demography and age structure.
// Everything is 2021; län 01 holds 0180 (Stockholm), län 03 holds 0380
// (Uppsala).
//
//	P1 lives 0180, works 0380, employed 2512, 58, n 2
//	P2 lives 0180, works 0180, employed 2512, 30, n 3
//	P3 lives 0380, works 0180, employed 5223, 61, n 1
//	P4 lives 0180, unemployed, 40, n 4
//	P5 lives 0180, student, 22, n 5
//	P6 lives 0180, outside, 70, n 6 (outside the 20-64 band)
//	P7 lives 0380, outside, 10, n 7 (outside the band)
//	P8 lives 0180, works 0180, employed, occupation unknown, 45, n 1
const familyCase = header +
	"2021,0180,0380,employed,2512,5-48,1,58,1,2\n" +
	"2021,0180,0180,employed,2512,5-48,1,30,1,3\n" +
	"2021,0380,0180,employed,5223,3-34,2,61,1,1\n" +
	"2021,0180,,unemployed,,3-34,2,40,1,4\n" +
	"2021,0180,,student,,3-34,1,22,1,5\n" +
	"2021,0180,,outside,,2-01,2,70,1,6\n" +
	"2021,0380,,outside,,2-01,1,10,1,7\n" +
	"2021,0180,0180,employed,,5-48,1,45,1,1\n"

func familyParams() Params {
	p := DefaultParams()
	p.Levels = []codes.Level{codes.LevelLan, codes.LevelRiket}
	p.By = nil
	p.K = 0 // the values themselves; suppression has tests of its own
	p.Key = KeySpec{MapFile: "testdata/matchmap.csv"}
	return p
}

func TestFamiliesHandComputed(t *testing.T) {
	db := openWith(t, familyCase)
	got := computeAll(t, db, familyParams())
	cases := []struct {
		key      string
		value    float64
		num, den int64 // den -1: none
	}{
		// status, ages 20-64, where people live
		{"status|antal_forvarvsarbetande|lan|01|TOT|TOT", 6, 6, -1},
		{"status|antal_arbetslosa|lan|01|TOT|TOT", 4, 4, -1},
		{"status|antal_studerande|lan|01|TOT|TOT", 5, 5, -1},
		{"status|antal_befolkning|lan|01|TOT|TOT", 15, 15, -1},
		{"status|arbetsloshet|lan|01|TOT|TOT", 40, 4, 10},
		{"status|andel_forvarvsarbetande|lan|01|TOT|TOT", 40, 6, 15},
		{"status|andel_utanfor_arbetskraften|lan|01|TOT|TOT", 100.0 / 3, 5, 15},
		{"status|antal_befolkning|lan|03|TOT|TOT", 1, 1, -1},
		// commuting
		{"commuting|nattbefolkning|lan|01|TOT|TOT", 6, 6, -1},
		{"commuting|dagbefolkning|lan|01|TOT|TOT", 5, 5, -1},
		{"commuting|antal_bor_och_arbetar|lan|01|TOT|TOT", 4, 4, -1},
		{"commuting|antal_utpendlare|lan|01|TOT|TOT", 2, 2, -1},
		{"commuting|antal_inpendlare|lan|01|TOT|TOT", 1, 1, -1},
		{"commuting|andel_utpendling|lan|01|TOT|TOT", 100.0 / 3, 2, 6},
		{"commuting|andel_inpendling|lan|01|TOT|TOT", 20, 1, 5},
		{"commuting|sjalvforsorjningsgrad|lan|01|TOT|TOT", 200.0 / 3, 4, 6},
		{"commuting|antal_inpendlare|lan|03|TOT|TOT", 2, 2, -1},
		{"commuting|antal_utpendlare|lan|03|TOT|TOT", 1, 1, -1},
		{"commuting|antal_bor_och_arbetar|riket|00|TOT|TOT", 7, 7, -1},
		{"commuting_matrix|antal_pendlare|lan|01|01", 4, 4, -1},
		{"commuting_matrix|antal_pendlare|lan|01|03", 2, 2, -1},
		{"commuting_matrix|antal_pendlare|lan|03|01", 1, 1, -1},
		{"commuting_matrix|antal_pendlare|riket|00|00", 7, 7, -1},
		// demography, every age
		{"demography|forsorjningskvot|lan|01|TOT", 0.4, 6, 15},
		{"demography|forsorjningskvot|lan|03|TOT", 7, 7, 1},
		{"demography|forsorjningskvot|riket|00|TOT", 13.0 / 16, 13, 16},
		{"demography|antal_invanare|riket|00|TOT", 29, 29, -1},
		// age structure of the employed with an occupation, where they live
		{"age_structure|andel_55_plus|lan|01|2512", 40, 2, 5},
		{"age_structure|andel_60_plus|lan|01|2512", 0, 0, 5},
		{"age_structure|andel_60_plus|lan|03|5223", 100, 1, 1},
		{"age_structure|antal_sysselsatta_yrke|riket|00|2512", 5, 5, -1},
	}
	for _, c := range cases {
		r, ok := got[c.key]
		if !ok {
			t.Errorf("%s: no such cell", c.key)
			continue
		}
		if r.suppressed || r.value == nil || math.Abs(*r.value-c.value) > 1e-9 {
			t.Errorf("%s: value %s (suppressed %v), want %v", c.key, fmtPtr(r.value), r.suppressed, c.value)
			continue
		}
		if *r.num != c.num || (c.den < 0) != (r.den == nil) || (c.den >= 0 && *r.den != c.den) {
			t.Errorf("%s: %s / %s, want %d / %d", c.key, fmtPtr(r.num), fmtPtr(r.den), c.num, c.den)
		}
	}

	// Where people work, the age structure follows the jobs.
	p := familyParams()
	p.Basis = Workplace
	p.Indicators = []string{"andel_55_plus"}
	work := computeAll(t, db, p)
	for key, want := range map[string]float64{
		"age_structure|andel_55_plus|lan|03|2512": 100,
		"age_structure|andel_55_plus|lan|01|5223": 100,
	} {
		if r := work[key]; r.value == nil || *r.value != want {
			t.Errorf("workplace basis %s = %s, want %v", key, fmtPtr(r.value), want)
		}
	}
}

func TestOverAndUnderEducation(t *testing.T) {
	db := openWith(t, handCase)
	p := handParams()
	p.K = 1
	got := compute(t, db, p)
	// Men 5-48 in Stockholm: A 5 (helt/ratt), B 3 (helt/hogre), C 2 not in
	// the key, so 8 have a level judgement and 3 of them are above it.
	c := got["overutbildning|2021|lan|01|5-48|1|inrikes"]
	if c.value == nil || *c.value != 37.5 || *c.num != 3 || *c.den != 8 {
		t.Errorf("overutbildning = %s (%s/%s), want 37.5 (3/8)", fmtPtr(c.value), fmtPtr(c.num), fmtPtr(c.den))
	}
	if c := got["underutbildning|2021|lan|01|5-48|1|inrikes"]; !c.suppressed {
		t.Errorf("underutbildning with a zero numerator is not suppressed")
	}
}

// TestNationalTotalsAreSums checks on a synthetic register that, for every
// count that adds up over regions, riket equals the sum of the län and the
// sum of the FA regions, cell by cell.
func TestNationalTotalsAreSums(t *testing.T) {
	db := openSynthetic(t)
	p := DefaultParams()
	p.Levels = []codes.Level{codes.LevelLan, codes.LevelFA, codes.LevelRiket}
	s, err := NewSession(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Compute(t.Context(), p); err != nil {
		t.Fatal(err)
	}
	additive := map[string][]string{
		"matching":      {"a", "b", "c", "d", "e", "l", "h", "u"},
		"status":        {"employed", "unemployed", "students", "others", "population"},
		"commuting":     {"night", "day"},
		"demography":    {"young", "working_age", "old", "population"},
		"age_structure": {"employed", "aged_55", "aged_60"},
	}
	for fam, cols := range additive {
		f, _ := familyByName(fam)
		keys := strings.Join(append([]string{"period"}, f.dims...), ", ")
		for _, col := range cols {
			q := `WITH r AS (SELECT ` + keys + `, ` + col + ` AS v FROM ` + fam + `_cells WHERE region_level = 'riket'),
			     l AS (SELECT region_level, ` + keys + `, sum(` + col + `) AS v FROM ` + fam + `_cells
			           WHERE region_level IN ('lan', 'fa') GROUP BY ALL)
			SELECT count(*), (SELECT count(*) FROM r) FROM l FULL JOIN r USING (` + keys + `)
			WHERE l.v IS DISTINCT FROM r.v`
			var bad, cells int
			if err := s.Conn().QueryRowContext(t.Context(), q).Scan(&bad, &cells); err != nil {
				t.Fatalf("%s.%s: %v", fam, col, err)
			}
			if bad != 0 || cells == 0 {
				t.Errorf("%s.%s: %d of %d riket cells are not the sum of their regions", fam, col, bad, cells)
			}
		}
	}
}

func prefixComma(s string) string {
	if s == "" {
		return ""
	}
	return ", " + s
}
