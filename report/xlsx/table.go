package xlsx

import (
	"fmt"
	"slices"

	"github.com/xuri/excelize/v2"

	"lmi/report"
)

// sampleRows is how many rows are read ahead to size the columns.
const sampleRows = 200

// part is one sheet of a table being written.
type part struct {
	info SheetInfo
	enc  *sheetEncoder
}

// sheetWriter streams one table into its sheets.
type sheetWriter struct {
	w      *Workbook
	t      *report.Table
	opt    TableOptions
	split  int // column index of SplitBy, -1 without
	widths []float64
	styles []colStyles
	cols   []string // column letters
	parts  map[string]*part
	order  []*part
	over   *RowLimitError
	overAt string // the split value of the sheet that overflowed
}

// colStyles are the style ids a column's cells use.
type colStyles struct {
	value  int // the column's kind
	symbol int
}

// AddTable streams t into a new sheet, or one sheet per value of
// opt.SplitBy, and returns the sheets written. It reads t.Rows to the end.
// When a sheet would pass the row limit it returns a *RowLimitError; after
// any error discard the workbook.
func (w *Workbook) AddTable(t *report.Table, opt TableOptions) ([]SheetInfo, error) {
	if w.closed {
		return nil, ErrClosed
	}
	if w.done {
		return nil, fmt.Errorf("xlsx: table %s added after the workbook was written", t.Name)
	}
	if err := t.Check(); err != nil {
		return nil, fmt.Errorf("xlsx: %w", err)
	}
	s := &sheetWriter{w: w, t: t, opt: opt, split: -1, parts: map[string]*part{}}
	if opt.Sheet == "" {
		s.opt.Sheet = t.Name
	}
	if opt.SplitBy != "" {
		if s.split = t.ColumnIndex(opt.SplitBy); s.split < 0 {
			return nil, fmt.Errorf("xlsx: table %s: no column %q to split by", t.Name, opt.SplitBy)
		}
	}
	if err := s.run(); err != nil {
		return nil, err
	}
	infos := make([]SheetInfo, len(s.order))
	for i, p := range s.order {
		infos[i] = p.info
	}
	w.tables = append(w.tables, tableInfo{table: t, sheets: infos})
	if w.first == "" && len(infos) > 0 {
		w.first = infos[0].Name
	}
	return infos, nil
}

func (s *sheetWriter) run() (err error) {
	ncol := len(s.t.Columns)
	s.cols = make([]string, ncol)
	for i := range s.cols {
		s.cols[i], _ = excelize.ColumnNumberToName(i + 1)
	}
	defer func() {
		if err != nil {
			for _, p := range s.order {
				p.enc.abandon()
			}
		}
	}()
	sample, err := s.readSample()
	if err != nil {
		return err
	}
	s.widths = columnWidths(s.t.Columns, sample)
	if err := s.makeStyles(); err != nil {
		return err
	}
	for _, row := range sample {
		if err := s.add(row); err != nil {
			return err
		}
	}
	if len(sample) == sampleRows && s.t.Rows != nil {
		row := make([]report.Cell, ncol)
		for s.t.Rows.Next(row) {
			if err := s.add(row); err != nil {
				return err
			}
		}
		if err := s.t.Rows.Err(); err != nil {
			return fmt.Errorf("xlsx: table %s: %w", s.t.Name, err)
		}
	}
	if s.over != nil {
		return s.over
	}
	if len(s.order) == 0 { // no rows: a sheet with the header alone
		if _, err := s.partFor(""); err != nil {
			return err
		}
	}
	return s.flush()
}

func (s *sheetWriter) readSample() ([][]report.Cell, error) {
	if s.t.Rows == nil {
		return nil, nil
	}
	var sample [][]report.Cell
	for len(sample) < sampleRows {
		row := make([]report.Cell, len(s.t.Columns))
		if !s.t.Rows.Next(row) {
			if err := s.t.Rows.Err(); err != nil {
				return nil, fmt.Errorf("xlsx: table %s: %w", s.t.Name, err)
			}
			break
		}
		sample = append(sample, row)
	}
	return sample, nil
}

func (s *sheetWriter) makeStyles() error {
	s.styles = make([]colStyles, len(s.t.Columns))
	sym, err := s.w.style(styleKey{fixed: "symbol"})
	if err != nil {
		return err
	}
	for i, c := range s.t.Columns {
		id, err := s.w.style(columnStyleKey(c, c.KindOr()))
		if err != nil {
			return err
		}
		s.styles[i] = colStyles{value: id, symbol: sym}
	}
	return nil
}

func columnStyleKey(c report.Column, k report.Kind) styleKey {
	switch {
	case k == report.KindCode:
		return styleKey{fixed: "code"}
	case !k.Numeric():
		return styleKey{fixed: "text"}
	}
	return styleKey{kind: k, decimals: c.DecimalsFor(k)}
}

