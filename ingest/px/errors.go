package px

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors. A *ParseError wraps one (sometimes two, ErrTruncated
// with the specific one) so that errors.Is finds them.
var (
	ErrNotPX             = errors.New("not a px file")
	ErrHTML              = errors.New("an HTML page, not a px file")
	ErrSyntax            = errors.New("syntax error")
	ErrUnterminated      = errors.New("unterminated string")
	ErrTruncated         = errors.New("file ends too early")
	ErrNoData            = errors.New("no DATA keyword")
	ErrDataBeforeHeader  = errors.New("DATA before STUB and HEADING")
	ErrNoValues          = errors.New("variable without VALUES")
	ErrDuplicateVariable = errors.New("two variables with the same name or code")
	ErrDuplicateKeyword  = errors.New("keyword given twice")
	ErrCodes             = errors.New("CODES do not match VALUES")
	ErrDuplicateCode     = errors.New("duplicate value code")
	ErrTimeval           = errors.New("bad TIMEVAL")
	ErrDataCount         = errors.New("wrong number of data values")
	ErrBadValue          = errors.New("bad data value")
	ErrTrailing          = errors.New("content after the end of DATA")
	ErrEncoding          = errors.New("text not in the declared character set")
	ErrLanguage          = errors.New("language not in the file")
	ErrUnknownKey        = errors.New("KEYS row names an unknown value")
	ErrDuplicateKey      = errors.New("KEYS row given twice")
	ErrTooLarge          = errors.New("table has more cells than allowed")
	ErrRead              = errors.New("read error")
)

// ParseError says where and why a px file could not be decoded. Line and
// Column are 1-based; Column is 0 when the error concerns a whole line or
// statement. Keyword is the statement being read ("VALUES", "DATA"), with
// its variable when it has one.
type ParseError struct {
	File    string
	Line    int
	Column  int
	Keyword string
	Err     error
}

func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString("px: ")
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	b.WriteString(": ")
	if e.Keyword != "" {
		b.WriteString(e.Keyword)
		b.WriteString(": ")
	}
	b.WriteString(e.Err.Error())
	// Quoted bits of a file in another character set stay readable.
	return strings.ToValidUTF8(b.String(), "\uFFFD")
}

func (e *ParseError) Unwrap() error { return e.Err }
