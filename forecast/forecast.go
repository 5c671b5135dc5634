package forecast

import (
	"context"
	"math"
	"slices"
	"sort"
	"time"

	"lmi/codes"
	"lmi/forecast/ts"
	"lmi/indicators"
)

// Row is one region x occupation at one horizon.
type Row struct {
	Level      string // regional level (lan, fa, riket or a grouping's name)
	Region     string // region code; "*" is the sum of the level's regions
	RegionName string
	SSYKLevel  int // 4 or 3
	SSYK       string
	Occupation string // Swedish name of the SSYK group
	Origin     int    // last observed year
	H          int    // years ahead
	Components
	// Model names the selected model(s) ("damped", "drift+share"), or
	// "bottom-up" for sums of SSYK 4 groups or regions.
	Model  string
	Reason string
	// Suppressed rows have fewer than k employed in the origin year (or
	// protect such a row); their numbers are not published.
	Suppressed bool
}

// Result is a forecast: its rows sorted by level, region, SSYK level,
// SSYK and horizon, and what the inputs were.
type Result struct {
	Params Params
	Origin int
	Years  []int // observed years used
	Rows   []Row
	// Panel says entrants and exit rates came from a person panel
	// (otherwise graduates and the default exit profile).
	Panel bool
	// ExitAgesFromPanel counts the ages whose exit rate was estimated.
	ExitAgesFromPanel int
	Backtest          *ts.BacktestResult
	Selections        []Selection
	// Timings: reading the store, backtesting and projecting, the rest.
	Timings []Timing

	// published holds the sums behind the rows by kind (region x SSYK 4,
	// region x SSYK 3, total x SSYK 4, total x SSYK 3), for Evaluate.
	published [4][]*sum
}

// Selection is the model choice of one base series (region x SSYK 4).
type Selection struct {
	Level, Region, SSYK string
	ts.Selected
	Suppressed bool
}

// Compute makes the forecast of p from the store behind s.
func Compute(ctx context.Context, s *indicators.Session, p Params) (*Result, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	start := time.Now()
	in, err := gather(ctx, s, p)
	if err != nil {
		return nil, err
	}
	read := time.Since(start)
	res, err := compute(in, p)
	if err != nil {
		return nil, err
	}
	res.Timings = append([]Timing{{"read the store", read}}, res.Timings...)
	return res, nil
}

// Timing is the duration of one stage.
type Timing struct {
	Stage   string
	Elapsed time.Duration
}

