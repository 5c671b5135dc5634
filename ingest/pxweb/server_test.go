package pxweb

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"lmi/ingest/cube"
	"lmi/ingest/jsonstat"
)

// This file is a PxWebApi 2.0 server for the tests: /config, /tables,
// /tables/{id}/metadata, /tables/{id}/data (GET and POST) and /codelists,
// over hand-made tables, with a cell limit it enforces like SCB (403) and
// hooks to inject faults.

type fakeDim struct {
	id, label   string
	role        cube.Role
	codes       []string
	labels      []string
	elimination bool
	codelists   []jsonstat.Codelist
}

type fakeTable struct {
	id, label, updated string
	dims               []fakeDim
}

// cell is the content of a cell of the full table: a number, or missing
// for about one cell in eleven.
func (ft *fakeTable) cell(idx []int) (float64, bool) {
	h := 1
	for _, k := range idx {
		h = (h*37 + k + 1) % 1000003
	}
	return float64(h % 100000), h%11 != 0
}

// regionTable is a table like SCB's: region x sex x content x year.
func regionTable() *fakeTable {
	region := fakeDim{id: "Region", label: "region", role: cube.RoleGeo, elimination: true,
		codelists: []jsonstat.Codelist{{ID: "vs_RegionLän07", Label: "Län", Type: "Valueset"}}}
	region.codes = []string{"00", "01", "03", "20", "25", "0180", "2080", "2081"}
	region.labels = []string{"Riket", "Stockholms län", "Uppsala län", "Dalarnas län", "Norrbottens län", "Stockholm", "Falun", "Borlänge"}
	years := fakeDim{id: "Tid", label: "år", role: cube.RoleTime}
	for y := 2015; y <= 2024; y++ {
		years.codes = append(years.codes, strconv.Itoa(y))
		years.labels = append(years.labels, strconv.Itoa(y))
	}
	return &fakeTable{id: "TAB9001", label: "Förvärvsarbetande efter region, kön, tabellinnehåll och år", updated: "2025-03-27T06:00:00Z",
		dims: []fakeDim{
			region,
			{id: "Kon", label: "kön", elimination: true, codes: []string{"1", "2"}, labels: []string{"män", "kvinnor"}},
			{id: "ContentsCode", label: "tabellinnehåll", role: cube.RoleMetric, codes: []string{"000001AA", "000001AB"}, labels: []string{"Förvärvsarbetande", "Andel förvärvsarbetande, procent"}},
			years,
		}}
}

var fakeCodelists = map[string][]string{"vs_RegionLän07": {"01", "03", "20", "25"}}

type fakeServer struct {
	t      *testing.T
	srv    *httptest.Server
	cfg    Config
	tables map[string]*fakeTable
	clock  *fakeClock // when set, the time of every request is recorded

	mu       sync.Mutex
	requests int            // all requests
	hits     map[string]int // by kind: config, tables, metadata, data, codelist
	rejected int            // data calls refused for too many cells
	times    []time.Time
	methods  []string // of data calls
	// fault, when set, may answer the n-th request (from 1) itself.
	fault func(w http.ResponseWriter, r *http.Request, n int) bool
}

