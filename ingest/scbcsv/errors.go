package scbcsv

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors, wrapped by *ParseError so that errors.Is finds them.
var (
	ErrEmpty        = errors.New("no data rows")
	ErrNotCSV       = errors.New("not a CSV table")
	ErrBadHeader    = errors.New("bad header")
	ErrRaggedRow    = errors.New("row has a different number of fields than the header")
	ErrBadQuote     = errors.New("bad quoting")
	ErrBadNumber    = errors.New("bad number")
	ErrDuplicateRow = errors.New("duplicate row")
	ErrEncoding     = errors.New("mixed or unknown character encoding")
	ErrTooLarge     = errors.New("table has more cells than allowed")
	ErrRead         = errors.New("read error")
)

// ParseError says where and why a CSV download could not be decoded. Line
// is the 1-based line the record starts on (0 when the error concerns the
// whole file); Column is the 1-based field number (0 when the error
// concerns a whole line) and ColumnName its header; Value is the offending
// text, if any.
type ParseError struct {
	File       string
	Line       int
	Column     int
	ColumnName string
	Value      string
	Err        error
}

func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString("scbcsv: ")
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	b.WriteString(": ")
	if e.Column > 0 {
		fmt.Fprintf(&b, "column %d", e.Column)
		if e.ColumnName != "" {
			fmt.Fprintf(&b, " (%q)", e.ColumnName)
		}
		b.WriteString(": ")
	}
	if e.Value != "" {
		fmt.Fprintf(&b, "value %q: ", e.Value)
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *ParseError) Unwrap() error { return e.Err }
