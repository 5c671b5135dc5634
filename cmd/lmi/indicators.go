package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"lmi/codes"
	"lmi/indicators"
	"lmi/report/csvout"
	"lmi/report/results"
	"lmi/settings"
	"lmi/store"
)

func init() {
	register(&command{
		name:    "indicators",
		summary: "list the indicators, describe one, compute them into Parquet and CSV, or print a family's SQL",
		args:    "list | describe NAME | compute --db FILE --out DIR | compile FAMILY --db FILE",
		flags: func(fs *pflag.FlagSet) {
			d := indicators.DefaultParams()
			fs.String("db", store.DefaultPath, "compute, compile: DuckDB database file to read")
			fs.String("out", "lmi-out", "compute: output folder: one FAMILY.parquet and FAMILY.csv per indicator family")
			csvDialectFlag(fs)
			fs.StringSlice("level", []string{"lan", "fa"}, "compute: regional levels: kommun, lan, fa, riket")
			fs.StringArray("grouping", nil, "compute: a custom grouping file (region,code lines); repeatable")
			fs.String("basis", string(d.Basis), "compute: count persons where they live (home) or work (workplace)")
			fs.StringSlice("by", d.By, "compute: dimensions to keep (edu_group, sex, birth_region); others become TOT")
			fs.String("age", d.Age.String(), "compute: age band, FROM-TO")
			fs.Int("k", d.K, "compute: suppress cells whose count, numerator or denominator is below k")
			fs.StringSlice("indicator", nil, "compute: only these built-in indicators (default all)")
			fs.StringArray("indicator-sql", nil, "compute: an indicator SQL file of your own, header as in 'describe'; repeatable")
			fs.String("matchmap", "", "compute: match-map CSV (edu_group,ssyk,field_match,level_match) instead of the statistical key")
			fs.Float64("threshold", d.Key.Threshold, "compute: statistical key: share of an education group's employed that makes an occupation a match")
			fs.Int("base-year", 0, "compute: statistical key: base year (default the latest year loaded)")
			fs.Float64Slice("alpha", d.Alphas, "compute: Sahin et al. mismatch: the alpha grid")
			fs.Int("horizon", d.Horizon, "compute: years ahead for expected exits")
			fs.StringToString("shortage-weights", nil, "compute: weights of the shortage index's parts, PART=W,... (parts "+
				strings.Join(indicators.ShortageParts, ", ")+"; default 1 each; 0 leaves one out)")
			fs.Int("shortage-window", d.Shortage.Window, "compute: years before a year that make an occupation's usual level in the shortage index")
			fs.Float64Slice("shortage-thresholds", d.Shortage.Thresholds, "compute: the four increasing bounds of the shortage classes 1-5 on the index")
		},
		run: runIndicators,
	})
}

func runIndicators(ctx context.Context, fs *pflag.FlagSet, args []string, out io.Writer) error {
	if len(args) == 0 {
		return usagef("want list, describe NAME or compute")
	}
	switch args[0] {
	case "list":
		for _, ind := range indicators.All() {
			fmt.Fprintf(out, "%s\t%s\t%s\t(%s section %s, version %d)\n", ind.Name, ind.Label, ind.Unit, indicators.MethodsPath, ind.Section, ind.Version)
		}
		return nil
	case "describe":
		if len(args) != 2 {
			return usagef("want describe NAME")
		}
		ind, ok := indicators.Lookup(args[1])
		if !ok {
			return usagef("unknown indicator %q (see lmi indicators list)", args[1])
		}
		fmt.Fprintf(out, "name:        %s\nlabel:       %s\nversion:     %d\nunit:        %s\nfamily:      %s\ndimensions:  region, year, %s\nlevels:      kommun, lan, fa, riket, custom groupings\nsection:     %s section %s\ndescription: %s\n\n%s\n",
			ind.Name, ind.Label, ind.Version, ind.Unit, ind.Family, strings.Join(ind.Dimensions, ", "), indicators.MethodsPath, ind.Section, ind.Description, ind.SQL)
		return nil
	case "compute":
		if len(args) != 1 {
			return usagef("compute takes no arguments besides flags")
		}
		return computeIndicators(ctx, fs, out)
	case "compile":
		if len(args) != 2 {
			return usagef("want compile FAMILY (one of %s)", strings.Join(indicators.Families(), ", "))
		}
		return compileFamily(ctx, fs, args[1], out)
	}
	return usagef("unknown indicators action %q: want list, describe, compute or compile", args[0])
}

func computeIndicators(ctx context.Context, fs *pflag.FlagSet, out io.Writer) error {
	p, err := paramsFromFlags(fs)
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
	res, paths, err := computeAndWrite(ctx, db, p, dir, dialect)
	if err != nil {
		return err
	}
	printResult(out, res, paths)
	return nil
}

// compileFamily prints the SQL that computes one family against the
// database, with the same choices as compute.
func compileFamily(ctx context.Context, fs *pflag.FlagSet, family string, out io.Writer) error {
	if !slices.Contains(indicators.Families(), family) {
		return usagef("unknown family %q: want one of %s", family, strings.Join(indicators.Families(), ", "))
	}
	p, err := paramsFromFlags(fs)
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
	return s.Compile(ctx, p, family, out)
}

