package indicators

import (
	"context"
	"database/sql"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lmi/codes"
	"lmi/ingest/cube"
	"lmi/ingest/jsonstat"
	"lmi/store"
)

// The fixtures of SCB's RMI tables (package fixtures/published): riket,
// FA regions and län, the numbers sums of a hidden kommun world, with C
// of one education group in Gotland (09) in 2022 unpublished.
var publishedFixtures = []string{
	"../fixtures/published/testdata/RegionInd19E3N2.json",
	"../fixtures/published/testdata/RegionInd19E4N1.json",
}

func openPublished(t *testing.T) *store.DB {
	t.Helper()
	return openFixtures(t, publishedFixtures...)
}

// readFixture decodes one of the fixture files.
func readFixture(t *testing.T, path string) *cube.Table {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tab, err := jsonstat.Decode(f, filepath.Base(path))
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

// e3Value is the fixture's number for a region, education (value
// index), group (value index), content (value index) and year.
func e3Value(t *testing.T, tab *cube.Table, region string, edu, group, content int, year string) float64 {
	t.Helper()
	r, _ := tab.Dimensions[0].Index(region)
	y, _ := tab.Dimensions[4].Index(year)
	return tab.Values[tab.Offset([]int{r, edu, group, content, y})]
}

// published rows of one family: key "indicator|period|level|region|dims"
type pubRow struct {
	value      sql.NullFloat64
	suppressed bool
	reason     sql.NullString
	source     string
}

func computePublished(t *testing.T, db *store.DB, p Params) (map[string]pubRow, *Result) {
	t.Helper()
	ctx := context.Background()
	s, err := NewSession(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	res, err := s.Compute(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]pubRow{}
	for _, fr := range res.Families {
		rows, err := s.Conn().QueryContext(ctx, `SELECT concat_ws('|', indicator, period, region_level, region, `+
			strings.Join(fr.Dims, ", ")+`), value, suppressed, reason, source FROM `+fr.Table)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var k string
			var r pubRow
			if err := rows.Scan(&k, &r.value, &r.suppressed, &r.reason, &r.source); err != nil {
				t.Fatal(err)
			}
			out[k] = r
		}
		rows.Close()
	}
	return out, res
}

// allLan is a grouping of the 21 län, one region: riket made of län.
func allLan(t *testing.T) *codes.Grouping {
	t.Helper()
	var b strings.Builder
	b.WriteString("region,code\n")
	for _, l := range codes.Lan() {
		b.WriteString("Sverige," + l.Code + "\n")
	}
	g, err := codes.ReadGrouping(strings.NewReader(b.String()), "alla_lan")
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func publishedParams(t *testing.T) Params {
	p := DefaultParams()
	p.Levels = []codes.Level{codes.LevelLan, codes.LevelFA, codes.LevelRiket}
	p.Groupings = []*codes.Grouping{allLan(t)}
	p.By = nil
	p.Indicators = []string{"forvarvsgrad", "matchad_forvarvsgrad", "matchningsgrad", "antal_personer",
		"antal_helt_matchade", "overutbildning"}
	return p
}

// TestPublishedMatchingHandComputed: a län's rates are SCB's counts'
// rates, and its row names its table.
func TestPublishedMatchingHandComputed(t *testing.T) {
	db := openPublished(t)
	got, res := computePublished(t, db, publishedParams(t))
	if len(res.Families) != 1 || res.Families[0].Source != "published" {
		t.Fatalf("families %+v: want matching from the published source", res.Families)
	}
	e3 := readFixture(t, publishedFixtures[0])
	// Stockholms län, 2022, samtliga utbildningsgrupper (0), 20-64 år (0):
	// contents A, B, C, D, E at 0..4.
	a, b, c := e3Value(t, e3, "01", 0, 0, 0, "2022"), e3Value(t, e3, "01", 0, 0, 1, "2022"), e3Value(t, e3, "01", 0, 0, 2, "2022")
	e := e3Value(t, e3, "01", 0, 0, 4, "2022")
	for ind, want := range map[string]float64{
		"forvarvsgrad":         100 * (a + b + c) / e,
		"matchad_forvarvsgrad": 100 * a / e,
		"matchningsgrad":       100 * a / (a + b + c),
		"antal_personer":       e,
		"antal_helt_matchade":  a,
	} {
		r, ok := got[ind+"|2022|lan|01|TOT|TOT|TOT"]
		if !ok || !r.value.Valid || math.Abs(r.value.Float64-want) > 1e-9 {
			t.Errorf("%s, Stockholms län: %+v, want %v", ind, r, want)
		}
		if r.source != "RegionInd19E3N2" || r.suppressed {
			t.Errorf("%s: source %q, suppressed %v", ind, r.source, r.suppressed)
		}
	}
	if r := got["overutbildning|2022|lan|01|TOT|TOT|TOT"]; r.source != "RegionInd19E4N1" || !r.value.Valid {
		t.Errorf("overutbildning from E3 and E4: %+v", r)
	}
}

// TestPublishedRollUpEqualsRiket: riket made of its 21 län equals SCB's
// riket row, for every indicator and year.
func TestPublishedRollUpEqualsRiket(t *testing.T) {
	db := openPublished(t)
	got, _ := computePublished(t, db, publishedParams(t))
	n := 0
	for k, r := range got {
		parts := strings.Split(k, "|")
		if parts[2] != "riket" {
			continue
		}
		parts[2], parts[3] = "alla_lan", "Sverige"
		g, ok := got[strings.Join(parts, "|")]
		if !ok || !g.value.Valid || !r.value.Valid || math.Abs(g.value.Float64-r.value.Float64) > 1e-9 {
			t.Errorf("%s: riket %+v, the sum of the län %+v", k, r, g)
		}
		n++
	}
	if n != 12 {
		t.Errorf("%d riket rows, want 6 indicators x 2 years", n)
	}
}

// TestPublishedUnpublishedIsNotZero: by education, the sum over the län
// of the group whose C Gotland did not publish in 2022 has no number and
// says why; riket's own row, published, has one; Gotland's own row is
// SCB's "..".
func TestPublishedUnpublishedIsNotZero(t *testing.T) {
	db := openPublished(t)
	p := publishedParams(t)
	p.By = []string{DimEdu}
	got, res := computePublished(t, db, p)
	hidden := "|2022|alla_lan|Sverige|03|TOT|TOT"
	r := got["forvarvsgrad"+hidden]
	if !r.suppressed || r.value.Valid || r.reason.String != "incomplete: part of the sum is not published" {
		t.Errorf("forvarvsgrad over a sum with an unpublished part: %+v", r)
	}
	// A rate that does not read C is whole.
	if r := got["matchad_forvarvsgrad"+hidden]; r.suppressed || !r.value.Valid {
		t.Errorf("matchad_forvarvsgrad does not read C: %+v", r)
	}
	if r := got["forvarvsgrad|2022|riket|00|03|TOT|TOT"]; r.suppressed || !r.value.Valid {
		t.Errorf("riket's own row: %+v", r)
	}
	if r := got["forvarvsgrad|2022|lan|09|03|TOT|TOT"]; !r.suppressed || r.reason.String != "not published by SCB" {
		t.Errorf("Gotland's own row: %+v", r)
	}
	if r := got["forvarvsgrad|2021"+strings.TrimPrefix(hidden, "|2022")]; r.suppressed || !r.value.Valid {
		t.Errorf("the same sum in 2021, all published: %+v", r)
	}
	if res.Families[0].Incomplete == 0 {
		t.Error("the result counts no incomplete rows")
	}
}

// TestPublishedGroupingOfKommunerRefused: SCB's RMI tables have no
// kommuner, so a grouping of kommuner is refused, naming it, the units
// it needs and the table.
func TestPublishedGroupingOfKommunerRefused(t *testing.T) {
	db := openPublished(t)
	g, err := codes.ReadGrouping(strings.NewReader("region,code\nNorra Dalarna,2039\nNorra Dalarna,2021\n"), "norra")
	if err != nil {
		t.Fatal(err)
	}
	p := publishedParams(t)
	p.Groupings = []*codes.Grouping{g}
	s, err := NewSession(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = s.Compute(context.Background(), p)
	var ue *UnitsError
	if !errors.As(err, &ue) {
		t.Fatalf("got %v, want a UnitsError", err)
	}
	msg := err.Error()
	for _, want := range []string{`grouping "norra"`, "RegionInd19E3N2", "kommun rows", "riket, FA region, län"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}

	// Every indicator, none named: the family is left out, saying why,
	// and the computation goes on.
	p.Indicators = nil
	res, err := s.Compute(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	var left *Skipped
	for i, sk := range res.Skipped {
		if sk.Family == "matching" {
			left = &res.Skipped[i]
		}
	}
	if left == nil || left.Requested || left.Reason != "left out: "+strings.TrimPrefix(msg, "family matching: ") {
		t.Errorf("matching skipped %+v, want left out with %q", left, msg)
	}
}

// TestPublishedNothingToComputeFrom: an empty store skips the family and
// says which tables it would read.
func TestPublishedNothingToComputeFrom(t *testing.T) {
	db := openFixtures(t)
	_, res := computePublished(t, db, publishedParams(t))
	if len(res.Families) != 0 || len(res.Skipped) != 1 {
		t.Fatalf("families %+v, skipped %+v", res.Families, res.Skipped)
	}
	sk := res.Skipped[0]
	if sk.Family != "matching" || !sk.Requested || !strings.Contains(sk.Reason, "RMI E3") || !strings.Contains(sk.Reason, "person records") {
		t.Errorf("skipped %+v", sk)
	}
}

// openRMI opens a store with the fixtures of the given RMI tables
// (fixtures/published/testdata/ID.json).
func openRMI(t *testing.T, ids ...string) *store.DB {
	t.Helper()
	files := make([]string, len(ids))
	for i, id := range ids {
		files[i] = rmiFixture(id)
	}
	return openFixtures(t, files...)
}

func rmiFixture(id string) string { return "../fixtures/published/testdata/" + id + ".json" }

// rmiValue is a fixture's number at one code of each dimension, in the
// table's order. The fixtures number education, industry and content
// codes in their list order ("01" samtliga, then the groups; "01" the
// first content); sex is SCB's "1", "2", "1+2".
func rmiValue(t *testing.T, tab *cube.Table, codes ...string) float64 {
	t.Helper()
	idx := make([]int, len(codes))
	for i, c := range codes {
		j, ok := tab.Dimensions[i].Index(c)
		if !ok {
			t.Fatalf("%s: no %s %q", tab.ID, tab.Dimensions[i].Code, c)
		}
		idx[i] = j
	}
	return tab.Values[tab.Offset(idx)]
}

// rmiParams are publishedParams with the given indicators.
func rmiParams(t *testing.T, indicators ...string) Params {
	p := publishedParams(t)
	p.Indicators = indicators
	return p
}

// checkRow checks one output row: a number within 1e-9 of want, or,
// with want NaN, a row suppressed for reason.
func checkRow(t *testing.T, got map[string]pubRow, key string, want float64, reason string) {
	t.Helper()
	r, ok := got[key]
	switch {
	case !ok:
		t.Errorf("%s: no row", key)
	case math.IsNaN(want) && (!r.suppressed || r.value.Valid || r.reason.String != reason):
		t.Errorf("%s: %+v, want suppressed: %s", key, r, reason)
	case !math.IsNaN(want) && (r.suppressed || !r.value.Valid || math.Abs(r.value.Float64-want) > 1e-9):
		t.Errorf("%s: %+v, want %v", key, r, want)
	}
}

// Reasons a published row has no number.
const (
	notPublished = "not published by SCB"
	incomplete   = "incomplete: part of the sum is not published"
)

// compareRiket checks every riket row against the same row of riket made
// of its 21 län: equal for the indicators in additive, absent for the
// others (they are not sums). A sum with an unpublished part has no
// number, as the tests of unpublished cells check; it returns how many
// rows it found equal.
func compareRiket(t *testing.T, got map[string]pubRow, additive map[string]bool) int {
	t.Helper()
	equal := 0
	for k, r := range got {
		parts := strings.Split(k, "|")
		if parts[2] != "riket" {
			continue
		}
		parts[2], parts[3] = "alla_lan", "Sverige"
		g, ok := got[strings.Join(parts, "|")]
		switch {
		case !additive[parts[0]] && ok:
			t.Errorf("%s: riket made of län has %+v, want no row: it is not their sum", k, g)
		case !additive[parts[0]] || g.reason.String == incomplete:
		case !ok || !g.value.Valid || !r.value.Valid || math.Abs(g.value.Float64-r.value.Float64) > 1e-9:
			t.Errorf("%s: riket %+v, the sum of the län %+v", k, r, g)
		case g.source != r.source:
			t.Errorf("%s: riket's source %q, the län's %q", k, r.source, g.source)
		default:
			equal++
		}
	}
	return equal
}

// TestClassifyBreakdown: the breakdowns of SCB's RMI tables as the store
// keeps them (codes and labels joined), in the families' dimensions; an
// education or industry label may hold ", ".
func TestClassifyBreakdown(t *testing.T) {
	for _, c := range []struct {
		breakdown, label string
		want             publishedKey
	}{
		{"Utbildngrupp=00S", "samtliga utbildningsgrupper", // U1a
			publishedKey{Edu: "TOT", Sex: "TOT", Birth: "TOT", SNI: "TOT"}},
		{"Utbildngrupp=00S,Kon=1", "samtliga utbildningsgrupper, män", // U1b, U2, U3
			publishedKey{Edu: "TOT", Sex: "1", Birth: "TOT", SNI: "TOT"}},
		{"Utbildngrupp=55C,Kon=1+2", "civilingenjörsutbildning; väg- och vatten, byggnadsteknik, lantmäteri, totalt",
			publishedKey{Edu: "55C", Sex: "TOT", Birth: "TOT", SNI: "TOT"}},
		{"SNI2007MI=00,Kon=1+2", "samtliga näringsgrenar, totalt", // E2B
			publishedKey{Edu: "TOT", Sex: "TOT", Birth: "TOT", SNI: "TOT"}},
		{"SNI2007MI=M+N,Kon=2", "företag inom juridik, ekonomi, vetenskap och teknik; företag inom uthyrning, " +
			"fastighetsservice, resetjänster och andra stödtjänster, kvinnor",
			publishedKey{Edu: "TOT", Sex: "2", Birth: "TOT", SNI: "M+N"}},
		{"Utbildning=00S,KonAlderFodelseland=20-39", "samtliga utbildningsgrupper, 20-39 år", // E3
			publishedKey{Edu: "TOT", Sex: "TOT", Birth: "TOT", Age: "20-39", SNI: "TOT"}},
	} {
		if got := classifyBreakdown(c.breakdown, c.label); got != c.want {
			t.Errorf("%s (%s): %+v, want %+v", c.breakdown, c.label, got, c.want)
		}
	}
}
