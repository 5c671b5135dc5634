package assess

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"lmi/ingest/af"
	"lmi/ingest/af/internal/aftest"
	"lmi/ingest/af/internal/input"
)

const ybRecord1 = `{"yb_yrke":"Administrativa assistenter","yb_concept_id":"PDNm_NZ2_WRh","lan":"00","antal_ssyk":1,"del_av_ssyk":0,"ssyk":"4119","jobbmojligheter":"små","rekryteringssituation":"överskott","paradox":[],"prognos":"vara oförändrad","omgang":"2025-2","taxonomi_version":27}`

func ybWith(old, new string) string { return strings.Replace(ybRecord1, old, new, 1) }

func TestYrkesbarometerBroken(t *testing.T) {
	arr := func(recs ...string) []byte { return []byte("[\n" + strings.Join(recs, ",\n") + "\n]\n") }
	cases := []aftest.BrokenCase{
		{Name: "truncated", In: arr(ybRecord1, ybRecord1)[:300], Kind: af.ErrSyntax, Line: 3, Msg: "truncated"},
		{Name: "cp1252", In: aftest.ToCP1252(string(arr(ybRecord1))), Kind: af.ErrEncoding, Line: 2, Msg: "Windows-1252"},
		{Name: "html", In: []byte(aftest.HTMLPage), Kind: af.ErrNotData, Line: 1, Msg: "503 Service Unavailable"},
		{Name: "empty", In: []byte("  \n"), Kind: af.ErrNotData, Msg: "empty"},
		{Name: "duplicate", In: arr(ybRecord1, ybRecord1), Kind: af.ErrDuplicate, Line: 3, Column: "ssyk", Msg: "already at record 1 (line 2)"},
		{Name: "conflicting duplicate", In: arr(ybRecord1, ybWith(`"4119"`, `"4112"`)[:0]+strings.Replace(ybWith(`"4119"`, `"4112"`), `"små"`, `"stora"`, 1)), Kind: af.ErrDuplicate, Line: 3, Column: "yb_concept_id", Msg: "other assessments"},
		{Name: "län 02", In: arr(ybWith(`"lan":"00"`, `"lan":"02"`)), Kind: af.ErrUnknownCode, Line: 2, Column: "lan", Msg: "län code"},
		{Name: "unknown SSYK", In: arr(ybWith(`"4119"`, `"9999"`)), Kind: af.ErrUnknownCode, Line: 2, Column: "ssyk", Msg: "9999"},
		{Name: "unknown label", In: arr(ybWith(`"små"`, `"jättestora"`)), Kind: af.ErrValue, Line: 2, Column: "jobbmojligheter", Msg: "medelstora"},
		{Name: "object field", In: arr(ybWith(`"lan":"00"`, `"lan":{"kod":"00"}`)), Kind: af.ErrValue, Line: 2, Column: "lan", Msg: "object"},
		{Name: "no round", In: arr(ybWith(`"omgang":"2025-2"`, `"omgang":"höst"`)), Kind: af.ErrValue, Line: 2, Column: "omgang", Msg: "2025-2"},
		{Name: "not an array", In: []byte(`{"yrken":[]}`), Kind: af.ErrSyntax, Line: 1, Msg: "array"},
		{Name: "trailing data", In: append(arr(ybRecord1), "[]"...), Kind: af.ErrSyntax, Line: 4, Msg: "after the end"},
		{Name: "null record", In: arr(ybRecord1, "null"), Kind: af.ErrSyntax, Line: 3, Msg: "null"},
	}
	aftest.CheckBroken(t, cases, func(in []byte) error {
		_, err := ReadYrkesbarometer(bytes.NewReader(in), "yb.json")
		return err
	})
}

