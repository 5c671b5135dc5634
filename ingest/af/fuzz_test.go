package af

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"lmi/codes"
)

// Every fuzz target checks the same contract: a reader returns either a
// full, valid result or a positioned *Error, never both, never a panic.

// sharedHead returns the first n lines of a shared file, or nil when the
// shared folder is absent (the fuzz corpus then has the inline seeds only).
func sharedHead(name string, n int) []byte {
	b, err := os.ReadFile(filepath.Join(sharedAF, name))
	if err != nil {
		return nil
	}
	lines := bytes.SplitAfterN(b, []byte("\n"), n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return bytes.Join(lines, nil)
}

func addSeeds(f *testing.F, seeds ...[]byte) {
	for _, s := range seeds {
		if s != nil {
			f.Add(s)
		}
	}
}

func checkErr(t *testing.T, err error, nilResult bool) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error is not an *Error: %T %v", err, err)
	}
	if e.File == "" || e.Kind == nil {
		t.Fatalf("error without file or kind: %v", err)
	}
	if !nilResult {
		t.Fatalf("a result and an error: %v", err)
	}
	_ = err.Error()
}

var periodRe = regexp.MustCompile(`^(19[5-9]\d|20\d\d|2100)-(0[1-9]|1[0-2])$`)

func checkAssessments(t *testing.T, s *AssessmentSet) {
	t.Helper()
	if s == nil {
		t.Fatal("nil result without error")
	}
	for _, a := range s.Assessments {
		switch a.RegionLevel {
		case LevelRiket:
			if a.Region != "00" {
				t.Fatalf("riket region %q", a.Region)
			}
		case LevelLan:
			if !codes.IsLan(a.Region) {
				t.Fatalf("län %q", a.Region)
			}
		case LevelFA:
			if !lookups().fa[a.Region] {
				t.Fatalf("FA %q", a.Region)
			}
		default:
			t.Fatalf("level %q", a.RegionLevel)
		}
		if a.Class < 0 || a.Class > 5 || math.IsInf(a.Value, 0) || a.Occupation == "" || a.Measure == "" || a.Source == "" {
			t.Fatalf("assessment %+v", a)
		}
		for _, s := range a.SSYK {
			if !codes.IsSSYK4(s) {
				t.Fatalf("SSYK %q", s)
			}
		}
	}
	for _, o := range s.Occupations {
		if !codes.IsSSYK4(o.SSYK) || o.Occupation == "" {
			t.Fatalf("map %+v", o)
		}
	}
}

func checkCounts(t *testing.T, cs []Count) {
	t.Helper()
	for _, c := range cs {
		if !periodRe.MatchString(c.Period) {
			t.Fatalf("period %q", c.Period)
		}
		if c.Region != "00" && !codes.IsLan(c.Region) && !codes.IsKommun(c.Region) {
			t.Fatalf("region %q", c.Region)
		}
		if c.SSYK != "" && !codes.IsSSYK4(c.SSYK) {
			t.Fatalf("SSYK %q", c.SSYK)
		}
		if c.Censored != math.IsNaN(c.N) || (!c.Censored && (c.N < 0 || math.IsInf(c.N, 0))) || c.Category == "" {
			t.Fatalf("count %+v", c)
		}
	}
}

func FuzzYrkesbarometer(f *testing.F) {
	addSeeds(f, sharedHead("yrkesbarometer_2025-2_excerpt.json", 45),
		[]byte("[\n"+ybRecord1+"\n]"), []byte("["+ybRecord1+","+strings.Replace(ybRecord1, "4119", "4112", 1)+"]"),
		[]byte("["+ybRecord1+","+ybRecord1+"]"), []byte(htmlPage), []byte("[null]"), []byte("[{\"lan\":[]}]"))
	f.Fuzz(func(t *testing.T, in []byte) {
		s, err := ReadYrkesbarometer(bytes.NewReader(in), "f.json")
		if err != nil {
			checkErr(t, err, s == nil)
			return
		}
		checkAssessments(t, s)
	})
}

