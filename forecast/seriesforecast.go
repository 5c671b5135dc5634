package forecast

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"lmi/forecast/ts"
	"lmi/forecast/ts/panel"
)

// SeriesParams sets up ForecastSeries.
type SeriesParams struct {
	// Horizon is the number of periods forecast (>= 1).
	Horizon int
	// Scored is how many of the last origins the reported backtest
	// scores cover; 0 means every origin. The backtest runs from Horizon
	// more origins (when the series are long enough), so that the
	// choice and the intervals at the first scored origin already know
	// some errors at every step; with 0 it runs from every origin.
	Scored int
	// Levels are the nominal coverages of the intervals; nil means 0.8
	// and 0.95.
	Levels []float64
	// Models are the candidates; nil means SeriesModels of the series'
	// frequency. Naive must be among them: it is the benchmark and the
	// fallback.
	Models []ts.Model
}

// SeriesRow is one series' forecast one step ahead.
type SeriesRow struct {
	Key    string
	Origin Period // the last observed period
	Target Period // the period forecast
	H      int
	// Last is the value at Origin, Forecast the published forecast.
	Last, Forecast float64
	// Lower[l] and Upper[l] bound the interval at SeriesParams.Levels[l];
	// NaN when no backtest error is known to calibrate it.
	Lower, Upper  []float64
	Model, Reason string
}

// SeriesGroup is the series on one time axis, backtested, chosen for and
// calibrated together.
type SeriesGroup struct {
	First, Last Period
	// Series are indices into SeriesResult.Series.
	Series []int
	// Origins are the training lengths backtested, Scored those whose
	// forecasts Scores covers.
	Origins, Scored []int
	// Backtest holds the candidates' backtest forecasts and the published
	// forecast's (panel.Published, as chosen at each origin from what
	// was known there).
	Backtest *ts.BacktestResult
	// Scores compares every model with naive on the forecasts they
	// share from the scored origins, per step, with the calibrated
	// intervals each model's forecasts would have had.
	Scores *ts.Comparison
	// Choice is the model published at each step, chosen on every
	// backtest forecast.
	Choice panel.Choice
}

// SeriesResult is the forecast of a set of series.
type SeriesResult struct {
	Params SeriesParams // with the defaults filled in
	Series []NamedSeries
	Groups []SeriesGroup
	// Rows are by series (in the order of Series), then step.
	Rows []SeriesRow
}

// Reasons of a series forecast's model choice.
const (
	ReasonSeriesBest  = "lowest pooled backtest MASE at this step"
	ReasonSeriesNaive = "no model beat naive at this step in the backtest"
	ReasonSeriesShort = "no backtest forecast known at this step: naive"
)

// ErrSeriesParams reports unusable SeriesParams.
var ErrSeriesParams = errors.New("invalid series forecast settings")

// ForecastSeries forecasts every series Horizon periods ahead the way
// lmi publishes a forecast: the series on one time axis are backtested
// from rolling origins (from max(3, period) observations on; see
// SeriesParams.Scored), the
// published model at each step is the candidate with the lowest MASE
// over naive's on the backtest forecasts they share, pooled over the
// series (naive when none is lower; panel.Choose with one band), and
// its interval is calibrated from the published forecast's own backtest
// errors pooled across series and origins per step (panel.Calibrate).
// The published forecast is backtested the same way, each origin
// choosing from what was known there, so its scores are those of what
// lmi would have published.
func ForecastSeries(series []NamedSeries, p SeriesParams) (*SeriesResult, error) {
	if len(series) == 0 {
		return nil, errors.New("forecast: no series")
	}
	if p.Levels == nil {
		p.Levels = []float64{0.8, 0.95}
	}
	if p.Models == nil {
		p.Models = SeriesModels(series[0].Period)
	}
	if p.Horizon < 1 || p.Scored < 0 {
		return nil, fmt.Errorf("horizon %d, scored origins %d: %w", p.Horizon, p.Scored, ErrSeriesParams)
	}
	for _, l := range p.Levels {
		if !(l > 0 && l < 1) {
			return nil, fmt.Errorf("interval level %v: %w", l, ErrSeriesParams)
		}
	}
	if !slices.ContainsFunc(p.Models, func(m ts.Model) bool { return m.Name() == ts.Naive{}.Name() }) {
		return nil, fmt.Errorf("forecast: %w", ts.ErrNoNaive)
	}
	out := &SeriesResult{Params: p, Series: series}
	for _, idx := range axes(series) {
		g, rows, err := forecastGroup(series, idx, p)
		if err != nil {
			return nil, err
		}
		out.Groups = append(out.Groups, g)
		out.Rows = append(out.Rows, rows...)
	}
	slices.SortStableFunc(out.Rows, func(a, b SeriesRow) int { return cmpString(a.Key, b.Key) })
	return out, nil
}

