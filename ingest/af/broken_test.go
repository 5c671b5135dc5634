package af

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

// toCP1252 re-encodes the Swedish letters of s as Windows-1252.
func toCP1252(s string) []byte {
	r := strings.NewReplacer("å", "\xe5", "ä", "\xe4", "ö", "\xf6", "Å", "\xc5", "Ä", "\xc4", "Ö", "\xd6", "é", "\xe9")
	return []byte(r.Replace(s))
}

const htmlPage = "<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head><body>Försök igen senare</body></html>\n"

// brokenCase is one bad input and what its error must say.
type brokenCase struct {
	name   string
	in     []byte
	kind   error
	line   int64  // 0: not checked
	column string // "": not checked
	cell   string // "": not checked
	msg    string // a substring of the message
}

func checkBroken(t *testing.T, cases []brokenCase, read func(in []byte) error) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := read(c.in)
			if err == nil {
				t.Fatal("no error")
			}
			t.Log(err)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("not an *Error: %T %v", err, err)
			}
			if !errors.Is(err, c.kind) {
				t.Errorf("kind: %v, want %v", err, c.kind)
			}
			if e.File == "" {
				t.Errorf("no file in %v", err)
			}
			if c.line != 0 && e.Line != c.line {
				t.Errorf("line %d, want %d: %v", e.Line, c.line, err)
			}
			if c.column != "" && e.Column != c.column {
				t.Errorf("column %q, want %q: %v", e.Column, c.column, err)
			}
			if c.cell != "" && e.Cell != c.cell {
				t.Errorf("cell %q, want %q: %v", e.Cell, c.cell, err)
			}
			if !strings.Contains(err.Error(), c.msg) {
				t.Errorf("message %q does not contain %q", err, c.msg)
			}
		})
	}
}

const ybRecord1 = `{"yb_yrke":"Administrativa assistenter","yb_concept_id":"PDNm_NZ2_WRh","lan":"00","antal_ssyk":1,"del_av_ssyk":0,"ssyk":"4119","jobbmojligheter":"små","rekryteringssituation":"överskott","paradox":[],"prognos":"vara oförändrad","omgang":"2025-2","taxonomi_version":27}`

func ybWith(old, new string) string { return strings.Replace(ybRecord1, old, new, 1) }

func TestYrkesbarometerBroken(t *testing.T) {
	arr := func(recs ...string) []byte { return []byte("[\n" + strings.Join(recs, ",\n") + "\n]\n") }
	cases := []brokenCase{
		{"truncated", arr(ybRecord1, ybRecord1)[:300], ErrSyntax, 3, "", "", "truncated"},
		{"cp1252", toCP1252(string(arr(ybRecord1))), ErrEncoding, 2, "", "", "Windows-1252"},
		{"html", []byte(htmlPage), ErrNotData, 1, "", "", "503 Service Unavailable"},
		{"empty", []byte("  \n"), ErrNotData, 0, "", "", "empty"},
		{"duplicate", arr(ybRecord1, ybRecord1), ErrDuplicate, 3, "ssyk", "", "already at record 1 (line 2)"},
		{"conflicting duplicate", arr(ybRecord1, ybWith(`"4119"`, `"4112"`)[:0]+strings.Replace(ybWith(`"4119"`, `"4112"`), `"små"`, `"stora"`, 1)), ErrDuplicate, 3, "yb_concept_id", "", "other assessments"},
		{"län 02", arr(ybWith(`"lan":"00"`, `"lan":"02"`)), ErrUnknownCode, 2, "lan", "", "län code"},
		{"unknown SSYK", arr(ybWith(`"4119"`, `"9999"`)), ErrUnknownCode, 2, "ssyk", "", "9999"},
		{"unknown label", arr(ybWith(`"små"`, `"jättestora"`)), ErrValue, 2, "jobbmojligheter", "", "medelstora"},
		{"object field", arr(ybWith(`"lan":"00"`, `"lan":{"kod":"00"}`)), ErrValue, 2, "lan", "", "object"},
		{"no round", arr(ybWith(`"omgang":"2025-2"`, `"omgang":"höst"`)), ErrValue, 2, "omgang", "", "2025-2"},
		{"not an array", []byte(`{"yrken":[]}`), ErrSyntax, 1, "", "", "array"},
		{"trailing data", append(arr(ybRecord1), "[]"...), ErrSyntax, 4, "", "", "after the end"},
		{"null record", arr(ybRecord1, "null"), ErrSyntax, 3, "", "", "null"},
	}
	checkBroken(t, cases, func(in []byte) error {
		_, err := ReadYrkesbarometer(bytes.NewReader(in), "yb.json")
		return err
	})
}