func TestYrkesbarometerXLSX(t *testing.T) {
	header := []any{"yrkesomrade", "yb_yrke", "yb_concept_id", "lan", "antal_ssyk", "del_av_ssyk", "ssyk", "jobbmojligheter", "rekryteringssituation", "prognos", "omgang"}
	row := func(lan any, ssyk any, j string) []any {
		return []any{"Administration", "Administrativa assistenter", "PDNm_NZ2_WRh", lan, 1, 0, ssyk, j, "överskott", "vara oförändrad", "2025-2"}
	}
	sheet := aftest.XLSXSheet{Name: "Yrkesbarometer", Rows: [][]any{
		{"Yrkesbarometer omgång 2025-2"},
		nil,
		header,
		row("00", "4119", "små"),
		row(1, 4119, "små"), // numbers: län 1 -> "01"
		row("03", "4119", "medelstora"),
		{"Militärt arbete", "Soldater", "abcd_efg_hij", "00", 1, 1, 310, "stora", "brist", "öka", "2025-2"},
	}, Merges: [][2]string{{"A1", "K1"}}}
	s, err := ReadYrkesbarometerXLSX(bytes.NewReader(aftest.MakeXLSX(t, sheet)), "yb.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Assessments) != 12 {
		t.Fatalf("%d assessments", len(s.Assessments))
	}
	if a := one(t, s.Assessments, "PDNm_NZ2_WRh", "01", MeasureJobbmojligheter); a.Class != 1 || a.RegionLevel != af.LevelLan {
		t.Errorf("%+v", a)
	}
	if a := one(t, s.Assessments, "abcd_efg_hij", "00", MeasureRekryteringssituation); a.Class != 3 || a.SSYK[0] != "0310" {
		t.Errorf("%+v", a)
	}
	if o := s.Occupations[1]; o.SSYK != "0310" || !o.Partial || o.Published != "310" {
		t.Errorf("%+v", o)
	}

	dup := sheet
	dup.Rows = append(append([][]any{}, sheet.Rows...), row("03", "4119", "medelstora"))
	unknown := sheet
	unknown.Rows = append(append([][]any{}, sheet.Rows[:3]...), row("02", "4119", "små"))
	noHeader := aftest.XLSXSheet{Name: "Blad1", Rows: [][]any{{"yrke", "län"}, {"x", "01"}}}
	cases := []aftest.BrokenCase{
		{Name: "duplicate", In: aftest.MakeXLSX(t, dup), Kind: af.ErrDuplicate, Line: 8, Column: "ssyk", Cell: "G8", Msg: "already at row 6"},
		{Name: "län 02", In: aftest.MakeXLSX(t, unknown), Kind: af.ErrUnknownCode, Line: 4, Column: "lan", Cell: "D4", Msg: "län code"},
		{Name: "no header", In: aftest.MakeXLSX(t, noHeader), Kind: af.ErrHeader, Msg: "yb_concept_id"},
		{Name: "csv", In: []byte("yb_concept_id,lan\nx,01\n"), Kind: af.ErrNotData, Msg: "zip"},
		{Name: "html", In: []byte(aftest.HTMLPage), Kind: af.ErrNotData, Line: 1, Msg: "HTML"},
		{Name: "damaged zip", In: append([]byte("PK\x03\x04"), bytes.Repeat([]byte{0xff}, 100)...), Kind: af.ErrSyntax, Msg: "damaged"},
	}
	aftest.CheckBroken(t, cases, func(in []byte) error {
		_, err := ReadYrkesbarometerXLSX(bytes.NewReader(in), "yb.xlsx")
		return err
	})
}

const bristHeader = "Län,Yrkesområde,SSYK,Prognosyrke,index_18H_1ar,klartext_18H_1ar,klass_18H_1ar,antal_kommuner_18H_1ar,korrigerat_fran\n"
const bristRow = "01 Stockholms län,\"Administration, ekonomi och juridik\",2411,Revisorer,3.42545,Viss brist,4,20,3.40637\n"

