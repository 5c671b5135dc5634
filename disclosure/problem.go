package disclosure

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// Cell names one count of a problem: the index AddCell returned, from 0 in
// the order cells were added.
type Cell int32

// Term is one member of a linear relation: Coef times the cell's count.
type Term struct {
	Cell Cell
	Coef int32
}

// MaxCoef bounds the coefficients of a relation. lmi's identities use 1
// and -1; the bound keeps every sum of coefficients times counts exact in
// float64 for any realistic count.
const MaxCoef = 1 << 16

// maxMembers keeps offsets and indices in int32.
const maxMembers = math.MaxInt32 - 1

var (
	// ErrUnknownCell is returned for a Cell that AddCell did not return.
	ErrUnknownCell = errors.New("unknown cell")
	// ErrBadValue is returned for a count that is negative, NaN or
	// infinite.
	ErrBadValue = errors.New("count must be finite and non-negative")
	// ErrBadRelation is returned for a relation without members or with a
	// coefficient that is 0 or larger than MaxCoef in magnitude.
	ErrBadRelation = errors.New("bad relation")
	// ErrInconsistent is returned by Build when the counts break a
	// relation or an equality: the attacker's problem would have no
	// solution, and the caller built the problem from the wrong numbers.
	ErrInconsistent = errors.New("counts break a relation")
	// ErrTooLarge is returned when the cells or relation memberships no
	// longer fit the int32 indices.
	ErrTooLarge = errors.New("problem too large")
)

// Builder collects cells and relations. Its zero value is ready to use.
// Build turns it into a Problem and leaves it empty.
type Builder struct {
	values  []float64
	forced  []bool
	unknown []bool  // counts the caller does not know (AddUnknown)
	eq      []int32 // pairs of cells with the same count
	relOff  []int32 // relation r's members are relCell[relOff[r]:relOff[r+1]]
	relCell []int32
	relCoef []int32
	key     func(Cell) string
}

// Grow makes room for cells more cells and members more relation
// memberships, so that building a large problem does not copy its arrays
// as they grow.
func (b *Builder) Grow(cells, members int) {
	if cells > 0 {
		b.values = slices.Grow(b.values, cells)
		b.forced = slices.Grow(b.forced, cells)
		b.unknown = slices.Grow(b.unknown, cells)
	}
	if members > 0 {
		b.relCell = slices.Grow(b.relCell, members)
		b.relCoef = slices.Grow(b.relCoef, members)
	}
}

// SetKeys gives the function that names a cell in error messages and in
// Problem.Key; lmi passes one that formats the count's name, region,
// period and dimensions, so that the problem need not hold a string per
// cell.
func (b *Builder) SetKeys(key func(Cell) string) { b.key = key }

// AddCell adds a count and returns its Cell.
func (b *Builder) AddCell(value float64) (Cell, error) {
	if math.IsNaN(value) || math.IsInf(value, 0) || value < 0 {
		return -1, fmt.Errorf("add cell %d (%g): %w", len(b.values), value, ErrBadValue)
	}
	if len(b.values) >= maxMembers {
		return -1, fmt.Errorf("add cell: %w: more than %d cells", ErrTooLarge, maxMembers)
	}
	b.values = append(b.values, value)
	b.forced = append(b.forced, false)
	b.unknown = append(b.unknown, false)
	return Cell(len(b.values) - 1), nil
}

// AddUnknown adds a hidden count whose value the caller does not know: an
// attacker's view of a published table, where suppressed counts are
// blank. Its pattern hides it (Primary makes it Secondary; SetPrimary
// marks the ones whose protection is checked), Audit bounds it from the
// published counts alone, and Protect refuses a problem with unknown
// counts. A cell tied by AddEqual to a known one takes its count.
func (b *Builder) AddUnknown() (Cell, error) {
	if len(b.values) >= maxMembers {
		return -1, fmt.Errorf("add cell: %w: more than %d cells", ErrTooLarge, maxMembers)
	}
	b.values = append(b.values, math.NaN())
	b.forced = append(b.forced, false)
	b.unknown = append(b.unknown, true)
	return Cell(len(b.values) - 1), nil
}

