package ads

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"lmi/codes"
	"lmi/ingest/af"
	"lmi/ingest/af/internal/aftest"
	"lmi/ingest/af/internal/input"
)

// readAdsWith reads in as ReadAds does, with the single-pass scanner or,
// with reference, with encoding/json only (the decoding before scanAd).
func readAdsWith(in []byte, reference bool, opt AdOptions) (*Vacancies, error) {
	a := newAdAgg(opt)
	a.reference = reference
	if err := a.read(bytes.NewReader(in), "f.jsonl"); err != nil {
		return nil, err
	}
	return a.result(), nil
}

// sameAsReference checks that ReadAds gives, for in, exactly what the
// encoding/json path gives: the same tables and report, or the same error
// (kind, position and message).
func sameAsReference(t testing.TB, in []byte, opt AdOptions) {
	t.Helper()
	got, err := readAdsWith(in, false, opt)
	want, werr := readAdsWith(in, true, opt)
	if (err == nil) != (werr == nil) {
		t.Fatalf("scanner error %v, encoding/json error %v\ninput %q", err, werr, input.Short(string(in)))
	}
	if err != nil {
		var e, we *af.Error
		if !errors.As(err, &e) || !errors.As(werr, &we) || e.Kind != we.Kind || err.Error() != werr.Error() {
			t.Fatalf("scanner error\n%v\nencoding/json error\n%v", err, werr)
		}
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("scanner result\n%+v\nencoding/json result\n%+v", got, want)
	}
}

// checkScanAd checks one line at the level of the decoders: when scanAd
// takes it, encoding/json accepts it and fills in the same fields. It
// reports whether scanAd took it.
func checkScanAd(t testing.TB, line []byte) bool {
	t.Helper()
	var got, want adJSON
	if !scanAd(line, &got, nil) {
		return false
	}
	if kind, _, msg := decodeAd(line, &want); kind != nil {
		t.Fatalf("scanAd took %q, which encoding/json refuses: %v: %s", input.Short(string(line)), kind, msg)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("line %q\nscanAd        %+v\nencoding/json %+v", input.Short(string(line)), got, want)
	}
	return true
}

const scanGood = `{"publication_date":"2019-01-01T00:00:00","number_of_vacancies":1,"occupation_group":{"concept_id":"x","legacy_ams_taxonomy_id":"2512"},"workplace_address":{"municipality_code":"0180","region_code":"01"}}`

