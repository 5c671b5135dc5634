package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/spf13/pflag"

	"lmi/report"
	"lmi/report/publish"
	"lmi/report/results"
	"lmi/store"
)

func init() {
	register(&command{
		name:    "report",
		summary: "make the workbook (workbook.xlsx) and the report (report.html) of a database's output files",
		args:    "[OUTPUT_DIR...]",
		flags: func(fs *pflag.FlagSet) {
			fs.String("db", store.DefaultPath, "DuckDB database file: its loaded extracts are the report's sources, and without OUTPUT_DIR its latest output files are read")
			fs.String("out", "lmi-report", "folder to write workbook.xlsx and report.html to")
			fs.StringSlice("level", nil, "regional levels to show, the first in tables and bars: kommun, lan, fa (default those in the files)")
			fs.StringArray("grouping", nil, "a custom grouping file (region,code lines) the outputs were computed with, drawn as a map; repeatable")
			fs.String("region", "", "region code of the first level the report puts first (default the forecast's total)")
			fs.String("title", "", "the report's title")
		},
		run: runReport,
	})
}

// runReport reads the output folders named (or those of the database's
// latest output files) and writes the workbook and the report.
func runReport(ctx context.Context, fs *pflag.FlagSet, args []string, out io.Writer) error {
	dbPath, _ := fs.GetString("db")
	outDir, _ := fs.GetString("out")
	levels, groupings, err := regionsFromFlags(fs)
	if err != nil {
		return err
	}
	db, err := openExisting(ctx, dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	dirs := args
	if len(dirs) == 0 {
		if dirs, err = outputDirs(ctx, db); err != nil {
			return err
		}
	}
	in := publish.Input{Dirs: dirs, Levels: levels, Groupings: groupings, OutDir: outDir, LeaveOutOversized: true}
	in.Region, _ = fs.GetString("region")
	if in.Provenance, err = storeProvenance(ctx, db); err != nil {
		return err
	}
	in.Provenance.Title, _ = fs.GetString("title")
	files, err := publishFiles(ctx, db, in, out)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "open the report in a web browser: %s\n", files.Report)
	return nil
}

// publishFiles writes the workbook and the report and says what it wrote
// and what the report could not show.
func publishFiles(ctx context.Context, db *store.DB, in publish.Input, out io.Writer) (publish.Files, error) {
	files, err := results.Publish(ctx, db.SQL(), in)
	if err != nil {
		return files, err
	}
	var rows int64
	for _, s := range files.Sheets {
		rows += s.Rows
	}
	fmt.Fprintf(out, "wrote %s (%d sheets, %d rows; open it in Excel or LibreOffice Calc)\nwrote %s\n", files.Workbook, len(files.Sheets), rows, files.Report)
	// What the report could not show is said in the report too: here a
	// log line each, on standard error.
	for _, n := range files.Notes {
		fmt.Fprintf(progressTo, "lmi: report: %s\n", n)
	}
	return files, nil
}

// outputDirs are the folders of the latest output CSV file of each name
// the database logged that still exists, in the order first seen.
func outputDirs(ctx context.Context, db *store.DB) ([]string, error) {
	logged, err := db.Outputs(ctx)
	if err != nil {
		return nil, err
	}
	var dirs []string
	seen := map[string]bool{}
	for _, o := range logged { // newest first
		name := filepath.Base(o.Path)
		if seen[name] || !strings.EqualFold(filepath.Ext(name), ".csv") {
			continue
		}
		seen[name] = true
		if _, err := os.Stat(o.Path); err != nil {
			continue
		}
		if d := filepath.Dir(o.Path); !slices.Contains(dirs, d) {
			dirs = append(dirs, d)
		}
	}
	if len(dirs) == 0 {
		return nil, fmt.Errorf("%s has written no output files that are still there: name the output folders (lmi indicators compute --out, lmi forecast --out)", db.Path())
	}
	return dirs, nil
}

// storeProvenance is what the database knows of a report's sources: each
// extract loaded, by file name and SHA-256, and lmi's version.
func storeProvenance(ctx context.Context, db *store.DB) (report.Provenance, error) {
	var pr report.Provenance
	pr.LMIVersion, pr.VCSRevision = lmiVersion()
	srcs, err := db.Sources(ctx)
	if err != nil {
		return pr, err
	}
	for _, s := range srcs {
		note := fmt.Sprintf("%d rader inlästa, %d avvisade", s.RowsLoaded, s.RowsRejected)
		if s.LastUpdated != "" {
			note += ", senast uppdaterad " + s.LastUpdated
		}
		pr.Sources = append(pr.Sources, report.Source{Name: s.Target, TableID: s.TableID, File: filepath.Base(s.File),
			SHA256: s.SHA256, Note: note})
	}
	return pr, nil
}

// lmiVersion is lmi's module version and VCS revision from the build
// information: "(devel)" and "" when not stamped.
func lmiVersion() (version, revision string) {
	version = "(devel)"
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return version, ""
	}
	if bi.Main.Version != "" {
		version = bi.Main.Version
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" {
			revision = s.Value
		}
	}
	return version, revision
}
