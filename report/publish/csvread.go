package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io"
)

// csvReader reads CSV records as lmi writes them (RFC 4180: comma, fields
// quoted when they hold a comma, a quote or a line break, CRLF or LF) fast:
// a record without quotes is split in place, without copying; a quoted one
// is decoded into a scratch buffer. Fields are valid until the next call.
// It tracks the line each record starts on, for references to rows.
type csvReader struct {
	r       io.Reader
	buf     []byte
	pos     int // start of unread data in buf
	end     int // end of data in buf
	eof     bool
	err     error
	line    int // line of the next record
	fields  [][]byte
	scratch []byte
	spans   []span
	recLine int   // line of the record last returned
	base    int64 // offset in the input of buf[0]
	recOff  int64 // offset of the record last returned
}

const csvBufSize = 1 << 20

// newCSVReaderSize reads r, whose first record is on line firstLine, with
// a buffer of size bytes (it grows for longer records).
func newCSVReaderSize(r io.Reader, firstLine, size int) *csvReader {
	return &csvReader{r: r, buf: make([]byte, size), line: firstLine}
}

// reset reads r from its start, keeping the buffer.
func (c *csvReader) reset(r io.Reader, firstLine int) {
	*c = csvReader{r: r, buf: c.buf, line: firstLine, fields: c.fields[:0], scratch: c.scratch[:0], spans: c.spans[:0]}
}

func newCSVReader(r io.Reader, firstLine int) *csvReader {
	return newCSVReaderSize(r, firstLine, csvBufSize)
}

// errQuote is wrapped by errors about a badly quoted field.
var errQuote = errors.New("bad quoting")

// next returns the next record's fields, or io.EOF after the last.
func (c *csvReader) next() ([][]byte, error) { return c.nextN(-1) }

// nextN is next, but splits a record without quotes only into its first n
// fields (all of them when n < 0), the last of which then holds the rest of
// the line: a pass that needs a record's first columns reads it faster.
func (c *csvReader) nextN(n int) ([][]byte, error) {
	for {
		c.recOff = c.base + int64(c.pos)
		i := bytes.IndexByte(c.buf[c.pos:c.end], '\n')
		if i < 0 && !c.eof {
			c.fill()
			continue
		}
		if i < 0 { // the last record, without a line break
			if c.pos == c.end {
				if c.err != nil {
					return nil, c.err
				}
				return nil, io.EOF
			}
			i = c.end - c.pos
		}
		rec := c.buf[c.pos : c.pos+i]
		if bytes.IndexByte(rec, '"') >= 0 {
			return c.quoted()
		}
		c.pos = min(c.pos+i+1, c.end)
		c.recLine = c.line
		c.line++
		return c.split(trimCR(rec), n), nil
	}
}

// fill reads more data, keeping the unread part; it grows the buffer when
// the unread part fills it (a very long record).
func (c *csvReader) fill() {
	if c.pos > 0 {
		n := copy(c.buf, c.buf[c.pos:c.end])
		c.base += int64(c.pos)
		c.pos, c.end = 0, n
	}
	if c.end == len(c.buf) {
		nb := make([]byte, 2*len(c.buf))
		copy(nb, c.buf[:c.end])
		c.buf = nb
	}
	n, err := io.ReadAtLeast(c.r, c.buf[c.end:], 1)
	c.end += n
	if err != nil {
		c.eof = true
		if err != io.EOF && err != io.ErrUnexpectedEOF {
			c.err = err
		}
	}
}

func trimCR(b []byte) []byte {
	if len(b) > 0 && b[len(b)-1] == '\r' {
		return b[:len(b)-1]
	}
	return b
}

func (c *csvReader) split(rec []byte, n int) [][]byte {
	f := c.fields[:0]
	start := 0
	for i, ch := range rec { // fields are short: a loop beats a call per field
		if ch == ',' {
			if len(f) == n-1 {
				break
			}
			f = append(f, rec[start:i:i])
			start = i + 1
		}
	}
	f = append(f, rec[start:len(rec):len(rec)])
	c.fields = f
	return f
}

