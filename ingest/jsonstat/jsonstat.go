package jsonstat

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"lmi/ingest/cube"
	"lmi/ingest/internal/pxtext"
)

// Dataset is a parsed JSON-stat 2.0 dataset: a PxWebApi 2.0 data response,
// or a table's metadata (the same shape without values).
type Dataset struct {
	ID       string // extension.px.tableid, else the name given to Parse
	Label    string
	Source   string
	Updated  string
	Language string // extension.px.language
	Notes    []string

	Dimensions []Dimension

	// Values and Status hold the cells in the sense of cube.Table: a
	// status where there is no number. Both are nil when the dataset
	// carries no values (metadata).
	Values []float64
	Status []string

	PX PX // extension.px
}

// Dimension is one dimension of a dataset with its categories in index
// order.
type Dimension struct {
	ID     string
	Label  string
	Role   cube.Role
	Codes  []string
	Labels []string
	Units  map[string]Unit // category.unit, by code (the metric dimension)
	Notes  []string

	// From the dimension's extension in PxWebApi 2.0 metadata.
	Elimination bool       // the variable may be left out of a query
	Codelists   []Codelist // value sets (vs_) and aggregations (agg_)
}

// Codelist is a code list a PxWebApi 2.0 variable can be queried with.
type Codelist struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	Type  string `json:"type"` // "Valueset" or "Aggregation"
}

// Unit is the unit of a metric category.
type Unit struct {
	Base     string `json:"base,omitempty"`
	Decimals *int   `json:"decimals,omitempty"`
	Label    string `json:"label,omitempty"`
	Symbol   string `json:"symbol,omitempty"`
}

// PX holds the PX keywords PxWebApi 2.0 puts under extension.px.
type PX struct {
	TableID            string
	Language           string
	Contents           string
	Matrix             string
	SubjectCode        string
	SubjectArea        string
	Infofile           string
	Decimals           *int
	OfficialStatistics bool
}

// Dimension finds a dimension by id.
func (d *Dataset) Dimension(id string) (*Dimension, bool) {
	for i := range d.Dimensions {
		if d.Dimensions[i].ID == id {
			return &d.Dimensions[i], true
		}
	}
	return nil, false
}

// Len is the number of cells the dimensions span (for metadata, the
// whole table), or 1<<62 if that is more.
func (d *Dataset) Len() int {
	if len(d.Dimensions) == 0 {
		return 0
	}
	n := 1
	for _, dim := range d.Dimensions {
		k := len(dim.Codes)
		if k > 0 && n > (1<<62)/k {
			return 1 << 62
		}
		n *= k
	}
	return n
}

// Index returns the position of a code in the dimension.
func (d *Dimension) Index(code string) (int, bool) {
	for i, c := range d.Codes {
		if c == code {
			return i, true
		}
	}
	return -1, false
}

type rawDataset struct {
	Version   string                  `json:"version"`
	Class     string                  `json:"class"`
	Label     string                  `json:"label"`
	Source    string                  `json:"source"`
	Updated   string                  `json:"updated"`
	ID        []string                `json:"id"`
	Size      []int64                 `json:"size"`
	Role      *rawRole                `json:"role"`
	Dimension map[string]rawDimension `json:"dimension"`
	Value     json.RawMessage         `json:"value"`
	Status    json.RawMessage         `json:"status"`
	Note      []string                `json:"note"`
	Extension json.RawMessage         `json:"extension"`
}

type rawRole struct {
	Time   []string `json:"time"`
	Geo    []string `json:"geo"`
	Metric []string `json:"metric"`
}

type rawDimension struct {
	Label     string          `json:"label"`
	Note      []string        `json:"note"`
	Category  rawCategory     `json:"category"`
	Extension json.RawMessage `json:"extension"`
}

type rawCategory struct {
	Index json.RawMessage   `json:"index"`
	Label map[string]string `json:"label"`
	Unit  map[string]Unit   `json:"unit"`
}

// Decode reads a JSON-stat 2.0 dataset with values and returns it as a
// table. name is used in errors and as the table ID when the dataset does
// not carry extension.px.tableid.
func Decode(r io.Reader, name string) (*cube.Table, error) {
	ds, err := Parse(r, name)
	if err != nil {
		return nil, err
	}
	return ds.Table()
}

