package xlsx

import (
	"io"
	"testing"

	"lmi/report"
)

// longTable returns n rows shaped like lmi's matching family (12 columns).
func longTable(n int) *report.Table {
	cols := []report.Column{
		{Key: "indicator", Kind: report.KindCode}, {Key: "version", Kind: report.KindCode},
		{Key: "period", Kind: report.KindCode}, {Key: "region_level", Kind: report.KindCode},
		{Key: "region", Kind: report.KindCode}, {Key: "region_name"},
		{Key: "edu_group", Kind: report.KindCode}, {Key: "sex", Kind: report.KindCode},
		{Key: "value", Kind: report.KindPercent}, {Key: "numerator", Kind: report.KindCount},
		{Key: "denominator", Kind: report.KindCount}, {Key: "n", Kind: report.KindCount},
	}
	i := 0
	return &report.Table{Name: "bench", Columns: cols, Rows: report.FuncRows(func(r []report.Cell) (bool, error) {
		if i == n {
			return false, nil
		}
		i++
		r[0], r[1], r[2], r[3] = report.Str("matchningsgrad"), report.Str("1"), report.Str("2015"), report.Str("lan")
		r[4], r[5], r[6], r[7] = report.Str("01"), report.Str("Stockholms län"), report.Str("5-72"), report.Str("1")
		if i%7 == 0 {
			r[8], r[9], r[10], r[11] = report.Mark(report.Suppressed), report.Mark(report.Suppressed), report.Mark(report.Suppressed), report.Mark(report.Suppressed)
		} else {
			r[8], r[9], r[10], r[11] = report.Num(float64(i%1000)/7.3), report.Num(float64(i%500)), report.Num(float64(i%900+500)), report.Num(float64(i%900+500))
		}
		return true, nil
	})}
}

// benchRows is the table size of BenchmarkSheet1M.
const benchRows = 1_000_000

// BenchmarkSheet1M streams a million-row, 12-column table into one sheet
// and writes the workbook.
func BenchmarkSheet1M(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		w, err := New(Options{TmpDir: b.TempDir()})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := w.AddTable(longTable(benchRows), TableOptions{}); err != nil {
			b.Fatal(err)
		}
		n, err := w.WriteTo(io.Discard)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(n)/1e6, "MB-xlsx")
		w.Close()
	}
}
