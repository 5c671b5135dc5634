package forecast

import (
	"context"
	"database/sql"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"lmi/forecast/ts"
)

// Period is a point of a regular calendar series: a year, a quarter or a
// month.
type Period struct {
	Year int
	Sub  int // quarter 1-4 or month 1-12; 0 for a year
	Freq int // observations per year: 1, 4 or 12
}

// String formats p the way lmi's flow tables do: "2024", "2024K1",
// "2024-01".
func (p Period) String() string {
	switch p.Freq {
	case 4:
		return fmt.Sprintf("%dK%d", p.Year, p.Sub)
	case 12:
		return fmt.Sprintf("%d-%02d", p.Year, p.Sub)
	}
	return strconv.Itoa(p.Year)
}

// index counts periods from year 0, so consecutive periods differ by 1.
func (p Period) index() int {
	if p.Freq == 1 {
		return p.Year
	}
	return p.Year*p.Freq + p.Sub - 1
}

// next is the period after p.
func (p Period) next() Period {
	if p.Freq == 1 {
		return Period{Year: p.Year + 1, Freq: 1}
	}
	if p.Sub == p.Freq {
		return Period{Year: p.Year + 1, Sub: 1, Freq: p.Freq}
	}
	return Period{Year: p.Year, Sub: p.Sub + 1, Freq: p.Freq}
}

// ParsePeriod reads a period as SCB, Arbetsförmedlingen and lmi write
// them: "2024"; quarters "2024K1", "2024Q1"; months "2024-01", "2024M01",
// "2024-1".
func ParsePeriod(s string) (Period, error) {
	s = strings.TrimSpace(s)
	bad := func() (Period, error) {
		return Period{}, fmt.Errorf("period %q: want a year (2024), a quarter (2024K1) or a month (2024-01, 2024M01)", s)
	}
	if len(s) < 4 {
		return bad()
	}
	year, err := strconv.Atoi(s[:4])
	if err != nil || year < 1000 {
		return bad()
	}
	rest := s[4:]
	if rest == "" {
		return Period{Year: year, Freq: 1}, nil
	}
	var freq int
	switch rest[0] {
	case 'K', 'Q', 'k', 'q':
		freq = 4
	case 'M', 'm', '-':
		freq = 12
	default:
		return bad()
	}
	sub, err := strconv.Atoi(rest[1:])
	if err != nil || sub < 1 || sub > freq || len(rest) > 3 {
		return bad()
	}
	return Period{Year: year, Sub: sub, Freq: freq}, nil
}

// NamedSeries is one series to backtest: its key (a region, a region and
// an occupation, ...), its first period and its values.
type NamedSeries struct {
	Key   string
	Start Period
	ts.Series
}

// SeriesError reports a problem with the data of one series, where a
// caller can point at it.
type SeriesError struct {
	Source string // file or table
	Line   int    // 1-based line of a file; 0 when from the store
	Key    string // series key, when known
	Err    error
}