func newFakeServer(t *testing.T, maxCells int) *fakeServer {
	fs := &fakeServer{t: t, tables: map[string]*fakeTable{}, hits: map[string]int{},
		cfg: Config{APIVersion: "2.0.0", DefaultLanguage: "sv", MaxDataCells: maxCells, MaxCallsPerTimeWindow: 30, TimeWindow: 10}}
	for _, ft := range []*fakeTable{regionTable()} {
		fs.tables[ft.id] = ft
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v2/config", fs.config)
	mux.HandleFunc("GET /api/v2/tables", fs.search)
	mux.HandleFunc("GET /api/v2/tables/{id}/metadata", fs.metadata)
	mux.HandleFunc("/api/v2/tables/{id}/data", fs.data)
	mux.HandleFunc("GET /api/v2/codelists/{id}", fs.codelist)
	fs.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fs.mu.Lock()
		fs.requests++
		n := fs.requests
		if fs.clock != nil {
			fs.times = append(fs.times, fs.clock.Now())
		}
		fault := fs.fault
		if strings.HasSuffix(r.URL.Path, "/data") {
			fs.hits["data"]++ // counted here, so calls answered by a fault count too
		}
		fs.mu.Unlock()
		if fault != nil && fault(w, r, n) {
			return
		}
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(fs.srv.Close)
	return fs
}

func (fs *fakeServer) url() string { return fs.srv.URL + "/api/v2" }

func (fs *fakeServer) hit(kind string) {
	fs.mu.Lock()
	fs.hits[kind]++
	fs.mu.Unlock()
}

func (fs *fakeServer) count(kind string) int {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return fs.hits[kind]
}

func (fs *fakeServer) total() int {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return fs.requests
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func problem(w http.ResponseWriter, status int, title, detail string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"type": "about:blank", "title": title, "status": status, "detail": detail})
}

func (fs *fakeServer) config(w http.ResponseWriter, r *http.Request) {
	fs.hit("config")
	writeJSON(w, 200, fs.cfg)
}

func (fs *fakeServer) search(w http.ResponseWriter, r *http.Request) {
	fs.hit("tables")
	const pageSize = 2
	var hits []TableInfo
	for i := 1; i <= 5; i++ {
		hits = append(hits, TableInfo{ID: fmt.Sprintf("TAB%d", 9000+i), Label: fmt.Sprintf("Sysselsättning, tabell %d", i), Updated: "2025-01-01T06:00:00Z"})
	}
	if q := r.URL.Query().Get("query"); q != "sysselsättning" {
		hits = nil
	}
	page, _ := strconv.Atoi(r.URL.Query().Get("pageNumber"))
	page = max(page, 1)
	lo, hi := min((page-1)*pageSize, len(hits)), min(page*pageSize, len(hits))
	writeJSON(w, 200, map[string]any{"language": "sv", "tables": hits[lo:hi],
		"page": map[string]any{"pageNumber": page, "pageSize": pageSize, "totalElements": len(hits), "totalPages": (len(hits) + pageSize - 1) / pageSize}})
}

func (fs *fakeServer) metadata(w http.ResponseWriter, r *http.Request) {
	fs.hit("metadata")
	ft, ok := fs.tables[r.PathValue("id")]
	if !ok {
		problem(w, 404, "Not Found", "No table "+r.PathValue("id"))
		return
	}
	dims := map[string]any{}
	var ids []string
	var sizes []int
	role := map[string][]string{}
	for _, d := range ft.dims {
		index, labels := map[string]int{}, map[string]string{}
		for i, c := range d.codes {
			index[c], labels[c] = i, d.labels[i]
		}
		ext := map[string]any{"elimination": d.elimination}
		if d.codelists != nil {
			ext["codelists"] = d.codelists
		}
		dims[d.id] = map[string]any{"label": d.label, "category": map[string]any{"index": index, "label": labels}, "extension": ext}
		ids, sizes = append(ids, d.id), append(sizes, len(d.codes))
		if d.role != cube.RoleNone {
			role[string(d.role)] = append(role[string(d.role)], d.id)
		}
	}
	writeJSON(w, 200, map[string]any{"version": "2.0", "class": "dataset", "label": ft.label, "source": "SCB", "updated": ft.updated,
		"id": ids, "size": sizes, "role": role, "dimension": dims, "extension": map[string]any{"px": map[string]any{"tableid": ft.id, "language": "sv"}}})
}

