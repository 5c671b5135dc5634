package aftest

import (
	"bytes"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// XLSXSheet is one sheet of a generated workbook.
type XLSXSheet struct {
	Name   string
	Rows   [][]any // cell values by row; nil = empty
	Merges [][2]string
	Dates  map[string]time.Time // cells holding dates, formatted "mmm yyyy"
}

// MakeXLSX writes a workbook with excelize.
func MakeXLSX(t testing.TB, sheets ...XLSXSheet) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			f.SetSheetName("Sheet1", s.Name)
		} else if _, err := f.NewSheet(s.Name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.Rows {
			for c, v := range row {
				if v == nil {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if err := f.SetCellValue(s.Name, cell, v); err != nil {
					t.Fatal(err)
				}
			}
		}
		if len(s.Dates) > 0 {
			fmtStr := "mmm yyyy"
			style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &fmtStr})
			if err != nil {
				t.Fatal(err)
			}
			for cell, d := range s.Dates {
				f.SetCellValue(s.Name, cell, d)
				f.SetCellStyle(s.Name, cell, cell, style)
			}
		}
		for _, m := range s.Merges {
			if err := f.MergeCell(s.Name, m[0], m[1]); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
