package pipeline

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"lmi/ingest/pxweb"
	"lmi/report/cubefile"
)

// Query inputs. An input entry { pxweb = "TAB6368", select = { ... } }
// is a PX-Web query instead of a file. A run fetches it into its own
// folder (FetchDir/TABLE.json, JSON-stat 2.0, with lmi fetch's
// TABLE.json.meta.json beside it) and loads that copy exactly as a file
// input; the manifest records the query, the copy's SHA-256 and the
// source's last-updated stamp. Verify re-runs from the copy, never from
// the server, so it checks lmi's computation and not the source's data;
// a refresh fetches every query again and treats another SHA-256 as a
// changed input.
//
// No response cache is used (lmi fetch has one, keyed by method, URL and
// body): the same query always has the same key, so a cached answer would
// hide a new release from a run or a nightly refresh for good.

// FetchDir is the folder, inside a run folder, holding the fetched copies
// of the spec's query inputs.
const FetchDir = "inputs"

// PXWebQuery is an input fetched from a PX-Web server: lmi fetch's
// arguments, every default filled in.
type PXWebQuery struct {
	Table string // v2: a table id (TAB6368); v1: the table's path below BaseURL
	API   string // v2 or v1
	// BaseURL is the API root: pxweb.DefaultBaseURL for v2, or
	// pxweb.DefaultV1BaseURL(Lang) for v1, unless the spec gives one.
	BaseURL   string
	Lang      string
	Selection []pxweb.Selection // by variable name
	// File is where the run keeps the fetched copy, relative to the run
	// folder and slash-separated: inputs/TAB6368.json.
	File string
}

// String names the query in errors and logs.
func (q *PXWebQuery) String() string {
	var sel []string
	for _, s := range q.Selection {
		v := s.Variable + "=" + strings.Join(s.Values, ",")
		if s.Codelist != "" {
			v += " (" + s.Codelist + ")"
		}
		sel = append(sel, v)
	}
	return fmt.Sprintf("PX-Web query %s (%s %s; %s)", q.Table, q.API, q.BaseURL, strings.Join(sel, "; "))
}

// query turns q into the client's query.
func (q *PXWebQuery) query() pxweb.Query {
	return pxweb.Query{API: q.API, Table: q.Table, Selection: q.Selection}
}

// record is the query as the manifest keeps it.
func (q *PXWebQuery) record() *PXWebQueryRecord {
	return &PXWebQueryRecord{Table: q.Table, API: q.API, BaseURL: q.BaseURL, Lang: q.Lang,
		Selection: nonNil(slices.Clone(q.Selection))}
}

// raw is the record as a spec's input table, for specFromManifest.
func (r *PXWebQueryRecord) raw() map[string]any {
	sel, cls := map[string]any{}, map[string]any{}
	for _, s := range r.Selection {
		values := make([]any, len(s.Values))
		for i, v := range s.Values {
			values[i] = v
		}
		sel[s.Variable] = values
		if s.Codelist != "" {
			cls[s.Variable] = s.Codelist
		}
	}
	f := map[string]any{"pxweb": r.Table, "api": r.API, "base_url": r.BaseURL, "lang": r.Lang, "select": sel}
	if len(cls) > 0 {
		f["codelist"] = cls
	}
	return f
}

// queryKeys are the keys of a query input, in the order errors list them.
var queryKeys = []string{"pxweb", "select", "codelist", "api", "base_url", "lang"}

