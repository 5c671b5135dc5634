package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/pflag"

	"lmi/ingest/pxweb"
	"lmi/report/cubefile"
)

func init() {
	register(&command{
		name:    "fetch",
		summary: "fetch a table from SCB's statistical database (PX-Web API) into CSV or JSON-stat",
		args:    "scb TABLE --select VAR=CODE,CODE ... --out FILE",
		flags: func(fs *pflag.FlagSet) {
			fs.String("base-url", pxweb.DefaultBaseURL, "API root (v1: default "+pxweb.DefaultV1BaseURL("LANG")+")")
			fs.String("api", "v2", "v2 (PxWebApi 2.0; TABLE is an id such as TAB638) or v1 (TABLE is a path such as AM/AM0208/AM0208M/YREG60)")
			fs.StringArray("select", nil, "VAR=CODE,CODE: values of a variable; * for all, patterns such as 25*, expressions such as top(5); repeatable")
			fs.StringArray("codelist", nil, "VAR=vs_ID or VAR=agg_ID: query a variable through a value set or aggregation; repeatable")
			fs.String("lang", pxweb.DefaultLang, "language of labels: sv or en")
			fs.String("cache", defaultFetchCache(), "folder caching responses, so a re-run makes no calls (empty: no cache)")
			fs.Bool("refresh", false, "ask the server again instead of using cached responses")
			fs.String("out", "", "output file: .csv (long: a code and a label column per variable, value, status) or .json (JSON-stat 2.0); FILE.meta.json is written next to it")
		},
		run: runFetch,
	})
}

// defaultFetchCache is a folder under the user's cache directory, or no
// cache when there is none.
func defaultFetchCache() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "lmi", "pxweb")
}

func runFetch(ctx context.Context, fs *pflag.FlagSet, args []string, out io.Writer) error {
	if len(args) != 2 {
		return usagef("want scb TABLE (see lmi fetch --help)")
	}
	if args[0] != "scb" {
		return usagef("unknown source %q: want scb (use --base-url for another PX-Web server)", args[0])
	}
	baseURL, _ := fs.GetString("base-url")
	api, _ := fs.GetString("api")
	selects, _ := fs.GetStringArray("select")
	codelists, _ := fs.GetStringArray("codelist")
	lang, _ := fs.GetString("lang")
	cache, _ := fs.GetString("cache")
	refresh, _ := fs.GetBool("refresh")
	outPath, _ := fs.GetString("out")
	if api != "v2" && api != "v1" {
		return usagef("--api %q: want v2 or v1", api)
	}
	if api == "v1" && !fs.Changed("base-url") {
		baseURL = pxweb.DefaultV1BaseURL(lang)
	}
	if outPath == "" {
		return usagef("--out FILE is required")
	}
	if _, err := cubefile.FormatOf(outPath); err != nil {
		return usagef("--out %v", err)
	}
	sel, err := pxweb.ParseSelections(selects, codelists)
	if err != nil {
		return usagef("%v", err)
	}
	c := &pxweb.Client{BaseURL: baseURL, Lang: lang, CacheDir: cache, Refresh: refresh, UserAgent: "lmi"}
	q := pxweb.Query{API: api, Table: args[1], Selection: sel}
	fetched := time.Now()
	res, err := c.Fetch(ctx, q)
	if err != nil {
		return err
	}
	sum, err := cubefile.WriteFile(outPath, res.Table)
	if err != nil {
		return err
	}
	if err := pxweb.WriteProvenance(outPath+".meta.json", pxweb.NewProvenance(c, q, res, outPath, sum, fetched)); err != nil {
		return err
	}
	st := c.Stats()
	fmt.Fprintf(out, "%s: %s (updated %s)\n%d cells in %d data calls (%d requests, %d from the cache)\nwrote %s and %s.meta.json\n",
		res.Table.ID, res.Table.Title, res.Table.Updated, res.Table.Len(), res.Calls, st.Requests, st.CacheHits, outPath, outPath)
	return nil
}
