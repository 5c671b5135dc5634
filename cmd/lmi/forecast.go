package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/spf13/pflag"

	"lmi/forecast"
	"lmi/indicators"
	"lmi/report/csvout"
	"lmi/report/results"
	"lmi/store"
)

func init() {
	register(&command{
		name:    "forecast",
		summary: "project employment, openings and supply per region x occupation; rank shortage occupations",
		args:    "--db FILE --out DIR",
		flags: func(fs *pflag.FlagSet) {
			forecastFlags(fs)
			fs.String("out", "lmi-forecast", "output folder: forecast, shortage_list and forecast_models as .parquet and .csv")
			csvDialectFlag(fs)
		},
		run: runForecast,
	})
}

// forecastFlags are the flags lmi forecast and lmi backtest share.
func forecastFlags(fs *pflag.FlagSet) {
	d := forecast.DefaultParams()
	fs.String("db", store.DefaultPath, "DuckDB database file to read")
	fs.StringSlice("level", []string{"lan"}, "regional levels: lan, fa, riket")
	fs.StringArray("grouping", nil, "a custom grouping file (region,code lines); repeatable")
	fs.String("basis", string(d.Basis), "place employment where people work (workplace) or live (home)")
	fs.Int("horizon", d.Horizon, "years ahead, 1 to 10")
	fs.Int("origin", 0, "last year used (default the latest year loaded)")
	fs.StringSlice("model", nil, "candidate models: naive, drift, damped, loglinear, share (default all)")
	fs.Bool("combine", false, "average the best models by inverse backtest MASE instead of picking the best")
	fs.Bool("bottom-up", false, "publish each region's own projection instead of scaling the regions to the projected total")
	fs.Bool("per-series", false, "select each series' model from its own backtest, not per size group")
	fs.Float64("margin", d.Margin, "how much better than naive (share of its backtest MASE) a model must be to be chosen")
	fs.Float64("coverage", d.Coverage, "nominal coverage of the prediction intervals")
	fs.Float64Slice("thresholds", []float64{d.Thresholds.ClearShortage, d.Thresholds.Shortage, d.Thresholds.Surplus, d.Thresholds.ClearSurplus},
		"balance class bands: clear shortage, shortage, surplus, clear surplus")
	fs.Int("entrant-years", d.EntrantYears, "years the inflow of new labour is averaged over")
	fs.StringSlice("jobseeker-category", d.JobseekerCategories, "jobseekers categories counted as supply")
	fs.Int("k", d.K, "suppress region x occupation cells with fewer employed than k")
	fs.StringSlice("breaks", nil, "years whose level shifts are taken out of the employment series before projecting, or none (default: SCB's YREG breaks 2019 and 2020 for published YREG employment)")
}

func forecastParams(fs *pflag.FlagSet) (forecast.Params, error) {
	p := forecast.DefaultParams()
	var err error
	if p.Levels, p.Groupings, err = regionsFromFlags(fs); err != nil {
		return p, err
	}
	basis, _ := fs.GetString("basis")
	p.Basis = indicators.Basis(basis)
	p.Horizon, _ = fs.GetInt("horizon")
	p.Origin, _ = fs.GetInt("origin")
	models, _ := fs.GetStringSlice("model")
	p.Models = splitList(models)
	p.Combine, _ = fs.GetBool("combine")
	p.BottomUp, _ = fs.GetBool("bottom-up")
	p.PerSeries, _ = fs.GetBool("per-series")
	p.Margin, _ = fs.GetFloat64("margin")
	p.Coverage, _ = fs.GetFloat64("coverage")
	th, _ := fs.GetFloat64Slice("thresholds")
	if len(th) != 4 {
		return p, usagef("--thresholds: want four numbers, got %d", len(th))
	}
	p.Thresholds = forecast.Thresholds{ClearShortage: th[0], Shortage: th[1], Surplus: th[2], ClearSurplus: th[3]}
	p.EntrantYears, _ = fs.GetInt("entrant-years")
	cats, _ := fs.GetStringSlice("jobseeker-category")
	p.JobseekerCategories = splitList(cats)
	p.K, _ = fs.GetInt("k")
	if fs.Changed("breaks") {
		breaks, _ := fs.GetStringSlice("breaks")
		p.Breaks = []int{}
		for _, b := range splitList(breaks) {
			if b == "none" {
				continue
			}
			y, err := strconv.Atoi(b)
			if err != nil {
				return p, usagef("--breaks %q: want years like 2019,2020, or none", b)
			}
			p.Breaks = append(p.Breaks, y)
		}
	}
	if err := p.Validate(); err != nil {
		return p, flagErrors(err, forecastFlagNames)
	}
	return p, nil
}

