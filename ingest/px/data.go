package px

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"lmi/ingest/cube"
	"lmi/ingest/internal/pxtext"
)

type dataKind uint8

const (
	dataEOF    dataKind = iota // input ended (no closing semicolon)
	dataEnd                    // the closing semicolon
	dataBare                   // an unquoted token
	dataQuoted                 // a quoted token, quotes removed
)

// nextData returns the next DATA token. The bytes are valid until the next
// call. d.s.line/col after the call are past the token; the token's own
// position is in tokLine, tokCol.
func (d *decoder) nextData() ([]byte, dataKind, int, int, error) {
	s := d.s
	for {
		for s.pos < s.end {
			switch s.buf[s.pos] {
			case ' ', ',', '\t', '\r':
				s.pos++
				s.col++
				continue
			case '\n':
				s.pos++
				s.line++
				s.col = 1
				continue
			}
			goto token
		}
		if !s.fill() {
			if s.err != nil {
				return nil, dataEOF, s.line, s.col, d.eofErr(s.line, s.col, "DATA", fmt.Errorf("%w: %w", ErrRead, s.err))
			}
			return nil, dataEOF, s.line, s.col, nil
		}
	}
token:
	line, col := s.line, s.col
	c := s.buf[s.pos]
	if c == ';' {
		s.next()
		return nil, dataEnd, line, col, nil
	}
	quoted := c == '"'
	if quoted {
		s.pos++
		s.col++
	}
	// Fast path: the token ends inside the buffer.
	start := s.pos
	for i := start; i < s.end; i++ {
		b := s.buf[i]
		if quoted {
			if b == '"' {
				s.col += i - start + 1
				s.pos = i + 1
				return s.buf[start:i], dataQuoted, line, col, nil
			}
			if b == '\n' {
				return nil, dataEOF, line, col, d.errAt(line, col, "DATA", fmt.Errorf("%w: a quoted data value has no closing quote on its line", ErrUnterminated))
			}
		} else if b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == ',' || b == ';' || b == '"' {
			s.col += i - start
			s.pos = i
			return s.buf[start:i], dataBare, line, col, nil
		}
	}
	// Slow path: the token crosses the end of the buffer.
	d.scratch = append(d.scratch[:0], s.buf[start:s.end]...)
	s.col += s.end - start
	s.pos = s.end
	for {
		if !s.fill() {
			if quoted {
				return nil, dataEOF, line, col, d.eofErr(line, col, "DATA", fmt.Errorf("%w: %w: a quoted data value has no closing quote", ErrTruncated, ErrUnterminated))
			}
			if s.err != nil {
				return nil, dataEOF, line, col, d.eofErr(line, col, "DATA", fmt.Errorf("%w: %w", ErrRead, s.err))
			}
			return d.scratch, dataBare, line, col, nil
		}
		b := s.buf[s.pos]
		if quoted {
			if b == '"' {
				s.next()
				return d.scratch, dataQuoted, line, col, nil
			}
			if b == '\n' {
				return nil, dataEOF, line, col, d.errAt(line, col, "DATA", fmt.Errorf("%w: a quoted data value has no closing quote on its line", ErrUnterminated))
			}
		} else if b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == ',' || b == ';' || b == '"' {
			return d.scratch, dataBare, line, col, nil
		}
		if len(d.scratch) >= maxToken {
			return nil, dataEOF, line, col, d.errAt(line, col, "DATA", fmt.Errorf("%w: a data value longer than %d bytes", ErrBadValue, maxToken))
		}
		d.scratch = append(d.scratch, b)
		s.next()
	}
}

// cell turns a data token into a number or a status.
func (d *decoder) cell(tok []byte, symbols map[string]string, line, col int) (float64, string, error) {
	switch string(tok) {
	case ".", "..", "...", "....", ".....", "......", "-":
		return math.NaN(), symbols[string(tok)], nil
	}
	if v, ok := pxtext.ParseNumber(tok); ok {
		return v, "", nil
	}
	return 0, "", d.errAt(line, col, "DATA", fmt.Errorf("%w: %q is neither a number nor a dot code", ErrBadValue, clip(tok)))
}

func clip(b []byte) string {
	if len(b) > 40 {
		return string(b[:40]) + "..."
	}
	return string(b)
}

// afterData checks that nothing but white space follows the closing
// semicolon.
func (d *decoder) afterData() error {
	s := d.s
	s.skipSpace()
	if _, ok := s.peek(); ok {
		return d.errAt(s.line, s.col, "DATA", fmt.Errorf("%w: found %q (DATA must be the last keyword)", ErrTrailing, d.peekText(24)))
	}
	if s.err != nil {
		return d.eofErr(s.line, s.col, "DATA", fmt.Errorf("%w: %w", ErrRead, s.err))
	}
	return nil
}

func shape(dims []cube.Dimension) string {
	parts := make([]string, len(dims))
	for i, dim := range dims {
		parts[i] = strconv.Itoa(len(dim.Values))
	}
	return strings.Join(parts, " × ")
}

