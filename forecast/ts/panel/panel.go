package panel

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"lmi/forecast/ts"
)

// Key places a series in lmi's hierarchies: the region code (a län code,
// or "00" for riket) and the occupation code (SSYK 4; its SSYK 3, 2 and 1
// groups are the code's prefixes).
type Key struct {
	Region, Occupation string
}

// Parent is the occupation group of the occupation at a coarser level:
// its first digits digits (3 for SSYK 3). A code no longer than that is
// its own parent.
func (k Key) Parent(digits int) string {
	if digits < 0 || len(k.Occupation) <= digits {
		return k.Occupation
	}
	return k.Occupation[:digits]
}

// Panel is a set of series on one time axis.
type Panel struct {
	// Period is the number of observations per year: 1, 4 or 12.
	Period int
	// Times labels the observations, oldest first.
	Times []string
	Keys  []Key
	// Values[i] is series i, one finite value per time.
	Values [][]float64
	// Breaks are the indices into Times of declared level shifts: the
	// value at Times[b] is measured differently from the one at
	// Times[b-1] (SCB YREG's 2019 move to monthly employer declarations
	// and its 2020 BAS break). See Adjust.
	Breaks []int
}

// Errors of panels.
var (
	ErrShape = errors.New("panel shape")
	ErrBreak = errors.New("break not on the time axis")
)

// New checks and assembles a panel.
func New(period int, times []string, keys []Key, values [][]float64) (*Panel, error) {
	if period < 1 {
		return nil, fmt.Errorf("panel: period %d: %w", period, ErrShape)
	}
	if len(keys) != len(values) {
		return nil, fmt.Errorf("panel: %d keys for %d series: %w", len(keys), len(values), ErrShape)
	}
	for i, v := range values {
		if len(v) != len(times) {
			return nil, fmt.Errorf("panel: series %v has %d values for %d times: %w", keys[i], len(v), len(times), ErrShape)
		}
		for t, x := range v {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, fmt.Errorf("panel: series %v at %s is %v: %w", keys[i], times[t], x, ts.ErrNotFinite)
			}
		}
	}
	return &Panel{Period: period, Times: times, Keys: keys, Values: values}, nil
}

// Len is the number of observations of each series.
func (p *Panel) Len() int { return len(p.Times) }

// SetBreaks declares level shifts at the given time labels ("2019").
func (p *Panel) SetBreaks(labels ...string) error {
	p.Breaks = p.Breaks[:0:0]
	for _, l := range labels {
		b := slices.Index(p.Times, l)
		if b < 1 {
			return fmt.Errorf("panel: break %q: %w", l, ErrBreak)
		}
		p.Breaks = append(p.Breaks, b)
	}
	slices.Sort(p.Breaks)
	p.Breaks = slices.Compact(p.Breaks)
	return nil
}

// Head is the panel of the first n observations, the data known at the
// origin n: slices share no capacity beyond n, so a model given Head(n)
// cannot read later observations even by reslicing, and breaks at or
// after n are dropped.
func (p *Panel) Head(n int) *Panel {
	n = min(max(n, 0), p.Len())
	h := &Panel{Period: p.Period, Times: p.Times[:n:n], Keys: p.Keys, Values: make([][]float64, len(p.Values))}
	for i, v := range p.Values {
		h.Values[i] = v[:n:n]
	}
	for _, b := range p.Breaks {
		if b < n {
			h.Breaks = append(h.Breaks, b)
		}
	}
	return h
}

// Series is series i as a ts.Series, with the sum of its region's series
// in the panel as Reference (for ts.Share) when ref is true.
func (p *Panel) Series(i int, ref bool) ts.Series {
	s := ts.Series{Values: p.Values[i], Period: p.Period}
	if ref {
		s.Reference = p.Sum(func(k Key) string { return k.Region })[p.Keys[i].Region]
	}
	return s
}

// Sum adds up the series by group(key): the aggregates of the hierarchy,
// for example the occupation's total over regions with
// func(k Key) string { return k.Occupation }.
func (p *Panel) Sum(group func(Key) string) map[string][]float64 {
	out := map[string][]float64{}
	for i, k := range p.Keys {
		g := group(k)
		s := out[g]
		if s == nil {
			s = make([]float64, p.Len())
			out[g] = s
		}
		for t, v := range p.Values[i] {
			s[t] += v
		}
	}
	return out
}

// Filter is the panel of the series for which keep(i) is true, sharing
// their values with p.
func (p *Panel) Filter(keep func(i int) bool) *Panel {
	q := &Panel{Period: p.Period, Times: p.Times, Breaks: slices.Clone(p.Breaks)}
	for i := range p.Keys {
		if keep(i) {
			q.Keys = append(q.Keys, p.Keys[i])
			q.Values = append(q.Values, p.Values[i])
		}
	}
	return q
}

// FromTable builds a panel from a table read by ReadLong: key(row keys)
// gives each table series its Key, and series with the same Key are
// summed (for example län x SSYK 4 over sex, or riket x SSYK 4 over län).
// A table series with a missing value gives an error.
func FromTable(t *Table, key func([]string) Key) (*Panel, error) {
	index := map[Key]int{}
	p := &Panel{Period: t.Period, Times: t.Times}
	for i, ks := range t.Keys {
		k := key(ks)
		j, ok := index[k]
		if !ok {
			j = len(p.Keys)
			index[k] = j
			p.Keys = append(p.Keys, k)
			p.Values = append(p.Values, make([]float64, len(t.Times)))
		}
		for tt, v := range t.Values[i] {
			if math.IsNaN(v) {
				return nil, fmt.Errorf("panel: %s has no value at %s: %w", strings.Join(ks, " "), t.Times[tt], ErrShape)
			}
			p.Values[j][tt] += v
		}
	}
	order := make([]int, len(p.Keys))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		return strings.Compare(p.Keys[a].Region+"\x00"+p.Keys[a].Occupation, p.Keys[b].Region+"\x00"+p.Keys[b].Occupation)
	})
	q := &Panel{Period: p.Period, Times: p.Times}
	for _, i := range order {
		q.Keys = append(q.Keys, p.Keys[i])
		q.Values = append(q.Values, p.Values[i])
	}
	return q, nil
}

// Mean is the mean of series i over its observations.
func (p *Panel) Mean(i int) float64 {
	var s float64
	for _, v := range p.Values[i] {
		s += v
	}
	return s / float64(max(len(p.Values[i]), 1))
}
