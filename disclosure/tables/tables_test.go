package tables

import (
	"math"
	"testing"

	"lmi/disclosure"
)

// testRegions: kommuner k1, k2 in län L1 and k3 in L2; FA regions cross
// them: F1 = k1, F2 = k2 + k3.
func testRegions() Regions {
	return Regions{of: map[string]map[string]string{
		"kommun": {"k1": "k1", "k2": "k2", "k3": "k3"},
		"lan":    {"k1": "L1", "k2": "L1", "k3": "L2"},
		"fa":     {"k1": "F1", "k2": "F2", "k3": "F2"},
		"riket":  {"k1": "00", "k2": "00", "k3": "00"},
	}}
}

var (
	famStatus = &Family{Name: "status", Dims: []string{"sex"},
		Quantities: map[string]Counts{"emp": {Numerator: "employed"}, "pop": {Numerator: "population"},
			"oth": {Numerator: "other"}, "rate": {Numerator: "employed", Denominator: "population"}},
		Relations: []Relation{{Total: "population", Parts: []string{"employed", "other"}}}}
	famCommuting = &Family{Name: "commuting", Dims: []string{"sex"},
		Quantities: map[string]Counts{"night": {Numerator: "night"}},
		Shared:     []Shared{{Quantity: "night", Family: "status", As: "employed"}}}
	famFlows = &Family{Name: "flows", Dims: nil,
		Quantities: map[string]Counts{"p1": {Numerator: "population1"}, "p2": {Numerator: "population2"}, "in": {Numerator: "entries"}, "out": {Numerator: "exits"}},
		Relations:  []Relation{{Total: "population2", Parts: []string{"population1", "entries"}, Minus: []string{"exits"}}},
		Periods:    []PeriodIdentity{{Quantity: "population1", Equals: "population2", Lag: 1}}}
)

const blank = -1.0

// add collects a row; blank values are suppressed.
func add(t *testing.T, c *Collector, fam, ind, level, region, period string, dims []string, num float64) int32 {
	t.Helper()
	r := Row{Indicator: ind, Level: level, Region: region, Period: period, Dims: dims, Num: num, Den: math.NaN()}
	if num == blank {
		r.Num, r.Suppressed = math.NaN(), true
	}
	i, _, err := c.Add(fam, r)
	if err != nil {
		t.Fatal(err)
	}
	return i
}

// bounds audits the problem with every blank count unknown and returns
// the attacker's bounds on count i.
func bounds(t *testing.T, p *Problem, i int32) (float64, float64) {
	t.Helper()
	pt, err := p.Primary(0)
	if err != nil {
		t.Fatal(err)
	}
	res, err := disclosure.Audit(pt, disclosure.Config{K: 5})
	if err != nil {
		t.Fatal(err)
	}
	b, ok := res.Bounds(disclosure.Cell(i))
	if !ok {
		return p.Value(disclosure.Cell(i)), p.Value(disclosure.Cell(i))
	}
	return b.Lo, b.Hi
}

// TestCrossingHierarchies: employed k1 = 3, k2 = 10, k3 = 4; L1 = 13,
// L2 = 4, F1 = 3, F2 = 14, riket 17. Hidden below 5 at every level: k1,
// k3, L2, F1. L1 - k2 gives k1 = 3 and F2 - k2 gives k3 = 4; L2 and F1
// follow.
func TestCrossingHierarchies(t *testing.T) {
	c := NewCollector([]*Family{famStatus})
	tot := []string{"TOT"}
	k1 := add(t, c, "status", "emp", "kommun", "k1", "2022", tot, blank)
	add(t, c, "status", "emp", "kommun", "k2", "2022", tot, 10)
	k3 := add(t, c, "status", "emp", "kommun", "k3", "2022", tot, blank)
	add(t, c, "status", "emp", "lan", "L1", "2022", tot, 13)
	l2 := add(t, c, "status", "emp", "lan", "L2", "2022", tot, blank)
	f1 := add(t, c, "status", "emp", "fa", "F1", "2022", tot, blank)
	add(t, c, "status", "emp", "fa", "F2", "2022", tot, 14)
	add(t, c, "status", "emp", "riket", "00", "2022", tot, 17)
	p, err := c.Build(testRegions())
	if err != nil {
		t.Fatal(err)
	}
	// lan <- kommun (2), fa <- kommun (2), riket <- kommun, lan, fa, and
	// the regions that are one kommun (k3 = L2, as Gotland, k1 = F1).
	if p.Relations != 9 || p.Broken != 0 {
		t.Errorf("relations %d, broken %d; want 9, 0", p.Relations, p.Broken)
	}
	for _, w := range []struct {
		i      int32
		lo, hi float64
	}{{k1, 3, 3}, {k3, 4, 4}, {l2, 4, 4}, {f1, 3, 3}} {
		if lo, hi := bounds(t, p, w.i); lo != w.lo || hi != w.hi {
			t.Errorf("%s: [%g, %g], want [%g, %g]", c.Name(w.i), lo, hi, w.lo, w.hi)
		}
	}
}