// Table returns the dataset as a cube.Table. A dataset without values
// (metadata) is an error.
func (d *Dataset) Table() (*cube.Table, error) {
	if d.Values == nil {
		return nil, pathErr(d.ID, "value", ErrNoData)
	}
	t := &cube.Table{
		ID: d.ID, Title: d.Label, Source: d.Source, Updated: d.Updated, Language: d.Language,
		Values: d.Values, Status: d.Status, Notes: d.Notes,
	}
	for _, dim := range d.Dimensions {
		cd := cube.Dimension{Code: dim.ID, Label: dim.Label, Role: dim.Role, Values: make([]cube.Value, len(dim.Codes))}
		for i, c := range dim.Codes {
			cd.Values[i] = cube.Value{Code: c, Label: dim.Labels[i]}
		}
		t.Dimensions = append(t.Dimensions, cd)
	}
	if err := t.Validate(); err != nil {
		return nil, pathErr(d.ID, "", fmt.Errorf("%w: %v", ErrShape, err))
	}
	return t, nil
}

// Parse reads a JSON-stat 2.0 dataset, with or without values. It checks
// the structure: version 2.x and class "dataset"; id, size and dimension
// agree; category indexes are complete and without duplicates; values (an
// array, or an object keyed by cell index) and status (a string for every
// cell, an array, or an object) fit the cells.
//
// A cell with null, or no entry in a sparse value object, has no number:
// its status is the one given, else ".." (missing). A value string that is
// a PX symbol ("..", "-") is a status; a numeric string is a number. A
// cell with both a number and a status keeps the number, and a note says
// how many cells did.
func Parse(r io.Reader, name string) (*Dataset, error) {
	data, err := readJSON(r, name)
	if err != nil {
		return nil, err
	}
	var raw rawDataset
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&raw); err != nil {
		return nil, jsonError(name, data, err)
	}
	if off := dec.InputOffset(); len(bytes.TrimSpace(data[off:])) != 0 {
		return nil, &ParseError{File: name, Offset: off, Err: fmt.Errorf("%w: more data after the dataset", ErrSyntax)}
	}
	return raw.dataset(name)
}

func (raw *rawDataset) dataset(name string) (*Dataset, error) {
	switch {
	case raw.Version == "" && raw.Class == "":
		return nil, pathErr(name, "version", fmt.Errorf("%w: no version or class (JSON-stat 1.0 bundles are not supported)", ErrVersion))
	case !strings.HasPrefix(raw.Version, "2."):
		return nil, pathErr(name, "version", fmt.Errorf("%w: version %q", ErrVersion, raw.Version))
	case raw.Class != "dataset":
		return nil, pathErr(name, "class", fmt.Errorf("%w: class %q", ErrVersion, raw.Class))
	case len(raw.ID) == 0:
		return nil, pathErr(name, "id", fmt.Errorf("%w: no dimensions", ErrShape))
	case len(raw.ID) != len(raw.Size):
		return nil, pathErr(name, "size", fmt.Errorf("%w: %d ids but %d sizes", ErrShape, len(raw.ID), len(raw.Size)))
	}
	ds := &Dataset{ID: name, Label: raw.Label, Source: raw.Source, Updated: raw.Updated, Notes: raw.Note}
	if err := ds.readExtension(raw.Extension); err != nil {
		return nil, pathErr(name, "extension", err)
	}
	if ds.PX.TableID != "" {
		ds.ID = ds.PX.TableID
	}
	ds.Language = ds.PX.Language

	cells := int64(1)
	seen := map[string]bool{}
	for i, id := range raw.ID {
		path := "dimension." + id
		if seen[id] {
			return nil, pathErr(name, fmt.Sprintf("id[%d]", i), fmt.Errorf("%w dimension id %q", ErrDuplicate, id))
		}
		seen[id] = true
		rd, ok := raw.Dimension[id]
		if !ok {
			return nil, pathErr(name, path, fmt.Errorf("%w: dimension %q is in id but not in dimension", ErrShape, id))
		}
		dim, err := rd.dimension(id)
		if err != nil {
			return nil, pathErr(name, path, err)
		}
		if raw.Size[i] != int64(len(dim.Codes)) {
			return nil, pathErr(name, fmt.Sprintf("size[%d]", i), fmt.Errorf("%w: size %d but %d categories in dimension %q", ErrShape, raw.Size[i], len(dim.Codes), id))
		}
		// Metadata may describe far more cells than any one answer holds:
		// the limit applies when there are values (readCells).
		if n := int64(len(dim.Codes)); n > 0 && cells > (1<<62)/n {
			cells = 1 << 62
		} else {
			cells *= n
		}
		for _, note := range rd.Note {
			if s := strings.TrimSpace(note); s != "" {
				dim.Notes = append(dim.Notes, s)
				ds.Notes = append(ds.Notes, id+": "+s)
			}
		}
		ds.Dimensions = append(ds.Dimensions, *dim)
	}
	if err := ds.setRoles(raw.Role); err != nil {
		return nil, pathErr(name, "role", err)
	}
	if err := ds.readCells(name, raw.Value, raw.Status, cells); err != nil {
		return nil, err
	}
	return ds, nil
}