// query checks one { pxweb = "...", select = { ... }, ... } entry of
// inputs.files into in. The keys are lmi fetch's arguments and flags:
// pxweb its TABLE, select its --select (VAR = [codes]), codelist its
// --codelist (VAR = "vs_ID"), api, base_url and lang its --api,
// --base-url and --lang.
func (c *checker) query(key string, v map[string]any, in *Input) {
	q := &PXWebQuery{API: "v2", Lang: pxweb.DefaultLang}
	in.Query = q
	str := map[string]string{}
	for _, k := range sortedKeys(v) {
		switch {
		case k == "path":
			c.addf(key+".path", "an input is a file (path) or a PX-Web query (pxweb), not both")
			continue
		case slices.Contains(inputKeys, k):
			c.addf(key+"."+k, "not for a PX-Web query: its answer is loaded as JSON-stat (format jsonstat) into published_cells")
			continue
		case !slices.Contains(queryKeys, k):
			c.addf(key+"."+k, "unknown key (want pxweb and, optionally, %s)", strings.Join(queryKeys[1:], ", "))
			continue
		case k == "select" || k == "codelist":
			continue // tables, checked below
		}
		if s, ok := v[k].(string); ok {
			str[k] = strings.TrimSpace(s)
		} else {
			c.addf(key+"."+k, "got %T, want a string", v[k])
		}
	}
	if t, ok := str["pxweb"]; ok {
		q.Table = strings.Trim(t, "/")
		if q.Table == "" {
			c.addf(key+".pxweb", "empty: want a table id such as TAB6368 (api v1: a path such as AM/AM0208/AM0208M/YREG60)")
		}
	}
	if a, ok := str["api"]; ok {
		q.API = a
		if a != "v2" && a != "v1" {
			c.addf(key+".api", "%q: want v2 (PxWebApi 2.0, the default) or v1", a)
		}
	}
	if l, ok := str["lang"]; ok {
		q.Lang = l
		if !isLang(l) {
			c.addf(key+".lang", "%q: want a language code such as sv or en", l)
		}
	}
	q.BaseURL = pxweb.DefaultBaseURL
	if q.API == "v1" {
		q.BaseURL = pxweb.DefaultV1BaseURL(q.Lang)
	}
	if b, ok := str["base_url"]; ok {
		q.BaseURL = strings.TrimRight(b, "/")
		if u, err := url.Parse(b); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			c.addf(key+".base_url", "%q: want an http or https URL, such as %s", b, pxweb.DefaultBaseURL)
		}
	}

	codes := map[string][]string{}
	if raw, ok := v["select"]; ok {
		m, isMap := raw.(map[string]any)
		if !isMap {
			c.addf(key+".select", "got %T, want a table of VARIABLE = [\"CODE\", ...]", raw)
		}
		for _, name := range sortedKeys(m) {
			k := key + ".select." + name
			var vals []string
			switch x := m[name].(type) {
			case string:
				vals = []string{x}
			case []any:
				if len(x) == 0 {
					c.addf(k, "selects no codes")
				}
				for i, e := range x {
					if s, ok := e.(string); ok {
						vals = append(vals, s)
					} else {
						c.addf(fmt.Sprintf("%s[%d]", k, i), "got %T, want a string (a code, \"*\", a pattern such as \"25*\" or an expression such as \"top(5)\")", e)
					}
				}
			default:
				c.addf(k, "got %T, want an array of codes", x)
				continue
			}
			for _, s := range vals {
				s = strings.TrimSpace(s)
				switch {
				case s == "":
					c.addf(k, "an empty code")
				case strings.Contains(s, ",") && !strings.Contains(s, "("):
					c.addf(k, "%q: one code per string, like [%s]", s, quoteAll(strings.Split(s, ",")))
				case !slices.Contains(codes[name], s):
					codes[name] = append(codes[name], s)
				}
			}
		}
	}
	lists := map[string]string{}
	if raw, ok := v["codelist"]; ok {
		m, isMap := raw.(map[string]any)
		if !isMap {
			c.addf(key+".codelist", "got %T, want a table of VARIABLE = \"vs_ID\" or \"agg_ID\"", raw)
		}
		for _, name := range sortedKeys(m) {
			k := key + ".codelist." + name
			s, ok := m[name].(string)
			if s = strings.TrimSpace(s); !ok || s == "" {
				c.addf(k, "got %#v, want a value set or aggregation id such as \"vs_RegionLän07\"", m[name])
				continue
			}
			lists[name] = s
		}
	}
	// Sorted by variable: TOML tables have no order, and the client asks
	// in the table's own order whatever this one is.
	var names []string
	for n := range codes {
		names = append(names, n)
	}
	for n := range lists {
		if _, dup := codes[n]; !dup {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	for _, n := range names {
		s := pxweb.Selection{Variable: n, Values: codes[n], Codelist: lists[n]}
		if len(s.Values) == 0 {
			s.Values = []string{"*"} // a code list alone selects all its values, as lmi fetch --codelist
		}
		q.Selection = append(q.Selection, s)
	}
}

// isLang reports a language code: two or three lower-case letters.
func isLang(s string) bool {
	if len(s) < 2 || len(s) > 3 {
		return false
	}
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

func quoteAll(ss []string) string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strconv.Quote(strings.TrimSpace(s))
	}
	return strings.Join(out, ", ")
}

// nameFetches gives every query input its file in FetchDir: the table id
// (a v1 path's last part) with .json, and -2, -3, ... for a table queried
// again, in the spec's order.
func nameFetches(inputs []Input) {
	used := map[string]bool{}
	for i := range inputs {
		q := inputs[i].Query
		if q == nil {
			continue
		}
		base := fileSafe(path.Base(q.Table))
		name := base + ".json"
		for n := 2; used[strings.ToLower(name)]; n++ {
			name = fmt.Sprintf("%s-%d.json", base, n)
		}
		used[strings.ToLower(name)] = true // case-insensitive file systems
		q.File = FetchDir + "/" + name
	}
}

