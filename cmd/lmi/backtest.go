package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"text/tabwriter"

	"github.com/spf13/pflag"

	"lmi/forecast"
	"lmi/forecast/ts"
	"lmi/forecast/ts/panel"
	"lmi/indicators"
	"lmi/report/results"
	"lmi/store"
)

func init() {
	register(&command{
		name:    "backtest",
		summary: "score the forecast models by rolling-origin backtest; agreement with Arbetsförmedlingen's classes",
		args:    "--db FILE [--per-series-out FILE.csv] | --series SOURCE [--origins N --horizon H]",
		flags: func(fs *pflag.FlagSet) {
			forecastFlags(fs)
			fs.String("per-series-out", "", "also write every series' scores per model to this CSV file")
			seriesFlags(fs, "backtest")
			csvDialectFlag(fs)
		},
		run: runBacktest,
	})
}

func runBacktest(ctx context.Context, fs *pflag.FlagSet, args []string, out io.Writer) error {
	if len(args) > 0 {
		return usagef("backtest takes no arguments besides flags")
	}
	if src, _ := fs.GetString("series"); src != "" {
		return backtestSeries(ctx, fs, src, out)
	}
	p, err := forecastParams(fs)
	if err != nil {
		return err
	}
	dbPath, _ := fs.GetString("db")
	db, err := openExisting(ctx, dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	s, err := indicators.NewSession(ctx, db)
	if err != nil {
		return err
	}
	defer s.Close()
	res, err := forecast.Compute(ctx, s, p)
	if err != nil {
		return err
	}
	ev := forecast.Evaluate(res)
	agree, err := forecast.Agreements(ctx, s.Conn(), res)
	if err != nil {
		return err
	}
	notCompared, err := forecast.Uncompared(ctx, s.Conn(), res, agree)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "backtest of %d series, years %d-%d, rolling origins from %d training years, horizons 1-%d\n\n",
		len(res.Backtest.Series), res.Years[0], res.Years[len(res.Years)-1], p.MinTrain, p.Horizon)
	printModelScores(out, ev.Models)
	printPublished(out, ev.Published)
	printSeriesSummary(out, ev.Models)
	for _, a := range agree {
		printAgreement(out, a)
	}
	for _, n := range notCompared {
		fmt.Fprintf(out, "note: %s\n", n)
	}
	if len(agree) == 0 && len(notCompared) == 0 {
		fmt.Fprintln(out, "no Arbetsförmedlingen assessments with classes loaded (bristindex, yrkesprognoser, yrkesbarometer): no agreement to report")
	} else if len(agree) > 0 {
		fmt.Fprintf(out, "lmi forecast writes these pairs to %s and %s in its output folder\n", results.AgreementFile, results.AgreementSummaryFile)
	}
	if path, _ := fs.GetString("per-series-out"); path != "" {
		if err := writeSeriesScores(fs, path, res, ev.Models); err != nil {
			return err
		}
		fmt.Fprintf(out, "\nwrote %s\n", path)
	}
	return nil
}

func f3(v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	return strconv.FormatFloat(v, 'f', 3, 64)
}

