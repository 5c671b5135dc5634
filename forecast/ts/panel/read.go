package panel

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Columns names the columns of a long file: one row per series, time and
// value, as SCB's tables come out of its API (for example SCB YREG60:
// lan, ssyk4, kon, ar, anstallda; SCB BAS ArbStatusM: regionkod, ...,
// arbetslöshet, Period).
type Columns struct {
	// Keys are the columns that tell series apart (lan, ssyk4). Columns
	// not named anywhere (kon) are summed over: rows with the same keys
	// and time add up.
	Keys []string
	// Time is the period column: a year (2014), a quarter (2024K1,
	// 2024Q1) or a month (2020-01, 2020M01).
	Time string
	// Value is the numeric column. A decimal comma is read as a point;
	// SCB's ".." and "-" and an empty field mean no value (the row is
	// skipped).
	Value string
}

// Table is a long file laid out as series: one row of Values per
// distinct key tuple, one column per period from the first to the last
// period in the file.
type Table struct {
	// Period is the number of periods per year: 1, 4 or 12.
	Period int
	// Times are the period labels, "2014" or "2020-01" or "2024K1",
	// consecutive.
	Times []string
	// Keys[i] are series i's values of Columns.Keys; series are sorted by
	// them.
	Keys [][]string
	// Values[i][t] is the sum of the rows of series i at Times[t]; NaN
	// where the file has none.
	Values [][]float64
}

// ErrFormat is matched by every error of a file that cannot be read as a
// long table.
var ErrFormat = errors.New("not a long table")

// maxPeriods bounds the span of a table, so a stray year such as 9999 in
// a file cannot make a huge allocation.
const maxPeriods = 1200

// ReadLong reads a long CSV file (comma, semicolon or tab separated, the
// separator taken from the header line; UTF-8, a byte order mark
// allowed) into a Table.
func ReadLong(r io.Reader, cols Columns) (*Table, error) {
	br := bufio.NewReader(r)
	head, err := br.Peek(4096)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, fmt.Errorf("read long table: %w", err)
	}
	cr := csv.NewReader(br)
	cr.Comma = separator(head)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("read long table: header: %w: %w", ErrFormat, err)
	}
	idx, err := columnIndex(header, cols)
	if err != nil {
		return nil, err
	}
	rows, err := readRows(cr, idx)
	if err != nil {
		return nil, err
	}
	return layout(rows)
}

// separator is the first of tab, semicolon and comma in the header line,
// comma when none is.
func separator(b []byte) rune {
	line, _, _ := strings.Cut(string(b), "\n")
	for _, c := range []rune{'\t', ';', ','} {
		if strings.ContainsRune(line, c) {
			return c
		}
	}
	return ','
}

// columnIndex finds the keys, time and value among the header names: the
// key columns first, then time, then value.
func columnIndex(header []string, cols Columns) ([]int, error) {
	if cols.Time == "" || cols.Value == "" {
		return nil, fmt.Errorf("read long table: time and value columns must be named: %w", ErrFormat)
	}
	for i, h := range header {
		header[i] = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
	}
	names := append(slices.Clone(cols.Keys), cols.Time, cols.Value)
	idx := make([]int, len(names))
	for i, n := range names {
		idx[i] = slices.Index(header, n)
		if idx[i] < 0 {
			return nil, fmt.Errorf("read long table: no column %q in %q: %w", n, header, ErrFormat)
		}
	}
	return idx, nil
}

type row struct {
	keys  []string
	ix    int // period index: year·Period + sub-period
	per   int
	value float64
}

