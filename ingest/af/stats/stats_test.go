package stats

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"lmi/ingest/af"
	"lmi/ingest/af/internal/aftest"
)

// kommunSheet is the wide xlsx fixture: nyinskrivna arbetssökande per
// kommun and month (January-June 2024) with a merged title, a merged year
// over the month columns, a "Summa" column, län subtotal rows, a Riket
// row, "<5" cells and a note under the table. The details are in detail;
// the totals are computed (with the censored values' true numbers).
var kommunDetail = []struct {
	name string
	n    [6]int
}{
	{"0114 Upplands Väsby", [6]int{61, 48, 52, 57, 44, 39}},
	{"0180 Stockholm", [6]int{1480, 1322, 1401, 1389, 1250, 1175}},
	{"0192 Nynäshamn", [6]int{12, 3, 9, 4, 11, 8}},
	{"0380 Uppsala", [6]int{402, 377, 390, 361, 340, 322}},
	{"0381 Enköping", [6]int{33, 29, 41, 2, 30, 27}},
}

func kommunSheet(mutate func(rows [][]any)) aftest.XLSXSheet {
	months := []string{"jan", "feb", "mar", "apr", "maj", "jun"}
	rows := [][]any{
		{"Nyinskrivna arbetssökande per kommun och månad, 2024"},
		{"Källa: Arbetsförmedlingen"},
		nil,
		{"Kommun", 2024, nil, nil, nil, nil, nil, "Summa"},
		append([]any{nil}, func() []any {
			var out []any
			for _, m := range months {
				out = append(out, m)
			}
			return out
		}()...),
	}
	cell := func(v int) any {
		if v < 5 {
			return "<5"
		}
		return v
	}
	row := func(name string, n [6]int) []any {
		r := []any{name}
		s := 0
		for _, v := range n {
			r = append(r, cell(v))
			s += v
		}
		return append(r, s)
	}
	var lan [3][6]int // 01, 03, riket
	for _, d := range kommunDetail {
		rows = append(rows, row(d.name, d.n))
		li := 0
		if strings.HasPrefix(d.name, "03") {
			li = 1
		}
		for i, v := range d.n {
			lan[li][i] += v
			lan[2][i] += v
		}
		if d.name == "0192 Nynäshamn" {
			rows = append(rows, row("01 Stockholms län", lan[0]))
		}
	}
	rows = append(rows, row("03 Uppsala län", lan[1]), row("Riket", lan[2]), nil,
		[]any{"Anm. Uppgifter färre än fem redovisas som <5."})
	if mutate != nil {
		mutate(rows)
	}
	return aftest.XLSXSheet{Name: "Tabell 1", Rows: rows,
		Merges: [][2]string{{"A1", "H1"}, {"A4", "A5"}, {"B4", "G4"}, {"H4", "H5"}}}
}