func (e *SeriesError) Error() string {
	var b strings.Builder
	b.WriteString(e.Source)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Key != "" {
		fmt.Fprintf(&b, ": series %s", e.Key)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *SeriesError) Unwrap() error { return e.Err }

// ErrGap: a series misses a period between its first and last.
var ErrGap = errors.New("missing period")

// observation is one value of one series as read.
type observation struct {
	key    string
	period Period
	value  float64
	line   int
}

// assemble turns observations into regular series, sorted by key: one
// frequency for all, no period twice, no gap.
func assemble(source string, obs []observation) ([]NamedSeries, error) {
	return assembleFill(source, obs, false)
}

// assembleFill is assemble; with zeros, every series runs over all the
// periods of all series and a missing period is a zero (the flow tables
// hold only cells with a count).
func assembleFill(source string, obs []observation, zeros bool) ([]NamedSeries, error) {
	if len(obs) == 0 {
		return nil, &SeriesError{Source: source, Err: errors.New("no observations")}
	}
	freq := obs[0].period.Freq
	byKey := map[string][]observation{}
	for _, o := range obs {
		if o.period.Freq != freq {
			return nil, &SeriesError{Source: source, Line: o.line, Key: o.key,
				Err: fmt.Errorf("period %s is not of the frequency of the first row (%d a year)", o.period, freq)}
		}
		byKey[o.key] = append(byKey[o.key], o)
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if zeros {
		first, last := obs[0].period, obs[0].period
		for _, o := range obs {
			if o.period.index() < first.index() {
				first = o.period
			}
			if o.period.index() > last.index() {
				last = o.period
			}
		}
		for _, k := range keys {
			have := map[int]bool{}
			for _, o := range byKey[k] {
				have[o.period.index()] = true
			}
			for p := first; p.index() <= last.index(); p = p.next() {
				if !have[p.index()] {
					byKey[k] = append(byKey[k], observation{key: k, period: p})
				}
			}
		}
	}
	out := make([]NamedSeries, 0, len(keys))
	for _, k := range keys {
		os := byKey[k]
		slices.SortStableFunc(os, func(a, b observation) int { return a.period.index() - b.period.index() })
		s := NamedSeries{Key: k, Start: os[0].period, Series: ts.Series{Period: freq}}
		for i, o := range os {
			if i > 0 {
				switch d := o.period.index() - os[i-1].period.index(); {
				case d == 0:
					return nil, &SeriesError{Source: source, Line: o.line, Key: k, Err: fmt.Errorf("period %s given twice", o.period)}
				case d > 1:
					return nil, &SeriesError{Source: source, Line: o.line, Key: k, Err: fmt.Errorf("%w before %s", ErrGap, o.period)}
				}
			}
			s.Values = append(s.Values, o.value)
		}
		out = append(out, s)
	}
	return out, nil
}

// CSVColumns names the columns of a series CSV file.
type CSVColumns struct {
	Period string   // the period column
	Value  string   // the value column
	Keys   []string // columns that identify a series (none: one series)
}

// ReadSeriesCSV reads series from a long CSV file with a header: one row
// per series and period, as regional analysts keep them (for example SCB's
// monthly unemployment rate per län). Values may use a decimal comma;
// the separator (comma, semicolon or tab) is taken from the header line.
// Rows whose value is empty or one of SCB's dot codes ("..", ".") are
// errors: a series must be complete.
func ReadSeriesCSV(r io.Reader, name string, cols CSVColumns) ([]NamedSeries, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &SeriesError{Source: name, Err: err}
	}
	data = []byte(strings.TrimPrefix(string(data), "\ufeff"))
	header, _, _ := strings.Cut(string(data), "\n")
	cr := csv.NewReader(strings.NewReader(string(data)))
	cr.Comma = ','
	for _, c := range []rune{';', '\t'} {
		if strings.Count(header, string(c)) > strings.Count(header, string(cr.Comma)) {
			cr.Comma = c
		}
	}
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		return nil, &SeriesError{Source: name, Line: 1, Err: fmt.Errorf("header: %w", err)}
	}
	find := func(col string) (int, error) {
		for i, h := range head {
			if strings.TrimSpace(h) == col {
				return i, nil
			}
		}
		return 0, &SeriesError{Source: name, Line: 1, Err: fmt.Errorf("no column %q (the header has %s)", col, strings.Join(head, ", "))}
	}
	pi, err := find(cols.Period)
	if err != nil {
		return nil, err
	}
	vi, err := find(cols.Value)
	if err != nil {
		return nil, err
	}
	var ki []int
	for _, k := range cols.Keys {
		i, err := find(k)
		if err != nil {
			return nil, err
		}
		ki = append(ki, i)
	}
	var obs []observation
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			line := 0
			if errors.As(err, &pe) {
				line = pe.Line
			}
			return nil, &SeriesError{Source: name, Line: line, Err: err}
		}
		line, _ := cr.FieldPos(0)
		p, err := ParsePeriod(rec[pi])
		if err != nil {
			return nil, &SeriesError{Source: name, Line: line, Err: err}
		}
		v, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(rec[vi]), ",", ".", 1), 64)
		if err != nil || v != v || v > 1e300 || v < -1e300 {
			return nil, &SeriesError{Source: name, Line: line, Err: fmt.Errorf("column %s: %q is not a number", cols.Value, rec[vi])}
		}
		keys := make([]string, len(ki))
		for j, i := range ki {
			keys[j] = strings.TrimSpace(rec[i])
		}
		obs = append(obs, observation{key: strings.Join(keys, "/"), period: p, value: v, line: line})
	}
	return assemble(name, obs)
}

// Store series sources for StoreSeries.
const (
	SourceJobseekers = "jobseekers" // registered job seekers by region and period
	SourceVacancies  = "vacancies"  // new vacancies by region and period
	SourceHires      = "hires"      // job seekers leaving for work
	SourceTightness  = "tightness"  // vacancies per job seeker
)

// StoreSourcePrefix marks a published SCB table: "scb:TABLE_ID".
const StoreSourcePrefix = "scb:"

// tightnessSeriesSQL is the tightness series V / U by region and period.
// It is embedded on its own, outside sql/*.sql: the store tables a
// forecast reads (Inputs) are derived from those files, and a backtest's
// series are not a forecast's input.
//
//go:embed sql/series/tightness.sql
var tightnessSeriesSQL string

// StoreSeries reads series from the store: the flow tables summed over
// occupations by region and period (their tightness V/U too), or every
// series of a published SCB table (one per combination of its other
// dimensions, over the time dimension).
func StoreSeries(ctx context.Context, db *sql.DB, source string) ([]NamedSeries, error) {
	var q string
	switch source {
	// Sums of the known cells: a censored cell ("<5", n NULL) adds
	// nothing, and a region-period whose every cell is censored has no
	// known count and is left out, as a month without a count is.
	case SourceJobseekers, SourceVacancies, SourceHires:
		q = fmt.Sprintf("SELECT region, period, sum(n)::DOUBLE FROM %s GROUP BY ALL HAVING count(n) > 0", source)
	case SourceTightness:
		q = tightnessSeriesSQL
	default:
		table, ok := strings.CutPrefix(source, StoreSourcePrefix)
		if !ok || table == "" {
			return nil, fmt.Errorf("series source %q: want jobseekers, vacancies, hires, tightness or scb:TABLE_ID", source)
		}
		return publishedSeries(ctx, db, table)
	}
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("series %s: %w", source, err)
	}
	defer rows.Close()
	var obs []observation
	for rows.Next() {
		var region, period string
		var v float64
		if err := rows.Scan(&region, &period, &v); err != nil {
			return nil, err
		}
		p, err := ParsePeriod(period)
		if err != nil {
			return nil, &SeriesError{Source: source, Key: region, Err: err}
		}
		obs = append(obs, observation{key: region, period: p, value: v})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(obs) == 0 {
		return nil, &SeriesError{Source: source, Err: errors.New("nothing in the store (load job seekers and vacancies with lmi ingest first)")}
	}
	// Counts are only stored where there is one; tightness needs both.
	return assembleFill(source, obs, source != SourceTightness)
}

