package report

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// LongHeaders are the Swedish headers of lmi's long-table columns, by key:
// the fixed columns and the families' dimensions (docs/indicators.md).
var LongHeaders = map[string]string{
	"indicator": "Indikator", "version": "Version", "period": "Period", "region_level": "Regionnivå",
	"region": "Region", "region_name": "Regionnamn", "value": "Värde", "numerator": "Täljare",
	"denominator": "Nämnare", "n": "Antal (n)", "edu_group": "Utbildningsgrupp", "sex": "Kön",
	"birth_region": "Födelseregion", "ssyk4": "Yrke (SSYK 4)", "sni": "Näringsgren (SNI)",
	"work_region": "Arbetsregion", "term": "Term", "alpha": "Alfa",
}

// ErrLongHeader is wrapped by ReadLong's errors about the header.
var ErrLongHeader = errors.New("not an lmi long table")

// ReadLong reads one of lmi's long indicator tables as lmi writes it to CSV
// (indicator, version, period, region_level, region, region_name, the
// family's dimensions, value, numerator, denominator, n, suppressed) and
// returns a Table that streams its rows. The suppressed column is folded
// into the cells: a suppressed row's value, numerator, denominator and n
// are Suppressed cells (".."), not empty ones. unitOf gives the Kind of an
// indicator's value (from its unit, see KindOfUnit); nil, or an indicator
// it does not know, leaves the value a plain decimal. Counts are KindCount,
// the other columns codes or text.
func ReadLong(r io.Reader, name string, unitOf func(indicator string) (Kind, bool)) (*Table, error) {
	cr := csv.NewReader(r)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %w", name, ErrLongHeader, err)
	}
	header = append([]string(nil), header...)
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	lr, err := newLongRows(cr, header, unitOf)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &Table{Name: name, Columns: lr.cols, Rows: lr}, nil
}

type longRows struct {
	cr       *csv.Reader
	cols     []Column
	src      []int // for each column, its field in the CSV
	sup      int   // field of "suppressed"
	ind      int   // column of "indicator"
	value    int   // column of "value"
	numbers  []bool
	unitOf   func(string) (Kind, bool)
	line     int
	err      error
	lastInd  string
	lastKind Kind
}

func newLongRows(cr *csv.Reader, header []string, unitOf func(string) (Kind, bool)) (*longRows, error) {
	lr := &longRows{cr: cr, sup: -1, ind: -1, value: -1, unitOf: unitOf, line: 1}
	seen := map[string]bool{}
	for i, h := range header {
		if seen[h] {
			return nil, fmt.Errorf("%w: column %q twice", ErrLongHeader, h)
		}
		seen[h] = true
		if h == "suppressed" {
			lr.sup = i
			continue
		}
		c := Column{Key: h, Header: LongHeaders[h], Kind: KindCode}
		switch h {
		case "region_name":
			c.Kind = KindText
		case "value":
			c.Kind, lr.value = KindDecimal, len(lr.cols)
		case "numerator", "denominator", "n":
			c.Kind = KindCount
		case "indicator":
			lr.ind = len(lr.cols)
		}
		lr.cols = append(lr.cols, c)
		lr.src = append(lr.src, i)
		lr.numbers = append(lr.numbers, c.Kind.Numeric())
	}
	for _, need := range []string{"indicator", "region", "value", "suppressed"} {
		if !seen[need] {
			return nil, fmt.Errorf("%w: no %q column", ErrLongHeader, need)
		}
	}
	return lr, nil
}

func (lr *longRows) Next(row []Cell) bool {
	if lr.err != nil {
		return false
	}
	rec, err := lr.cr.Read()
	if err == io.EOF {
		return false
	}
	lr.line++
	if err != nil {
		lr.err = fmt.Errorf("line %d: %w", lr.line, err)
		return false
	}
	suppressed := false
	switch rec[lr.sup] {
	case "true":
		suppressed = true
	case "false", "":
	default:
		lr.err = fmt.Errorf("line %d: suppressed is %q, want true or false", lr.line, rec[lr.sup])
		return false
	}
	for i, f := range lr.src {
		s := rec[f]
		switch {
		case !lr.numbers[i]:
			row[i] = Str(s)
		case suppressed:
			row[i] = Mark(Suppressed)
		case s == "":
			row[i] = Cell{}
		default:
			v, err := strconv.ParseFloat(s, 64)
			if err != nil {
				lr.err = fmt.Errorf("line %d: %s: %w", lr.line, lr.cols[i].Key, err)
				return false
			}
			row[i] = Num(v)
		}
	}
	if lr.value >= 0 && row[lr.value].State == Value {
		row[lr.value].Kind = lr.kindOf(row[lr.ind].Str)
	}
	return true
}

// kindOf looks up an indicator's kind, remembering the last one (rows come
// sorted by indicator).
func (lr *longRows) kindOf(ind string) Kind {
	if ind == lr.lastInd && lr.lastKind != 0 {
		return lr.lastKind
	}
	k := KindDecimal
	if lr.unitOf != nil {
		if u, ok := lr.unitOf(ind); ok && u.Valid() {
			k = u
		}
	}
	lr.lastInd, lr.lastKind = ind, k
	return k
}

func (lr *longRows) Err() error { return lr.err }
