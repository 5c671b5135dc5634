package indicators

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
)

// The job_inflows family from the fixture of RMI E2B: by workplace region,
// SCB's industry group (two of them, both with commas in their texts, and
// all industries) and sex. The job switchers, the inflow and their shares
// of industry group 03 in Gotland in 2021-2022 are unpublished.

var e2bCounts = []string{"antal_nya_forvarvsarbetande", "antal_jobbytare", "antal_jobbinflode"}

// TestPublishedJobInflowsHandComputed: Stockholms län's inflow is E2B's
// counts and SCB's own shares of the employed, by industry and in all
// industries; what SCB did not publish has no number and says so.
func TestPublishedJobInflowsHandComputed(t *testing.T) {
	db := openRMI(t, "RegionInd19E2B")
	p := rmiParams(t, append([]string{"andel_nya_forvarvsarbetande", "andel_jobbytare", "andel_jobbinflode"}, e2bCounts...)...)
	p.Groupings = nil
	p.By = []string{DimSex}
	got, res := computePublished(t, db, p)
	if len(res.Families) != 1 || res.Families[0].Source != "published" {
		t.Fatalf("families %+v: want job_inflows from the published source", res.Families)
	}
	e2b := readFixture(t, rmiFixture("RegionInd19E2B"))
	for _, c := range []struct{ sni, sex, key string }{
		{"02", "1+2", "2021-2022|lan|01|02|TOT"},
		{"01", "1+2", "2021-2022|lan|01|TOT|TOT"},
		{"03", "2", "2020-2021|lan|01|03|2"},
	} {
		period, _, _ := strings.Cut(c.key, "|")
		v := func(content string) float64 { return rmiValue(t, e2b, "01", c.sni, c.sex, content, period) }
		for ind, want := range map[string]float64{
			"antal_nya_forvarvsarbetande": v("01"),
			"antal_jobbytare":             v("02"),
			"antal_jobbinflode":           v("03"),
			"andel_nya_forvarvsarbetande": v("04"),
			"andel_jobbytare":             v("05"),
			"andel_jobbinflode":           v("06"),
		} {
			key := ind + "|" + c.key
			checkRow(t, got, key, want, "")
			if r := got[key]; r.source != "RegionInd19E2B" {
				t.Errorf("%s: source %q", key, r.source)
			}
		}
	}
	nan := math.NaN()
	for _, c := range []struct {
		key    string
		want   float64
		reason string
	}{
		{"antal_jobbytare|2021-2022|lan|09|03|TOT", nan, notPublished},
		{"andel_jobbinflode|2021-2022|lan|09|03|1", nan, notPublished},
		{"antal_nya_forvarvsarbetande|2021-2022|lan|09|03|TOT", rmiValue(t, e2b, "09", "03", "1+2", "01", "2021-2022"), ""},
		{"andel_nya_forvarvsarbetande|2021-2022|lan|09|03|TOT", rmiValue(t, e2b, "09", "03", "1+2", "04", "2021-2022"), ""},
	} {
		checkRow(t, got, c.key, c.want, c.reason)
	}
}

// TestPublishedJobInflowsRollUp: the counts add up over län, so riket made
// of its 21 län is SCB's riket row, by industry and sex; the sums with
// Gotland's unpublished cells have no number.
func TestPublishedJobInflowsRollUp(t *testing.T) {
	db := openRMI(t, "RegionInd19E2B")
	p := rmiParams(t, e2bCounts...)
	p.By = []string{DimSex}
	got, res := computePublished(t, db, p)
	additive := map[string]bool{}
	for _, ind := range e2bCounts {
		additive[ind] = true
	}
	// 3 indicators by 3 industries by 3 sexes, 2 periods, less the
	// switchers and the inflow of group 03 in 2021-2022, every sex
	if n := compareRiket(t, got, additive); n != 54-6 {
		t.Errorf("%d riket rows equal to the sum of the län, want 48", n)
	}
	checkRow(t, got, "antal_jobbinflode|2021-2022|alla_lan|Sverige|03|2", math.NaN(), incomplete)
	if res.Families[0].Incomplete == 0 {
		t.Error("the result counts no incomplete rows")
	}
}

// TestPublishedJobInflowsSharesRefused: E2B does not publish the employed
// its shares are of, so riket made of län is refused when a share is
// asked for.
func TestPublishedJobInflowsSharesRefused(t *testing.T) {
	db := openRMI(t, "RegionInd19E2B")
	s, err := NewSession(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = s.Compute(context.Background(), rmiParams(t, "antal_jobbytare", "andel_jobbytare"))
	var ue *UnitsError
	if !errors.As(err, &ue) {
		t.Fatalf("got %v, want a UnitsError", err)
	}
	for _, w := range []string{`grouping "alla_lan"`, `"Sverige"`, "RegionInd19E2B", "shares of the employed", "never averaged"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("message %q lacks %q", err, w)
		}
	}
}