// cellsToXLSX builds a one-sheet workbook from text: rows by line, cells
// by tab; a cell that is a number is written as a number.
func cellsToXLSX(t testing.TB, s string, merges [][2]string) []byte {
	var rows [][]any
	for i, line := range strings.Split(s, "\n") {
		if i >= 40 {
			break
		}
		var row []any
		for j, c := range strings.Split(line, "\t") {
			if j >= 16 {
				break
			}
			if v, err := strconv.ParseFloat(c, 64); err == nil && !math.IsInf(v, 0) && !math.IsNaN(v) {
				row = append(row, v)
			} else {
				row = append(row, strings.ToValidUTF8(c, ""))
			}
		}
		rows = append(rows, row)
	}
	return makeXLSX(t, xlsxSheet{name: "Blad1", rows: rows, merges: merges})
}

func FuzzYrkesbarometerXLSX(f *testing.F) {
	f.Add("yb_concept_id\tlan\tssyk\tjobbmojligheter\trekryteringssituation\tprognos\tomgang\tdel_av_ssyk\nPDNm_NZ2_WRh\t00\t4119\tsmå\töverskott\tvara oförändrad\t2025-2\t0\nPDNm_NZ2_WRh\t1\t4119\tstora\tbrist\töka\t2025-2\t1")
	f.Add("Titel\nyb_concept_id\tlan\tssyk\tomgang\nX\t02\t310\t2025-1")
	f.Fuzz(func(t *testing.T, in string) {
		s, err := ReadYrkesbarometerXLSX(bytes.NewReader(cellsToXLSX(t, in, nil)), "f.xlsx")
		if err != nil {
			checkErr(t, err, s == nil)
			return
		}
		checkAssessments(t, s)
	})
}

func FuzzBristindexCSV(f *testing.F) {
	addSeeds(f, sharedHead("bristindex_2018h_1ar_lan.csv", 8), sharedHead("bristindex_2018h_5ar_riket.csv", 8),
		[]byte(bristHeader+bristRow), []byte(bristHeader+bristRow+bristRow),
		[]byte(bristHeader+"03 Uppsala län,Admin,4223,Telefonister,-,-,-,0,\n"),
		[]byte("Yrkesområde,SSYK,Prognosyrke,omfem\nX,310,Soldater,3.79\nY,\"2223, 2226\",Z,4.74\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		for _, round := range []string{"", "2018H"} {
			s, err := ReadBristindexCSV(bytes.NewReader(in), "f.csv", BristindexOptions{Round: round})
			if err != nil {
				checkErr(t, err, s == nil)
				continue
			}
			checkAssessments(t, s)
		}
	})
}

func FuzzBristindexXLSX(f *testing.F) {
	f.Add("Län\tYrkesområde\tSSYK\tPrognosyrke\t(18H Om 1 år)\t(18H Klartext, Om 1 år)\t(18H Om 1 år)\t(18H Antal Kommuner Om 1 år)\tKorrigerat från\n01 Stockholms län\tAdm\t2411\tRevisorer\t3.42545\tViss brist\t4\t20\t \nInga val")
	f.Add("Yrkesområde\tSSYK\tPrognosyrke\tomfem\nA\t261\tJurister\t3.13")
	f.Fuzz(func(t *testing.T, in string) {
		s, err := ReadBristindexXLSX(bytes.NewReader(cellsToXLSX(t, in, nil)), "f.xlsx", BristindexOptions{Round: "2018H"})
		if err != nil {
			checkErr(t, err, s == nil)
			return
		}
		checkAssessments(t, s)
	})
}

