// Command lmi is the command line of lmi, the regional labour-market
// matching-indicator engine. Each subcommand lives in its own file and only
// turns flags into calls of lmi's packages.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"lmi/internal/progress"
	"lmi/report/csvout"
	"os"
	"os/signal"
	"strings"

	"github.com/spf13/pflag"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // the command failed
	exitUsage = 2 // bad command line
)

// command is one subcommand.
type command struct {
	name    string
	summary string // one line for lmi --help
	args    string // positional arguments, for the usage line
	flags   func(fs *pflag.FlagSet)
	run     func(ctx context.Context, fs *pflag.FlagSet, args []string, out io.Writer) error
}

var commands []*command

func register(c *command) { commands = append(commands, c) }

// usageError marks errors in how lmi was called (exit code 2).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return &usageError{fmt.Sprintf(format, a...)} }

// codedError carries an exit status of a command's own (lmi refresh: 3 when
// another refresh holds the lock).
type codedError struct {
	err  error
	code int
}

func (e *codedError) Error() string { return e.err.Error() }
func (e *codedError) Unwrap() error { return e.err }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// progressTo is where commands show how far long steps have come:
// standard error, so nothing on standard output changes.
var progressTo io.Writer = os.Stderr

// newProgress reports progress on standard error: bars on a terminal, log
// lines otherwise.
func newProgress() *progress.Reporter { return progress.New(progressTo) }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	progressTo = stderr
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) > 1 && args[0] == "help" {
			return run(ctx, []string{args[1], "--help"}, stdout, stderr)
		}
		printUsage(stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	var cmd *command
	for _, c := range commands {
		if c.name == args[0] {
			cmd = c
		}
	}
	if cmd == nil {
		fmt.Fprintf(stderr, "lmi: unknown command %q\n\n", args[0])
		printUsage(stderr)
		return exitUsage
	}
	fs := pflag.NewFlagSet("lmi "+cmd.name, pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.SortFlags = false
	if cmd.flags != nil {
		cmd.flags(fs)
	}
	fs.Usage = func() {
		fmt.Fprintf(stdout, "lmi %s: %s\n\nUsage: lmi %s [flags] %s\n", cmd.name, cmd.summary, cmd.name, cmd.args)
		if fs.HasFlags() {
			fmt.Fprintf(stdout, "\nFlags:\n%s", fs.FlagUsages())
		}
	}
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return exitOK
		}
		fmt.Fprintf(stderr, "lmi %s: %v (see lmi %s --help)\n", cmd.name, err, cmd.name)
		return exitUsage
	}
	if err := cmd.run(ctx, fs, fs.Args(), stdout); err != nil {
		fmt.Fprintf(stderr, "lmi %s: %v\n", cmd.name, err)
		var ue *usageError
		if errors.As(err, &ue) {
			return exitUsage
		}
		var ce *codedError
		if errors.As(err, &ce) {
			return ce.code
		}
		return exitError
	}
	return exitOK
}

func printUsage(w io.Writer) {
	fmt.Fprintf(w, "lmi computes regional labour-market matching indicators from SCB and\nArbetsförmedlingen extracts.\n\nUsage: lmi COMMAND [flags]\n\nCommands:\n")
	width := 0
	for _, c := range commands {
		width = max(width, len(c.name))
	}
	for _, c := range commands {
		fmt.Fprintf(w, "  %-*s  %s\n", width, c.name, c.summary)
	}
	fmt.Fprintf(w, "\nRun 'lmi COMMAND --help' for a command's flags.\n")
}

// splitList splits comma-separated flag values, dropping blanks.
func splitList(vals []string) []string {
	var out []string
	for _, v := range vals {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// csvDialectFlag adds --csv-dialect, the CSV files' dialect.
func csvDialectFlag(fs *pflag.FlagSet) {
	fs.String("csv-dialect", csvout.Default.Name, "CSV dialect: default (comma, decimal point) or excel-sv (semicolon, decimal comma, UTF-8 BOM, CRLF, Swedish headers, .. for suppressed numbers; for Swedish Excel)")
}

// csvDialect reads --csv-dialect.
func csvDialect(fs *pflag.FlagSet) (csvout.Dialect, error) {
	name, _ := fs.GetString("csv-dialect")
	d, err := csvout.DialectByName(name)
	if err != nil {
		return d, usagef("--csv-dialect: %v", err)
	}
	return d, nil
}