func (rd *rawDimension) dimension(id string) (*Dimension, error) {
	dim := &Dimension{ID: id, Label: rd.Label, Units: rd.Category.Unit}
	if dim.Label == "" {
		dim.Label = id
	}
	idx := bytes.TrimSpace(rd.Category.Index)
	switch {
	case len(idx) == 0 || string(idx) == "null":
		// Allowed when there is a single category, named by its label.
		if len(rd.Category.Label) != 1 {
			return nil, fmt.Errorf("%w: category.index missing and %d category labels (only one category may go without an index)", ErrShape, len(rd.Category.Label))
		}
		for code := range rd.Category.Label {
			dim.Codes = []string{code}
		}
	case idx[0] == '[':
		if err := json.Unmarshal(idx, &dim.Codes); err != nil {
			return nil, fmt.Errorf("%w: category.index: %v", ErrShape, err)
		}
		seen := make(map[string]bool, len(dim.Codes))
		for _, c := range dim.Codes {
			if seen[c] {
				return nil, fmt.Errorf("%w category %q in category.index", ErrDuplicate, c)
			}
			seen[c] = true
		}
	case idx[0] == '{':
		var pos map[string]int64
		if err := json.Unmarshal(idx, &pos); err != nil {
			return nil, fmt.Errorf("%w: category.index: %v", ErrShape, err)
		}
		dim.Codes = make([]string, len(pos))
		filled := make([]bool, len(pos))
		for _, code := range sortedKeys(pos) {
			p := pos[code]
			if p < 0 || p >= int64(len(pos)) {
				return nil, fmt.Errorf("%w: category.index: %q at position %d of %d", ErrShape, code, p, len(pos))
			}
			if filled[p] {
				return nil, fmt.Errorf("%w position %d in category.index (%q and %q)", ErrDuplicate, p, dim.Codes[p], code)
			}
			dim.Codes[p], filled[p] = code, true
		}
	default:
		return nil, fmt.Errorf("%w: category.index is neither an array nor an object", ErrShape)
	}
	dim.Labels = make([]string, len(dim.Codes))
	for i, c := range dim.Codes {
		if l, ok := rd.Category.Label[c]; ok && l != "" {
			dim.Labels[i] = l
		} else {
			dim.Labels[i] = c
		}
	}
	for c := range rd.Category.Label {
		if _, ok := dim.Index(c); !ok {
			return nil, fmt.Errorf("%w: category.label names %q, which is not in category.index", ErrShape, c)
		}
	}
	if len(rd.Extension) > 0 {
		var ext struct {
			Elimination bool       `json:"elimination"`
			Codelists   []Codelist `json:"codelists"`
		}
		if err := json.Unmarshal(rd.Extension, &ext); err == nil {
			dim.Elimination, dim.Codelists = ext.Elimination, ext.Codelists
		}
	}
	return dim, nil
}

func (ds *Dataset) setRoles(role *rawRole) error {
	if role == nil {
		// No role: SCB's variable names say what they are.
		for i := range ds.Dimensions {
			switch ds.Dimensions[i].ID {
			case "Tid":
				ds.Dimensions[i].Role = cube.RoleTime
			case "ContentsCode":
				ds.Dimensions[i].Role = cube.RoleMetric
			case "Region":
				ds.Dimensions[i].Role = cube.RoleGeo
			}
		}
		return nil
	}
	for _, r := range []struct {
		ids  []string
		role cube.Role
	}{{role.Time, cube.RoleTime}, {role.Geo, cube.RoleGeo}, {role.Metric, cube.RoleMetric}} {
		for _, id := range r.ids {
			d, ok := ds.Dimension(id)
			if !ok {
				return fmt.Errorf("%w: role %s names %q, which is not a dimension", ErrShape, r.role, id)
			}
			if d.Role != cube.RoleNone && d.Role != r.role {
				return fmt.Errorf("%w: dimension %q has roles %s and %s", ErrShape, id, d.Role, r.role)
			}
			d.Role = r.role
		}
	}
	return nil
}

