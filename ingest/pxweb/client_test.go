package pxweb

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"lmi/ingest/cube"
)

func testClient(fs *fakeServer, clock *fakeClock) *Client {
	return &Client{BaseURL: fs.url(), HTTPClient: fs.srv.Client(), Clock: clock, Jitter: func() float64 { return 0 }}
}

var (
	allYears  = Selection{Variable: "Tid", Values: []string{"*"}}
	bothConts = Selection{Variable: "ContentsCode", Values: []string{"*"}}
)

func TestFetchV2(t *testing.T) {
	fs := newFakeServer(t, 150000)
	c := testClient(fs, newFakeClock())
	q := Query{Table: "TAB9001", Selection: []Selection{
		{Variable: "Region", Values: []string{"01", "20"}},
		{Variable: "Kon", Values: []string{"*"}},
		bothConts, allYears,
	}}
	res, err := c.Fetch(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	want := regionTable().cube(map[string][]string{"Region": {"01", "20"}})
	if err := sameCells(want, res.Table); err != nil {
		t.Fatal(err)
	}
	tb := res.Table
	if res.Calls != 1 || tb.ID != "TAB9001" || tb.Updated != "2025-03-27T06:00:00Z" || tb.Language != "sv" || tb.Source != "SCB" {
		t.Errorf("calls %d, table %q %q %q %q", res.Calls, tb.ID, tb.Updated, tb.Language, tb.Source)
	}
	if tb.Dimensions[0].Values[1].Label != "Dalarnas län" || tb.Dimensions[0].Role != cube.RoleGeo || tb.Dimensions[3].Role != cube.RoleTime {
		t.Errorf("dimensions %+v", tb.Dimensions)
	}
	if fs.count("config") != 1 || fs.count("metadata") != 1 || fs.count("data") != 1 {
		t.Errorf("hits %v", fs.hits)
	}
	if fs.methods[0] != "GET" {
		t.Errorf("a short selection went by %s", fs.methods[0])
	}

	// Leaving out Kon, which may be eliminated: the server sums it away.
	res, err = c.Fetch(context.Background(), Query{Table: "TAB9001", Selection: []Selection{{Variable: "Region", Values: []string{"25"}}, bothConts, {Variable: "Tid", Values: []string{"top(2)"}}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Table.Dimensions) != 3 || res.Table.Len() != 4 || res.Table.Dimensions[2].Values[0].Code != "2023" {
		t.Errorf("eliminated Kon, top(2) years: %+v", res.Table.Dimensions)
	}
}

func TestSearchPages(t *testing.T) {
	fs := newFakeServer(t, 150000)
	c := testClient(fs, newFakeClock())
	hits, err := c.Search(context.Background(), "sysselsättning")
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 5 || hits[4].ID != "TAB9005" || fs.count("tables") != 3 {
		t.Errorf("%d hits over %d pages: %+v", len(hits), fs.count("tables"), hits)
	}
	hits, err = c.Search(context.Background(), "ingenting")
	if err != nil || len(hits) != 0 {
		t.Errorf("no hits: %v %v", hits, err)
	}
}

// TestSplit: a query over the cell limit read from /config is split before
// anything is sent, and the parts stitch into the table one call gives.
func TestSplit(t *testing.T) {
	q := Query{Table: "TAB9001", Selection: []Selection{
		{Variable: "Region", Values: []string{"*"}},
		{Variable: "Kon", Values: []string{"1", "2"}},
		bothConts, allYears,
	}}
	big := newFakeServer(t, 150000)
	whole, err := testClient(big, newFakeClock()).Fetch(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if whole.Calls != 1 || whole.Table.Len() != 8*2*2*10 {
		t.Fatalf("unsplit: %d calls, %d cells", whole.Calls, whole.Table.Len())
	}
	if err := sameCells(regionTable().cube(nil), whole.Table); err != nil {
		t.Fatal(err)
	}
	for _, limit := range []int{100, 75, 40, 7, 2} {
		fs := newFakeServer(t, limit)
		res, err := testClient(fs, newFakeClock()).Fetch(context.Background(), q)
		if err != nil {
			t.Fatalf("limit %d: %v", limit, err)
		}
		if fs.rejected != 0 {
			t.Errorf("limit %d: the server refused %d calls: the client did not split up front", limit, fs.rejected)
		}
		if err := sameCells(whole.Table, res.Table); err != nil {
			t.Errorf("limit %d: stitched table differs: %v", limit, err)
		}
		if res.Calls != fs.count("data") || res.Calls < 320/limit {
			t.Errorf("limit %d: %d calls reported, %d made", limit, res.Calls, fs.count("data"))
		}
		t.Logf("limit %d: %d calls", limit, res.Calls)
	}

	// An expression cannot be split: the other variables take the cut.
	fs := newFakeServer(t, 20)
	q2 := Query{Table: "TAB9001", Selection: []Selection{{Variable: "Region", Values: []string{"01", "03", "20"}}, bothConts, {Variable: "Tid", Values: []string{"top(3)"}}}}
	res, err := testClient(fs, newFakeClock()).Fetch(context.Background(), q2)
	if err != nil || fs.rejected != 0 || res.Table.Len() != 3*2*3 {
		t.Errorf("split around top(3): %v, %d refused, %+v", err, fs.rejected, res)
	}
	// One that cannot fit at all fails before any data call.
	fs = newFakeServer(t, 5)
	_, err = testClient(fs, newFakeClock()).Fetch(context.Background(), Query{Table: "TAB9001", Selection: []Selection{{Variable: "Region", Values: []string{"01"}}, bothConts, {Variable: "Tid", Values: []string{"top(10)"}}}})
	if !errors.Is(err, ErrTooManyCells) || fs.count("data") != 0 {
		t.Errorf("unsplittable: %v after %d data calls", err, fs.count("data"))
	}
}

// TestServerRefusesTooManyCells: when the client is told a larger limit
// than the server has, the server's 403 is reported, not retried.
func TestServerRefusesTooManyCells(t *testing.T) {
	fs := newFakeServer(t, 10)
	c := testClient(fs, newFakeClock())
	c.Limits = &Config{MaxDataCells: 1000}
	_, err := c.Fetch(context.Background(), Query{Table: "TAB9001", Selection: []Selection{{Variable: "Region", Values: []string{"*"}}, bothConts, allYears}})
	var he *HTTPError
	if !errors.As(err, &he) || he.StatusCode != 403 || !strings.Contains(err.Error(), "Too many cells selected") {
		t.Fatalf("got %v", err)
	}
	if fs.count("data") != 1 || fs.count("config") != 0 {
		t.Errorf("hits %v: a 403 is not retried, and Limits replaces /config", fs.hits)
	}
}

func TestLongSelectionIsPosted(t *testing.T) {
	fs := newFakeServer(t, 150000)
	ft := fs.tables["TAB9001"]
	for i := 0; i < 400; i++ {
		code := fmt.Sprintf("K%04d", i)
		ft.dims[0].codes = append(ft.dims[0].codes, code)
		ft.dims[0].labels = append(ft.dims[0].labels, "kommun "+code)
	}
	codes := slices.Clone(ft.dims[0].codes[8:])
	res, err := testClient(fs, newFakeClock()).Fetch(context.Background(), Query{Table: "TAB9001", Selection: []Selection{{Variable: "Region", Values: codes}, bothConts, allYears}})
	if err != nil {
		t.Fatal(err)
	}
	if fs.methods[0] != "POST" || res.Table.Dimensions[0].Values[399].Code != "K0399" {
		t.Errorf("%v, %d regions", fs.methods, len(res.Table.Dimensions[0].Values))
	}
}

func TestCodelist(t *testing.T) {
	fs := newFakeServer(t, 150000)
	c := testClient(fs, newFakeClock())
	res, err := c.Fetch(context.Background(), Query{Table: "TAB9001", Selection: []Selection{{Variable: "Region", Values: []string{"*"}, Codelist: "vs_RegionLän07"}, bothConts, allYears}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range res.Table.Dimensions[0].Values {
		got = append(got, v.Code)
	}
	if !slices.Equal(got, []string{"01", "03", "20", "25"}) || fs.count("codelist") != 1 {
		t.Errorf("regions %v, code list fetched %d times", got, fs.count("codelist"))
	}
	_, err = c.Fetch(context.Background(), Query{Table: "TAB9001", Selection: []Selection{{Variable: "Region", Values: []string{"*"}, Codelist: "vs_Nope"}, bothConts, allYears}})
	if !errors.Is(err, ErrSelection) || !strings.Contains(err.Error(), "vs_RegionLän07") {
		t.Errorf("unknown code list: %v", err)
	}
}

func TestSelectionErrors(t *testing.T) {
	fs := newFakeServer(t, 150000)
	c := testClient(fs, newFakeClock())
	cases := []struct {
		sel  []Selection
		want string
	}{
		{[]Selection{{Variable: "Region", Values: []string{"01"}}, bothConts}, "Tid cannot be left out"},
		{[]Selection{{Variable: "Region", Values: []string{"99"}}, bothConts, allYears}, `Region: bad selection: no value "99"`},
		{[]Selection{{Variable: "Region", Values: []string{"9*"}}, bothConts, allYears}, `"9*" matches no value`},
		{[]Selection{{Variable: "Lan", Values: []string{"01"}}, bothConts, allYears}, "no variable Lan (the table has Region, Kon, ContentsCode, Tid)"},
		{[]Selection{{Variable: "Tid", Values: []string{"2020"}}, allYears, bothConts}, "Tid selected twice"},
	}
	for _, cs := range cases {
		_, err := c.Fetch(context.Background(), Query{Table: "TAB9001", Selection: cs.sel})
		if !errors.Is(err, ErrSelection) || !strings.Contains(err.Error(), cs.want) {
			t.Errorf("%v: got %v, want %q", cs.sel, err, cs.want)
		}
	}
	if fs.count("data") != 0 {
		t.Errorf("%d data calls for bad selections", fs.count("data"))
	}
	_, err := c.Fetch(context.Background(), Query{Table: "TAB0000", Selection: []Selection{allYears}})
	var he *HTTPError
	if !errors.As(err, &he) || he.StatusCode != 404 || he.Detail != "No table TAB0000" {
		t.Errorf("unknown table: %v", err)
	}
}

// TestCache: a second client on the same cache folder makes no calls.
func TestCache(t *testing.T) {
	fs := newFakeServer(t, 40)
	dir := t.TempDir()
	q := Query{Table: "TAB9001", Selection: []Selection{{Variable: "Region", Values: []string{"*"}}, bothConts, allYears}}
	c1 := testClient(fs, newFakeClock())
	c1.CacheDir = dir
	first, err := c1.Fetch(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	calls := fs.total()
	if calls != 2+first.Calls || first.Calls < 2 {
		t.Fatalf("first run: %d requests for %d data calls", calls, first.Calls)
	}
	c2 := testClient(fs, newFakeClock())
	c2.CacheDir = dir
	second, err := c2.Fetch(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if fs.total() != calls || c2.Stats().Requests != 0 || c2.Stats().CacheHits != calls {
		t.Errorf("second run made %d requests (stats %+v)", fs.total()-calls, c2.Stats())
	}
	if err := sameCells(first.Table, second.Table); err != nil {
		t.Error(err)
	}
	// No temporary files are left, and a damaged entry is fetched again.
	var entries []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			entries = append(entries, p)
		}
		return nil
	})
	if len(entries) != calls {
		t.Fatalf("%d cache files for %d responses: %v", len(entries), calls, entries)
	}
	for _, e := range entries {
		if strings.Contains(filepath.Base(e), ".tmp") {
			t.Errorf("temporary file left: %s", e)
		}
	}
	os.WriteFile(entries[0], []byte(`{"trunc`), 0o644)
	c3 := testClient(fs, newFakeClock())
	c3.CacheDir = dir
	if _, err := c3.Fetch(context.Background(), q); err != nil {
		t.Fatal(err)
	}
	if fs.total() != calls+1 {
		t.Errorf("a damaged cache entry cost %d requests, want 1", fs.total()-calls)
	}
	// Refresh goes to the server again.
	c4 := testClient(fs, newFakeClock())
	c4.CacheDir, c4.Refresh = dir, true
	if _, err := c4.Fetch(context.Background(), q); err != nil {
		t.Fatal(err)
	}
	if fs.total() != 2*calls+1 {
		t.Errorf("refresh: %d requests, want %d", fs.total()-calls-1, calls)
	}
}

// failData makes the server answer the first n data calls with f.
func failData(fs *fakeServer, n int, f func(w http.ResponseWriter)) {
	done := 0
	fs.fault = func(w http.ResponseWriter, r *http.Request, _ int) bool {
		if !strings.HasSuffix(r.URL.Path, "/data") || done >= n {
			return false
		}
		done++
		f(w)
		return true
	}
}

var simpleQuery = Query{Table: "TAB9001", Selection: []Selection{{Variable: "Region", Values: []string{"01"}}, bothConts, allYears}}

func TestRetryAfter(t *testing.T) {
	clock := newFakeClock()
	for _, c := range []struct {
		header string
		want   time.Duration
	}{
		{"7", 7 * time.Second},
		{clock.Now().Add(30 * time.Second).Format(http.TimeFormat), 30 * time.Second},
		{"", 500 * time.Millisecond}, // no header: backoff
	} {
		fs := newFakeServer(t, 150000)
		failData(fs, 1, func(w http.ResponseWriter) {
			if c.header != "" {
				w.Header().Set("Retry-After", c.header)
			}
			problem(w, 429, "Too Many Requests", "Rate limit exceeded")
		})
		clock := newFakeClock()
		cl := testClient(fs, clock)
		if _, err := cl.Fetch(context.Background(), simpleQuery); err != nil {
			t.Fatalf("Retry-After %q: %v", c.header, err)
		}
		if s := clock.sleeps(); !slices.Equal(s, []time.Duration{c.want}) || fs.count("data") != 2 || cl.Stats().Retries != 1 {
			t.Errorf("Retry-After %q: slept %v over %d calls, stats %+v", c.header, s, fs.count("data"), cl.Stats())
		}
	}
	// A wait longer than MaxRetryAfter is an error at once.
	fs := newFakeServer(t, 150000)
	failData(fs, 1, func(w http.ResponseWriter) {
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(429)
	})
	clock = newFakeClock()
	_, err := testClient(fs, clock).Fetch(context.Background(), simpleQuery)
	if !errors.Is(err, ErrRetryAfter) || len(clock.sleeps()) != 0 {
		t.Errorf("Retry-After 3600: %v, slept %v", err, clock.sleeps())
	}
}

func TestServerErrorThenSuccess(t *testing.T) {
	fs := newFakeServer(t, 150000)
	failData(fs, 2, func(w http.ResponseWriter) { problem(w, 500, "Internal Server Error", "") })
	clock := newFakeClock()
	c := testClient(fs, clock)
	c.Jitter = func() float64 { return 0.5 }
	if _, err := c.Fetch(context.Background(), simpleQuery); err != nil {
		t.Fatal(err)
	}
	// Backoff 1 s then 2 s, each half fixed and half jittered.
	if s := clock.sleeps(); !slices.Equal(s, []time.Duration{750 * time.Millisecond, 1500 * time.Millisecond}) {
		t.Errorf("slept %v", s)
	}

	// Always 503: bounded attempts, then the error.
	fs = newFakeServer(t, 150000)
	failData(fs, 100, func(w http.ResponseWriter) { http.Error(w, "Service Unavailable", http.StatusServiceUnavailable) })
	clock = newFakeClock()
	c = testClient(fs, clock)
	c.MaxRetries = 3
	_, err := c.Fetch(context.Background(), simpleQuery)
	var he *HTTPError
	if !errors.As(err, &he) || he.StatusCode != 503 || fs.count("data") != 4 {
		t.Errorf("got %v after %d calls", err, fs.count("data"))
	}
	if s := clock.sleeps(); !slices.Equal(s, []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second}) {
		t.Errorf("slept %v", s)
	}
	// Backoff stops growing at BackoffMax.
	c = &Client{BackoffBase: time.Second, BackoffMax: 4 * time.Second, Clock: clock, Jitter: func() float64 { return 1 }}
	before := len(clock.sleeps())
	c.backoff(context.Background(), 10, "test", request{}, nil)
	if got := clock.sleeps()[before]; got != 4*time.Second {
		t.Errorf("backoff after 10 retries %v, want the 4s cap", got)
	}
}

func TestTruncatedBody(t *testing.T) {
	// A body shorter than its Content-Length, once: retried.
	fs := newFakeServer(t, 150000)
	failData(fs, 1, func(w http.ResponseWriter) {
		w.Header().Set("Content-Length", "5000")
		w.WriteHeader(200)
		io.WriteString(w, `{"version":"2.0","class":"dataset","id":[`)
	})
	c := testClient(fs, newFakeClock())
	if _, err := c.Fetch(context.Background(), simpleQuery); err != nil {
		t.Fatalf("truncated once: %v", err)
	}
	if fs.count("data") != 2 {
		t.Errorf("%d data calls", fs.count("data"))
	}

	// Valid HTTP, but the JSON stops half way, every time: retried once,
	// then reported.
	fs = newFakeServer(t, 150000)
	failData(fs, 100, func(w http.ResponseWriter) {
		io.WriteString(w, `{"version":"2.0","class":"dataset","id":["Region"],"size":[1],"dimension":{"Region":{"category":{"index":["01"]}}},"value":[1`)
	})
	c = testClient(fs, newFakeClock())
	_, err := c.Fetch(context.Background(), simpleQuery)
	if !errors.Is(err, ErrBadBody) || !strings.Contains(err.Error(), "truncated") || fs.count("data") != 2 {
		t.Errorf("truncated JSON: %v after %d calls", err, fs.count("data"))
	}

	// An HTML page with status 200.
	fs = newFakeServer(t, 150000)
	failData(fs, 100, func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, "<html><head><title>Underhåll</title></head><body>Statistikdatabasen är stängd</body></html>")
	})
	_, err = testClient(fs, newFakeClock()).Fetch(context.Background(), simpleQuery)
	if !errors.Is(err, ErrBadBody) || !strings.Contains(err.Error(), `HTML page`) || !strings.Contains(err.Error(), "Underhåll") {
		t.Errorf("HTML page: %v", err)
	}
}

func TestSlowServer(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	slow := func(w http.ResponseWriter, r *http.Request, n int) bool {
		if !strings.HasSuffix(r.URL.Path, "/data") {
			return false
		}
		select {
		case <-r.Context().Done():
		case <-release:
		}
		return true
	}
	// The caller's deadline: no retries, the context's error.
	fs := newFakeServer(t, 150000)
	fs.fault = slow
	c := testClient(fs, newFakeClock())
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Millisecond)
	defer cancel()
	_, err := c.Fetch(ctx, simpleQuery)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("deadline: %v, want context.DeadlineExceeded", err)
	}
	if fs.count("data") > 1 {
		t.Errorf("%d data calls after the caller's deadline", fs.count("data"))
	}

	// The per-request timeout: retried, then reported.
	fs = newFakeServer(t, 150000)
	fs.fault = slow
	clock := newFakeClock()
	c = testClient(fs, clock)
	c.RequestTimeout, c.MaxRetries = 10*time.Millisecond, 1
	_, err = c.Fetch(context.Background(), simpleQuery)
	if !errors.Is(err, context.DeadlineExceeded) || len(clock.sleeps()) != 1 {
		t.Errorf("request timeout: %v, slept %v", err, clock.sleeps())
	}
}