// fileSafe keeps letters, digits, '-' and '_' of a table id, others
// turned into '_'.
func fileSafe(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			b[i] = '_'
		}
	}
	if len(b) == 0 {
		return "table"
	}
	return string(b)
}

// hasQueries reports whether any input is a query.
func (s *Spec) hasQueries() bool {
	return slices.ContainsFunc(s.Inputs, func(in Input) bool { return in.Query != nil })
}

// pxwebClient makes the client for one server. One client serves every
// query to that server in a run, so they share its rate limit (read from
// /config). Tests replace it, for short backoffs.
var pxwebClient = func(baseURL, lang string) *pxweb.Client {
	return &pxweb.Client{BaseURL: baseURL, Lang: lang, UserAgent: "lmi"}
}

// fetcher fetches a run's query inputs.
type fetcher struct {
	clients map[string]*pxweb.Client // by base URL and language
	log     *slog.Logger             // nil: silent
}

// fetched is a query input fetched into a run folder.
type fetched struct {
	path    string // absolute: RUN_DIR/inputs/TABLE.json
	sha256  string
	prov    *pxweb.Provenance
	seconds float64
}

// fetch gets q's table from its server and writes it to runDir/q.File as
// JSON-stat 2.0 (the same bytes for the same data) with the provenance
// sidecar q.File.meta.json. The error names the query.
func (f *fetcher) fetch(ctx context.Context, q *PXWebQuery, runDir string) (*fetched, error) {
	if f.clients == nil {
		f.clients = map[string]*pxweb.Client{}
	}
	id := q.BaseURL + "\n" + q.Lang
	c := f.clients[id]
	if c == nil {
		c = pxwebClient(q.BaseURL, q.Lang)
		f.clients[id] = c
	}
	start := time.Now()
	before := c.Stats()
	res, err := c.Fetch(ctx, q.query())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", q, err)
	}
	p := filepath.Join(runDir, filepath.FromSlash(q.File))
	sum, err := cubefile.WriteFile(p, res.Table)
	if err != nil {
		return nil, fmt.Errorf("%s: write %s: %w", q, p, err)
	}
	prov := pxweb.NewProvenance(c, q.query(), res, p, sum, start)
	if err := pxweb.WriteProvenance(p+".meta.json", prov); err != nil {
		return nil, fmt.Errorf("%s: write %s.meta.json: %w", q, p, err)
	}
	fi := &fetched{path: p, sha256: sum, prov: prov, seconds: since(start)}
	if f.log != nil {
		after := c.Stats()
		f.log.Info("fetch", "input", q.File, "table", q.Table, "base_url", q.BaseURL, "updated", prov.Updated,
			"cells", prov.Cells, "sha256", sum, "requests", after.Requests-before.Requests, "seconds", fi.seconds)
	}
	return fi, nil
}

// fetchAll fetches every query input of spec into runDir, by input index.
func (f *fetcher) fetchAll(ctx context.Context, spec *Spec, runDir string) (map[int]*fetched, error) {
	out := map[int]*fetched{}
	for i, in := range spec.Inputs {
		if in.Query == nil {
			continue
		}
		fi, err := f.fetch(ctx, in.Query, runDir)
		if err != nil {
			return nil, fmt.Errorf("input %s: %w", in.Query.File, err)
		}
		out[i] = fi
	}
	return out, nil
}

// fetchRecord is what the manifest says about a fetched query input.
func fetchRecord(q *PXWebQuery, fi *fetched, runDir string) *PXWebFetchRecord {
	r := &PXWebFetchRecord{PXWebQueryRecord: *q.record()}
	if fi != nil {
		r.Title, r.Updated, r.Fetched = fi.prov.Title, fi.prov.Updated, fi.prov.Fetched
		r.Metadata = relPath(runDir, fi.path+".meta.json")
	}
	return r
}

// removeFetched removes the fetched copies (and sidecars) an earlier run
// in runDir recorded, so a query dropped from the spec leaves no file.
func removeFetched(runDir string, old *Manifest) error {
	for _, in := range old.Inputs {
		if in.PXWeb == nil {
			continue
		}
		p := resolve(runDir, in.Path)
		if rel, err := filepath.Rel(runDir, p); err != nil || strings.HasPrefix(rel, "..") {
			continue
		}
		for _, f := range []string{p, p + ".meta.json"} {
			if err := os.Remove(f); err != nil && !os.IsNotExist(err) {
				return err
			}
		}
	}
	return nil
}
