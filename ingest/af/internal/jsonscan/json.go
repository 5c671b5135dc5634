package jsonscan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"

	"lmi/ingest/af"
	"lmi/ingest/af/internal/input"
)

// Records calls fn for each object of a JSON array: the top-level
// array when key is "", else the array under key in a top-level object
// (other keys are skipped). n is the 1-based record number, line the line
// the record starts on. The array is decoded one record at a time.
func Records(data []byte, file, key string, fn func(n, line int64, m map[string]json.RawMessage) error) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return DecodeError(data, file, 0, err)
	}
	if key != "" {
		if d, ok := tok.(json.Delim); !ok || d != '{' {
			return &af.Error{File: file, Line: 1, Kind: af.ErrSyntax, Msg: fmt.Sprintf("expected a JSON object with %q, found %v", key, tokenName(tok))}
		}
		found := false
		for dec.More() {
			kt, err := dec.Token()
			if err != nil {
				return DecodeError(data, file, 0, err)
			}
			if k, _ := kt.(string); k == key && !found {
				found = true
				if err := jsonArray(dec, data, file, fn); err != nil {
					return err
				}
				continue
			}
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return DecodeError(data, file, 0, err)
			}
		}
		if !found {
			return &af.Error{File: file, Line: 1, Kind: af.ErrSyntax, Msg: fmt.Sprintf("no %q array in the object", key)}
		}
	} else {
		if d, ok := tok.(json.Delim); !ok || d != '[' {
			return &af.Error{File: file, Line: 1, Kind: af.ErrSyntax, Msg: fmt.Sprintf("expected a JSON array of records, found %v", tokenName(tok))}
		}
		if err := jsonRecordsIn(dec, data, file, fn); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return DecodeError(data, file, 0, err)
	}
	if tok, err := dec.Token(); err != io.EOF {
		if err != nil {
			return DecodeError(data, file, 0, err)
		}
		return &af.Error{File: file, Line: input.LineOf(data, dec.InputOffset()), Kind: af.ErrSyntax, Msg: fmt.Sprintf("data after the end: %v", tokenName(tok))}
	}
	return nil
}

// jsonArray reads '[', the records and ']'.
func jsonArray(dec *json.Decoder, data []byte, file string, fn func(n, line int64, m map[string]json.RawMessage) error) error {
	tok, err := dec.Token()
	if err != nil {
		return DecodeError(data, file, 0, err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '[' {
		return &af.Error{File: file, Line: input.LineOf(data, dec.InputOffset()), Kind: af.ErrSyntax, Msg: fmt.Sprintf("expected an array, found %v", tokenName(tok))}
	}
	if err := jsonRecordsIn(dec, data, file, fn); err != nil {
		return err
	}
	_, err = dec.Token() // ']'
	if err != nil {
		return DecodeError(data, file, 0, err)
	}
	return nil
}

func jsonRecordsIn(dec *json.Decoder, data []byte, file string, fn func(n, line int64, m map[string]json.RawMessage) error) error {
	// Lines are counted on from the previous record, not from the start
	// of data for each record (which made a large file quadratic).
	at, line := int64(0), int64(1)
	for n := int64(1); dec.More(); n++ {
		start := skipSep(data, dec.InputOffset())
		var m map[string]json.RawMessage
		if err := dec.Decode(&m); err != nil {
			return DecodeError(data, file, n, err)
		}
		line += int64(bytes.Count(data[at:start], []byte{'\n'}))
		at = start
		if m == nil {
			return &af.Error{File: file, Line: line, Record: n, Kind: af.ErrSyntax, Msg: "record is null, expected an object"}
		}
		if err := fn(n, line, m); err != nil {
			return err
		}
	}
	return nil
}

// Scalar reads a JSON string, number or boolean as text; ok is false
// for null. Objects and arrays are refused.
func Scalar(raw json.RawMessage) (s string, ok bool, msg string) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "", false, ""
	}
	switch raw[0] {
	case 'n':
		return "", false, ""
	case '"':
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", false, "bad string: " + err.Error()
		}
		return s, true, ""
	case '{':
		return "", false, "expected a string or number, found an object"
	case '[':
		return "", false, "expected a string or number, found an array"
	}
	return string(raw), true, ""
}

// ReadScanned reads a whole JSON input for a scanner that checks syntax
// and UTF-8 itself (scanYrkesbarometer, scanTaxonomy), and runs it. A file
// the scanner takes is valid UTF-8 beginning with '[' or '{', so it would
// pass input.ReadText's checks (empty, markup, UTF-8): they run only when the
// scanner gives up (ok false), before the encoding/json fallback, so the
// errors stay input.ReadText's. utf8.Valid was a tenth of reading the
// yrkesbarometer.
func ReadScanned(r io.Reader, file string, scan func([]byte) bool) (data []byte, ok bool, err error) {
	data, err = input.ReadAll(r, file)
	if err != nil {
		return nil, false, err
	}
	data = bytes.TrimPrefix(data, input.BOM)
	if scan(data) {
		return data, true, nil
	}
	if err := input.CheckText(data, file); err != nil {
		return nil, false, err
	}
	return data, false, nil
}

// skipSep returns the offset of the next value after white space and a
// comma, starting at off.
func skipSep(data []byte, off int64) int64 {
	for off < int64(len(data)) {
		switch data[off] {
		case ' ', '\t', '\r', '\n', ',':
			off++
		default:
			return off
		}
	}
	return off
}

// DecodeError positions an encoding/json error.
func DecodeError(data []byte, file string, record int64, err error) error {
	e := &af.Error{File: file, Record: record, Kind: af.ErrSyntax}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		e.Line = input.LineOf(data, se.Offset)
		e.Msg = se.Error()
	case errors.As(err, &te):
		e.Line = input.LineOf(data, te.Offset)
		e.Column = te.Field
		e.Msg = fmt.Sprintf("expected %s, found JSON %s", TypeName(te.Type), te.Value)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		e.Line = input.LineOf(data, int64(len(data)))
		e.Msg = "unexpected end of input: the file is truncated"
	default:
		e.Err = err
	}
	return e
}

func tokenName(t json.Token) string {
	switch v := t.(type) {
	case json.Delim:
		return strconv.Quote(v.String())
	case nil:
		return "null"
	case string:
		return "string " + strconv.Quote(input.Short(v))
	}
	return fmt.Sprint(t)
}

// TypeName names a Go type as the JSON it expects.
func TypeName(t reflect.Type) string {
	if t == nil {
		return "another type"
	}
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.String:
		return "a string"
	}
	return t.Kind().String()
}
