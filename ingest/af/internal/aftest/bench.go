package aftest

import (
	"fmt"
	"runtime"
	"testing"

	"lmi/codes"
)

// BenchShared times read over a file of ../shared/data/af (skipped when
// absent); records is the number of rows it must return.
func BenchShared(b *testing.B, name string, records int, read func([]byte) (int, error)) {
	BenchRecords(b, SharedBytes(b, name), records, "row", read)
}

// BenchRecords times read over data, checks that it returns records
// records every time, and reports allocations per record (unit).
func BenchRecords(b *testing.B, data []byte, records int, unit string, read func([]byte) (int, error)) {
	b.Helper()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for b.Loop() {
		n, err := read(data)
		if err != nil {
			b.Fatal(err)
		}
		if n != records {
			b.Fatalf("%d %ss, want %d", n, unit, records)
		}
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(b.N)/float64(records), "allocs/"+unit)
}

// StatsRows is the long statistics sheet of BenchmarkStatsCSV: title
// lines, then months x 290 kommuner x (40 SSYK and a Totalt row), "<5"
// below five. It returns the rows and the number of detail cells.
func StatsRows(months int) ([][]any, int) {
	rows := [][]any{{"Inskrivna arbetslösa efter kommun och yrke, 2024"}, {"Källa: Arbetsförmedlingen"}, nil, {"Månad", "Kommun", "Yrke (SSYK 4)", "Antal"}}
	ssyk := codes.SSYK(4)[:40]
	details := 0
	for m := 1; m <= months; m++ {
		for _, k := range codes.Kommuner() {
			tot := 0
			month, kom := fmt.Sprintf("2024-%02d", m), k.Code+" "+k.Name
			for i, s := range ssyk {
				n := (m*31 + i*7 + len(k.Name)) % 300
				tot += n
				var v any = n
				if n < 5 {
					v = "<5"
				}
				rows = append(rows, []any{month, kom, s.Code + " " + s.Name, v})
				details++
			}
			rows = append(rows, []any{month, kom, "Totalt", tot})
		}
	}
	return rows, details
}
