package aftest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lmi/ingest/af"
	"lmi/ingest/af/internal/input"
)

// Differential tests: the faster code paths against the ones they
// replaced (input.ReadCSVTableStd, the ref* readers of the *_ref_test.go
// files), on the real files, generated files and broken inputs.

// SameOutcome fails unless two reads gave the same result or the same
// error (every field of the *Error).
func SameOutcome(t *testing.T, name string, got any, gotErr error, want any, wantErr error) {
	t.Helper()
	if (gotErr == nil) != (wantErr == nil) {
		t.Fatalf("%s: error %v, reference %v", name, gotErr, wantErr)
	}
	if gotErr != nil {
		var g, w *af.Error
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

func SameTable(t *testing.T, in []byte, comma rune) {
	t.Helper()
	want, wantErr := input.ReadCSVTableStd(in, "f.csv", comma)
	got, ok := input.SplitCSV(in, "f.csv", comma)
	if !ok {
		return // left to encoding/csv
	}
	if wantErr != nil {
		t.Fatalf("split a text encoding/csv refuses (%v): %q", wantErr, in)
	}
	if len(got.Raw) == 0 && len(want.Raw) == 0 {
		return
	}
	if g, w := fmt.Sprintf("%q %v", got.Raw, got.Lines), fmt.Sprintf("%q %v", want.Raw, want.Lines); g != w {
		t.Fatalf("comma %q, input %q:\n%s\nencoding/csv\n%s", comma, in, g, w)
	}
}

// AFInputs returns the real AF CSV files (when present), the statistics
// test files and a generated statistics sheet.
func AFInputs(t testing.TB) map[string][]byte {
	out := map[string][]byte{}
	for _, n := range []string{"bristindex_2018h_1ar_lan.csv", "bristindex_2018h_5ar_riket.csv", "yrkesprognos_v3_bedomning.csv",
		"yrkesprognos_v3_bedomning_2022.csv", "yrkesprognos_v3_historik.csv", "af_varsel_manad_dalarna_1992_2024.csv"} {
		b, err := os.ReadFile(filepath.Join(SharedAF, n))
		if err != nil {
			t.Logf("../shared/data/af/%s absent: not compared on the real file", n)
			continue
		}
		out[n] = b
	}
	for _, n := range []string{"arbetslosa_kommun_ssyk.csv", "lediga_platser_manad_lan.csv"} {
		b, err := os.ReadFile(filepath.Join(ModuleDir(), "ingest", "af", "stats", "testdata", "stats", n))
		if err != nil {
			t.Fatal(err)
		}
		out[n] = b
	}
	rows, _ := StatsRows(2)
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

// Variants returns in and damaged copies of it: CRLF line ends, a quote,
// a line repeated (a duplicate), a number changed (a wrong total), lines
// dropped and a blank line.
func Variants(in []byte) map[string][]byte {
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

// PrognosHeader is a bedömning file's header with every kind of column.
const PrognosHeader = "conceptidprognosyrke;fa15nr;bedömning24;bedömning26;yrkesverksamma_antal;pil_2022_tilltr;index;svårare_fa15nr;lättare_fa15nr;U\n"

// PrognosVarselInputs returns AFInputs and the prognos, historik and
// varsel texts that the prognos and varsel readers are compared with their
// references on: every reader on every input.
func PrognosVarselInputs(t testing.TB) map[string][]byte {
	ins := AFInputs(t)
	p := func(rows ...string) []byte {
		return append(append([]byte{}, input.BOM...), PrognosHeader+strings.Join(rows, "")...)
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
	return ins
}

// PrognosVarselSeeds are the fuzz seeds of the same comparisons.
func PrognosVarselSeeds() [][]byte {
	return [][]byte{SharedHead("yrkesprognos_v3_bedomning.csv", 8), SharedHead("yrkesprognos_v3_historik.csv", 30),
		SharedHead("af_varsel_manad_dalarna_1992_2024.csv", 20),
		[]byte(PrognosHeader + "1JfT_7TR_tqA;0;3;3;18053;1,13;;;;\n1JfT_7TR_tqA;6;;;;1,16;3;2;1;\n"),
		[]byte("ar;antalEFT;conceptidprognosyrke\n2015;1,00;1JfT_7TR_tqA\n;;1JfT_7TR_tqA\n"),
		[]byte("tid,region,antal,ar\n2024-01,20,<5\n2024-02,2080,7\n")}
}
