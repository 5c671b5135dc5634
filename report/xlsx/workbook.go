package xlsx

import (
	"errors"
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"

	"lmi/internal/atomicfile"
	"lmi/report"
)

// ExcelMaxRows is the number of rows an Excel sheet holds, the header
// included; MaxDataRows is what is left for data under one header row.
const (
	ExcelMaxRows = 1_048_576
	MaxDataRows  = ExcelMaxRows - 1
)

// The fixed sheets of every workbook.
const (
	AboutSheet   = "Om tabellerna"
	SymbolsSheet = "Teckenförklaring"
)

// Options configure a workbook.
type Options struct {
	// Provenance fills the "Om tabellerna" sheet; its Created time (or, when
	// zero, 2000-01-01) becomes the document's created and modified time.
	Provenance report.Provenance
	// MaxRows is the most data rows a sheet takes; 0 (or more than
	// MaxDataRows) means MaxDataRows. Lower it to keep sheets small.
	MaxRows int
	// TmpDir is where large sheets spill while the workbook is built; ""
	// is the system's temporary folder.
	TmpDir string
}

// TableOptions configure one table's sheets.
type TableOptions struct {
	// Sheet is the sheet's name, made to fit Excel's rules; the table's
	// Name when empty.
	Sheet string
	// SplitBy is the key of a column: the table is written to one sheet per
	// distinct value of that column, in the order values first appear, each
	// named Sheet + " " + the value as displayed. Rows need not be sorted.
	SplitBy string
}

// SheetInfo describes a sheet AddTable wrote.
type SheetInfo struct {
	Name  string // the sheet's name
	Value string // the SplitBy value of its rows, "" without SplitBy
	Rows  int64  // data rows, the header not counted
}

// RowLimitError is returned by AddTable when a sheet would pass Excel's
// row limit. Rows is the number of rows the sheet would have needed: the
// rest of the table is read to count them. The workbook must then be
// discarded (Close) and built again with less data or a SplitBy.
type RowLimitError struct {
	Table   string // the table's name
	Sheet   string // the sheet that overflowed
	SplitBy string // the split column, "" when not split
	Rows    int64  // data rows that sheet would have held
	Limit   int    // data rows a sheet may hold
}

func (e *RowLimitError) Error() string {
	hint := "narrow the selection (fewer regions, periods, indicators or dimensions) or split the table into sheets by a column such as region_level or region"
	if e.SplitBy != "" {
		hint = fmt.Sprintf("split by a finer column than %s, or narrow the selection (fewer regions, periods, indicators or dimensions)", e.SplitBy)
	}
	return fmt.Sprintf("table %s: %d rows for sheet %q, but an Excel sheet holds at most %d data rows under its header: %s",
		e.Table, e.Rows, e.Sheet, e.Limit, hint)
}

// ErrClosed is returned after the workbook was closed.
var ErrClosed = errors.New("xlsx: workbook closed")

// Workbook is an Excel workbook being built. Add tables with AddTable, then
// write it with WriteTo or WriteFile, and Close it. It is not safe for
// concurrent use.
type Workbook struct {
	f       *excelize.File
	opt     Options
	names   names
	styles  map[styleKey]int
	tables  []tableInfo
	first   string // first table sheet, made active
	done    bool   // fixed sheets filled
	closed  bool
	maxRows int
	raw     map[string]*rawEntry // sheets' XML by zip path, written in place of excelize's
	out     io.Writer            // where WriteTo writes the archive
	sst     sharedStrings        // the texts of the tables' sheets
}

type tableInfo struct {
	table  *report.Table
	sheets []SheetInfo
}

// New starts a workbook with its "Om tabellerna" and "Teckenförklaring"
// sheets.
func New(opt Options) (*Workbook, error) {
	f := excelize.NewFile(excelize.Options{TmpDir: opt.TmpDir})
	w := &Workbook{f: f, opt: opt, styles: map[styleKey]int{}, maxRows: opt.MaxRows, raw: map[string]*rawEntry{},
		sst: sharedStrings{index: map[string]int{}}}
	// excelize hands its zip writer a buffer of the whole archive; the
	// archive goes straight to WriteTo's writer instead.
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return &sortedZip{w: w.out, raw: w.raw} })
	if w.maxRows <= 0 || w.maxRows > MaxDataRows {
		w.maxRows = MaxDataRows
	}
	if err := f.SetSheetName("Sheet1", w.names.make(AboutSheet, "")); err != nil {
		f.Close()
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	if _, err := f.NewSheet(w.names.make(SymbolsSheet, "")); err != nil {
		f.Close()
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	return w, nil
}

// WriteTo writes the workbook as .xlsx bytes. The first call fills the
// fixed sheets; tables cannot be added after it. Writing twice gives the
// same bytes.
func (w *Workbook) WriteTo(out io.Writer) (int64, error) {
	if w.closed {
		return 0, ErrClosed
	}
	if !w.done {
		if err := w.finish(); err != nil {
			return 0, err
		}
		w.done = true
	}
	cw := &countWriter{w: out}
	w.out = cw
	defer func() { w.out = nil }()
	if _, err := w.f.WriteTo(io.Discard); err != nil {
		return cw.n, fmt.Errorf("xlsx: write: %w", err)
	}
	return cw.n, nil
}

// WriteFile writes the workbook to path atomically (internal/atomicfile),
// with permissions 0644.
func (w *Workbook) WriteFile(path string) error {
	return atomicfile.Write(path, 0o644, func(out io.Writer) error {
		_, err := w.WriteTo(out)
		return err
	})
}

// Close releases the workbook's temporary files.
func (w *Workbook) Close() error {
	if w.closed {
		return nil
	}
	w.closed = true
	for _, e := range w.raw {
		e.remove()
	}
	return w.f.Close()
}

// sheetPath returns the zip path of a sheet's XML: excelize names a new
// sheet's part after its sheet id.
func (w *Workbook) sheetPath(sheet string) (string, error) {
	for id, name := range w.f.GetSheetMap() {
		if name == sheet {
			return fmt.Sprintf("xl/worksheets/sheet%d.xml", id), nil
		}
	}
	return "", fmt.Errorf("xlsx: sheet %q: no sheet id", sheet)
}

// Sheets returns the names of the workbook's sheets in order.
func (w *Workbook) Sheets() []string { return w.f.GetSheetList() }
