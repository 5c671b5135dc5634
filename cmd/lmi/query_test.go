package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"lmi/fixtures"
	"lmi/pipeline"
)

// TestRunQueryInput: a spec input that is a PX-Web query, through lmi
// run, verify (with the server gone) and refresh (unchanged, then the
// server refusing).
func TestRunQueryInput(t *testing.T) {
	srv := newPXServer(t) // TAB638; its cell limit splits the query in two calls
	var refuse atomic.Bool
	backend, _ := url.Parse(srv.URL)
	proxy := httputil.NewSingleHostReverseProxy(backend)
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if refuse.Load() {
			// Not retried by the client, so the test does not wait.
			http.Error(w, `{"title":"Forbidden","detail":"the table is being updated"}`, http.StatusForbidden)
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	defer front.Close()

	top := t.TempDir()
	if _, err := fixtures.Generate(fixtures.Config{Persons: 2000, Years: 2, Seed: 1,
		Out: filepath.Join(top, "data"), Formats: []string{"parquet"}}); err != nil {
		t.Fatal(err)
	}
	spec := filepath.Join(top, "scb.toml")
	if err := os.WriteFile(spec, []byte(fmt.Sprintf(`name = "SCB"
[inputs]
files = [
  "data/persons.parquet",
  { pxweb = "TAB638", select = { Region = ["*"], ContentsCode = ["BE0101N1"], Tid = ["2023", "2024"] }, base_url = %q },
]
[indicators]
levels = ["lan"]
indicators = ["antal_invanare"]
`, front.URL+"/api/v2")), 0o644); err != nil {
		t.Fatal(err)
	}

	runDir := filepath.Join(top, "run")
	out, errOut, code := lmi(t, "run", spec, "--dir", runDir)
	if code != exitOK || !strings.Contains(out, "inputs/TAB638.json: published_cells, 6 rows loaded, 0 rejected (fetched TAB638, updated 2025-02-21T07:00:00Z)") {
		t.Fatalf("run: exit %d\n%s%s", code, out, errOut)
	}
	for _, f := range []string{"TAB638.json", "TAB638.json.meta.json"} {
		if _, err := os.Stat(filepath.Join(runDir, "inputs", f)); err != nil {
			t.Error(err)
		}
	}

	nightly := filepath.Join(top, "runs", "nightly")
	out, errOut, log, code := refreshCmd(t, "--config", spec, "--dir", nightly)
	if code != exitOK || !strings.Contains(out, "rebuilt") || !strings.Contains(log, `"msg":"fetch","input":"inputs/TAB638.json","table":"TAB638"`) {
		t.Fatalf("first refresh: exit %d\n%s%s%s", code, out, errOut, log)
	}
	hits := srv.count()
	out, _, log, code = refreshCmd(t, "--config", spec, "--dir", nightly)
	if code != exitOK || !strings.Contains(out, "nothing changed") || srv.count() == hits {
		t.Fatalf("second refresh: exit %d, %d requests\n%s%s", code, srv.count()-hits, out, log)
	}
	before, err := os.ReadFile(filepath.Join(nightly, pipeline.ManifestFile))
	if err != nil {
		t.Fatal(err)
	}

	refuse.Store(true)
	_, errOut, log, code = refreshCmd(t, "--config", spec, "--dir", nightly)
	if code != exitError || !strings.Contains(errOut, "PX-Web query TAB638 (v2 "+front.URL+"/api/v2; ContentsCode=BE0101N1; Region=*; Tid=2023,2024)") ||
		!strings.Contains(errOut, "403 Forbidden") || !strings.Contains(errOut, "the previous run in "+nightly+" is intact") ||
		!strings.Contains(log, `"msg":"fetch"`) || !strings.Contains(log, `"level":"ERROR"`) {
		t.Errorf("refresh with the server refusing: exit %d\n%s%s", code, errOut, log)
	}
	if after, _ := os.ReadFile(filepath.Join(nightly, pipeline.ManifestFile)); string(after) != string(before) {
		t.Error("a failed refresh changed the run")
	}

	// No server at all: both folders verify from their fetched copies.
	front.Close()
	srv.Close()
	for _, dir := range []string{runDir, nightly} {
		if out, errOut, code := lmi(t, "verify", dir); code != exitOK || !strings.Contains(out, "identical") {
			t.Errorf("verify %s offline: exit %d\n%s%s", dir, code, out, errOut)
		}
	}
}