// quoted decodes a record with quotes at c.pos, reading more data when a
// quoted field spans lines. Fields refer to the buffer; only a field with
// an escaped quote ("") is copied, into the scratch buffer.
func (c *csvReader) quoted() ([][]byte, error) {
	for {
		used, lines, ok, err := c.decode(c.buf[c.pos:c.end])
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", c.line, err)
		}
		if ok {
			c.pos += used
			c.recLine = c.line
			c.line += lines
			return c.fields, nil
		}
		if c.eof {
			return nil, fmt.Errorf("line %d: %w: a quoted field does not end", c.line, errQuote)
		}
		c.fill()
	}
}

// span is a decoded field: bytes of the buffer, or of the scratch buffer.
type span struct {
	s, e    int
	scratch bool
}

// decode decodes one record at the start of b into c.fields. It reports ok
// false when b ends inside the record and more data may follow.
func (c *csvReader) decode(b []byte) (used, lines int, ok bool, err error) {
	c.scratch = c.scratch[:0]
	c.spans = c.spans[:0]
	i := 0
	for {
		var sp span
		if i < len(b) && b[i] == '"' {
			if sp, i, lines, err = c.quotedField(b, i+1, lines); err != nil || i < 0 {
				return 0, 0, false, err
			}
		} else {
			j := i
			for j < len(b) && b[j] != ',' && b[j] != '\n' && b[j] != '"' {
				j++
			}
			if j < len(b) && b[j] == '"' {
				return 0, 0, false, fmt.Errorf("%w: a quote inside an unquoted field", errQuote)
			}
			sp = span{s: i, e: j}
			if j < len(b) && b[j] == '\n' && j > i && b[j-1] == '\r' {
				sp.e--
			}
			i = j
		}
		c.spans = append(c.spans, sp)
		switch {
		case i >= len(b) && !c.eof:
			return 0, 0, false, nil
		case i >= len(b):
			c.resolve(b)
			return i, lines + 1, true, nil
		case b[i] == ',':
			i++
		case b[i] == '\n':
			c.resolve(b)
			return i + 1, lines + 1, true, nil
		case b[i] == '\r' && i+1 < len(b) && b[i+1] == '\n':
			c.resolve(b)
			return i + 2, lines + 1, true, nil
		case b[i] == '\r' && i+1 >= len(b) && !c.eof:
			return 0, 0, false, nil
		case b[i] == '\r' && i+1 >= len(b):
			c.resolve(b)
			return i + 1, lines + 1, true, nil
		default:
			return 0, 0, false, fmt.Errorf("%w: text after a closing quote", errQuote)
		}
	}
}

// quotedField reads a quoted field whose text starts at b[i]; it returns
// the index after the closing quote, or -1 when b ends first.
func (c *csvReader) quotedField(b []byte, i, lines int) (span, int, int, error) {
	start := i
	escaped := false // "" inside, or a CRLF line break, which reads as LF
	for {
		j := bytes.IndexByte(b[i:], '"')
		if j < 0 {
			return span{}, -1, lines, nil
		}
		if n := bytes.Count(b[i:i+j], []byte{'\n'}); n > 0 {
			lines += n
			escaped = escaped || bytes.Contains(b[i:i+j], []byte("\r\n"))
		}
		i += j
		if i+1 < len(b) && b[i+1] == '"' {
			escaped = true
			i += 2
			continue
		}
		if i+1 >= len(b) && !c.eof {
			return span{}, -1, lines, nil
		}
		if !escaped {
			return span{s: start, e: i}, i + 1, lines, nil
		}
		s := len(c.scratch)
		text := bytes.ReplaceAll(b[start:i], []byte(`""`), []byte(`"`))
		c.scratch = append(c.scratch, bytes.ReplaceAll(text, []byte("\r\n"), []byte("\n"))...)
		return span{s: s, e: len(c.scratch), scratch: true}, i + 1, lines, nil
	}
}

// resolve turns the spans into fields.
func (c *csvReader) resolve(b []byte) {
	f := c.fields[:0]
	for _, sp := range c.spans {
		if sp.scratch {
			f = append(f, c.scratch[sp.s:sp.e:sp.e])
		} else {
			f = append(f, b[sp.s:sp.e:sp.e])
		}
	}
	c.fields = f
}
