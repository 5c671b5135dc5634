package pxjson

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// Metadata is what a GET on a v1 table URL returns: the table's title and
// every variable with all its value codes and texts.
type Metadata struct {
	Title     string     `json:"title"`
	Variables []Variable `json:"variables"`
}

// Variable is one variable of a v1 table.
type Variable struct {
	Code        string   `json:"code"`
	Text        string   `json:"text"`
	Values      []string `json:"values"`
	ValueTexts  []string `json:"valueTexts"`
	Elimination bool     `json:"elimination,omitempty"`
	Time        bool     `json:"time,omitempty"`
	Map         string   `json:"map,omitempty"` // the geographic map of a region variable
}

// Variable finds a variable by code.
func (m *Metadata) Variable(code string) (*Variable, bool) {
	if m == nil {
		return nil, false
	}
	for i := range m.Variables {
		if m.Variables[i].Code == code {
			return &m.Variables[i], true
		}
	}
	return nil, false
}

// contentsVariable is the variable whose values are the content columns:
// ContentsCode if there is one, else the variable listing every content
// code.
func (m *Metadata) contentsVariable(contents []Column) (*Variable, bool) {
	if v, ok := m.Variable(MetricCode); ok {
		return v, true
	}
	for i := range m.Variables {
		v := &m.Variables[i]
		have := make(map[string]bool, len(v.Values))
		for _, c := range v.Values {
			have[c] = true
		}
		all := true
		for _, c := range contents {
			all = all && have[c.Code]
		}
		if all {
			return v, true
		}
	}
	return nil, false
}

// DecodeMetadata reads the metadata of a v1 table. A variable without value
// texts gets its codes as texts; values and texts of different lengths,
// duplicate variable codes and duplicate value codes are errors.
func DecodeMetadata(r io.Reader, name string) (*Metadata, error) {
	data, err := readJSON(r, name)
	if err != nil {
		return nil, err
	}
	var m Metadata
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&m); err != nil {
		return nil, jsonError(name, data, err)
	}
	if off := dec.InputOffset(); len(bytes.TrimSpace(data[off:])) != 0 {
		return nil, &ParseError{File: name, Offset: off, Err: fmt.Errorf("%w: more data after the metadata object", ErrSyntax)}
	}
	if len(m.Variables) == 0 {
		return nil, pathErr(name, "variables", fmt.Errorf("%w: no variables (is this a table URL?)", ErrShape))
	}
	seen := map[string]bool{}
	for i := range m.Variables {
		v := &m.Variables[i]
		path := fmt.Sprintf("variables[%d]", i)
		if v.Code == "" {
			return nil, pathErr(name, path, fmt.Errorf("%w: variable without a code", ErrShape))
		}
		if seen[v.Code] {
			return nil, pathErr(name, path, fmt.Errorf("%w variable %q", ErrDuplicate, v.Code))
		}
		seen[v.Code] = true
		if len(v.ValueTexts) == 0 {
			v.ValueTexts = append([]string(nil), v.Values...)
		}
		if len(v.ValueTexts) != len(v.Values) {
			return nil, pathErr(name, path, fmt.Errorf("%w: %d values but %d value texts", ErrShape, len(v.Values), len(v.ValueTexts)))
		}
		codes := make(map[string]bool, len(v.Values))
		for _, c := range v.Values {
			if codes[c] {
				return nil, pathErr(name, path+".values", fmt.Errorf("%w value %q", ErrDuplicate, c))
			}
			codes[c] = true
		}
	}
	return &m, nil
}