// TestScanAdSameAsDecode reads tricky lines both ways. fast says whether
// the scanner must take the line itself (it must not take the lines whose
// meaning needs encoding/json's rules, and a wrong guess would show as a
// difference anyway).
func TestScanAdSameAsDecode(t *testing.T) {
	r := func(old, new string) string { return strings.Replace(scanGood, old, new, 1) }
	deep := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	cases := []struct {
		name string
		line string
		fast bool
	}{
		{"plain", scanGood, true},
		{"spaced", `{ "publication_date" : "2019-01-01" ,	"workplace_address" : { "municipality_code" : "2584" } , "x" : [ 1 , { } , [ ] ] }`, true},
		{"array input's line breaks", "{\"publication_date\":\r\n\"2019-01-01\",\n\"workplace_address\":{\"region_code\":\"01\"}\n}", true},
		// Escapes in the fields kept are decoded as encoding/json does.
		{"escaped date", r(`"2019-01-01T00:00:00"`, `"2019\u002d01\u002D01"`), true},
		{"escaped kommun", r(`"0180"`, `"\u00301\u00380"`), true},
		{"u00e5 concept", r(`"concept_id":"x"`, `"concept_id":"\u00e5\u00E4\u00f6 \u00c5"`), true},
		{"surrogate pair", r(`"concept_id":"x"`, `"concept_id":"\ud83d\ude00"`), true},
		{"lone surrogate", r(`"concept_id":"x"`, `"concept_id":"a\ud800b"`), true},
		{"short escapes", r(`"concept_id":"x"`, `"concept_id":"\"\\\/\b\f\n\r\t"`), true},
		{"raw UTF-8 kept", r(`"concept_id":"x"`, `"concept_id":"åäö € 😀 \u007f`+"\x7f"+`"`), true},
		{"escaped lan", r(`"01"`, `"\u0030\u0031"`), true},
		{"blank codes", r(`"0180"`, `" 0180 "`), true},
		// Numbers are kept as text.
		{"exponent", r(`"number_of_vacancies":1`, `"number_of_vacancies":2e0`), true},
		{"big exponent", r(`"number_of_vacancies":1`, `"number_of_vacancies":1E+2`), true},
		{"fraction", r(`"number_of_vacancies":1`, `"number_of_vacancies":1.0`), true},
		{"half", r(`"number_of_vacancies":1`, `"number_of_vacancies":0.5`), true},
		{"minus zero", r(`"number_of_vacancies":1`, `"number_of_vacancies":-0`), true},
		{"negative", r(`"number_of_vacancies":1`, `"number_of_vacancies":-3`), true},
		{"huge", r(`"number_of_vacancies":1`, `"number_of_vacancies":1e999`), true},
		{"string count", r(`"number_of_vacancies":1`, `"number_of_vacancies":"4"`), true},
		{"numeric code", r(`"2512"`, `2512`), true},
		{"null count", r(`"number_of_vacancies":1`, `"number_of_vacancies":null`), true},
		{"null group", r(`{"concept_id":"x","legacy_ams_taxonomy_id":"2512"}`, `null`), true},
		{"empty group", r(`{"concept_id":"x","legacy_ams_taxonomy_id":"2512"}`, `{}`), true},
		{"null member", r(`"concept_id":"x"`, `"concept_id":null`), true},
		// Every other value is skipped, whatever it holds.
		{"skipped values", r(`{"publication_date"`, `{"a":{"b":[1,-2.5e-3,true,false,null,"s\"\\\u00e5å",{"c":{}},[[]]]},"d":"\u0000","publication_date"`), true},
		{"other keys with capitals", r(`{"publication_date"`, `{"ID":"1","Headline":"Kock","publication_date"`), true},
		{"skipped members of the group", r(`"concept_id":"x"`, `"label":"Kock","Label":{"x":[1]},"concept_id":"x"`), true},
		{"deep skipped value", r(`{"publication_date"`, `{"a":`+deep(60)+`,"publication_date"`), true},
		{"deeper skipped value", r(`{"publication_date"`, `{"a":`+deep(100)+`,"publication_date"`), false},
		{"too deep", r(`{"publication_date"`, `{"a":`+deep(10001)+`,"publication_date"`), false},
		// Keys encoding/json matches only by folding case.
		{"capitalised field", r(`"publication_date"`, `"Publication_Date"`), false},
		{"upper-case field", r(`"number_of_vacancies"`, `"NUMBER_OF_VACANCIES"`), false},
		{"upper-case member", r(`"concept_id"`, `"Concept_ID"`), false},
		{"upper-case address member", r(`"municipality_code"`, `"MUNICIPALITY_CODE"`), false},
		{"lower-case source field", r(`{"publication_date"`, `{"antalplatser":3,"publication_date"`), false},
		{"escaped key", r(`"publication_date"`, `"publication\u005fdate"`), false},
		{"Kelvin sign", r(`"workplace_address"`, "\"wor\u212aplace_address\""), false},
		{"long s", r(`{"publication_date"`, "{\"_\u017fource\":{\"publication_date\":\"2020-01-01\"},\"publication_date\""), false},
		// Duplicates: the last wins, objects merge.
		{"date twice", r(`{"publication_date"`, `{"publication_date":"2020-05-05","publication_date"`), false},
		{"date then null", r(`"number_of_vacancies":1`, `"number_of_vacancies":1,"publication_date":null`), false},
		{"group twice", r(`"workplace_address"`, `"occupation_group":{"concept_id":"y"},"workplace_address"`), false},
		{"member twice", r(`"concept_id":"x"`, `"concept_id":"x","concept_id":"DJh5_yyF_hEM"`), false},
		// Other schemas and shapes.
		{"hit", `{"_index":"platsannons","_source":` + scanGood + `}`, false},
		{"hit with null source", `{"_source":null,"publication_date":"2019-01-01"}`, false},
		{"response", `{"took":1,"hits":{"hits":[{"_source":` + scanGood + `}]}}`, false},
		{"wrapper", `{"annonser":[` + scanGood + `,` + scanGood + `]}`, false},
		{"source format", `{"publiceringsdatum":"2019-03-28 06:30:44","antalPlatser":2,"arbetsplatsadress":{"kommun":{"varde":"0180"}}}`, false},
		{"scraped", `{"originalJobPosting":{"datePosted":"2020-04-21","jobLocation":{"address":"Malmö"}},"yrke":"Designer","ort":null}`, false},
		{"no ad field", `{"id":"1","headline":"x"}`, false},
		{"empty object", `{}`, false},
		{"blank fields", `{"publication_date":"","occupation_group":{"concept_id":""}}`, false},
		{"null", `null`, false},
		{"number", `5`, false},
		{"array", `[` + scanGood + `]`, false},
		// Type errors.
		{"group a number", r(`"occupation_group":{`, `"occupation_group":5,"x":{`), false},
		{"date true", r(`"2019-01-01T00:00:00"`, `true`), false},
		{"date object", r(`"2019-01-01T00:00:00"`, `{"d":"2019-01-01"}`), false},
		{"count array", r(`"number_of_vacancies":1`, `"number_of_vacancies":[1]`), false},
		{"member object", r(`"concept_id":"x"`, `"concept_id":{"id":"x"}`), false},
		{"address a string", r(`{"municipality_code":"0180","region_code":"01"}`, `"Kiruna"`), false},
		// Malformed JSON and UTF-8: encoding/json's errors.
		{"truncated", scanGood[:70], false},
		{"truncated in a string", scanGood[:40], false},
		{"trailing comma", r(`"01"}}`, `"01"},}`), false},
		{"missing colon", r(`"publication_date":`, `"publication_date" `), false},
		{"single quotes", r(`"number_of_vacancies":1`, `'number_of_vacancies':1`), false},
		{"trailing garbage", scanGood + ` x`, false},
		{"two objects", scanGood + scanGood, false},
		{"leading zero", r(`"number_of_vacancies":1`, `"number_of_vacancies":01`), false},
		{"bare dot", r(`"number_of_vacancies":1`, `"number_of_vacancies":1.`), false},
		{"bare exponent", r(`"number_of_vacancies":1`, `"number_of_vacancies":1e`), false},
		{"bare minus", r(`"number_of_vacancies":1`, `"number_of_vacancies":-`), false},
		{"NaN", r(`"number_of_vacancies":1`, `"number_of_vacancies":NaN`), false},
		{"bad literal", r(`"number_of_vacancies":1`, `"number_of_vacancies":nul`), false},
		{"bad escape", r(`{"publication_date"`, `{"a":"\x","publication_date"`), false},
		{"short unicode escape", r(`{"publication_date"`, `{"a":"\u12","publication_date"`), false},
		{"tab in a string", r(`{"publication_date"`, "{\"a\":\"x\ty\",\"publication_date\""), false},
		{"cp1252", r(`"x"`, "\"Kock, k\xf6k\""), false},
		{"overlong", r(`{"publication_date"`, "{\"a\":\"\xc0\x80\",\"publication_date\""), false},
		{"UTF-8 surrogate", r(`{"publication_date"`, "{\"a\":\"\xed\xa0\x80\",\"publication_date\""), false},
		{"cut rune", r(`{"publication_date"`, "{\"a\":\"\xe2\x82\",\"publication_date\""), false},
		{"cut rune at the end", "{\"a\":\"\xe2\x82", false},
		{"letter outside a string", r(`"number_of_vacancies":1`, `"number_of_vacancies":å`), false},
		{"BOM", "\xef\xbb\xbf" + scanGood, false},
		{"unclosed skipped array", r(`{"publication_date"`, `{"a":[1,2},"publication_date"`), false},
		{"unclosed skipped object", r(`{"publication_date"`, `{"a":{"b":1],"publication_date"`), false},
		{"key without value", r(`{"publication_date"`, `{"a":{"b"},"publication_date"`), false},
	}
	opt := AdOptions{Taxonomy: fixtureTaxonomy, ByPlace: true}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if fast := checkScanAd(t, []byte(c.line)); fast != c.fast {
				t.Errorf("scanAd took the line: %v, want %v", fast, c.fast)
			}
			// As the second line of a file, for the error positions.
			sameAsReference(t, []byte(scanGood+"\n"+c.line+"\n"), opt)
			sameAsReference(t, []byte("["+scanGood+",\n"+c.line+"]"), opt)
		})
	}

	// The decoded escapes, spelled out.
	var ad adJSON
	if !scanAd([]byte(r(`"concept_id":"x"`, `"concept_id":"\u00e5\u00E4\u00f6 \ud83d\ude00 \ud800"`)), &ad, nil) || ad.OccupationGroup.ConceptID != "åäö 😀 \uFFFD" {
		t.Errorf("escapes: %q", ad.OccupationGroup.ConceptID)
	}
}

