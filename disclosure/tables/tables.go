package tables

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"lmi/disclosure"
)

// Total is the value of a dimension in a row that spans all its values.
const Total = "TOT"

// Family is what disclosure control needs to know of one indicator family.
type Family struct {
	Name string
	// Dims are the family's dimension columns, in order.
	Dims []string
	// Quantities gives, per indicator, the counts behind its value; an
	// indicator without counts (a model output) is left out.
	Quantities map[string]Counts
	// Relations are identities among the quantities of one cell.
	Relations []Relation
	// Shared are counts this family publishes that another family
	// publishes too.
	Shared []Shared
	// Periods are identities between a quantity and another of an
	// earlier period.
	Periods []PeriodIdentity
	// Matrix, when set, makes the family a matrix of two regions.
	Matrix *Matrix
	// RegionsApart lists the quantities that do not add up across nested
	// regions: the commuting family's in- and out-commuters (who commutes
	// depends on the level), flows given by län for some rows and by
	// kommun for others (a kommun's count lacks the rows given by län).
	RegionsApart []string
	// WholeLevels says the counts add up across regions only between
	// levels that cover every kommun: at a custom grouping that leaves
	// kommuner out they count fewer persons (commuting: both home and
	// workplace must lie in the grouping's regions).
	WholeLevels bool
}

// Counts names the numerator and denominator quantities of an indicator;
// Denominator is empty for a count.
type Counts struct{ Numerator, Denominator string }

// Relation says Total = sum of Parts - sum of Minus within one cell.
type Relation struct {
	Total        string
	Parts, Minus []string
}

// Shared says that Quantity of this family is the count As of Family, for
// the same region, period and dimensions (a dimension one of the two
// lacks is TOT in the other). With Part, it is a part of that count, and
// the rest is never published: the commuting family's night population
// (the employed with a known workplace) is part of the status family's
// employed, most often all of it.
type Shared struct {
	Quantity, Family, As string
	Part                 bool
}

// PeriodIdentity says that Quantity of a period equals Equals of the
// period Lag earlier (periods are years, YYYY, or pairs of years,
// YYYY-YYYY).
type PeriodIdentity struct {
	Quantity, Equals string
	Lag              int
}

// Matrix declares a family whose dimension RegionDim is a second region
// of the row's level: its cells nest in both regions at once, and its
// margins are counts of Family, over all of that family's dimensions: a
// row off the diagonal sums to Row of the row's region, a column off the
// diagonal to Column of the column's region, the diagonal is Diagonal.
type Matrix struct {
	RegionDim                     string
	Family, Row, Column, Diagonal string
}

// Row is one row of a family's long output. Num and Den are NaN where the
// row has no number (a suppressed row, or an indicator without that
// count).
type Row struct {
	Indicator, Level, Region, Period string
	Dims                             []string // in Family.Dims order
	Num, Den                         float64
	Suppressed                       bool
	// Primary says the row is suppressed because one of its counts is
	// below k; Reasoned that the row gives a reason at all (outputs with
	// a reason column).
	Primary, Reasoned bool
}

// Count is one count of the problem: the cell of Problem.Cell.
type Count struct {
	Family, Quantity, Level, Region, Period string
	Dims                                    []string
	// Value is NaN when no row gives it.
	Value float64
	// Published is true when a row shows it.
	Published bool
	// Primary is true when a row that shows only this count says it is
	// suppressed as below k; Other when such a row gives another reason
	// (secondary, not published by SCB).
	Primary, Other bool
}

// ErrUnknownFamily is returned for rows of a family not declared.
var ErrUnknownFamily = errors.New("unknown family")

// key identifies a count by interned strings.
type key struct{ fam, q, level, region, period, dims int32 }

// count is one count as collected.
type count struct {
	key
	value          float64
	published      bool
	primary, other bool
}

// Collector gathers the counts behind rows of lmi's outputs. Its zero
// value is not usable: call NewCollector.
type Collector struct {
	fams    []*Family
	famIdx  map[string]int32
	str     []string
	strIdx  map[string]int32
	dims    [][]int32 // interned dims tuples
	dimsIdx map[string]int32
	counts  []count
	index   map[key]int32
}

