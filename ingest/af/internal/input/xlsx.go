package input

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"lmi/ingest/af"
)

// workbook is an opened xlsx file.
type workbook struct {
	file string
	f    *excelize.File
}

// OpenXLSX reads a whole xlsx input. An HTML page, a CSV or any other
// non-zip input is refused with ErrNotData before excelize sees it, and a
// panic inside excelize on a damaged file becomes an ErrSyntax error.
func OpenXLSX(r io.Reader, file string) (wb *workbook, err error) {
	data, err := ReadAll(r, file)
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &af.Error{File: file, Kind: af.ErrNotData, Msg: "the file is empty"}
	}
	if err := CheckMarkup(data, file); err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		msg := "not an xlsx workbook (no zip signature)"
		if bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}) {
			msg = "an old binary .xls workbook: save it as .xlsx"
		}
		return nil, &af.Error{File: file, Kind: af.ErrNotData, Msg: msg}
	}
	defer func() {
		if p := recover(); p != nil {
			wb, err = nil, &af.Error{File: file, Kind: af.ErrSyntax, Msg: fmt.Sprintf("damaged xlsx workbook: %v", p)}
		}
	}()
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: 1 << 30,
	})
	if err != nil {
		return nil, &af.Error{File: file, Kind: af.ErrSyntax, Msg: "damaged xlsx workbook", Err: err}
	}
	return &workbook{file: file, f: f}, nil
}

func (wb *workbook) Close() { wb.f.Close() }

// sheets returns the sheet names in workbook order.
func (wb *workbook) sheets() []string { return wb.f.GetSheetList() }

// table reads one sheet: raw values, displayed text, and merged ranges
// filled with their top-left value (so a year merged over twelve month
// columns is seen above each of them).
func (wb *workbook) table(sheet string) (t *Table, err error) {
	defer func() {
		if p := recover(); p != nil {
			t, err = nil, &af.Error{File: wb.file, Sheet: sheet, Kind: af.ErrSyntax, Msg: fmt.Sprintf("damaged sheet: %v", p)}
		}
	}()
	raw, err := wb.f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, &af.Error{File: wb.file, Sheet: sheet, Kind: af.ErrSyntax, Msg: "cannot read sheet", Err: err}
	}
	text, err := wb.f.GetRows(sheet)
	if err != nil {
		return nil, &af.Error{File: wb.file, Sheet: sheet, Kind: af.ErrSyntax, Msg: "cannot read sheet", Err: err}
	}
	for len(text) < len(raw) {
		text = append(text, nil)
	}
	for len(raw) < len(text) {
		raw = append(raw, nil)
	}
	merged, err := wb.f.GetMergeCells(sheet)
	if err != nil {
		return nil, &af.Error{File: wb.file, Sheet: sheet, Kind: af.ErrSyntax, Msg: "cannot read merged cells", Err: err}
	}
	for _, m := range merged {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || r2 < r1 || c2 < c1 || r2 > len(raw) || (r2-r1+1)*(c2-c1+1) > 1<<20 {
			continue
		}
		v, tv := m.GetCellValue(), cellOf(text, r1-1, c1-1)
		if tv == "" {
			tv = v
		}
		rv := cellOf(raw, r1-1, c1-1)
		if rv == "" {
			rv = v
		}
		for r := r1 - 1; r < r2; r++ {
			for c := c1 - 1; c < c2; c++ {
				setCell(raw, r, c, rv)
				setCell(text, r, c, tv)
			}
		}
	}
	t = &Table{File: wb.file, Sheet: sheet, Raw: raw, Text: text}
	t.Lines = make([]int64, len(raw))
	for i := range t.Lines {
		t.Lines[i] = int64(i + 1)
	}
	for r := range raw {
		for c := range raw[r] {
			raw[r][c] = strings.TrimSpace(raw[r][c])
		}
		for c := range text[r] {
			text[r][c] = strings.TrimSpace(text[r][c])
		}
	}
	return t, nil
}

func cellOf(g [][]string, r, c int) string {
	if r < 0 || r >= len(g) || c < 0 || c >= len(g[r]) {
		return ""
	}
	return g[r][c]
}

func setCell(g [][]string, r, c int, v string) {
	for len(g[r]) <= c {
		g[r] = append(g[r], "")
	}
	if g[r][c] == "" {
		g[r][c] = v
	}
}

// FindSheet returns the table of the first sheet (or the named one) in
// which match finds a header row within the first 30 rows, and that row.
func (wb *workbook) FindSheet(name string, match func(t *Table, r int) bool, what string) (*Table, int, error) {
	names := wb.sheets()
	if name != "" {
		found := false
		for _, s := range names {
			if s == name {
				found = true
			}
		}
		if !found {
			return nil, 0, &af.Error{File: wb.file, Sheet: name, Kind: af.ErrHeader, Msg: fmt.Sprintf("no such sheet (sheets: %s)", strings.Join(names, ", "))}
		}
		names = []string{name}
	}
	for _, s := range names {
		t, err := wb.table(s)
		if err != nil {
			return nil, 0, err
		}
		for r := 0; r < len(t.Raw) && r < 30; r++ {
			if match(t, r) {
				return t, r, nil
			}
		}
	}
	return nil, 0, &af.Error{File: wb.file, Kind: af.ErrHeader, Msg: "no sheet has " + what}
}
