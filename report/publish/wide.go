package publish

import (
	"fmt"
	"os"

	"lmi/report"
)

// The workbook's fixed columns of a family sheet.
const (
	colLevel = iota
	colRegion
	colRegionName
	colPeriod
	nFixedCols
)

// wideColumns are the columns of a family's sheet: the region's level,
// code and name, the period, each dimension's code and (when it has
// names) name, then one column per indicator with its label and unit.
func (f *family) wideColumns() (cols []report.Column, dimName []dimNamer, valueAt int) {
	cols = []report.Column{
		{Key: "region_level", Header: "Regionnivå", Kind: report.KindCode},
		{Key: "region", Header: "Region", Kind: report.KindCode},
		{Key: "region_name", Header: "Regionnamn", Kind: report.KindText},
		{Key: "period", Header: "Period", Kind: report.KindCode},
	}
	for _, d := range f.lay.dims {
		cols = append(cols, report.Column{Key: d.key, Header: dimHeader(d.key), Kind: report.KindCode})
		namer := namerFor(d.key)
		dimName = append(dimName, namer)
		if d.name >= 0 || namer != nil {
			h := dimNameHeaders[d.key]
			if h == "" {
				h = dimHeader(d.key) + ", namn"
			}
			cols = append(cols, report.Column{Key: d.key + "_name", Header: h, Kind: report.KindText})
		}
	}
	valueAt = len(cols)
	for _, in := range f.inds {
		cols = append(cols, report.Column{Key: in.name, Header: indicatorHeader(in.label, in.unit), Kind: in.kind})
	}
	return cols, dimName, valueAt
}

// wideRows yields a family's workbook rows by merging its indicators.
type wideRows struct {
	f       *family
	m       *merger
	namers  []dimNamer
	valueAt int
	intern  interner
	err     error
}

func (f *family) newWideRows(file *os.File) (*report.Table, *wideRows) {
	cols, namers, valueAt := f.wideColumns()
	w := &wideRows{f: f, m: newMerger(f, file), namers: namers, valueAt: valueAt, intern: interner{}}
	t := &report.Table{Name: f.name, Title: f.title, Columns: cols, Rows: w, Notes: f.notes()}
	return t, w
}

func (w *wideRows) Next(row []report.Cell) bool {
	if w.err != nil {
		return false
	}
	rec, err := w.m.next()
	if err != nil {
		w.err = err
		return false
	}
	if rec == nil {
		return false
	}
	lay := w.f.lay
	level := w.intern.get(rec[lay.level])
	row[colLevel] = report.Str(level)
	row[colRegion] = report.Str(w.intern.get(rec[lay.region]))
	row[colRegionName] = report.Str(w.intern.get(rec[lay.regionName]))
	row[colPeriod] = report.Str(w.intern.get(rec[lay.period]))
	at := nFixedCols
	for i, d := range lay.dims {
		code := w.intern.get(rec[d.code])
		row[at] = report.Str(code)
		at++
		switch {
		case d.name >= 0:
			row[at] = report.Str(w.intern.get(rec[d.name]))
			at++
		case w.namers[i] != nil:
			row[at] = report.Str(w.namers[i](level, code))
			at++
		}
	}
	clear(row[w.valueAt:])
	for i, c := range w.m.cur {
		if !w.m.at[i] {
			continue
		}
		v, err := lay.cell(c.rec)
		if err == nil {
			err = w.f.keep(c.rec, c.cr.recLine, w.f.inds[c.col], w.intern)
		}
		if err != nil {
			w.err = fmt.Errorf("%s: line %d: %w", w.f.file, c.cr.recLine, err)
			return false
		}
		row[w.valueAt+c.col] = v
	}
	if err := w.m.advance(); err != nil {
		w.err = err
		return false
	}
	return true
}

func (w *wideRows) Err() error { return w.err }

// notes are the notes of a family's sheet in "Om tabellerna": the
// indicators' versions.
func (f *family) notes() []string {
	s := ""
	for _, in := range f.inds {
		if in.version == "" {
			continue
		}
		if s != "" {
			s += ", "
		}
		s += in.name + " v" + in.version
	}
	if s == "" {
		return nil
	}
	return []string{"Indikatorernas versioner: " + s + "."}
}