// ForcePublish marks a cell as public whatever its count (a number SCB
// itself published, say): it is never suppressed, and the attacker knows
// it.
func (b *Builder) ForcePublish(c Cell) error {
	if err := b.check(c); err != nil {
		return fmt.Errorf("force publish: %w", err)
	}
	b.forced[c] = true
	return nil
}

// AddEqual says that two cells publish the same count (employed in the
// status family and night population in the commuting family, say). The
// two share one status: hiding one and publishing the other would give it
// away.
func (b *Builder) AddEqual(x, y Cell) error {
	if err := b.check(x); err != nil {
		return fmt.Errorf("add equal: %w", err)
	}
	if err := b.check(y); err != nil {
		return fmt.Errorf("add equal: %w", err)
	}
	if x != y {
		b.eq = append(b.eq, int32(x), int32(y))
	}
	return nil
}

// AddSum adds the relation total = parts[0] + parts[1] + ...; a cell
// listed twice counts twice.
func (b *Builder) AddSum(total Cell, parts ...Cell) error {
	if len(parts) == 0 {
		return fmt.Errorf("add sum over %d: %w: no parts", total, ErrBadRelation)
	}
	terms := make([]Term, 0, len(parts)+1)
	terms = append(terms, Term{total, 1})
	for _, p := range parts {
		terms = append(terms, Term{p, -1})
	}
	return b.AddRelation(terms...)
}

// AddRelation adds the identity sum of Coef times count = 0 over terms, for
// any linear identity with small integer coefficients (population at the
// end = population at the start + entries - exits, say).
func (b *Builder) AddRelation(terms ...Term) error {
	if len(terms) == 0 {
		return fmt.Errorf("add relation: %w: no terms", ErrBadRelation)
	}
	for _, t := range terms {
		if err := b.check(t.Cell); err != nil {
			return fmt.Errorf("add relation: %w", err)
		}
		if t.Coef == 0 || t.Coef > MaxCoef || t.Coef < -MaxCoef {
			return fmt.Errorf("add relation: cell %d: %w: coefficient %d", t.Cell, ErrBadRelation, t.Coef)
		}
	}
	if len(b.relCell)+len(terms) > maxMembers {
		return fmt.Errorf("add relation: %w: more than %d memberships", ErrTooLarge, maxMembers)
	}
	if len(b.relOff) == 0 {
		b.relOff = append(b.relOff, 0)
	}
	for _, t := range terms {
		b.relCell = append(b.relCell, int32(t.Cell))
		b.relCoef = append(b.relCoef, t.Coef)
	}
	b.relOff = append(b.relOff, int32(len(b.relCell)))
	return nil
}

func (b *Builder) check(c Cell) error {
	if c < 0 || int(c) >= len(b.values) {
		return fmt.Errorf("cell %d: %w", c, ErrUnknownCell)
	}
	return nil
}

func (b *Builder) keyOf(c Cell) string {
	if b.key != nil {
		return b.key(c)
	}
	return fmt.Sprintf("cell %d", c)
}

// Problem is a frozen set of cells and relations. Cells tied by AddEqual
// form one count (a class, internally); relations are kept over classes in
// compressed sparse rows, with the transpose from each class to its
// relations.
type Problem struct {
	nCells   int
	classOf  []int32   // cell -> class
	value    []float64 // class -> count
	forced   []bool    // class -> publication forced
	size     []int32   // class -> cells in it
	rep      []int32   // class -> its smallest cell
	relOff   []int32   // relation r: relVar/relCoef[relOff[r]:relOff[r+1]], classes ascending
	relVar   []int32
	relCoef  []int32
	varOff   []int32 // class v: varRel[varOff[v]:varOff[v+1]], relations ascending
	varRel   []int32
	integral bool   // every count is a whole number
	unknown  []bool // class -> count unknown (AddUnknown); nil when none is
	maxCoef  int32  // largest |coefficient| after merging
	key      func(Cell) string
}

