package main

import (
	"context"
	"fmt"
	"io"
	"runtime"

	"github.com/spf13/pflag"

	"lmi/internal/buildinfo"
	"lmi/store"
)

func init() {
	register(&command{
		name:    "version",
		summary: "print lmi's version and VCS revision, and the Go and DuckDB versions",
		run:     runVersion,
	})
}

func runVersion(ctx context.Context, _ *pflag.FlagSet, args []string, out io.Writer) error {
	if len(args) > 0 {
		return usagef("version takes no arguments")
	}
	// go run and GOFLAGS=-buildvcs=false leave the revision out of the
	// binary; release builds stamp both (scripts/release.sh).
	version, revision := "(devel)", "unknown (not stamped: build with go build -buildvcs=true)"
	in := buildinfo.Get()
	if in.Version != "" {
		version = in.Version
	}
	if in.Revision != "" {
		revision = in.Revision
	}
	if in.Modified {
		revision += " (modified)"
	}
	db, err := store.Open(ctx, "")
	if err != nil {
		return err
	}
	defer db.Close()
	duck, err := db.DuckDBVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "lmi %s\nrevision %s\n%s %s/%s\nDuckDB %s\n", version, revision, runtime.Version(), runtime.GOOS, runtime.GOARCH, duck)
	return nil
}
