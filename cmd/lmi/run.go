package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/pflag"

	"lmi/pipeline"
)

func init() {
	register(&command{
		name:    "run",
		summary: "run a spec (TOML) into a run folder: fresh database, outputs, workbook.xlsx, report.html and manifest.json",
		args:    "SPEC",
		flags: func(fs *pflag.FlagSet) {
			fs.String("dir", "", "run folder (default runs/<name as a slug> in the working directory)")
			fs.Bool("no-copy-inputs", false, "keep no copy of the input files in the run folder, only their hashes (for large registers; as [inputs] copy = false)")
			fs.Int("threads", 0, "DuckDB worker threads (default one per core); recorded, and lmi verify re-runs with it")
			allowEmptyFlag(fs)
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
	if noCopy, _ := fs.GetBool("no-copy-inputs"); noCopy {
		spec.NoCopyInputs = true
	}
	allow, _ := fs.GetBool("allow-empty")
	m, err := pipeline.RunWith(ctx, spec, dir, pipeline.Options{Threads: threads, Progress: newProgress(), AllowEmpty: allow})
	var empty *pipeline.EmptyError
	if errors.As(err, &empty) {
		printRun(out, dir, m)
		return fmt.Errorf("%w (or run with --allow-empty)", err)
	}
	if err != nil {
		return err
	}
	printRun(out, dir, m)
	return nil
}

// printRun says what a run loaded and wrote, and on standard error what
// came out empty and why.
func printRun(out io.Writer, dir string, m *pipeline.Manifest) {
	printInputs(out, m.Inputs)
	fmt.Fprintf(out, "%d indicators computed\n", len(m.Indicators))
	for _, o := range m.Outputs {
		fmt.Fprintf(out, "wrote %s (%d rows)\n", filepath.Join(dir, filepath.FromSlash(o.Path)), o.Rows)
	}
	for _, r := range m.Reports {
		fmt.Fprintf(out, "wrote %s\n", filepath.Join(dir, filepath.FromSlash(r.Path)))
	}
	for _, w := range m.Warnings {
		fmt.Fprintf(out, "warning: %s\n", w)
	}
	fmt.Fprintf(out, "wrote %s\n", filepath.Join(dir, pipeline.ManifestFile))
	for _, e := range m.Empty {
		fmt.Fprintf(notesTo, "lmi: %s: %s\n", e.Output, e.Reason)
	}
}

// printInputs says what a run did with each input: rows loaded and
// rejected, or that it was skipped as the same content as an earlier one.
func printInputs(out io.Writer, inputs []pipeline.InputRecord) {
	for i, in := range inputs {
		if in.AlreadyLoaded {
			fmt.Fprintf(out, "%s: skipped, same content as %s (loaded once)\n", in.Path, firstWithSum(inputs[:i], in.SHA256))
			continue
		}
		fmt.Fprintf(out, "%s: %s, %d rows loaded, %d rejected", in.Path, in.Table, in.RowsLoaded, in.RowsRejected)
		if q := in.PXWeb; q != nil {
			fmt.Fprintf(out, " (fetched %s, updated %s)", q.Table, q.Updated)
		}
		fmt.Fprintln(out)
	}
}

// firstWithSum is the path of the first input with the SHA-256 sum, or
// "an earlier input".
func firstWithSum(inputs []pipeline.InputRecord, sum string) string {
	for _, in := range inputs {
		if in.SHA256 == sum {
			return in.Path
		}
	}
	return "an earlier input"
}
