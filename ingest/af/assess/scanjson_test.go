package assess

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"lmi/ingest/af/internal/aftest"
)

func sameYrkesbarometer(t *testing.T, name string, in []byte) {
	t.Helper()
	s, err := ReadYrkesbarometer(bytes.NewReader(in), "f.json")
	o, oerr := oldReadYrkesbarometer(bytes.NewReader(in), "f.json")
	if got, want := aftest.Outcome(s, err), aftest.Outcome(o, oerr); got != want {
		t.Fatalf("%s: differs from the old reader\n got: %.600s\nwant: %.600s\ninput: %.300q", name, got, want, in)
	}
}

// TestScanYrkesbarometerSameAsDecode: the scanner's records are
// encoding/json's where it succeeds, it succeeds on the real and
// generated files, and ReadYrkesbarometer's results and errors are the
// old reader's on good, odd and broken inputs.
func TestScanYrkesbarometerSameAsDecode(t *testing.T) {
	gen := genYrkesbarometer(30).json()
	inputs := map[string][]byte{"generated": gen, "small": ybSmall()}
	if b := aftest.RealOrSkip(t, "yrkesbarometer_2025-2_excerpt.json"); b != nil {
		inputs["real"] = b
	}
	for name, in := range inputs {
		var recs []ybRecord
		if !scanYrkesbarometer(in, func(r *ybRecord) { recs = append(recs, *r) }) {
			t.Fatalf("%s: the scanner gave up", name)
		}
		want, err := decodeYrkesbarometer(in, "f.json")
		if err != nil || !reflect.DeepEqual(recs, want) {
			t.Fatalf("%s: scanned records differ from decoded (%v)", name, err)
		}
		sameYrkesbarometer(t, name, in)
	}
	arr := func(recs ...string) []byte { return []byte("[\n" + strings.Join(recs, ",\n") + "\n]\n") }
	odd := map[string][]byte{
		"empty array":     []byte("[]"),
		"spaced array":    []byte(" [ \n ] \n"),
		"empty record":    arr("{}"),
		"null":            []byte("null"),
		"object":          []byte(`{"a":[]}`),
		"escaped key":     arr(ybWith(`"yb_concept_id"`, `"yb\u005fconcept_id"`)),
		"escaped value":   arr(ybWith(`"små"`, `"sm\u00e5"`)),
		"bad escape":      arr(ybWith(`"små"`, `"sm\u00g5"`)),
		"surrogate":       arr(ybWith(`"Administrativa assistenter"`, `"A\ud800"`)),
		"field twice":     arr(ybWith(`"lan":"00"`, `"lan":"00","lan":"01"`)),
		"unused twice":    arr(ybWith(`"antal_ssyk":1`, `"antal_ssyk":[],"antal_ssyk":1`)),
		"numbers":         arr(ybWith(`"lan":"00"`, `"lan":1`), ybWith(`"lan":"00"`, `"lan":1.5e0`)),
		"boolean":         arr(ybWith(`"del_av_ssyk":0`, `"del_av_ssyk":true`)),
		"float flag":      arr(ybWith(`"del_av_ssyk":0`, `"del_av_ssyk":1.0`)),
		"null fields":     arr(ybWith(`"yb_yrke":"Administrativa assistenter"`, `"yb_yrke":null`)),
		"object unused":   arr(ybWith(`"antal_ssyk":1`, `"antal_ssyk":{"n":1}`)),
		"array text":      arr(ybWith(`"paradox":[]`, `"paradox":[{"a":[1,2,{"b":null}]}],"text_x":{"y":"z"},"yb_beskrivning":[true]`)),
		"case key":        arr(ybWith(`"lan":"00"`, `"Lan":"00"`)),
		"non-ascii key":   arr(ybWith(`"antal_ssyk":1`, `"ärende":1`)),
		"two ssyk":        arr(ybWith(`"4119"`, `"4119, 4112"`)),
		"ssyk repeated":   arr(ybWith(`"4119"`, `"4119,4119"`), ybWith(`"4119"`, `"4112"`)),
		"ssyk group":      arr(ybWith(`"4119"`, `"411"`)),
		"paradox label":   arr(ybWith(`"överskott"`, `"Paradox"`)),
		"round spaces":    arr(ybWith(`"2025-2"`, `" 2025-1 "`)),
		"round 3":         arr(ybWith(`"2025-2"`, `"2025-3"`)),
		"round newline":   arr(ybWith(`"2025-2"`, `"2025-2\n"`)),
		"comma record":    []byte("[," + ybRecord1 + "]"),
		"trailing comma":  arr(ybRecord1, ""),
		"number record":   []byte("[1]"),
		"deep":            arr(ybWith(`"paradox":[]`, `"paradox":`+strings.Repeat("[", 100)+strings.Repeat("]", 100))),
		"trailing":        append(arr(ybRecord1), " x"...),
		"bom":             append([]byte("\xef\xbb\xbf"), arr(ybRecord1)...),
		"bad then broken": arr(ybWith(`"lan":"00"`, `"lan":"02"`), ybRecord1, `{"lan":`),
		"bad then odd":    arr(ybWith(`"lan":"00"`, `"lan":"02"`), ybWith(`"lan":"00"`, `"lan":[]`)),
		"bad then fine":   arr(ybRecord1, ybWith(`"lan":"00"`, `"lan":"02"`), ybWith(`"lan":"00"`, `"lan":"01"`)),
		"two boms":        append([]byte("\xef\xbb\xbf\xef\xbb\xbf"), arr(ybRecord1)...),
		"bom html":        []byte("\xef\xbb\xbf \n" + aftest.HTMLPage),
		"html":            []byte(aftest.HTMLPage),
		"empty":           []byte(" \n"),
		"nothing":         nil,
		"cp1252":          aftest.ToCP1252(string(arr(ybRecord1))),
		"cp1252 text":     aftest.ToCP1252(string(arr(ybWith(`"paradox":[]`, `"paradox":["å"]`)))),
		"overlong":        arr(ybWith(`"små"`, "\"sm\xc0\xa5\"")),
		"surrogate utf8":  arr(ybWith(`"små"`, "\"sm\xed\xa0\x80\"")),
		"dup other round": arr(ybRecord1, ybWith(`"4119"`, `"4112"`)[:0]+strings.Replace(ybWith(`"4119"`, `"4112"`), `"2025-2"`, `"2025-1"`, 1)),
	}
	for name, in := range odd {
		sameYrkesbarometer(t, name, in)
	}
	for i, in := range aftest.Mutations(ybSmall(), 3) {
		sameYrkesbarometer(t, fmt.Sprintf("mutation %d", i), in)
	}
	if b := inputs["real"]; b != nil {
		for i, in := range aftest.Mutations(b[:4000], 13) {
			sameYrkesbarometer(t, fmt.Sprintf("real mutation %d", i), in)
		}
	}
}

