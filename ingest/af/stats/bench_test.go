package stats

import (
	"bytes"
	"fmt"
	"testing"

	"lmi/ingest/af/internal/aftest"
)

// The real varsel file: 385 months of one län.
func BenchmarkVarselCSV(b *testing.B) {
	aftest.BenchShared(b, "af_varsel_manad_dalarna_1992_2024.csv", 385, func(d []byte) (int, error) {
		cs, err := ReadVarselCSV(bytes.NewReader(d), "v.csv")
		return len(cs), err
	})
}

// BenchmarkStatsCSV reads a long-format sheet of 290 kommuner x 40 SSYK x
// 12 months (139,200 detail rows) with kommun total rows, checking totals.
func BenchmarkStatsCSV(b *testing.B) {
	rows, details := aftest.StatsRows(12)
	var in bytes.Buffer
	for _, r := range rows {
		for i, v := range r {
			if i > 0 {
				in.WriteByte(';')
			}
			fmt.Fprint(&in, v)
		}
		in.WriteByte('\n')
	}
	aftest.BenchRecords(b, in.Bytes(), len(rows)-4, "row", func(d []byte) (int, error) {
		res, err := ReadStatsCSV(bytes.NewReader(d), "s.csv", StatsOptions{Category: "inskrivna arbetslösa", CheckTotals: true})
		if err != nil {
			return 0, err
		}
		if len(res.Counts) != details {
			return 0, fmt.Errorf("%d counts, want %d", len(res.Counts), details)
		}
		return len(res.Counts) + res.Totals, nil
	})
}

// BenchmarkStatsXLSX reads the sheet of BenchmarkStatsCSV for three months
// (35,670 rows) as a workbook.
func BenchmarkStatsXLSX(b *testing.B) {
	rows, details := aftest.StatsRows(3)
	data := aftest.MakeXLSX(b, aftest.XLSXSheet{Name: "Tabell 1", Rows: rows})
	aftest.BenchRecords(b, data, len(rows)-4, "row", func(d []byte) (int, error) {
		res, err := ReadStatsXLSX(bytes.NewReader(d), "s.xlsx", StatsOptions{Category: "inskrivna arbetslösa", CheckTotals: true})
		if err != nil {
			return 0, err
		}
		if len(res.Counts) != details {
			return 0, fmt.Errorf("%d counts, want %d", len(res.Counts), details)
		}
		return len(res.Counts) + res.Totals, nil
	})
}
