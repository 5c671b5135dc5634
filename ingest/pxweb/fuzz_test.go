package pxweb

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// FuzzResponses: whatever a server answers with status 200 (a truncated
// or hostile body, another API's JSON, an HTML page), every call of the
// client returns a result or an error, never a panic, and in bounded
// time: the body is the fuzzer's, for every path.
func FuzzResponses(f *testing.F) {
	for _, s := range []string{
		`{"apiVersion":"2.0","maxDataCells":100000,"maxCallsPerTimeWindow":30,"timeWindow":10}`,
		`{"tables":[{"id":"TAB1","label":"x","updated":"2024-01-01T00:00:00Z","firstPeriod":"2020","lastPeriod":"2024"}],"page":{"pageNumber":1,"pageSize":20,"totalElements":1,"totalPages":1}}`,
		`{"version":"2.0","class":"dataset","id":["Tid"],"size":[2],"dimension":{"Tid":{"label":"år","category":{"index":{"2020":0,"2021":1},"label":{"2020":"2020","2021":"2021"}}}},"role":{"time":["Tid"]},"value":[1,null]}`,
		`{"id":"vs_RegionLän07","label":"Län","type":"Valueset","values":[{"code":"01","label":"Stockholms län"}]}`,
		`{"title":"x","variables":[{"code":"Tid","text":"år","values":["2020"],"valueTexts":["2020"],"time":true}]}`,
		`{"version":"2.0","class":"dataset","size":[1000000000,1000000000],"id":["a","b"],"value":[]}`,
		"<html><body>Service Unavailable</body></html>",
		`{"tables":null}`,
		"",
	} {
		f.Add([]byte(s))
	}
	var mu sync.Mutex
	var body []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		b := body
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.Write(b)
	}))
	f.Cleanup(srv.Close)
	limits := &Config{APIVersion: "2.0", MaxDataCells: 1000, MaxCallsPerTimeWindow: 1000, TimeWindow: 1}
	sel := []Selection{{Variable: "Tid", Values: []string{"2020", "2021"}}}
	f.Fuzz(func(t *testing.T, b []byte) {
		mu.Lock()
		body = b
		mu.Unlock()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		c := &Client{BaseURL: srv.URL, HTTPClient: srv.Client(), MaxRetries: -1, Limits: limits, Clock: newFakeClock()}
		v1 := &Client{BaseURL: srv.URL + "/v1", HTTPClient: srv.Client(), MaxRetries: -1, Limits: limits, Clock: newFakeClock()}
		calls := []func() error{
			func() error {
				_, err := (&Client{BaseURL: srv.URL, HTTPClient: srv.Client(), MaxRetries: -1}).Config(ctx)
				return err
			},
			func() error { _, err := c.Search(ctx, "yrke"); return err },
			func() error { _, err := c.Metadata(ctx, "TAB1"); return err },
			func() error { _, err := c.Codelist(ctx, "vs_RegionLän07"); return err },
			func() error { _, err := c.Data(ctx, "TAB1", sel); return err },
			func() error { _, err := c.Fetch(ctx, Query{Table: "TAB1", Selection: sel}); return err },
			func() error { _, err := v1.MetadataV1(ctx, "AM/YREG60"); return err },
			func() error {
				_, err := v1.Fetch(ctx, Query{API: "v1", Table: "AM/YREG60", Selection: sel})
				return err
			},
		}
		for _, call := range calls {
			if err := call(); errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("a call did not end: %v", err)
			}
		}
	})
}

// FuzzParseSelections: any --select and --codelist arguments give
// selections or an ErrSelection, never a panic; every selection names a
// variable, trimmed, once, and selects codes (each once) or a code list.
func FuzzParseSelections(f *testing.F) {
	f.Add("Tid=2020,2021\nRegion=01", "Region=vs_RegionLän07")
	f.Add("Tid=*", "")
	f.Add(" Tid = 2020 , 2020 ,\nTid=2021", "Kon=agg_x")
	f.Add("=2020", "")
	f.Add("Tid", "Region=")
	f.Add("Tid=,", "x=y=z")
	f.Fuzz(func(t *testing.T, selects, codelists string) {
		split := func(s string) []string {
			if s == "" {
				return nil
			}
			return strings.Split(s, "\n")
		}
		out, err := ParseSelections(split(selects), split(codelists))
		if err != nil {
			if !errors.Is(err, ErrSelection) {
				t.Fatalf("error %v is not an ErrSelection", err)
			}
			return
		}
		seen := map[string]bool{}
		for _, s := range out {
			if s.Variable == "" || s.Variable != strings.TrimSpace(s.Variable) || seen[s.Variable] {
				t.Fatalf("selection variable %q (seen %v) in %+v", s.Variable, seen[s.Variable], out)
			}
			seen[s.Variable] = true
			if len(s.Values) == 0 && s.Codelist == "" {
				t.Fatalf("selection %+v selects nothing", s)
			}
			codes := map[string]bool{}
			for _, v := range s.Values {
				if codes[v] {
					t.Fatalf("code %q twice in %+v", v, s)
				}
				codes[v] = true
			}
		}
	})
}
