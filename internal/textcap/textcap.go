package textcap

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
)

// MaxRunes is how much of a value a message shows.
const MaxRunes = 60

// Quote quotes s for a message as %q does (control characters and
// invalid UTF-8 escaped), cut to MaxRunes with "..." after the quote.
func Quote(s string) string {
	cut, more := head(s)
	q := strconv.Quote(cut)
	if more {
		q += "..."
	}
	return q
}

// Plain shows s for a message without quotes: control characters (line
// breaks, terminal escapes) and invalid UTF-8 escaped as %q would, cut to
// MaxRunes with "...". For names (a file, a zip member) that read better
// bare.
func Plain(s string) string {
	cut, more := head(s)
	var b strings.Builder
	for i, r := range cut {
		switch {
		case r == utf8Error && !validAt(cut, i):
			fmt.Fprintf(&b, `\x%02x`, cut[i])
		case unicode.IsControl(r) || r == '\\':
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteRune(r)
		}
	}
	if more {
		b.WriteString("...")
	}
	return b.String()
}

const utf8Error = '\uFFFD'

// validAt reports whether the rune at s[i] is a real U+FFFD, not an
// invalid byte.
func validAt(s string, i int) bool { return strings.HasPrefix(s[i:], "\uFFFD") }

// head is s cut to MaxRunes runes (an invalid byte counts as one), and
// whether anything was cut.
func head(s string) (string, bool) {
	n := 0
	for i := range s {
		if n == MaxRunes {
			return s[:i], true
		}
		n++
	}
	return s, false
}

// LineTooLongError stops a reader at a line longer than its limit.
type LineTooLongError struct {
	Line  int64 // 1-based
	Limit int   // bytes, the line end included
}

func (e *LineTooLongError) Error() string {
	return fmt.Sprintf("line %d is longer than %d bytes: not a text file of this kind, or a field run wild", e.Line, e.Limit)
}

// LimitLines returns a reader of r's bytes that fails with a
// *LineTooLongError once a line (its '\n' included) exceeds max bytes.
func LimitLines(r io.Reader, max int) io.Reader {
	return &lineLimiter{r: r, max: max, line: 1}
}

type lineLimiter struct {
	r    io.Reader
	max  int
	line int64 // the line being read
	cur  int   // its bytes so far
	err  error
}

func (l *lineLimiter) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(p)
	for i := 0; i < n; {
		j := bytes.IndexByte(p[i:n], '\n')
		end := n
		if j >= 0 {
			end = i + j + 1
		}
		l.cur += end - i
		if l.cur > l.max {
			// Hand on the lines before this one, then fail.
			l.err = &LineTooLongError{Line: l.line, Limit: l.max}
			return i, l.err
		}
		if j >= 0 {
			l.line++
			l.cur = 0
		}
		i = end
	}
	return n, err
}
