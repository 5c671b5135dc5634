package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"lmi/pipeline"
)

// exitLocked is refresh's exit code when another refresh holds the lock.
const exitLocked = 3

// refreshStderr is where refresh logs; tests capture it.
var refreshStderr io.Writer = os.Stderr

func init() {
	register(&command{
		name:    "refresh",
		summary: "nightly refresh of a run folder: rebuild atomically when an input changed (recomputing only what depends on it), else do nothing",
		// main prints args on the usage line: the exit codes follow it.
		args: "--config SPEC.toml [--dir RUN_DIR]\n" + refreshExitCodes,
		flags: func(fs *pflag.FlagSet) {
			fs.String("config", "", "the run spec (TOML, as for lmi run); required")
			fs.String("dir", "", "run folder: a link to the current run (default runs/<name as a slug> in the working directory)")
			fs.Int("threads", 0, "DuckDB worker threads (default one per core)")
			fs.String("log-format", "auto", "log lines on stderr: auto (JSON unless stderr is a terminal), json or text")
		},
		run: runRefresh,
	})
}

// refreshExitCodes is printed by lmi refresh --help.
const refreshExitCodes = `
Exit status:
  0  done: rebuilt and swapped in, or nothing changed since the last build
  1  failed: the error names the file or step; the previous run, if any, is intact
  2  bad command line
  3  another refresh holds RUN_DIR.lock (message names its pid and start)

See docs/operations.md.`

func runRefresh(ctx context.Context, fs *pflag.FlagSet, args []string, out io.Writer) error {
	if len(args) != 0 {
		return usagef("unexpected argument %q: give the spec with --config", args[0])
	}
	config, _ := fs.GetString("config")
	dir, _ := fs.GetString("dir")
	threads, _ := fs.GetInt("threads")
	format, _ := fs.GetString("log-format")
	if config == "" {
		return usagef("--config SPEC.toml is required")
	}
	if threads < 0 {
		return usagef("--threads %d: want 0 (DuckDB's default) or more", threads)
	}
	log, err := refreshLogger(refreshStderr, format)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM)
	defer stop()

	spec, err := pipeline.LoadSpec(config)
	if err != nil {
		log.Error("spec", "error", err.Error())
		return err
	}
	if dir == "" {
		dir = pipeline.DefaultRunDir(spec)
	}
	_, prevErr := pipeline.ReadManifest(dir)
	res, err := pipeline.Refresh(ctx, spec, dir, pipeline.RefreshOptions{
		Options: pipeline.Options{Threads: threads}, Logger: log})
	var le *pipeline.LockedError
	if errors.As(err, &le) {
		return &codedError{err: err, code: exitLocked}
	}
	if err != nil && prevErr != nil {
		return fmt.Errorf("%w (no earlier run in %s: nothing was published)", err, dir)
	}
	if err != nil {
		return &keptError{err: err, dir: dir}
	}
	if !res.Built {
		fmt.Fprintf(out, "%s: nothing changed since %s\n", dir, res.Since.Local().Format(time.RFC3339))
		return nil
	}
	fmt.Fprintf(out, "%s: rebuilt -> %s\n", dir, res.Target)
	for _, c := range res.Changes {
		fmt.Fprintf(out, "  %s %s: %s\n", c.Kind, c.Path, c.Status)
	}
	if len(res.Changes) == 0 {
		fmt.Fprintf(out, "  first build\n")
	}
	var recomputed, carried []string
	for _, f := range res.Families {
		if f.Action == pipeline.ActionRecomputed {
			recomputed = append(recomputed, f.Family)
		} else {
			carried = append(carried, f.Family)
		}
	}
	switch {
	case res.FullRebuild != "":
		fmt.Fprintf(out, "  recomputed: all (%s)\n", res.FullRebuild)
	case len(recomputed) > 0:
		fmt.Fprintf(out, "  recomputed: %s\n", strings.Join(recomputed, ", "))
	default:
		fmt.Fprintf(out, "  recomputed: none\n")
	}
	if len(carried) > 0 {
		fmt.Fprintf(out, "  carried over: %s\n", strings.Join(carried, ", "))
	}
	return nil
}

// refreshLogger logs JSON unless w is a terminal (or the format says).
func refreshLogger(w io.Writer, format string) (*slog.Logger, error) {
	switch format {
	case "auto":
		format = "json"
		if f, ok := w.(*os.File); ok {
			if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
				format = "text"
			}
		}
	case "json", "text":
	default:
		return nil, usagef("--log-format %q: want auto, json or text", format)
	}
	opts := &slog.HandlerOptions{Level: slog.LevelInfo}
	if format == "text" {
		return slog.New(slog.NewTextHandler(w, opts)), nil
	}
	return slog.New(slog.NewJSONHandler(w, opts)), nil
}
