package af

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// outcome describes a reader's result or error for comparison: every
// field of the result (NaN prints as NaN, so %+v, not reflect.DeepEqual)
// and every field of the error but the wrapped one, which is compared by
// its message.
func outcome(v any, err error) string {
	if err == nil {
		return fmt.Sprintf("%+v", v)
	}
	var e *Error
	if !errors.As(err, &e) {
		return fmt.Sprintf("%T %v", err, err)
	}
	c := *e
	c.Err = nil
	return fmt.Sprintf("%#v %q", c, err.Error())
}

func sameYrkesbarometer(t *testing.T, name string, in []byte) {
	t.Helper()
	s, err := ReadYrkesbarometer(bytes.NewReader(in), "f.json")
	o, oerr := oldReadYrkesbarometer(bytes.NewReader(in), "f.json")
	if got, want := outcome(s, err), outcome(o, oerr); got != want {
		t.Fatalf("%s: differs from the old reader\n got: %.600s\nwant: %.600s\ninput: %.300q", name, got, want, in)
	}
}

func sameTaxonomy(t *testing.T, name string, in []byte) {
	t.Helper()
	tax, err := ReadTaxonomy(bytes.NewReader(in), "f.json")
	o, oerr := oldReadTaxonomy(bytes.NewReader(in), "f.json")
	if got, want := outcome(tax, err), outcome(o, oerr); got != want {
		t.Fatalf("%s: differs from the old reader\n got: %.600s\nwant: %.600s\ninput: %.300q", name, got, want, in)
	}
}

// realOrSkip returns a file of ../shared/data/af, or nil after logging
// why the real file is not compared.
func realOrSkip(t *testing.T, name string) []byte {
	b, err := os.ReadFile(filepath.Join(sharedAF, name))
	if err != nil {
		t.Logf("../shared/data not present: %s not compared (%v)", name, err)
		return nil
	}
	return b
}

// mutations returns in cut short at a spread of offsets and with single
// bytes replaced by JSON's structural characters and a few others.
func mutations(in []byte, step int) [][]byte {
	var out [][]byte
	for off := 0; off < len(in); off += step {
		out = append(out, in[:off])
		for _, c := range []byte("{}[],:\"\\ n0a\x01\xff") {
			m := bytes.Clone(in)
			m[off] = c
			out = append(out, m)
		}
	}
	return out
}

