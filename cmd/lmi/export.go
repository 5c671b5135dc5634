package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"lmi/store"
)

func init() {
	register(&command{
		name:    "export",
		summary: "write one table of a database (SCB's typed tables, assessments, lmi's own) to a CSV or Parquet file",
		args:    "TABLE",
		flags: func(fs *pflag.FlagSet) {
			fs.String("db", store.DefaultPath, "DuckDB database file")
			fs.String("out", "", "the file to write: .csv or .parquet (default TABLE.csv)")
		},
		run: runExport,
	})
}

func runExport(ctx context.Context, fs *pflag.FlagSet, args []string, out io.Writer) error {
	if len(args) != 1 {
		return usagef("export takes one table: %s or sources", strings.Join(store.Tables, ", "))
	}
	table := args[0]
	if table != "sources" && !slices.Contains(store.Tables, table) {
		return usagef("unknown table %q: want %s or sources", table, strings.Join(store.Tables, ", "))
	}
	path, _ := fs.GetString("out")
	if path == "" {
		path = table + ".csv"
	}
	dbPath, _ := fs.GetString("db")
	db, err := openExisting(ctx, dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := db.ExportTable(ctx, table, path)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "wrote %s (%d rows of %s)\n", path, n, table)
	return nil
}