func readRows(cr *csv.Reader, idx []int) ([]row, error) {
	nk := len(idx) - 2
	var rows []row
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read long table: %w: %w", ErrFormat, err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		for _, i := range idx {
			if i >= len(rec) {
				return nil, fmt.Errorf("read long table: line %d: %d fields: %w", line, len(rec), ErrFormat)
			}
		}
		v, ok, err := parseValue(rec[idx[nk+1]])
		if err != nil {
			return nil, fmt.Errorf("read long table: line %d: %w", line, err)
		}
		if !ok {
			continue
		}
		ix, per, err := parseTime(rec[idx[nk]])
		if err != nil {
			return nil, fmt.Errorf("read long table: line %d: %w", line, err)
		}
		keys := make([]string, nk)
		for k := range keys {
			keys[k] = strings.TrimSpace(rec[idx[k]])
		}
		rows = append(rows, row{keys: keys, ix: ix, per: per, value: v})
	}
}

// parseValue reads a number; ok is false for SCB's no-value marks.
func parseValue(s string) (v float64, ok bool, err error) {
	s = strings.TrimSpace(s)
	switch s {
	case "", "..", ".", "-":
		return 0, false, nil
	}
	v, err = strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false, fmt.Errorf("value %q is not a finite number: %w", s, ErrFormat)
	}
	return v, true, nil
}

// parseTime reads a period label into year·per + sub-period - 1 and its
// periods per year.
func parseTime(s string) (ix, per int, err error) {
	s = strings.TrimSpace(s)
	bad := fmt.Errorf("period %q is not a year, quarter or month: %w", s, ErrFormat)
	if len(s) < 4 {
		return 0, 0, bad
	}
	y, err := strconv.Atoi(s[:4])
	if err != nil || y < 1000 {
		return 0, 0, bad
	}
	rest := s[4:]
	switch {
	case rest == "":
		return y, 1, nil
	case len(rest) == 2 && (rest[0] == 'K' || rest[0] == 'Q'):
		q, err := strconv.Atoi(rest[1:])
		if err != nil || q < 1 || q > 4 {
			return 0, 0, bad
		}
		return y*4 + q - 1, 4, nil
	case len(rest) == 3 && (rest[0] == '-' || rest[0] == 'M'):
		m, err := strconv.Atoi(rest[1:])
		if err != nil || m < 1 || m > 12 {
			return 0, 0, bad
		}
		return y*12 + m - 1, 12, nil
	}
	return 0, 0, bad
}

// timeLabel is the label of period index ix: "2014", "2024K1" or
// "2020-01".
func timeLabel(ix, per int) string {
	switch per {
	case 4:
		return fmt.Sprintf("%04dK%d", ix/4, ix%4+1)
	case 12:
		return fmt.Sprintf("%04d-%02d", ix/12, ix%12+1)
	}
	return fmt.Sprintf("%04d", ix)
}

func layout(rows []row) (*Table, error) {
	if len(rows) == 0 {
		return nil, fmt.Errorf("read long table: no rows with a value: %w", ErrFormat)
	}
	per := rows[0].per
	first, last := rows[0].ix, rows[0].ix
	for _, r := range rows {
		if r.per != per {
			return nil, fmt.Errorf("read long table: periods of %d and %d a year mixed: %w", per, r.per, ErrFormat)
		}
		first, last = min(first, r.ix), max(last, r.ix)
	}
	if last-first >= maxPeriods {
		return nil, fmt.Errorf("read long table: %d periods, more than %d: %w", last-first+1, maxPeriods, ErrFormat)
	}
	t := &Table{Period: per}
	for ix := first; ix <= last; ix++ {
		t.Times = append(t.Times, timeLabel(ix, per))
	}
	slices.SortStableFunc(rows, func(a, b row) int { return slices.Compare(a.keys, b.keys) })
	for i, r := range rows {
		if i == 0 || slices.Compare(r.keys, rows[i-1].keys) != 0 {
			t.Keys = append(t.Keys, r.keys)
			t.Values = append(t.Values, nanSlice(len(t.Times)))
		}
		v := t.Values[len(t.Values)-1]
		if k := r.ix - first; math.IsNaN(v[k]) {
			v[k] = r.value
		} else {
			v[k] += r.value
		}
	}
	return t, nil
}

func nanSlice(n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = math.NaN()
	}
	return x
}