// NewCollector starts a collection for these families.
func NewCollector(fams []*Family) *Collector {
	c := &Collector{famIdx: map[string]int32{}, strIdx: map[string]int32{}, dimsIdx: map[string]int32{}, index: map[key]int32{}}
	for _, f := range fams {
		c.famIdx[f.Name] = int32(len(c.fams))
		c.fams = append(c.fams, f)
	}
	return c
}

func (c *Collector) intern(s string) int32 {
	if i, ok := c.strIdx[s]; ok {
		return i
	}
	i := int32(len(c.str))
	c.str = append(c.str, s)
	c.strIdx[s] = i
	return i
}

func (c *Collector) internDims(vals []string) int32 {
	k := strings.Join(vals, "\x00")
	if i, ok := c.dimsIdx[k]; ok {
		return i
	}
	ids := make([]int32, len(vals))
	for j, v := range vals {
		ids[j] = c.intern(v)
	}
	i := int32(len(c.dims))
	c.dims = append(c.dims, ids)
	c.dimsIdx[k] = i
	return i
}

// Add collects a row of family's output and returns the indexes of its
// numerator's and denominator's counts (-1 when it has none). A row of an
// indicator without counts, or of the region spanning all regions, adds
// nothing.
func (c *Collector) Add(family string, r Row) (num, den int32, err error) {
	fi, ok := c.famIdx[family]
	if !ok {
		return -1, -1, fmt.Errorf("%w: %q", ErrUnknownFamily, family)
	}
	f := c.fams[fi]
	q, ok := f.Quantities[r.Indicator]
	if !ok || q.Numerator == "" || r.Region == "*" {
		return -1, -1, nil
	}
	if len(r.Dims) != len(f.Dims) {
		return -1, -1, fmt.Errorf("family %s: a row with %d dimensions, want %d", family, len(r.Dims), len(f.Dims))
	}
	k := key{fam: fi, level: c.intern(r.Level), region: c.intern(r.Region), period: c.intern(r.Period), dims: c.internDims(r.Dims)}
	only := q.Denominator == ""
	num = c.addCount(k, q.Numerator, r.Num, r.Suppressed, r.Primary && only, r.Reasoned && !r.Primary && only)
	den = -1
	if q.Denominator != "" {
		den = c.addCount(k, q.Denominator, r.Den, r.Suppressed, false, false)
	}
	return num, den, nil
}

func (c *Collector) addCount(k key, quantity string, v float64, suppressed, primary, other bool) int32 {
	k.q = c.intern(quantity)
	i, ok := c.index[k]
	if !ok {
		i = int32(len(c.counts))
		c.counts = append(c.counts, count{key: k, value: math.NaN()})
		c.index[k] = i
	}
	ct := &c.counts[i]
	if !math.IsNaN(v) {
		ct.value = v
		ct.published = ct.published || !suppressed
	}
	ct.primary = ct.primary || primary
	ct.other = ct.other || (other && suppressed)
	return i
}

// Len returns the number of counts collected.
func (c *Collector) Len() int { return len(c.counts) }

// Count describes count i.
func (c *Collector) Count(i int32) Count {
	ct := c.counts[i]
	dims := make([]string, len(c.dims[ct.dims]))
	for j, d := range c.dims[ct.dims] {
		dims[j] = c.str[d]
	}
	return Count{
		Family: c.fams[ct.fam].Name, Quantity: c.str[ct.q], Level: c.str[ct.level],
		Region: c.str[ct.region], Period: c.str[ct.period], Dims: dims,
		Value: ct.value, Published: ct.published, Primary: ct.primary, Other: ct.other,
	}
}

// Name formats count i for messages: family, quantity, region, period
// and the dimensions that are not TOT.
func (c *Collector) Name(i int32) string {
	ct := c.Count(i)
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s, %s %s, %s", ct.Family, ct.Quantity, ct.Level, ct.Region, ct.Period)
	f := c.fams[c.counts[i].fam]
	for j, d := range ct.Dims {
		if d != Total {
			fmt.Fprintf(&b, ", %s %s", f.Dims[j], d)
		}
	}
	return b.String()
}

// Problem is the disclosure problem of a collection: cell i is count i.
type Problem struct {
	*disclosure.Problem
	// Relations counts the relations added, Broken those left out because
	// the known counts break them, Ties the counts tied as shared.
	Relations, Broken, Ties int
	// Unpublished are cells past the collection's counts that no output
	// publishes (the rest of a shared count a part of which is published):
	// a pattern must keep them hidden.
	Unpublished []disclosure.Cell
}