func (ds *Dataset) readExtension(raw json.RawMessage) error {
	if len(bytes.TrimSpace(raw)) == 0 || string(bytes.TrimSpace(raw)) == "null" {
		return nil
	}
	var ext struct {
		PX map[string]json.RawMessage `json:"px"`
	}
	if err := json.Unmarshal(raw, &ext); err != nil {
		return nil // an extension we cannot read is not the data's fault
	}
	str := func(key string) string {
		v, ok := ext.PX[key]
		if !ok {
			return ""
		}
		var s string
		if json.Unmarshal(v, &s) == nil {
			return s
		}
		var n json.Number
		if json.Unmarshal(v, &n) == nil {
			return n.String()
		}
		return ""
	}
	p := &ds.PX
	p.TableID, p.Language, p.Contents, p.Matrix = str("tableid"), str("language"), str("contents"), str("matrix")
	p.SubjectCode, p.SubjectArea, p.Infofile = str("subject-code"), str("subject-area"), str("infofile")
	if d, err := strconv.Atoi(str("decimals")); err == nil {
		p.Decimals = &d
	}
	p.OfficialStatistics = string(bytes.TrimSpace(ext.PX["official-statistics"])) == "true"
	return nil
}

// cellValue is one entry of "value".
type cellValue struct {
	set    bool // present and not null
	num    float64
	symbol string // a status given as the value
}

func parseValue(raw json.RawMessage) (cellValue, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return cellValue{}, nil
	}
	if raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return cellValue{}, fmt.Errorf("%w: %s", ErrValue, raw)
		}
		s = strings.TrimSpace(s)
		switch {
		case s == "":
			return cellValue{}, nil
		case IsSymbol(s):
			return cellValue{symbol: s}, nil
		}
		// ParseNumber takes what IsDecimal accepts, to strconv's double,
		// and refuses only those that overflow.
		if v, ok := pxtext.ParseNumber([]byte(s)); ok {
			return cellValue{set: true, num: v}, nil
		}
		if pxtext.IsDecimal(s) {
			return cellValue{}, fmt.Errorf("%w: %q is out of range", ErrValue, s)
		}
		return cellValue{}, fmt.Errorf("%w: %q is neither a number nor a status symbol", ErrValue, s)
	}
	if v, ok := pxtext.ParseNumber(raw); ok {
		return cellValue{set: true, num: v}, nil
	}
	if !pxtext.IsDecimal(string(raw)) {
		return cellValue{}, fmt.Errorf("%w: %s", ErrValue, raw)
	}
	return cellValue{}, fmt.Errorf("%w: %s is out of range", ErrValue, raw)
}