func TestStatsXLSXKommun(t *testing.T) {
	info := aftest.XLSXSheet{Name: "Information", Rows: [][]any{{"Om statistiken"}, {"Se flik Tabell 1."}}}
	data := aftest.MakeXLSX(t, info, kommunSheet(nil))
	res, err := ReadStatsXLSX(bytes.NewReader(data), "nyinskrivna.xlsx", StatsOptions{Category: "nyinskrivna arbetssökande", CheckTotals: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Counts) != 5*6 {
		t.Fatalf("%d counts, want 30", len(res.Counts))
	}
	// 5 kommuner x Summa, 3 total rows x 7 cells.
	if res.Totals != 5+3*7 {
		t.Errorf("%d totals, want 26", res.Totals)
	}
	got := map[string]af.Count{}
	for _, c := range res.Counts {
		got[c.Period+" "+c.Region] = c
		if c.SSYK != "" || c.Category != "nyinskrivna arbetssökande" {
			t.Errorf("%+v", c)
		}
	}
	if c := got["2024-03 0180"]; c.N != 1401 || c.Censored {
		t.Errorf("Stockholm March: %+v", c)
	}
	if c := got["2024-02 0192"]; !c.Censored || !math.IsNaN(c.N) {
		t.Errorf("Nynäshamn February: %+v", c)
	}
	if c := got["2024-06 0381"]; c.N != 27 {
		t.Errorf("Enköping June: %+v", c)
	}
	// Totals over censored cells cannot be checked; the others can.
	if res.Checked == 0 || res.Checked >= res.Totals {
		t.Errorf("checked %d of %d totals", res.Checked, res.Totals)
	}
	if len(res.Notes) != 3 || !strings.Contains(res.Notes[2], "Anm.") {
		t.Errorf("notes %q", res.Notes)
	}

	// A wrong subtotal is an error naming its cell.
	bad := aftest.MakeXLSX(t, kommunSheet(func(rows [][]any) {
		rows[8][3] = 1000 // 01 Stockholms län, mars
	}))
	_, err = ReadStatsXLSX(bytes.NewReader(bad), "bad.xlsx", StatsOptions{Category: "x", CheckTotals: true})
	var e *af.Error
	if !errors.As(err, &e) || !errors.Is(err, af.ErrTotal) || e.Cell != "D9" || e.Sheet != "Tabell 1" {
		t.Fatalf("wrong subtotal: %v", err)
	}
	if !strings.Contains(err.Error(), "01 Stockholms län") || !strings.Contains(err.Error(), "sum to 1462") {
		t.Errorf("message: %v", err)
	}
	// Without the check the same sheet loads (the totals are only left out).
	if _, err := ReadStatsXLSX(bytes.NewReader(bad), "bad.xlsx", StatsOptions{Category: "x"}); err != nil {
		t.Errorf("unchecked: %v", err)
	}
}

// TestStatsXLSXDates: months as real Excel dates in one header row, rows
// by SSYK, no region (riket), a "Samtliga yrken" total row, an unknown
// occupation row.
func TestStatsXLSXDates(t *testing.T) {
	s := aftest.XLSXSheet{Name: "Lediga platser", Rows: [][]any{
		{"Nya lediga platser efter yrke, riket"},
		nil,
		{"Yrke (SSYK 2012)", nil, nil, nil},
		{"2512 Mjukvaru- och systemutvecklare m.fl.", 2210, 1985, 2301},
		{"5120 Kockar och kallskänkor", 905, 1020, "<5"},
		{"Yrke okänt", 14, 9, 11},
		{"Samtliga yrken", 3129, 3014, 3316},
	}, Dates: map[string]time.Time{
		"B3": time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		"C3": time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC),
		"D3": time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC),
	}}
	res, err := ReadStatsXLSX(bytes.NewReader(aftest.MakeXLSX(t, s)), "platser.xlsx", StatsOptions{Category: "nya lediga platser", CheckTotals: true})
	if err != nil {
		t.Fatal(err)
	}
	want := []af.Count{
		{Period: "2024-01", Region: "00", SSYK: "", N: 14, Censored: false, Category: "nya lediga platser"},
		{Period: "2024-01", Region: "00", SSYK: "2512", N: 2210, Censored: false, Category: "nya lediga platser"},
		{Period: "2024-01", Region: "00", SSYK: "5120", N: 905, Censored: false, Category: "nya lediga platser"},
	}
	for i, w := range want {
		if res.Counts[i] != w {
			t.Errorf("count %d: %+v, want %+v", i, res.Counts[i], w)
		}
	}
	if len(res.Counts) != 9 || res.Totals != 3 || res.Checked != 2 {
		t.Errorf("%d counts, %d totals, %d checked", len(res.Counts), res.Totals, res.Checked)
	}
}

