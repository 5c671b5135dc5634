package px

import (
	"errors"
	"io"
)

// bufSize is the read buffer: the only part of the input held at once
// besides the header statements and the table being built.
const bufSize = 64 << 10

// maxToken bounds a single token (a keyword, a string, a number).
const maxToken = 1 << 20

// scanner reads bytes through a fixed buffer and tracks the line and column
// of the next byte.
type scanner struct {
	r        io.Reader
	buf      []byte
	pos, end int
	eof      bool
	err      error // a read error other than io.EOF
	line     int   // of buf[pos], 1-based
	col      int   // of buf[pos], 1-based
	started  bool
	bom      bool // the input began with a UTF-8 byte order mark
}

// newScanner reads r; size is the input's length when known (else 0), so
// that a small input gets a small buffer.
func newScanner(r io.Reader, size int64) *scanner {
	n := bufSize
	if size > 0 && size < bufSize {
		n = int(size) + 1
	}
	return &scanner{r: r, buf: make([]byte, n), line: 1, col: 1}
}

// fill makes sure buf[pos] is a byte of input; false at the end of input.
func (s *scanner) fill() bool {
	if s.pos < s.end {
		return true
	}
	if s.eof {
		return false
	}
	s.pos, s.end = 0, 0
	for empty := 0; s.end == 0 && !s.eof; empty++ {
		n, err := s.r.Read(s.buf)
		s.end = n
		if err != nil {
			if !errors.Is(err, io.EOF) {
				s.err = err
			}
			s.eof = true
		} else if n == 0 && empty > 100 {
			s.err = io.ErrNoProgress
			s.eof = true
		}
	}
	if !s.started && s.end > 0 {
		s.started = true
		// A UTF-8 byte order mark is not part of the text.
		if s.end >= 3 && s.buf[0] == 0xEF && s.buf[1] == 0xBB && s.buf[2] == 0xBF {
			s.pos = 3
			s.bom = true
		}
	}
	return s.pos < s.end
}

// peek returns the next byte without consuming it.
func (s *scanner) peek() (byte, bool) {
	if !s.fill() {
		return 0, false
	}
	return s.buf[s.pos], true
}

// next consumes one byte.
func (s *scanner) next() {
	if s.buf[s.pos] == '\n' {
		s.line++
		s.col = 1
	} else {
		s.col++
	}
	s.pos++
}

// skipSpace consumes spaces, tabs and line ends.
func (s *scanner) skipSpace() {
	for s.fill() {
		switch s.buf[s.pos] {
		case ' ', '\t', '\r', '\n':
			s.next()
		default:
			return
		}
	}
}
