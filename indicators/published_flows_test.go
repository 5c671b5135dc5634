package indicators

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
)

// The population_flows family from the fixture of RMI U3, made of moves
// between kommuner: a region's in- and out-movers are those crossing its
// border. The second year's population, the net change and the in-movers
// of education group 03 in Gotland in 2021-2022 are unpublished.

var u3Indicators = []string{"befolkning_ar1", "befolkning_ar2", "nettoforandring", "aldersintraden",
	"aldersuttraden", "in_i_utbildningsgrupp", "ut_ur_utbildningsgrupp"}

// TestPublishedPopulationFlowsHandComputed: Stockholms län's flows are
// U3's counts, the exits without SCB's minus sign; U3 has no deaths,
// emigrants or persons new in the register, so those indicators have no
// rows; what SCB did not publish has no number and says so.
func TestPublishedPopulationFlowsHandComputed(t *testing.T) {
	db := openRMI(t, "RegionInd19U3N1")
	p := rmiParams(t, append([]string{"inflyttare", "utflyttare", "avlidna_utvandrade", "nya_i_registret"}, u3Indicators...)...)
	p.Groupings = nil
	p.By = []string{DimEdu, DimSex}
	got, res := computePublished(t, db, p)
	if len(res.Families) != 1 || res.Families[0].Source != "published" {
		t.Fatalf("families %+v: want population_flows from the published source", res.Families)
	}
	u3 := readFixture(t, rmiFixture("RegionInd19U3N1"))
	for _, sex := range []string{"1+2", "1"} {
		v := func(content string) float64 { return rmiValue(t, u3, "01", "02", sex, content, "2021-2022") }
		for ind, want := range map[string]float64{
			"befolkning_ar1":         v("01"),
			"befolkning_ar2":         v("02"),
			"nettoforandring":        v("03"),
			"aldersintraden":         v("04"),
			"aldersuttraden":         -v("05"),
			"inflyttare":             v("06"),
			"utflyttare":             -v("07"),
			"in_i_utbildningsgrupp":  v("08"),
			"ut_ur_utbildningsgrupp": -v("09"),
		} {
			key := ind + "|2021-2022|lan|01|02|" + strings.TrimSuffix(sex, "+2")
			if sex == "1+2" {
				key = ind + "|2021-2022|lan|01|02|TOT"
			}
			checkRow(t, got, key, want, "")
			if r := got[key]; r.source != "RegionInd19U3N1" {
				t.Errorf("%s: source %q", key, r.source)
			}
		}
	}
	for k := range got {
		if strings.HasPrefix(k, "avlidna_utvandrade|") || strings.HasPrefix(k, "nya_i_registret|") {
			t.Errorf("%s: a row U3 cannot give", k)
		}
	}
	nan := math.NaN()
	for _, c := range []struct {
		key    string
		want   float64
		reason string
	}{
		{"befolkning_ar2|2021-2022|lan|09|03|TOT", nan, notPublished},
		{"nettoforandring|2021-2022|lan|09|03|2", nan, notPublished},
		{"inflyttare|2021-2022|lan|09|03|TOT", nan, notPublished},
		{"befolkning_ar1|2021-2022|lan|09|03|TOT", rmiValue(t, u3, "09", "03", "1+2", "01", "2021-2022"), ""},
		{"utflyttare|2021-2022|lan|09|03|TOT", -rmiValue(t, u3, "09", "03", "1+2", "07", "2021-2022"), ""},
		{"inflyttare|2020-2021|lan|09|03|TOT", rmiValue(t, u3, "09", "03", "1+2", "06", "2020-2021"), ""},
	} {
		checkRow(t, got, c.key, c.want, c.reason)
	}
}

// TestPublishedPopulationFlowsRollUp: all but the moves add up over län,
// so riket made of its 21 län is SCB's riket row, by education and sex;
// the sums with Gotland's unpublished cells have no number.
func TestPublishedPopulationFlowsRollUp(t *testing.T) {
	db := openRMI(t, "RegionInd19U3N1")
	p := rmiParams(t, u3Indicators...)
	p.By = []string{DimEdu, DimSex}
	got, res := computePublished(t, db, p)
	additive := map[string]bool{}
	for _, ind := range u3Indicators {
		additive[ind] = true
	}
	// 7 indicators by 2 groups by 3 sexes, 2 periods, less befolkning_ar2
	// and nettoforandring of group 03 in 2021-2022, every sex
	if n := compareRiket(t, got, additive); n != 84-6 {
		t.Errorf("%d riket rows equal to the sum of the län, want 78", n)
	}
	checkRow(t, got, "befolkning_ar2|2021-2022|alla_lan|Sverige|03|1", math.NaN(), incomplete)
	if res.Families[0].Incomplete == 0 {
		t.Error("the result counts no incomplete rows")
	}
}

// TestPublishedPopulationFlowsMovesRefused: a region's in-movers are not
// the sum of its län's, so riket made of län is refused when the moves
// are asked for.
func TestPublishedPopulationFlowsMovesRefused(t *testing.T) {
	db := openRMI(t, "RegionInd19U3N1")
	s, err := NewSession(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = s.Compute(context.Background(), rmiParams(t, "befolkning_ar1", "utflyttare"))
	var ue *UnitsError
	if !errors.As(err, &ue) {
		t.Fatalf("got %v, want a UnitsError", err)
	}
	for _, w := range []string{`grouping "alla_lan"`, `"Sverige"`, "RegionInd19U3N1", "in- and out-movers", "person ids"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("message %q lacks %q", err, w)
		}
	}
}
