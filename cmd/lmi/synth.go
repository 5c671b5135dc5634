package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"lmi/fixtures"
)

func init() {
	register(&command{
		name:    "synth",
		summary: "write a deterministic synthetic register, monthly flows and graduates (CSV and Parquet)",
		flags: func(fs *pflag.FlagSet) {
			fs.Int("persons", 20000, "population aged 16-74 in the first year")
			fs.Int("years", 5, "number of years")
			fs.Int("start-year", fixtures.DefaultStartYear, "first year")
			fs.Int("burn-in", 0, "years the panel lives through before the first year written, so occupations settle")
			fs.Uint64("seed", 1, "random seed; the same seed gives identical files")
			fs.String("out", "lmi-synth", "output folder")
			fs.StringSlice("format", []string{"csv", "parquet"}, "output formats: csv, parquet")
		},
		run: runSynth,
	})
}

func runSynth(_ context.Context, fs *pflag.FlagSet, args []string, out io.Writer) error {
	if len(args) > 0 {
		return usagef("synth takes no arguments besides flags")
	}
	cfg := fixtures.Config{}
	cfg.Persons, _ = fs.GetInt("persons")
	cfg.Years, _ = fs.GetInt("years")
	cfg.StartYear, _ = fs.GetInt("start-year")
	cfg.BurnIn, _ = fs.GetInt("burn-in")
	cfg.Seed, _ = fs.GetUint64("seed")
	cfg.Out, _ = fs.GetString("out")
	formats, _ := fs.GetStringSlice("format")
	cfg.Formats = splitList(formats)
	sum, err := fixtures.Generate(cfg)
	if err != nil {
		return err
	}
	printSynth(out, sum)
	return nil
}

func printSynth(out io.Writer, sum *fixtures.Summary) {
	c := sum.Config
	fmt.Fprintf(out, "synthetic register: %d persons, %d-%d, seed %d -> %s\n", c.Persons, c.StartYear, c.StartYear+c.Years-1, c.Seed, c.Out)
	for _, f := range sum.Files {
		fmt.Fprintf(out, "  %-22s %10d rows %12d bytes\n", f.Name, f.Rows, f.Bytes)
	}
	fmt.Fprintf(out, "%d person rows in %.1fs (%.0f rows/s)\n", sum.PersonRows, sum.Elapsed.Seconds(), sum.RowsPerSecond())
}