func TestYrkesbarometerXLSX(t *testing.T) {
	header := []any{"yrkesomrade", "yb_yrke", "yb_concept_id", "lan", "antal_ssyk", "del_av_ssyk", "ssyk", "jobbmojligheter", "rekryteringssituation", "prognos", "omgang"}
	row := func(lan any, ssyk any, j string) []any {
		return []any{"Administration", "Administrativa assistenter", "PDNm_NZ2_WRh", lan, 1, 0, ssyk, j, "överskott", "vara oförändrad", "2025-2"}
	}
	sheet := xlsxSheet{name: "Yrkesbarometer", rows: [][]any{
		{"Yrkesbarometer omgång 2025-2"},
		nil,
		header,
		row("00", "4119", "små"),
		row(1, 4119, "små"), // numbers: län 1 -> "01"
		row("03", "4119", "medelstora"),
		{"Militärt arbete", "Soldater", "abcd_efg_hij", "00", 1, 1, 310, "stora", "brist", "öka", "2025-2"},
	}, merges: [][2]string{{"A1", "K1"}}}
	s, err := ReadYrkesbarometerXLSX(bytes.NewReader(makeXLSX(t, sheet)), "yb.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Assessments) != 12 {
		t.Fatalf("%d assessments", len(s.Assessments))
	}
	if a := one(t, s.Assessments, "PDNm_NZ2_WRh", "01", MeasureJobbmojligheter); a.Class != 1 || a.RegionLevel != LevelLan {
		t.Errorf("%+v", a)
	}
	if a := one(t, s.Assessments, "abcd_efg_hij", "00", MeasureRekryteringssituation); a.Class != 3 || a.SSYK[0] != "0310" {
		t.Errorf("%+v", a)
	}
	if o := s.Occupations[1]; o.SSYK != "0310" || !o.Partial || o.Published != "310" {
		t.Errorf("%+v", o)
	}

	dup := sheet
	dup.rows = append(append([][]any{}, sheet.rows...), row("03", "4119", "medelstora"))
	unknown := sheet
	unknown.rows = append(append([][]any{}, sheet.rows[:3]...), row("02", "4119", "små"))
	noHeader := xlsxSheet{name: "Blad1", rows: [][]any{{"yrke", "län"}, {"x", "01"}}}
	cases := []brokenCase{
		{"duplicate", makeXLSX(t, dup), ErrDuplicate, 8, "ssyk", "G8", "already at row 6"},
		{"län 02", makeXLSX(t, unknown), ErrUnknownCode, 4, "lan", "D4", "län code"},
		{"no header", makeXLSX(t, noHeader), ErrHeader, 0, "", "", "yb_concept_id"},
		{"csv", []byte("yb_concept_id,lan\nx,01\n"), ErrNotData, 0, "", "", "zip"},
		{"html", []byte(htmlPage), ErrNotData, 1, "", "", "HTML"},
		{"damaged zip", append([]byte("PK\x03\x04"), bytes.Repeat([]byte{0xff}, 100)...), ErrSyntax, 0, "", "", "damaged"},
	}
	checkBroken(t, cases, func(in []byte) error {
		_, err := ReadYrkesbarometerXLSX(bytes.NewReader(in), "yb.xlsx")
		return err
	})
}

const bristHeader = "Län,Yrkesområde,SSYK,Prognosyrke,index_18H_1ar,klartext_18H_1ar,klass_18H_1ar,antal_kommuner_18H_1ar,korrigerat_fran\n"
const bristRow = "01 Stockholms län,\"Administration, ekonomi och juridik\",2411,Revisorer,3.42545,Viss brist,4,20,3.40637\n"

