package publish

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"lmi/report"
)

// family is one family file: its metadata and what the first pass over it
// found.
type family struct {
	name, title, description string
	path, file               string // the file's path and base name
	lay                      *layout
	inds                     []*indInfo // in the workbook's column order
	byName                   map[string]*indInfo
	headline                 string // "" when the family has no indicator

	blocks   []block
	rows     int64        // long rows
	levels   []levelCount // wide rows per region level, in file order
	tot      []totRow     // rows whose every dimension is TOT
	histRows []histRow    // employment the forecast's fan charts want
	want     map[histKey]bool
	skip     map[string]bool // region levels left out of the workbook
}

// indInfo is an indicator as the report shows it.
type indInfo struct {
	name, label, unit, section string
	version                    string
	kind                       report.Kind
	known                      bool // in the metadata
	col                        int  // its column in the workbook's sheet
}

// block is one indicator's rows in the file: lmi sorts by indicator first.
type block struct {
	ind    *indInfo
	off    int64 // offset of its first row
	end    int64 // offset after its last row
	line   int   // line of its first row
	rows   int64
	levels []levelSeq
}

// levelSeq is a block's rows of one region level: lmi sorts by level
// within an indicator.
type levelSeq struct {
	level string
	rows  int64
	off   int64 // offset of its first row
	line  int   // line of its first row
}

// levelCount is the workbook's rows of one region level.
type levelCount struct {
	level string
	rows  int64
}

// totRow is a row whose every dimension is TOT: a headline number.
type totRow struct {
	ind                 *indInfo
	level, region, name string
	period              string
	v                   report.Cell
	line                int
}

// ref names where a number of a file came from: the file, the line and
// the column, as the report's data-ref attributes carry it.
func ref(file string, line int, col string) string {
	return file + ":" + strconv.Itoa(line) + ":" + col
}

// newFamily sets up a family file from its metadata (fm may be zero for a
// file without metadata) and its header.
func newFamily(path string, fm Family, meta map[string]Indicator, header []string) (*family, error) {
	lay, err := parseLayout(header)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	name := fm.Name
	if name == "" {
		name = trimExt(filepath.Base(path))
	}
	f := &family{name: name, title: fm.Title, description: fm.Description, path: path, file: filepath.Base(path),
		lay: lay, byName: map[string]*indInfo{}}
	if f.title == "" {
		f.title = familyTitles[name]
	}
	if f.title == "" {
		f.title = name
	}
	for _, m := range meta {
		if m.Family == name {
			f.addIndicator(m.Name, m, true)
		}
	}
	slices.SortFunc(f.inds, func(a, b *indInfo) int { return cmp.Compare(a.name, b.name) })
	f.headline = fm.Headline
	return f, nil
}

func (f *family) addIndicator(name string, m Indicator, known bool) *indInfo {
	in := &indInfo{name: name, label: m.Label, unit: m.Unit, section: m.Section, known: known}
	if m.Version > 0 {
		in.version = strconv.Itoa(m.Version)
	}
	if in.label == "" {
		in.label = name
	}
	in.kind = kindOfUnit(in.unit)
	f.inds = append(f.inds, in)
	f.byName[name] = in
	return in
}

func trimExt(s string) string { return s[:len(s)-len(filepath.Ext(s))] }

// histKey is a region's occupation whose employment the forecast's fan
// charts want from the indicator outputs.
type histKey struct{ level, region, ssyk string }

// histRow is one year of such employment.
type histRow struct {
	key    histKey
	ind    string
	period string
	v      report.Cell
	line   int
}

// historyIndicators are the indicators that count the employed by region
// and SSYK 4, as the forecast does: the fan charts' history.
var historyIndicators = map[string]bool{"antal_sysselsatta_yrke": true, "brist_sysselsatta": true}

