package forecast

import (
	"context"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"lmi/codes"
	"lmi/forecast/ts"
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
	// Path is where the employment came from: PathRegister or
	// PathPublished.
	Path string
	// Ages says which age structures gave the replacement demand:
	// "register" (the persons' own ages), or for published employment
	// "län x SSYK 3", "riket x SSYK 4", "riket x SSYK 3" (SCB's YREG57
	// and YREG51, see docs/forecast.md), joined by " + " where a row sums
	// cells of several; "none" where none was loaded.
	Ages string
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
	// NoAges says the origin year's employed have no ages (SCB's
	// published employment cells) and no age structure of SCB's is loaded
	// for them: replacement demand, openings, balance, class and
	// probability of shortage are not estimated (NaN, class 0).
	NoAges bool
	// Path is where the employment came from: PathRegister (persons with
	// their ages) or PathPublished (SCB's published employment cells).
	Path string
	// Breaks are the years whose level shifts were taken out of the
	// employment series before projecting.
	Breaks     []int
	Backtest   *ts.BacktestResult
	Selections []Selection
	// Timings: reading the store, backtesting and projecting, the rest.
	Timings []Timing

	// published holds the sums behind the rows by kind, for Evaluate.
	published [kinds][]*sum
}

// Selection is the model choice of one base series (region x SSYK 4).
type Selection struct {
	Level, Region, SSYK string
	ts.Selected
	Suppressed bool
}

// Compute makes the forecast of p from the store behind s.
func Compute(ctx context.Context, s Session, p Params) (*Result, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	progress := func(stage string, i int) {
		if p.Progress != nil {
			p.Progress(stage, i, 2)
		}
	}
	start := time.Now()
	progress("reading the store", 1)
	in, err := gather(ctx, s, p)
	if err != nil {
		return nil, err
	}
	read := time.Since(start)
	progress("backtests, projections and balances", 2)
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
	pl := newPlan(in, p)
	start := time.Now()
	pr, err := project(pl.series, pl.groups, p)
	if err != nil {
		return nil, err
	}
	projected := time.Now()
	pub := pl.publish(pr, p)
	res := &Result{Params: p, Origin: in.origin, Years: in.years, Panel: in.panel, ExitAgesFromPanel: in.exitsFrom,
		NoAges: in.unaged && len(in.exits) == 0, Path: PathRegister, Breaks: in.breaks, Backtest: pr.back}
	if in.unaged {
		res.Path = PathPublished
	}

	ents := pl.entities()
	sums := make([]*sum, len(ents))
	for i, e := range ents {
		sums[i] = pr.sumOf(e.parts, pub)
		res.published[e.kind] = append(res.published[e.kind], sums[i])
	}
	var kindErrs [kinds][][]float64
	for k := range kindErrs {
		kindErrs[k] = pooledErrors(res.published[k], p.Horizon)
	}
	last := len(in.years) - 1
	employed := make([]float64, len(ents))
	for i := range ents {
		employed[i] = sums[i].hist[last]
	}
	sup := suppress(employed, sumGroups(ents), p.K)

	supply := in.yearlySupply()
	names := occupationNames()
	for i, e := range ents {
		model, reason := "sum", "sum of the published SSYK 4 rows"
		if series, ok := pl.ownSeries(e); ok {
			sel := pr.cells[series].pred.Selected
			model, reason = modelName(sel), sel.Reason
			res.Selections = append(res.Selections, Selection{Level: e.level, Region: e.region, SSYK: e.ssyk, Selected: sel, Suppressed: sup[i]})
		}
		for h := 1; h <= p.Horizon; h++ {
			row := Row{
				Level: e.level, Region: e.region, RegionName: e.name,
				SSYKLevel: e.ssykLevel, SSYK: e.ssyk, Occupation: names[e.ssyk],
				Origin: in.origin, H: h, Suppressed: sup[i], Model: model, Reason: reason, Path: res.Path,
			}
			c := &row.Components
			c.Employed = employed[i]
			row.Ages = in.agesOf(pl, e.parts)
			for _, part := range e.parts {
				cl := pl.cells[part]
				if x := in.exits[cl]; x != nil {
					c.Replacement += x[h-1]
				} else if in.noExits[cl] {
					c.Replacement = math.NaN() // a sum with an unknown part is unknown
				}
				c.Entrants += float64(h) * supply[cl]
				c.Jobseekers += in.jobseekers[cl]
			}
			d := sums[i].dist(kindErrs[e.kind], h)
			c.Employment = sums[i].mean[h-1]
			c.Lower, c.Upper = d.Interval(p.Coverage)
			c.complete(p.Thresholds)
			c.PShortage = 1 - d.CDF(shortageEmployment(c, p.Thresholds))
			if c.Class == 0 {
				c.PShortage = math.NaN()
			}
			res.Rows = append(res.Rows, row)
		}
	}
	sortRows(res.Rows)
	res.Timings = []Timing{{"backtest, select and project", projected.Sub(start)}, {"reconcile, intervals, components", time.Since(projected)}}
	return res, nil
}

// The paths a forecast's employment comes by.
const (
	PathRegister  = "register"  // persons: register rows or bought cells, with ages
	PathPublished = "published" // SCB's published employment cells (YREG), no ages
)

// agesOf describes the age structures behind a row's cells that have
// employed persons.
func (in *inputs) agesOf(pl *plan, parts []int) string {
	var out []string
	for _, part := range parts {
		a, ok := in.ages[pl.cells[part]]
		if !ok {
			continue
		}
		for _, one := range strings.Split(a, " + ") {
			if !slices.Contains(out, one) {
				out = append(out, one)
			}
		}
	}
	if len(out) == 0 {
		return "none"
	}
	slices.Sort(out)
	return strings.Join(out, " + ")
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
