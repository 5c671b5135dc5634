package pxjson

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
)

// genResponse writes a YREG60-shaped response (region x occupation x sex
// x year, one content) in SCB's layout: every value a string, one ".."
// in 50.
func genResponse(regions, occupations, years int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"columns":[{"code":"Region","text":"region","type":"d"},{"code":"Yrke2012","text":"Yrke (SSYK 2012)","type":"d"},` +
		`{"code":"Kon","text":"kön","type":"d"},{"code":"Tid","text":"år","type":"t"},` +
		`{"code":"000005G2","text":"Anställda (yrkesregistret) 16-64 år med arbetsplats i regionen (dagbef)","type":"c"}],"comments":[],"data":[`)
	x := uint32(7)
	first := true
	for r := 0; r < regions; r++ {
		for o := 0; o < occupations; o++ {
			for s := 1; s <= 2; s++ {
				for y := 0; y < years; y++ {
					if !first {
						b.WriteByte(',')
					}
					first = false
					x ^= x << 13
					x ^= x >> 17
					x ^= x << 5
					v := fmt.Sprint(x % 100000)
					if x%50 == 0 {
						v = ".."
					}
					fmt.Fprintf(&b, `{"key":["%02d","%04d","%d","%d"],"values":["%s"]}`, r, 1000+o, s, 2014+y, v)
				}
			}
		}
	}
	b.WriteString(`],"metadata":[{"label":"Anställda","source":"SCB","updated":"2021-05-25T08:00:00Z","infofile":"AM0208"}]}`)
	return b.Bytes()
}

// BenchmarkDecode decodes a response of 22 regions x 429 occupations x 2
// sexes x 8 years = 151,008 cells, a little over SCB's v1 limit of
// 150,000 cells a call (about 10 MB).
func BenchmarkDecode(b *testing.B) {
	data := genResponse(22, 429, 8)
	const cells = 22 * 429 * 2 * 8
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		tb, err := Decode(bytes.NewReader(data), "bench.json", nil)
		if err != nil {
			b.Fatal(err)
		}
		if len(tb.Values) != cells {
			b.Fatalf("%d cells, want %d", len(tb.Values), cells)
		}
	}
	b.ReportMetric(float64(testing.AllocsPerRun(1, func() { Decode(bytes.NewReader(data), "bench.json", nil) }))/cells, "allocs/cell")
}

// genMetadata writes the metadata of a table of 312 regions x 429
// occupations x 2 sexes x 20 years, one content, as a GET on the table's
// URL returns it.
func genMetadata() ([]byte, int) {
	type variable struct {
		Code        string   `json:"code"`
		Text        string   `json:"text"`
		Values      []string `json:"values"`
		ValueTexts  []string `json:"valueTexts"`
		Elimination bool     `json:"elimination,omitempty"`
		Time        bool     `json:"time,omitempty"`
	}
	vr := func(code, text, format string, n, base int, time bool) variable {
		v := variable{Code: code, Text: text, Time: time, Elimination: !time}
		for i := 0; i < n; i++ {
			c := fmt.Sprintf(format, base+i)
			v.Values = append(v.Values, c)
			v.ValueTexts = append(v.ValueTexts, text+" "+c)
		}
		return v
	}
	vars := []variable{vr("Region", "region", "%04d", 312, 100, false), vr("Yrke2012", "Yrke (SSYK 2012)", "%04d", 429, 1000, false),
		vr("Kon", "kön", "%d", 2, 1, false), vr("ContentsCode", "tabellinnehåll", "000005G%d", 1, 2, false), vr("Tid", "år", "%d", 20, 2004, true)}
	data, err := json.Marshal(struct {
		Title     string     `json:"title"`
		Variables []variable `json:"variables"`
	}{"Anställda 16-64 år efter region, yrke, kön och år", vars})
	if err != nil {
		panic(err)
	}
	return data, 312 + 429 + 2 + 1 + 20
}

// BenchmarkDecodeMetadata decodes a table's metadata (764 values, 21 KB);
// allocations are reported a value.
func BenchmarkDecodeMetadata(b *testing.B) {
	data, values := genMetadata()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		m, err := DecodeMetadata(bytes.NewReader(data), "meta.json")
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for _, v := range m.Variables {
			n += len(v.Values)
		}
		if n != values {
			b.Fatalf("%d values, want %d", n, values)
		}
	}
	b.ReportMetric(testing.AllocsPerRun(1, func() { DecodeMetadata(bytes.NewReader(data), "meta.json") })/float64(values), "allocs/value")
}