// forecastFlagNames are the flags of forecast.Params' settings, by key.
var forecastFlagNames = map[string]string{
	"levels": "level", "basis": "basis", "horizon": "horizon", "origin": "origin", "models": "model",
	"margin": "margin", "coverage": "coverage", "thresholds": "thresholds", "entrant_years": "entrant-years",
	"jobseeker_categories": "jobseeker-category", "k": "k", "breaks": "breaks",
}

func runForecast(ctx context.Context, fs *pflag.FlagSet, args []string, out io.Writer) error {
	if len(args) > 0 {
		return usagef("forecast takes no arguments besides flags")
	}
	p, err := forecastParams(fs)
	if err != nil {
		return err
	}
	dbPath, _ := fs.GetString("db")
	dir, _ := fs.GetString("out")
	db, err := openExisting(ctx, dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	dialect, err := csvDialect(fs)
	if err != nil {
		return err
	}
	res, paths, err := forecastAndWrite(ctx, db, p, dir, dialect)
	if err != nil {
		return err
	}
	printForecast(out, res, paths)
	return nil
}

func forecastAndWrite(ctx context.Context, db *store.DB, p forecast.Params, dir string, dialect csvout.Dialect) (*forecast.Result, []string, error) {
	s, err := indicators.NewSession(ctx, db)
	if err != nil {
		return nil, nil, err
	}
	defer s.Close()
	var done func()
	p.Progress, done = newProgress().StepsFunc("forecast")
	res, err := forecast.Compute(ctx, s, p)
	done()
	if err != nil {
		return nil, nil, err
	}
	paths, err := results.WriteForecast(ctx, s, res, dir, results.Options{DB: db, Dialect: dialect})
	return res, paths, err
}

func printForecast(out io.Writer, res *forecast.Result, paths []string) {
	fmt.Fprintf(out, "forecast from %d (years %d-%d), horizon %d: %d series\n",
		res.Origin, res.Years[0], res.Years[len(res.Years)-1], res.Params.Horizon, len(res.Selections))
	chosen := map[string]int{}
	var suppressed int
	for _, s := range res.Selections {
		chosen[s.Reason]++
		if s.Suppressed {
			suppressed++
		}
	}
	reasons := make([]string, 0, len(chosen))
	for r := range chosen {
		reasons = append(reasons, r)
	}
	slices.Sort(reasons)
	for _, r := range reasons {
		fmt.Fprintf(out, "  %s: %d series\n", r, chosen[r])
	}
	if res.Panel {
		fmt.Fprintf(out, "supply: entrants from the person panel; exit rates from the panel at %d ages\n", res.ExitAgesFromPanel)
	} else {
		fmt.Fprintln(out, "supply: no person panel: graduates as entrants, default exit profile")
	}
	if res.NoAges {
		fmt.Fprintf(out, "replacement: the employed of %d have no ages (SCB's published employment cells): replacement demand, openings, balance and class are not estimated, and the shortage list is empty\n", res.Origin)
	}
	fmt.Fprintf(out, "suppressed: %d of %d series below k=%d or protecting one\n", suppressed, len(res.Selections), res.Params.K)
	for _, p := range paths {
		fmt.Fprintf(out, "wrote %s\n", p)
	}
}
