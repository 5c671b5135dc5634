package indicators

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckEmpty(t *testing.T) {
	rows := FamilyResult{Family: "matching", Rows: 10, Indicators: []string{"forvarvsgrad", "overutbildning"}}
	empty := FamilyResult{Family: "status", Source: "published", Reads: []string{"scb_rmi_u1a"}, Indicators: []string{"antal_forvarvsarbetande"}}
	partial := rows
	partial.NoRows = []string{"overutbildning"}
	registerOnly := FamilyResult{Family: "population_flows", Rows: 10, Source: "published", Reads: []string{"scb_rmi_u3"},
		Indicators: []string{"utflyttare", "avlidna_utvandrade"}, NoRows: []string{"avlidna_utvandrade"}, RegisterOnly: []string{"avlidna_utvandrade"}}
	skipped := Skipped{Family: "tightness", Reason: "no input"}
	asked := Skipped{Family: "tightness", Reason: "no input", Requested: true}
	for _, c := range []struct {
		name    string
		res     Result
		fail    bool
		nothing bool
		gaps    []string
	}{
		{"every family with rows", Result{Families: []FamilyResult{rows}}, false, false, nil},
		{"a family left out of every-indicator", Result{Families: []FamilyResult{rows}, Skipped: []Skipped{skipped}}, false, false, []string{"tightness"}},
		{"a family asked for by name, left out", Result{Families: []FamilyResult{rows}, Skipped: []Skipped{asked}}, true, false, []string{"tightness"}},
		{"a family with input and no rows", Result{Families: []FamilyResult{rows, empty}}, true, false, []string{"status"}},
		{"an indicator without rows, not named", Result{Families: []FamilyResult{partial}}, false, false, []string{"matching/overutbildning"}},
		{"an indicator only person records give", Result{Families: []FamilyResult{registerOnly}}, false, false, []string{"population_flows/avlidna_utvandrade"}},
		{"nothing computed", Result{Skipped: []Skipped{skipped}}, true, true, []string{"tightness"}},
		{"nothing asked", Result{}, true, true, nil},
	} {
		var outs []string
		for _, g := range c.res.Gaps() {
			outs = append(outs, g.Output())
		}
		if strings.Join(outs, ",") != strings.Join(c.gaps, ",") {
			t.Errorf("%s: gaps %v, want %v", c.name, outs, c.gaps)
		}
		err := c.res.CheckEmpty()
		var ee *EmptyError
		if (err != nil) != c.fail || (err != nil && (!errors.As(err, &ee) || ee.Nothing != c.nothing)) {
			t.Errorf("%s: CheckEmpty = %v, want failure %v, nothing %v", c.name, err, c.fail, c.nothing)
		}
	}
}

// TestGapReasons: an indicator only person records give says so when the
// family comes from SCB's tables; another says a table may be missing.
func TestGapReasons(t *testing.T) {
	fr := FamilyResult{Family: "population_flows", Rows: 10, Source: "published", Reads: []string{"scb_rmi_u3"},
		NoRows: []string{"avlidna_utvandrade", "utflyttare"}, RegisterOnly: []string{"avlidna_utvandrade"}}
	gaps := (&Result{Families: []FamilyResult{fr}}).Gaps()
	want := []string{
		"no rows: SCB's tables (scb_rmi_u3) do not publish it; it comes from person records only",
		"no rows: the family's source (published: scb_rmi_u3) gives it none; a table it needs may not be loaded",
	}
	if len(gaps) != 2 || gaps[0].Reason != want[0] || gaps[1].Reason != want[1] {
		t.Errorf("gaps %+v, want reasons %q", gaps, want)
	}
}
