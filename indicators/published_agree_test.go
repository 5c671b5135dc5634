package indicators

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"lmi/codes"
	"lmi/fixtures/published"
)

// Where both paths can run they agree: person records whose sums are the
// fixtures' published tables (the hidden kommun world of package
// fixtures/published) give through the register source what the
// published source gives from the tables, for every region SCB publishes.

// personsCSV writes the world's persons of the fixture's years as a
// persons extract, all aged 40.
func personsCSV(persons func(w *published.World, year string) []published.Person) string {
	var b strings.Builder
	b.WriteString(header)
	w := published.Fixture
	for _, year := range w.Periods {
		for _, p := range persons(&w, year) {
			fmt.Fprintf(&b, "%s,%s,%s,%s,,,%s,40,1,%d\n", year, p.Home, p.Work, p.Status, p.Sex, p.N)
		}
	}
	return b.String()
}

// agree computes the indicators from the register and from the published
// tables, at every level SCB publishes, in total and by sex, and checks
// every published row against the register's; it returns how many it
// compared.
func agree(t *testing.T, csvText string, tables []string, indicators []string) int {
	t.Helper()
	p := rmiParams(t, indicators...)
	p.Groupings = nil
	p.K = 0 // SCB's numbers are not suppressed: neither are the register's here
	register := map[string]pubRow{}
	reg := openWith(t, csvText)
	for _, by := range [][]string{nil, {DimSex}} {
		p.By = by
		got, res := computePublished(t, reg, p)
		if len(res.Families) != 1 || res.Families[0].Source != "register" {
			t.Fatalf("families %+v: want the register source", res.Families)
		}
		for k, r := range got {
			register[k] = r
		}
	}
	pub, res := computePublished(t, openRMI(t, tables...), p)
	if len(res.Families) != 1 || res.Families[0].Source != "published" {
		t.Fatalf("families %+v: want the published source", res.Families)
	}
	n := 0
	for k, r := range pub {
		g, ok := register[k]
		switch {
		case !r.value.Valid:
			t.Errorf("%s: published %+v, want a number (nothing is hidden in the total)", k, r)
		case !ok || !g.value.Valid || math.Abs(g.value.Float64-r.value.Float64) > 1e-9*math.Max(1, math.Abs(r.value.Float64)):
			t.Errorf("%s: published %v, from persons %+v", k, r.value.Float64, g)
		default:
			n++
		}
	}
	return n
}

// regionsSCB counts the regions SCB publishes RMI for: riket, FA regions, län.
func regionsSCB() int { return 1 + len(codes.FA()) + len(codes.Lan()) }

// TestPublishedStatusAgreesWithRegister: U1a and U1b are the sums of the
// status world's persons, and lmi's status from those persons equals its
// status from the tables.
func TestPublishedStatusAgreesWithRegister(t *testing.T) {
	csvText := personsCSV((*published.World).StatusPersons)
	n := agree(t, csvText, []string{"RegionInd19U1aN1", "RegionInd19U1bN1"}, statusIndicators)
	// 8 indicators in total and 2 by each sex, each region, 2 years
	if want := (8 + 2*2) * regionsSCB() * 2; n != want {
		t.Errorf("%d rows agree, want %d", n, want)
	}
}

// TestPublishedCommutingAgreesWithRegister: U2 is the commuting world's
// flows summed at each region's border, and lmi's commuting from the
// persons living and working in its kommuner equals its commuting from
// U2: the in- and out-commuters of län, FA regions and riket included.
func TestPublishedCommutingAgreesWithRegister(t *testing.T) {
	csvText := personsCSV((*published.World).Commuters)
	n := agree(t, csvText, []string{"RegionInd19U2N1"}, commutingIndicators)
	// 8 indicators in total and by each sex, each region, 2 years
	if want := 8 * 3 * regionsSCB() * 2; n != want {
		t.Errorf("%d rows agree, want %d", n, want)
	}
}
