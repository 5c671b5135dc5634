package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/pflag"

	"lmi/pipeline"
)

func init() {
	register(&command{
		name:    "run",
		summary: "run a spec (TOML) into a run folder: fresh database, outputs and manifest.json",
		args:    "SPEC",
		flags: func(fs *pflag.FlagSet) {
			fs.String("dir", "", "run folder (default runs/<name as a slug> beside the spec)")
			fs.Int("threads", 0, "DuckDB worker threads (default one per core); recorded, and lmi verify re-runs with it")
		},
		run: runRun,
	})
}

func runRun(ctx context.Context, fs *pflag.FlagSet, args []string, out io.Writer) error {
	if len(args) != 1 {
		return usagef("want one run spec file (see docs/runspec.md)")
	}
	dir, _ := fs.GetString("dir")
	threads, _ := fs.GetInt("threads")
	if threads < 0 {
		return usagef("--threads %d: want 0 (DuckDB's default) or more", threads)
	}
	spec, err := pipeline.LoadSpec(args[0])
	if err != nil {
		return err
	}
	if dir == "" {
		dir = pipeline.DefaultRunDir(spec)
	}
	m, err := pipeline.RunWith(ctx, spec, dir, pipeline.Options{Threads: threads, Progress: newProgress()})
	if err != nil {
		return err
	}
	for _, in := range m.Inputs {
		fmt.Fprintf(out, "%s: %s, %d rows loaded, %d rejected", in.Path, in.Table, in.RowsLoaded, in.RowsRejected)
		if q := in.PXWeb; q != nil {
			fmt.Fprintf(out, " (fetched %s, updated %s)", q.Table, q.Updated)
		}
		fmt.Fprintln(out)
	}
	fmt.Fprintf(out, "%d indicators computed\n", len(m.Indicators))
	for _, o := range m.Outputs {
		fmt.Fprintf(out, "wrote %s (%d rows)\n", filepath.Join(dir, filepath.FromSlash(o.Path)), o.Rows)
	}
	fmt.Fprintf(out, "wrote %s\n", filepath.Join(dir, pipeline.ManifestFile))
	return nil
}
