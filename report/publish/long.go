package publish

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"lmi/report"
)

// ErrNotLong is wrapped by errors about a family file that is not one of
// lmi's long indicator tables.
var ErrNotLong = errors.New("not an lmi long indicator table")

// ErrUnsorted is wrapped by errors about a family file whose rows are not
// in the order lmi writes them (indicator, region_level, region, period,
// the dimensions), which the workbook's one-pass pivot relies on.
var ErrUnsorted = errors.New("rows not in lmi's order")

// layout is where a family file's columns are.
type layout struct {
	header                                                []string
	indicator, label, unit, version                       int
	period, level, region, regionName                     int
	value, numerator, denominator, n, suppressed, nfields int
	dims                                                  []dimCol
	keyCols                                               []int // level, region, period, the dimensions' codes
}

// dimCol is one dimension: its code column and, when the file has one,
// its name column.
type dimCol struct {
	key  string
	code int
	name int // -1 without
}

func parseLayout(header []string) (*layout, error) {
	l := &layout{header: header, label: -1, unit: -1, version: -1, numerator: -1, denominator: -1, n: -1, nfields: len(header)}
	fixed := map[string]*int{
		"indicator": &l.indicator, "label": &l.label, "unit": &l.unit, "version": &l.version, "period": &l.period,
		"region_level": &l.level, "region": &l.region, "region_name": &l.regionName, "value": &l.value,
		"numerator": &l.numerator, "denominator": &l.denominator, "n": &l.n, "suppressed": &l.suppressed,
	}
	seen := map[string]bool{}
	for _, need := range []string{"indicator", "period", "region_level", "region", "region_name", "value", "suppressed"} {
		if !slices.Contains(header, need) {
			return nil, fmt.Errorf("%w: no %q column", ErrNotLong, need)
		}
	}
	for i, h := range header {
		if seen[h] {
			return nil, fmt.Errorf("%w: column %q twice", ErrNotLong, h)
		}
		seen[h] = true
		if p, ok := fixed[h]; ok {
			*p = i
			continue
		}
		if base, ok := strings.CutSuffix(h, "_name"); ok {
			if j := slices.IndexFunc(l.dims, func(d dimCol) bool { return d.key == base }); j >= 0 {
				l.dims[j].name = i
				continue
			}
		}
		l.dims = append(l.dims, dimCol{key: h, code: i, name: -1})
	}
	l.keyCols = []int{l.level, l.region, l.period}
	for _, d := range l.dims {
		l.keyCols = append(l.keyCols, d.code)
	}
	return l, nil
}

// compareKeys compares two records of a layout by their key: region level,
// region, period and the dimensions, byte by byte, as lmi sorts them.
func (l *layout) compareKeys(a, b [][]byte) int {
	for _, c := range l.keyCols {
		if r := bytes.Compare(a[c], b[c]); r != 0 {
			return r
		}
	}
	return 0
}

// isTotal says whether every dimension of a record is TOT (a family
// without dimensions has only totals).
func (l *layout) isTotal(f [][]byte) bool {
	for _, d := range l.dims {
		if string(f[d.code]) != tot {
			return false
		}
	}
	return true
}

// value reads a record's value: a number, suppressed, or missing.
func (l *layout) cell(f [][]byte) (report.Cell, error) {
	return numCell(f[l.value], f[l.suppressed])
}

// numCell reads a number field of a row with its suppressed flag.
func numCell(v, suppressed []byte) (report.Cell, error) {
	switch string(suppressed) {
	case "true":
		return report.Mark(report.Suppressed), nil
	case "false", "":
	default:
		return report.Cell{}, fmt.Errorf("suppressed is %q, want true or false", suppressed)
	}
	return parseNum(v)
}

// parseNum reads a number; empty is missing, and so are NaN and infinities.
func parseNum(v []byte) (report.Cell, error) {
	if len(v) == 0 {
		return report.Cell{}, nil
	}
	x, err := strconv.ParseFloat(string(v), 64)
	if err != nil {
		return report.Cell{}, fmt.Errorf("%q is not a number", v)
	}
	return report.Num(x), nil
}

// readHeader opens a CSV file and reads its header.
func readHeader(path string) (*os.File, *csvReader, []string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, nil, err
	}
	cr := newCSVReader(f, 1)
	rec, err := cr.next()
	if err != nil {
		f.Close()
		if err == io.EOF {
			return nil, nil, nil, fmt.Errorf("%s: empty file, no header", path)
		}
		return nil, nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	header := make([]string, len(rec))
	for i, h := range rec {
		header[i] = string(h)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	return f, cr, header, nil
}

// interner keeps one copy of each string read: codes, names and periods
// repeat on every row.
type interner map[string]string

func (in interner) get(b []byte) string {
	if s, ok := in[string(b)]; ok {
		return s
	}
	s := string(b)
	in[s] = s
	return s
}