// asciiJSON re-encodes a JSON text with every non-ASCII character as a
// \u escape, as Python's json.dumps writes by default.
func asciiJSON(b []byte) []byte {
	var out []byte
	for _, r := range string(b) {
		switch {
		case r < utf8.RuneSelf:
			out = append(out, byte(r))
		case r > 0xFFFF:
			r -= 0x10000
			out = fmt.Appendf(out, `\u%04x\u%04x`, 0xD800+(r>>10), 0xDC00+(r&0x3FF))
		default:
			out = fmt.Appendf(out, `\u%04x`, r)
		}
	}
	return out
}

// realAdLines returns the real samples and the fixture as JSON lines in
// several spellings: compact, as encoding/json escapes (<, >, & as \u003c
// ...), all non-ASCII escaped, and the JobSearch hit both whole and as its
// _source.
func realAdLines(t *testing.T) [][]byte {
	var lines [][]byte
	add := func(raw []byte) {
		var c bytes.Buffer
		if err := json.Compact(&c, raw); err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			t.Fatal(err)
		}
		m, err := json.Marshal(v) // sorted keys, HTML escapes
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, c.Bytes(), m, asciiJSON(c.Bytes()))
	}
	for _, l := range bytes.Split(readFixture(t), []byte("\n")) {
		if l = bytes.TrimSpace(l); len(l) > 0 {
			add(l)
		}
	}
	var es struct {
		Hits struct{ Hits []json.RawMessage }
	}
	if err := json.Unmarshal(aftest.SharedBytes(t, "jobtech_ad_jobsearch_schema_sample.json"), &es); err != nil {
		t.Fatal(err)
	}
	for _, h := range es.Hits.Hits {
		add(h)
		var hit struct {
			Source json.RawMessage `json:"_source"`
		}
		if err := json.Unmarshal(h, &hit); err != nil {
			t.Fatal(err)
		}
		add(hit.Source)
	}
	var scraped []json.RawMessage
	if err := json.Unmarshal(aftest.SharedBytes(t, "jobtech_scraped_ads_2020_sample.json"), &scraped); err != nil {
		t.Fatal(err)
	}
	for _, s := range scraped {
		add(s)
	}
	var src struct{ Testannonser []json.RawMessage }
	if err := json.Unmarshal(aftest.SharedBytes(t, "platsbanken_source_ads_sample.json"), &src); err != nil {
		t.Fatal(err)
	}
	for _, s := range src.Testannonser {
		add(s)
	}
	return lines
}

