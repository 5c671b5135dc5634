package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"lmi/pipeline"
)

func init() {
	register(&command{
		name:    "verify",
		summary: "check a run folder: inputs unchanged, and a re-run from its manifest gives the same bytes",
		args:    "RUN_DIR",
		flags: func(fs *pflag.FlagSet) {
			fs.Int("threads", 0, "DuckDB worker threads for the re-run (default as the manifest records)")
		},
		run: runVerify,
	})
}

// runVerify exits 0 when the run reproduces, 1 when anything differs
// (the differences are printed) or the check cannot be made.
func runVerify(ctx context.Context, fs *pflag.FlagSet, args []string, out io.Writer) error {
	if len(args) != 1 {
		return usagef("want one run folder")
	}
	threads, _ := fs.GetInt("threads")
	if threads < 0 {
		return usagef("--threads %d: want 0 or more", threads)
	}
	rep, err := pipeline.VerifyWith(ctx, args[0], pipeline.Options{Threads: threads, Progress: newProgress()})
	if err != nil {
		return err
	}
	rep.Write(out)
	if !rep.OK() {
		return fmt.Errorf("%s does not reproduce (differences above)", args[0])
	}
	return nil
}