// TestScanYrkesbarometerSameAsDecode: the scanner's records are
// encoding/json's where it succeeds, it succeeds on the real and
// generated files, and ReadYrkesbarometer's results and errors are the
// old reader's on good, odd and broken inputs.
func TestScanYrkesbarometerSameAsDecode(t *testing.T) {
	gen := genYrkesbarometer(30).json()
	inputs := map[string][]byte{"generated": gen, "small": ybSmall()}
	if b := realOrSkip(t, "yrkesbarometer_2025-2_excerpt.json"); b != nil {
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
		"bom html":        []byte("\xef\xbb\xbf \n" + htmlPage),
		"html":            []byte(htmlPage),
		"empty":           []byte(" \n"),
		"nothing":         nil,
		"cp1252":          toCP1252(string(arr(ybRecord1))),
		"cp1252 text":     toCP1252(string(arr(ybWith(`"paradox":[]`, `"paradox":["å"]`)))),
		"overlong":        arr(ybWith(`"små"`, "\"sm\xc0\xa5\"")),
		"surrogate utf8":  arr(ybWith(`"små"`, "\"sm\xed\xa0\x80\"")),
		"dup other round": arr(ybRecord1, ybWith(`"4119"`, `"4112"`)[:0]+strings.Replace(ybWith(`"4119"`, `"4112"`), `"2025-2"`, `"2025-1"`, 1)),
	}
	for name, in := range odd {
		sameYrkesbarometer(t, name, in)
	}
	for i, in := range mutations(ybSmall(), 3) {
		sameYrkesbarometer(t, fmt.Sprintf("mutation %d", i), in)
	}
	if b := inputs["real"]; b != nil {
		for i, in := range mutations(b[:4000], 13) {
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
		books[name] = cellsToXLSX(t, s, nil)
	}
	for name, in := range books {
		s, err := ReadYrkesbarometerXLSX(bytes.NewReader(in), "f.xlsx")
		o, oerr := oldReadYrkesbarometerXLSX(bytes.NewReader(in), "f.xlsx")
		if got, want := outcome(s, err), outcome(o, oerr); got != want {
			t.Fatalf("%s: differs from the old reader\n got: %.600s\nwant: %.600s", name, got, want)
		}
	}
}

const taxSmall = `{
  "country" : {"1" : {"conceptId" : "c1", "preferredLabel" : "Sverige", "type" : "country"}},
  "ssyk-level-4" : {
    "1288" : {"conceptId" : "957L_kZK_rHZ", "legacyAmsTaxonomyId" : "1288", "preferredLabel" : "Transportledare och transportsamordnare", "type" : "ssyk-level-4"},
    "12" : {"conceptId" : "x", "preferredLabel" : "Ingen sådan grupp"}
  },
  "municipality" : {"201" : {"conceptId" : "biN6_UiL_Qob", "preferredLabel" : "Kiruna"}, "202" : {"conceptId" : "k2", "preferredLabel" : " Stockholm "}},
  "region" : {"1" : {"conceptId" : "r1", "preferredLabel" : "Stockholms län"}, "2" : {"conceptId" : "r2", "preferredLabel" : "Skåne län"}}
}
`

func taxWith(old, new string) []byte { return []byte(strings.Replace(taxSmall, old, new, 1)) }

// TestScanTaxonomySameAsDecode: the scanner's concepts are
// encoding/json's where it succeeds, it succeeds on the real and
// generated dumps, and ReadTaxonomy's results and errors are the old
// reader's on good, odd and broken inputs.
func TestScanTaxonomySameAsDecode(t *testing.T) {
	gen, _ := genTaxonomy()
	inputs := map[string][]byte{"generated": gen, "small": []byte(taxSmall)}
	if b := realOrSkip(t, "jobtech_taxonomy_legacy_to_concept.json"); b != nil {
		inputs["real"] = b
	}
	for name, in := range inputs {
		d, ok := scanTaxonomy(in)
		if !ok {
			t.Fatalf("%s: the scanner gave up", name)
		}
		want, err := decodeTaxonomy(in, "f.json")
		if err != nil || !reflect.DeepEqual(d, want) {
			t.Fatalf("%s: scanned concepts differ from decoded (%v)", name, err)
		}
		sameTaxonomy(t, name, in)
	}
	odd := map[string][]byte{
		"empty":            []byte("{}"),
		"null":             []byte("null"),
		"array":            []byte("[]"),
		"string":           []byte(`"x"`),
		"null type":        taxWith(`"region" : {"1"`, `"region" : null, "r" : {"1"`),
		"only null types":  []byte(`{"region":null,"municipality":null}`),
		"empty type":       []byte(`{"region":{}}`),
		"null concept":     taxWith(`"2" : {"conceptId" : "r2", "preferredLabel" : "Skåne län"}`, `"2" : null`),
		"empty concept":    taxWith(`"2" : {"conceptId" : "r2", "preferredLabel" : "Skåne län"}`, `"2" : {}`),
		"null id":          taxWith(`"conceptId" : "r2"`, `"conceptId" : null`),
		"number id":        taxWith(`"conceptId" : "r2"`, `"conceptId" : 2`),
		"object label":     taxWith(`"preferredLabel" : "Kiruna"`, `"preferredLabel" : {}`),
		"case key":         taxWith(`"conceptId" : "r2"`, `"conceptid" : "r2"`),
		"upper key":        taxWith(`"conceptId" : "r2"`, `"CONCEPTID" : 5`),
		"case twice":       taxWith(`"conceptId" : "r2"`, `"conceptId" : "r2", "ConceptID" : "r3"`),
		"field twice":      taxWith(`"conceptId" : "r2"`, `"conceptId" : "r2", "conceptId" : null`),
		"legacy twice":     taxWith(`"202" : {`, `"201" : {`),
		"type twice":       taxWith(`"country" :`, `"region" : {}, "country" :`),
		"unused twice":     taxWith(`"country" :`, `"skill" : {}, "skill" : null, "country" :`),
		"unused array":     taxWith(`"country" :`, `"skill" : [], "country" :`),
		"unused bad":       taxWith(`"country" :`, `"skill" : {"1" : "x"}, "country" :`),
		"unused bad field": taxWith(`"country" :`, `"skill" : {"1" : {"preferredLabel" : 1}}, "country" :`),
		"unused extra":     taxWith(`"type" : "country"`, `"type" : [1, {"a" : null}], "x" : true`),
		"escaped label":    taxWith(`"Kiruna"`, `"Kir\u0075na"`),
		"escaped key":      taxWith(`"region" :`, `"regi\u006fn" :`),
		"escaped legacy":   taxWith(`"201" :`, `"2\u00301" :`),
		"non-ascii key":    taxWith(`"country" :`, `"länder" :`),
		"surrogate":        taxWith(`"Kiruna"`, `"Kir\udc00na"`),
		"bad escape":       taxWith(`"Kiruna"`, `"Kir\una"`),
		"trailing":         append([]byte(taxSmall), "{}"...),
		"bom":              append([]byte("\xef\xbb\xbf"), taxSmall...),
		"two boms":         append([]byte("\xef\xbb\xbf\xef\xbb\xbf"), taxSmall...),
		"html":             []byte(htmlPage),
		"blank":            []byte("\t"),
		"cp1252":           toCP1252(taxSmall),
		"cp1252 unused":    toCP1252(`{"region":{},"skill":{"1":{"x":"ö"}}}`),
		"deep":             taxWith(`"type" : "country"`, `"x" : `+strings.Repeat("[", 100)+strings.Repeat("]", 100)),
		"shared concept":   taxWith(`"conceptId" : "r2"`, `"conceptId" : "r1"`),
	}
	for name, in := range odd {
		sameTaxonomy(t, name, in)
	}
	for i, in := range mutations([]byte(taxSmall), 3) {
		sameTaxonomy(t, fmt.Sprintf("mutation %d", i), in)
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
	addSeeds(f, sharedHead("yrkesbarometer_2025-2_excerpt.json", 45), ybSmall(),
		[]byte("[\n"+ybRecord1+"\n]"), []byte("["+ybRecord1+","+strings.Replace(ybRecord1, "4119", "4112", 1)+"]"),
		[]byte("["+ybRecord1+","+ybRecord1+"]"), []byte("[null]"), []byte("[{\"lan\":[]}]"),
		[]byte(`[{"yb\u005fconcept_id":"a","lan":1,"lan":"00","paradox":[{}],"text_a":"\u00e5"}]`))
	f.Fuzz(func(t *testing.T, in []byte) {
		sameYrkesbarometer(t, "fuzz", in)
	})
}

func FuzzScanTaxonomy(f *testing.F) {
	addSeeds(f, []byte(taxSmall), taxWith(`"conceptId" : "r2"`, `"CONCEPTID" : 5`), taxWith(`"country" :`, `"skill" : [], "country" :`),
		[]byte(`{"region":null,"municipality":{"1":null,"2":{}}}`), taxWith(`"202" : {`, `"201" : {`))
	f.Fuzz(func(t *testing.T, in []byte) {
		sameTaxonomy(t, "fuzz", in)
	})
}