// TestAdsSameAsReference reads the real samples (as they are and as JSON
// lines), the fixture, generated ads and damaged copies of them with the
// scanner and with encoding/json only: the results and errors must be
// the same.
func TestAdsSameAsReference(t *testing.T) {
	tax, err := ReadTaxonomy(aftest.Shared(t, "jobtech_taxonomy_legacy_to_concept.json"), "tax.json")
	if err != nil {
		t.Fatal(err)
	}
	tax.AddSSYK(af.ConceptSSYK{"957L_kZK_rHZ": {"4323"}, "DJh5_yyF_hEM": {"2512"}})
	opts := []AdOptions{{}, {Taxonomy: tax, ByPlace: true}, {Taxonomy: fixtureTaxonomy, ByPlace: true}}

	for _, name := range []string{"jobtech_ad_jobsearch_schema_sample.json", "jobtech_scraped_ads_2020_sample.json", "platsbanken_source_ads_sample.json"} {
		for _, opt := range opts {
			sameAsReference(t, aftest.SharedBytes(t, name), opt)
		}
	}

	lines := realAdLines(t)
	fast := 0
	for _, l := range lines {
		if checkScanAd(t, l) {
			fast++
		}
	}
	// The fixture's ads (13 x 3 spellings; ad 11 is an Elasticsearch hit)
	// and the JobSearch _source (3) are plain ads; the hits, the scraped and
	// the source-format ads are not.
	if want := 13*3 + 3; fast != want {
		t.Errorf("scanAd took %d of %d lines, want %d", fast, len(lines), want)
	}
	file := append(bytes.Join(lines, []byte("\n")), '\n')
	for _, opt := range opts {
		sameAsReference(t, file, opt)
	}

	var gen bytes.Buffer
	if _, err := gen.ReadFrom(newAdGen(4 << 20)); err != nil {
		t.Fatal(err)
	}
	for _, opt := range opts {
		sameAsReference(t, gen.Bytes(), opt)
	}

	// A hand-made taxonomy whose values are no codes: their cells keep
	// string keys, next to the packed ones, in one sorted table.
	odd := &Taxonomy{SSYK: map[string]string{"s1": "ABC", "s2": "12345", "x": "2512"}, Kommun: map[string]string{"k1": "99999", "k2": "1480"},
		Lan: map[string]string{"l1": "X", "l2": "14"}}
	var mixed bytes.Buffer
	for i := range 200 {
		fmt.Fprintf(&mixed, `{"publication_date":"2019-%02d-01","occupation_group":{"concept_id":"%s"},"workplace_address":{"municipality_concept_id":"%s","region_concept_id":"%s"}}`+"\n",
			1+i%3, []string{"s1", "s2", "x", ""}[i%4], []string{"k1", "k2", "", "k3"}[i%5%4], []string{"l1", "l2", ""}[i%7%3])
	}
	sameAsReference(t, mixed.Bytes(), AdOptions{Taxonomy: odd, ByPlace: true})
	if v, err := ReadAds(bytes.NewReader(mixed.Bytes()), "f.jsonl", AdOptions{Taxonomy: odd, ByPlace: true}); err != nil || len(v.ByPlace) < 10 {
		t.Errorf("mixed cells: %v %+v", err, v)
	}

	// Dates over two centuries, and a code of every kind.
	var spread bytes.Buffer
	kom := codes.Kommuner()
	for i := range 3000 {
		k := kom[i*7%len(kom)]
		fmt.Fprintf(&spread, `{"publication_date":"%d-%02d-03","number_of_vacancies":%d,"occupation_group":{"legacy_ams_taxonomy_id":"%s"},"workplace_address":{"municipality_code":"%s"}}`+"\n",
			1900+i*13%201, 1+i%12, 1+i%4, []string{"2512", "4323", "9999", ""}[i%4], k.Code)
	}
	for _, opt := range opts {
		sameAsReference(t, spread.Bytes(), opt)
	}

	// Damaged lines: a byte changed, dropped or doubled, or the line cut,
	// at random places (a fixed seed); each read alone and after a good
	// line.
	rng := rand.New(rand.NewPCG(1, 2))
	specials := []byte("\"\\{}[]:,0123456789-+.eEtfnu \t\r\x00\x1f\x7f\xc3\xa5\xe2\x82\xac\xed\xf0\xff")
	for n := 0; n < 3000; n++ {
		l := bytes.Clone(lines[rng.IntN(len(lines))])
		for range 1 + rng.IntN(3) {
			if len(l) == 0 {
				break
			}
			i := rng.IntN(len(l))
			switch rng.IntN(4) {
			case 0:
				l[i] = specials[rng.IntN(len(specials))]
			case 1:
				l = append(l[:i], l[i+1:]...)
			case 2:
				l = append(l[:i+1], l[i:]...)
			default:
				l = l[:i]
			}
		}
		checkScanAd(t, l)
		sameAsReference(t, append(l, '\n'), opts[2])
		if n%10 == 0 {
			sameAsReference(t, append(append(bytes.Clone(lines[0]), '\n'), l...), opts[1])
		}
	}
}