func FuzzPrognosCSV(f *testing.F) {
	addSeeds(f, sharedHead("yrkesprognos_v3_bedomning.csv", 8), sharedHead("yrkesprognos_v3_bedomning_2022.csv", 8),
		[]byte(prognosHeader+"1JfT_7TR_tqA;0;3;3;18053;1,13;;;;\n1JfT_7TR_tqA;6;;;;1,16;3;2;1;\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		p, err := ReadPrognosCSV(bytes.NewReader(in), "f.csv", PrognosOptions{Concepts: ConceptSSYK{"1JfT_7TR_tqA": {"2411"}}})
		if err != nil {
			checkErr(t, err, p == nil)
			return
		}
		for _, r := range p.Rows {
			if len(r.Values) != len(p.Measures) {
				t.Fatalf("%d values for %d measures", len(r.Values), len(p.Measures))
			}
		}
		checkAssessments(t, p.AssessmentSet())
	})
}

func FuzzPrognosHistorik(f *testing.F) {
	addSeeds(f, sharedHead("yrkesprognos_v3_historik.csv", 30),
		[]byte("ar;antalEFT;conceptidprognosyrke\n2015;1,00;1JfT_7TR_tqA\n;;1JfT_7TR_tqA\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		h, err := ReadPrognosHistorikCSV(bytes.NewReader(in), "f.csv", nil)
		if err != nil {
			checkErr(t, err, h == nil)
			return
		}
		for _, p := range h.Points {
			if p.Year < 1990 || p.Year > 2100 || p.Value < 0 || math.IsNaN(p.Value) || math.IsInf(p.Value, 0) {
				t.Fatalf("%+v", p)
			}
		}
	})
}

func FuzzPrognosTexter(f *testing.F) {
	addSeeds(f, []byte(`{"prognoser":[{"ar":"2022","datatyp":"Bristindex","geografi":"Riket","ssyk":"7114","concept_id":"bZ4J_riZ_zK6","bristvarde":"4.0"},{"ar":"2026","geografi":"Riket","ssyk":"5322","concept_id":"no concept_id","bristvarde":"5.0"}]}`))
	if b := sharedHead("yrkesprognoser_2022_texter.json", 40); b != nil {
		f.Add(append(b, "}]}"...))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		s, m, err := ReadPrognosTexter(bytes.NewReader(in), "f.json")
		if err != nil {
			checkErr(t, err, s == nil && m == nil)
			return
		}
		checkAssessments(t, s)
		for _, v := range m {
			if len(v) != 1 || !codes.IsSSYK4(v[0]) {
				t.Fatalf("concept map %v", v)
			}
		}
	})
}