// publishedSeries reads the series of one SCB table in published_cells.
// The time dimension is the one whose codes all read as periods; cells
// without a value (SCB's dot codes) end the table's use as a series.
func publishedSeries(ctx context.Context, db *sql.DB, table string) ([]NamedSeries, error) {
	rows, err := db.QueryContext(ctx, "SELECT dimensions, codes, value FROM published_cells WHERE table_id = ? ORDER BY codes", table)
	if err != nil {
		return nil, fmt.Errorf("series scb:%s: %w", table, err)
	}
	defer rows.Close()
	type cellRow struct {
		dims, codes []string
		value       sql.NullFloat64
	}
	var cells []cellRow
	for rows.Next() {
		var dims, cs []any
		var c cellRow
		if err := rows.Scan(&dims, &cs, &c.value); err != nil {
			return nil, err
		}
		for i := range dims {
			c.dims = append(c.dims, fmt.Sprint(dims[i]))
			c.codes = append(c.codes, fmt.Sprint(cs[i]))
		}
		cells = append(cells, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	src := StoreSourcePrefix + table
	if len(cells) == 0 {
		return nil, &SeriesError{Source: src, Err: errors.New("no such table in published_cells (load it with lmi ingest or lmi fetch)")}
	}
	timeDim := -1
	for d := range cells[0].dims {
		all := true
		for _, c := range cells {
			if _, err := ParsePeriod(c.codes[d]); err != nil {
				all = false
				break
			}
		}
		if all {
			timeDim = d
			break
		}
	}
	if timeDim < 0 {
		return nil, &SeriesError{Source: src, Err: errors.New("no dimension of periods")}
	}
	var obs []observation
	for _, c := range cells {
		var key []string
		for d, code := range c.codes {
			if d != timeDim {
				key = append(key, c.dims[d]+"="+code)
			}
		}
		p, _ := ParsePeriod(c.codes[timeDim])
		if !c.value.Valid {
			return nil, &SeriesError{Source: src, Key: strings.Join(key, ","), Err: fmt.Errorf("no value for %s", p)}
		}
		obs = append(obs, observation{key: strings.Join(key, ","), period: p, value: c.value.Float64})
	}
	return assemble(src, obs)
}

// SeriesModels are the candidate models for series of a frequency: the
// yearly ones, and for monthly and quarterly series the seasonal naive,
// exponential smoothing (ETS) and automatic ARIMA models besides naive,
// drift and the damped trend.
func SeriesModels(freq int) []ts.Model {
	if freq <= 1 {
		return []ts.Model{ts.Naive{}, ts.Drift{}, ts.Damped{}, ts.LogLinear{}, ts.ETS{}, ts.AutoARIMA{}}
	}
	return []ts.Model{ts.Naive{}, ts.SeasonalNaive{}, ts.Drift{}, ts.Damped{}, ts.ETS{}, ts.AutoARIMA{}}
}

// BacktestSeries backtests models on every series from its last origins
// rolling origins (training lengths n-origins .. n-1) over horizon steps,
// or from every origin when origins is 0. Series of different lengths are
// each given their own last origins.
func BacktestSeries(series []NamedSeries, models []ts.Model, horizon, origins int) (*ts.BacktestResult, error) {
	if len(series) == 0 {
		return nil, errors.New("backtest: no series")
	}
	byLen := map[int][]int{}
	var lens []int
	for i, s := range series {
		if byLen[s.Len()] == nil {
			lens = append(lens, s.Len())
		}
		byLen[s.Len()] = append(byLen[s.Len()], i)
	}
	out := &ts.BacktestResult{Series: make([]ts.SeriesBacktest, len(series))}
	for _, n := range lens {
		cfg := ts.BacktestConfig{Horizon: horizon}
		if origins > 0 {
			for o := max(n-origins, 1); o < n; o++ {
				cfg.Origins = append(cfg.Origins, o)
			}
		}
		idx := byLen[n]
		ss := make([]ts.Series, len(idx))
		for j, i := range idx {
			ss[j] = series[i].Series
		}
		res, err := ts.Backtest(ss, models, cfg)
		if err != nil {
			return nil, err
		}
		out.Models, out.Horizon = res.Models, res.Horizon
		for j, i := range idx {
			out.Series[i] = res.Series[j]
		}
	}
	return out, nil
}
