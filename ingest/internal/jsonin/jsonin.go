// Package jsonin holds what lmi's JSON decoders of published tables
// (ingest/jsonstat, ingest/pxjson) share before and around decoding: reading
// a body and telling an empty one or an HTML error page from JSON, turning
// encoding/json's errors into a position and a reason, and the layout of
// their error messages. Each decoder keeps its own ParseError type and
// sentinel errors; the problems found here wrap the sentinels it passes.
package jsonin

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// Sentinels are a decoder's own errors for the problems found here.
type Sentinels struct {
	Empty, HTML, Truncated, Syntax, Shape error
}

// Problem says where reading or decoding went wrong and why.
type Problem struct {
	Offset int64  // byte offset in the input, or -1 when Path says where
	Path   string // JSON path, or ""
	Err    error  // wraps one of the Sentinels
}

var bom = []byte{0xEF, 0xBB, 0xBF}

var htmlTitle = regexp.MustCompile(`(?is)<title[^>]*>(.*?)</title>`)

// Read reads all of r, drops a UTF-8 BOM and checks the body looks like
// JSON at all: not empty, not an HTML page.
func Read(r io.Reader, s Sentinels) ([]byte, *Problem) {
	data, err := io.ReadAll(r)
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, &Problem{Offset: int64(len(data)), Err: fmt.Errorf("%w: %v", s.Truncated, err)}
		}
		return nil, &Problem{Offset: int64(len(data)), Err: err}
	}
	data = bytes.TrimPrefix(data, bom)
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	switch {
	case len(trimmed) == 0:
		return nil, &Problem{Offset: 0, Err: s.Empty}
	case trimmed[0] == '<':
		return nil, &Problem{Offset: int64(len(data) - len(trimmed)), Err: htmlError(trimmed, s.HTML)}
	}
	return data, nil
}

// htmlError names the page by its title, which usually says what the
// server refused.
func htmlError(page []byte, sentinel error) error {
	if m := htmlTitle.FindSubmatch(page); m != nil {
		title := strings.Join(strings.Fields(string(m[1])), " ")
		if len(title) > 120 {
			title = title[:120] + "..."
		}
		if title != "" {
			return fmt.Errorf("%w (title %q)", sentinel, title)
		}
	}
	return sentinel
}

// FromJSON places an encoding/json error of decoding data.
func FromJSON(data []byte, err error, s Sentinels) *Problem {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return &Problem{Offset: se.Offset, Err: fmt.Errorf("%w: %v", s.Syntax, se)}
	case errors.As(err, &te):
		path := te.Field
		if path == "" {
			path = "(top level)"
		}
		return &Problem{Offset: te.Offset, Path: path, Err: fmt.Errorf("%w: a JSON %s where %s was expected", s.Shape, te.Value, te.Type)}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &Problem{Offset: int64(len(data)), Err: s.Truncated}
	}
	return &Problem{Offset: -1, Err: fmt.Errorf("%w: %v", s.Syntax, err)}
}

// Message lays out a decoder's error: "pkg: file: path: reason", or with
// "at byte N" where there is no path.
func Message(pkg, file, path string, offset int64, err error) string {
	var b strings.Builder
	b.WriteString(pkg)
	b.WriteString(": ")
	if file != "" {
		b.WriteString(file)
		b.WriteString(": ")
	}
	if path != "" {
		b.WriteString(path)
		b.WriteString(": ")
	} else if offset >= 0 {
		fmt.Fprintf(&b, "at byte %d: ", offset)
	}
	b.WriteString(err.Error())
	return b.String()
}
