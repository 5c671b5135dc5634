package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"lmi/codes"
	"lmi/disclosure/check"
)

func init() {
	register(&command{
		name:    "disclosure",
		summary: "check a folder of outputs as an attacker would: can a suppressed count be recovered or narrowed from what is published?",
		args:    "check RUN_DIR",
		flags: func(fs *pflag.FlagSet) {
			fs.Int("k", 0, "the suppression threshold: counts below it must stay hidden (default the run manifest's k, else 5)")
			fs.Int("protection", 0, "the narrowest interval the attacker may find for a count below k (default k)")
			fs.StringArray("grouping", nil, "a custom grouping file the outputs use (besides those in the run's manifest); repeatable")
			fs.StringSlice("period", nil, "check only these periods (default all)")
			fs.Int("show", 10, "how many exposed counts to list")
		},
		run: runDisclosure,
	})
}

// runDisclosure exits 0 when no suppressed count is exposed, 1 when one
// is (the first few are listed) or the check cannot be made.
func runDisclosure(ctx context.Context, fs *pflag.FlagSet, args []string, out io.Writer) error {
	if len(args) != 2 || args[0] != "check" {
		return usagef("want: lmi disclosure check RUN_DIR")
	}
	var o check.Options
	o.K, _ = fs.GetInt("k")
	o.P, _ = fs.GetInt("protection")
	o.Periods, _ = fs.GetStringSlice("period")
	show, _ := fs.GetInt("show")
	if o.K < 0 || o.P < 0 || show < 0 {
		return usagef("--k, --protection and --show must not be negative")
	}
	paths, _ := fs.GetStringArray("grouping")
	for _, p := range paths {
		g, err := codes.LoadGrouping(p)
		if err != nil {
			return err
		}
		o.Groupings = append(o.Groupings, g)
	}
	res, err := check.Run(ctx, args[1], o)
	if err != nil {
		return err
	}
	res.Write(out, show)
	if !res.OK() {
		return fmt.Errorf("%d suppressed counts in %s can be recovered or narrowed below the protection level (%d exactly); see above", len(res.Exposed), res.Dir, res.Pinned)
	}
	return nil
}