// scan is the first pass over a family file: where each indicator's rows
// are and how many each has at each region level. It reads each row's
// first columns only; the second pass, which writes the workbook, checks
// the rows' order and keeps what the report shows.
func (f *family) scan() error {
	file, cr, _, err := readHeader(f.path)
	if err != nil {
		return err
	}
	defer file.Close()
	lay := f.lay
	// The columns read, and one more that holds the rest of the row.
	n := max(lay.indicator, lay.level, lay.label, lay.unit, lay.version) + 2
	intern := interner{}
	var cur *block
	for {
		rec, err := cr.nextN(n)
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("%s: %w", f.file, err)
		}
		if len(rec) < n {
			return fmt.Errorf("%s: line %d: %d fields, the header has %d", f.file, cr.recLine, len(rec), lay.nfields)
		}
		f.rows++
		if cur == nil || string(rec[lay.indicator]) != cur.ind.name {
			if cur, err = f.startBlock(rec, cr, cur); err != nil {
				return err
			}
		}
		cur.rows++
		level := rec[lay.level]
		if k := len(cur.levels); k == 0 || cur.levels[k-1].level != string(level) {
			if k > 0 && string(level) < cur.levels[k-1].level {
				return fmt.Errorf("%s: line %d: %w: region level %s after %s", f.file, cr.recLine, ErrUnsorted, level, cur.levels[k-1].level)
			}
			cur.levels = append(cur.levels, levelSeq{level: intern.get(level), off: cr.recOff, line: cr.recLine})
		}
		cur.levels[len(cur.levels)-1].rows++
	}
	if cur != nil {
		cur.end = cr.base + int64(cr.pos)
	}
	f.finishColumns()
	return f.countLevels()
}

// startBlock ends the current block and starts the next indicator's.
func (f *family) startBlock(rec [][]byte, cr *csvReader, cur *block) (*block, error) {
	name := string(rec[f.lay.indicator])
	if cur != nil {
		cur.end = cr.recOff
		if name < cur.ind.name {
			return nil, fmt.Errorf("%s: line %d: %w: indicator %s after %s", f.file, cr.recLine, ErrUnsorted, name, cur.ind.name)
		}
	}
	in := f.byName[name]
	if in == nil {
		in = f.addIndicator(name, Indicator{}, false)
	}
	if f.lay.label >= 0 && len(rec[f.lay.label]) > 0 {
		in.label = string(rec[f.lay.label])
	}
	if f.lay.unit >= 0 && len(rec[f.lay.unit]) > 0 {
		in.unit = string(rec[f.lay.unit])
		in.kind = kindOfUnit(in.unit)
	}
	if f.lay.version >= 0 && len(rec[f.lay.version]) > 0 {
		in.version = string(rec[f.lay.version])
	}
	f.blocks = append(f.blocks, block{ind: in, off: cr.recOff, line: cr.recLine})
	return &f.blocks[len(f.blocks)-1], nil
}

// segment is a part of a file to read: a block, or the levels of a block
// the workbook keeps.
type segment struct {
	off, end int64
	line     int
}

// segments are the parts of a block the workbook reads: all of it, or its
// rows of the levels not left out.
func (b *block) segments(skip map[string]bool) []segment {
	if len(skip) == 0 {
		return []segment{{b.off, b.end, b.line}}
	}
	var out []segment
	for i, ls := range b.levels {
		if skip[ls.level] {
			continue
		}
		end := b.end
		if i+1 < len(b.levels) {
			end = b.levels[i+1].off
		}
		if n := len(out); n > 0 && out[n-1].end == ls.off {
			out[n-1].end = end
			continue
		}
		out = append(out, segment{ls.off, end, ls.line})
	}
	return out
}

// appendKey writes a record's key, its fields separated by a zero byte,
// so that keys compare as lmi sorts the rows.
func appendKey(b []byte, lay *layout, rec [][]byte) []byte {
	for i, c := range lay.keyCols {
		if i > 0 {
			b = append(b, 0)
		}
		b = append(b, rec[c]...)
	}
	return b
}

func showKey(k []byte) string {
	out := make([]byte, 0, len(k))
	for _, c := range k {
		if c == 0 {
			out = append(out, ',')
		} else {
			out = append(out, c)
		}
	}
	return string(out)
}

// keep keeps what the report shows of a row: a total, or a year of an
// occupation's employment the fan charts want.
func (f *family) keep(rec [][]byte, line int, in *indInfo, intern interner) error {
	lay := f.lay
	if lay.isTotal(rec) {
		v, err := lay.cell(rec)
		if err != nil {
			return err
		}
		f.tot = append(f.tot, totRow{ind: in, level: intern.get(rec[lay.level]), region: intern.get(rec[lay.region]),
			name: intern.get(rec[lay.regionName]), period: intern.get(rec[lay.period]), v: v, line: line})
	}
	if len(f.want) == 0 || !historyIndicators[in.name] || len(lay.dims) != 1 || lay.dims[0].key != "ssyk4" {
		return nil
	}
	k := histKey{string(rec[lay.level]), string(rec[lay.region]), string(rec[lay.dims[0].code])}
	if !f.want[k] {
		return nil
	}
	v, err := lay.cell(rec)
	if err != nil {
		return err
	}
	f.histRows = append(f.histRows, histRow{key: k, ind: in.name, period: intern.get(rec[lay.period]), v: v, line: line})
	return nil
}

