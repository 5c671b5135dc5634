package tables

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"lmi/disclosure"
)

// builder adds a collection's relations to a disclosure.Builder.
type builder struct {
	c   *Collector
	b   disclosure.Builder
	out *Problem
	err error
	// parent is a union-find over the counts tied so far, whose roots hold
	// the class's count in val (NaN while unknown), so that relations are
	// checked with what the ties make known.
	parent []int32
	val    []float64
}

func (bd *builder) find(x int32) int32 {
	for bd.parent[x] != x {
		bd.parent[x] = bd.parent[bd.parent[x]]
		x = bd.parent[x]
	}
	return x
}

// value is count x's count as far as known, through ties.
func (bd *builder) value(x int32) float64 { return bd.val[bd.find(x)] }

// Build turns the collection into a disclosure problem: cell i is count
// i, unknown where no row gives its number, with every relation of the
// package documentation over the levels of rs. It fails on rows of a
// level rs does not know.
func (c *Collector) Build(rs Regions) (*Problem, error) {
	bd := &builder{c: c, out: &Problem{}, parent: make([]int32, len(c.counts)), val: make([]float64, len(c.counts))}
	for i, ct := range c.counts {
		bd.parent[i], bd.val[i] = int32(i), ct.value
	}
	bd.b.Grow(len(c.counts), 6*len(c.counts))
	bd.b.SetKeys(func(x disclosure.Cell) string { return c.Name(int32(x)) })
	for _, ct := range c.counts {
		var err error
		if math.IsNaN(ct.value) {
			_, err = bd.b.AddUnknown()
		} else {
			_, err = bd.b.AddCell(ct.value)
		}
		if err != nil {
			return nil, err
		}
	}
	for _, ct := range c.counts {
		if lvl := c.str[ct.level]; !rs.Has(lvl) {
			return nil, fmt.Errorf("%w: %q", ErrUnknownLevel, lvl)
		}
	}
	bd.shared(false)
	bd.periods()
	bd.shared(true)
	bd.cellRelations()
	bd.regionRelations(rs)
	bd.dimensionTotals()
	bd.matrices(rs)
	if bd.err != nil {
		return nil, bd.err
	}
	p, err := bd.b.Build()
	if err != nil {
		return nil, err
	}
	bd.out.Problem = p
	return bd.out, nil
}

// ErrUnknownLevel is returned for an output level whose regions are
// unknown (a custom grouping without its file).
var ErrUnknownLevel = fmt.Errorf("unknown region level")

// sum adds total = sum of parts, unless every member is known and the
// counts break it.
func (bd *builder) sum(total int32, parts []int32) {
	if bd.err != nil || len(parts) == 0 {
		return
	}
	known := !math.IsNaN(bd.value(total))
	s := 0.0
	for _, p := range parts {
		v := bd.value(p)
		known = known && !math.IsNaN(v)
		s += v
	}
	if known && math.Abs(s-bd.value(total)) > 1e-9*(1+math.Abs(s)) {
		bd.out.Broken++
		return
	}
	cells := make([]disclosure.Cell, len(parts))
	for i, p := range parts {
		cells[i] = disclosure.Cell(p)
	}
	bd.err = bd.b.AddSum(disclosure.Cell(total), cells...)
	bd.out.Relations++
}

// sumOf adds sum of plus = sum of minus (both lists of counts), under the
// same rule as sum.
func (bd *builder) sumOf(plus, minus []int32) {
	if bd.err != nil || len(plus) == 0 || len(minus) == 0 {
		return
	}
	known, s := true, 0.0
	terms := make([]disclosure.Term, 0, len(plus)+len(minus))
	for _, x := range plus {
		known, s = known && !math.IsNaN(bd.value(x)), s+bd.value(x)
		terms = append(terms, disclosure.Term{Cell: disclosure.Cell(x), Coef: 1})
	}
	for _, x := range minus {
		known, s = known && !math.IsNaN(bd.value(x)), s-bd.value(x)
		terms = append(terms, disclosure.Term{Cell: disclosure.Cell(x), Coef: -1})
	}
	if known && math.Abs(s) > 1e-9 {
		bd.out.Broken++
		return
	}
	bd.err = bd.b.AddRelation(terms...)
	bd.out.Relations++
}

// equal ties two counts, unless both are known and differ.
func (bd *builder) equal(x, y int32) {
	if bd.err != nil {
		return
	}
	rx, ry := bd.find(x), bd.find(y)
	vx, vy := bd.val[rx], bd.val[ry]
	if !math.IsNaN(vx) && !math.IsNaN(vy) && vx != vy {
		bd.out.Broken++
		return
	}
	if rx != ry {
		bd.parent[ry] = rx
		if math.IsNaN(vx) {
			bd.val[rx] = vy
		}
	}
	bd.err = bd.b.AddEqual(disclosure.Cell(x), disclosure.Cell(y))
	bd.out.Ties++
}

