package indicators

import (
	"math"
	"strings"
	"testing"
)

// The status family from the fixtures of RMI U1a (no sex; B of education
// group 03 in Gotland in 2022 unpublished) and U1b (by sex; in and outside
// the labour force of the same cells unpublished, the total published).

var statusIndicators = []string{"antal_befolkning", "antal_forvarvsarbetande", "antal_arbetslosa",
	"antal_studerande", "antal_ovriga_utanfor", "andel_forvarvsarbetande", "andel_utanfor_arbetskraften", "arbetsloshet"}

func statusParams(t *testing.T, by ...string) Params {
	p := rmiParams(t, statusIndicators...)
	p.By = by
	return p
}

// TestPublishedStatusHandComputed: Stockholms län's status in 2022 is
// U1a's counts and rates of them; by sex, U1b gives the population and
// the share outside the labour force, and nothing else.
func TestPublishedStatusHandComputed(t *testing.T) {
	db := openRMI(t, "RegionInd19U1aN1", "RegionInd19U1bN1")
	got, res := computePublished(t, db, statusParams(t, DimSex))
	if len(res.Families) != 1 || res.Families[0].Source != "published" {
		t.Fatalf("families %+v: want status from the published source", res.Families)
	}
	u1a, u1b := readFixture(t, rmiFixture("RegionInd19U1aN1")), readFixture(t, rmiFixture("RegionInd19U1bN1"))
	a := func(content string) float64 { return rmiValue(t, u1a, "01", "01", content, "2022") }
	employed, unemployed, students, others, total := a("01"), a("05"), a("07"), a("08"), a("09")
	for ind, want := range map[string]float64{
		"antal_befolkning":            total,
		"antal_forvarvsarbetande":     employed,
		"antal_arbetslosa":            unemployed,
		"antal_studerande":            students,
		"antal_ovriga_utanfor":        others,
		"andel_forvarvsarbetande":     100 * employed / total,
		"andel_utanfor_arbetskraften": 100 * (students + others) / total,
		"arbetsloshet":                100 * unemployed / (employed + unemployed),
	} {
		key := ind + "|2022|lan|01|TOT|TOT"
		checkRow(t, got, key, want, "")
		if r := got[key]; r.source != "RegionInd19U1aN1" {
			t.Errorf("%s: source %q", key, r.source)
		}
	}
	b := func(content string) float64 { return rmiValue(t, u1b, "01", "01", "2", content, "2022") }
	checkRow(t, got, "antal_befolkning|2022|lan|01|TOT|2", b("03"), "")
	checkRow(t, got, "andel_utanfor_arbetskraften|2022|lan|01|TOT|2", 100*b("02")/b("03"), "")
	if r := got["antal_befolkning|2022|lan|01|TOT|2"]; r.source != "RegionInd19U1bN1" {
		t.Errorf("women's population: source %q", r.source)
	}
	for _, ind := range []string{"antal_forvarvsarbetande", "arbetsloshet", "antal_studerande"} {
		if r, ok := got[ind+"|2022|lan|01|TOT|2"]; ok {
			t.Errorf("%s by sex: %+v, want no row (U1a has no sex)", ind, r)
		}
	}
}

// TestPublishedStatusRollUp: every status count adds up over län, so
// riket made of its 21 län is SCB's riket row, by sex too.
func TestPublishedStatusRollUp(t *testing.T) {
	db := openRMI(t, "RegionInd19U1aN1", "RegionInd19U1bN1")
	got, _ := computePublished(t, db, statusParams(t, DimSex))
	additive := map[string]bool{}
	for _, ind := range statusIndicators {
		additive[ind] = true
	}
	// 8 indicators by TOT and 2 by each sex, 2 years
	if n := compareRiket(t, got, additive); n != 2*(8+2*2) {
		t.Errorf("%d riket rows equal to the sum of the län, want 24", n)
	}
}

// TestPublishedStatusUnpublished: U1a's unemployed of group 03 in Gotland
// in 2022 are "..": Gotland's rows that read them say SCB did not publish
// them, riket made of län has none of them and says why, and what does
// not read them is whole; by sex, the same for the share outside the
// labour force, while the population, published, is whole, and the
// status split, which SCB does not publish by sex, has no rows.
func TestPublishedStatusUnpublished(t *testing.T) {
	db := openRMI(t, "RegionInd19U1aN1", "RegionInd19U1bN1")
	got, res := computePublished(t, db, statusParams(t, DimEdu, DimSex))
	nan := math.NaN()
	for _, c := range []struct {
		key    string
		want   float64
		reason string
	}{
		{"antal_arbetslosa|2022|lan|09|03|TOT", nan, notPublished},
		{"arbetsloshet|2022|lan|09|03|TOT", nan, notPublished},
		{"antal_arbetslosa|2022|alla_lan|Sverige|03|TOT", nan, incomplete},
		{"andel_utanfor_arbetskraften|2022|lan|09|03|1", nan, notPublished},
		{"andel_utanfor_arbetskraften|2022|alla_lan|Sverige|03|1", nan, incomplete},
	} {
		checkRow(t, got, c.key, c.want, c.reason)
	}
	u1a := readFixture(t, rmiFixture("RegionInd19U1aN1"))
	checkRow(t, got, "antal_arbetslosa|2022|riket|00|03|TOT", rmiValue(t, u1a, "00", "03", "05", "2022"), "")
	for _, key := range []string{"antal_forvarvsarbetande|2022|alla_lan|Sverige|03|TOT",
		"antal_befolkning|2022|alla_lan|Sverige|03|1", "antal_arbetslosa|2021|alla_lan|Sverige|03|TOT"} {
		if r := got[key]; r.suppressed || !r.value.Valid {
			t.Errorf("%s reads nothing unpublished: %+v", key, r)
		}
	}
	if res.Families[0].Incomplete == 0 {
		t.Error("the result counts no incomplete rows")
	}
	// SCB publishes no status split by sex: where U1b's numbers by sex are
	// ".." too, the split has no rows by sex, not rows said unpublished.
	for _, ind := range []string{"antal_arbetslosa", "antal_forvarvsarbetande", "arbetsloshet"} {
		for _, key := range []string{ind + "|2022|lan|09|03|1", ind + "|2022|alla_lan|Sverige|03|1"} {
			if r, ok := got[key]; ok {
				t.Errorf("%s: %+v, want no row (SCB publishes no split by sex)", key, r)
			}
		}
	}
}

// TestPublishedStatusWithoutU1b: with U1a alone the family is computed
// (U1b, its second table, is optional), without rows by sex; another age
// band than SCB's 20-64 has no rows.
func TestPublishedStatusWithoutU1b(t *testing.T) {
	db := openRMI(t, "RegionInd19U1aN1")
	got, res := computePublished(t, db, statusParams(t, DimSex))
	if len(res.Families) != 1 || res.Families[0].Rows == 0 {
		t.Fatalf("families %+v", res.Families)
	}
	for k := range got {
		if !strings.HasSuffix(k, "|TOT") {
			t.Errorf("%s: a row by sex without U1b", k)
		}
	}
	p := statusParams(t)
	p.Age = AgeBand{25, 64}
	if _, res := computePublished(t, db, p); res.Families[0].Rows != 0 {
		t.Errorf("ages 25-64: %d rows, want none (SCB's tables count 20-64)", res.Families[0].Rows)
	}
}
