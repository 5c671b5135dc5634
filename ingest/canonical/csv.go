package canonical

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// csvSource reads a persons CSV: a header naming the columns (any order;
// optional ones may be absent), UTF-8 with or without BOM, comma or
// semicolon separated.
type csvSource struct {
	file   string
	r      *csv.Reader
	closer io.Closer
	pos    []int // pos[i] = canonical column of field i
}

func newCSVSource(t *Table, in io.Reader, file string, closer io.Closer) (*csvSource, error) {
	header, cr, err := readHeader(in, file)
	if err != nil {
		return nil, err
	}
	s := &csvSource{file: file, r: cr, closer: closer}
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
	cr.FieldsPerRecord = len(header)
	return s, nil
}

func (s *csvSource) next(r *row) (int64, error) {
	rec, err := s.r.Read()
	if err == io.EOF {
		return 0, io.EOF
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return int64(pe.Line), &Reject{File: s.file, Line: int64(pe.Line), Reason: "malformed CSV row: " + pe.Err.Error()}
		}
		return 0, fmt.Errorf("%s: %w", s.file, err)
	}
	line, _ := s.r.FieldPos(0)
	for f, v := range rec {
		r.text[s.pos[f]] = strings.TrimSpace(v)
	}
	return int64(line), nil
}

func (s *csvSource) close() error {
	if s.closer == nil {
		return nil
	}
	return s.closer.Close()
}
