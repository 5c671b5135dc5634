package indicators

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"lmi/codes"
)

// The commuting family from the fixture of RMI U2, made of commuting
// between kommuner: a region's in- and out-commuters are those crossing
// its border. In-commuters and the day population of education group 03
// in Gotland in 2022 are unpublished.

var commutingIndicators = []string{"antal_bor_och_arbetar", "antal_inpendlare", "antal_utpendlare",
	"dagbefolkning", "nattbefolkning", "andel_inpendling", "andel_utpendling", "sjalvforsorjningsgrad"}

// oneKommun is a grouping of one region made of one kommun.
func oneKommun(t *testing.T, level, name, kommun string) *codes.Grouping {
	t.Helper()
	g, err := codes.ReadGrouping(strings.NewReader("region,code\n"+name+","+kommun+"\n"), level)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// TestPublishedCommutingHandComputed: Stockholms län's commuting in 2022
// is U2's counts and rates of them, by sex too; a grouping of Gotland's
// one kommun is Gotland's län, flows included; what SCB did not publish
// has no number and says so.
func TestPublishedCommutingHandComputed(t *testing.T) {
	db := openRMI(t, "RegionInd19U2N1")
	p := rmiParams(t, commutingIndicators...)
	p.Groupings = []*codes.Grouping{oneKommun(t, "gotland", "Gotland", "0980")}
	p.By = []string{DimEdu, DimSex}
	got, res := computePublished(t, db, p)
	if len(res.Families) != 1 || res.Families[0].Family != "commuting" || res.Families[0].Source != "published" {
		t.Fatalf("families %+v: want commuting from the published source", res.Families)
	}
	u2 := readFixture(t, rmiFixture("RegionInd19U2N1"))
	for _, c := range []struct{ region, sex, key string }{
		{"01", "1+2", "2022|lan|01|02|TOT"},
		{"01", "2", "2022|lan|01|02|2"},
		{"09", "1", "2022|gotland|Gotland|02|1"},
	} {
		v := func(content string) float64 { return rmiValue(t, u2, c.region, "02", c.sex, content, "2022") }
		liveWork, in, out, day, night := v("01"), v("02"), v("03"), v("04"), v("05")
		for ind, want := range map[string]float64{
			"antal_bor_och_arbetar": liveWork,
			"antal_inpendlare":      in,
			"antal_utpendlare":      out,
			"dagbefolkning":         day,
			"nattbefolkning":        night,
			"andel_inpendling":      100 * in / day,
			"andel_utpendling":      100 * out / night,
			"sjalvforsorjningsgrad": 100 * liveWork / (liveWork + out),
		} {
			key := ind + "|" + c.key
			checkRow(t, got, key, want, "")
			if r := got[key]; r.source != "RegionInd19U2N1" {
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
		{"antal_inpendlare|2022|lan|09|03|TOT", nan, notPublished},
		{"dagbefolkning|2022|lan|09|03|2", nan, notPublished},
		{"andel_inpendling|2022|lan|09|03|TOT", nan, notPublished},
		{"antal_inpendlare|2022|gotland|Gotland|03|TOT", nan, incomplete},
		{"nattbefolkning|2022|lan|09|03|TOT", rmiValue(t, u2, "09", "03", "1+2", "05", "2022"), ""},
		{"antal_utpendlare|2022|lan|09|03|TOT", rmiValue(t, u2, "09", "03", "1+2", "03", "2022"), ""},
		{"antal_inpendlare|2021|lan|09|03|TOT", rmiValue(t, u2, "09", "03", "1+2", "02", "2021"), ""},
	} {
		checkRow(t, got, c.key, c.want, c.reason)
	}
}

// TestPublishedCommutingRollUp: the day and night populations add up over
// län, so riket made of its 21 län is SCB's riket row, by sex too; by
// education, the sum with Gotland's unpublished day population has none.
func TestPublishedCommutingRollUp(t *testing.T) {
	db := openRMI(t, "RegionInd19U2N1")
	p := rmiParams(t, "dagbefolkning", "nattbefolkning")
	p.By = []string{DimSex}
	got, _ := computePublished(t, db, p)
	additive := map[string]bool{"dagbefolkning": true, "nattbefolkning": true}
	// 2 indicators by 3 sexes, 2 years
	if n := compareRiket(t, got, additive); n != 12 {
		t.Errorf("%d riket rows equal to the sum of the län, want 12", n)
	}
	p.By = []string{DimEdu}
	got, res := computePublished(t, db, p)
	checkRow(t, got, "dagbefolkning|2022|alla_lan|Sverige|03|TOT", math.NaN(), incomplete)
	u2 := readFixture(t, rmiFixture("RegionInd19U2N1"))
	checkRow(t, got, "dagbefolkning|2022|riket|00|03|TOT", rmiValue(t, u2, "00", "03", "1+2", "04", "2022"), "")
	if res.Families[0].Incomplete == 0 {
		t.Error("the result counts no incomplete rows")
	}
	// 2 indicators by 2 groups, 2 years, less the sum with a hidden part
	if n := compareRiket(t, got, additive); n != 7 {
		t.Errorf("%d riket rows by education equal to the sum of the län, want 7", n)
	}
}

// TestPublishedCommutingFlowsRefused: a region's in-commuters are not the
// sum of its län's, so riket made of län is refused when a flow is asked
// for, naming the grouping, the region and the table; kommuner, which U2
// lacks, are refused for the day population too.
func TestPublishedCommutingFlowsRefused(t *testing.T) {
	db := openRMI(t, "RegionInd19U2N1")
	for _, c := range []struct {
		name string
		p    func(p *Params)
		want []string
	}{
		{"flows of riket made of län", func(p *Params) { p.Indicators = []string{"nattbefolkning", "antal_inpendlare"} },
			[]string{`grouping "alla_lan"`, `"Sverige"`, "RegionInd19U2N1", "crossing its border", "person records"}},
		{"kommuner", func(p *Params) {
			p.Indicators = []string{"dagbefolkning"}
			p.Levels = []codes.Level{codes.LevelKommun}
			p.Groupings = nil
		}, []string{"level kommun", "RegionInd19U2N1", "kommun rows", "riket, FA region, län"}},
	} {
		p := rmiParams(t)
		c.p(&p)
		s, err := NewSession(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.Compute(context.Background(), p)
		s.Close()
		var ue *UnitsError
		if !errors.As(err, &ue) {
			t.Errorf("%s: got %v, want a UnitsError", c.name, err)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: message %q lacks %q", c.name, err, w)
			}
		}
	}
}

// TestPublishedCommutingNoMatrix: U2 has no commuting matrix: from it
// the matrix family is skipped, saying it needs person records. Another
// age band than SCB's 20-64 has no rows.
func TestPublishedCommutingNoMatrix(t *testing.T) {
	db := openRMI(t, "RegionInd19U2N1")
	p := rmiParams(t, "nattbefolkning", "antal_pendlare")
	p.Groupings = nil
	_, res := computePublished(t, db, p)
	if len(res.Families) != 1 || res.Families[0].Rows == 0 || len(res.Skipped) != 1 ||
		res.Skipped[0].Family != "commuting_matrix" || !strings.Contains(res.Skipped[0].Reason, "person records") {
		t.Errorf("families %+v, skipped %+v", res.Families, res.Skipped)
	}
	p.Age = AgeBand{25, 64}
	if _, res := computePublished(t, db, p); res.Families[0].Rows != 0 {
		t.Errorf("ages 25-64: %d rows, want none (U2 counts 20-64)", res.Families[0].Rows)
	}
}