// add writes one row to its sheet, or counts it once a sheet is full.
func (s *sheetWriter) add(row []report.Cell) error {
	key := ""
	if s.split >= 0 {
		key = report.Swedish.Cell(row[s.split], s.t.Columns[s.split])
	}
	if s.over != nil {
		if key == s.overAt {
			s.over.Rows++
		}
		return nil
	}
	p, err := s.partFor(key)
	if err != nil {
		return err
	}
	if p.info.Rows >= int64(s.w.maxRows) {
		s.over = &RowLimitError{Table: s.t.Name, Sheet: p.info.Name, SplitBy: s.opt.SplitBy,
			Rows: p.info.Rows + 1, Limit: s.w.maxRows}
		s.overAt = key
		return nil
	}
	p.info.Rows++
	r := p.info.Rows + 1
	e := p.enc
	e.rowStart(r)
	for i, c := range row {
		if err := s.cell(e, i, r, c); err != nil {
			return err
		}
	}
	e.rowEnd()
	return nil
}

// cell writes one cell: numbers with their kind's number format, texts,
// symbols for cells without a value, nothing for missing ones.
func (s *sheetWriter) cell(e *sheetEncoder, i int, r int64, c report.Cell) error {
	col := s.t.Columns[i]
	switch c.State {
	case report.Missing:
		return nil
	case report.Value:
	default:
		e.text(&s.w.sst, s.cols[i], r, s.styles[i].symbol, c.State.Symbol())
		return nil
	}
	k := c.KindIn(col)
	if !k.Numeric() {
		e.text(&s.w.sst, s.cols[i], r, s.styles[i].value, c.Str)
		return nil
	}
	id := s.styles[i].value
	if c.Kind.Valid() && c.Kind != col.KindOr() {
		var err error
		if id, err = s.w.style(columnStyleKey(col, k)); err != nil {
			return err
		}
	}
	e.number(s.cols[i], r, id, c.Num)
	return nil
}

// partFor returns the sheet for a split value, making it on first use.
func (s *sheetWriter) partFor(key string) (*part, error) {
	if p, ok := s.parts[key]; ok {
		return p, nil
	}
	suffix := ""
	if s.split >= 0 {
		suffix = " " + key
		if key == "" {
			suffix = " (tom)"
		}
	}
	name := s.w.names.make(s.opt.Sheet, suffix)
	if _, err := s.w.f.NewSheet(name); err != nil {
		return nil, fmt.Errorf("xlsx: sheet %q: %w", name, err)
	}
	hs, err := s.w.style(styleKey{fixed: "header"})
	if err != nil {
		return nil, err
	}
	enc, err := newSheetEncoder(s.w.opt.TmpDir)
	if err != nil {
		return nil, err
	}
	selected := s.w.first == ""
	if selected {
		s.w.first = name
	}
	headers := make([]string, len(s.t.Columns))
	for i, c := range s.t.Columns {
		headers[i] = c.Title()
	}
	enc.start(&s.w.sst, s.widths, selected, headers, hs, s.cols)
	p := &part{info: SheetInfo{Name: name, Value: key}, enc: enc}
	s.parts[key] = p
	s.order = append(s.order, p)
	return p, nil
}

// flush adds each sheet's autofilter over its rows, ends its XML and
// hands it to the workbook, which writes it in place of excelize's empty
// sheet.
func (s *sheetWriter) flush() error {
	last := s.cols[len(s.cols)-1]
	for _, p := range s.order {
		ref := fmt.Sprintf("$A$1:$%s$%d", last, p.info.Rows+1)
		if err := s.w.f.AutoFilter(p.info.Name, ref, nil); err != nil {
			return fmt.Errorf("xlsx: sheet %q: autofilter: %w", p.info.Name, err)
		}
		p.enc.end(ref)
	}
	for i, p := range s.order {
		entry, err := p.enc.finish()
		if err != nil {
			for _, q := range s.order[i+1:] {
				q.enc.abandon()
			}
			return fmt.Errorf("xlsx: sheet %q: %w", p.info.Name, err)
		}
		path, err := s.w.sheetPath(p.info.Name)
		if err != nil {
			entry.remove()
			return err
		}
		s.w.raw[path] = entry
	}
	return nil
}

// columnWidths picks each column's width from its header and the sampled
// rows as displayed, between 6 and 60 characters; Column.Width wins.
func columnWidths(cols []report.Column, sample [][]report.Cell) []float64 {
	out := make([]float64, len(cols))
	for i, c := range cols {
		if c.Width > 0 {
			out[i] = c.Width
			continue
		}
		w := min(runeLen(c.Title()), 30)
		for _, row := range sample {
			w = max(w, runeLen(report.Swedish.Cell(row[i], c)))
		}
		out[i] = float64(min(max(w+2, 6), 60))
	}
	return slices.Clip(out)
}

func runeLen(s string) int { return len([]rune(s)) }