// TestSharedCellAndDimensions: status hides employed (3) of sex 1 in k1,
// commuting publishes its night population (the same count); sex 2 has
// employed 9, other 2 (hidden) and population 11 published; the TOT row
// publishes population 20 and hides employed 12. Then employed sex 1 is
// 3 from commuting; other sex 2 = 11 - 9 = 2 within the cell; employed
// TOT = 3 + 9 across the dimension. One more row of the rate, suppressed,
// adds no count.
func TestSharedCellAndDimensions(t *testing.T) {
	c := NewCollector([]*Family{famStatus, famCommuting})
	d1, d2, dt := []string{"1"}, []string{"2"}, []string{"TOT"}
	e1 := add(t, c, "status", "emp", "kommun", "k1", "2022", d1, blank)
	add(t, c, "commuting", "night", "kommun", "k1", "2022", d1, 3)
	add(t, c, "status", "emp", "kommun", "k1", "2022", d2, 9)
	o2 := add(t, c, "status", "oth", "kommun", "k1", "2022", d2, blank)
	add(t, c, "status", "pop", "kommun", "k1", "2022", d2, 11)
	et := add(t, c, "status", "emp", "kommun", "k1", "2022", dt, blank)
	add(t, c, "status", "pop", "kommun", "k1", "2022", dt, 20)
	n := c.Len()
	if _, _, err := c.Add("status", Row{Indicator: "rate", Level: "kommun", Region: "k1", Period: "2022", Dims: d1, Num: math.NaN(), Den: math.NaN(), Suppressed: true}); err != nil {
		t.Fatal(err)
	}
	if c.Len() != n+1 { // population of sex 1, blank
		t.Errorf("the rate row added %d counts, want 1", c.Len()-n)
	}
	p, err := c.Build(testRegions())
	if err != nil {
		t.Fatal(err)
	}
	if p.Ties != 1 {
		t.Errorf("ties %d, want 1", p.Ties)
	}
	for _, w := range []struct {
		i      int32
		lo, hi float64
	}{{e1, 3, 3}, {o2, 2, 2}, {et, 12, 12}} {
		if lo, hi := bounds(t, p, w.i); lo != w.lo || hi != w.hi {
			t.Errorf("%s: [%g, %g], want [%g, %g]", c.Name(w.i), lo, hi, w.lo, w.hi)
		}
	}
}

// TestPeriodIdentity: population 2021-2022 of year 1 (100) is hidden, but
// it is year 2 of 2020-2021, published; exits 2021-2022 are then
// 100 + 7 - 104 = 3. A relation the published counts break is left out.
func TestPeriodIdentity(t *testing.T) {
	c := NewCollector([]*Family{famFlows})
	add(t, c, "flows", "p2", "riket", "00", "2020-2021", nil, 100)
	p1 := add(t, c, "flows", "p1", "riket", "00", "2021-2022", nil, blank)
	add(t, c, "flows", "in", "riket", "00", "2021-2022", nil, 7)
	out := add(t, c, "flows", "out", "riket", "00", "2021-2022", nil, blank)
	add(t, c, "flows", "p2", "riket", "00", "2021-2022", nil, 104)
	// 2019-2020: 50 + 1 - 2 is not 60: broken.
	for ind, v := range map[string]float64{"p1": 50, "in": 1, "out": 2, "p2": 60} {
		add(t, c, "flows", ind, "riket", "00", "2019-2020", nil, v)
	}
	p, err := c.Build(testRegions())
	if err != nil {
		t.Fatal(err)
	}
	if p.Broken != 1 || p.Ties != 1 {
		t.Errorf("broken %d, ties %d; want 1, 1", p.Broken, p.Ties)
	}
	for _, w := range []struct {
		i      int32
		lo, hi float64
	}{{p1, 100, 100}, {out, 3, 3}} {
		if lo, hi := bounds(t, p, w.i); lo != w.lo || hi != w.hi {
			t.Errorf("%s: [%g, %g], want [%g, %g]", c.Name(w.i), lo, hi, w.lo, w.hi)
		}
	}
}

// TestMatrix: a commuting matrix at län level, L1 -> L2 hidden (2); the
// commuting family publishes out-commuters of L1 over its two sexes (2
// and 0) and the matrix's row L1 has no other cell off the diagonal, so
// the row gives it away. Its kommun cells k1 -> k3 (2) and k2 -> k3 (0,
// no row) nest in it.
func TestMatrix(t *testing.T) {
	mat := &Family{Name: "matrix", Dims: []string{"work_region"},
		Quantities: map[string]Counts{"m": {Numerator: "commuters"}},
		Matrix:     &Matrix{RegionDim: "work_region", Family: "commuting", Row: "out", Column: "in", Diagonal: "live"}}
	com := &Family{Name: "commuting", Dims: []string{"sex"},
		Quantities: map[string]Counts{"out": {Numerator: "out"}, "in": {Numerator: "in"}, "live": {Numerator: "live"}}}
	c := NewCollector([]*Family{mat, com})
	m := add(t, c, "matrix", "m", "lan", "L1", "2022", []string{"L2"}, blank)
	km := add(t, c, "matrix", "m", "kommun", "k1", "2022", []string{"k3"}, blank)
	add(t, c, "commuting", "out", "lan", "L1", "2022", []string{"1"}, 2)
	add(t, c, "commuting", "out", "lan", "L1", "2022", []string{"2"}, 0)
	p, err := c.Build(testRegions())
	if err != nil {
		t.Fatal(err)
	}
	if p.Relations != 2 {
		t.Errorf("relations %d, want 2 (a row, a nesting)", p.Relations)
	}
	for _, i := range []int32{m, km} {
		if lo, hi := bounds(t, p, i); lo != 2 || hi != 2 {
			t.Errorf("%s: [%g, %g], want [2, 2]", c.Name(i), lo, hi)
		}
	}
}

func TestShiftPeriod(t *testing.T) {
	for _, w := range []struct {
		in, out string
		ok      bool
	}{{"2022", "2021", true}, {"2021-2022", "2020-2021", true}, {"2022-01", "", false}, {"x", "", false}, {"22-23", "", false}} {
		got, ok := shiftPeriod(w.in, -1)
		if got != w.out || ok != w.ok {
			t.Errorf("shiftPeriod(%q) = %q, %v; want %q, %v", w.in, got, ok, w.out, w.ok)
		}
	}
}