// printModelScores prints each model's pooled accuracy, with its model
// intervals' coverage and Winkler scores.
func printModelScores(out io.Writer, m *ts.Metrics) {
	fmt.Fprintln(out, "candidate models, pooled over all series and horizons (intervals: the models' own):")
	tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "model\tforecasts\tMASE\tvs naive\tdirection\t")
	for _, l := range m.Levels {
		fmt.Fprintf(tw, "cover %g%%\twinkler %g%%\t", l*100, l*100)
	}
	fmt.Fprintln(tw)
	naive := slices.Index(m.Models, "naive")
	for i, name := range m.Models {
		a := m.Pooled[i].All
		rel := math.NaN()
		if naive >= 0 {
			rel = a.MASE / m.Pooled[naive].All.MASE
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t", name, a.Forecasts, f3(a.MASE), f3(rel), f3(a.Directional))
		for _, iv := range a.Intervals {
			fmt.Fprintf(tw, "%s\t%s\t", f3(iv.Coverage), f3(iv.Winkler))
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	fmt.Fprintln(out)
}

// printCalibrated prints every model's scores on the forecasts it shares
// with naive, with the intervals calibrated on its own backtest errors,
// and the published forecast's per step.
func printCalibrated(out io.Writer, g forecast.SeriesGroup, named bool) {
	c := g.Scores
	fmt.Fprint(out, "on the forecasts shared with naive, with intervals calibrated on each model's backtest errors (lmi: the forecast lmi forecast --series publishes, chosen at each origin from what was known there)")
	if named {
		fmt.Fprintf(out, ", series over %s", g.Periods())
	}
	fmt.Fprintln(out, ":")
	tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "model\th\tforecasts\tMASE\tvs naive\tdirection\t")
	for _, l := range c.Levels {
		fmt.Fprintf(tw, "cover %g%%\twinkler %g%%\t", l*100, l*100)
	}
	fmt.Fprintln(tw)
	all := len(c.Groups) - 1
	row := func(name string, h int, s ts.Shared) {
		hs := "all"
		if h > 0 {
			hs = strconv.Itoa(h)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t", name, hs, s.Forecasts, f3(s.MASE), f3(s.Ratio), f3(s.Directional))
		for _, iv := range s.Intervals {
			fmt.Fprintf(tw, "%s\t%s\t", f3(iv.Coverage), f3(iv.Winkler))
		}
		fmt.Fprintln(tw)
	}
	for m, name := range c.Models {
		row(name, 0, c.Cells[m][all][0])
	}
	if pub := slices.Index(c.Models, panel.Published); pub >= 0 {
		for h := 1; h < len(c.Cells[pub][all]); h++ {
			row(panel.Published, h, c.Cells[pub][all][h])
		}
	}
	tw.Flush()
	fmt.Fprintln(out)
}

// printPublished prints the accuracy of lmi's published forecasts.
func printPublished(out io.Writer, ps []forecast.PublishedAccuracy) {
	fmt.Fprintln(out, "lmi's published forecasts (selected, reconciled, summed) against naive:")
	tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "rows\th\tforecasts\tMASE\tnaive MASE\tratio\tdirection\t")
	for _, p := range ps {
		row := func(h string, a forecast.StepAccuracy) {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t%s\t\n", p.Kind, h, a.N, f3(a.MASE), f3(a.NaiveMASE), f3(a.MASE/a.NaiveMASE), f3(a.Directional))
		}
		row("all", p.All)
		for h, a := range p.ByStep {
			row(strconv.Itoa(h+1), a)
		}
	}
	tw.Flush()
	fmt.Fprintln(out)
}

// printSeriesSummary says, per model, in how many series it beat naive.
func printSeriesSummary(out io.Writer, m *ts.Metrics) {
	naive := slices.Index(m.Models, "naive")
	if naive < 0 {
		return
	}
	fmt.Fprintln(out, "per series (full table with --per-series-out):")
	tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "model\tseries scored\tbeats naive\tmedian MASE\t")
	for i, name := range m.Models {
		var scored, better int
		var mases []float64
		for _, s := range m.Series {
			a, b := s[i].All.MASE, s[naive].All.MASE
			if math.IsNaN(a) || math.IsNaN(b) {
				continue
			}
			scored++
			mases = append(mases, a)
			if a < b {
				better++
			}
		}
		med := math.NaN()
		if len(mases) > 0 {
			slices.Sort(mases)
			med = mases[len(mases)/2]
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t\n", name, scored, better, f3(med))
	}
	tw.Flush()
	fmt.Fprintln(out)
}

func printAgreement(out io.Writer, a forecast.Agreement) {
	fmt.Fprintf(out, "agreement with %s %s %s (lmi at h=%d): %d region x SSYK 4 pairs, Cohen's kappa %s, linear-weighted kappa %s",
		a.Publisher, a.Round, a.Measure, a.H, a.N, f3(a.Kappa), f3(a.WeightedKappa))
	if a.Ambiguous > 0 {
		fmt.Fprintf(out, " (%d pairs left out: the SSYK group has several classes there)", a.Ambiguous)
	}
	fmt.Fprintln(out)
	if w := a.YearWarning(); w != "" {
		fmt.Fprintf(out, "warning: %s\n", w)
	}
	if a.Classes == 3 {
		fmt.Fprintln(out, "their three classes against lmi's collapsed: 1 surplus (lmi's 1-2), 2 balance (3), 3 shortage (4-5)")
	}
	tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "lmi \\ theirs\t")
	for j := range a.Classes {
		fmt.Fprintf(tw, "%d\t", j+1)
	}
	fmt.Fprintln(tw)
	for i := range a.Classes {
		fmt.Fprintf(tw, "%d\t", i+1)
		for j := range a.Classes {
			fmt.Fprintf(tw, "%d\t", a.Matrix[i][j])
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	fmt.Fprintln(out)
}

// writeSeriesScores writes one line per base series and model.
func writeSeriesScores(fs *pflag.FlagSet, path string, res *forecast.Result, m *ts.Metrics) error {
	keys := make([]string, len(res.Selections))
	for i, sel := range res.Selections {
		keys[i] = sel.Level + "/" + sel.Region + "/" + sel.SSYK
	}
	return writeNamedScores(fs, path, keys, m)
}

// writeNamedScores writes one line per series, named by keys, and model,
// in the dialect of --csv-dialect.
func writeNamedScores(fs *pflag.FlagSet, path string, keys []string, m *ts.Metrics) error {
	d, err := csvDialect(fs)
	if err != nil {
		return err
	}
	_, err = results.WriteScores(path, keys, m, d)
	return err
}

// seriesFlags are the flags of --series, which lmi backtest and lmi
// forecast share.
func seriesFlags(fs *pflag.FlagSet, verb string) {
	fs.String("series", "", verb+" other series instead of the employment forecast: jobseekers, vacancies, hires, tightness (by region, from --db), scb:TABLE_ID (a loaded SCB table), or a CSV file")
	fs.Int("origins", 12, "--series: rolling origins scored, the last N training lengths (0 = every one)")
	fs.String("period-col", "period", "--series CSV file: the period column (2024, 2024K1, 2024-01, 2024M01)")
	fs.String("value-col", "value", "--series CSV file: the value column")
	fs.StringSlice("key-col", nil, "--series CSV file: columns that identify a series (e.g. regionkod)")
}

// loadSeries reads the series of --series: a CSV file, or a source in
// the store of --db, which it returns open (nil for a file).
func loadSeries(ctx context.Context, fs *pflag.FlagSet, src string) ([]forecast.NamedSeries, *store.DB, error) {
	if st, err := os.Stat(src); err == nil && !st.IsDir() {
		cols := forecast.CSVColumns{}
		cols.Period, _ = fs.GetString("period-col")
		cols.Value, _ = fs.GetString("value-col")
		keys, _ := fs.GetStringSlice("key-col")
		cols.Keys = splitList(keys)
		f, err := os.Open(src)
		if err != nil {
			return nil, nil, err
		}
		defer f.Close()
		series, err := forecast.ReadSeriesCSV(f, src, cols)
		return series, nil, err
	}
	dbPath, _ := fs.GetString("db")
	db, err := openExisting(ctx, dbPath)
	if err != nil {
		return nil, nil, err
	}
	series, err := forecast.StoreSeries(ctx, db.SQL(), src)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return series, db, nil
}

// seriesHorizon is --horizon and --origins for series of frequency freq:
// the horizon is one seasonal cycle unless given.
func seriesHorizon(fs *pflag.FlagSet, freq int) (horizon, origins int, err error) {
	horizon, _ = fs.GetInt("horizon")
	if !fs.Changed("horizon") && freq > 1 {
		horizon = freq // one seasonal cycle
	}
	origins, _ = fs.GetInt("origins")
	if horizon < 1 || origins < 0 {
		return 0, 0, usagef("--horizon must be at least 1 and --origins 0 or more")
	}
	return horizon, origins, nil
}

// backtestSeries backtests the candidate models of their frequency on
// series from the store or a CSV file.
func backtestSeries(ctx context.Context, fs *pflag.FlagSet, src string, out io.Writer) error {
	series, db, err := loadSeries(ctx, fs, src)
	if err != nil {
		return err
	}
	if db != nil {
		db.Close()
	}
	freq := series[0].Period
	horizon, origins, err := seriesHorizon(fs, freq)
	if err != nil {
		return err
	}
	fr, err := forecast.ForecastSeries(series, forecast.SeriesParams{Horizon: horizon, Scored: origins})
	if err != nil {
		return err
	}
	res := fr.ScoredBacktest()
	first, last := series[0], series[0]
	for _, s := range series {
		if s.Len() > last.Len() {
			last = s
		}
	}
	end := first.Start
	fmt.Fprintf(out, "backtest of %d series from %s, %d a year, from %s, up to %d observations, horizons 1-%d, ",
		len(series), src, freq, end, last.Len(), horizon)
	if origins > 0 {
		fmt.Fprintf(out, "the last %d origins\n\n", origins)
	} else {
		fmt.Fprint(out, "every origin\n\n")
	}
	m := ts.Evaluate(res, ts.MetricsConfig{})
	printModelScores(out, m)
	for _, g := range fr.Groups {
		printCalibrated(out, g, len(fr.Groups) > 1)
	}
	printSeriesSummary(out, m)
	if path, _ := fs.GetString("per-series-out"); path != "" {
		keys := make([]string, len(series))
		for i, s := range series {
			keys[i] = s.Key
		}
		if err := writeNamedScores(fs, path, keys, m); err != nil {
			return err
		}
		fmt.Fprintf(out, "wrote %s\n", path)
	}
	return nil
}
