// Package longcsv decodes a published table written as a long CSV, one
// row per cell: a column per dimension (its codes, and optionally a
// CODE_label column with their texts), one column of numbers, and
// optionally a status column with the symbol printed instead of a number.
// That is how lmi fetch writes SCB's tables (lmi's own long CSV), how
// tables bought from SCB often come, and how analysts keep extracts
// (region, occupation, sex, year, count).
//
// Columns are recognised by name, in Swedish or English, and mapped to
// SCB's dimension codes so that the same readers type them as they type
// SCB's own downloads: region, län, lan, kommun, fa -> Region; ssyk,
// ssyk4, ssyk3, yrke, yrke2012 -> Yrke2012; kön, kon, sex -> Kon; år, ar,
// year, tid, period -> Tid; ålder, alder, age -> Alder. Other columns keep
// their name as their code. The column of numbers is "value", or the one
// column whose every cell is a number or a symbol (anstallda, antal, n).
package longcsv

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"lmi/ingest/cube"
)

// ErrNotLong is wrapped by the errors of a CSV that is not a long table.
var ErrNotLong = errors.New("not a long table of counts")

// dimensionAliases map column names to SCB's dimension codes.
var dimensionAliases = map[string]string{
	"region": "Region", "län": "Region", "lan": "Region", "kommun": "Region", "fa": "Region",
	"ssyk": "Yrke2012", "ssyk4": "Yrke2012", "ssyk3": "Yrke2012", "yrke": "Yrke2012", "yrke2012": "Yrke2012",
	"kön": "Kon", "kon": "Kon", "sex": "Kon",
	"år": "Tid", "ar": "Tid", "year": "Tid", "tid": "Tid", "period": "Tid",
	"ålder": "Alder", "alder": "Alder", "age": "Alder",
}

// symbols are what a cell may hold instead of a number.
var symbols = map[string]bool{"..": true, ".": true, "-": true, "...": true, "<5": true}

// Looks reports whether a file's first line is the header of a long table
// this package reads: a time column, a dimension column lmi knows and a
// column of numbers named value or a count.
func Looks(firstLine string) bool {
	cols := splitHeader(firstLine)
	var time, dim, value bool
	for _, c := range cols {
		switch code := dimensionAliases[strings.ToLower(c)]; {
		case code == "Tid":
			time = true
		case code != "":
			dim = true
		case isValueName(strings.ToLower(c)):
			value = true
		}
	}
	return time && dim && value
}

// isValueName reports a column name of counts.
func isValueName(c string) bool {
	switch c {
	case "value", "värde", "varde", "antal", "n", "count", "anstallda", "anställda", "sysselsatta":
		return true
	}
	return false
}

func splitHeader(line string) []string {
	line = strings.TrimRight(strings.TrimPrefix(line, "\ufeff"), "\r")
	sep := ","
	if strings.Count(line, ";") > strings.Count(line, ",") {
		sep = ";"
	}
	names := strings.Split(line, sep)
	for i, n := range names {
		names[i] = strings.Trim(strings.TrimSpace(n), `"`)
	}
	return names
}

// Decode reads a long table from r; name is used in errors and as the
// table's id when the caller has none. UTF-8 (with or without BOM) or
// Latin-1 (Windows-1252); comma or semicolon; a decimal comma with the
// semicolon.
func Decode(r io.Reader, name string) (*cube.Table, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(b) {
		if b, err = charmap.Windows1252.NewDecoder().Bytes(b); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	line, _, _ := bytes.Cut(b, []byte("\n"))
	cr := csv.NewReader(bufio.NewReader(bytes.NewReader(b)))
	if strings.Count(string(line), ";") > strings.Count(string(line), ",") {
		cr.Comma = ';'
	}
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: header: %w", name, err)
	}
	l, err := layoutOf(name, header, cr.Comma == ';')
	if err != nil {
		return nil, err
	}
	return l.read(cr)
}

// layout is what each column of a long table holds.
type layout struct {
	name         string
	dims         []dimCol
	value        int // the column of numbers
	status       int // the column of symbols, or -1
	decimalComma bool
}

type dimCol struct {
	col, label int // the codes' column, the labels' or -1
	dim        cube.Dimension
	index      map[string]int
}

