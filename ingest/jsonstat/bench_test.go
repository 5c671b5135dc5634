package jsonstat

import (
	"bytes"
	"fmt"
	"testing"

	"lmi/ingest/cube"
)

// genDataset encodes a table shaped like a PxWebApi 2.0 download of
// employees by region x occupation x sex x year, one ".." in 50 cells
// (as a null value with a status), with Encode.
func genDataset(regions, occupations, years int) []byte {
	dim := func(code string, n int, format string, base int) cube.Dimension {
		d := cube.Dimension{Code: code, Label: code}
		for i := 0; i < n; i++ {
			c := fmt.Sprintf(format, base+i)
			d.Values = append(d.Values, cube.Value{Code: c, Label: "label " + c})
		}
		return d
	}
	t := cube.New([]cube.Dimension{
		dim("Region", regions, "%02d", 0),
		dim("Yrke2012", occupations, "%04d", 1000),
		dim("Kon", 2, "%d", 1),
		dim("Tid", years, "%d", 2014),
		dim("ContentsCode", 1, "0000%02d", 5),
	})
	t.ID, t.Title, t.Source = "TAB9999", "Anställda", "SCB"
	x := uint32(7)
	for i := range t.Values {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		if x%50 == 0 {
			t.SetStatus(i, cube.StatusMissing)
		} else {
			t.Set(i, float64(x%100000))
		}
	}
	var b bytes.Buffer
	if err := Encode(&b, t); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// BenchmarkDecode decodes a dataset of 22 regions x 429 occupations x 2
// sexes x 8 years = 151,008 cells.
func BenchmarkDecode(b *testing.B) {
	data := genDataset(22, 429, 8)
	const cells = 22 * 429 * 2 * 8
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		tb, err := Decode(bytes.NewReader(data), "bench.json")
		if err != nil {
			b.Fatal(err)
		}
		if len(tb.Values) != cells {
			b.Fatalf("%d cells, want %d", len(tb.Values), cells)
		}
	}
	b.ReportMetric(float64(testing.AllocsPerRun(1, func() { Decode(bytes.NewReader(data), "bench.json") }))/cells, "allocs/cell")
}
