package ads

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"lmi/ingest/af/internal/aftest"
)

func sameTaxonomy(t *testing.T, name string, in []byte) {
	t.Helper()
	tax, err := ReadTaxonomy(bytes.NewReader(in), "f.json")
	o, oerr := oldReadTaxonomy(bytes.NewReader(in), "f.json")
	if got, want := aftest.Outcome(tax, err), aftest.Outcome(o, oerr); got != want {
		t.Fatalf("%s: differs from the old reader\n got: %.600s\nwant: %.600s\ninput: %.300q", name, got, want, in)
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
	if b := aftest.RealOrSkip(t, "jobtech_taxonomy_legacy_to_concept.json"); b != nil {
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
		"html":             []byte(aftest.HTMLPage),
		"blank":            []byte("\t"),
		"cp1252":           aftest.ToCP1252(taxSmall),
		"cp1252 unused":    aftest.ToCP1252(`{"region":{},"skill":{"1":{"x":"ö"}}}`),
		"deep":             taxWith(`"type" : "country"`, `"x" : `+strings.Repeat("[", 100)+strings.Repeat("]", 100)),
		"shared concept":   taxWith(`"conceptId" : "r2"`, `"conceptId" : "r1"`),
	}
	for name, in := range odd {
		sameTaxonomy(t, name, in)
	}
	for i, in := range aftest.Mutations([]byte(taxSmall), 3) {
		sameTaxonomy(t, fmt.Sprintf("mutation %d", i), in)
	}
}

func FuzzScanTaxonomy(f *testing.F) {
	aftest.AddSeeds(f, []byte(taxSmall), taxWith(`"conceptId" : "r2"`, `"CONCEPTID" : 5`), taxWith(`"country" :`, `"skill" : [], "country" :`),
		[]byte(`{"region":null,"municipality":{"1":null,"2":{}}}`), taxWith(`"202" : {`, `"201" : {`))
	f.Fuzz(func(t *testing.T, in []byte) {
		sameTaxonomy(t, "fuzz", in)
	})
}
