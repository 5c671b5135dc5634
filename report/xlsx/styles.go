package xlsx

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"lmi/report"
)

// styleKey names a cell style: a numeric kind with its decimals, or one of
// the fixed styles.
type styleKey struct {
	kind     report.Kind
	decimals int
	fixed    string // "header", "text", "code", "symbol", "title", "section", "wrap"
}

// style returns the id of the style for key, making it on first use. Styles
// are made in the order cells need them, which is the same for the same
// tables, so style ids are deterministic.
func (w *Workbook) style(key styleKey) (int, error) {
	if id, ok := w.styles[key]; ok {
		return id, nil
	}
	s := styleFor(key)
	id, err := w.f.NewStyle(s)
	if err != nil {
		return 0, fmt.Errorf("xlsx style %v: %w", key, err)
	}
	w.styles[key] = id
	return id, nil
}

func styleFor(key styleKey) *excelize.Style {
	switch key.fixed {
	case "header":
		return &excelize.Style{
			Font:      &excelize.Font{Bold: true},
			Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
			Border:    []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}},
		}
	case "title":
		return &excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}
	case "section":
		return &excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}}
	case "text":
		return &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}}
	case "wrap":
		return &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}
	case "code":
		f := "@"
		return &excelize.Style{CustomNumFmt: &f}
	case "symbol":
		return &excelize.Style{Alignment: &excelize.Alignment{Horizontal: "right"}}
	}
	f := NumberFormat(key.kind, key.decimals)
	return &excelize.Style{CustomNumFmt: &f}
}

// NumberFormat returns the Excel number format code for a value of kind k
// shown with decimals decimals: "#,##0" with the decimals for every numeric
// kind ("#,##0.0" for percent), "0" for classes. Excel shows "," and "."
// in the reader's locale: a space between thousands and a decimal comma in
// Swedish Excel. Percent values are 0-100, so the format is not Excel's
// percent format (which multiplies by 100).
func NumberFormat(k report.Kind, decimals int) string {
	if k == report.KindClass && decimals == 0 {
		return "0"
	}
	if decimals <= 0 {
		return "#,##0"
	}
	return "#,##0." + strings.Repeat("0", decimals)
}
