package px

import (
	"bytes"
	"fmt"
	"runtime"
	"sync"
	"testing"
)

// genPX writes a px file of regions × ages × sexes rows (STUB) and years ×
// contents cells a row (HEADING): about 6 bytes a cell, one in 50 a dot
// code.
func genPX(regions, years int) []byte {
	var b bytes.Buffer
	b.WriteString("CHARSET=\"ANSI\";\nAXIS-VERSION=\"2010\";\nLANGUAGE=\"sv\";\nMATRIX=\"BENCH\";\nTITLE=\"Generated\";\n")
	b.WriteString("STUB=\"region\",\"ålder\",\"kön\";\nHEADING=\"ContentsCode\",\"tid\";\nCONTVARIABLE=\"ContentsCode\";\n")
	list := func(kw, v string, n int, f func(i int) string) {
		fmt.Fprintf(&b, "%s(\"%s\")=", kw, v)
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteString(",")
				if i%10 == 0 {
					b.WriteString("\n")
				}
			}
			fmt.Fprintf(&b, "%q", f(i))
		}
		b.WriteString(";\n")
	}
	list("VALUES", "region", regions, func(i int) string { return fmt.Sprintf("%04d Kommun %d", 100+i, i) })
	list("CODES", "region", regions, func(i int) string { return fmt.Sprintf("%04d", 100+i) })
	list("VALUES", "ålder", 101, func(i int) string { return fmt.Sprint(i) })
	list("VALUES", "kön", 2, func(i int) string { return []string{"män", "kvinnor"}[i] })
	list("VALUES", "ContentsCode", 5, func(i int) string { return fmt.Sprintf("Mått %d", i) })
	list("VALUES", "tid", years, func(i int) string { return fmt.Sprint(1995 + i) })
	b.WriteString("TIMEVAL(\"tid\")=TLIST(A1),\"1995\"-\"" + fmt.Sprint(1995+years-1) + "\";\nDATA=\n")
	x := uint32(1)
	cells := regions * 101 * 2 * 5 * years
	for i := 0; i < cells; i++ {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		if x%50 == 0 {
			b.WriteString(`".." `)
		} else {
			fmt.Fprintf(&b, "%d ", x%100000)
		}
		if (i+1)%(5*years) == 0 {
			b.WriteString("\n")
		}
	}
	b.WriteString(";\n")
	return b.Bytes()
}

var (
	bigOnce sync.Once
	bigPX   []byte
)

// BenchmarkDecode decodes a generated 50 MB file (290 regions × 101 ages ×
// 2 sexes rows, 5 contents × 30 years a row: 8.8 million cells).
func BenchmarkDecode(b *testing.B) {
	bigOnce.Do(func() { bigPX = genPX(290, 30) })
	b.SetBytes(int64(len(bigPX)))
	b.ReportAllocs()
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	for b.Loop() {
		tb, err := Decode(bytes.NewReader(bigPX), "bench.px", Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(tb.Values) != 290*101*2*5*30 {
			b.Fatalf("%d cells", len(tb.Values))
		}
	}
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	// The table is allocated once, so this is far below one.
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(b.N)/float64(290*101*2*5*30), "allocs/cell")
}

// Decoding allocates the table (8 bytes of number and 16 of status a
// cell), the read buffer and the header, and nothing in proportion to the
// input beyond that.
func TestMemoryBound(t *testing.T) {
	data := genPX(20, 30) // 606,000 cells, about 3.5 MB
	cells := 20 * 101 * 2 * 5 * 30
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	tb, err := Decode(bytes.NewReader(data), "mem.px", Options{})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	table := uint64(cells * (8 + 16))
	got := after.TotalAlloc - before.TotalAlloc
	if limit := table + 1<<20; got > limit {
		t.Errorf("decoding allocated %d bytes for a %d-byte table (limit %d)", got, table, limit)
	}
	t.Logf("input %d bytes, table %d bytes, allocated %d bytes", len(data), table, got)
	runtime.KeepAlive(tb)
}
