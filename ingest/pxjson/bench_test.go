package pxjson

import (
	"bytes"
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