func layoutOf(name string, header []string, decimalComma bool) (*layout, error) {
	l := &layout{name: name, value: -1, status: -1, decimalComma: decimalComma}
	labels := map[string]int{}
	for i, h := range header {
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		lower := strings.ToLower(h)
		switch {
		case strings.HasSuffix(lower, "_label"):
			labels[lower[:len(lower)-len("_label")]] = i
		case lower == "status":
			l.status = i
		case isValueName(lower) && l.value < 0:
			l.value = i
		default:
			code := dimensionAliases[lower]
			if code == "" {
				code = h
			}
			l.dims = append(l.dims, dimCol{col: i, label: -1, dim: cube.Dimension{Code: code, Label: h}, index: map[string]int{}})
		}
	}
	if l.value < 0 {
		return nil, fmt.Errorf("%s: %w: no column of numbers (value, antal, anstallda, n) among %s", name, ErrNotLong, strings.Join(header, ", "))
	}
	if len(l.dims) == 0 {
		return nil, fmt.Errorf("%s: %w: no dimension column besides the numbers", name, ErrNotLong)
	}
	seen := map[string]bool{}
	for i := range l.dims {
		d := &l.dims[i]
		if seen[d.dim.Code] {
			return nil, fmt.Errorf("%s: %w: two columns are %s (%s)", name, ErrNotLong, d.dim.Code, header[d.col])
		}
		seen[d.dim.Code] = true
		if j, ok := labels[strings.ToLower(header[d.col])]; ok {
			d.label = j
		}
		switch d.dim.Code {
		case "Tid":
			d.dim.Role = cube.RoleTime
		case "Region":
			d.dim.Role = cube.RoleGeo
		}
	}
	return l, nil
}

// cellValue is one row's number or symbol.
type cellValue struct {
	v      float64
	status string
}

// read reads the rows into a table, the cells the file lacks missing.
func (l *layout) read(cr *csv.Reader) (*cube.Table, error) {
	cells := map[string]cellValue{}
	var order [][]int
	line := 1
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		line++
		if err != nil {
			return nil, fmt.Errorf("%s: %w", l.name, err)
		}
		idx, key := l.key(rec)
		if _, dup := cells[key]; dup {
			return nil, fmt.Errorf("%s:%d: the same cell (%s) a second time", l.name, line, strings.ReplaceAll(key, "\x00", ", "))
		}
		c, err := l.cell(rec)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", l.name, line, err)
		}
		cells[key] = c
		order = append(order, idx)
	}
	if len(order) == 0 {
		return nil, fmt.Errorf("%s: %w: no rows", l.name, ErrNotLong)
	}
	dims := make([]cube.Dimension, len(l.dims))
	for i, d := range l.dims {
		dims[i] = d.dim
	}
	t := cube.New(dims)
	t.ID = l.name
	for _, idx := range order {
		key := l.keyOf(idx)
		c := cells[key]
		if c.status != "" {
			t.SetStatus(t.Offset(idx), c.status)
		} else {
			t.Set(t.Offset(idx), c.v)
		}
	}
	return t, t.Validate()
}

// key places a row: its value index in each dimension (adding values as
// they first appear) and a key for duplicates.
func (l *layout) key(rec []string) ([]int, string) {
	idx := make([]int, len(l.dims))
	for i := range l.dims {
		d := &l.dims[i]
		code := strings.TrimSpace(rec[d.col])
		j, ok := d.index[code]
		if !ok {
			j = len(d.dim.Values)
			d.index[code] = j
			label := code
			if d.label >= 0 {
				label = rec[d.label]
			}
			d.dim.Values = append(d.dim.Values, cube.Value{Code: code, Label: label})
		}
		idx[i] = j
	}
	return idx, l.keyOf(idx)
}

func (l *layout) keyOf(idx []int) string {
	parts := make([]string, len(idx))
	for i, j := range idx {
		parts[i] = l.dims[i].dim.Values[j].Code
	}
	return strings.Join(parts, "\x00")
}

// cell reads a row's number, or its symbol.
func (l *layout) cell(rec []string) (cellValue, error) {
	s := strings.TrimSpace(rec[l.value])
	if l.status >= 0 {
		if st := strings.TrimSpace(rec[l.status]); st != "" {
			return cellValue{v: math.NaN(), status: st}, nil
		}
	}
	if s == "" {
		return cellValue{v: math.NaN(), status: cube.StatusMissing}, nil
	}
	if symbols[s] {
		return cellValue{v: math.NaN(), status: s}, nil
	}
	clean := strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "").Replace(s)
	if l.decimalComma {
		clean = strings.ReplaceAll(clean, ",", ".")
	}
	v, err := strconv.ParseFloat(clean, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return cellValue{}, fmt.Errorf("%q is not a number", capped(s))
	}
	return cellValue{v: v}, nil
}

// capped shortens a value for a message.
func capped(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "..."
	}
	return s
}
