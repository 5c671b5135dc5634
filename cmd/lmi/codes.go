package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"lmi/codes"
)

func init() {
	register(&command{
		name:    "codes",
		summary: "list a code list (lan, kommun, fa, ssyk, sun, sunfield, sni, birth, edu) or show one code",
		args:    "list NAME [--level N] | show CODE",
		flags: func(fs *pflag.FlagSet) {
			fs.Int("level", 0, "only this level of the list (0 = all levels)")
		},
		run: runCodes,
	})
}

func runCodes(_ context.Context, fs *pflag.FlagSet, args []string, out io.Writer) error {
	level, _ := fs.GetInt("level")
	if len(args) != 2 {
		return usagef("want 'codes list NAME' or 'codes show CODE'; lists: %s", strings.Join(codes.ListNames(), ", "))
	}
	switch args[0] {
	case "list":
		entries, err := codes.List(args[1], level)
		if err != nil {
			return usagef("%v", err)
		}
		for _, e := range entries {
			fmt.Fprintf(out, "%s\t%s\n", e.Code, e.Name)
		}
	case "show":
		found := codes.Show(args[1])
		if len(found) == 0 {
			return fmt.Errorf("code %q is in none of lmi's code lists", args[1])
		}
		for _, f := range found {
			fmt.Fprintf(out, "%s\t%s\t(%s, level %d)\n", f.Entry.Code, f.Entry.Name, f.List, f.Entry.Level)
			for _, p := range f.Path {
				fmt.Fprintf(out, "  in %s\t%s\n", p.Code, p.Name)
			}
		}
	default:
		return usagef("unknown codes action %q: want list or show", args[0])
	}
	return nil
}
