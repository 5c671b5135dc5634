package report

import (
	"errors"
	"fmt"
	"math"
)

// WholeNumbers as Column.Decimals shows a numeric column without decimals
// whatever its kind.
const WholeNumbers = -1

// Column describes one column of a Table.
type Column struct {
	Key    string // machine key, as in lmi's CSV headers: "region", "value"
	Header string // Swedish header for people: "Region", "Värde"; Key when empty
	Kind   Kind   // what the column holds; KindText when zero
	// Decimals overrides the kind's display decimals (Kind.Decimals) when
	// positive; WholeNumbers shows none. Zero keeps the kind's default.
	Decimals int
	// Width is a display width hint in characters (Excel column width);
	// zero lets the writer choose from the header and the kind.
	Width float64
}

// Title returns the column's header, or its key when it has none.
func (c Column) Title() string {
	if c.Header != "" {
		return c.Header
	}
	return c.Key
}

// KindOr returns the column's kind, KindText when unset.
func (c Column) KindOr() Kind {
	if c.Kind.Valid() {
		return c.Kind
	}
	return KindText
}

// DecimalsFor returns the decimals shown for a value of kind k in this
// column: the column's override, else k's default.
func (c Column) DecimalsFor(k Kind) int {
	switch {
	case c.Decimals == WholeNumbers:
		return 0
	case c.Decimals > 0:
		return c.Decimals
	}
	return k.Decimals()
}

// State says whether a cell holds a value and, when not, why.
type State uint8

// The states of a cell. The zero State is Missing.
const (
	Missing       State = iota // no observation; shown empty
	Value                      // a number (numeric kinds) or a text
	Suppressed                 // withheld: confidential or too uncertain; shown ".."
	NotApplicable              // cannot occur or not available; shown "."
	Nothing                    // nothing to report, zero by definition; shown "-"
)

// Symbol returns the symbol shown for a cell in state s without a value:
// "..", ".", "-", or "" for Missing and Value.
func (s State) Symbol() string {
	switch s {
	case Suppressed:
		return SymbolSuppressed
	case NotApplicable:
		return SymbolNotApplicable
	case Nothing:
		return SymbolNothing
	}
	return ""
}

// Cell is one value of a row. The zero Cell is missing. Writers read Num
// when the cell's kind (KindIn) is numeric and Str otherwise.
type Cell struct {
	State State
	Num   float64 // the value of a numeric cell, full precision
	Str   string  // the value of a text or code cell
	// Kind, when set, overrides the column's kind for this cell: lmi's long
	// tables hold indicators of different units in one value column.
	Kind Kind
}

// Num returns a numeric cell. NaN and infinities give a missing cell.
func Num(v float64) Cell {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return Cell{}
	}
	return Cell{State: Value, Num: v}
}

// NumOf returns a numeric cell of kind k (see Cell.Kind).
func NumOf(v float64, k Kind) Cell {
	c := Num(v)
	c.Kind = k
	return c
}

// Str returns a text cell.
func Str(s string) Cell { return Cell{State: Value, Str: s} }

// Mark returns a cell without a value in state s (Suppressed,
// NotApplicable, Nothing or Missing).
func Mark(s State) Cell { return Cell{State: s} }

// KindIn returns the cell's kind in column c.
func (x Cell) KindIn(c Column) Kind {
	if x.Kind.Valid() {
		return x.Kind
	}
	return c.KindOr()
}

// Rows yields a table's rows one at a time. Next fills row, whose length
// is the number of columns, and reports whether there was a row; the
// caller reuses row between calls, so Next must set every cell. After Next
// returns false, Err reports what stopped it (nil at the end of the rows).
type Rows interface {
	Next(row []Cell) bool
	Err() error
}

// Table is a table to write: its columns, and its rows read once.
type Table struct {
	Name    string   // machine name, for file and sheet names: "matching"
	Title   string   // Swedish title: "Matchningsgrad efter län"
	Columns []Column // at least one
	Rows    Rows     // read once by the writer; nil for no rows
	Notes   []string // Swedish notes shown under the table
}

// ErrNoColumns is returned by Table.Check for a table without columns.
var ErrNoColumns = errors.New("table has no columns")

// Check reports whether the table can be written: it has columns, their
// keys are unique and not empty, and their kinds are valid or unset.
func (t *Table) Check() error {
	if len(t.Columns) == 0 {
		return fmt.Errorf("table %q: %w", t.Name, ErrNoColumns)
	}
	seen := make(map[string]bool, len(t.Columns))
	for i, c := range t.Columns {
		if c.Key == "" {
			return fmt.Errorf("table %q: column %d has no key", t.Name, i+1)
		}
		if seen[c.Key] {
			return fmt.Errorf("table %q: column key %q twice", t.Name, c.Key)
		}
		seen[c.Key] = true
		if c.Kind != 0 && !c.Kind.Valid() {
			return fmt.Errorf("table %q: column %q: invalid kind %d", t.Name, c.Key, c.Kind)
		}
	}
	return nil
}

// ColumnIndex returns the index of the column with key, or -1.
func (t *Table) ColumnIndex(key string) int {
	for i, c := range t.Columns {
		if c.Key == key {
			return i
		}
	}
	return -1
}

// SliceRows returns Rows over rows held in memory. Each row is copied into
// the caller's buffer; a short row is padded with missing cells.
func SliceRows(rows [][]Cell) Rows { return &sliceRows{rows: rows} }

type sliceRows struct {
	rows [][]Cell
	i    int
}

func (s *sliceRows) Next(row []Cell) bool {
	if s.i >= len(s.rows) {
		return false
	}
	n := copy(row, s.rows[s.i])
	clear(row[n:])
	s.i++
	return true
}

func (s *sliceRows) Err() error { return nil }

// FuncRows returns Rows that call next for each row: next fills row and
// returns false at the end, or an error.
func FuncRows(next func(row []Cell) (bool, error)) Rows { return &funcRows{next: next} }

type funcRows struct {
	next func([]Cell) (bool, error)
	err  error
	done bool
}

func (f *funcRows) Next(row []Cell) bool {
	if f.done {
		return false
	}
	ok, err := f.next(row)
	if err != nil || !ok {
		f.err, f.done = err, true
		return false
	}
	return true
}

func (f *funcRows) Err() error { return f.err }