// TestYrkesbarometerXLSXSameAsOld: the workbook reader shares the new
// record type and builder; its results and errors are the old ones.
func TestYrkesbarometerXLSXSameAsOld(t *testing.T) {
	g := genYrkesbarometer(3)
	books := map[string][]byte{"generated": g.xlsx(t)}
	head := "yb_concept_id\tlan\tssyk\tjobbmojligheter\trekryteringssituation\tprognos\tomgang\n"
	for name, s := range map[string]string{
		"good":        head + "PDNm\t00\t4119\tsmå\tbalans\töka\t2025-2\nPDNm\t1\t4112\tstora\tbrist\tminska\t2025-2",
		"duplicate":   head + "PDNm\t00\t4119\tsmå\tbalans\töka\t2025-2\nPDNm\t00\t4119\tsmå\tbalans\töka\t2025-2",
		"no round":    "yb_concept_id\tlan\tssyk\nPDNm\t00\t4119",
		"bad label":   head + "PDNm\t00\t4119\tjättesmå\tbalans\töka\t2025-2",
		"conflicting": head + "PDNm\t00\t4119\tsmå\tbalans\töka\t2025-2\nPDNm\t00\t4112\tstora\tbalans\töka\t2025-2",
	} {
		books[name] = aftest.CellsToXLSX(t, s, nil)
	}
	for name, in := range books {
		s, err := ReadYrkesbarometerXLSX(bytes.NewReader(in), "f.xlsx")
		o, oerr := oldReadYrkesbarometerXLSX(bytes.NewReader(in), "f.xlsx")
		if got, want := aftest.Outcome(s, err), aftest.Outcome(o, oerr); got != want {
			t.Fatalf("%s: differs from the old reader\n got: %.600s\nwant: %.600s", name, got, want)
		}
	}
}

// ybSmall is a generated record (free texts, nulls, lists) and a record
// split over two SSYK: small, for mutations and as a fuzz seed (the fuzzer
// minimizes every new input, which takes long on a large one).
func ybSmall() []byte {
	one := genYrkesbarometer(1).json()
	cut := bytes.Index(one, []byte("\n },\n {")) + 3
	return append(one[:cut:cut], "\n, "+ybWith(`"4119"`, `"4119 4112"`)+"\n]\n"...)
}

func FuzzScanYrkesbarometer(f *testing.F) {
	aftest.AddSeeds(f, aftest.SharedHead("yrkesbarometer_2025-2_excerpt.json", 45), ybSmall(),
		[]byte("[\n"+ybRecord1+"\n]"), []byte("["+ybRecord1+","+strings.Replace(ybRecord1, "4119", "4112", 1)+"]"),
		[]byte("["+ybRecord1+","+ybRecord1+"]"), []byte("[null]"), []byte("[{\"lan\":[]}]"),
		[]byte(`[{"yb\u005fconcept_id":"a","lan":1,"lan":"00","paradox":[{}],"text_a":"\u00e5"}]`))
	f.Fuzz(func(t *testing.T, in []byte) {
		sameYrkesbarometer(t, "fuzz", in)
	})
}