func compute(in *inputs, p Params) (*Result, error) {
	cells := in.cells()
	regionOf := map[int32]region{}
	levelTotal := map[string][]float64{} // a level's total employment by year
	for _, r := range in.regions {
		regionOf[r.key] = r
	}
	for key, t := range in.totals {
		lt := levelTotal[regionOf[key].level]
		if lt == nil {
			lt = make([]float64, len(t))
			levelTotal[regionOf[key].level] = lt
		}
		for y, v := range t {
			lt[y] += v
		}
	}

	// The series: each region x SSYK 4, then (unless bottom-up) each
	// level's total per SSYK 4, the sum of its regions.
	var series []ts.Series
	for _, c := range cells {
		series = append(series, ts.Series{Values: in.employed[c], Period: 1, Reference: in.totals[c.region]})
	}
	type totalKey struct{ level, ssyk string }
	members := map[totalKey][]int{}
	var totalKeys []totalKey
	for i, c := range cells {
		k := totalKey{regionOf[c.region].level, c.ssyk4}
		if members[k] == nil {
			totalKeys = append(totalKeys, k)
		}
		members[k] = append(members[k], i)
	}
	groups := sizeGroups(series, SizeGroups)
	totalIndex := map[totalKey]int{}
	if !p.BottomUp {
		var tot []ts.Series
		for _, k := range totalKeys {
			v := make([]float64, len(in.years))
			for _, i := range members[k] {
				for y, x := range series[i].Values {
					v[y] += x
				}
			}
			totalIndex[k] = len(series) + len(tot)
			tot = append(tot, ts.Series{Values: v, Period: 1, Reference: levelTotal[k.level]})
		}
		for _, g := range sizeGroups(tot, SizeGroups) {
			groups = append(groups, SizeGroups+g)
		}
		series = append(series, tot...)
	}
	start := time.Now()
	pr, err := project(series, groups, p)
	if err != nil {
		return nil, err
	}
	projected := time.Now()
	pub := make([]published, len(series))
	for _, k := range totalKeys {
		if p.BottomUp {
			for _, i := range members[k] {
				pr.bottomUp(i, pub)
			}
		} else {
			pr.reconcile(members[k], totalIndex[k], pub)
		}
	}
	res := &Result{Params: p, Origin: in.origin, Years: in.years, Panel: in.panel, ExitAgesFromPanel: in.exitsFrom, Backtest: pr.back}
	supply := in.yearlySupply()

	// Published rows: each region x SSYK 4 (kind 0), its SSYK 3 sums (1),
	// and the level's totals per SSYK 4 (2) and SSYK 3 (3). Every row is a
	// sum of region x SSYK 4 parts, so the output adds up.
	type entity struct {
		level, region, name string
		ssykLevel           int
		ssyk                string
		parts               []int
		kind                int
	}
	var ents []entity
	for i, c := range cells {
		r := regionOf[c.region]
		ents = append(ents, entity{r.level, r.code, r.name, 4, c.ssyk4, []int{i}, 0})
	}
	group := func(key func(i int) (level, region, name, ssyk string), ssykLevel, kind int) {
		idx := map[[3]string]int{}
		for i := range cells {
			level, reg, name, ssyk := key(i)
			k := [3]string{level, reg, ssyk}
			j, seen := idx[k]
			if !seen {
				j = len(ents)
				idx[k] = j
				ents = append(ents, entity{level, reg, name, ssykLevel, ssyk, nil, kind})
			}
			ents[j].parts = append(ents[j].parts, i)
		}
	}
	all, allName := indicators.AllRegions, "Alla regioner"
	group(func(i int) (string, string, string, string) {
		r := regionOf[cells[i].region]
		return r.level, r.code, r.name, cells[i].ssyk4[:3]
	}, 3, 1)
	group(func(i int) (string, string, string, string) {
		return regionOf[cells[i].region].level, all, allName, cells[i].ssyk4
	}, 4, 2)
	group(func(i int) (string, string, string, string) {
		return regionOf[cells[i].region].level, all, allName, cells[i].ssyk4[:3]
	}, 3, 3)

	sums := make([]*sum, len(ents))
	var byKind [4][]*sum
	for i, e := range ents {
		sums[i] = pr.sumOf(e.parts, pub)
		byKind[e.kind] = append(byKind[e.kind], sums[i])
	}
	res.published = byKind
	var kindErrs [4][][]float64
	for k := range kindErrs {
		kindErrs[k] = pooledErrors(byKind[k], p.Horizon)
	}

	// Suppression on the origin year's employment.
	last := len(in.years) - 1
	employed := make([]float64, len(ents))
	for i := range ents {
		employed[i] = sums[i].hist[last]
	}
	var sumGroups []sumGroup
	bySSYK3 := map[[2]string][]int{} // level, SSYK 3: the regions' SSYK 3 rows
	total4 := map[[2]string][]int{}  // level, SSYK 3: the level's SSYK 4 totals
	for i, e := range ents {
		switch e.kind {
		case 1:
			sumGroups = append(sumGroups, sumGroup{total: i, parts: e.parts})
			bySSYK3[[2]string{e.level, e.ssyk}] = append(bySSYK3[[2]string{e.level, e.ssyk}], i)
		case 2:
			sumGroups = append(sumGroups, sumGroup{total: i, parts: e.parts})
			total4[[2]string{e.level, e.ssyk[:3]}] = append(total4[[2]string{e.level, e.ssyk[:3]}], i)
		}
	}
	for i, e := range ents {
		if e.kind == 3 {
			k := [2]string{e.level, e.ssyk}
			sumGroups = append(sumGroups, sumGroup{total: i, parts: bySSYK3[k]}, sumGroup{total: i, parts: total4[k]})
		}
	}
	sup := suppress(employed, sumGroups, p.K)

	names := occupationNames()
	for i, e := range ents {
		model, reason := "sum", "sum of the published SSYK 4 rows"
		switch e.kind {
		case 0:
			sel := pr.cells[e.parts[0]].pred.Selected
			model, reason = modelName(sel), sel.Reason
			res.Selections = append(res.Selections, Selection{Level: e.level, Region: e.region, SSYK: e.ssyk, Selected: sel, Suppressed: sup[i]})
		case 2:
			if t, ok := totalIndex[totalKey{e.level, e.ssyk}]; ok {
				sel := pr.cells[t].pred.Selected
				model, reason = modelName(sel), sel.Reason
				res.Selections = append(res.Selections, Selection{Level: e.level, Region: e.region, SSYK: e.ssyk, Selected: sel, Suppressed: sup[i]})
			}
		}
		for h := 1; h <= p.Horizon; h++ {
			row := Row{
				Level: e.level, Region: e.region, RegionName: e.name,
				SSYKLevel: e.ssykLevel, SSYK: e.ssyk, Occupation: names[e.ssyk],
				Origin: in.origin, H: h, Suppressed: sup[i], Model: model, Reason: reason,
			}
			c := &row.Components
			c.Employed = employed[i]
			for _, part := range e.parts {
				cl := cells[part]
				if x := in.exits[cl]; x != nil {
					c.Replacement += x[h-1]
				}
				c.Entrants += float64(h) * supply[cl]
				c.Jobseekers += in.jobseekers[cl]
			}
			d := sums[i].dist(kindErrs[e.kind], h)
			c.Employment = sums[i].mean[h-1]
			c.Lower, c.Upper = d.Interval(p.Coverage)
			c.complete(p.Thresholds)
			c.PShortage = 1 - d.CDF(shortageEmployment(c, p.Thresholds))
			res.Rows = append(res.Rows, row)
		}
	}
	sortRows(res.Rows)
	res.Timings = []Timing{{"backtest, select and project", projected.Sub(start)}, {"reconcile, intervals, components", time.Since(projected)}}
	return res, nil
}

