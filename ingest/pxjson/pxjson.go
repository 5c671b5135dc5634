package pxjson

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"lmi/ingest/cube"
	"lmi/ingest/internal/pxtext"
)

// Column is one column of a response: a variable ("d"), the time variable
// ("t") or a content ("c").
type Column struct {
	Code    string `json:"code"`
	Text    string `json:"text"`
	Type    string `json:"type"`
	Comment string `json:"comment,omitempty"`
	Unit    string `json:"unit,omitempty"`
}

// Row is one line of data: the codes of the d and t columns, in column
// order, and one value per c column.
type Row struct {
	Key    []string          `json:"key"`
	Values []json.RawMessage `json:"values"`
}

// Info is the table-level metadata of a response.
type Info struct {
	Label    string `json:"label"`
	Source   string `json:"source"`
	Updated  string `json:"updated"`
	Infofile string `json:"infofile"`
}

// Response is a v1 "json" response as sent.
type Response struct {
	Columns  []Column          `json:"columns"`
	Comments []json.RawMessage `json:"comments"`
	Data     []Row             `json:"data"`
	Metadata []Info            `json:"metadata"`
}

// MetricCode is the code given to the dimension made of the content
// columns when the metadata does not name it.
const MetricCode = "ContentsCode"

// Decode reads a v1 "json" response and returns it as a table. name is used
// as the table ID and in errors (a table id such as "YREG60", or a file
// name). meta, from a GET on the table's URL, supplies the value labels and
// the canonical order of each variable's values; without it a value's label
// is its code and values keep the order they first appear in.
//
// Only the codes that occur in the data become dimension values; a
// combination of them that no row mentions is missing (status ".."). Two
// rows with the same key are an error.
func Decode(r io.Reader, name string, meta *Metadata) (*cube.Table, error) {
	data, err := readJSON(r, name)
	if err != nil {
		return nil, err
	}
	var resp Response
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&resp); err != nil {
		return nil, jsonError(name, data, err)
	}
	if off := dec.InputOffset(); len(bytes.TrimSpace(data[off:])) != 0 {
		return nil, &ParseError{File: name, Offset: off, Err: fmt.Errorf("%w: more data after the response object", ErrSyntax)}
	}
	return resp.table(name, meta)
}

// dimBuilder collects the codes of one d or t column as rows are read.
type dimBuilder struct {
	col   Column
	codes []string
	index map[string]int
}

// table turns the response into a cube table: its d and t columns and
// the content columns are the dimensions, each row's values its cells.
func (resp *Response) table(name string, meta *Metadata) (*cube.Table, error) {
	dims, contents, err := resp.columns(name)
	if err != nil {
		return nil, err
	}
	if len(resp.Data) == 0 {
		return nil, pathErr(name, "data", ErrNoData)
	}
	if err := resp.collectCodes(name, dims, len(contents)); err != nil {
		return nil, err
	}
	// The dimensions, in metadata order where there is metadata.
	cdims := make([]cube.Dimension, 0, len(dims)+1)
	remap := make([][]int, len(dims)) // appearance position -> final position
	cells := 1
	for j, d := range dims {
		dim, order := d.dimension(meta)
		remap[j] = make([]int, len(d.codes))
		for k, code := range order {
			remap[j][d.index[code]] = k
		}
		cdims = append(cdims, dim)
		if cells, err = mulCells(cells, len(order)); err != nil {
			return nil, pathErr(name, "data", err)
		}
	}
	metric := metricDimension(contents, meta)
	for _, d := range dims {
		if d.col.Code == metric.Code {
			return nil, pathErr(name, "columns", fmt.Errorf("%w: a variable is coded %q like the content dimension", ErrDuplicate, metric.Code))
		}
	}
	cdims = append(cdims, metric)
	if _, err := mulCells(cells, len(contents)); err != nil {
		return nil, pathErr(name, "data", err)
	}
	t := cube.New(cdims)
	t.ID = name
	if err := resp.fill(t, name, dims, remap); err != nil {
		return nil, err
	}
	resp.notes(t, meta)
	if err := t.Validate(); err != nil {
		return nil, pathErr(name, "", fmt.Errorf("%w: %v", ErrShape, err))
	}
	return t, nil
}