func TestBristindexBroken(t *testing.T) {
	b := func(rows ...string) []byte { return []byte(bristHeader + strings.Join(rows, "")) }
	cases := []brokenCase{
		{"semicolons", []byte(strings.ReplaceAll(bristHeader, ",", ";") + strings.ReplaceAll(bristRow, ",", ";")), ErrHeader, 1, "", "", "separated by semicolons"},
		{"cp1252", toCP1252(string(b(bristRow))), ErrEncoding, 1, "", "", "Windows-1252"},
		{"html", []byte(htmlPage), ErrNotData, 1, "", "", "HTML"},
		{"duplicate", b(bristRow, bristRow), ErrDuplicate, 3, "Prognosyrke", "", "already at line 2"},
		{"län 02", b(strings.Replace(bristRow, "01 Stockholms län", "02 Påhittat län", 1)), ErrUnknownCode, 2, "Län", "", "02"},
		{"län name mismatch", b(strings.Replace(bristRow, "01 Stockholms län", "01 Uppsala län", 1)), ErrUnknownCode, 2, "Län", "", "Stockholms län"},
		{"unknown SSYK", b(strings.Replace(bristRow, "2411", "2499", 1)), ErrUnknownCode, 2, "SSYK", "", "2499"},
		{"class and text disagree", b(strings.Replace(bristRow, ",4,20,", ",5,20,", 1)), ErrValue, 2, "klass_18H_1ar", "", "klass 5"},
		{"index out of range", b(strings.Replace(bristRow, "3.42545", "7.1", 1)), ErrValue, 2, "index_18H_1ar", "", "1 to 5"},
		{"half assessed", b(strings.Replace(bristRow, "3.42545", "-", 1)), ErrValue, 2, "index_18H_1ar", "", "all or none"},
		{"unknown column", []byte(strings.Replace(bristHeader, "korrigerat_fran", "kommentar", 1) + bristRow), ErrHeader, 1, "kommentar", "", "unknown column"},
		{"open quote", b(bristRow, "01 Stockholms län,\"Admin,2412\n"), ErrSyntax, 3, "", "", "quote"},
		{"header only", []byte(bristHeader), ErrNotData, 1, "", "", "no data rows"},
		{"two rounds", []byte(strings.Replace(bristHeader, "klass_18H", "klass_19V", 1) + bristRow), ErrHeader, 1, "", "", "round"},
	}
	checkBroken(t, cases, func(in []byte) error {
		_, err := ReadBristindexCSV(bytes.NewReader(in), "brist.csv", BristindexOptions{})
		return err
	})

	// xlsx: the original headers, a duplicate row.
	rows := [][]any{
		{"Län", "Yrkesområde", "SSYK", "Prognosyrke", "(18H Om 1 år)", "(18H Klartext, Om 1 år)", "(18H Om 1 år)", "(18H Antal Kommuner Om 1 år)", "Korrigerat från"},
		{"01 Stockholms län", "Administration", 2411, "Revisorer", 3.42545, "Viss brist", 4, 20, " "},
		{"01 Stockholms län", "Administration", 2411, "Revisorer", 3.1, "Balans", 3, 20, " "},
		{"Inga val"},
	}
	_, err := ReadBristindexXLSX(bytes.NewReader(makeXLSX(t, xlsxSheet{name: "Sheet1", rows: rows})), "b.xlsx", BristindexOptions{})
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrDuplicate) || e.Cell != "D3" {
		t.Errorf("xlsx duplicate: %v", err)
	}
	s, err := ReadBristindexXLSX(bytes.NewReader(makeXLSX(t, xlsxSheet{name: "Sheet1", rows: [][]any{rows[0], rows[1], rows[3]}})), "b.xlsx", BristindexOptions{})
	if err != nil || len(s.Assessments) != 1 || s.Assessments[0].Value != 3.42545 {
		t.Errorf("xlsx: %v %+v", err, s)
	}
}

const prognosHeader = "conceptidprognosyrke;fa15nr;bedömning24;bedömning26;yrkesverksamma_antal;pil_2022_tilltr;index;svårare_fa15nr;lättare_fa15nr;U\n"

