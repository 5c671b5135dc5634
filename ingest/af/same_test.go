package af

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Differential tests: the faster code paths against the ones they
// replaced (readCSVTableStd, the ref* readers of the *_ref_test.go
// files), on the real files, generated files and broken inputs.

// sameOutcome fails unless two reads gave the same result or the same
// error (every field of the *Error).
func sameOutcome(t *testing.T, name string, got any, gotErr error, want any, wantErr error) {
	t.Helper()
	if (gotErr == nil) != (wantErr == nil) {
		t.Fatalf("%s: error %v, reference %v", name, gotErr, wantErr)
	}
	if gotErr != nil {
		var g, w *Error
		if !errors.As(gotErr, &g) || !errors.As(wantErr, &w) {
			t.Fatalf("%s: %T %v, reference %T %v", name, gotErr, gotErr, wantErr, wantErr)
		}
		if gs, ws := fmt.Sprintf("%#v %v", *g, gotErr), fmt.Sprintf("%#v %v", *w, wantErr); gs != ws {
			t.Fatalf("%s: error\n%s\nreference\n%s", name, gs, ws)
		}
		return
	}
	// %#v prints NaN as NaN, so censored counts compare equal.
	if gs, ws := fmt.Sprintf("%#v", got), fmt.Sprintf("%#v", want); gs != ws {
		t.Fatalf("%s: result differs from the reference\n%.2000s\nreference\n%.2000s", name, gs, ws)
	}
}

func sameTable(t *testing.T, in []byte, comma rune) {
	t.Helper()
	want, wantErr := readCSVTableStd(in, "f.csv", comma)
	got, ok := splitCSV(in, "f.csv", comma)
	if !ok {
		return // left to encoding/csv
	}
	if wantErr != nil {
		t.Fatalf("split a text encoding/csv refuses (%v): %q", wantErr, in)
	}
	if len(got.raw) == 0 && len(want.raw) == 0 {
		return
	}
	if g, w := fmt.Sprintf("%q %v", got.raw, got.lines), fmt.Sprintf("%q %v", want.raw, want.lines); g != w {
		t.Fatalf("comma %q, input %q:\n%s\nencoding/csv\n%s", comma, in, g, w)
	}
}

// afInputs returns the real AF CSV files (when present), the statistics
// test files and a generated statistics sheet.
func afInputs(t testing.TB) map[string][]byte {
	out := map[string][]byte{}
	for _, n := range []string{"bristindex_2018h_1ar_lan.csv", "bristindex_2018h_5ar_riket.csv", "yrkesprognos_v3_bedomning.csv",
		"yrkesprognos_v3_bedomning_2022.csv", "yrkesprognos_v3_historik.csv", "af_varsel_manad_dalarna_1992_2024.csv"} {
		b, err := os.ReadFile(filepath.Join(sharedAF, n))
		if err != nil {
			t.Logf("../shared/data/af/%s absent: not compared on the real file", n)
			continue
		}
		out[n] = b
	}
	for _, n := range []string{"arbetslosa_kommun_ssyk.csv", "lediga_platser_manad_lan.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata/stats", n))
		if err != nil {
			t.Fatal(err)
		}
		out[n] = b
	}
	rows, _ := statsRows(2)
	var in bytes.Buffer
	for _, r := range rows {
		for i, v := range r {
			if i > 0 {
				in.WriteByte(';')
			}
			fmt.Fprint(&in, v)
		}
		in.WriteByte('\n')
	}
	out["generated stats"] = in.Bytes()
	return out
}

// variants returns in and damaged copies of it: CRLF line ends, a quote,
// a line repeated (a duplicate), a number changed (a wrong total), lines
// dropped and a blank line.
func variants(in []byte) map[string][]byte {
	s := string(in)
	lines := strings.SplitAfter(s, "\n")
	out := map[string][]byte{"as is": in, "crlf": []byte(strings.ReplaceAll(s, "\n", "\r\n"))}
	if len(lines) > 6 {
		mid := len(lines) / 2
		out["duplicate line"] = []byte(strings.Join(lines[:mid], "") + lines[mid-1] + strings.Join(lines[mid:], ""))
		out["dropped line"] = []byte(strings.Join(lines[:mid], "") + strings.Join(lines[mid+1:], ""))
		out["blank line"] = []byte(strings.Join(lines[:mid], "") + "\n \n" + strings.Join(lines[mid:], ""))
		out["quoted"] = []byte(strings.Join(lines[:mid], "") + `"` + strings.Join(lines[mid:], ""))
		out["short"] = []byte(strings.Join(lines[:5], ""))
		changed := strings.Replace(lines[mid], "1", "7", 1)
		out["changed number"] = []byte(strings.Join(lines[:mid], "") + changed + strings.Join(lines[mid+1:], ""))
		out["no final newline"] = []byte(strings.TrimSuffix(s, "\n"))
	}
	return out
}