// finishColumns orders the indicators as the workbook shows them: the
// metadata's order (by name), then those only the file has, and drops
// indicators the file does not hold.
func (f *family) finishColumns() {
	in := map[*indInfo]bool{}
	for _, b := range f.blocks {
		in[b.ind] = true
	}
	f.inds = slices.DeleteFunc(f.inds, func(x *indInfo) bool { return !in[x] })
	slices.SortStableFunc(f.inds, func(a, b *indInfo) int {
		if a.known != b.known {
			if a.known {
				return -1
			}
			return 1
		}
		return cmp.Compare(a.name, b.name)
	})
	if f.headline == "" || f.byName[f.headline] == nil || !in[f.byName[f.headline]] {
		f.headline = f.chooseHeadline(in)
	}
}

// chooseHeadline is lmi's own choice for its families, else the first
// rate, else the first indicator.
func (f *family) chooseHeadline(in map[*indInfo]bool) string {
	if d := DefaultHeadline[f.name]; d != "" && f.byName[d] != nil && in[f.byName[d]] {
		return d
	}
	for _, x := range f.inds {
		if isRate(x.unit) {
			return x.name
		}
	}
	if len(f.inds) > 0 {
		return f.inds[0].name
	}
	return ""
}

// countLevels finds the workbook's rows per region level: when every
// indicator has as many rows at a level (lmi computes every indicator of
// a family on the same cells) that is one indicator's count; otherwise
// the rows are merged to count them. Should indicators with equal counts
// still hold different cells, a sheet may pass the limit unsplit, and the
// workbook then says so (xlsx.RowLimitError).
func (f *family) countLevels() error {
	var order []string
	byLevel := map[string][]int64{}
	for _, b := range f.blocks {
		for _, ls := range b.levels {
			if _, ok := byLevel[ls.level]; !ok {
				order = append(order, ls.level)
			}
			byLevel[ls.level] = append(byLevel[ls.level], ls.rows)
		}
	}
	same := true
	for _, l := range order {
		counts := byLevel[l]
		same = same && len(counts) == len(f.blocks)
		for _, c := range counts {
			same = same && c == counts[0]
		}
		f.levels = append(f.levels, levelCount{level: l, rows: counts[0]})
	}
	if same {
		return nil
	}
	counts, err := f.mergeCount()
	if err != nil {
		return err
	}
	for i := range f.levels {
		f.levels[i].rows = counts[f.levels[i].level]
	}
	return nil
}

// leaveOut leaves a region level out of the workbook.
func (f *family) leaveOut(level string) {
	if f.skip == nil {
		f.skip = map[string]bool{}
	}
	f.skip[level] = true
}

// keepLeftOut reads the rows of the levels left out of the workbook for
// what the report shows of them (keep).
func (f *family) keepLeftOut() error {
	if len(f.skip) == 0 {
		return nil
	}
	file, err := os.Open(f.path)
	if err != nil {
		return err
	}
	defer file.Close()
	intern := interner{}
	for _, b := range f.blocks {
		for i, ls := range b.levels {
			if !f.skip[ls.level] {
				continue
			}
			end := b.end
			if i+1 < len(b.levels) {
				end = b.levels[i+1].off
			}
			cr := newCSVReaderSize(io.NewSectionReader(file, ls.off, end-ls.off), ls.line, cursorBuf)
			for {
				rec, err := cr.next()
				if err == io.EOF {
					break
				}
				if err == nil && len(rec) != f.lay.nfields {
					err = fmt.Errorf("line %d: %d fields, the header has %d", cr.recLine, len(rec), f.lay.nfields)
				}
				if err == nil {
					err = f.keep(rec, cr.recLine, b.ind, intern)
				}
				if err != nil {
					return fmt.Errorf("%s: %w", f.file, err)
				}
			}
		}
	}
	return nil
}

// wideRows is the workbook's rows of the family.
func (f *family) wideRows() int64 {
	var n int64
	for _, l := range f.levels {
		n += l.rows
	}
	return n
}

// mergeCount counts the workbook's rows per level by merging the
// indicators' rows.
func (f *family) mergeCount() (map[string]int64, error) {
	file, err := os.Open(f.path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	m := newMerger(f, file)
	counts := map[string]int64{}
	for {
		min, err := m.next()
		if err != nil {
			return nil, err
		}
		if min == nil {
			return counts, nil
		}
		counts[string(min[f.lay.level])]++
		if err := m.advance(); err != nil {
			return nil, err
		}
	}
}