func (fs *fakeServer) codelist(w http.ResponseWriter, r *http.Request) {
	fs.hit("codelist")
	codes, ok := fakeCodelists[r.PathValue("id")]
	if !ok {
		problem(w, 404, "Not Found", "No code list")
		return
	}
	var values []map[string]any
	for _, c := range codes {
		values = append(values, map[string]any{"code": c, "label": "län " + c, "valueMap": []string{c}})
	}
	writeJSON(w, 200, map[string]any{"id": r.PathValue("id"), "label": "Län", "type": "Valueset", "values": values})
}

// data answers a selection with the cells of the full table, summing over
// the variables left out.
func (fs *fakeServer) data(w http.ResponseWriter, r *http.Request) {
	fs.mu.Lock()
	fs.methods = append(fs.methods, r.Method)
	fs.mu.Unlock()
	ft, ok := fs.tables[r.PathValue("id")]
	if !ok {
		problem(w, 404, "Not Found", "No table")
		return
	}
	values, codelists := map[string][]string{}, map[string]string{}
	switch r.Method {
	case "GET":
		for k, v := range r.URL.Query() {
			if name, ok := strings.CutPrefix(k, "valueCodes["); ok {
				values[strings.TrimSuffix(name, "]")] = strings.Split(v[0], ",")
			}
			if name, ok := strings.CutPrefix(k, "codelist["); ok {
				codelists[strings.TrimSuffix(name, "]")] = v[0]
			}
		}
	case "POST":
		var body struct {
			Selection []struct {
				VariableCode string   `json:"variableCode"`
				CodeList     string   `json:"codeList"`
				ValueCodes   []string `json:"valueCodes"`
			} `json:"selection"`
		}
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			problem(w, 400, "Bad Request", err.Error())
			return
		}
		for _, s := range body.Selection {
			values[s.VariableCode] = s.ValueCodes
			if s.CodeList != "" {
				codelists[s.VariableCode] = s.CodeList
			}
		}
	default:
		problem(w, 405, "Method Not Allowed", "")
		return
	}
	if got := r.URL.Query().Get("outputFormat"); got != "json-stat2" {
		problem(w, 400, "Bad Request", "outputFormat "+got)
		return
	}
	// Resolve the selection on each variable.
	type sel struct {
		dim int
		idx []int
	}
	var kept []sel
	var summed []int
	cells := 1
	for i, d := range ft.dims {
		vals, ok := values[d.id]
		if !ok {
			if !d.elimination {
				problem(w, 400, "Bad Request", "Missing selection for mandantory variable "+d.id)
				return
			}
			summed = append(summed, i)
			continue
		}
		all := d.codes
		if cl, ok := codelists[d.id]; ok {
			all = fakeCodelists[cl]
		}
		var idx []int
		for _, v := range vals {
			switch {
			case strings.HasPrefix(v, "top("):
				n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(v, "top("), ")"))
				for _, c := range all[max(len(all)-n, 0):] {
					idx = append(idx, slices.Index(d.codes, c))
				}
			default:
				n := 0
				for _, c := range all {
					if m, _ := path.Match(v, c); m {
						idx = append(idx, slices.Index(d.codes, c))
						n++
					}
				}
				if n == 0 {
					problem(w, 400, "Bad Request", fmt.Sprintf("Non-existent value %s for variable %s", v, d.id))
					return
				}
			}
		}
		kept = append(kept, sel{i, idx})
		cells *= len(idx)
	}
	if cells > fs.cfg.MaxDataCells {
		fs.mu.Lock()
		fs.rejected++
		fs.mu.Unlock()
		problem(w, 403, "Forbidden", fmt.Sprintf("Too many cells selected: %d, the limit is %d", cells, fs.cfg.MaxDataCells))
		return
	}
	var dims []cube.Dimension
	for _, s := range kept {
		d := ft.dims[s.dim]
		cd := cube.Dimension{Code: d.id, Label: d.label, Role: d.role}
		for _, k := range s.idx {
			cd.Values = append(cd.Values, cube.Value{Code: d.codes[k], Label: d.labels[k]})
		}
		dims = append(dims, cd)
	}
	t := cube.New(dims)
	t.ID, t.Title, t.Source, t.Updated, t.Language = ft.id, ft.label, "SCB", ft.updated, "sv"
	full := make([]int, len(ft.dims))
	out := make([]int, len(kept))
	for cell := 0; cell < t.Len(); cell++ {
		for j, s := range kept {
			full[s.dim] = s.idx[out[j]]
		}
		sum, any := 0.0, false
		var walk func(k int)
		walk = func(k int) {
			if k == len(summed) {
				if v, ok := ft.cell(full); ok {
					sum, any = sum+v, true
				}
				return
			}
			for i := range ft.dims[summed[k]].codes {
				full[summed[k]] = i
				walk(k + 1)
			}
		}
		walk(0)
		if any {
			t.Set(cell, sum)
		}
		for j := len(out) - 1; j >= 0; j-- {
			out[j]++
			if out[j] < len(kept[j].idx) {
				break
			}
			out[j] = 0
		}
	}
	var buf bytes.Buffer
	if err := jsonstat.Encode(&buf, t); err != nil {
		fs.t.Error(err)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(buf.Bytes())
}