// axes groups the series by time axis (first period and length), in the
// order of their first series.
func axes(series []NamedSeries) [][]int {
	type axis struct{ start, n int }
	at := map[axis]int{}
	var out [][]int
	for i, s := range series {
		a := axis{s.Start.index(), s.Len()}
		g, ok := at[a]
		if !ok {
			g = len(out)
			at[a] = g
			out = append(out, nil)
		}
		out[g] = append(out[g], i)
	}
	return out
}

// groupPanel puts the series idx on one panel.
func groupPanel(series []NamedSeries, idx []int) (*panel.Panel, []Period, error) {
	first := series[idx[0]]
	periods := make([]Period, first.Len())
	times := make([]string, first.Len())
	for t, pd := 0, first.Start; t < first.Len(); t, pd = t+1, pd.next() {
		periods[t], times[t] = pd, pd.String()
	}
	keys := make([]panel.Key, len(idx))
	values := make([][]float64, len(idx))
	for j, i := range idx {
		keys[j] = panel.Key{Region: series[i].Key}
		values[j] = series[i].Values
	}
	pn, err := panel.New(first.Period, times, keys, values)
	return pn, periods, err
}

// oneBand puts every series in one band: the choice is pooled over all
// series of the axis.
func oneBand([]float64) int { return 0 }

func forecastGroup(series []NamedSeries, idx []int, p SeriesParams) (SeriesGroup, []SeriesRow, error) {
	pn, periods, err := groupPanel(series, idx)
	if err != nil {
		return SeriesGroup{}, nil, err
	}
	n := pn.Len()
	first := max(3, pn.Period)
	if p.Scored > 0 {
		first = max(first, n-p.Scored-p.Horizon)
	}
	origins := []int{}
	for o := first; o < n; o++ {
		origins = append(origins, o)
	}
	models := make([]panel.Model, len(p.Models))
	for i, m := range p.Models {
		models[i] = panel.PerSeries{Model: m}
	}
	back, err := panel.Backtest(pn, models, panel.Config{Horizon: p.Horizon, Origins: origins})
	if err != nil {
		return SeriesGroup{}, nil, err
	}
	cfg := panel.ChooseConfig{Band: oneBand}
	pub, _, err := panel.Publish(pn, back, cfg)
	if err != nil {
		return SeriesGroup{}, nil, err
	}
	scored := origins
	if p.Scored > 0 && len(scored) > p.Scored {
		scored = scored[len(scored)-p.Scored:]
	}
	iv := panel.NewIntervals(pn, pub, p.Levels)
	cmp, err := ts.Compare(pub, ts.CompareConfig{Origins: scored, Interval: iv.Interval, Levels: p.Levels, MinChange: 0.05})
	if err != nil {
		return SeriesGroup{}, nil, err
	}
	choices, err := panel.Choose(pn, back, n, cfg)
	if err != nil {
		return SeriesGroup{}, nil, err
	}
	g := SeriesGroup{First: periods[0], Last: periods[n-1], Series: idx, Origins: origins, Scored: scored,
		Backtest: pub, Scores: cmp, Choice: choices[0]}
	rows, err := groupRows(series, pn, periods, g, p)
	return g, rows, err
}