// part says count x is a part of count y: y = x + rest, the rest a cell
// of its own that is never published. Where both are known and equal,
// they are tied instead, as an attacker would guess.
func (bd *builder) part(x, y int32) {
	if bd.err != nil {
		return
	}
	vx, vy := bd.value(x), bd.value(y)
	known := !math.IsNaN(vx) && !math.IsNaN(vy)
	if known && vx == vy {
		bd.equal(x, y)
		return
	}
	var rest disclosure.Cell
	if known {
		rest, bd.err = bd.b.AddCell(max(vy-vx, 0))
	} else {
		rest, bd.err = bd.b.AddUnknown()
	}
	if bd.err != nil {
		return
	}
	if known && vy < vx {
		bd.out.Broken++
		return
	}
	bd.out.Unpublished = append(bd.out.Unpublished, rest)
	bd.err = bd.b.AddSum(disclosure.Cell(y), disclosure.Cell(x), rest)
	bd.out.Relations++
}

// lookup finds the count of k with quantity q.
func (bd *builder) lookup(k key, q string) (int32, bool) {
	qi, ok := bd.c.strIdx[q]
	if !ok {
		return -1, false
	}
	k.q = qi
	i, ok := bd.c.index[k]
	return i, ok
}

// lookupAll finds the counts of k with these quantities; false when one
// is missing.
func (bd *builder) lookupAll(k key, qs []string) ([]int32, bool) {
	out := make([]int32, 0, len(qs))
	for _, q := range qs {
		j, ok := bd.lookup(k, q)
		if !ok {
			return nil, false
		}
		out = append(out, j)
	}
	return out, true
}

// cellRelations adds each family's identities within each cell.
func (bd *builder) cellRelations() {
	for i, ct := range bd.c.counts {
		f := bd.c.fams[ct.fam]
		for _, r := range f.Relations {
			if bd.c.str[ct.q] != r.Total {
				continue
			}
			parts, ok := bd.lookupAll(ct.key, r.Parts)
			minus, ok2 := bd.lookupAll(ct.key, r.Minus)
			if !ok || !ok2 {
				continue // a member the output lacks: no relation
			}
			bd.sumOf(append(minus, int32(i)), parts)
		}
	}
}

// regionRelations adds, for every pair of levels where one nests in the
// other, each region of the coarser level as the sum of its regions at
// the finer one.
func (bd *builder) regionRelations(rs Regions) {
	type group struct{ fam, q, period, dims int32 }
	byGroup := map[group]map[int32]map[int32]int32{} // -> level -> region -> count
	levels := map[int32]bool{}
	for i, ct := range bd.c.counts {
		f := bd.c.fams[ct.fam]
		if slices.Contains(f.RegionsApart, bd.c.str[ct.q]) {
			continue
		}
		if f.WholeLevels && !rs.Whole(bd.c.str[ct.level]) {
			continue
		}
		g := group{ct.fam, ct.q, ct.period, ct.dims}
		m := byGroup[g]
		if m == nil {
			m = map[int32]map[int32]int32{}
			byGroup[g] = m
		}
		if m[ct.level] == nil {
			m[ct.level] = map[int32]int32{}
		}
		m[ct.level][ct.region] = int32(i)
		levels[ct.level] = true
	}
	nests := bd.nests(rs, levels)
	for _, g := range sortedKeys(byGroup, func(a, b group) int {
		return cmpInts(a.fam, b.fam, a.q, b.q, a.period, b.period, a.dims, b.dims)
	}) {
		m := byGroup[g]
		for _, n := range nests {
			parents, children := m[n.parent], m[n.child]
			if parents == nil || children == nil {
				continue
			}
			for _, pr := range sortedKeys(parents, cmpInt32) {
				kids := n.regions[pr]
				if kids == nil {
					continue
				}
				var parts []int32
				for _, k := range kids {
					if j, ok := children[k]; ok {
						parts = append(parts, j)
					}
				}
				bd.sum(parents[pr], parts)
			}
		}
	}
}

// nest is the nesting of level child in level parent: each parent
// region's child regions, by interned code.
type nest struct {
	parent, child int32
	regions       map[int32][]int32
}

func (bd *builder) nests(rs Regions, levels map[int32]bool) []nest {
	ls := sortedKeys(levels, cmpInt32)
	var out []nest
	for _, p := range ls {
		for _, ch := range ls {
			m := rs.nesting(bd.c.str[p], bd.c.str[ch])
			if len(m) == 0 {
				continue
			}
			n := nest{parent: p, child: ch, regions: map[int32][]int32{}}
			for pr, kids := range m {
				pi, ok := bd.c.strIdx[pr]
				if !ok {
					continue
				}
				for _, k := range kids {
					if ki, ok := bd.c.strIdx[k]; ok {
						n.regions[pi] = append(n.regions[pi], ki)
					}
				}
			}
			out = append(out, n)
		}
	}
	return out
}