// FuzzScanAd: on any line, the scanner and encoding/json agree: on the
// fields when the scanner takes the line, and on ReadAds's result or error
// (kind, position, message) always.
func FuzzScanAd(f *testing.F) {
	f.Add([]byte(scanGood))
	f.Add([]byte(strings.Replace(scanGood, `"concept_id":"x"`, `"concept_id":"\u00e5\ud83d\ude00","Concept_Id":1`, 1)))
	f.Add([]byte(strings.Replace(scanGood, `"publication_date"`, `"Publication_date"`, 1)))
	f.Add([]byte(`{"a":[{"b":{}},[],"\u00e5å\"",-1.5e+3,true,false,null],"publication_date":"2019-01"}`))
	f.Add([]byte(`{"_source":{"publication_date":"2019-01-01"}}`))
	f.Add([]byte("{\"publication_date\":\"2019-01-01\",\"x\":\"\xed\xa0\x80\"}"))
	if b, err := os.ReadFile("testdata/ads/ads.jsonl"); err == nil {
		for _, l := range bytes.Split(b, []byte("\n"))[:3] {
			f.Add(l)
		}
	}
	opt := AdOptions{Taxonomy: fixtureTaxonomy, ByPlace: true}
	f.Fuzz(func(t *testing.T, line []byte) {
		checkScanAd(t, line)
		sameAsReference(t, line, opt)
	})
}

