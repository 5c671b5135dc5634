package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"lmi/forecast"
	"lmi/forecast/ts"
	"lmi/forecast/ts/panel"
	"lmi/report/results"
	"lmi/store"
)

// forecastSeries is lmi forecast --series: it chooses and forecasts by
// backtest, writes the forecast and the models' scores, and says what it
// did on standard error.
func forecastSeries(ctx context.Context, fs *pflag.FlagSet, src string) error {
	series, db, err := loadSeries(ctx, fs, src)
	if err != nil {
		return err
	}
	if db == nil {
		// A file's series: the output files are written through a
		// private in-memory store.
		if db, err = store.Open(ctx, ""); err != nil {
			return err
		}
	}
	defer db.Close()
	freq := series[0].Period
	p := forecast.SeriesParams{Levels: seriesLevels(fs)}
	if p.Horizon, p.Scored, err = seriesHorizon(fs, freq); err != nil {
		return err
	}
	if p.Models, err = seriesCandidates(fs, freq); err != nil {
		return err
	}
	dialect, err := csvDialect(fs)
	if err != nil {
		return err
	}
	res, err := forecast.ForecastSeries(series, p)
	if err != nil {
		return err
	}
	conn, err := db.SQL().Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	dir, _ := fs.GetString("out")
	o := results.Options{Dialect: dialect}
	if db.Path() != "" {
		o.DB = db
	}
	paths, err := results.WriteSeriesForecast(ctx, conn, res, dir, o)
	if err != nil {
		return err
	}
	printSeriesForecast(progressTo, src, res, paths)
	return nil
}

// seriesLevels are the interval levels written: 80% and 95%, and
// --coverage when it is another.
func seriesLevels(fs *pflag.FlagSet) []float64 {
	levels := []float64{0.8, 0.95}
	if c, _ := fs.GetFloat64("coverage"); fs.Changed("coverage") && !slices.Contains(levels, c) {
		levels = append(levels, c)
		slices.Sort(levels)
	}
	return levels
}

// seriesCandidates are the models of --model among those for series of
// frequency freq (all of them by default), naive always among them.
func seriesCandidates(fs *pflag.FlagSet, freq int) ([]ts.Model, error) {
	all := forecast.SeriesModels(freq)
	names, _ := fs.GetStringSlice("model")
	names = splitList(names)
	if len(names) == 0 {
		return all, nil
	}
	var known []string
	for _, m := range all {
		known = append(known, m.Name())
	}
	for _, n := range names {
		if !slices.Contains(known, n) {
			return nil, usagef("--model %q: series of %d a year have the models %s", clip(n), freq, strings.Join(known, ", "))
		}
	}
	var out []ts.Model
	for _, m := range all {
		if m.Name() == "naive" || slices.Contains(names, m.Name()) {
			out = append(out, m)
		}
	}
	return out, nil
}

// clip caps a user's value for a message.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

func printSeriesForecast(out io.Writer, src string, res *forecast.SeriesResult, paths []string) {
	p := res.Params
	fmt.Fprintf(out, "forecast of %d series from %s, %d periods ahead\n", len(res.Series), src, p.Horizon)
	for _, g := range res.Groups {
		c := g.Scores
		fmt.Fprintf(out, "%d series over %s: backtested from %d origins (%d scored), the model of each step chosen by its MASE against naive's pooled over the series\n",
			len(g.Series), g.Periods(), len(g.Origins), len(g.Scored))
		pub := slices.Index(c.Models, panel.Published)
		for h := 1; h <= p.Horizon; h++ {
			s := c.Cells[pub][len(c.Groups)-1][h]
			fmt.Fprintf(out, "  h=%d: %s; backtest of the published forecast: MASE %s of naive's", h, strings.Join(g.Choice.Models[h-1], "+"), f3(s.Ratio))
			for l, iv := range s.Intervals {
				fmt.Fprintf(out, ", %g%% interval covers %s", 100*p.Levels[l], f3(iv.Coverage))
			}
			fmt.Fprintf(out, " (%d forecasts)\n", s.Forecasts)
		}
	}
	for _, path := range paths {
		fmt.Fprintf(out, "wrote %s\n", path)
	}
}