// modelName joins a selection's models: "damped" or "damped+share".
func modelName(sel ts.Selected) string {
	s := ""
	for i, m := range sel.Models {
		if i > 0 {
			s += "+"
		}
		s += m
	}
	return s
}

// yearlySupply is each cell's yearly inflow of new labour: the region's
// entrants by education group through the entry shares.
func (in *inputs) yearlySupply() map[cell]float64 {
	out := map[cell]float64{}
	for c := range in.employed {
		var x float64
		edus := make([]string, 0, len(in.entrants[c.region]))
		for e := range in.entrants[c.region] {
			edus = append(edus, e)
		}
		sort.Strings(edus) // a fixed order of the sum, for identical bytes
		for _, e := range edus {
			x += in.entrants[c.region][e] * in.shares[e][c.ssyk4]
		}
		out[c] = x
	}
	return out
}

func occupationNames() map[string]string {
	m := map[string]string{}
	for _, l := range []int{3, 4} {
		for _, e := range codes.SSYK(l) {
			m[e.Code] = e.Name
		}
	}
	return m
}

func sortRows(rows []Row) {
	slices.SortFunc(rows, func(a, b Row) int {
		switch {
		case a.Level != b.Level:
			return cmpString(a.Level, b.Level)
		case a.Region != b.Region:
			return cmpString(a.Region, b.Region)
		case a.SSYKLevel != b.SSYKLevel:
			return b.SSYKLevel - a.SSYKLevel
		case a.SSYK != b.SSYK:
			return cmpString(a.SSYK, b.SSYK)
		}
		return a.H - b.H
	})
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

var _ = math.NaN
