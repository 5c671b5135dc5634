package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/pflag"

	"lmi/store"
)

func init() {
	register(&command{
		name:    "status",
		summary: "show what a database holds: loaded extracts (when, from where), table sizes, outputs last written",
		flags: func(fs *pflag.FlagSet) {
			fs.String("db", store.DefaultPath, "DuckDB database file")
		},
		run: runStatus,
	})
}

func runStatus(ctx context.Context, fs *pflag.FlagSet, args []string, out io.Writer) error {
	if len(args) > 0 {
		return usagef("status takes no arguments besides flags")
	}
	path, _ := fs.GetString("db")
	db, err := openExisting(ctx, path)
	if err != nil {
		return err
	}
	defer db.Close()
	sources, err := db.Sources(ctx)
	if err != nil {
		return err
	}
	counts, err := db.TableRows(ctx)
	if err != nil {
		return err
	}
	outputs, err := db.Outputs(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "database %s, schema %s\n\ntables:\n", path, store.SchemaVersion)
	for _, t := range store.Tables {
		fmt.Fprintf(out, "  %-16s %12d rows\n", t, counts[t])
	}
	fmt.Fprintf(out, "\nloaded extracts (%d):\n", len(sources))
	for _, s := range sources {
		fmt.Fprintf(out, "  %s  %-10s %-8s %10d rows (%d rejected)  %s  sha256 %s", s.LoadedAt.UTC().Format("2006-01-02 15:04:05Z"),
			s.Target, s.Format, s.RowsLoaded, s.RowsRejected, s.File, s.SHA256[:12])
		if s.LastUpdated != "" {
			fmt.Fprintf(out, "  source updated %s", s.LastUpdated)
		}
		fmt.Fprintln(out)
	}
	fmt.Fprintf(out, "\noutputs last written (%d):\n", len(outputs))
	for _, o := range outputs {
		fmt.Fprintf(out, "  %s  %-18s %10d rows  %s\n", o.WrittenAt.UTC().Format("2006-01-02 15:04:05Z"), o.Family, o.Rows, o.Path)
	}
	return nil
}

// openExisting opens a database that must exist already: a command that
// only reads one should not leave an empty file behind a mistyped path.
func openExisting(ctx context.Context, path string) (*store.DB, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("no database at %s (lmi ingest creates one)", path)
	}
	return openStore(ctx, path)
}

// openStore opens (or creates) a database; while another process holds
// it, it says so on stderr and waits up to store.DefaultLockWait.
func openStore(ctx context.Context, path string) (*store.DB, error) {
	return store.OpenWith(ctx, path, store.OpenOptions{Waiting: func(path, holder string, wait time.Duration) {
		if holder == "" {
			holder = "another process"
		}
		fmt.Fprintf(progressTo, "lmi: database %s is in use by %s; waiting up to %s for it\n", path, holder, wait)
	}})
}
