package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"

	"github.com/spf13/pflag"

	"lmi/codes"
	"lmi/fixtures"
	"lmi/forecast"
	"lmi/indicators"
	"lmi/ingest/load"
	"lmi/internal/progress"
	"lmi/report/csvout"
	"lmi/store"
)

func init() {
	register(&command{
		name:    "demo",
		summary: "synthesise a small register and flows, load them, compute every indicator for län and FA and forecast shortage occupations",
		flags: func(fs *pflag.FlagSet) {
			fs.String("out", "lmi-demo", "output folder (data, database and indicators go here)")
			fs.Int("persons", 50000, "size of the synthetic population")
			fs.Int("years", 8, "number of years")
		},
		run: runDemo,
	})
}

// runDemo is safe to run twice: the generator rewrites identical files, so
// the load is a no-op the second time, and outputs are replaced atomically.
func runDemo(ctx context.Context, fs *pflag.FlagSet, args []string, out io.Writer) error {
	if len(args) > 0 {
		return usagef("demo takes no arguments besides flags")
	}
	dir, _ := fs.GetString("out")
	// The burn-in lets the panel's occupations settle before the first
	// year, so the forecast's trends are the economy's, not the start's.
	cfg := fixtures.Config{Seed: 1, Out: filepath.Join(dir, "data"), BurnIn: 5}
	cfg.Persons, _ = fs.GetInt("persons")
	cfg.Years, _ = fs.GetInt("years")
	sum, err := fixtures.Generate(cfg)
	if err != nil {
		return err
	}
	printSynth(out, sum)

	db, err := store.Open(ctx, filepath.Join(dir, "lmi.duckdb"))
	if err != nil {
		return err
	}
	defer db.Close()
	for _, name := range []string{"persons", "jobseekers", "vacancies", "hires", "graduates"} {
		file := filepath.Join(cfg.Out, name+".parquet")
		o := load.Options{Table: name}
		var done func()
		o.Progress, done = newProgress().AmountFunc("loading "+filepath.Base(file), progress.Unit(file))
		rep, err := load.File(ctx, db, file, o)
		done()
		if err != nil {
			return err
		}
		if rep.AlreadyLoaded {
			fmt.Fprintf(out, "%s: already loaded, nothing to do\n", file)
		} else {
			fmt.Fprintf(out, "%s: %d rows loaded into %s, %d rejected\n", file, rep.RowsLoaded, db.Path(), len(rep.Rejects))
		}
	}

	// Education group x sex keeps the demo's cells large enough to show;
	// lmi indicators compute keeps every dimension by default.
	p := indicators.DefaultParams()
	p.By = []string{indicators.DimEdu, indicators.DimSex}
	res, paths, err := computeAndWrite(ctx, db, p, filepath.Join(dir, "indicators"), csvout.Default)
	if err != nil {
		return err
	}
	printResult(out, res, paths)

	fres, fpaths, err := forecastAndWrite(ctx, db, forecast.DefaultParams(), filepath.Join(dir, "forecast"), csvout.Default)
	if err != nil {
		return err
	}
	printForecast(out, fres, fpaths)
	if err := printDemoSummary(ctx, out, db, p); err != nil {
		return err
	}
	printShortageList(out, fres, 8)
	return nil
}

// printShortageList shows the national top of the shortage list, among
// occupations with at least 100 employed.
func printShortageList(out io.Writer, res *forecast.Result, n int) {
	var rows []forecast.Row
	for _, r := range res.Rows {
		if r.Region == indicators.AllRegions && r.SSYKLevel == 4 && r.H == res.Params.Horizon && !r.Suppressed && r.Employed >= 100 {
			rows = append(rows, r)
		}
	}
	slices.SortStableFunc(rows, func(a, b forecast.Row) int { return cmp.Compare(b.PShortage, a.PShortage) })
	fmt.Fprintf(out, "\nShortage occupations in %d, occupations with 100 employed or more, all län (probability of shortage; balance = (supply - openings) / openings):\n", res.Origin+res.Params.Horizon)
	for _, r := range rows[:min(n, len(rows))] {
		fmt.Fprintf(out, "  %s %-50.50s  class %d  p %.2f  balance %+.2f  openings %6.0f  supply %6.0f\n",
			r.SSYK, r.Occupation, r.Class, r.PShortage, r.Balance, r.Openings, r.Supply)
	}
}

// printDemoSummary ranks the län by matchningsgrad over all education
// groups in the latest year.
func printDemoSummary(ctx context.Context, out io.Writer, db *store.DB, p indicators.Params) error {
	s, err := indicators.NewSession(ctx, db)
	if err != nil {
		return err
	}
	defer s.Close()
	p.By = nil
	p.Levels = []codes.Level{codes.LevelLan}
	p.Indicators = []string{"matchningsgrad", "matchningsfunktion_skattning"}
	if _, err := s.Compute(ctx, p); err != nil {
		return err
	}
	periods, err := s.Periods(ctx, "matching")
	if err != nil || len(periods) == 0 {
		return err
	}
	last := periods[len(periods)-1]
	ranking, err := s.Ranking(ctx, "matchningsgrad", string(codes.LevelLan), last)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\nMatchningsgrad %s, all education groups, by län (share of the employed fully matched):\n", last)
	show := func(title string, rs []indicators.RegionValue) {
		fmt.Fprintf(out, "  %s\n", title)
		for _, r := range rs {
			fmt.Fprintf(out, "    %-24s %5.1f %%  (%d employed)\n", r.Name, r.Value, r.N)
		}
	}
	n := min(3, len(ranking))
	show("highest:", ranking[:n])
	lowest := make([]indicators.RegionValue, 0, n)
	for i := len(ranking) - 1; i >= len(ranking)-n; i-- {
		lowest = append(lowest, ranking[i])
	}
	show("lowest:", lowest)

	fit, err := s.FitMatchingFunction(ctx, string(codes.LevelLan))
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\nMatching function over the län, %d region-months: a = %.3f (se %.3f), b = %.3f (se %.3f),\n"+
		"a + b = %.3f, constant returns t = %.2f (p = %.3g)\n",
		fit.Observations, fit.A.Value, fit.A.StdErr, fit.B.Value, fit.B.StdErr, fit.Sum.Value, fit.CRSt, fit.CRSp)
	return nil
}
