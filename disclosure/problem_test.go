package disclosure

import (
	"errors"
	"math"
	"testing"
)

func TestBuilderErrors(t *testing.T) {
	tests := []struct {
		name string
		do   func(b *Builder) error
		want error
	}{
		{"negative count", func(b *Builder) error { _, err := b.AddCell(-1); return err }, ErrBadValue},
		{"NaN count", func(b *Builder) error { _, err := b.AddCell(math.NaN()); return err }, ErrBadValue},
		{"infinite count", func(b *Builder) error { _, err := b.AddCell(math.Inf(1)); return err }, ErrBadValue},
		{"unknown cell in sum", func(b *Builder) error { return b.AddSum(0, 7) }, ErrUnknownCell},
		{"negative cell", func(b *Builder) error { return b.AddEqual(-1, 0) }, ErrUnknownCell},
		{"sum without parts", func(b *Builder) error { return b.AddSum(0) }, ErrBadRelation},
		{"empty relation", func(b *Builder) error { return b.AddRelation() }, ErrBadRelation},
		{"zero coefficient", func(b *Builder) error { return b.AddRelation(Term{0, 0}, Term{1, 1}) }, ErrBadRelation},
		{"huge coefficient", func(b *Builder) error { return b.AddRelation(Term{0, MaxCoef + 1}, Term{1, 1}) }, ErrBadRelation},
		{"force unknown", func(b *Builder) error { return b.ForcePublish(9) }, ErrUnknownCell},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b Builder
			must(b.AddCell(3))
			must(b.AddCell(3))
			if err := tt.do(&b); !errors.Is(err, tt.want) {
				t.Errorf("got %v, want %v", err, tt.want)
			}
		})
	}
}

func TestBuildInconsistent(t *testing.T) {
	tests := []struct {
		name  string
		setup func(b *Builder, c []Cell) error
	}{
		{"sum off by one", func(b *Builder, c []Cell) error { return b.AddSum(c[0], c[1], c[2]) }},
		{"equal cells differ", func(b *Builder, c []Cell) error { return b.AddEqual(c[1], c[2]) }},
		{"equal through a chain", func(b *Builder, c []Cell) error {
			if err := b.AddEqual(c[3], c[1]); err != nil {
				return err
			}
			return b.AddEqual(c[3], c[2])
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b Builder
			b.SetKeys(func(c Cell) string { return []string{"total", "a", "b", "a again"}[c] })
			cells := []Cell{must(b.AddCell(10)), must(b.AddCell(4)), must(b.AddCell(5)), must(b.AddCell(4))}
			check(t, tt.setup(&b, cells))
			_, err := b.Build()
			if !errors.Is(err, ErrInconsistent) {
				t.Fatalf("got %v, want ErrInconsistent", err)
			}
		})
	}
}

func TestBuildMerges(t *testing.T) {
	var b Builder
	total := must(b.AddCell(9))
	x := must(b.AddCell(4))
	y := must(b.AddCell(5))
	y2 := must(b.AddCell(5)) // y published by a second family
	check(t, b.AddEqual(y2, y))
	check(t, b.AddSum(total, x, y))
	check(t, b.AddSum(total, x, y2))                                              // the same relation through the copy
	check(t, b.AddRelation(Term{y, 1}, Term{y2, -1}))                             // y = y2: cancels out
	check(t, b.AddRelation(Term{x, 2}, Term{y, 1}, Term{x, -1}, Term{total, -1})) // x listed twice
	p := build(t, &b)
	if got := p.NumCells(); got != 4 {
		t.Errorf("cells = %d, want 4", got)
	}
	if got := p.NumRelations(); got != 3 {
		t.Errorf("relations = %d, want 3 (y - y2 cancels)", got)
	}
	if !p.SameCount(y, y2) || p.SameCount(x, y) {
		t.Error("SameCount wrong")
	}
	// The third relation is x + y - total once x's terms are added.
	vars, coefs := p.rel(2)
	want := map[int32]int32{p.classOf[total]: -1, p.classOf[x]: 1, p.classOf[y]: 1}
	if len(vars) != 3 {
		t.Fatalf("relation 2 has %d terms, want 3", len(vars))
	}
	for i, v := range vars {
		if want[v] != coefs[i] {
			t.Errorf("class %d coefficient %d, want %d", v, coefs[i], want[v])
		}
	}
	// The transpose lists each class's relations.
	if got := len(p.rels(p.classOf[y])); got != 3 {
		t.Errorf("y is in %d relations, want 3", got)
	}
	pt, err := p.Primary(5)
	check(t, err)
	if pt.Status(x) != Primary || pt.Status(y) != Published || pt.Status(y2) != Published {
		t.Errorf("statuses %v %v %v", pt.Status(x), pt.Status(y), pt.Status(y2))
	}
	check(t, pt.Suppress(y))
	if pt.Status(y2) != Secondary {
		t.Error("hiding y must hide the same count published as y2")
	}
	tl := pt.Tally()
	if tl.Cells[Secondary] != 2 || tl.Value[Secondary] != 10 || tl.Cells[Primary] != 1 {
		t.Errorf("tally %+v", tl)
	}
}

func TestKeys(t *testing.T) {
	var b Builder
	b.SetKeys(func(c Cell) string { return "count " + string(rune('A'+c)) })
	c := must(b.AddCell(1))
	p := build(t, &b)
	if got := p.Key(c); got != "count A" {
		t.Errorf("Key = %q", got)
	}
	if got := p.Key(5); got != "cell 5" {
		t.Errorf("Key of unknown = %q", got)
	}
	if !math.IsNaN(p.Value(5)) {
		t.Error("Value of unknown cell should be NaN")
	}
}

func TestPrimaryAndForced(t *testing.T) {
	var b Builder
	vals := []float64{0, 4, 5, 2, 100}
	cells := make([]Cell, len(vals))
	for i, v := range vals {
		cells[i] = must(b.AddCell(v))
	}
	check(t, b.ForcePublish(cells[3])) // SCB published this 2 itself
	p := build(t, &b)
	tests := []struct {
		k    int
		want []Status
	}{
		{0, []Status{Published, Published, Published, ForcedPublish, Published}},
		{1, []Status{Primary, Published, Published, ForcedPublish, Published}},
		{5, []Status{Primary, Primary, Published, ForcedPublish, Published}},
		{6, []Status{Primary, Primary, Primary, ForcedPublish, Published}},
	}
	for _, tt := range tests {
		pt, err := p.Primary(tt.k)
		check(t, err)
		for i, c := range cells {
			if got := pt.Status(c); got != tt.want[i] {
				t.Errorf("k=%d cell %d: %v, want %v", tt.k, i, got, tt.want[i])
			}
		}
	}
	pt, _ := p.Primary(5)
	if err := pt.Suppress(cells[3]); !errors.Is(err, ErrForced) {
		t.Errorf("suppressing a forced cell: %v", err)
	}
	if err := pt.Suppress(99); !errors.Is(err, ErrUnknownCell) {
		t.Errorf("suppressing an unknown cell: %v", err)
	}
	if _, err := p.Primary(-1); !errors.Is(err, ErrBadParam) {
		t.Errorf("k = -1: %v", err)
	}
}