func TestPrognosBroken(t *testing.T) {
	p := func(rows ...string) []byte {
		return append(append([]byte{}, bom...), prognosHeader+strings.Join(rows, "")...)
	}
	ok0 := "1JfT_7TR_tqA;0;3;3;18053;1,13;;;;\n"
	ok1 := "1JfT_7TR_tqA;1;;;;1,13;1;;;\n"
	cases := []brokenCase{
		{"commas", []byte(strings.ReplaceAll(prognosHeader, ";", ",")), ErrHeader, 1, "", "", "separated by commas"},
		{"cp1252 header", toCP1252(prognosHeader + ok0), ErrEncoding, 1, "", "", "ö"},
		{"html", []byte(htmlPage), ErrNotData, 1, "", "", "HTML"},
		{"FA 61", p(ok0, strings.Replace(ok1, ";1;", ";61;", 1)), ErrUnknownCode, 3, "fa15nr", "", "FA61"},
		{"bedömning 4", p(strings.Replace(ok0, ";3;3;", ";4;3;", 1)), ErrValue, 2, "bedömning24", "", "1, 2 or 3"},
		{"index 6", p(ok0, strings.Replace(ok1, "1,13;1;", "1,13;6;", 1)), ErrValue, 3, "index", "", "0-5"},
		{"duplicate", p(ok0, ok1, ok1), ErrDuplicate, 4, "conceptidprognosyrke", "", "already at line 3"},
		{"short row", p(ok0, "1JfT_7TR_tqA;2;;;\n"), ErrSyntax, 3, "", "", "5 fields"},
		{"not a concept id", p(strings.Replace(ok0, "1JfT_7TR_tqA", "Revisorer", 1)), ErrValue, 2, "conceptidprognosyrke", "", "concept id"},
		{"bad decimal", p(strings.Replace(ok0, "1,13", "1,1,3", 1)), ErrValue, 2, "pil_2022_tilltr", "", "decimal comma"},
		{"data in U", p(strings.Replace(ok0, ";;;;\n", ";;;;x\n", 1)), ErrHeader, 1, "U", "", "unnamed column"},
		{"svårare riket", p(strings.Replace(ok0, ";;;;\n", ";;0;;\n", 1)), ErrUnknownCode, 2, "svårare_fa15nr", "", "1-60"},
	}
	checkBroken(t, cases, func(in []byte) error {
		_, err := ReadPrognosCSV(bytes.NewReader(in), "bedomning.csv", PrognosOptions{})
		return err
	})
	pr, err := ReadPrognosCSV(bytes.NewReader(p(ok0, ok1)), "bedomning.csv", PrognosOptions{Concepts: ConceptSSYK{"1JfT_7TR_tqA": {"2411"}}, Round: "2023H"})
	s := pr.AssessmentSet()
	if err != nil || len(s.Unmapped) != 0 || len(s.Occupations) != 1 || s.Assessments[0].Round != "2023H" || s.Assessments[0].SSYK[0] != "2411" {
		t.Errorf("mapped: %v %+v", err, s)
	}

	h := func(rows ...string) []byte {
		return []byte("ar;antalEFT;antalPEN;conceptidprognosyrke\n" + strings.Join(rows, ""))
	}
	hcases := []brokenCase{
		{"duplicate year", h("2015;1,00;1,00;1JfT_7TR_tqA\n", "2015;1,00;1,00;1JfT_7TR_tqA\n"), ErrDuplicate, 3, "ar", "", "already at line 2"},
		{"values without year", h(";1,00;;1JfT_7TR_tqA\n"), ErrValue, 2, "ar", "", "no year"},
		{"negative", h("2015;-1,00;;1JfT_7TR_tqA\n"), ErrValue, 2, "antalEFT", "", "non-negative"},
		{"unknown column", []byte("ar;antalEFT;kommentar;conceptidprognosyrke\n"), ErrHeader, 1, "kommentar", "", "unknown column"},
	}
	checkBroken(t, hcases, func(in []byte) error {
		_, err := ReadPrognosHistorikCSV(bytes.NewReader(in), "historik.csv", nil)
		return err
	})

	rec := `{"ar":"2022","datatyp":"Bristindex","geografi":"Riket","ssyk":"7114","concept_id":"bZ4J_riZ_zK6","bristvarde":"4.0","ingress":""}`
	tj := func(recs ...string) []byte { return []byte("{\"prognoser\":[\n" + strings.Join(recs, ",\n") + "\n]}") }
	tcases := []brokenCase{
		{"concept with two SSYK", tj(rec, strings.Replace(strings.Replace(rec, "7114", "7111", 1), "2022", "2026", 1)), ErrValue, 3, "ssyk", "", "is SSYK 7114"},
		{"duplicate", tj(rec, rec), ErrDuplicate, 3, "concept_id", "", "already at record 1"},
		{"odd year", tj(rec, strings.Replace(rec, "2022", "2024", 1)), ErrValue, 3, "ar", "", "2026"},
		{"truncated", tj(rec)[:60], ErrSyntax, 2, "", "", "truncated"},
		{"no array", []byte(`{"other":[]}`), ErrSyntax, 1, "", "", "prognoser"},
		{"bristvärde 9", tj(strings.Replace(rec, `"4.0"`, `"9.0"`, 1)), ErrValue, 2, "bristvarde", "", "1 to 5"},
	}
	checkBroken(t, tcases, func(in []byte) error {
		_, _, err := ReadPrognosTexter(bytes.NewReader(in), "texter.json")
		return err
	})
}