// groupRows forecasts the group's series with the chosen models and
// draws their calibrated intervals.
func groupRows(series []NamedSeries, pn *panel.Panel, periods []Period, g SeriesGroup, p SeriesParams) ([]SeriesRow, error) {
	n, naive := pn.Len(), ts.Naive{}.Name()
	fc := map[string][]ts.Forecast{}
	for _, ms := range append(slices.Clone(g.Choice.Models), []string{naive}) {
		for _, name := range ms {
			if fc[name] != nil {
				continue
			}
			j := slices.IndexFunc(p.Models, func(m ts.Model) bool { return m.Name() == name })
			if j < 0 {
				return nil, fmt.Errorf("forecast: model %q is not a candidate: %w", name, ErrSeriesParams)
			}
			fs, err := panel.PerSeries{Model: p.Models[j]}.ForecastPanel(pn, p.Horizon)
			if err != nil {
				return nil, err
			}
			fc[name] = fs
		}
	}
	cal, u := panel.CalibrateAt(pn, g.Backtest, g.Backtest.Model(panel.Published), n, p.Levels)
	var rows []SeriesRow
	for j, i := range g.Series {
		target := periods[n-1]
		for h := 1; h <= p.Horizon; h++ {
			target = target.next()
			members := stepMembers(g.Choice, h)
			model, reason := choiceReason(g.Choice, members, h)
			f, ok := median(fc, members, j, h)
			if !ok {
				members = []string{naive}
				model, reason = naive, "the chosen model gave no forecast of this series: naive"
				f, ok = median(fc, members, j, h)
			}
			if !ok {
				return nil, &SeriesError{Source: "forecast", Key: series[i].Key, Err: errors.New("naive gave no forecast")}
			}
			r := SeriesRow{Key: series[i].Key, Origin: periods[n-1], Target: target, H: h, Last: pn.Values[j][n-1],
				Forecast: f, Model: model, Reason: reason}
			for l := range p.Levels {
				lo, hi, ok := cal.Interval(f, u[j], h, l)
				if !ok {
					lo, hi = math.NaN(), math.NaN()
				}
				r.Lower, r.Upper = append(r.Lower, lo), append(r.Upper, hi)
			}
			rows = append(rows, r)
		}
	}
	return rows, nil
}

// stepMembers are the models chosen at step h, naive when none is.
func stepMembers(c panel.Choice, h int) []string {
	if h-1 < len(c.Models) && len(c.Models[h-1]) > 0 {
		return c.Models[h-1]
	}
	return []string{ts.Naive{}.Name()}
}

// choiceReason names the models of step h and says why they were chosen.
func choiceReason(c panel.Choice, members []string, h int) (string, string) {
	naive := ts.Naive{}.Name()
	hh := h
	if n := c.N[naive]; h >= len(n) || n[h] == 0 {
		hh = 0
	}
	name := modelName(ts.Selected{Models: members})
	if len(members) == 1 && members[0] == naive {
		if n := c.N[naive]; len(n) == 0 || n[hh] == 0 {
			return name, ReasonSeriesShort
		}
		return name, fmt.Sprintf("%s (%d forecasts)", ReasonSeriesNaive, c.N[naive][hh])
	}
	m := members[0]
	return name, fmt.Sprintf("%s: %.3f of naive's on %d shared forecasts", ReasonSeriesBest, c.Ratio[m][hh], c.N[m][hh])
}

// median is the median of the members' forecasts of series j at step h;
// ok is false when a member has none.
func median(fc map[string][]ts.Forecast, members []string, j, h int) (float64, bool) {
	vals := make([]float64, 0, len(members))
	for _, name := range members {
		f := fc[name][j]
		if len(f.Mean) < h {
			return 0, false
		}
		vals = append(vals, f.Mean[h-1])
	}
	slices.Sort(vals)
	k := len(vals) / 2
	if len(vals)%2 == 1 {
		return vals[k], true
	}
	return (vals[k-1] + vals[k]) / 2, true
}

// ScoredBacktest is the backtest of every series, the published forecast
// among the models, with only the forecasts from the scored origins:
// what BacktestSeries gives for the same origins, plus the model
// panel.Published.
func (r *SeriesResult) ScoredBacktest() *ts.BacktestResult {
	out := &ts.BacktestResult{Horizon: r.Params.Horizon, Series: make([]ts.SeriesBacktest, len(r.Series))}
	for _, g := range r.Groups {
		out.Models = g.Backtest.Models
		for j, i := range g.Series {
			sb := g.Backtest.Series[j]
			sb.Points = slices.DeleteFunc(slices.Clone(sb.Points), func(p ts.Point) bool {
				_, ok := slices.BinarySearch(g.Scored, p.Origin)
				return !ok
			})
			out.Series[i] = sb
		}
	}
	return out
}
