package cube

import (
	"errors"
	"fmt"
	"math"
)

// Role says what a dimension means, when the source says so.
type Role string

const (
	RoleNone   Role = ""
	RoleTime   Role = "time"   // years, quarters ("2024K1"), months ("2024M01")
	RoleGeo    Role = "geo"    // regions
	RoleMetric Role = "metric" // SCB's ContentsCode: what is counted, and its unit
)

// Value is one coded value of a dimension.
type Value struct {
	Code  string
	Label string
}

// Dimension is a variable of the table with its values in source order.
type Dimension struct {
	Code   string // the source's variable code ("Region", "Tid", "ContentsCode")
	Label  string
	Role   Role
	Values []Value
}

// Table is a published statistical table. Cells are stored row-major over
// Dimensions: the last dimension varies fastest, as in PX-Web and json-stat.
type Table struct {
	ID       string // the source's table id ("YREG60", "TAB1234")
	Title    string
	Source   string // publisher ("SCB", "Arbetsförmedlingen")
	Updated  string // the source's last-updated stamp, as given
	Language string // "sv", "en"

	Dimensions []Dimension
	Values     []float64 // NaN where Status is not ""
	Status     []string  // "" for a number; else the symbol the source printed
	Notes      []string  // free-text notes worth keeping
}

// Missing-value symbols. SCB's dot codes; Arbetsförmedlingen's censoring.
const (
	StatusMissing      = ".."  // not available, or too uncertain to publish
	StatusNotPossible  = "."   // not applicable / logically impossible
	StatusZero         = "-"   // nothing to report (exactly zero)
	StatusConfidential = "..." // confidential (PC-Axis DATASYMBOL3 default)
	StatusCensored     = "<5"  // a count of 1 to 4, withheld
)

// Errors returned by Validate.
var (
	ErrShape     = errors.New("cell count does not match the dimensions")
	ErrDuplicate = errors.New("duplicate value code")
	ErrEmpty     = errors.New("dimension without values")
)

// Len is the number of cells the dimensions span.
func (t *Table) Len() int {
	if len(t.Dimensions) == 0 {
		return 0
	}
	n := 1
	for _, d := range t.Dimensions {
		n *= len(d.Values)
	}
	return n
}

// Offset returns the cell index of the value indices idx (one per dimension).
func (t *Table) Offset(idx []int) int {
	off := 0
	for i, d := range t.Dimensions {
		off = off*len(d.Values) + idx[i]
	}
	return off
}

// Dimension finds a dimension by code.
func (t *Table) Dimension(code string) (*Dimension, int, bool) {
	for i := range t.Dimensions {
		if t.Dimensions[i].Code == code {
			return &t.Dimensions[i], i, true
		}
	}
	return nil, -1, false
}

// Index returns the position of a value code in the dimension.
func (d *Dimension) Index(code string) (int, bool) {
	for i, v := range d.Values {
		if v.Code == code {
			return i, true
		}
	}
	return -1, false
}

// Validate checks the table is well formed: values and statuses span the
// dimensions exactly, codes are unique within a dimension, a cell with a
// status has no number.
func (t *Table) Validate() error {
	for _, d := range t.Dimensions {
		if len(d.Values) == 0 {
			return fmt.Errorf("%s: dimension %s: %w", t.ID, d.Code, ErrEmpty)
		}
		seen := make(map[string]bool, len(d.Values))
		for _, v := range d.Values {
			if seen[v.Code] {
				return fmt.Errorf("%s: dimension %s: %w %q", t.ID, d.Code, ErrDuplicate, v.Code)
			}
			seen[v.Code] = true
		}
	}
	n := t.Len()
	if len(t.Values) != n || len(t.Status) != n {
		return fmt.Errorf("%s: %w: %d values and %d statuses for %d cells", t.ID, ErrShape, len(t.Values), len(t.Status), n)
	}
	for i, s := range t.Status {
		if s != "" && !math.IsNaN(t.Values[i]) {
			return fmt.Errorf("%s: cell %d has status %q and the number %v", t.ID, i, s, t.Values[i])
		}
	}
	return nil
}

// New allocates a table for the dimensions with every cell missing.
func New(dims []Dimension) *Table {
	t := &Table{Dimensions: dims}
	n := t.Len()
	t.Values = make([]float64, n)
	t.Status = make([]string, n)
	for i := range t.Values {
		t.Values[i] = math.NaN()
		t.Status[i] = StatusMissing
	}
	return t
}

// Set stores a number in cell i.
func (t *Table) Set(i int, v float64) {
	t.Values[i], t.Status[i] = v, ""
}

// SetStatus marks cell i as having no number, for the given reason.
func (t *Table) SetStatus(i int, status string) {
	t.Values[i], t.Status[i] = math.NaN(), status
}
