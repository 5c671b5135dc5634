package indicators

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"lmi/codes"
)

func demographyParams(t *testing.T, by ...string) Params {
	p := DefaultParams()
	p.Levels = []codes.Level{codes.LevelLan, codes.LevelRiket}
	p.Groupings = []*codes.Grouping{allLan(t)}
	p.By = by
	p.Indicators = []string{"antal_invanare", "forsorjningskvot"}
	return p
}

// TestPublishedDemographyHandComputed: from R1a, a län's population and
// dependency ratio are its single ages' (0-19 and 65+ over 20-64); riket
// made of its län is SCB's riket; Gotland's women, one age unpublished in
// 2022, have their population (SCB's total over ages) but no ratio, and
// the sum over the län has no ratio either, never one from a zero.
func TestPublishedDemographyHandComputed(t *testing.T) {
	db := openFixtures(t, fixtureR1a)
	r1a := readFixture(t, fixtureR1a)
	got, res := computePublished(t, db, demographyParams(t, DimSex))
	if len(res.Families) != 1 || res.Families[0].Source != "published" {
		t.Fatalf("families %+v: want demography from the published source", res.Families)
	}
	ages := func(region, sex, year string, from, to int) float64 {
		var s float64
		for a := from; a <= to; a++ {
			code := fmt.Sprint(a)
			if a == 100 {
				code = "100+"
			}
			s += fixtureCell(t, r1a, map[string]string{"Region": region, "Kon": sex, "Alder": code, "Tid": year})
		}
		return s
	}
	young, working, old := ages("20", "2", "2022", 0, 19), ages("20", "2", "2022", 20, 64), ages("20", "2", "2022", 65, 100)
	total := fixtureCell(t, r1a, map[string]string{"Region": "20", "Kon": "2", "Alder": "tot", "Tid": "2022"})
	if total != young+working+old {
		t.Fatalf("the fixture's total %v is not its ages' %v", total, young+working+old)
	}
	for ind, want := range map[string]float64{"antal_invanare": total, "forsorjningskvot": (young + old) / working} {
		r := got[ind+"|2022|lan|20|2"]
		if !r.value.Valid || math.Abs(r.value.Float64-want) > 1e-12 || r.source != "RegionInd19R1a" {
			t.Errorf("Dalarna women 2022, %s: %+v, want %v", ind, r, want)
		}
	}
	for _, ind := range []string{"antal_invanare", "forsorjningskvot"} {
		for _, k := range []string{"|2021|riket|00|1", "|2022|riket|00|2"} {
			own, sum := got[ind+k], got[ind+strings.Replace(k, "riket|00", "alla_lan|Sverige", 1)]
			if strings.HasSuffix(k, "2") && ind == "forsorjningskvot" {
				if !sum.suppressed || sum.value.Valid || sum.reason.String != "incomplete: part of the sum is not published" || !own.value.Valid {
					t.Errorf("%s%s: the län with Gotland's unpublished age %+v, riket's own %+v", ind, k, sum, own)
				}
				continue
			}
			if !own.value.Valid || !sum.value.Valid || math.Abs(own.value.Float64-sum.value.Float64) > 1e-12 {
				t.Errorf("%s%s: riket %+v, its län %+v", ind, k, own, sum)
			}
		}
	}
	if r := got["forsorjningskvot|2022|lan|09|2"]; !r.suppressed || r.value.Valid || r.reason.String != "not published by SCB" {
		t.Errorf("Gotland's women 2022, age 70 unpublished: %+v", r)
	}
	if r := got["antal_invanare|2022|lan|09|2"]; !r.value.Valid || r.value.Float64 != fixtureCell(t, r1a, map[string]string{"Region": "09", "Kon": "2", "Alder": "tot", "Tid": "2022"}) {
		t.Errorf("Gotland's women 2022, SCB's total: %+v", r)
	}
	// Without sex: SCB's totalt rows.
	tot, _ := computePublished(t, db, demographyParams(t))
	want := fixtureCell(t, r1a, map[string]string{"Region": "20", "Kon": "1+2", "Alder": "tot", "Tid": "2021"})
	if r := tot["antal_invanare|2021|lan|20|TOT"]; !r.value.Valid || r.value.Float64 != want {
		t.Errorf("Dalarna 2021, both sexes: %+v, want %v", r, want)
	}
}

// TestPublishedDemographyKommunRefused: R1a has no kommuner.
func TestPublishedDemographyKommunRefused(t *testing.T) {
	db := openFixtures(t, fixtureR1a)
	p := demographyParams(t)
	p.Levels = []codes.Level{codes.LevelKommun}
	p.Groupings = nil
	s, err := NewSession(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = s.Compute(context.Background(), p)
	var ue *UnitsError
	if !errors.As(err, &ue) || ue.Level != "kommun" || !strings.Contains(err.Error(), "RegionInd19R1a") {
		t.Errorf("got %v, want a UnitsError for level kommun", err)
	}
}