func TestAdsBroken(t *testing.T) {
	good := `{"publication_date":"2019-01-01T00:00:00","number_of_vacancies":1,"occupation_group":{"concept_id":"x","legacy_ams_taxonomy_id":"2512"},"workplace_address":{"municipality_code":"0180","region_code":"01"}}`
	l := func(lines ...string) []byte { return []byte(strings.Join(lines, "\n") + "\n") }
	cases := []brokenCase{
		{"truncated line", l(good, good, good[:70]), ErrSyntax, 3, "", "", "truncated"},
		{"cp1252", l(good, strings.Replace(good, `"x"`, "\"Kock, k\xf6k\"", 1)), ErrEncoding, 2, "", "", "ö"},
		{"negative vacancies", l(good, strings.Replace(good, `"number_of_vacancies":1`, `"number_of_vacancies":-2`, 1)), ErrNegative, 2, "number_of_vacancies", "", "negative"},
		{"fractional vacancies", l(strings.Replace(good, `"number_of_vacancies":1`, `"number_of_vacancies":"2.5"`, 1)), ErrValue, 1, "number_of_vacancies", "", "whole number"},
		{"wrong type", l(good, strings.Replace(good, `"occupation_group":{`, `"occupation_group":5,"x":{`, 1)), ErrSyntax, 2, "", "", "occupation_group"},
		{"html", []byte(htmlPage), ErrNotData, 1, "", "", "HTML"},
		{"empty", []byte("\n\n"), ErrNotData, 0, "", "", "empty"},
		{"array not closed", []byte("[" + good + "," + good), ErrSyntax, 0, "", "", "JSON array"},
		{"not json", l(good, "publication_date;2019-01-01"), ErrSyntax, 2, "", "", "invalid character"},
	}
	checkBroken(t, cases, func(in []byte) error {
		_, err := ReadAds(bytes.NewReader(in), "ads.jsonl", AdOptions{})
		return err
	})
	// A line longer than the limit.
	_, err := ReadAds(io.MultiReader(strings.NewReader(good+"\n"), strings.NewReader(`{"x":"`+strings.Repeat("a", 5000)+`"}`)), "ads.jsonl", AdOptions{MaxLineBytes: 4096})
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrTooLong) || e.Line != 2 {
		t.Errorf("long line: %v", err)
	}
}

