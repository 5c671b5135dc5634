package pxjson

import (
	"errors"
	"io"

	"lmi/ingest/internal/jsonin"
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

func (e *ParseError) Error() string { return jsonin.Message("pxjson", e.File, e.Path, e.Offset, e.Err) }

func (e *ParseError) Unwrap() error { return e.Err }

func pathErr(file, path string, err error) *ParseError {
	return &ParseError{File: file, Offset: -1, Path: path, Err: err}
}

var sentinels = jsonin.Sentinels{Empty: ErrEmpty, HTML: ErrHTML, Truncated: ErrTruncated, Syntax: ErrSyntax, Shape: ErrShape}

func problem(file string, p *jsonin.Problem) *ParseError {
	return &ParseError{File: file, Offset: p.Offset, Path: p.Path, Err: p.Err}
}

// readJSON reads all of r, drops a UTF-8 BOM and checks the body looks like
// JSON at all: not empty, not an HTML page.
func readJSON(r io.Reader, file string) ([]byte, error) {
	data, p := jsonin.Read(r, sentinels)
	if p != nil {
		return nil, problem(file, p)
	}
	return data, nil
}

// jsonError turns an encoding/json error into a *ParseError.
func jsonError(file string, data []byte, err error) error {
	return problem(file, jsonin.FromJSON(data, err, sentinels))
}