func paramsFromFlags(fs *pflag.FlagSet) (indicators.Params, error) {
	p := indicators.DefaultParams()
	var err error
	if p.Levels, p.Groupings, err = regionsFromFlags(fs); err != nil {
		return p, err
	}
	basis, _ := fs.GetString("basis")
	p.Basis = indicators.Basis(basis)
	by, _ := fs.GetStringSlice("by")
	p.By = splitList(by)
	age, _ := fs.GetString("age")
	if err := p.Age.UnmarshalText([]byte(age)); err != nil {
		return p, usagef("--age: %v", err)
	}
	p.K, _ = fs.GetInt("k")
	inds, _ := fs.GetStringSlice("indicator")
	p.Indicators = splitList(inds)
	own, _ := fs.GetStringArray("indicator-sql")
	for _, f := range own {
		ind, err := indicators.LoadIndicatorFile(f)
		if err != nil {
			return p, err
		}
		p.Own = append(p.Own, ind)
	}
	p.Key.MapFile, _ = fs.GetString("matchmap")
	p.Key.Threshold, _ = fs.GetFloat64("threshold")
	p.Key.BaseYear, _ = fs.GetInt("base-year")
	p.Alphas, _ = fs.GetFloat64Slice("alpha")
	p.Horizon, _ = fs.GetInt("horizon")
	weights, _ := fs.GetStringToString("shortage-weights")
	for part, w := range weights {
		x, err := strconv.ParseFloat(w, 64)
		if err != nil {
			return p, usagef("--shortage-weights %s=%s: not a number", part, w)
		}
		p.Shortage.Weights[part] = x
	}
	p.Shortage.Window, _ = fs.GetInt("shortage-window")
	p.Shortage.Thresholds, _ = fs.GetFloat64Slice("shortage-thresholds")
	if err := p.Validate(); err != nil {
		return p, flagErrors(err, indicatorFlags)
	}
	return p, nil
}

// indicatorFlags are the flags of indicators.Params' settings, by key.
var indicatorFlags = map[string]string{
	"levels": "level", "basis": "basis", "by": "by", "age": "age", "k": "k", "indicators": "indicator",
	"match_key.threshold": "threshold", "match_key.base_year": "base-year", "alphas": "alpha", "horizon": "horizon",
	"shortage.weights": "shortage-weights", "shortage.window": "shortage-window", "shortage.thresholds": "shortage-thresholds",
}

// flagErrors turns the settings errors of Validate into a usage error
// that names each flag: "--k: suppression k -1: ...".
func flagErrors(err error, flags map[string]string) error {
	var es settings.Errors
	if !errors.As(err, &es) {
		return usagef("%v", err)
	}
	var msgs []string
	for _, e := range es {
		key := e.Key
		for {
			if f, ok := flags[key]; ok {
				msgs = append(msgs, "--"+f+": "+e.Reason)
				break
			}
			i := strings.LastIndexAny(key, ".[")
			if i < 0 {
				msgs = append(msgs, e.Reason)
				break
			}
			key = key[:i]
		}
	}
	return usagef("%s", strings.Join(msgs, "\n"))
}

func computeAndWrite(ctx context.Context, db *store.DB, p indicators.Params, dir string, dialect csvout.Dialect) (*indicators.Result, []string, error) {
	s, err := indicators.NewSession(ctx, db)
	if err != nil {
		return nil, nil, err
	}
	defer s.Close()
	p.Write = results.Families(dir, results.Options{DB: db, Dialect: dialect}) // each family written and dropped as soon as it is done
	var done func()
	p.Progress, done = newProgress().StepsFunc("computing")
	res, err := s.Compute(ctx, p)
	done()
	if err != nil {
		return nil, nil, err
	}
	return res, res.Paths, nil
}

func printResult(out io.Writer, res *indicators.Result, paths []string) {
	switch key := res.Key; key.Kind {
	case "file":
		fmt.Fprintf(out, "match key: %s (%d education x occupation pairs)\n", key.MapFile, key.Pairs)
	case "statistical":
		fmt.Fprintf(out, "match key: statistical, threshold %g, base year %d (%d pairs)\n", key.Threshold, key.BaseYear, key.Pairs)
	}
	for _, fr := range res.Families {
		fmt.Fprintf(out, "%s: %d indicators, %d cells, %d suppressed\n", fr.Family, len(fr.Indicators), fr.Rows, fr.Suppressed)
	}
	for _, p := range paths {
		fmt.Fprintf(out, "wrote %s\n", p)
	}
}

// regionsFromFlags reads --level and --grouping.
func regionsFromFlags(fs *pflag.FlagSet) ([]codes.Level, []*codes.Grouping, error) {
	var levels []codes.Level
	var groupings []*codes.Grouping
	names, _ := fs.GetStringSlice("level")
	for _, l := range splitList(names) {
		lvl, err := codes.ParseLevel(l)
		if err != nil {
			return nil, nil, usagef("--level: %v", err)
		}
		levels = append(levels, lvl)
	}
	files, _ := fs.GetStringArray("grouping")
	for _, g := range files {
		gr, err := codes.LoadGrouping(g)
		if err != nil {
			return nil, nil, err
		}
		groupings = append(groupings, gr)
	}
	return levels, groupings, nil
}