func FuzzAds(f *testing.F) {
	if b, err := os.ReadFile("testdata/ads/ads.jsonl"); err == nil {
		lines := bytes.SplitAfter(b, []byte("\n"))
		for _, l := range lines[:6] {
			f.Add(l)
		}
		f.Add(bytes.Join(lines[4:9], nil))
	}
	f.Add([]byte(`[{"publication_date":"2019-01-01","workplace_address":{"region_code":"01"}},{"_source":{"publication_date":"2019-02-01"}}]`))
	f.Add([]byte("{\"number_of_vacancies\":-1}\n"))
	f.Add([]byte("\xef\xbb\xbf{\"publication_date\":\"2019-01\",\"occupation_group\":{\"legacy_ams_taxonomy_id\":2512}}"))
	// AF's source format, scraped postings, wrappers, pretty-printed.
	f.Add([]byte("{\n \"testannonser\": [{\"publiceringsdatum\": \"2018-10-19 00:00:00\", \"antalPlatser\": 1, \"yrkesroll\": {\"varde\": \"5003\"},\n" +
		" \"arbetsplatsadress\": {\"lan\": {\"varde\": \"25\"}, \"kommun\": {\"varde\": \"2584\"}}}]\n}\n"))
	f.Add([]byte(`[{"originalJobPosting":{"datePosted":"2020-04-14","totalJobOpenings":2,"jobLocation":[{"address":"Uppsala län"},{"address":"Uppsala"}]},"ort":"Uppsala"},` +
		`{"originalJobPosting":{"datePosted":"2020-01-07","jobLocation":{"address":{"addressLocality":"Vänersborg","addressRegion":"Västra Götalands län"}}},"ort":null}]`))
	f.Add([]byte(`{"took":1,"hits":{"hits":[{"_source":{"publication_date":"2018-10-19","workplace_address":{"municipality_code":"2584"}}}]}}` + "\n"))
	f.Add(sharedHead("platsbanken_source_ads_sample.json", 400))
	f.Fuzz(func(t *testing.T, in []byte) {
		opt := AdOptions{Taxonomy: fixtureTaxonomy, MaxLineBytes: 1 << 16, ByPlace: true}
		// The single-pass scanner gives what encoding/json gives.
		sameAsReference(t, in, opt)
		v, err := ReadAds(bytes.NewReader(in), "f.jsonl", opt)
		if err != nil {
			checkErr(t, err, v == nil)
			return
		}
		checkCounts(t, v.ByKommun)
		checkCounts(t, v.ByLanSSYK)
		checkCounts(t, v.ByPlace)
		for _, c := range v.ByKommun {
			if len(c.Region) != 4 || c.SSYK != "" {
				t.Fatalf("kommun count %+v", c)
			}
		}
		var sum, lost float64
		for _, c := range v.ByLanSSYK {
			sum += c.N
		}
		for _, r := range []string{ReasonNoDate, ReasonNoLan, ReasonUnknownLan, ReasonSeveralLan} {
			lost += v.Report.Reasons[r].Vacancies
		}
		if math.Abs(sum+lost-v.Report.Vacancies) > 1e-6*math.Max(1, v.Report.Vacancies) {
			t.Fatalf("län table %v + lost %v != %v", sum, lost, v.Report.Vacancies)
		}
		var place float64
		for _, c := range v.ByPlace {
			place += c.N
		}
		if math.Abs(place-sum) > 1e-6*math.Max(1, sum) {
			t.Fatalf("by place %v != län table %v", place, sum)
		}
	})
}

// FuzzAdPlaces: the place names of scraped postings give a valid kommun
// or län, or nothing, and never both.
func FuzzAdPlaces(f *testing.F) {
	for _, s := range []string{`{"address":"Malmö"}`, `[{"address":"Uppsala län"},{"address":"Uppsala"}]`, `"Västra Götalands län Vänersborg"`,
		`{"address":{"addressLocality":"Hindås","addressRegion":"Västra Götalands län"},"name":"Lunds kommun"}`, `[[["x"]]]`, `{"address":5}`} {
		f.Add([]byte(s), "Stockholms stad")
	}
	f.Fuzz(func(t *testing.T, location []byte, ort string) {
		for _, s := range append(locationNames(location), ort) {
			k, l := placeByName(s)
			if (k != "" && (l != "" || !codes.IsKommun(k))) || (l != "" && !codes.IsLan(l)) {
				t.Fatalf("placeByName(%q) = %q, %q", s, k, l)
			}
		}
		k, l, several := placeNamed(location, ort)
		switch {
		case several && (k != "" || l != ""):
			t.Fatalf("several län and a place: %q %q", k, l)
		case k != "" && lookups().kommunLan[k] != l:
			t.Fatalf("kommun %q in län %q", k, l)
		case l != "" && !codes.IsLan(l):
			t.Fatalf("län %q", l)
		}
	})
}

