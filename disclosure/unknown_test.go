package disclosure

import (
	"errors"
	"math/rand/v2"
	"testing"
)

// blank returns pt's problem as an attacker reads it: the hidden counts
// unknown (AddUnknown), every relation as it was, and pt's primary cells
// primary again, so its audit must give the bounds the full one gives.
func blank(t testing.TB, pt *Pattern) *Pattern {
	t.Helper()
	p := pt.p
	var b Builder
	for c := range p.numClasses() {
		if pt.hidden(int32(c)) {
			must(b.AddUnknown())
		} else {
			must(b.AddCell(p.value[c]))
		}
	}
	for r := range int32(p.NumRelations()) {
		vars, coefs := p.rel(r)
		terms := make([]Term, len(vars))
		for i, v := range vars {
			terms[i] = Term{Cell(v), coefs[i]}
		}
		check(t, b.AddRelation(terms...))
	}
	q := build(t, &b)
	out, err := q.Primary(0)
	check(t, err)
	for c := range p.numClasses() {
		if pt.status[c] == Primary {
			check(t, out.SetPrimary(Cell(c)))
		}
	}
	return out
}

// sameBounds compares the audits of a pattern and of its blank copy,
// class by class (the blank copy numbers its cells by pt's classes).
func sameBounds(t *testing.T, name string, pt *Pattern, cfg Config) *AuditResult {
	t.Helper()
	full := audit(t, pt, cfg)
	bl := blank(t, pt)
	got := audit(t, bl, cfg)
	for c := range pt.p.numClasses() {
		if !pt.hidden(int32(c)) {
			continue
		}
		want, _ := full.Bounds(Cell(pt.p.rep[c]))
		have, ok := got.Bounds(Cell(c))
		if !ok || !closeOrInf(have.Lo, want.Lo, 1e-6) || !closeOrInf(have.Hi, want.Hi, 1e-6) || have.Violates != want.Violates {
			t.Errorf("%s: class %d: blank bounds %s, full %s", name, c, fmtBounds(have), fmtBounds(want))
		}
	}
	return got
}

// TestAuditUnknownCounts: an attacker who reads only the published counts
// gets the same bounds as the audit that knows every count, by
// propagation, by exact programs and by windows alike.
func TestAuditUnknownCounts(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	for trial := range 120 {
		p, _ := randomTable(t, rng, 2+rng.IntN(4), 2+rng.IntN(4), 9, trial%2 == 1)
		pt := randomPattern(t, rng, p, 3, 0.3, -1)
		sameBounds(t, "exact", pt, Config{K: 3})
		sameBounds(t, "windows", pt, Config{K: 3, ExactLimit: -1, RationalLimit: -1})
		sameBounds(t, "propagation", pt, Config{K: 3, ExactLimit: -1, Hops: -1})
	}
	g := buildSynth(t, synthShape{kommuner: 12, lan: 3, fa: 4, edu: 4, years: 2, mean: 20, seed: 2})
	pt, err := g.p.Primary(5)
	check(t, err)
	res := sameBounds(t, "synthetic windows", pt, Config{K: 5, ExactLimit: 4})
	if res.ByMethod[ByNeighbourhoodLP] == 0 {
		t.Errorf("synthetic: by method %v, want windows", res.ByMethod)
	}
}

func TestUnknownCountRules(t *testing.T) {
	var b Builder
	x := must(b.AddCell(4))
	u := must(b.AddUnknown())
	tot := must(b.AddCell(10))
	check(t, b.AddSum(tot, x, u))
	p := build(t, &b)
	if p.Known(u) || !p.Known(x) || !p.HasUnknown() {
		t.Errorf("known: %v %v %v", p.Known(u), p.Known(x), p.HasUnknown())
	}
	pt, err := p.Primary(5)
	check(t, err)
	if pt.Status(u) != Secondary || pt.Status(x) != Primary {
		t.Errorf("statuses %v %v, want secondary, primary", pt.Status(u), pt.Status(x))
	}
	if _, err := ProtectPattern(pt, Config{K: 5}); !errors.Is(err, ErrBadParam) {
		t.Errorf("protect with unknown counts: %v, want ErrBadParam", err)
	}
	res := audit(t, pt, Config{K: 5})
	bx, _ := res.Bounds(x)
	bu, _ := res.Bounds(u)
	if bx.Lo != 0 || bx.Hi != 10 || bu.Lo != 0 || bu.Hi != 10 {
		t.Errorf("bounds %s, %s, want [0, 10] each", fmtBounds(bx), fmtBounds(bu))
	}
	// Tied to a known count, an unknown one takes its value.
	b = Builder{}
	k := must(b.AddCell(7))
	u = must(b.AddUnknown())
	check(t, b.AddEqual(k, u))
	p = build(t, &b)
	if !p.Known(u) || p.Value(u) != 7 {
		t.Errorf("tied unknown: known %v value %g", p.Known(u), p.Value(u))
	}
	// An unknown count cannot be forced public.
	b = Builder{}
	u = must(b.AddUnknown())
	check(t, b.ForcePublish(u))
	if _, err := b.Build(); !errors.Is(err, ErrBadValue) {
		t.Errorf("forced unknown: %v, want ErrBadValue", err)
	}
}