func TestStatsCSVLong(t *testing.T) {
	f, err := os.Open("testdata/stats/arbetslosa_kommun_ssyk.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := ReadStatsCSV(f, "arbetslosa_kommun_ssyk.csv", StatsOptions{Category: "inskrivna arbetslösa", CheckTotals: true})
	if err != nil {
		t.Fatal(err)
	}
	// 2 months x 3 kommuner x 3 SSYK details; per month 3 kommun totals,
	// 2 län x 4 and riket x 4 totals.
	if len(res.Counts) != 18 || res.Totals != 30 || res.Checked != 25 {
		t.Errorf("%d counts, %d totals, %d checked; want 18, 30, 25", len(res.Counts), res.Totals, res.Checked)
	}
	if c := res.Counts[2]; c != (af.Count{Period: "2024-01", Region: "0114", SSYK: "9629", N: math.NaN(), Censored: true, Category: "inskrivna arbetslösa"}) && !(c.Censored && c.Region == "0114" && c.SSYK == "9629") {
		t.Errorf("censored cell: %+v", c)
	}
	if c := res.Counts[17]; c != (af.Count{Period: "2024-02", Region: "0380", SSYK: "9629", N: 11, Censored: false, Category: "inskrivna arbetslösa"}) {
		t.Errorf("last: %+v", c)
	}
}

func TestStatsCSVMonthsAsRows(t *testing.T) {
	f, err := os.Open("testdata/stats/lediga_platser_manad_lan.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	res, err := ReadStatsCSV(f, "lediga_platser_manad_lan.csv", StatsOptions{Category: "nya lediga platser", CheckTotals: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Counts) != 9 || res.Totals != 7 || res.Checked != 4 {
		t.Errorf("%d counts, %d totals, %d checked; want 9, 7, 4", len(res.Counts), res.Totals, res.Checked)
	}
	// "10 234" with a space as thousands separator.
	if c := res.Counts[0]; c != (af.Count{Period: "2024-01", Region: "01", SSYK: "", N: 10234, Censored: false, Category: "nya lediga platser"}) {
		t.Errorf("first: %+v", c)
	}
}

// TestStatsPeriodFromTitle: a one-month sheet by län, the month only in
// the title; a second value column makes two categories.
func TestStatsPeriodFromTitle(t *testing.T) {
	in := "Inskrivna arbetslösa i mars 2024\n\nLän;Arbetslösa;Varav kvinnor\n01 Stockholms län;52 310;24 100\n03 Uppsala län;8 012;3 950\nRiket;60 322;28 050\n"
	res, err := ReadStatsCSV(strings.NewReader(in), "mars.csv", StatsOptions{CheckTotals: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Counts) != 4 || res.Counts[0] != (af.Count{Period: "2024-03", Region: "01", SSYK: "", N: 52310, Censored: false, Category: "Arbetslösa"}) ||
		res.Counts[1].Category != "Varav kvinnor" || res.Checked != 2 {
		t.Errorf("%+v checked %d", res.Counts, res.Checked)
	}
	// "Antal" alone does not say what is counted.
	_, err = ReadStatsCSV(strings.NewReader("Län;Antal\n01;5\n"), "x.csv", StatsOptions{Period: "2024-01"})
	if !errors.Is(err, af.ErrHeader) || !strings.Contains(err.Error(), "Category") {
		t.Errorf("generic header: %v", err)
	}
	// No month anywhere.
	_, err = ReadStatsCSV(strings.NewReader("Län;Arbetslösa\n01;5\n"), "x.csv", StatsOptions{})
	if !errors.Is(err, af.ErrHeader) || !strings.Contains(err.Error(), "Period") {
		t.Errorf("no month: %v", err)
	}
	// An extra dimension column must be ignored explicitly.
	in2 := "Månad;Län;Kön;Arbetslösa\n2024-01;01;Kvinnor;5\n2024-01;01;Män;7\n"
	_, err = ReadStatsCSV(strings.NewReader(in2), "x.csv", StatsOptions{})
	if !errors.Is(err, af.ErrValue) || !strings.Contains(err.Error(), "Ignore") {
		t.Errorf("text column: %v", err)
	}
	_, err = ReadStatsCSV(strings.NewReader(in2), "x.csv", StatsOptions{Ignore: []string{"Kön"}})
	if !errors.Is(err, af.ErrDuplicate) {
		t.Errorf("ignored Kön leaves duplicates: %v", err)
	}
}

func TestParseMonth(t *testing.T) {
	for in, want := range map[string]string{
		"2024-01": "2024-01", "2024M01": "2024-01", "202401": "2024-01", "2024-1": "2024-01",
		"2024-01-31": "2024-01", "januari 2024": "2024-01", "Jan 2024": "2024-01", "jan-24": "2024-01",
		"2024 maj": "2024-05", "okt 2023": "2023-10", "Dec 2023": "2023-12", "2024 januari": "2024-01",
		"2024": "", "januari": "", "2024-13": "", "x": "", "1899-01": "",
	} {
		got, ok := parseMonth(in)
		if got != want || ok != (want != "") {
			t.Errorf("parseMonth(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestParseRegion(t *testing.T) {
	for _, c := range []struct {
		in, hint, code string
		level          int
		total          bool
		bad            bool
	}{
		{"0180 Stockholm", "", "0180", 4, false, false},
		{"180", "kommun", "0180", 4, false, false},
		{"01 Stockholms län", "", "01", 2, false, false},
		{"Stockholms län", "", "01", 2, false, false},
		{"Dalarna", "", "20", 2, false, false},
		{"Stockholm", "lan", "01", 2, false, false},
		{"Stockholm", "kommun", "0180", 4, false, false},
		{"Stockholm", "", "", 0, false, true},
		{"Riket", "", "", 0, true, false},
		{"Summa Stockholms län", "", "01", 2, true, false},
		{"00", "", "", 0, true, false},
		{"02", "", "", 0, false, true},
		{"0180 Solna", "", "", 0, false, true},
		{"Atlantis", "", "", 0, false, true},
	} {
		v, tot, msg := parseRegion(c.in, c.hint)
		if (msg != "") != c.bad || (!c.bad && (v.code != c.code || v.level != c.level || tot != c.total)) {
			t.Errorf("parseRegion(%q, %q) = %+v, %v, %q", c.in, c.hint, v, tot, msg)
		}
	}
}

var _ = fmt.Sprint
