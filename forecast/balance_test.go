package forecast

import (
	"fmt"
	"math"
	"testing"
)

func TestThresholdsClass(t *testing.T) {
	th := DefaultThresholds()
	for _, c := range []struct {
		balance float64
		class   int
	}{
		{-0.5, 5}, {-0.30, 4}, {-0.2, 4}, {-0.10, 3}, {0, 3}, {0.10, 3},
		{0.2, 2}, {0.30, 2}, {0.31, 1}, {5, 1},
	} {
		if got := th.Class(c.balance); got != c.class {
			t.Errorf("Class(%v) = %d, want %d", c.balance, got, c.class)
		}
	}
}

func TestComplete(t *testing.T) {
	th := DefaultThresholds()
	// 100 employed, 104 projected, 10 leaving: 14 openings; 9 entrants
	// and 3 job seekers: supply 12, balance -2/14.
	c := Components{Employed: 100, Employment: 104, Replacement: 10, Entrants: 9, Jobseekers: 3}
	c.complete(th)
	if c.Expansion != 4 || c.Openings != 14 || c.Supply != 12 {
		t.Fatalf("expansion %v, openings %v, supply %v; want 4, 14, 12", c.Expansion, c.Openings, c.Supply)
	}
	if want := -2.0 / 14; math.Abs(c.Balance-want) > 1e-15 || c.Class != 4 {
		t.Errorf("balance %v class %d, want %v class 4", c.Balance, c.Class, want)
	}
	// At the shortage employment the balance is exactly the threshold.
	x := shortageEmployment(&c, th)
	d := Components{Employed: 100, Employment: x, Replacement: 10, Entrants: 9, Jobseekers: 3}
	d.complete(th)
	if math.Abs(d.Balance-th.Shortage) > 1e-12 {
		t.Errorf("balance at the shortage employment %v = %v, want %v", x, d.Balance, th.Shortage)
	}
	// A decline larger than the exits leaves no openings.
	e := Components{Employed: 100, Employment: 80, Replacement: 10, Entrants: 1}
	e.complete(th)
	if !math.IsNaN(e.Balance) || e.Class != 1 {
		t.Errorf("no openings: balance %v class %d, want NaN and 1", e.Balance, e.Class)
	}
}

func TestParamsValidate(t *testing.T) {
	ok := DefaultParams()
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	for name, mod := range map[string]func(*Params){
		"horizon":    func(p *Params) { p.Horizon = 11 },
		"kommun":     func(p *Params) { p.Levels = append(p.Levels, "kommun") },
		"model":      func(p *Params) { p.Models = []string{"prophet"} },
		"thresholds": func(p *Params) { p.Thresholds.Shortage = 0.5 },
		"coverage":   func(p *Params) { p.Coverage = 1 },
		"margin":     func(p *Params) { p.Margin = -0.1 },
		"category":   func(p *Params) { p.JobseekerCategories = []string{"x'y"} },
		"mintrain":   func(p *Params) { p.MinTrain = 1 },
	} {
		p := DefaultParams()
		mod(&p)
		if err := p.Validate(); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestSuppress(t *testing.T) {
	// Rows 0-2 are parts of total 3; rows 4-5 parts of total 6.
	employed := []float64{3, 10, 20, 33, 2, 8, 10}
	groups := []sumGroup{{total: 3, parts: []int{0, 1, 2}}, {total: 6, parts: []int{4, 5}}}
	sup := suppress(employed, groups, 5)
	want := []bool{true, true, false, false, true, true, false}
	for i := range want {
		if sup[i] != want[i] {
			t.Fatalf("suppressed %v, want %v", sup, want)
		}
	}
	// No published sum has exactly one hidden part.
	for _, g := range groups {
		hidden := 0
		for _, p := range g.parts {
			if sup[p] {
				hidden++
			}
		}
		if !sup[g.total] && hidden == 1 {
			t.Errorf("sum %d gives away its one hidden part", g.total)
		}
	}
	if s := suppress(employed, groups, 0); s[0] || s[4] {
		t.Error("k = 0 suppressed something")
	}
}

func ExampleThresholds_Class() {
	th := DefaultThresholds()
	fmt.Println(th.Class(-0.4), th.Class(-0.2), th.Class(0), th.Class(0.2), th.Class(0.4))
	// Output: 5 4 3 2 1
}
