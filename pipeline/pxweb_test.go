package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"lmi/ingest/cube"
	"lmi/ingest/jsonstat"
	"lmi/ingest/pxweb"
)

// pxServer is a small PxWebApi 2.0 server for query inputs: /config,
// and table TAB6368 (region x content x year) whose metadata and data
// answers are JSON-stat written by jsonstat.Encode, so the tests need
// no recorded files. scale and updated make a new release; fail answers
// every request with 500.
type pxServer struct {
	*httptest.Server
	mu      sync.Mutex
	scale   float64
	updated string
	fail    bool
	hits    map[string]int // config, metadata, data
}

func newQueryServer(t *testing.T) *pxServer {
	t.Helper()
	s := &pxServer{scale: 1, updated: "2025-02-21T07:00:00Z", hits: map[string]int{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v2/config", func(w http.ResponseWriter, r *http.Request) {
		s.hit("config")
		io.WriteString(w, `{"apiVersion":"2.0","maxDataCells":1000,"maxCallsPerTimeWindow":30,"timeWindow":10}`)
	})
	mux.HandleFunc("GET /api/v2/tables/TAB6368/metadata", func(w http.ResponseWriter, r *http.Request) {
		s.hit("metadata")
		s.write(w, nil)
	})
	mux.HandleFunc("GET /api/v2/tables/TAB6368/data", func(w http.ResponseWriter, r *http.Request) {
		s.hit("data")
		sel := map[string][]string{}
		for _, v := range []string{"Region", "ContentsCode", "Tid"} {
			if codes := r.URL.Query().Get("valueCodes[" + v + "]"); codes != "" {
				sel[v] = strings.Split(codes, ",")
			}
		}
		s.write(w, sel)
	})
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		fail := s.fail
		s.mu.Unlock()
		if fail {
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(http.StatusInternalServerError)
			io.WriteString(w, `{"title":"Internal Server Error","status":500,"detail":"the database is being loaded"}`)
			return
		}
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	// Short backoffs: a server error is retried, then fails, in
	// milliseconds rather than the default seconds.
	def := pxwebClient
	pxwebClient = func(baseURL, lang string) *pxweb.Client {
		c := def(baseURL, lang)
		c.BackoffBase, c.BackoffMax = time.Millisecond, 2*time.Millisecond
		return c
	}
	t.Cleanup(func() { pxwebClient = def })
	return s
}

func (s *pxServer) url() string { return s.URL + "/api/v2" }

func (s *pxServer) hit(kind string) {
	s.mu.Lock()
	s.hits[kind]++
	s.mu.Unlock()
}

func (s *pxServer) count(kind string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[kind]
}

// release changes the data and its last-updated stamp.
func (s *pxServer) release(scale float64, updated string) {
	s.mu.Lock()
	s.scale, s.updated = scale, updated
	s.mu.Unlock()
}

func (s *pxServer) setFail(fail bool) {
	s.mu.Lock()
	s.fail = fail
	s.mu.Unlock()
}