func TestBristindexBroken(t *testing.T) {
	b := func(rows ...string) []byte { return []byte(bristHeader + strings.Join(rows, "")) }
	cases := []aftest.BrokenCase{
		{Name: "semicolons", In: []byte(strings.ReplaceAll(bristHeader, ",", ";") + strings.ReplaceAll(bristRow, ",", ";")), Kind: af.ErrHeader, Line: 1, Msg: "separated by semicolons"},
		{Name: "cp1252", In: aftest.ToCP1252(string(b(bristRow))), Kind: af.ErrEncoding, Line: 1, Msg: "Windows-1252"},
		{Name: "html", In: []byte(aftest.HTMLPage), Kind: af.ErrNotData, Line: 1, Msg: "HTML"},
		{Name: "duplicate", In: b(bristRow, bristRow), Kind: af.ErrDuplicate, Line: 3, Column: "Prognosyrke", Msg: "already at line 2"},
		{Name: "län 02", In: b(strings.Replace(bristRow, "01 Stockholms län", "02 Påhittat län", 1)), Kind: af.ErrUnknownCode, Line: 2, Column: "Län", Msg: "02"},
		{Name: "län name mismatch", In: b(strings.Replace(bristRow, "01 Stockholms län", "01 Uppsala län", 1)), Kind: af.ErrUnknownCode, Line: 2, Column: "Län", Msg: "Stockholms län"},
		{Name: "unknown SSYK", In: b(strings.Replace(bristRow, "2411", "2499", 1)), Kind: af.ErrUnknownCode, Line: 2, Column: "SSYK", Msg: "2499"},
		{Name: "class and text disagree", In: b(strings.Replace(bristRow, ",4,20,", ",5,20,", 1)), Kind: af.ErrValue, Line: 2, Column: "klass_18H_1ar", Msg: "klass 5"},
		{Name: "index out of range", In: b(strings.Replace(bristRow, "3.42545", "7.1", 1)), Kind: af.ErrValue, Line: 2, Column: "index_18H_1ar", Msg: "1 to 5"},
		{Name: "half assessed", In: b(strings.Replace(bristRow, "3.42545", "-", 1)), Kind: af.ErrValue, Line: 2, Column: "index_18H_1ar", Msg: "all or none"},
		{Name: "unknown column", In: []byte(strings.Replace(bristHeader, "korrigerat_fran", "kommentar", 1) + bristRow), Kind: af.ErrHeader, Line: 1, Column: "kommentar", Msg: "unknown column"},
		{Name: "open quote", In: b(bristRow, "01 Stockholms län,\"Admin,2412\n"), Kind: af.ErrSyntax, Line: 3, Msg: "quote"},
		{Name: "header only", In: []byte(bristHeader), Kind: af.ErrNotData, Line: 1, Msg: "no data rows"},
		{Name: "two rounds", In: []byte(strings.Replace(bristHeader, "klass_18H", "klass_19V", 1) + bristRow), Kind: af.ErrHeader, Line: 1, Msg: "round"},
	}
	aftest.CheckBroken(t, cases, func(in []byte) error {
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
	_, err := ReadBristindexXLSX(bytes.NewReader(aftest.MakeXLSX(t, aftest.XLSXSheet{Name: "Sheet1", Rows: rows})), "b.xlsx", BristindexOptions{})
	var e *af.Error
	if !errors.As(err, &e) || !errors.Is(err, af.ErrDuplicate) || e.Cell != "D3" {
		t.Errorf("xlsx duplicate: %v", err)
	}
	s, err := ReadBristindexXLSX(bytes.NewReader(aftest.MakeXLSX(t, aftest.XLSXSheet{Name: "Sheet1", Rows: [][]any{rows[0], rows[1], rows[3]}})), "b.xlsx", BristindexOptions{})
	if err != nil || len(s.Assessments) != 1 || s.Assessments[0].Value != 3.42545 {
		t.Errorf("xlsx: %v %+v", err, s)
	}
}

const prognosHeader = aftest.PrognosHeader

func TestPrognosBroken(t *testing.T) {
	p := func(rows ...string) []byte {
		return append(append([]byte{}, input.BOM...), prognosHeader+strings.Join(rows, "")...)
	}
	ok0 := "1JfT_7TR_tqA;0;3;3;18053;1,13;;;;\n"
	ok1 := "1JfT_7TR_tqA;1;;;;1,13;1;;;\n"
	cases := []aftest.BrokenCase{
		{Name: "commas", In: []byte(strings.ReplaceAll(prognosHeader, ";", ",")), Kind: af.ErrHeader, Line: 1, Msg: "separated by commas"},
		{Name: "cp1252 header", In: aftest.ToCP1252(prognosHeader + ok0), Kind: af.ErrEncoding, Line: 1, Msg: "ö"},
		{Name: "html", In: []byte(aftest.HTMLPage), Kind: af.ErrNotData, Line: 1, Msg: "HTML"},
		{Name: "FA 61", In: p(ok0, strings.Replace(ok1, ";1;", ";61;", 1)), Kind: af.ErrUnknownCode, Line: 3, Column: "fa15nr", Msg: "FA61"},
		{Name: "bedömning 4", In: p(strings.Replace(ok0, ";3;3;", ";4;3;", 1)), Kind: af.ErrValue, Line: 2, Column: "bedömning24", Msg: "1, 2 or 3"},
		{Name: "index 6", In: p(ok0, strings.Replace(ok1, "1,13;1;", "1,13;6;", 1)), Kind: af.ErrValue, Line: 3, Column: "index", Msg: "0-5"},
		{Name: "duplicate", In: p(ok0, ok1, ok1), Kind: af.ErrDuplicate, Line: 4, Column: "conceptidprognosyrke", Msg: "already at line 3"},
		{Name: "short row", In: p(ok0, "1JfT_7TR_tqA;2;;;\n"), Kind: af.ErrSyntax, Line: 3, Msg: "5 fields"},
		{Name: "not a concept id", In: p(strings.Replace(ok0, "1JfT_7TR_tqA", "Revisorer", 1)), Kind: af.ErrValue, Line: 2, Column: "conceptidprognosyrke", Msg: "concept id"},
		{Name: "bad decimal", In: p(strings.Replace(ok0, "1,13", "1,1,3", 1)), Kind: af.ErrValue, Line: 2, Column: "pil_2022_tilltr", Msg: "decimal comma"},
		{Name: "data in U", In: p(strings.Replace(ok0, ";;;;\n", ";;;;x\n", 1)), Kind: af.ErrHeader, Line: 1, Column: "U", Msg: "unnamed column"},
		{Name: "svårare riket", In: p(strings.Replace(ok0, ";;;;\n", ";;0;;\n", 1)), Kind: af.ErrUnknownCode, Line: 2, Column: "svårare_fa15nr", Msg: "1-60"},
	}
	aftest.CheckBroken(t, cases, func(in []byte) error {
		_, err := ReadPrognosCSV(bytes.NewReader(in), "bedomning.csv", PrognosOptions{})
		return err
	})
	pr, err := ReadPrognosCSV(bytes.NewReader(p(ok0, ok1)), "bedomning.csv", PrognosOptions{Concepts: af.ConceptSSYK{"1JfT_7TR_tqA": {"2411"}}, Round: "2023H"})
	s := pr.AssessmentSet()
	if err != nil || len(s.Unmapped) != 0 || len(s.Occupations) != 1 || s.Assessments[0].Round != "2023H" || s.Assessments[0].SSYK[0] != "2411" {
		t.Errorf("mapped: %v %+v", err, s)
	}

	h := func(rows ...string) []byte {
		return []byte("ar;antalEFT;antalPEN;conceptidprognosyrke\n" + strings.Join(rows, ""))
	}
	hcases := []aftest.BrokenCase{
		{Name: "duplicate year", In: h("2015;1,00;1,00;1JfT_7TR_tqA\n", "2015;1,00;1,00;1JfT_7TR_tqA\n"), Kind: af.ErrDuplicate, Line: 3, Column: "ar", Msg: "already at line 2"},
		{Name: "values without year", In: h(";1,00;;1JfT_7TR_tqA\n"), Kind: af.ErrValue, Line: 2, Column: "ar", Msg: "no year"},
		{Name: "negative", In: h("2015;-1,00;;1JfT_7TR_tqA\n"), Kind: af.ErrValue, Line: 2, Column: "antalEFT", Msg: "non-negative"},
		{Name: "unknown column", In: []byte("ar;antalEFT;kommentar;conceptidprognosyrke\n"), Kind: af.ErrHeader, Line: 1, Column: "kommentar", Msg: "unknown column"},
	}
	aftest.CheckBroken(t, hcases, func(in []byte) error {
		_, err := ReadPrognosHistorikCSV(bytes.NewReader(in), "historik.csv", nil)
		return err
	})

	rec := `{"ar":"2022","datatyp":"Bristindex","geografi":"Riket","ssyk":"7114","concept_id":"bZ4J_riZ_zK6","bristvarde":"4.0","ingress":""}`
	tj := func(recs ...string) []byte { return []byte("{\"prognoser\":[\n" + strings.Join(recs, ",\n") + "\n]}") }
	tcases := []aftest.BrokenCase{
		{Name: "concept with two SSYK", In: tj(rec, strings.Replace(strings.Replace(rec, "7114", "7111", 1), "2022", "2026", 1)), Kind: af.ErrValue, Line: 3, Column: "ssyk", Msg: "is SSYK 7114"},
		{Name: "duplicate", In: tj(rec, rec), Kind: af.ErrDuplicate, Line: 3, Column: "concept_id", Msg: "already at record 1"},
		{Name: "odd year", In: tj(rec, strings.Replace(rec, "2022", "2024", 1)), Kind: af.ErrValue, Line: 3, Column: "ar", Msg: "2026"},
		{Name: "truncated", In: tj(rec)[:60], Kind: af.ErrSyntax, Line: 2, Msg: "truncated"},
		{Name: "no array", In: []byte(`{"other":[]}`), Kind: af.ErrSyntax, Line: 1, Msg: "prognoser"},
		{Name: "bristvärde 9", In: tj(strings.Replace(rec, `"4.0"`, `"9.0"`, 1)), Kind: af.ErrValue, Line: 2, Column: "bristvarde", Msg: "1 to 5"},
	}
	aftest.CheckBroken(t, tcases, func(in []byte) error {
		_, _, err := ReadPrognosTexter(bytes.NewReader(in), "texter.json")
		return err
	})
}