// dimensionTotals adds each TOT row of a dimension as the sum of the rows
// it totals, where the output has both.
func (bd *builder) dimensionTotals() {
	tot, ok := bd.c.strIdx[Total]
	if !ok {
		return
	}
	type parent struct {
		k   key
		dim int
	}
	parts := map[parent][]int32{}
	scratch := []int32{}
	for i, ct := range bd.c.counts {
		ds := bd.c.dims[ct.dims]
		for j, d := range ds {
			if d == tot {
				continue
			}
			scratch = append(scratch[:0], ds...)
			scratch[j] = tot
			pd, ok := bd.c.dimsIdx[bd.joinIDs(scratch)]
			if !ok {
				continue
			}
			pk := ct.key
			pk.dims = pd
			if _, ok := bd.c.index[pk]; ok {
				parts[parent{pk, j}] = append(parts[parent{pk, j}], int32(i))
			}
		}
	}
	for _, p := range sortedKeys(parts, func(a, b parent) int {
		return cmpInts(bd.c.index[a.k], bd.c.index[b.k], int32(a.dim), int32(b.dim))
	}) {
		bd.sum(bd.c.index[p.k], parts[p])
	}
}

func (bd *builder) joinIDs(ids []int32) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = bd.c.str[id]
	}
	return strings.Join(s, "\x00")
}

// shared ties the counts two families declare the same, or, with part,
// adds the counts declared part of another's.
func (bd *builder) shared(part bool) {
	for i, ct := range bd.c.counts {
		f := bd.c.fams[ct.fam]
		for _, s := range f.Shared {
			if bd.c.str[ct.q] != s.Quantity || s.Part != part {
				continue
			}
			gi, ok := bd.c.famIdx[s.Family]
			if !ok {
				continue
			}
			k, ok := bd.alignDims(ct.key, f, bd.c.fams[gi])
			if !ok {
				continue
			}
			k.fam = gi
			j, ok := bd.lookup(k, s.As)
			switch {
			case !ok:
			case s.Part:
				bd.part(int32(i), j)
			default:
				bd.equal(int32(i), j)
			}
		}
	}
}

// alignDims rewrites k's dimensions for family g: a dimension both have
// keeps its value, one only g has is TOT; false when k has a dimension g
// lacks at another value than TOT.
func (bd *builder) alignDims(k key, f, g *Family) (key, bool) {
	ds := bd.c.dims[k.dims]
	vals := make([]string, len(g.Dims))
	for j, d := range g.Dims {
		vals[j] = Total
		if x := slices.Index(f.Dims, d); x >= 0 {
			vals[j] = bd.c.str[ds[x]]
		}
	}
	for x, d := range f.Dims {
		if !slices.Contains(g.Dims, d) && bd.c.str[ds[x]] != Total {
			return k, false
		}
	}
	di, ok := bd.c.dimsIdx[strings.Join(vals, "\x00")]
	k.dims = di
	return k, ok
}

// periods ties a quantity to another of an earlier period, where a family
// declares the identity.
func (bd *builder) periods() {
	for i, ct := range bd.c.counts {
		f := bd.c.fams[ct.fam]
		for _, pi := range f.Periods {
			if bd.c.str[ct.q] != pi.Quantity {
				continue
			}
			earlier, ok := shiftPeriod(bd.c.str[ct.period], -pi.Lag)
			if !ok {
				continue
			}
			e, ok := bd.c.strIdx[earlier]
			if !ok {
				continue
			}
			k := ct.key
			k.period = e
			if j, ok := bd.lookup(k, pi.Equals); ok {
				bd.equal(int32(i), j)
			}
		}
	}
}

// shiftPeriod moves a period of a year (YYYY) or a pair of years
// (YYYY-YYYY) by d years.
func shiftPeriod(p string, d int) (string, bool) {
	a, b, pair := strings.Cut(p, "-")
	y1, err := strconv.Atoi(a)
	if err != nil || len(a) != 4 {
		return "", false
	}
	if !pair {
		return strconv.Itoa(y1 + d), true
	}
	y2, err := strconv.Atoi(b)
	if err != nil || len(b) != 4 {
		return "", false
	}
	return strconv.Itoa(y1+d) + "-" + strconv.Itoa(y2+d), true
}

func sortedKeys[K comparable, V any](m map[K]V, cmp func(a, b K) int) []K {
	ks := make([]K, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.SortFunc(ks, cmp)
	return ks
}

func cmpInt32(a, b int32) int { return cmpInts(a, b) }

// cmpInts compares pairs in order: cmpInts(a1, b1, a2, b2, ...).
func cmpInts(xs ...int32) int {
	for i := 0; i+1 < len(xs); i += 2 {
		if xs[i] != xs[i+1] {
			if xs[i] < xs[i+1] {
				return -1
			}
			return 1
		}
	}
	return 0
}