func TestSplitCSVSameAsEncodingCSV(t *testing.T) {
	for name, in := range afInputs(t) {
		for v, b := range variants(in) {
			for _, comma := range []rune{',', ';', '\t'} {
				t.Run(name+"/"+v, func(t *testing.T) { sameTable(t, b, comma) })
			}
		}
	}
	for _, s := range []string{"a", "a\n", "\n\na;b\n\n", "a;b\r\n\r\nc\r", "a;b\r\r\nc\rd\n", "a;;\n;\n", "a\r", "\r\n", "a;b\rc", " ; \n\t\n",
		`"a";"b;c"`, `"a";` + "\n", `""`, `"""`, `"a"b;c`, `a"b;c`, `"a;b`, "\"a\nb\";c\n", "\"a\"\r", "\"a\"\r\r\n", `x;"y""z"`, `"a","b",`, ` "a";b`} {
		sameTable(t, []byte(s), ';')
		sameTable(t, []byte(s), ',')
	}
}

func FuzzSplitCSV(f *testing.F) {
	f.Add([]byte("a;b\r\n\r\nc\r"), uint8(0))
	f.Add([]byte("Län,SSYK\n01,2512\n\n"), uint8(1))
	f.Add([]byte("x\ty\n1\t2"), uint8(2))
	f.Fuzz(func(t *testing.T, in []byte, c uint8) {
		sameTable(t, in, []rune{';', ',', '\t'}[int(c)%3])
	})
}

func readStatsBoth(t *testing.T, name string, in []byte) {
	t.Helper()
	for _, opt := range []StatsOptions{{Category: "x", CheckTotals: true}, {Category: "x"}, {CheckTotals: true}, {Category: "x", Period: "2024-03"}} {
		got, gotErr := ReadStatsCSV(bytes.NewReader(in), "f.csv", opt)
		want, wantErr := refReadStatsCSV(bytes.NewReader(in), "f.csv", opt)
		sameOutcome(t, fmt.Sprintf("%s %+v", name, opt), got, gotErr, want, wantErr)
	}
}

func TestStatsSameAsReference(t *testing.T) {
	for name, in := range afInputs(t) {
		for v, b := range variants(in) {
			readStatsBoth(t, name+"/"+v, b)
		}
	}
	head := "Inskrivna arbetslösa per län, januari 2024\n\nLän;Arbetslösa\n"
	for _, s := range []string{
		head + "01 Stockholms län;100\n03 Uppsala län;50\nRiket;160\n",
		head + "01 Stockholms län;3\n01;4\n",
		head + "01 Stockholms län;3\n03;4\n01;5\n03;6\n",
		"Månad;Yrke;Arbetslösa\n2024-01;25 IT-yrken;3\n",
		"Län;2024;;\n;jan;feb;Summa\n01;1;<5;4\n03;2;3;5\nRiket;3;6;9\n",
		"Månad;Yrke;Antal\n2024-01;2512;3\n2024-01;Totalt;3\n2024-02;2512;3\n2024-01;2512;4\n",
		"Månad;Kommun;Yrke;Antal\n2024-01;0180;2512;3\n2024-01;0180;2511;4\n2024-01;01;2512;3\n2024-01;01;Totalt;7\n2024-01;Riket;25;7\n",
		"Kommun;2024-01;2024-02;Totalt 2024\n0180;1;2;3\n0114;<5;1;1\n01 Stockholms län;1;3;4\n",
	} {
		readStatsBoth(t, s, []byte(s))
	}
}

func FuzzStatsSameAsReference(f *testing.F) {
	for _, n := range []string{"arbetslosa_kommun_ssyk.csv", "lediga_platser_manad_lan.csv"} {
		if b, err := os.ReadFile(filepath.Join("testdata/stats", n)); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("Län;2024;;\n;jan;feb;Summa\n01;1;<5;4\n03;2;3;5\nRiket;3;6;9\n"))
	f.Add([]byte("Månad;Kommun;Yrke;Antal\n2024-01;0180;2512;3\n2024-01;0180;2511;4\n2024-01;01;2512;3\n2024-01;01;Totalt;7\n2024-01;Riket;25;7\n"))
	f.Fuzz(func(t *testing.T, in []byte) { readStatsBoth(t, "fuzz", in) })
}

