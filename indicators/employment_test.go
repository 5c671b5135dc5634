package indicators

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"lmi/codes"
	"lmi/ingest/cube"
	"lmi/ingest/load"
	"lmi/store"
)

// The synthetic YREG tables of package fixtures/published: the numbers
// sums of a hidden kommun world with SCB's unknown region; in 2022, women
// in 9412 of Gotland (09) unpublished in YREG60, men in 941 of Vansbro
// (2021) in YREG58, women aged 60-64 in 941 of Gotland in YREG57.
const (
	fixtureYREG60 = "../fixtures/published/testdata/YREG60BAS.json"
	fixtureYREG58 = "../fixtures/published/testdata/YREG58BAS.json"
	fixtureYREG57 = "../fixtures/published/testdata/YREG57BAS.json"
	fixtureR1a    = "../fixtures/published/testdata/RegionInd19R1a.json"
)

// openFixtures loads fixture files into a new store.
func openFixtures(t *testing.T, files ...string) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, f := range files {
		if _, err := load.Any(ctx, db, f, load.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// fixtureCell is a fixture's number at the given codes, NaN where "..".
func fixtureCell(t *testing.T, tab *cube.Table, at map[string]string) float64 {
	t.Helper()
	idx := make([]int, len(tab.Dimensions))
	for code, value := range at {
		_, d, ok := tab.Dimension(code)
		if !ok {
			t.Fatalf("%s has no dimension %s", tab.ID, code)
		}
		if idx[d], ok = tab.Dimensions[d].Index(value); !ok {
			t.Fatalf("%s: dimension %s has no %s", tab.ID, code, value)
		}
	}
	off := tab.Offset(idx)
	if tab.Status[off] != "" {
		return math.NaN()
	}
	return tab.Values[off]
}

// grouping reads a grouping of kommuner, one region.
func grouping(t *testing.T, name, region string, kommuner ...string) *codes.Grouping {
	t.Helper()
	text := "region,code\n"
	for _, k := range kommuner {
		text += region + "," + k + "\n"
	}
	g, err := codes.ReadGrouping(strings.NewReader(text), name)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func employmentParams(levels ...codes.Level) Params {
	p := DefaultParams()
	p.Levels = levels
	p.By = []string{DimSex}
	p.Indicators = []string{"antal_sysselsatta_arbetsplats"}
	return p
}

// TestPublishedEmploymentHandComputed: a län's employees are SCB's cell
// for the län, SSYK 4 and sex; riket's own row equals its län and SCB's
// unknown region; and riket made of them (its own rows gone) is the same,
// except where a län's cell is unpublished: that sum has no number and
// says why, never zero, while Gotland's own row is SCB's "..".
func TestPublishedEmploymentHandComputed(t *testing.T) {
	db := openFixtures(t, fixtureYREG60)
	y60 := readFixture(t, fixtureYREG60)
	got, res := computePublished(t, db, employmentParams(codes.LevelLan, codes.LevelRiket))
	if len(res.Families) != 1 || res.Families[0].Source != "published" {
		t.Fatalf("families %+v: want employment from the published source", res.Families)
	}
	at := func(region, ssyk, sex, year string) float64 {
		return fixtureCell(t, y60, map[string]string{"Region": region, "Yrke2012": ssyk, "Kon": sex, "Tid": year})
	}
	key := func(level, region, year, ssyk, sex string) string {
		return "antal_sysselsatta_arbetsplats|" + year + "|" + level + "|" + region + "|" + ssyk + "|" + sex
	}
	if r := got[key("lan", "20", "2022", "9412", "2")]; !r.value.Valid || r.value.Float64 != at("20", "9412", "2", "2022") || r.source != "YREG60BAS" {
		t.Errorf("Dalarna 9412 women 2022: %+v, want %v from YREG60BAS", r, at("20", "9412", "2", "2022"))
	}
	if r := got[key("lan", "14", "2021", "0002", "1")]; !r.value.Valid || r.value.Float64 != at("14", "0002", "1", "2021") {
		t.Errorf("Västra Götaland yrke okänt men 2021: %+v, want %v", r, at("14", "0002", "1", "2021"))
	}
	if r := got[key("lan", "09", "2022", "9412", "2")]; !r.suppressed || r.value.Valid || r.reason.String != "not published by SCB" {
		t.Errorf("Gotland's unpublished own row: %+v", r)
	}
	// Riket's own row is its län and 99, by the fixture's numbers.
	for _, occ := range []string{"9411", "9412", "9520", "0002"} {
		sum := at("99", occ, "1", "2021")
		for _, l := range codes.Lan() {
			sum += at(l.Code, occ, "1", "2021")
		}
		if r := got[key("riket", "00", "2021", occ, "1")]; !r.value.Valid || r.value.Float64 != sum || sum != at("00", occ, "1", "2021") {
			t.Errorf("riket %s men 2021: %+v, its län and 99 sum to %v", occ, r, sum)
		}
	}
	// Without its own rows riket is made of its län and 99.
	if _, err := db.SQL().Exec("DELETE FROM scb_employment WHERE region = '00'"); err != nil {
		t.Fatal(err)
	}
	made, _ := computePublished(t, db, employmentParams(codes.LevelRiket))
	n := 0
	for k, own := range got {
		if !strings.Contains(k, "|riket|") {
			continue
		}
		n++
		m := made[k]
		if k == key("riket", "00", "2022", "9412", "2") {
			if !m.suppressed || m.value.Valid || m.reason.String != "incomplete: part of the sum is not published" {
				t.Errorf("%s from its län, Gotland's unpublished: %+v", k, m)
			}
			continue
		}
		if !m.value.Valid || m.value != own.value || m.source != "YREG60BAS" {
			t.Errorf("%s: from its län and 99 %+v, its own row %+v", k, m, own)
		}
	}
	if n != 2*5*2 {
		t.Errorf("%d riket rows, want 2 years x 5 occupations x 2 sexes", n)
	}
}

// TestPublishedEmploymentKommuner: a grouping of kommuner is summed from
// YREG58's kommun rows at SSYK 3, a län beside it keeps YREG60's SSYK 4,
// and the grouping's sum with Vansbro's unpublished cell has no number;
// with YREG60 alone the grouping is refused, naming the kommun rows it
// needs and YREG56 and YREG58.
func TestPublishedEmploymentKommuner(t *testing.T) {
	y58 := readFixture(t, fixtureYREG58)
	at := func(region, ssyk, sex, year string) float64 {
		return fixtureCell(t, y58, map[string]string{"Region": region, "Yrke2012": ssyk, "Kon": sex, "Tid": year})
	}
	p := employmentParams(codes.LevelLan)
	p.Groupings = []*codes.Grouping{grouping(t, "norra", "Norra Dalarna", "2039", "2021", "2023")}
	db := openFixtures(t, fixtureYREG60, fixtureYREG58)
	got, _ := computePublished(t, db, p)
	key := func(level, region, year, ssyk, sex string) string {
		return "antal_sysselsatta_arbetsplats|" + year + "|" + level + "|" + region + "|" + ssyk + "|" + sex
	}
	for _, occ := range []string{"941", "952", "0002"} {
		want := at("2039", occ, "2", "2022") + at("2021", occ, "2", "2022") + at("2023", occ, "2", "2022")
		if r := got[key("norra", "Norra Dalarna", "2022", occ, "2")]; !r.value.Valid || r.value.Float64 != want || r.source != "YREG58BAS" {
			t.Errorf("Norra Dalarna %s women 2022: %+v, want %v from YREG58BAS", occ, r, want)
		}
	}
	if r := got[key("norra", "Norra Dalarna", "2022", "941", "1")]; !r.suppressed || r.value.Valid || r.reason.String != "incomplete: part of the sum is not published" {
		t.Errorf("Norra Dalarna 941 men 2022, Vansbro's unpublished: %+v", r)
	}
	if _, ok := got[key("lan", "20", "2022", "941", "1")]; ok {
		t.Error("Dalarna has SSYK 3 rows beside YREG60's SSYK 4")
	}
	if r := got[key("lan", "20", "2022", "9411", "1")]; !r.value.Valid || r.source != "YREG60BAS" {
		t.Errorf("Dalarna 9411 men 2022: %+v, want YREG60's", r)
	}

	only60 := openFixtures(t, fixtureYREG60)
	s, err := NewSession(context.Background(), only60)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = s.Compute(context.Background(), p)
	var ue *UnitsError
	if !errors.As(err, &ue) {
		t.Fatalf("got %v, want a UnitsError", err)
	}
	for _, want := range []string{`grouping "norra"`, `"Norra Dalarna"`, "needs kommun rows", "YREG60BAS", "riket, län", "YREG56 and YREG58"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err, want)
		}
	}
}

// TestPublishedEmploymentRiketFromKommuner: YREG58's riket equals its
// kommuner and SCB's unknown kommun "9999", as lmi sums them when the
// table's riket and län rows are gone, and its län and "99" when only
// riket's are.
func TestPublishedEmploymentRiketFromKommuner(t *testing.T) {
	db := openFixtures(t, fixtureYREG58)
	y58 := readFixture(t, fixtureYREG58)
	p := employmentParams(codes.LevelRiket)
	key := "antal_sysselsatta_arbetsplats|2021|riket|00|941|2"
	want := fixtureCell(t, y58, map[string]string{"Region": "00", "Yrke2012": "941", "Kon": "2", "Tid": "2021"})
	for _, drop := range []string{"region = '00'", "length(region) = 2 AND region <> '99'"} {
		if _, err := db.SQL().Exec("DELETE FROM scb_employment WHERE " + drop); err != nil {
			t.Fatal(err)
		}
		got, _ := computePublished(t, db, p)
		if r := got[key]; !r.value.Valid || r.value.Float64 != want || r.suppressed {
			t.Errorf("riket 941 women 2021 without rows where %s: %+v, SCB's riket %v", drop, r, want)
		}
	}
}

// employmentCase: the employed of 2021 by workplace, län 01 holding 0180
// and 0114, län 03 holding 0380:
//
//	2512 men working in 0180: 3 aged 30, 2 aged 64, 4 aged 65 (too old)
//	2512 women working in 0114: 1 aged 16; 1 aged 15 (too young)
//	2512 men living in 0380 without a known workplace: 6 aged 40
//	occupation unknown, a woman working in 0380: 7 aged 50
//	5223 men living in 0180, working in 0380: 2 aged 33
//	a man aged 40 unemployed in 0180: not employed
const employmentCase = header +
	"2021,0180,0180,employed,2512,5-48,1,30,1,3\n" +
	"2021,0180,0180,employed,2512,5-48,1,64,1,2\n" +
	"2021,0180,0180,employed,2512,5-48,1,65,1,4\n" +
	"2021,0180,0114,employed,2512,5-48,2,16,1,1\n" +
	"2021,0180,0114,employed,2512,5-48,2,15,1,1\n" +
	"2021,0380,,employed,2512,5-48,1,40,1,6\n" +
	"2021,0180,0380,employed,,5-48,2,50,1,7\n" +
	"2021,0180,0380,employed,5223,3-34,1,33,1,2\n" +
	"2021,0180,,unemployed,,3-34,1,40,1,9\n"

// TestEmploymentRegisterHandComputed: from person records, the employed
// aged 16-64 by workplace (home kommun where it is unknown), SSYK 4 and
// sex, the unknown occupation as 0002.
func TestEmploymentRegisterHandComputed(t *testing.T) {
	db := openWith(t, employmentCase)
	p := employmentParams(codes.LevelLan, codes.LevelRiket)
	p.K = 0
	got := computeAll(t, db, p)
	for key, want := range map[string]float64{
		"lan|01|2512|1":   5,
		"lan|01|2512|2":   1,
		"lan|03|2512|1":   6,
		"lan|03|0002|2":   7,
		"lan|03|5223|1":   2,
		"riket|00|2512|1": 11,
		"riket|00|2512|2": 1,
		"riket|00|0002|2": 7,
		"riket|00|5223|1": 2,
	} {
		c := got["employment|antal_sysselsatta_arbetsplats|"+key]
		if c.value == nil || *c.value != want || c.num == nil || *c.num != int64(want) {
			t.Errorf("%s: %s, want %v", key, fmtPtr(c.value), want)
		}
	}
	var n int
	for k := range got {
		if strings.HasPrefix(k, "employment|") {
			n++
		}
	}
	if n != 9 {
		t.Errorf("%d employment rows, want the 9 above", n)
	}
}
