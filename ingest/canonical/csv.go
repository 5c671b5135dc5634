package canonical

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// csvSource reads a persons CSV: a header naming the columns (any order;
// optional ones may be absent), UTF-8 with or without BOM, comma or
// semicolon separated.
//
// Lines without a quote character are split here, on the separator alone,
// which is all encoding/csv would do with them; any other line (a quote,
// no final newline, longer than the buffer) goes to encoding/csv, which
// reads from the same buffered input one line at a time (lineFeeder), so
// both keep their place and line numbers agree with encoding/csv's.
type csvSource struct {
	file   string
	in     *csvInput
	closer io.Closer
	pos    []int // pos[i] = canonical column of field i
	// block holds complete, quote-free lines taken out of the input
	// buffer and not yet split: one string conversion for many rows,
	// which the rows' texts point into.
	block string
	fast  int64 // lines split from blocks so far
	// count counts the bytes read from a file, for progress; nil for a
	// reader of unknown size.
	count *countReader
}

func (s *csvSource) progress() (int64, int64) {
	if s.count == nil {
		return 0, 0
	}
	return s.count.n, s.count.total
}

// countReader counts the bytes read through it.
type countReader struct {
	r        io.Reader
	n, total int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func newCSVSource(t *Table, in io.Reader, file string, closer io.Closer, bufSize int) (*csvSource, error) {
	header, ci, err := readHeader(in, file, bufSize)
	if err != nil {
		return nil, err
	}
	s := &csvSource{file: file, in: ci, closer: closer}
	seen := make(map[int]bool)
	for _, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		i, ok := t.fileColumn(name)
		if !ok {
			return nil, &HeaderError{File: file, Column: h, Reason: "unknown column for table " + t.Name + ", expected one of " + t.columnList()}
		}
		if seen[i] {
			return nil, &HeaderError{File: file, Column: h, Reason: "duplicate column"}
		}
		seen[i] = true
		s.pos = append(s.pos, i)
	}
	for i, c := range t.columns {
		if c.required && !seen[i] {
			return nil, &HeaderError{File: file, Column: c.name, Reason: "required column missing"}
		}
	}
	ci.cr.FieldsPerRecord = len(header)
	return s, nil
}

func (s *csvSource) next(r *row) (int64, error) {
	for {
		if s.block == "" && !s.take() {
			return s.parse(r)
		}
		i := strings.IndexByte(s.block, '\n') // a block ends with one
		line := s.block[:i]
		s.block = s.block[i+1:]
		s.fast++
		// As encoding/csv: \r\n ends a line too, and empty lines are skipped.
		if n := len(line); n > 0 && line[n-1] == '\r' {
			line = line[:n-1]
		}
		if line == "" {
			continue
		}
		no := s.fast + s.in.feed.lines
		if !s.split(line, r) {
			return no, &Reject{File: s.file, Line: no, Reason: "malformed CSV row: " + csv.ErrFieldCount.Error()}
		}
		return no, nil
	}
}

// split fills r from a quote-free line; false when the number of fields
// is not the header's.
func (s *csvSource) split(line string, r *row) bool {
	for f := 0; f < len(s.pos); f++ {
		i := strings.IndexByte(line, s.in.comma)
		if i < 0 {
			r.text[s.pos[f]] = trimSpace(line)
			return f == len(s.pos)-1
		}
		r.text[s.pos[f]] = trimSpace(line[:i])
		line = line[i+1:]
	}
	return false // a separator after the last field
}

// trimSpace is strings.TrimSpace, skipped for the common field that
// starts and ends with a printable ASCII byte (no space, ASCII or Unicode,
// can start or end there).
func trimSpace(v string) string {
	if n := len(v); n == 0 || v[0] > ' ' && v[0] < utf8.RuneSelf && v[n-1] > ' ' && v[n-1] < utf8.RuneSelf {
		return v
	}
	return strings.TrimSpace(v)
}

// take moves the complete lines at the front of the input buffer, up to
// the first one holding a quote, into s.block. It reports false when the
// next line must go to encoding/csv.
func (s *csvSource) take() bool {
	br := s.in.br
	buf, _ := br.Peek(br.Buffered())
	if bytes.IndexByte(buf, '\n') < 0 {
		var err error
		buf, err = br.Peek(br.Size())
		if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
			// Peek has cleared the reader's error: keep it for
			// encoding/csv, which reports it after the last line.
			s.in.feed.err = err
		}
	}
	end := bytes.LastIndexByte(buf, '\n') + 1
	if q := bytes.IndexByte(buf[:end], '"'); q >= 0 {
		end = bytes.LastIndexByte(buf[:q], '\n') + 1
	}
	if end == 0 {
		return false
	}
	s.block = string(buf[:end])
	br.Discard(end)
	return true
}

// parse reads one record with encoding/csv.
func (s *csvSource) parse(r *row) (int64, error) {
	rec, err := s.in.cr.Read()
	if err == io.EOF {
		return 0, io.EOF
	}
	// encoding/csv numbers only the lines it has read; the lines split
	// from blocks all came before.
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			line := int64(pe.Line) + s.fast
			return line, &Reject{File: s.file, Line: line, Reason: "malformed CSV row: " + pe.Err.Error()}
		}
		return 0, fmt.Errorf("%s: %w", s.file, err)
	}
	line, _ := s.in.cr.FieldPos(0)
	for f, v := range rec {
		r.text[s.pos[f]] = strings.TrimSpace(v)
	}
	return int64(line) + s.fast, nil
}

func (s *csvSource) close() error {
	if s.closer == nil {
		return nil
	}
	return s.closer.Close()
}

// csvInput is a CSV input after its header.
type csvInput struct {
	br    *bufio.Reader
	feed  *lineFeeder
	cr    *csv.Reader // reads through feed
	comma byte
}

// lineFeeder hands encoding/csv its input at most one line per Read. The
// csv.Reader's own buffer then never holds more than the record it is
// reading, so after each record the shared input is exactly at the next
// line. It counts the lines it hands over: encoding/csv's line numbers.
type lineFeeder struct {
	br    *bufio.Reader
	lines int64
	err   error // a read error the fast path met, handed on once the buffer is drained
}

func (f *lineFeeder) Read(p []byte) (int, error) {
	if f.br.Buffered() == 0 {
		if f.err != nil {
			return 0, f.err
		}
		if _, err := f.br.Peek(1); err != nil {
			return 0, err
		}
	}
	buf, _ := f.br.Peek(min(f.br.Buffered(), len(p)))
	if i := bytes.IndexByte(buf, '\n'); i >= 0 {
		buf = buf[:i+1]
		f.lines++
	}
	n := copy(p, buf)
	f.br.Discard(n)
	return n, nil
}
