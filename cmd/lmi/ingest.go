package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"lmi/ingest/af"
	"lmi/ingest/af/ads"
	"lmi/ingest/canonical"
	"lmi/ingest/formats"
	"lmi/ingest/load"
	"lmi/internal/progress"
	"lmi/store"
)

func init() {
	register(&command{
		name:    "ingest",
		summary: "validate and load extracts: lmi's tables (CSV, Parquet), SCB tables (PX-Web JSON, JSON-stat, .px, CSV), Arbetsförmedlingen files",
		args:    "PATH...",
		flags: func(fs *pflag.FlagSet) {
			fs.String("db", store.DefaultPath, "DuckDB database file (created if missing)")
			fs.String("table", "", "table to load into: persons, jobseekers, hires, vacancies, graduates (default: from the columns and file name)")
			fs.String("format", "", "input format: "+strings.Join(formats.Names(), ", ")+" (default: from the file name and content)")
			fs.String("round", "", "publication round, for Arbetsförmedlingen files that do not carry it (e.g. 2018H)")
			fs.String("taxonomy", "", "JobTech taxonomy dump (JSON) mapping job ads' occupation, kommun and län concepts to codes")
			fs.String("category", "", "what an Arbetsförmedlingen statistics sheet counts when its column says only \"Antal\" (the job seekers' category)")
			fs.String("period", "", "month (2024-01) of an Arbetsförmedlingen statistics sheet that names none")
			fs.Float64("max-reject-share", load.DefaultMaxRejectShare, "refuse a whole file when more than this share of its rows is bad")
			fs.String("rejects", "", "write the rejected rows (file, line, column, value, reason) to this CSV file")
		},
		run: runIngest,
	})
}

func runIngest(ctx context.Context, fs *pflag.FlagSet, args []string, out io.Writer) error {
	dbPath, _ := fs.GetString("db")
	format, _ := fs.GetString("format")
	table, _ := fs.GetString("table")
	share, _ := fs.GetFloat64("max-reject-share")
	rejectsPath, _ := fs.GetString("rejects")
	if len(args) == 0 {
		return usagef("no input files given")
	}
	round, _ := fs.GetString("round")
	category, _ := fs.GetString("category")
	period, _ := fs.GetString("period")
	taxonomyPath, _ := fs.GetString("taxonomy")
	opts := load.Options{Format: format, Table: table, Round: round, Category: category, Period: period}
	if format != "" {
		if err := formats.Known(format); err != nil {
			return usagef("--format: %v", err)
		}
	}
	if share < 0 || share > 1 {
		return usagef("--max-reject-share %v: want a share between 0 and 1", share)
	}
	if round != "" && !af.IsRound(round) {
		return usagef("--round %q: want a year, with H or V for a half-year or -N for a round of the year, like 2018H or 2025-2", round)
	}
	if _, ok := canonical.Lookup(table); table != "" && !ok {
		return usagef("--table %q: want persons, jobseekers, hires, vacancies or graduates", table)
	}
	opts.MaxRejectShare = share
	if share == 0 {
		opts.MaxRejectShare = -1 // zero tolerance, not the default
	}
	if taxonomyPath != "" {
		tax, _, err := ads.ReadTaxonomyFile(taxonomyPath)
		if err != nil {
			return fmt.Errorf("--taxonomy: %w", err)
		}
		opts.Taxonomy = tax
		fmt.Fprintf(out, "taxonomy %s: %d SSYK 4, %d kommun and %d län concepts mapped\n", taxonomyPath, len(tax.SSYK), len(tax.Kommun), len(tax.Lan))
	}
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		return err
	}
	defer db.Close()

	var allRejects []canonical.Reject
	var failed []error
	for _, path := range args {
		o := opts
		var done func()
		o.Progress, done = newProgress().AmountFunc("loading "+filepath.Base(path), progress.Unit(path))
		rep, err := load.Any(ctx, db, path, o)
		done()
		if rep != nil {
			allRejects = append(allRejects, rep.Rejects...)
		}
		if err != nil {
			failed = append(failed, err)
		}
		printReport(out, path, rep, err)
	}
	if rejectsPath != "" {
		if err := writeRejects(rejectsPath, allRejects); err != nil {
			failed = append(failed, err)
		} else {
			fmt.Fprintf(out, "%d rejected rows written to %s\n", len(allRejects), rejectsPath)
		}
	}
	return errors.Join(failed...)
}

// printReport says what happened to one file: rows read, loaded and
// refused, the records left out or loaded in part by reason, the first
// rejects and what lmi checked.
func printReport(out io.Writer, path string, rep *load.Report, err error) {
	switch {
	case err != nil:
		fmt.Fprintf(out, "%s: failed, nothing loaded\n", path)
	case rep.AlreadyLoaded:
		fmt.Fprintf(out, "%s: already loaded (same content as %s), nothing to do\n", path, rep.LoadedAs)
		return
	case rep.OneToOne():
		fmt.Fprintf(out, "%s: %s, %d rows read, %d loaded, %d rejected\n", path, rep.Table, rep.RowsRead, rep.RowsLoaded, len(rep.Rejects))
	default:
		fmt.Fprintf(out, "%s: %s, %d %s read, %d rows loaded, %d %s not loaded\n", path, rep.Table, rep.RowsRead, rep.Unit, rep.RowsLoaded, rep.LeftOut(), rep.Unit)
	}
	if rep == nil {
		return
	}
	for _, t := range rep.Tallies {
		what := fmt.Sprintf("%d %s", t.Records, rep.Unit)
		if t.WeightUnit != "" {
			what += fmt.Sprintf(" (%g %s)", t.Weight, t.WeightUnit)
		}
		fmt.Fprintf(out, "  %s: %s, %s: %s\n", t.Reason, what, t.Effect, t.Detail)
	}
	if err != nil {
		return
	}
	for i, r := range rep.Rejects {
		if i == 5 {
			fmt.Fprintf(out, "  ... %d more (see --rejects)\n", len(rep.Rejects)-5)
			break
		}
		fmt.Fprintf(out, "  rejected: %v\n", r)
	}
	for _, c := range rep.Checks {
		fmt.Fprintf(out, "  %s\n", c)
	}
}

func writeRejects(path string, rejects []canonical.Reject) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := canonical.WriteRejects(f, rejects); err != nil {
		f.Close()
		return fmt.Errorf("write rejects: %w", err)
	}
	return f.Close()
}