// write answers with the table, cut to sel (nil or a missing variable:
// every value).
func (s *pxServer) write(w http.ResponseWriter, sel map[string][]string) {
	s.mu.Lock()
	scale, updated := s.scale, s.updated
	s.mu.Unlock()
	all := []cube.Dimension{
		{Code: "Region", Label: "region", Role: cube.RoleGeo,
			Values: []cube.Value{{Code: "00", Label: "Riket"}, {Code: "20", Label: "Dalarnas län"}, {Code: "25", Label: "Norrbottens län"}}},
		{Code: "ContentsCode", Label: "tabellinnehåll", Role: cube.RoleMetric,
			Values: []cube.Value{{Code: "BE0101N1", Label: "Folkmängd"}}},
		{Code: "Tid", Label: "år", Role: cube.RoleTime,
			Values: []cube.Value{{Code: "2021", Label: "2021"}, {Code: "2022", Label: "2022"}}},
	}
	var dims []cube.Dimension
	for _, d := range all {
		codes, ok := sel[d.Code]
		if !ok || slices.Contains(codes, "*") {
			dims = append(dims, d)
			continue
		}
		cut := cube.Dimension{Code: d.Code, Label: d.Label, Role: d.Role}
		for _, c := range codes {
			i, ok := d.Index(c)
			if !ok {
				w.WriteHeader(http.StatusBadRequest)
				fmt.Fprintf(w, `{"title":"Bad Request","detail":"no value %s in %s"}`, c, d.Code)
				return
			}
			cut.Values = append(cut.Values, d.Values[i])
		}
		dims = append(dims, cut)
	}
	t := cube.New(dims)
	t.ID, t.Title, t.Source, t.Updated, t.Language = "TAB6368", "Folkmängden efter region, tabellinnehåll och år", "SCB", updated, "sv"
	n := 0
	for _, r := range dims[0].Values {
		for range dims[1].Values {
			for _, y := range dims[2].Values {
				var region, year float64
				fmt.Sscan(r.Code, &region)
				fmt.Sscan(y.Code, &year)
				t.Set(n, scale*(1000*region+year))
				n++
			}
		}
	}
	var buf bytes.Buffer
	if err := jsonstat.Encode(&buf, t); err != nil {
		w.WriteHeader(http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(buf.Bytes())
}

// scbSQL is an own indicator of the demography family reading
// published_cells, so a new release of TAB6368 changes a family.
const scbSQL = `-- name: scb_folkmangd_summa
-- label: Summa av SCB:s folkmängd i TAB6368
-- version: 1
-- unit: antal
-- section: 3
-- family: demography
-- dimensions: sex
SELECT region_level, region, period, sex,
       (SELECT sum(value) FROM published_cells WHERE table_id = 'TAB6368') AS value,
       NULL::BIGINT AS numerator, NULL::BIGINT AS denominator, population AS n
FROM demography_cells
`

// querySpec writes, in a fresh folder, a spec over the persons fixture
// and the query inputs given (TOML inline tables), with the own
// indicator above, and returns its path.
func querySpec(t *testing.T, queries ...string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "scb.sql"), []byte(scbSQL), 0o644); err != nil {
		t.Fatal(err)
	}
	text := fmt.Sprintf(`name = "SCB query"
[inputs]
files = [
  %q,
  %s,
]
[indicators]
levels = ["lan"]
by = ["sex"]
indicators = ["antal_invanare", "forvarvsgrad"]
own_sql = ["scb.sql"]
`, filepath.ToSlash(filepath.Join(data, "persons.parquet")), strings.Join(queries, ",\n  "))
	p := filepath.Join(dir, "run.toml")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// A run fetches each query input into its folder and loads it; the
// manifest records the query, the copy's hash and SCB's stamp; verify
// needs no server, and names a changed copy.
func TestRunPXWebQuery(t *testing.T) {
	srv := newQueryServer(t)
	spec := querySpec(t,
		fmt.Sprintf(`{ pxweb = "TAB6368", select = { Region = ["00", "20"], ContentsCode = ["BE0101N1"], Tid = ["2021", "2022"] }, base_url = %q }`, srv.url()),
		fmt.Sprintf(`{ pxweb = "TAB6368", select = { Region = "25", ContentsCode = "*", Tid = ["2022"] }, base_url = %q, api = "v2", lang = "sv" }`, srv.url()))
	runDir := filepath.Join(t.TempDir(), "run")
	m := mustRun(t, spec, runDir, Options{})

	if len(m.Inputs) != 3 {
		t.Fatalf("%d inputs", len(m.Inputs))
	}
	for i, want := range []struct {
		path string
		rows int64
	}{{"inputs/TAB6368.json", 4}, {"inputs/TAB6368-2.json", 1}} {
		in := m.Inputs[i+1]
		sum, size, err := hashFile(filepath.Join(runDir, want.path))
		if err != nil {
			t.Fatal(err)
		}
		q := in.PXWeb
		if in.Path != want.path || in.SHA256 != sum || in.Size != size || in.Table != "published_cells" || in.Format != "jsonstat" ||
			in.RowsLoaded != want.rows || q == nil || q.Table != "TAB6368" || q.API != "v2" || q.BaseURL != srv.url() || q.Lang != "sv" ||
			q.Updated != "2025-02-21T07:00:00Z" || q.Title == "" || q.Fetched == "" || q.Metadata != want.path+".meta.json" {
			t.Errorf("input %d: %+v, pxweb %+v", i+1, in, q)
		}
		// lmi fetch's sidecar, naming the same bytes.
		var prov pxweb.Provenance
		b, err := os.ReadFile(filepath.Join(runDir, want.path+".meta.json"))
		if err == nil {
			err = json.Unmarshal(b, &prov)
		}
		if err != nil || prov.Output.SHA256 != sum || prov.Updated != q.Updated || prov.Query.Table != "TAB6368" {
			t.Errorf("sidecar %s: %v\n%s", want.path, err, b)
		}
	}
	wantSel := []pxweb.Selection{{Variable: "ContentsCode", Values: []string{"BE0101N1"}},
		{Variable: "Region", Values: []string{"00", "20"}}, {Variable: "Tid", Values: []string{"2021", "2022"}}}
	if in := m.Spec.Inputs[1]; in.Path != "inputs/TAB6368.json" || in.PXWeb == nil || in.PXWeb.BaseURL != srv.url() ||
		!reflect.DeepEqual(in.PXWeb.Selection, wantSel) || !reflect.DeepEqual(m.Inputs[1].PXWeb.Selection, wantSel) {
		t.Errorf("spec input %+v", in)
	}
	if m.Spec.Inputs[2].PXWeb.Selection[0].Values[0] != "*" {
		t.Errorf("spec input %+v", m.Spec.Inputs[2].PXWeb)
	}
	// One client for the server: /config read once for both queries.
	if srv.count("config") != 1 || srv.count("data") != 2 {
		t.Errorf("requests %v", srv.hits)
	}
	if got := queryRun(t, runDir, "SELECT count(*), sum(value) FROM published_cells WHERE table_id = 'TAB6368'"); got != "5|75108.0" {
		t.Errorf("published_cells: %s", got)
	}
	if !slices.ContainsFunc(m.Indicators, func(ind IndicatorRecord) bool { return ind.Name == "scb_folkmangd_summa" }) {
		t.Errorf("indicators %+v", m.Indicators)
	}

	// Offline: verify re-runs from the copies, and the re-run's report
	// names the table as the run's does, from the fetch's sidecar.
	srv.Close()
	verifyOK(t, runDir)
	if page, err := os.ReadFile(filepath.Join(runDir, "report.html")); err != nil || !bytes.Contains(page, []byte("<td>TAB6368</td><td>TAB6368.json</td>")) ||
		!bytes.Contains(page, []byte("Folkmängden efter region")) {
		t.Errorf("report.html does not name the query input: %v", err)
	}

	// A tampered copy is a changed input; nothing is re-run.
	copyPath := filepath.Join(runDir, "inputs", "TAB6368.json")
	b, err := os.ReadFile(copyPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(copyPath, bytes.Replace(b, []byte("Riket"), []byte("Sverige"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := Verify(context.Background(), runDir)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	rep.Write(&buf)
	if rep.OK() || rep.ReRun || !strings.Contains(buf.String(), "input inputs/TAB6368.json: changed: sha256 was "+m.Inputs[1].SHA256) {
		t.Errorf("tampered copy:\n%s", buf.String())
	}
	os.Remove(copyPath)
	rep, err = Verify(context.Background(), runDir)
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	rep.Write(&buf)
	if rep.OK() || !strings.Contains(buf.String(), "input inputs/TAB6368.json: missing") {
		t.Errorf("missing copy:\n%s", buf.String())
	}

	// A failed fetch fails the run, naming the query, and leaves no manifest.
	if _, err := Run(context.Background(), mustLoad(t, spec), runDir); err == nil ||
		!strings.Contains(err.Error(), "input inputs/TAB6368.json: PX-Web query TAB6368 (v2 "+srv.url()+"; ContentsCode=BE0101N1; Region=00,20; Tid=2021,2022): ") {
		t.Errorf("run against a stopped server: %v", err)
	}
	if _, err := os.Stat(filepath.Join(runDir, ManifestFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("manifest after a failed run: %v", err)
	}
}

func mustLoad(t *testing.T, path string) *Spec {
	t.Helper()
	s, err := LoadSpec(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// A refresh fetches every query again: the same answer is nothing to do;
// a new release rebuilds, recomputing what reads published_cells; a
// server error fails the refresh and leaves the previous run.
func TestRefreshPXWebQuery(t *testing.T) {
	srv := newQueryServer(t)
	spec := querySpec(t, fmt.Sprintf(`{ pxweb = "TAB6368", select = { Region = ["00", "20", "25"], ContentsCode = ["BE0101N1"], Tid = ["2021", "2022"] }, base_url = %q }`, srv.url()))
	runDir := filepath.Join(filepath.Dir(spec), "out", "run")

	first := mustRefresh(t, spec, runDir)
	if !first.Built {
		t.Fatal("first refresh built nothing")
	}
	old := first.Manifest.Inputs[1].SHA256
	data := srv.count("data")
	if res := mustRefresh(t, spec, runDir); res.Built {
		t.Errorf("rebuilt with the same answer: %+v", res.Changes)
	}
	// Asked again, not answered from any cache.
	if srv.count("data") != data+1 {
		t.Errorf("%d data calls by the second refresh, want 1", srv.count("data")-data)
	}

	srv.release(2, "2025-05-20T07:00:00Z")
	res := mustRefresh(t, spec, runDir)
	if !res.Built || len(res.Changes) != 1 || res.Changes[0].Kind != KindInput || res.Changes[0].Path != "inputs/TAB6368.json" ||
		res.Changes[0].Status != StatusChanged || res.Changes[0].OldSHA256 != old {
		t.Fatalf("built %v, changes %+v", res.Built, res.Changes)
	}
	rec, got := actions(t, runDir)
	if !slices.Equal(rec.ChangedTables, []string{"published_cells"}) || got["demography"] != ActionRecomputed || got["matching"] != ActionCarriedOver {
		t.Errorf("changed tables %v, families %v", rec.ChangedTables, got)
	}
	m, err := ReadManifest(runDir)
	if err != nil {
		t.Fatal(err)
	}
	sum, _, err := hashFile(filepath.Join(runDir, "inputs", "TAB6368.json"))
	if err != nil {
		t.Fatal(err)
	}
	if in := m.Inputs[1]; in.SHA256 != sum || sum == old || in.PXWeb.Updated != "2025-05-20T07:00:00Z" {
		t.Errorf("input after the release %+v, copy %s", in, sum)
	}
	sameAsFullRun(t, spec, runDir)

	// A server error: the refresh fails naming the query; the run stays.
	before := checkRun(t, runDir)
	target, _ := os.Readlink(runDir)
	srv.setFail(true)
	_, err = Refresh(context.Background(), mustLoad(t, spec), runDir, RefreshOptions{})
	if err == nil || !strings.Contains(err.Error(), "PX-Web query TAB6368") || !strings.Contains(err.Error(), "500 Internal Server Error") {
		t.Fatalf("refresh against a failing server: %v", err)
	}
	if after := checkRun(t, runDir); !bytes.Equal(after, before) {
		t.Error("a failed refresh changed the manifest")
	}
	if now, _ := os.Readlink(runDir); now != target {
		t.Errorf("run folder now %s, was %s", now, target)
	}
	if l := leftovers(t, runDir); len(l) > 0 {
		t.Errorf("left beside the run folder: %v", l)
	}

	// No server at all (offline): the refresh fails with an
	// *pxweb.UnreachableError (which the client does not retry but once:
	// ingest/pxweb's TestUnreachable counts its requests); the run stays.
	srv.Close()
	_, err = Refresh(context.Background(), mustLoad(t, spec), runDir, RefreshOptions{})
	var ue *pxweb.UnreachableError
	if !errors.As(err, &ue) || ue.Reason != pxweb.ReasonRefused {
		t.Fatalf("refresh with no server: %v", err)
	}
	if after := checkRun(t, runDir); !bytes.Equal(after, before) {
		t.Error("a refresh that could not reach the server changed the manifest")
	}
	if now, _ := os.Readlink(runDir); now != target {
		t.Errorf("run folder now %s, was %s", now, target)
	}
	if l := leftovers(t, runDir); len(l) > 0 {
		t.Errorf("left beside the run folder: %v", l)
	}
	verifyOK(t, runDir)
}

func TestParseSpecQuery(t *testing.T) {
	dir := specDir(t)
	s, err := parse(t, dir, `name = "q"
[inputs]
files = [
  "data/persons.parquet",
  { pxweb = "TAB6368", select = { Tid = ["2021", "2022", "2021"], Region = "00" } },
  { pxweb = "AM/AM0208/AM0208M/YREG60", api = "v1", lang = "en", codelist = { Region = "vs_RegionLän07" } },
  { pxweb = "TAB6368", base_url = "http://localhost:8080/api/v2/", select = { "Region" = ["top(5)", "range(2019,2023)"] } },
  { pxweb = "tab6368" },
]
`)
	if err != nil {
		t.Fatal(err)
	}
	qs := []*PXWebQuery{s.Inputs[1].Query, s.Inputs[2].Query, s.Inputs[3].Query, s.Inputs[4].Query}
	if s.Inputs[0].Query != nil || s.Inputs[1].Path != "" {
		t.Errorf("inputs %+v", s.Inputs)
	}
	want := []PXWebQuery{
		{Table: "TAB6368", API: "v2", BaseURL: pxweb.DefaultBaseURL, Lang: "sv", File: "inputs/TAB6368.json",
			Selection: []pxweb.Selection{{Variable: "Region", Values: []string{"00"}}, {Variable: "Tid", Values: []string{"2021", "2022"}}}},
		{Table: "AM/AM0208/AM0208M/YREG60", API: "v1", BaseURL: pxweb.DefaultV1BaseURL("en"), Lang: "en", File: "inputs/YREG60.json",
			Selection: []pxweb.Selection{{Variable: "Region", Values: []string{"*"}, Codelist: "vs_RegionLän07"}}},
		{Table: "TAB6368", API: "v2", BaseURL: "http://localhost:8080/api/v2", Lang: "sv", File: "inputs/TAB6368-2.json",
			Selection: []pxweb.Selection{{Variable: "Region", Values: []string{"top(5)", "range(2019,2023)"}}}},
		// Another case is the same file on a case-insensitive file system.
		{Table: "tab6368", API: "v2", BaseURL: pxweb.DefaultBaseURL, Lang: "sv", File: "inputs/tab6368-3.json"},
	}
	for i := range want {
		if !reflect.DeepEqual(*qs[i], want[i]) {
			t.Errorf("query %d: %+v\nwant %+v", i, *qs[i], want[i])
		}
	}

	const head = "name = \"t\"\n[inputs]\nfiles = [\n  \"data/persons.parquet\",\n"
	cases := []struct {
		name, entry string
		key, why    string
	}{
		{"path and pxweb", `{ pxweb = "TAB1", path = "data/persons.parquet" }`, "inputs.files[1].path", "a file (path) or a PX-Web query (pxweb), not both"},
		{"format", `{ pxweb = "TAB1", format = "jsonstat" }`, "inputs.files[1].format", "not for a PX-Web query"},
		{"unknown key", `{ pxweb = "TAB1", selection = { Tid = ["2021"] } }`, "inputs.files[1].selection", "unknown key (want pxweb and, optionally, select, codelist, api, base_url, lang)"},
		{"select without pxweb", `{ path = "data/persons.parquet", select = { Tid = ["2021"] } }`, "inputs.files[1].select", "only for a PX-Web query"},
		{"empty table", `{ pxweb = " " }`, "inputs.files[1].pxweb", "empty: want a table id"},
		{"table a number", `{ pxweb = 6368 }`, "inputs.files[1].pxweb", "got int64, want a string"},
		{"api", `{ pxweb = "TAB1", api = "v3" }`, "inputs.files[1].api", `"v3": want v2`},
		{"lang", `{ pxweb = "TAB1", lang = "svenska" }`, "inputs.files[1].lang", "want a language code"},
		{"base_url", `{ pxweb = "TAB1", base_url = "api.scb.se/v2" }`, "inputs.files[1].base_url", "want an http or https URL"},
		{"select not a table", `{ pxweb = "TAB1", select = ["Tid=2021"] }`, "inputs.files[1].select", "want a table of VARIABLE ="},
		{"select a number", `{ pxweb = "TAB1", select = { Tid = [2021] } }`, "inputs.files[1].select.Tid[0]", "got int64, want a string"},
		{"select none", `{ pxweb = "TAB1", select = { Tid = [] } }`, "inputs.files[1].select.Tid", "selects no codes"},
		{"select commas", `{ pxweb = "TAB1", select = { Tid = "2021,2022" } }`, "inputs.files[1].select.Tid", `"2021,2022": one code per string, like ["2021", "2022"]`},
		{"codelist a number", `{ pxweb = "TAB1", codelist = { Region = 7 } }`, "inputs.files[1].codelist.Region", "want a value set or aggregation id"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := parse(t, dir, head+"  "+c.entry+",\n]\n")
			var se *SpecError
			if !errors.As(err, &se) {
				t.Fatalf("error %v (%T), want a *SpecError", err, err)
			}
			if se.Line != 5 || se.Key != c.key || !strings.Contains(se.Reason, c.why) {
				t.Errorf("got line %d key %q reason %q\nwant line 5 key %q reason containing %q", se.Line, se.Key, se.Reason, c.key, c.why)
			}
		})
	}

	// [[inputs.files]], one table per input: errors name each element's
	// own lines.
	_, err = parse(t, dir, `name = "q"

[[inputs.files]]
path = "data/persons.parquet"

[[inputs.files]]
pxweb = "TAB6368"
select = { Region = ["00", "20"], Tid = ["2021"] }
api = "v3"

[[inputs.files]]
pxweb = "TAB6368"
[inputs.files.select]
Region = ["00",
  "20"]
Tid = [2021]
`)
	var es SpecErrors
	if !errors.As(err, &es) || len(es) != 2 || es[0].Line != 9 || es[0].Key != "inputs.files[1].api" ||
		es[1].Line != 16 || es[1].Key != "inputs.files[2].select.Tid[0]" {
		t.Errorf("array of tables: %v", err)
	}
}