// Build freezes the builder into a Problem and leaves the builder empty. It
// merges equal cells, merges a class listed twice in one relation, drops
// relations that cancel out, and checks that every relation and equality
// holds for the counts.
func (b *Builder) Build() (*Problem, error) {
	p := &Problem{nCells: len(b.values), key: b.key}
	if err := b.buildClasses(p); err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	if err := b.buildRelations(p); err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	p.transpose()
	*b = Builder{}
	return p, nil
}

// buildClasses merges the cells tied by AddEqual with a union-find whose
// root is the smallest cell, so that class numbers follow cell order.
func (b *Builder) buildClasses(p *Problem) error {
	n := len(b.values)
	p.classOf = make([]int32, n)
	var parent []int32
	if len(b.eq) > 0 {
		parent = make([]int32, n)
		for i := range parent {
			parent[i] = int32(i)
		}
		for i := 0; i < len(b.eq); i += 2 {
			x, y := find(parent, b.eq[i]), find(parent, b.eq[i+1])
			if x > y {
				x, y = y, x
			}
			parent[y] = x
		}
	}
	p.integral = true
	for i := range n {
		root := int32(i)
		if parent != nil {
			root = find(parent, int32(i))
		}
		if root == int32(i) {
			p.classOf[i] = int32(len(p.value))
			p.value = append(p.value, b.values[i])
			p.forced = append(p.forced, b.forced[i])
			p.size = append(p.size, 1)
			p.rep = append(p.rep, int32(i))
			continue
		}
		c := p.classOf[root]
		p.classOf[i] = c
		switch {
		case b.isUnknown(i):
		case math.IsNaN(p.value[c]):
			p.value[c] = b.values[i] // an unknown count tied to a known one
		case b.values[i] != p.value[c]:
			return fmt.Errorf("%w: %s = %g but the same count %s = %g",
				ErrInconsistent, b.keyOf(Cell(i)), b.values[i], b.keyOf(Cell(root)), p.value[c])
		}
		p.forced[c] = p.forced[c] || b.forced[i]
		p.size[c]++
	}
	for c, v := range p.value {
		switch {
		case math.IsNaN(v):
			if p.unknown == nil {
				p.unknown = make([]bool, len(p.value))
			}
			p.unknown[c] = true
			if p.forced[c] {
				return fmt.Errorf("%w: %s is forced public but its count is unknown", ErrBadValue, b.keyOf(Cell(p.rep[c])))
			}
		case v != math.Trunc(v):
			p.integral = false
		}
	}
	return nil
}

func (b *Builder) isUnknown(i int) bool { return i < len(b.unknown) && b.unknown[i] }

// find returns x's root, halving the path on the way.
func find(parent []int32, x int32) int32 {
	for parent[x] != x {
		parent[x] = parent[parent[x]]
		x = parent[x]
	}
	return x
}

// buildRelations rewrites the relations over classes in place (a merged
// relation is never longer than the original) and checks each against the
// counts.
func (b *Builder) buildRelations(p *Problem) error {
	nRel := max(len(b.relOff)-1, 0)
	p.relOff = make([]int32, 1, nRel+1)
	var scratch []Term
	w := 0
	for r := range nRel {
		scratch = scratch[:0]
		for i := b.relOff[r]; i < b.relOff[r+1]; i++ {
			scratch = append(scratch, Term{Cell(p.classOf[b.relCell[i]]), b.relCoef[i]})
		}
		scratch = mergeTerms(scratch)
		if len(scratch) == 0 {
			continue // the relation says 0 = 0 once equal cells are merged
		}
		if err := p.checkRelation(scratch, b, r); err != nil {
			return err
		}
		for _, t := range scratch {
			b.relCell[w] = int32(t.Cell)
			b.relCoef[w] = t.Coef
			w++
			p.maxCoef = max(p.maxCoef, t.Coef, -t.Coef)
		}
		p.relOff = append(p.relOff, int32(w))
	}
	p.relVar = slices.Clip(b.relCell[:w])
	p.relCoef = slices.Clip(b.relCoef[:w])
	return nil
}

