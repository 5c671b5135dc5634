package scbcsv

import (
	"bytes"
	"fmt"
	"runtime"
	"sync"
	"testing"
)

// genCSV writes a download of regions × occupations × 9 ages × 2 sexes
// rows with one column a year, in SCB's layout: quoted code-and-label
// texts, Latin-1, one "..", in 50 cells.
func genCSV(regions, occupations, years int) []byte {
	var b bytes.Buffer
	b.WriteString(`"region","yrke (SSYK 2012)","ålder","kön"`)
	for y := 0; y < years; y++ {
		fmt.Fprintf(&b, `,"%d"`, 2000+y)
	}
	b.WriteString("\n")
	ages := []string{"16-24 år", "25-29 år", "30-34 år", "35-39 år", "40-44 år", "45-49 år", "50-54 år", "55-59 år", "60-64 år"}
	x := uint32(7)
	for r := 0; r < regions; r++ {
		for o := 0; o < occupations; o++ {
			for _, a := range ages {
				for _, s := range []string{"män", "kvinnor"} {
					fmt.Fprintf(&b, `"%04d Kommun %d","%04d Yrke %d","%s","%s"`, 100+r, r, 1000+o, o, a, s)
					for y := 0; y < years; y++ {
						x ^= x << 13
						x ^= x >> 17
						x ^= x << 5
						if x%50 == 0 {
							b.WriteString(",..")
						} else {
							fmt.Fprintf(&b, ",%d", x%100000)
						}
					}
					b.WriteString("\n")
				}
			}
		}
	}
	return []byte(latin1Encode(b.String()))
}

func latin1Encode(s string) string {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		out = append(out, byte(r))
	}
	return string(out)
}

var (
	bigOnce sync.Once
	bigCSV  []byte
)

// BenchmarkDecode decodes a generated 50 MB download (290 regions × 50
// occupations × 9 ages × 2 sexes = 261,000 rows, 20 years a row: 5.2
// million cells).
func BenchmarkDecode(b *testing.B) {
	bigOnce.Do(func() { bigCSV = genCSV(290, 50, 20) })
	b.SetBytes(int64(len(bigCSV)))
	b.ReportAllocs()
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	for b.Loop() {
		tb, err := Decode(bytes.NewReader(bigCSV), "bench.csv", Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(tb.Values) != 290*50*9*2*20 {
			b.Fatalf("%d cells", len(tb.Values))
		}
	}
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	// The table is allocated once, so this is far below one.
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(b.N)/float64(290*50*9*2*20), "allocs/cell")
}

// Decoding allocates the table (24 bytes a cell), 4 bytes a row for each
// text column and for the line number, a 5% margin on the estimated row
// count, the distinct texts, and bounded buffers.
func TestMemoryBound(t *testing.T) {
	data := genCSV(20, 20, 20) // 7,200 rows, 144,000 cells, about 1.3 MB
	rows, cells := 20*20*9*2, 20*20*9*2*20
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	tb, err := Decode(bytes.NewReader(data), "mem.csv", Options{})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	table := uint64(cells * (8 + 16))
	perRow := uint64(rows * (4*4 + 4))
	got := after.TotalAlloc - before.TotalAlloc
	if limit := (table+perRow)*11/10 + 1<<20; got > limit {
		t.Errorf("decoding allocated %d bytes for a %d-byte table (limit %d)", got, table, limit)
	}
	t.Logf("input %d bytes, table %d bytes, row keys %d bytes, allocated %d bytes", len(data), table, perRow, got)
	runtime.KeepAlive(tb)
}
