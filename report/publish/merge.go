package publish

import (
	"fmt"
	"io"
	"os"
)

// merger walks a family file's indicators side by side: one cursor per
// indicator's block, all in the same key order, so that the cells of one
// region, period and dimension cell come together, one workbook row,
// without holding the file.
type merger struct {
	f    *family
	cur  []*cursor
	at   []bool // cursors at the current minimum
	err  error
	keys []byte
}

// cursor reads one indicator's block, or the parts of it the workbook
// keeps.
type cursor struct {
	file *os.File
	segs []segment // the parts still to read after the current one
	cr   *csvReader
	rec  [][]byte
	col  int // the indicator's index in family.inds
	done bool
	key  []byte // the current row's key, to check the order
	prev []byte
}

// cursorBuf is each cursor's read buffer: a family has up to twenty or so
// indicators.
const cursorBuf = 256 << 10

func newMerger(f *family, file *os.File) *merger {
	m := &merger{f: f, at: make([]bool, len(f.blocks))}
	for _, b := range f.blocks {
		col := 0
		for i, in := range f.inds {
			if in == b.ind {
				col = i
			}
		}
		c := &cursor{file: file, segs: b.segments(f.skip), col: col}
		if len(c.segs) == 0 {
			c.done = true
		} else {
			c.open()
		}
		m.cur = append(m.cur, c)
	}
	for _, c := range m.cur {
		if c.done {
			continue
		}
		if err := m.read(c); err != nil {
			m.err = err
		}
	}
	return m
}

// open starts reading the cursor's next part.
func (c *cursor) open() {
	s := c.segs[0]
	c.segs = c.segs[1:]
	if c.cr == nil {
		c.cr = newCSVReaderSize(io.NewSectionReader(c.file, s.off, s.end-s.off), s.line, cursorBuf)
		return
	}
	c.cr.reset(io.NewSectionReader(c.file, s.off, s.end-s.off), s.line)
}

// read moves a cursor to its next row.
func (m *merger) read(c *cursor) error {
	rec, err := c.cr.next()
	for err == io.EOF && len(c.segs) > 0 {
		c.open()
		rec, err = c.cr.next()
	}
	if err == io.EOF {
		c.done, c.rec = true, nil
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", m.f.file, err)
	}
	if len(rec) != m.f.lay.nfields {
		return fmt.Errorf("%s: line %d: %d fields, the header has %d", m.f.file, c.cr.recLine, len(rec), m.f.lay.nfields)
	}
	c.rec = rec
	c.prev, c.key = c.key, appendKey(c.prev[:0], m.f.lay, rec)
	if len(c.prev) > 0 && string(c.key) <= string(c.prev) {
		return fmt.Errorf("%s: line %d: %w: %s after %s (or the same cell twice)", m.f.file, c.cr.recLine, ErrUnsorted, showKey(c.key), showKey(c.prev))
	}
	return nil
}

// next returns the smallest key's record (of one of the cursors there) and
// marks the cursors at it; nil at the end.
func (m *merger) next() ([][]byte, error) {
	if m.err != nil {
		return nil, m.err
	}
	var min [][]byte
	for i, c := range m.cur {
		m.at[i] = false
		if c.done {
			continue
		}
		switch {
		case min == nil:
			min = c.rec
			m.at[i] = true
		default:
			r := m.f.lay.compareKeys(c.rec, min)
			if r < 0 {
				min = c.rec
				clear(m.at[:i])
			}
			if r <= 0 {
				m.at[i] = true
			}
		}
	}
	return min, nil
}

// advance moves the cursors at the minimum on.
func (m *merger) advance() error {
	for i, c := range m.cur {
		if m.at[i] {
			if err := m.read(c); err != nil {
				m.err = err
				return err
			}
		}
	}
	return nil
}