func TestStatsBroken(t *testing.T) {
	head := "Inskrivna arbetslösa per län, januari 2024\n\nLän;Arbetslösa\n"
	s := func(rows ...string) []byte { return []byte(head + strings.Join(rows, "")) }
	cases := []brokenCase{
		{"total mismatch", s("01 Stockholms län;100\n", "03 Uppsala län;50\n", "Riket;160\n"), ErrTotal, 6, "Arbetslösa", "", "sum to 150"},
		{"negative", s("01 Stockholms län;-3\n"), ErrNegative, 4, "Arbetslösa", "", "negative"},
		{"län 02", s("02 Stora Kopparbergs län;3\n"), ErrUnknownCode, 4, "Län", "", "02"},
		{"duplicate", s("01 Stockholms län;3\n", "01;4\n"), ErrDuplicate, 5, "Arbetslösa", "", "already at line 4"},
		{"cp1252", toCP1252(string(s("01 Stockholms län;3\n"))), ErrEncoding, 1, "", "", "ö"},
		{"html", []byte(htmlPage), ErrNotData, 1, "", "", "HTML"},
		{"text value", s("01 Stockholms län;många\n"), ErrValue, 4, "Arbetslösa", "", "count"},
		{"wrong separator", []byte("Län|Arbetslösa\n01|3\n"), ErrHeader, 0, "", "", "separator"},
		{"kommun name", []byte("Månad;Kommun;Arbetslösa\n2024-01;0180 Solna;3\n"), ErrUnknownCode, 2, "Kommun", "", "Solna"},
		{"bad month", []byte("Månad;Län;Arbetslösa\n2024-13;01;3\n"), ErrValue, 2, "Månad", "", "month"},
		{"SSYK level 2", []byte("Månad;Yrke;Arbetslösa\n2024-01;25 IT-yrken;3\n"), ErrHeader, 1, "Yrke", "", "level 2"},
		{"no details", s("Riket;3\n"), ErrNotData, 0, "", "", "no detail"},
	}
	checkBroken(t, cases, func(in []byte) error {
		_, err := ReadStatsCSV(bytes.NewReader(in), "stats.csv", StatsOptions{CheckTotals: true})
		return err
	})
	xcases := []brokenCase{
		{"html as xlsx", []byte(htmlPage), ErrNotData, 1, "", "", "HTML"},
		{"old xls", append([]byte{0xD0, 0xCF, 0x11, 0xE0}, make([]byte, 100)...), ErrNotData, 0, "", "", ".xls"},
		{"negative cell", makeXLSX(t, kommunSheet(func(rows [][]any) { rows[6][4] = -5 })), ErrNegative, 7, "2024 apr", "E7", "negative"},
		{"missing sheet", makeXLSX(t, kommunSheet(nil)), ErrHeader, 0, "", "", "no such sheet"},
	}
	checkBroken(t, xcases, func(in []byte) error {
		opt := StatsOptions{Category: "x"}
		if bytes.HasPrefix(in, []byte("PK")) && len(in) > 0 {
			var f bytes.Buffer
			f.Write(in)
			if _, err := ReadStatsXLSX(bytes.NewReader(in), "s.xlsx", opt); err != nil && errors.Is(err, ErrNegative) {
				return err
			}
			opt.Sheet = "Tabell 9"
		}
		_, err := ReadStatsXLSX(bytes.NewReader(in), "s.xlsx", opt)
		return err
	})
}

func TestVarselBroken(t *testing.T) {
	h := "tid,region,antal,ar\n"
	cases := []brokenCase{
		{"negative", []byte(h + "1992-01,Dalarna,-4,1992\n"), ErrNegative, 2, "antal", "", "negative"},
		{"duplicate", []byte(h + "1992-01,Dalarna,4,1992\n1992-01,20,5,1992\n"), ErrDuplicate, 3, "tid", "", "already at line 2"},
		{"bad month", []byte(h + "1992-13,Dalarna,4,1992\n"), ErrValue, 2, "tid", "", "month"},
		{"unknown region", []byte(h + "1992-01,Atlantis,4,1992\n"), ErrUnknownCode, 2, "region", "", "Atlantis"},
		{"missing count", []byte(h + "1992-01,Dalarna,,1992\n"), ErrValue, 2, "antal", "", "count"},
		{"pipes", []byte("tid|region|antal\n1992-01|Dalarna|4\n"), ErrHeader, 1, "", "", "separated by '|'"},
		{"html", []byte(htmlPage), ErrNotData, 1, "", "", "HTML"},
	}
	checkBroken(t, cases, func(in []byte) error {
		_, err := ReadVarselCSV(bytes.NewReader(in), "varsel.csv")
		return err
	})
}

// TestCheckMarkup: a web page instead of data is named, with its title,
// whatever its case, and bytes that are not UTF-8 before the title do not
// move it (they once made the title's slice run past the page).
func TestCheckMarkup(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"<HTML><TITLE>Sidan finns inte</TITLE></HTML>", `the file is an HTML or XML page, not data (title "Sidan finns inte")`},
		{"<\xb6<title>", `the file is an HTML or XML page, not data (title "")`},
		{"<\xb6\xb6<title>Fel\xb6</title>", `the file is an HTML or XML page, not data (title "Fel?")`},
		{"<?xml version=\"1.0\"?><a/>", "the file is an HTML or XML page, not data"},
	} {
		err := checkMarkup([]byte(c.in), "x.json")
		var e *Error
		if !errors.As(err, &e) || e.Kind != ErrNotData || e.Msg != c.want {
			t.Errorf("%q: %v, want %s", c.in, err, c.want)
		}
	}
	if err := checkMarkup([]byte(`[{"a":1}]`), "x.json"); err != nil {
		t.Errorf("data taken for a page: %v", err)
	}
}
