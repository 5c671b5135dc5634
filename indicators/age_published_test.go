package indicators

import (
	"fmt"
	"math"
	"testing"

	"lmi/codes"
	"lmi/session"
)

func agePublishedParams(levels ...codes.Level) Params {
	p := DefaultParams()
	p.Levels = levels
	p.Indicators = []string{"antal_sysselsatta_yrke", "andel_55_plus", "andel_60_plus", "forvantade_avgangar", "andel_forvantade_avgangar"}
	return p
}

// TestPublishedAgeStructureHandComputed: from YREG57, a län's employees
// of an SSYK 3 group are its bands and sexes; 55+ and 60+ are the bands
// from 55 and 60; expected exits weigh each band by the default profile's
// mean over its ages (no panel in the store). Riket's own row equals its
// län and SCB's unknown region, and so does riket made of them; a sum
// with Gotland's unpublished band has no number, never zero.
func TestPublishedAgeStructureHandComputed(t *testing.T) {
	db := openFixtures(t, fixtureYREG57)
	y57 := readFixture(t, fixtureYREG57)
	got, res := computePublished(t, db, agePublishedParams(codes.LevelLan, codes.LevelRiket))
	if len(res.Families) != 1 || res.Families[0].Source != "published" {
		t.Fatalf("families %+v: want age_structure from the published source", res.Families)
	}
	def := &session.ExitProfile{}
	for a := range def.Rate {
		def.Rate[a] = session.DefaultExitRate(a)
	}
	bands := [][2]int{{16, 24}, {25, 29}, {30, 34}, {35, 39}, {40, 44}, {45, 49}, {50, 54}, {55, 59}, {60, 64}, {65, 69}}
	// hand sums the fixture's cells of one region, SSYK 3 group and year.
	hand := func(regions []string, ssyk, year string) (employed, aged55, aged60, exits float64) {
		for _, r := range regions {
			for _, b := range bands {
				band := fmt.Sprintf("%d-%d", b[0], b[1])
				var p float64
				for a := b[0]; a <= b[1]; a++ {
					p += def.WithinYears(a, 5)
				}
				p /= float64(b[1] - b[0] + 1)
				for _, sex := range []string{"1", "2"} {
					n := fixtureCell(t, y57, map[string]string{"Region": r, "Yrke2012": ssyk, "Alder": band, "Kon": sex, "Tid": year})
					employed += n
					exits += n * p
					if b[0] >= 55 {
						aged55 += n
					}
					if b[0] >= 60 {
						aged60 += n
					}
				}
			}
		}
		return
	}
	check := func(what, level, region, year, ssyk string, employed, aged55, aged60, exits float64) {
		t.Helper()
		for ind, want := range map[string]float64{
			"antal_sysselsatta_yrke":    employed,
			"andel_55_plus":             100 * aged55 / employed,
			"andel_60_plus":             100 * aged60 / employed,
			"forvantade_avgangar":       exits,
			"andel_forvantade_avgangar": 100 * exits / employed,
		} {
			r := got[ind+"|"+year+"|"+level+"|"+region+"|"+ssyk]
			if !r.value.Valid || math.Abs(r.value.Float64-want) > 1e-9 || r.source != "YREG57BAS" {
				t.Errorf("%s, %s: %+v, want %v from YREG57BAS", what, ind, r, want)
			}
		}
	}
	e, a55, a60, x := hand([]string{"01"}, "941", "2022")
	check("Stockholms län 941 2022", "lan", "01", "2022", "941", e, a55, a60, x)
	var all []string
	for _, l := range codes.Lan() {
		all = append(all, l.Code)
	}
	e, a55, a60, x = hand(append(all, "99"), "952", "2021")
	if own, _, _, _ := hand([]string{"00"}, "952", "2021"); own != e {
		t.Fatalf("the fixture's riket %v is not its län and 99, %v", own, e)
	}
	check("riket's own row 952 2021", "riket", "00", "2021", "952", e, a55, a60, x)
	if r := got["andel_60_plus|2022|lan|09|941"]; !r.suppressed || r.value.Valid || r.reason.String != "not published by SCB" {
		t.Errorf("Gotland 941 2022, a band unpublished: %+v", r)
	}

	if _, err := db.SQL().Exec("DELETE FROM scb_employment_age WHERE region = '00'"); err != nil {
		t.Fatal(err)
	}
	got, _ = computePublished(t, db, agePublishedParams(codes.LevelRiket))
	check("riket made of its län and 99, 952 2021", "riket", "00", "2021", "952", e, a55, a60, x)
	if r := got["forvantade_avgangar|2022|riket|00|941"]; !r.suppressed || r.value.Valid || r.reason.String != "incomplete: part of the sum is not published" {
		t.Errorf("riket 941 2022 made of its län, Gotland's band unpublished: %+v", r)
	}
}