func TestRateLimit(t *testing.T) {
	fs := newFakeServer(t, 150000)
	fs.cfg.MaxCallsPerTimeWindow, fs.cfg.TimeWindow = 3, 10
	clock := newFakeClock()
	fs.clock = clock
	c := testClient(fs, clock)
	for i := 0; i < 4; i++ {
		if _, err := c.Data(context.Background(), "TAB9001", simpleQuery.Selection); err != nil {
			t.Fatal(err)
		}
	}
	// config + 4 data calls at 3 per 10 s: the 4th call waits for the
	// window of the 1st.
	start := fs.times[0]
	var at []time.Duration
	for _, tm := range fs.times {
		at = append(at, tm.Sub(start))
	}
	if !slices.Equal(at, []time.Duration{0, 0, 0, 10 * time.Second, 10 * time.Second}) {
		t.Errorf("calls at %v", at)
	}
	for i := range fs.times {
		n := 0
		for _, tm := range fs.times {
			if !tm.Before(fs.times[i]) && tm.Sub(fs.times[i]) < 10*time.Second {
				n++
			}
		}
		if n > 3 {
			t.Errorf("%d calls in the window from %v", n, at[i])
		}
	}
}

// TestCancelWhileWaiting: cancelling stops a wait for the rate limit, for
// Retry-After and for backoff at once.
func TestCancelWhileWaiting(t *testing.T) {
	for _, fault := range []string{"rate limit", "retry-after", "backoff"} {
		fs := newFakeServer(t, 150000)
		clock := newFakeClock()
		c := testClient(fs, clock)
		switch fault {
		case "rate limit":
			c.Limits = &Config{MaxDataCells: 1000, MaxCallsPerTimeWindow: 1, TimeWindow: 10}
		case "retry-after":
			failData(fs, 1, func(w http.ResponseWriter) { w.Header().Set("Retry-After", "60"); w.WriteHeader(429) })
		case "backoff":
			failData(fs, 1, func(w http.ResponseWriter) { w.WriteHeader(502) })
		}
		clock.block = make(chan struct{})
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error)
		go func() {
			_, err := c.Fetch(ctx, simpleQuery)
			done <- err
		}()
		select {
		case <-clock.block: // waiting now
		case err := <-done:
			t.Fatalf("%s: finished without waiting: %v", fault, err)
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: never waited", fault)
		}
		cancel()
		select {
		case err := <-done:
			if !errors.Is(err, context.Canceled) {
				t.Errorf("%s: %v", fault, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: cancel did not stop the wait", fault)
		}
	}
}

func TestConfigDefaults(t *testing.T) {
	var cfg *Config
	if cfg.maxCells() != DefaultMaxCells {
		t.Error("nil config")
	}
	for _, c := range []Config{{}, {MaxCallsPerTimeWindow: 0, TimeWindow: 0}, {MaxCallsPerTimeWindow: 40, TimeWindow: 0}} {
		if n, w := c.calls(); n != DefaultMaxCalls || w != DefaultTimeWindow {
			t.Errorf("%+v: %d per %v", c, n, w)
		}
	}
	// A server answering /config with an HTML page (seen in the wild with
	// status 200) is not taken for a PxWebApi server.
	fs := newFakeServer(t, 1)
	fs.fault = func(w http.ResponseWriter, r *http.Request, n int) bool {
		io.WriteString(w, "CONFIG404;<br>Filen findes ikke - File not found")
		return true
	}
	_, err := testClient(fs, newFakeClock()).Config(context.Background())
	if err == nil || !strings.Contains(err.Error(), "invalid JSON") || fs.total() != 2 {
		t.Errorf("config not JSON: %v after %d calls", err, fs.total())
	}
}

func TestDataRaw(t *testing.T) {
	srv := newFakeServer(t, 100)
	srv.fault = func(w http.ResponseWriter, r *http.Request, n int) bool {
		if !strings.HasSuffix(r.URL.Path, "/data") {
			return false
		}
		if r.URL.Query().Get("outputFormat") != "csv" {
			t.Errorf("outputFormat %q", r.URL.Query().Get("outputFormat"))
		}
		io.WriteString(w, "\"region\",\"2024\"\n\"01 Stockholms l\xe4n\",12\n")
		return true
	}
	b, err := testClient(srv, newFakeClock()).DataRaw(context.Background(), "TAB9001", simpleQuery.Selection, "csv")
	if err != nil || !strings.HasPrefix(string(b), `"region"`) {
		t.Errorf("%q %v", b, err)
	}
}
