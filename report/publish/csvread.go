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
	recLine int   // line of the record last returned
	base    int64 // offset in the input of buf[0]
	recOff  int64 // offset of the record last returned
}

const csvBufSize = 1 << 20

// newCSVReader reads r, whose first record is on line firstLine, with a
// buffer of size bytes (it grows for longer records).
func newCSVReaderSize(r io.Reader, firstLine, size int) *csvReader {
	return &csvReader{r: r, buf: make([]byte, size), line: firstLine}
}

func newCSVReader(r io.Reader, firstLine int) *csvReader {
	return newCSVReaderSize(r, firstLine, csvBufSize)
}

// errQuote is wrapped by errors about a badly quoted field.
var errQuote = errors.New("bad quoting")

// next returns the next record's fields, or io.EOF after the last.
func (c *csvReader) next() ([][]byte, error) {
	for {
		c.recOff = c.base + int64(c.pos)
		if i := bytes.IndexByte(c.buf[c.pos:c.end], '\n'); i >= 0 {
			rec := c.buf[c.pos : c.pos+i]
			if bytes.IndexByte(rec, '"') < 0 {
				c.pos += i + 1
				c.recLine = c.line
				c.line++
				return c.split(trimCR(rec)), nil
			}
			return c.quoted()
		}
		if c.eof {
			if c.pos < c.end { // a last record without a line break
				if bytes.IndexByte(c.buf[c.pos:c.end], '"') >= 0 {
					return c.quoted()
				}
				rec := c.buf[c.pos:c.end]
				c.pos = c.end
				c.recLine = c.line
				c.line++
				return c.split(trimCR(rec)), nil
			}
			if c.err != nil {
				return nil, c.err
			}
			return nil, io.EOF
		}
		c.fill()
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

func (c *csvReader) split(rec []byte) [][]byte {
	f := c.fields[:0]
	start := 0
	for i, ch := range rec { // fields are short: a loop beats a call per field
		if ch == ',' {
			f = append(f, rec[start:i:i])
			start = i + 1
		}
	}
	f = append(f, rec[start:len(rec):len(rec)])
	c.fields = f
	return f
}

// quoted decodes a record with quotes at c.pos, reading more data when a
// quoted field spans lines.
func (c *csvReader) quoted() ([][]byte, error) {
	for {
		fields, used, lines, ok, err := decodeQuoted(c.buf[c.pos:c.end], c.eof, c.scratch[:0])
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", c.line, err)
		}
		if ok {
			c.scratch = fields.data
			c.pos += used
			c.recLine = c.line
			c.line += lines
			f := c.fields[:0]
			for _, sp := range fields.spans {
				f = append(f, c.scratch[sp[0]:sp[1]])
			}
			c.fields = f
			return f, nil
		}
		if c.eof {
			return nil, fmt.Errorf("line %d: %w: a quoted field does not end", c.line, errQuote)
		}
		c.fill()
	}
}

type decoded struct {
	data  []byte
	spans [][2]int
}

// decodeQuoted decodes one record from b into out. It reports ok false
// when b ends inside the record and more data may follow (not at eof).
func decodeQuoted(b []byte, eof bool, out []byte) (d decoded, used, lines int, ok bool, err error) {
	d.data = out
	i := 0
	for {
		start := len(d.data)
		if i < len(b) && b[i] == '"' {
			i++
			for {
				if i >= len(b) {
					return d, 0, 0, false, nil
				}
				ch := b[i]
				if ch == '"' {
					if i+1 < len(b) && b[i+1] == '"' {
						d.data = append(d.data, '"')
						i += 2
						continue
					}
					if i+1 >= len(b) && !eof {
						return d, 0, 0, false, nil
					}
					i++
					break
				}
				if ch == '\n' {
					lines++
				}
				d.data = append(d.data, ch)
				i++
			}
			if i < len(b) && b[i] != ',' && b[i] != '\n' && b[i] != '\r' {
				return d, 0, 0, false, fmt.Errorf("%w: text after a closing quote", errQuote)
			}
		} else {
			for i < len(b) && b[i] != ',' && b[i] != '\n' {
				if b[i] == '"' {
					return d, 0, 0, false, fmt.Errorf("%w: a quote inside an unquoted field", errQuote)
				}
				d.data = append(d.data, b[i])
				i++
			}
			if i < len(b) && b[i] == '\n' && len(d.data) > start && d.data[len(d.data)-1] == '\r' {
				d.data = d.data[:len(d.data)-1]
			}
		}
		if i < len(b) && b[i] == '\r' { // after a quoted field
			switch {
			case i+1 < len(b) && b[i+1] == '\n':
				i++
			case i+1 < len(b):
				return d, 0, 0, false, fmt.Errorf("%w: a carriage return after a closing quote", errQuote)
			case !eof:
				return d, 0, 0, false, nil
			default:
				i++ // the last record ends in a carriage return
			}
		}
		d.spans = append(d.spans, [2]int{start, len(d.data)})
		switch {
		case i >= len(b):
			if !eof {
				return d, 0, 0, false, nil
			}
			return d, i, lines + 1, true, nil
		case b[i] == ',':
			i++
		case b[i] == '\n':
			return d, i + 1, lines + 1, true, nil
		}
	}
}
