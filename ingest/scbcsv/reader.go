package scbcsv

import (
	"bytes"
	"errors"
	"io"
)

const (
	bufSize   = 64 << 10 // the read buffer
	maxRecord = 1 << 20  // the longest record (one line, or several with quoted line ends)
)

// recordReader cuts the input into records: lines, except that a line end
// inside double quotes belongs to the record. It holds one buffer of at
// most maxRecord bytes.
type recordReader struct {
	r        io.Reader
	buf      []byte
	pos, end int
	eof      bool
	err      error // a read error other than io.EOF
	line     int   // the line of buf[pos]
	consumed int64 // bytes of input consumed
}

func newRecordReader(r io.Reader) *recordReader {
	return &recordReader{r: r, buf: make([]byte, bufSize), line: 1}
}

// more reads input after the unconsumed bytes, moving them to the front
// and growing the buffer up to maxRecord when it is full. It returns false
// when nothing more could be read.
func (rd *recordReader) more() bool {
	if rd.eof {
		return false
	}
	if rd.pos > 0 {
		n := copy(rd.buf, rd.buf[rd.pos:rd.end])
		rd.pos, rd.end = 0, n
	}
	if rd.end == len(rd.buf) {
		if len(rd.buf) >= maxRecord {
			return false
		}
		nb := make([]byte, min(2*len(rd.buf), maxRecord))
		copy(nb, rd.buf[:rd.end])
		rd.buf = nb
	}
	for empty := 0; ; empty++ {
		n, err := rd.r.Read(rd.buf[rd.end:])
		rd.end += n
		if err != nil {
			if !errors.Is(err, io.EOF) {
				rd.err = err
			}
			rd.eof = true
			return n > 0
		}
		if n > 0 {
			return true
		}
		if empty > 100 {
			rd.err = io.ErrNoProgress
			rd.eof = true
			return false
		}
	}
}

// peekStart returns up to n bytes of the input without consuming them.
func (rd *recordReader) peekStart(n int) []byte {
	for rd.end-rd.pos < n && rd.more() {
	}
	b := rd.buf[rd.pos:rd.end]
	if len(b) > n {
		b = b[:n]
	}
	return b
}

// skip consumes n bytes at the start (a byte order mark).
func (rd *recordReader) skip(n int) {
	rd.pos += n
	rd.consumed += int64(n)
}

var errRecordTooLong = errors.New("a record longer than 1 MiB (an unclosed quote?)")
var errUnclosedQuote = errors.New("the input ends inside a quoted field")

// next returns the next record without its line end, and the line it
// starts on. The bytes are valid until the next call. ok is false at the
// end of input.
func (rd *recordReader) next() (rec []byte, line int, ok bool, err error) {
	inQuote := false
	scan := rd.pos // bytes before scan have been checked for quotes
	nl := 0        // line ends inside the record
	for {
		i := bytes.IndexByte(rd.buf[scan:rd.end], '\n')
		if i >= 0 {
			seg := rd.buf[scan : scan+i]
			if bytes.Count(seg, quote)%2 == 1 {
				inQuote = !inQuote
			}
			if !inQuote {
				rec = rd.buf[rd.pos : scan+i]
				line = rd.line
				rd.line += nl + 1
				rd.consumed += int64(scan + i + 1 - rd.pos)
				rd.pos = scan + i + 1
				if n := len(rec); n > 0 && rec[n-1] == '\r' {
					rec = rec[:n-1]
				}
				return rec, line, true, nil
			}
			nl++
			scan += i + 1
			continue
		}
		if bytes.Count(rd.buf[scan:rd.end], quote)%2 == 1 {
			inQuote = !inQuote
		}
		off := rd.end - rd.pos // all of it checked
		if !rd.more() {
			if rd.err != nil {
				return nil, rd.line, false, rd.err
			}
			if !rd.eof {
				return nil, rd.line, false, errRecordTooLong
			}
			if rd.pos == rd.end {
				return nil, rd.line, false, nil
			}
			if inQuote {
				return nil, rd.line, false, errUnclosedQuote
			}
			// The last record has no line end.
			rec = rd.buf[rd.pos:rd.end]
			line = rd.line
			rd.line += nl
			rd.consumed += int64(rd.end - rd.pos)
			rd.pos = rd.end
			if n := len(rec); n > 0 && rec[n-1] == '\r' {
				rec = rec[:n-1]
			}
			return rec, line, true, nil
		}
		// more moved the unconsumed bytes to the front.
		scan = rd.pos + off
	}
}

var quote = []byte{'"'}