// columns sorts the response's columns into the dimensions (d and t)
// and the contents (c).
func (resp *Response) columns(name string) ([]*dimBuilder, []Column, error) {
	if len(resp.Columns) == 0 {
		return nil, nil, pathErr(name, "columns", fmt.Errorf("%w: no columns", ErrShape))
	}
	var dims []*dimBuilder
	var contents []Column
	seen := map[string]bool{}
	for i, c := range resp.Columns {
		path := fmt.Sprintf("columns[%d]", i)
		if c.Code == "" {
			return nil, nil, pathErr(name, path, fmt.Errorf("%w: column without a code", ErrShape))
		}
		if seen[c.Code] {
			return nil, nil, pathErr(name, path, fmt.Errorf("%w column code %q", ErrDuplicate, c.Code))
		}
		seen[c.Code] = true
		switch strings.ToLower(c.Type) {
		case "d", "t":
			dims = append(dims, &dimBuilder{col: c, index: map[string]int{}})
		case "c":
			contents = append(contents, c)
		default:
			return nil, nil, pathErr(name, path+".type", fmt.Errorf("%w: column type %q, want d, t or c", ErrShape, c.Type))
		}
	}
	if len(contents) == 0 {
		return nil, nil, pathErr(name, "columns", fmt.Errorf("%w: no content (type c) column", ErrShape))
	}
	return dims, contents, nil
}

// collectCodes is the first pass over the rows: the codes of every
// dimension, in order of appearance; a row of the wrong width or a key
// seen before is an error.
func (resp *Response) collectCodes(name string, dims []*dimBuilder, contents int) error {
	keys := make(map[string]int, len(resp.Data))
	var kb strings.Builder
	for i, row := range resp.Data {
		if len(row.Key) != len(dims) {
			return pathErr(name, fmt.Sprintf("data[%d].key", i), fmt.Errorf("%w: %d codes for %d variables", ErrShape, len(row.Key), len(dims)))
		}
		if len(row.Values) != contents {
			return pathErr(name, fmt.Sprintf("data[%d].values", i), fmt.Errorf("%w: %d values for %d content columns", ErrShape, len(row.Values), contents))
		}
		kb.Reset()
		for j, code := range row.Key {
			d := dims[j]
			if _, ok := d.index[code]; !ok {
				d.index[code] = len(d.codes)
				d.codes = append(d.codes, code)
			}
			kb.WriteString(code)
			kb.WriteByte(0)
		}
		if prev, dup := keys[kb.String()]; dup {
			return pathErr(name, fmt.Sprintf("data[%d].key", i), fmt.Errorf("%w key %q (also data[%d])", ErrDuplicate, row.Key, prev))
		}
		keys[kb.String()] = i
	}
	return nil
}

// dimension makes the cube dimension of d, its role and labels from the
// metadata when it has the variable, and returns its codes in their
// final order.
func (d *dimBuilder) dimension(meta *Metadata) (cube.Dimension, []string) {
	dim := cube.Dimension{Code: d.col.Code, Label: d.col.Text}
	if strings.EqualFold(d.col.Type, "t") {
		dim.Role = cube.RoleTime
	} else if d.col.Code == "Region" {
		dim.Role = cube.RoleGeo
	}
	var mv *Variable
	if meta != nil {
		mv, _ = meta.Variable(d.col.Code)
	}
	order := d.codes
	labels := map[string]string{}
	if mv != nil {
		if dim.Label == "" {
			dim.Label = mv.Text
		}
		if mv.Time {
			dim.Role = cube.RoleTime
		} else if mv.Map != "" && dim.Role == cube.RoleNone {
			dim.Role = cube.RoleGeo
		}
		order = d.metaOrder(mv, labels)
	}
	if dim.Label == "" {
		dim.Label = dim.Code
	}
	dim.Values = make([]cube.Value, len(order))
	for k, code := range order {
		label, ok := labels[code]
		if !ok || label == "" {
			label = code
		}
		dim.Values[k] = cube.Value{Code: code, Label: label}
	}
	return dim, order
}

// metaOrder returns d's codes in the order of the metadata's variable mv,
// the codes it lacks after them in order of appearance, and puts the
// labels it gives in labels.
func (d *dimBuilder) metaOrder(mv *Variable, labels map[string]string) []string {
	order := make([]string, 0, len(d.codes))
	for k, code := range mv.Values {
		if _, ok := d.index[code]; ok {
			order = append(order, code)
			if k < len(mv.ValueTexts) {
				labels[code] = mv.ValueTexts[k]
			}
		}
	}
	if len(order) < len(d.codes) {
		inMeta := make(map[string]bool, len(order))
		for _, c := range order {
			inMeta[c] = true
		}
		for _, c := range d.codes {
			if !inMeta[c] {
				order = append(order, c)
				inMeta[c] = true
			}
		}
	}
	return order
}