func FuzzTaxonomy(f *testing.F) {
	f.Add([]byte(`{"ssyk-level-4":{"1288":{"conceptId":"957L_kZK_rHZ","legacyAmsTaxonomyId":"1288","preferredLabel":"Transportledare och transportsamordnare"}},"municipality":{"201":{"conceptId":"biN6_UiL_Qob","preferredLabel":"Kiruna"}}}`))
	f.Add([]byte(`{"region":[]}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		tax, err := ReadTaxonomy(bytes.NewReader(in), "f.json")
		if err != nil {
			checkErr(t, err, tax == nil)
			return
		}
		for _, c := range tax.SSYK {
			if !codes.IsSSYK4(c) {
				t.Fatalf("SSYK %q", c)
			}
		}
		for _, c := range tax.Kommun {
			if !codes.IsKommun(c) {
				t.Fatalf("kommun %q", c)
			}
		}
	})
}

func FuzzStatsCSV(f *testing.F) {
	for _, n := range []string{"arbetslosa_kommun_ssyk.csv", "lediga_platser_manad_lan.csv"} {
		if b, err := os.ReadFile(filepath.Join("testdata/stats", n)); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("Inskrivna arbetslösa i mars 2024\n\nLän;Arbetslösa;Varav kvinnor\n01 Stockholms län;52 310;24 100\nRiket;60 322;28 050\n"))
	f.Add([]byte("Län;2024;;\n;jan;feb;Summa\n01;1;<5;4\n03;2;3;5\nRiket;3;6;9\n"))
	f.Add([]byte("Månad;Yrke;Antal\n2024-01;2512;3\n2024-01;Totalt;3\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		for _, check := range []bool{false, true} {
			res, err := ReadStatsCSV(bytes.NewReader(in), "f.csv", StatsOptions{Category: "x", CheckTotals: check})
			if err != nil {
				checkErr(t, err, res == nil)
				continue
			}
			checkCounts(t, res.Counts)
		}
	})
}

func FuzzStatsXLSX(f *testing.F) {
	f.Add("Titel\n\nKommun\t2024\t\t\tSumma\n\tjan\tfeb\tmar\n0180 Stockholm\t10\t<5\t12\t25\nRiket\t10\t3\t12\t25\nAnm. text")
	f.Add("Yrke\t2024-01\t2024-02\n2512 Mjukvaruutvecklare\t3\t4\nSamtliga yrken\t3\t4")
	f.Fuzz(func(t *testing.T, in string) {
		data := cellsToXLSX(t, in, [][2]string{{"B3", "D3"}})
		res, err := ReadStatsXLSX(bytes.NewReader(data), "f.xlsx", StatsOptions{Category: "x", CheckTotals: true})
		if err != nil {
			checkErr(t, err, res == nil)
			return
		}
		checkCounts(t, res.Counts)
	})
}

func FuzzVarselCSV(f *testing.F) {
	addSeeds(f, sharedHead("af_varsel_manad_dalarna_1992_2024.csv", 20),
		[]byte("tid,region,antal\n2024-01,20,<5\n2024-02,2080,7\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		cs, err := ReadVarselCSV(bytes.NewReader(in), "f.csv")
		if err != nil {
			checkErr(t, err, cs == nil)
			return
		}
		checkCounts(t, cs)
	})
}

// FuzzXLSXBytes feeds raw (damaged) workbooks to every xlsx reader:
// excelize's errors and panics must come back as *Error.
func FuzzXLSXBytes(f *testing.F) {
	f.Add(cellsToXLSX(f, "Yrkesområde\tSSYK\tPrognosyrke\tomfem\nA\t261\tJurister\t3.13", nil))
	f.Add(cellsToXLSX(f, "Län\tArbetslösa\n01\t5\n03\t<5", [][2]string{{"A1", "A2"}}))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, in []byte) {
		if s, err := ReadBristindexXLSX(bytes.NewReader(in), "f.xlsx", BristindexOptions{Round: "2018H"}); err != nil {
			checkErr(t, err, s == nil)
		} else {
			checkAssessments(t, s)
		}
		if s, err := ReadYrkesbarometerXLSX(bytes.NewReader(in), "f.xlsx"); err != nil {
			checkErr(t, err, s == nil)
		} else {
			checkAssessments(t, s)
		}
		if res, err := ReadStatsXLSX(bytes.NewReader(in), "f.xlsx", StatsOptions{Category: "x", Period: "2024-01"}); err != nil {
			checkErr(t, err, res == nil)
		} else {
			checkCounts(t, res.Counts)
		}
	})
}