// readDense reads DATA without KEYS: every cell in order, the last HEADING
// variable fastest.
func (d *decoder) readDense(t *cube.Table, cells int, dims []cube.Dimension, symbols map[string]string) error {
	// Reserve the whole table when the input can hold it (a cell takes at
	// least two bytes, a digit and a delimiter); otherwise grow as cells
	// come, so a short file claiming a huge table costs nothing.
	capHint := cells
	if d.sizeHint > 0 && int64(cells) > d.sizeHint/2+1 {
		capHint = int(d.sizeHint/2 + 1)
	} else if d.sizeHint <= 0 && cells > 1<<20 {
		capHint = 1 << 20
	}
	values := make([]float64, 0, capHint)
	status := make([]string, 0, capHint)
	for {
		tok, kind, line, col, err := d.nextData()
		if err != nil {
			return err
		}
		if kind == dataEOF || kind == dataEnd {
			if len(values) != cells {
				var trunc error
				if kind == dataEOF {
					trunc = ErrTruncated
				}
				msg := fmt.Errorf("%w: %d values for %d cells (%s)", ErrDataCount, len(values), cells, shape(dims))
				if trunc != nil {
					msg = fmt.Errorf("%w: %w", trunc, msg)
				}
				return d.errAt(line, col, "DATA", msg)
			}
			if kind == dataEnd {
				if err := d.afterData(); err != nil {
					return err
				}
			}
			break
		}
		if len(values) == cells {
			return d.errAt(line, col, "DATA", fmt.Errorf("%w: more than the %d cells (%s); the value %q is one too many", ErrDataCount, cells, shape(dims), clip(tok)))
		}
		v, st, err := d.cell(tok, symbols, line, col)
		if err != nil {
			return err
		}
		values = append(values, v)
		status = append(status, st)
	}
	t.Values, t.Status = values, status
	return nil
}

// readKeyed reads DATA with KEYS: each row starts with the key of every
// STUB variable, then holds the cells of the HEADING variables.
func (d *decoder) readKeyed(t *cube.Table, vars []*variable, nStub, cells int, symbols map[string]string) error {
	rowLen := 1
	for _, v := range vars[nStub:] {
		rowLen *= len(v.dim.Values)
	}
	rows := cells / rowLen
	for _, v := range vars[:nStub] {
		if v.keys == "" {
			v.keys = "VALUES"
		}
		v.keyIdx = make(map[string]int, len(v.dim.Values))
		for j, val := range v.dim.Values {
			k := v.values[j]
			if v.keys == "CODES" {
				k = val.Code
			}
			if prev, dup := v.keyIdx[k]; dup {
				st := d.get("VALUES", "", v.name)
				return d.errAt(st.line, st.col, st.name(), fmt.Errorf("%w: %q is both value %d and value %d, and KEYS uses VALUES", ErrDuplicateCode, k, prev+1, j+1))
			}
			v.keyIdx[k] = j
		}
	}
	values := make([]float64, cells)
	status := make([]string, cells)
	if d.opts.AbsentKeysMissing {
		for i := range values {
			values[i], status[i] = math.NaN(), cube.StatusMissing
		}
	}
	given := make([]int32, rows) // the line each row was given on
	row, field, rowLine := 0, 0, 0
	for {
		tok, kind, line, col, err := d.nextData()
		if err != nil {
			return err
		}
		if kind == dataEOF || kind == dataEnd {
			if field != 0 {
				msg := fmt.Errorf("%w: the row of line %d has %d of its %d keys and %d cells", ErrDataCount, rowLine, min(field, nStub), nStub, rowLen)
				if kind == dataEOF {
					msg = fmt.Errorf("%w: %w", ErrTruncated, msg)
				}
				return d.errAt(line, col, "DATA", msg)
			}
			if kind == dataEOF {
				// Rows may be left out, so only the semicolon tells a
				// whole file from one cut at the end of a row.
				return d.errAt(line, col, "DATA", fmt.Errorf("%w: KEYS data not ended by ;", ErrTruncated))
			}
			if err := d.afterData(); err != nil {
				return err
			}
			break
		}
		if field < nStub {
			v := vars[field]
			if field == 0 {
				row, rowLine = 0, line
			}
			k, ok := v.keyIdx[string(tok)]
			if !ok {
				txt, _ := d.convert(string(tok))
				k, ok = v.keyIdx[txt]
				if !ok {
					return d.errAt(line, col, "DATA", fmt.Errorf("%w: %q is not one of the %s of %q", ErrUnknownKey, clip([]byte(txt)), v.keys, v.name))
				}
			}
			row = row*len(v.dim.Values) + k
			field++
			if field == nStub {
				if prev := given[row]; prev != 0 {
					return d.errAt(rowLine, 0, "DATA", fmt.Errorf("%w: the same keys as line %d", ErrDuplicateKey, prev))
				}
				given[row] = int32(min(rowLine, math.MaxInt32))
			}
			continue
		}
		v, st, err := d.cell(tok, symbols, line, col)
		if err != nil {
			return err
		}
		i := row*rowLen + field - nStub
		values[i], status[i] = v, st
		field++
		if field == nStub+rowLen {
			field = 0
		}
	}
	t.Values, t.Status = values, status
	return nil
}