func readBristindexBoth(t *testing.T, name string, in []byte) {
	t.Helper()
	for _, opt := range []BristindexOptions{{}, {Round: "2018H"}} {
		got, gotErr := ReadBristindexCSV(bytes.NewReader(in), "f.csv", opt)
		want, wantErr := refReadBristindexCSV(bytes.NewReader(in), "f.csv", opt)
		sameOutcome(t, fmt.Sprintf("%s %+v", name, opt), got, gotErr, want, wantErr)
	}
}

// bristInputs are the real bristindex files (when present) and rows
// shaped like TestBristindexBroken's.
func bristInputs(t testing.TB) map[string][]byte {
	out := map[string][]byte{}
	for _, n := range []string{"bristindex_2018h_1ar_lan.csv", "bristindex_2018h_5ar_riket.csv"} {
		if b, err := os.ReadFile(filepath.Join(sharedAF, n)); err == nil {
			out[n] = b
		} else {
			t.Logf("../shared/data/af/%s absent: not compared on the real file", n)
		}
	}
	other := strings.Replace(strings.Replace(bristRow, "Revisorer", "Jurister", 1), "2411", "261", 1)
	for i, rows := range [][]string{
		{bristRow, strings.Replace(bristRow, "01 Stockholms län", "03 Uppsala län", 1), other, strings.Replace(other, "01 Stockholms", "03 Uppsala", 1)},
		{bristRow, strings.Replace(bristRow, "2411", "2412", 1)},
		{bristRow, strings.Replace(bristRow, "2411", " 2411", 1)},
		{bristRow, strings.Replace(bristRow, "Revisorer", " Revisorer ", 1)},
		{bristRow, strings.Replace(bristRow, "Revisorer", "Revi  sorer", 1), strings.Replace(bristRow, "Revisorer", "Revi sorer", 1)},
		{bristRow, "Inga val,,,,,,,,\n"},
		{"Inga val,,,,,,,,\n", bristRow},
		{bristRow, strings.Replace(bristRow, "01 Stockholms län", "1", 1)},
		{strings.Replace(bristRow, "01 Stockholms län", "Stockholm", 1), strings.Replace(bristRow, "01 Stockholms län", "Atlantis", 1)},
		{bristRow, strings.Replace(bristRow, "Viss brist", " Viss brist ", 1), strings.Replace(bristRow, "3.42545,Viss brist,4", "-,-,-", 1)},
	} {
		out[fmt.Sprint("rows ", i)] = []byte(bristHeader + strings.Join(rows, ""))
	}
	out["5 years"] = []byte("Yrkesområde,SSYK,Prognosyrke,omfem\nX,310,Soldater,3.79\nY,\"2223, 2226\",Z,4.74\nY,\"2226,2223\",Z2,-\nY,2223,Z,4\n")
	return out
}

func TestBristindexSameAsReference(t *testing.T) {
	for name, in := range bristInputs(t) {
		for v, b := range variants(in) {
			readBristindexBoth(t, name+"/"+v, b)
			for _, comma := range []rune{',', ';'} {
				sameTable(t, b, comma)
			}
		}
	}
}

func FuzzBristindexSameAsReference(f *testing.F) {
	addSeeds(f, sharedHead("bristindex_2018h_1ar_lan.csv", 8), sharedHead("bristindex_2018h_5ar_riket.csv", 8),
		[]byte(bristHeader+bristRow+strings.Replace(bristRow, "01 Stockholms län", "03 Uppsala län", 1)),
		[]byte("Yrkesområde,SSYK,Prognosyrke,omfem\nX,310,Soldater,3.79\nY,\"2223, 2226\",Z,4.74\n"))
	f.Fuzz(func(t *testing.T, in []byte) { readBristindexBoth(t, "fuzz", in) })
}

func readPrognosBoth(t *testing.T, name string, in []byte) {
	t.Helper()
	for _, opt := range []PrognosOptions{{}, {Round: "2024", Concepts: ConceptSSYK{"1JfT_7TR_tqA": {"2411"}}}} {
		p, gotErr := ReadPrognosCSV(bytes.NewReader(in), "f.csv", opt)
		var got *AssessmentSet
		if gotErr == nil {
			got = p.AssessmentSet()
		}
		want, wantErr := refReadPrognosCSV(bytes.NewReader(in), "f.csv", opt)
		sameOutcome(t, fmt.Sprintf("%s %+v", name, opt), got, gotErr, want, wantErr)
	}
	for _, c := range []ConceptSSYK{nil, {"1JfT_7TR_tqA": {"2411"}}} {
		got, gotErr := ReadPrognosHistorikCSV(bytes.NewReader(in), "f.csv", c)
		want, wantErr := refReadPrognosHistorikCSV(bytes.NewReader(in), "f.csv", c)
		sameOutcome(t, name+" historik", got, gotErr, want, wantErr)
	}
	got, gotErr := ReadVarselCSV(bytes.NewReader(in), "f.csv")
	want, wantErr := refReadVarselCSV(bytes.NewReader(in), "f.csv")
	sameOutcome(t, name+" varsel", got, gotErr, want, wantErr)
}