func TestPackCell(t *testing.T) {
	var regions, ssyks []string
	for _, k := range codes.Kommuner() {
		regions = append(regions, k.Code, k.Lan)
	}
	ssyks = append(ssyks, "")
	for _, e := range codes.SSYK(4) {
		ssyks = append(ssyks, e.Code)
	}
	regions = append(regions, "", "0", "9", "00", "99", "000", "0000", "9999")
	ssyks = append(ssyks, "0", "01", "012", "9999")
	months := []string{"1900-01", "2018-10", "2018-09", "2019-01", "2100-12"}
	rng := rand.New(rand.NewPCG(5, 6))
	type cell struct {
		c   adCell
		key uint64
	}
	var cells []cell
	for n := 0; n < 20000; n++ {
		c := adCell{months[rng.IntN(len(months))], regions[rng.IntN(len(regions))], ssyks[rng.IntN(len(ssyks))]}
		k, ok := packCell(c.month, c.region, c.ssyk)
		if !ok {
			t.Fatalf("%v does not pack", c)
		}
		var u unpacker
		if got := u.count(k, 1); got.Period != c.month || got.Region != c.region || got.SSYK != c.ssyk {
			t.Fatalf("%v unpacks to %+v", c, got)
		}
		cells = append(cells, cell{c, k})
	}
	for i := 1; i < len(cells); i++ {
		a, b := cells[i-1], cells[i]
		want := strings.Compare(a.c.month+"|"+a.c.region, b.c.month+"|"+b.c.region)
		if want == 0 {
			want = strings.Compare(a.c.ssyk, b.c.ssyk)
		}
		if got := cmpUint(a.key, b.key); got != want {
			t.Fatalf("%v vs %v: keys compare %d, strings %d", a.c, b.c, got, want)
		}
	}
	for _, bad := range []adCell{{"2018-1", "01", ""}, {"2018-10", "01234", ""}, {"2018-10", "01", "A123"}, {"2018/10", "01", ""}, {"2018-10", "0 1", ""}} {
		if _, ok := packCell(bad.month, bad.region, bad.ssyk); ok {
			t.Errorf("%v packs", bad)
		}
	}
}

func cmpUint(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
