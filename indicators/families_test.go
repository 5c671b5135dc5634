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
	p.KeepCells = true
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

// TestPopulationFlows follows five persons from 2020 to 2021 in Stockholms
// län (0180, 0114) and Uppsala län (0380):
//
//	1: 0180 -> 0180, 5-48 both years             stays
//	2: 0180 -> 0380                              moves out of 01 (and of 0180)
//	3: 0180 -> 0114                              moves within 01: a move at kommun level only
//	4: 17 in 2020, 18 in 2021, 0180              ages in
//	5: 0180, 3-34 -> 5-48                        changes education group
//	6: 0180 in 2020 only                         leaves the register
//	7: 0180 in 2021 only                         new in the register
func TestPopulationFlows(t *testing.T) {
	rows := "year,person_id,home_kommun,status,ssyk4,edu_group,sex,age,birth_region\n" +
		"2020,1,0180,outside,,5-48,1,30,1\n2021,1,0180,outside,,5-48,1,31,1\n" +
		"2020,2,0180,outside,,5-48,1,30,1\n2021,2,0380,outside,,5-48,1,31,1\n" +
		"2020,3,0180,outside,,5-48,1,30,1\n2021,3,0114,outside,,5-48,1,31,1\n" +
		"2020,4,0180,outside,,5-48,1,17,1\n2021,4,0180,outside,,5-48,1,18,1\n" +
		"2020,5,0180,outside,,3-34,1,30,1\n2021,5,0180,outside,,5-48,1,31,1\n" +
		"2020,6,0180,outside,,5-48,1,40,1\n" +
		"2021,7,0180,outside,,5-48,1,40,1\n"
	db := openWith(t, rows)
	p := familyParams()
	p.Levels = []codes.Level{codes.LevelKommun, codes.LevelLan}
	p.By = []string{DimEdu}
	p.Indicators = []string{"befolkning_ar1", "befolkning_ar2", "nettoforandring", "avlidna_utvandrade", "aldersuttraden",
		"utflyttare", "ut_ur_utbildningsgrupp", "nya_i_registret", "aldersintraden", "inflyttare", "in_i_utbildningsgrupp"}
	got := computeAll(t, db, p)
	cell := func(ind, level, region string) float64 {
		c, ok := got["population_flows|"+ind+"|"+level+"|"+region+"|5-48|TOT"]
		if !ok || c.value == nil {
			return 0
		}
		return *c.value
	}
	// Län 01, education group 5-48: 2020 persons 1, 2, 3, 6 (4 is 17, 5 is
	// 3-34); 2021 persons 1, 3, 4, 5, 7.
	for ind, want := range map[string]float64{
		"befolkning_ar1": 4, "befolkning_ar2": 5, "nettoforandring": 1,
		"utflyttare": 1, "avlidna_utvandrade": 1, "aldersintraden": 1, "in_i_utbildningsgrupp": 1, "nya_i_registret": 1,
		"inflyttare": 0,
	} {
		if got := cell(ind, "lan", "01"); got != want {
			t.Errorf("län 01 %s = %v, want %v", ind, got, want)
		}
	}
	// At kommun level person 3 moves from 0180 to 0114.
	if got := cell("utflyttare", "kommun", "0180"); got != 2 {
		t.Errorf("0180 utflyttare = %v, want 2", got)
	}
	if got := cell("inflyttare", "kommun", "0114"); got != 1 {
		t.Errorf("0114 inflyttare = %v, want 1", got)
	}

	// The identity on a synthetic panel, every cell at every level.
	syn := openSynthetic(t)
	s, err := NewSession(t.Context(), syn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p = DefaultParams()
	p.Levels = []codes.Level{codes.LevelKommun, codes.LevelLan, codes.LevelFA, codes.LevelRiket}
	p.Indicators = []string{"befolkning_ar1"}
	p.KeepCells = true
	if _, err := s.Compute(t.Context(), p); err != nil {
		t.Fatal(err)
	}
	var cells, broken int
	err = s.Conn().QueryRowContext(t.Context(), `SELECT count(*), count(*) FILTER (WHERE
		population2 - population1 <> new_in_register + aged_in + moved_in + joined_group
		                              - died_or_emigrated - aged_out - moved_out - left_group)
		FROM population_flows_cells`).Scan(&cells, &broken)
	if err != nil {
		t.Fatal(err)
	}
	if cells == 0 || broken != 0 {
		t.Errorf("%d of %d cells break population2 - population1 = entries - exits", broken, cells)
	}
}

// TestJobInflows: in 2021, in Stockholms län, four persons are employed:
// one was unemployed in 2020 (new), one worked in Uppsala in 2020
// (switcher), one in another industry (switcher), one is unchanged.
func TestJobInflows(t *testing.T) {
	rows := "year,person_id,home_kommun,work_kommun,status,ssyk4,sni,edu_group,sex,age,birth_region\n" +
		"2020,1,0180,,unemployed,,,5-48,1,30,1\n2021,1,0180,0180,employed,2512,62,5-48,1,31,1\n" +
		"2020,2,0180,0380,employed,2512,62,5-48,1,30,1\n2021,2,0180,0180,employed,2512,62,5-48,1,31,1\n" +
		"2020,3,0180,0180,employed,2512,47,5-48,1,30,1\n2021,3,0180,0180,employed,2512,62,5-48,1,31,1\n" +
		"2020,4,0180,0180,employed,2512,62,5-48,1,30,1\n2021,4,0180,0180,employed,2512,62,5-48,1,31,1\n"
	db := openWith(t, rows)
	p := familyParams()
	p.Levels = []codes.Level{codes.LevelLan}
	got := computeAll(t, db, p)
	// SNI 62 is in section J (information and communication).
	for ind, want := range map[string]float64{
		"antal_nya_forvarvsarbetande": 1, "antal_jobbytare": 2, "antal_jobbinflode": 3,
		"andel_jobbinflode": 75, "andel_nya_forvarvsarbetande": 25,
	} {
		c := got["job_inflows|"+ind+"|lan|01|J|TOT"]
		if c.value == nil || *c.value != want {
			t.Errorf("%s = %s, want %v", ind, fmtPtr(c.value), want)
		}
	}
}