// fakeClock is a clock for tests: Sleep moves the time on at once, unless
// block is set, when it waits for the context to end.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	slept []time.Duration
	block chan struct{} // when set, Sleep closes it (once) and waits for ctx
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2025, 4, 1, 8, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	block := c.block
	c.slept = append(c.slept, d)
	if block == nil {
		c.now = c.now.Add(d)
	}
	c.mu.Unlock()
	if block != nil {
		select {
		case <-block:
		default:
			close(block)
		}
		<-ctx.Done()
		return ctx.Err()
	}
	return nil
}

func (c *fakeClock) sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.slept)
}

// fullTable is the whole regionTable as a cube, for comparisons.
func (ft *fakeTable) cube(sel map[string][]string) *cube.Table {
	var dims []cube.Dimension
	var pick [][]int
	for _, d := range ft.dims {
		cd := cube.Dimension{Code: d.id, Label: d.label, Role: d.role}
		var idx []int
		for i, c := range d.codes {
			if want, ok := sel[d.id]; !ok || slices.Contains(want, c) {
				cd.Values = append(cd.Values, cube.Value{Code: c, Label: d.labels[i]})
				idx = append(idx, i)
			}
		}
		dims, pick = append(dims, cd), append(pick, idx)
	}
	t := cube.New(dims)
	full := make([]int, len(dims))
	pos := make([]int, len(dims))
	for cell := 0; cell < t.Len(); cell++ {
		for j := range pos {
			full[j] = pick[j][pos[j]]
		}
		if v, ok := ft.cell(full); ok {
			t.Set(cell, v)
		}
		for j := len(pos) - 1; j >= 0; j-- {
			pos[j]++
			if pos[j] < len(pick[j]) {
				break
			}
			pos[j] = 0
		}
	}
	return t
}

// sameCells reports where two tables differ in dimensions or cells.
func sameCells(a, b *cube.Table) error {
	if len(a.Dimensions) != len(b.Dimensions) {
		return fmt.Errorf("%d dimensions vs %d", len(a.Dimensions), len(b.Dimensions))
	}
	for i := range a.Dimensions {
		if !slices.Equal(a.Dimensions[i].Values, b.Dimensions[i].Values) || a.Dimensions[i].Code != b.Dimensions[i].Code {
			return fmt.Errorf("dimension %d: %v vs %v", i, a.Dimensions[i], b.Dimensions[i])
		}
	}
	for i := range a.Values {
		if a.Status[i] != b.Status[i] || (a.Status[i] == "" && a.Values[i] != b.Values[i]) || (a.Status[i] != "" && !math.IsNaN(b.Values[i])) {
			return fmt.Errorf("cell %d: %v %q vs %v %q", i, a.Values[i], a.Status[i], b.Values[i], b.Status[i])
		}
	}
	return nil
}