// metricDimension makes the dimension of the content columns, named as
// the metadata names it.
func metricDimension(contents []Column, meta *Metadata) cube.Dimension {
	metric := cube.Dimension{Code: MetricCode, Role: cube.RoleMetric}
	if meta != nil {
		if mv, ok := meta.contentsVariable(contents); ok {
			metric.Code, metric.Label = mv.Code, mv.Text
		}
	}
	if metric.Label == "" {
		metric.Label = metric.Code
	}
	for _, c := range contents {
		label := c.Text
		if label == "" {
			label = c.Code
		}
		metric.Values = append(metric.Values, cube.Value{Code: c.Code, Label: label})
	}
	return metric
}

// fill sets the cells of t from the rows.
func (resp *Response) fill(t *cube.Table, name string, dims []*dimBuilder, remap [][]int) error {
	idx := make([]int, len(dims)+1)
	for i, row := range resp.Data {
		for j, code := range row.Key {
			idx[j] = remap[j][dims[j].index[code]]
		}
		for k, raw := range row.Values {
			idx[len(dims)] = k
			v, status, err := parseCell(raw)
			if err != nil {
				return pathErr(name, fmt.Sprintf("data[%d].values[%d]", i, k), err)
			}
			off := t.Offset(idx)
			if status != "" {
				t.SetStatus(off, status)
			} else {
				t.Set(off, v)
			}
		}
	}
	return nil
}

// notes gives t the response's title, source, update time and comments.
func (resp *Response) notes(t *cube.Table, meta *Metadata) {
	if len(resp.Metadata) > 0 {
		m := resp.Metadata[0]
		t.Title, t.Source, t.Updated = m.Label, m.Source, m.Updated
		if m.Infofile != "" {
			t.Notes = append(t.Notes, "infofile: "+m.Infofile)
		}
	}
	if t.Title == "" && meta != nil {
		t.Title = meta.Title
	}
	for _, c := range resp.Columns {
		if s := strings.TrimSpace(c.Comment); s != "" {
			t.Notes = append(t.Notes, c.Code+": "+s)
		}
	}
	for _, raw := range resp.Comments {
		if s := commentText(raw); s != "" {
			t.Notes = append(t.Notes, s)
		}
	}
}

func mulCells(cells, n int) (int, error) {
	if n == 0 {
		return 0, nil
	}
	if cells > MaxCells/n {
		return 0, fmt.Errorf("%w: more than %d cells", ErrTooLarge, MaxCells)
	}
	return cells * n, nil
}

// commentText renders an entry of "comments": either an object naming the
// variable and value it is about, or a plain string.
func commentText(raw json.RawMessage) string {
	var c struct {
		Variable string `json:"variable"`
		Value    string `json:"value"`
		Comment  string `json:"comment"`
	}
	if err := json.Unmarshal(raw, &c); err == nil {
		text := strings.TrimSpace(c.Comment)
		if text == "" {
			return ""
		}
		switch {
		case c.Variable != "" && c.Value != "":
			return c.Variable + "=" + c.Value + ": " + text
		case c.Variable != "":
			return c.Variable + ": " + text
		}
		return text
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return strings.TrimSpace(s)
	}
	return ""
}

// parseCell reads one value: a number (as a string, as SCB sends it, or as
// a JSON number), a status symbol, or an empty string or null (missing).
func parseCell(raw json.RawMessage) (float64, string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return math.NaN(), cube.StatusMissing, nil
	}
	var s string
	if raw[0] == '"' {
		if err := json.Unmarshal(raw, &s); err != nil {
			return 0, "", fmt.Errorf("%w: %s", ErrValue, raw)
		}
	} else {
		s = string(raw)
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return math.NaN(), cube.StatusMissing, nil
	}
	if IsSymbol(s) {
		return math.NaN(), s, nil
	}
	if !pxtext.IsDecimal(s) {
		return 0, "", fmt.Errorf("%w: %q is neither a number nor a status symbol", ErrValue, s)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, "", fmt.Errorf("%w: %q is out of range", ErrValue, s)
	}
	return v, "", nil
}

// IsSymbol reports whether s is one of PX-Web's symbols for a cell without
// a number; see pxtext.IsSymbol.
func IsSymbol(s string) bool { return pxtext.IsSymbol(s) }
