package af

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// The kinds of error a reader returns. Every error from this package is an
// *Error whose Kind is one of these, so callers can test with errors.Is and
// read the position with errors.As.
var (
	// ErrNotData: the input is not a data file at all (empty, an HTML or
	// XML error page, a file of the wrong kind).
	ErrNotData = errors.New("not a data file")
	// ErrEncoding: the text is not valid UTF-8 (often Windows-1252).
	ErrEncoding = errors.New("invalid encoding")
	// ErrSyntax: malformed JSON, CSV, zip or xlsx.
	ErrSyntax = errors.New("malformed input")
	// ErrHeader: a header row or a field set that is not the expected one
	// (missing or unknown columns, wrong separator).
	ErrHeader = errors.New("unexpected header")
	// ErrValue: a value that cannot be read (not a number, unknown label,
	// out of range).
	ErrValue = errors.New("invalid value")
	// ErrUnknownCode: a region or SSYK code missing from lmi/codes.
	ErrUnknownCode = errors.New("unknown code")
	// ErrDuplicate: the same cell (occupation x region, period x region x
	// SSYK, ...) published twice.
	ErrDuplicate = errors.New("duplicate")
	// ErrNegative: a negative count.
	ErrNegative = errors.New("negative count")
	// ErrTotal: a published total differs from the sum of its detail cells.
	ErrTotal = errors.New("total does not match detail")
	// ErrTooLong: a JSON line longer than the reader's limit.
	ErrTooLong = errors.New("line too long")
	// ErrIO: reading the input failed.
	ErrIO = errors.New("read error")
)

// Error is a positioned error: the file, where in it, and what was wrong.
// Fields that do not apply are zero.
type Error struct {
	File   string
	Line   int64  // 1-based text line (CSV, JSON) or sheet row (xlsx)
	Record int64  // 1-based record number (JSON array element, JSON line, CSV data row)
	Sheet  string // xlsx sheet
	Cell   string // xlsx cell, "C12"
	Column string // column or field name
	Value  string // the offending value, shortened
	Kind   error  // one of the Err* values
	Msg    string // what was found and what was expected
	Err    error  // an underlying error, if any
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	switch {
	case e.Sheet != "" || e.Cell != "":
		if e.Sheet != "" {
			fmt.Fprintf(&b, ": sheet %q", e.Sheet)
		}
		if e.Cell != "" {
			fmt.Fprintf(&b, " cell %s", e.Cell)
		} else if e.Line > 0 {
			fmt.Fprintf(&b, " row %d", e.Line)
		}
	case e.Line > 0:
		b.WriteString(":" + strconv.FormatInt(e.Line, 10))
	}
	if e.Record > 0 {
		fmt.Fprintf(&b, ": record %d", e.Record)
	}
	if e.Column != "" {
		fmt.Fprintf(&b, ": %s", e.Column)
	}
	if e.Value != "" || e.Column != "" {
		fmt.Fprintf(&b, ": value %q", e.Value)
	}
	b.WriteString(": ")
	if e.Kind != nil {
		b.WriteString(e.Kind.Error())
	}
	if e.Msg != "" {
		b.WriteString(": " + e.Msg)
	}
	if e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the kind and the underlying error.
func (e *Error) Unwrap() []error {
	errs := []error{e.Kind}
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	return errs
}
