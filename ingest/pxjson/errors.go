package pxjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// Sentinel errors wrapped by *ParseError.
var (
	ErrEmpty     = errors.New("empty input")
	ErrHTML      = errors.New("got an HTML page, not a PX-Web JSON response")
	ErrTruncated = errors.New("truncated JSON (the body ends too early)")
	ErrSyntax    = errors.New("invalid JSON")
	ErrShape     = errors.New("malformed response")
	ErrDuplicate = errors.New("duplicate")
	ErrValue     = errors.New("bad cell value")
	ErrNoData    = errors.New("no data rows")
	ErrTooLarge  = errors.New("table too large")
)

// MaxCells bounds the cells of a decoded table (the product of the number
// of codes of every dimension), so a hostile or broken response cannot make
// the decoder allocate without limit. SCB answers at most 150,000 cells per
// call.
var MaxCells = 20_000_000

// ParseError says where in which response decoding failed.
type ParseError struct {
	File   string // the name given to Decode (a file name or URL)
	Offset int64  // byte offset in the input, or -1 when Path says where
	Path   string // JSON path such as "data[12].values[0]", or ""
	Err    error  // wraps one of the sentinel errors
}

func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString("pxjson: ")
	if e.File != "" {
		b.WriteString(e.File)
		b.WriteString(": ")
	}
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	} else if e.Offset >= 0 {
		fmt.Fprintf(&b, "at byte %d: ", e.Offset)
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *ParseError) Unwrap() error { return e.Err }

func pathErr(file, path string, err error) *ParseError {
	return &ParseError{File: file, Offset: -1, Path: path, Err: err}
}

var bom = []byte{0xEF, 0xBB, 0xBF}

var htmlTitle = regexp.MustCompile(`(?is)<title[^>]*>(.*?)</title>`)

// readJSON reads all of r, drops a UTF-8 BOM and checks the body looks like
// JSON at all: not empty, not an HTML page.
func readJSON(r io.Reader, file string) ([]byte, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, &ParseError{File: file, Offset: int64(len(data)), Err: fmt.Errorf("%w: %v", ErrTruncated, err)}
		}
		return nil, &ParseError{File: file, Offset: int64(len(data)), Err: err}
	}
	data = bytes.TrimPrefix(data, bom)
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	switch {
	case len(trimmed) == 0:
		return nil, &ParseError{File: file, Offset: 0, Err: ErrEmpty}
	case trimmed[0] == '<':
		return nil, &ParseError{File: file, Offset: int64(len(data) - len(trimmed)), Err: htmlError(trimmed)}
	}
	return data, nil
}

func htmlError(page []byte) error {
	if m := htmlTitle.FindSubmatch(page); m != nil {
		title := strings.Join(strings.Fields(string(m[1])), " ")
		if len(title) > 120 {
			title = title[:120] + "..."
		}
		if title != "" {
			return fmt.Errorf("%w (title %q)", ErrHTML, title)
		}
	}
	return ErrHTML
}

// jsonError turns an encoding/json error into a *ParseError.
func jsonError(file string, data []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return &ParseError{File: file, Offset: se.Offset, Err: fmt.Errorf("%w: %v", ErrSyntax, se)}
	case errors.As(err, &te):
		path := te.Field
		if path == "" {
			path = "(top level)"
		}
		return &ParseError{File: file, Offset: te.Offset, Path: path, Err: fmt.Errorf("%w: a JSON %s where %s was expected", ErrShape, te.Value, te.Type)}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &ParseError{File: file, Offset: int64(len(data)), Err: ErrTruncated}
	}
	return &ParseError{File: file, Offset: -1, Err: fmt.Errorf("%w: %v", ErrSyntax, err)}
}