// mergeTerms sorts terms by class and adds the coefficients of a class
// listed more than once, dropping those that cancel.
func mergeTerms(ts []Term) []Term {
	if len(ts) <= 16 {
		for i := 1; i < len(ts); i++ {
			for j := i; j > 0 && ts[j].Cell < ts[j-1].Cell; j-- {
				ts[j], ts[j-1] = ts[j-1], ts[j]
			}
		}
	} else {
		slices.SortFunc(ts, func(a, b Term) int { return int(a.Cell) - int(b.Cell) })
	}
	out := ts[:0]
	for _, t := range ts {
		if n := len(out); n > 0 && out[n-1].Cell == t.Cell {
			out[n-1].Coef += t.Coef
			if out[n-1].Coef == 0 {
				out = out[:n-1]
			}
			continue
		}
		out = append(out, t)
	}
	return out
}

// checkRelation fails when the counts break the relation: exactly for whole
// counts (their sums are exact in float64), within rounding otherwise.
func (p *Problem) checkRelation(ts []Term, b *Builder, r int) error {
	var sum, abs float64
	for _, t := range ts {
		if p.isUnknown(int32(t.Cell)) {
			return nil // unknown counts are the attacker's to bound
		}
		v := float64(t.Coef) * p.value[t.Cell]
		sum += v
		abs += math.Abs(v)
	}
	tol := 0.0
	if !p.integral {
		tol = 1e-9 * abs
	}
	if math.Abs(sum) > tol {
		first := b.relCell[b.relOff[r]]
		return fmt.Errorf("%w: relation %d (first member %s) sums to %g, not 0",
			ErrInconsistent, r, b.keyOf(Cell(first)), sum)
	}
	return nil
}

// transpose builds the lists of relations per class.
func (p *Problem) transpose() {
	nc := len(p.value)
	p.varOff = make([]int32, nc+1)
	for _, v := range p.relVar {
		p.varOff[v+1]++
	}
	for i := range nc {
		p.varOff[i+1] += p.varOff[i]
	}
	p.varRel = make([]int32, len(p.relVar))
	fill := slices.Clone(p.varOff[:nc])
	for r := 0; r+1 < len(p.relOff); r++ {
		for i := p.relOff[r]; i < p.relOff[r+1]; i++ {
			v := p.relVar[i]
			p.varRel[fill[v]] = int32(r)
			fill[v]++
		}
	}
}

// NumCells returns the number of cells.
func (p *Problem) NumCells() int { return p.nCells }

// NumRelations returns the number of relations left after merging.
func (p *Problem) NumRelations() int { return len(p.relOff) - 1 }

// Value returns a cell's count, or NaN for an unknown cell.
func (p *Problem) Value(c Cell) float64 {
	if !p.valid(c) {
		return math.NaN()
	}
	return p.value[p.classOf[c]]
}

// Known reports whether a cell's count is known (not added by AddUnknown,
// nor tied only to such cells).
func (p *Problem) Known(c Cell) bool { return p.valid(c) && !p.isUnknown(int32(p.classOf[c])) }

// HasUnknown reports whether any count of the problem is unknown.
func (p *Problem) HasUnknown() bool { return p.unknown != nil }

// isUnknown reports whether class c's count is unknown.
func (p *Problem) isUnknown(c int32) bool { return p.unknown != nil && p.unknown[c] }

// Key names a cell with the builder's key function, or as "cell N".
func (p *Problem) Key(c Cell) string {
	if p.key != nil && p.valid(c) {
		return p.key(c)
	}
	return fmt.Sprintf("cell %d", c)
}

// SameCount reports whether AddEqual tied two cells, directly or through
// others.
func (p *Problem) SameCount(x, y Cell) bool {
	return p.valid(x) && p.valid(y) && p.classOf[x] == p.classOf[y]
}

func (p *Problem) valid(c Cell) bool { return c >= 0 && int(c) < p.nCells }

func (p *Problem) numClasses() int { return len(p.value) }

// rel returns relation r's classes and coefficients.
func (p *Problem) rel(r int32) ([]int32, []int32) {
	a, z := p.relOff[r], p.relOff[r+1]
	return p.relVar[a:z], p.relCoef[a:z]
}

// rels returns the relations of class v.
func (p *Problem) rels(v int32) []int32 { return p.varRel[p.varOff[v]:p.varOff[v+1]] }