func TestPrognosVarselSameAsReference(t *testing.T) {
	ins := afInputs(t)
	p := func(rows ...string) []byte {
		return append(append([]byte{}, bom...), prognosHeader+strings.Join(rows, "")...)
	}
	ok0 := "1JfT_7TR_tqA;0;3;3;18053;1,13;;;;\n"
	ok1 := "1JfT_7TR_tqA;1;;;;1,13;1;;;\n"
	ins["prognos rows"] = p(ok0, ok1, strings.Replace(ok1, ";1;", ";2;", 1), strings.Replace(ok0, "1JfT", "2JfT", 1), strings.Replace(ok1, ";1;;;;", ";7;;;;", 1))
	ins["prognos fa"] = p(ok0, "1JfT_7TR_tqA;6;;;;1,16;3;2;1;\n", "1JfT_7TR_tqA;7;;;;-1,16;3;0;1;\n")
	ins["prognos numbers"] = p(ok0, "1JfT_7TR_tqA;6;;;;1.16;3;;;\n", "1JfT_7TR_tqA;8;;;; 1 234,5 ;3;;;\n", "1JfT_7TR_tqA;9;;;;0,1234567890123456;3;;;\n", "1JfT_7TR_tqA;10;;;;-0;3;;;\n")
	ins["historik"] = []byte("ar;antalEFT;antalPEN;conceptidprognosyrke\n2015;1,00;0,98;1JfT_7TR_tqA\n;;;1JfT_7TR_tqA\n2016;1,05;;1JfT_7TR_tqA\n2016;1;;2JfT_7TR_tqA\n")
	ins["historik dup"] = []byte("ar;antalEFT;conceptidprognosyrke\n2015;1,00;1JfT_7TR_tqA\n2015;1;1JfT_7TR_tqA\n")
	ins["varsel"] = []byte("tid,region,antal,ar\n1992-01,Dalarna,4,1992\n1992-01,20,5,1992\n\n1992-02,Dalarna,<5,1992\n1992-02,Gotland,7,1992\n1992-03,Dalarna,-1,1992\n")
	var vr strings.Builder
	vr.WriteString("tid,region,antal\n")
	for _, rg := range []string{"Gotland", "20", "0180", "01", "2080", "03", "2081"} {
		for m := 12; m >= 1; m-- {
			fmt.Fprintf(&vr, "2023-%02d,%s,%d\n2024-%02d,%s,<5\n", m, rg, m, m, rg)
		}
	}
	ins["varsel regions"] = []byte(vr.String())
	ins["varsel blank first"] = []byte("tid,region,antal\n,,\n1992-01,,4\n")
	ins["varsel atlantis"] = []byte("tid,region,antal\n1992-01,Dalarna,4\n1992-02,Atlantis,4\n1992-02,Dalarna,4\n")
	for name, in := range ins {
		for v, b := range variants(in) {
			readPrognosBoth(t, name+"/"+v, b)
		}
	}
}

func FuzzPrognosVarselSameAsReference(f *testing.F) {
	addSeeds(f, sharedHead("yrkesprognos_v3_bedomning.csv", 8), sharedHead("yrkesprognos_v3_historik.csv", 30),
		sharedHead("af_varsel_manad_dalarna_1992_2024.csv", 20),
		[]byte(prognosHeader+"1JfT_7TR_tqA;0;3;3;18053;1,13;;;;\n1JfT_7TR_tqA;6;;;;1,16;3;2;1;\n"),
		[]byte("ar;antalEFT;conceptidprognosyrke\n2015;1,00;1JfT_7TR_tqA\n;;1JfT_7TR_tqA\n"),
		[]byte("tid,region,antal,ar\n2024-01,20,<5\n2024-02,2080,7\n"))
	f.Fuzz(func(t *testing.T, in []byte) { readPrognosBoth(t, "fuzz", in) })
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"1", "-0", "1,5", "5.", ".5", "-", "123456789012345", "1234567890123456", "0,000000000000001", " 1 234,5", "1e5", "007", "-12,25"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := parseNumber(s)
		w, wok := refParseNumber(s)
		if ok != wok || math.Float64bits(v) != math.Float64bits(w) {
			t.Fatalf("%q: %v %v, reference %v %v", s, v, ok, w, wok)
		}
	})
}