// valueArray is the fast path for a value array, which the decoder has
// already checked is valid JSON: it reads numbers, null and strings
// without escapes in place, with parseValue, instead of unmarshalling a
// RawMessage a cell. Anything else (another element, an escape, a count
// other than len(vals), a value parseValue refuses) makes it return
// false, and the general path reads the array again and reports the
// error as it always has.
func valueArray(value []byte, vals []cellValue) bool {
	i, n := 1, 0 // after '['
	for {
		for i < len(value) && isSpace(value[i]) {
			i++
		}
		if i >= len(value) {
			return false
		}
		if value[i] == ']' && n == 0 {
			return len(vals) == 0
		}
		start := i
		switch c := value[i]; {
		case c == '"':
			i++
			for i < len(value) && value[i] != '"' {
				if value[i] == '\\' {
					return false
				}
				i++
			}
			if i >= len(value) {
				return false
			}
			i++
		case c == 'n' || c == '-' || c >= '0' && c <= '9':
			for i < len(value) && value[i] != ',' && value[i] != ']' && !isSpace(value[i]) {
				i++
			}
		default:
			return false
		}
		if n >= len(vals) {
			return false
		}
		v, err := parseValue(value[start:i])
		if err != nil {
			return false
		}
		vals[n] = v
		n++
		for i < len(value) && isSpace(value[i]) {
			i++
		}
		if i >= len(value) {
			return false
		}
		switch value[i] {
		case ',':
			i++
		case ']':
			return n == len(vals)
		default:
			return false
		}
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// cellIndex reads a key of a sparse value or status object.
func cellIndex(key string, n int) (int, error) {
	i, err := strconv.Atoi(key)
	if err != nil || i < 0 || i >= n || strconv.Itoa(i) != key {
		return 0, fmt.Errorf("%w: key %q is not a cell index below %d", ErrShape, key, n)
	}
	return i, nil
}

func (ds *Dataset) readCells(name string, value, status json.RawMessage, cells int64) error {
	value, status = bytes.TrimSpace(value), bytes.TrimSpace(status)
	// Metadata: no values at all.
	if len(value) == 0 || string(value) == "null" || (string(value) == "[]" && cells > 0) {
		if len(status) > 0 && string(status) != "null" && string(status) != "{}" && string(status) != "[]" {
			return pathErr(name, "status", fmt.Errorf("%w: status without values", ErrShape))
		}
		return nil
	}
	if cells > int64(MaxCells) {
		return pathErr(name, "size", fmt.Errorf("%w: %d cells, more than %d", ErrTooLarge, cells, MaxCells))
	}
	n := int(cells)
	vals := make([]cellValue, n)
	switch value[0] {
	case '[':
		if valueArray(value, vals) {
			break
		}
		var arr []json.RawMessage
		if err := json.Unmarshal(value, &arr); err != nil {
			return pathErr(name, "value", fmt.Errorf("%w: %v", ErrShape, err))
		}
		if len(arr) != n {
			return pathErr(name, "value", fmt.Errorf("%w: %d values for %d cells", ErrShape, len(arr), n))
		}
		for i, raw := range arr {
			v, err := parseValue(raw)
			if err != nil {
				return pathErr(name, fmt.Sprintf("value[%d]", i), err)
			}
			vals[i] = v
		}
	case '{':
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(value, &obj); err != nil {
			return pathErr(name, "value", fmt.Errorf("%w: %v", ErrShape, err))
		}
		for _, key := range sortedKeys(obj) {
			i, err := cellIndex(key, n)
			if err != nil {
				return pathErr(name, "value", err)
			}
			v, err := parseValue(obj[key])
			if err != nil {
				return pathErr(name, "value."+key, err)
			}
			vals[i] = v
		}
	default:
		return pathErr(name, "value", fmt.Errorf("%w: value is neither an array nor an object", ErrShape))
	}

	stat := make([]string, n)
	if len(status) > 0 && string(status) != "null" {
		switch status[0] {
		case '"':
			var s string
			if err := json.Unmarshal(status, &s); err != nil {
				return pathErr(name, "status", fmt.Errorf("%w: %v", ErrShape, err))
			}
			for i := range stat {
				stat[i] = s
			}
		case '[':
			var arr []*string
			if err := json.Unmarshal(status, &arr); err != nil {
				return pathErr(name, "status", fmt.Errorf("%w: %v", ErrShape, err))
			}
			switch len(arr) {
			case n:
				for i, s := range arr {
					if s != nil {
						stat[i] = *s
					}
				}
			case 1:
				if arr[0] != nil {
					for i := range stat {
						stat[i] = *arr[0]
					}
				}
			default:
				return pathErr(name, "status", fmt.Errorf("%w: %d statuses for %d cells", ErrShape, len(arr), n))
			}
		case '{':
			var obj map[string]*string
			if err := json.Unmarshal(status, &obj); err != nil {
				return pathErr(name, "status", fmt.Errorf("%w: %v", ErrShape, err))
			}
			for _, key := range sortedKeys(obj) {
				i, err := cellIndex(key, n)
				if err != nil {
					return pathErr(name, "status", err)
				}
				if s := obj[key]; s != nil {
					stat[i] = *s
				}
			}
		default:
			return pathErr(name, "status", fmt.Errorf("%w: status is neither a string, an array nor an object", ErrShape))
		}
	}

	ds.Values = make([]float64, n)
	ds.Status = make([]string, n)
	both := map[string]int{}
	for i, v := range vals {
		s := strings.TrimSpace(stat[i])
		switch {
		case v.set:
			ds.Values[i] = v.num
			if s != "" {
				both[s]++
			}
		case s != "":
			ds.Values[i], ds.Status[i] = math.NaN(), s
		case v.symbol != "":
			ds.Values[i], ds.Status[i] = math.NaN(), v.symbol
		default:
			ds.Values[i], ds.Status[i] = math.NaN(), cube.StatusMissing
		}
	}
	for _, s := range sortedKeys(both) {
		ds.Notes = append(ds.Notes, fmt.Sprintf("%d cells have status %q and a number; the numbers were kept", both[s], s))
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// IsSymbol reports whether s is one of PX-Web's symbols for a cell without
// a number; see pxtext.IsSymbol.
func IsSymbol(s string) bool { return pxtext.IsSymbol(s) }
