package pxweb

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"lmi/ingest/pxjson"
)

// The real PX-Web v1 responses and the query bodies that produced them
// (see SOURCES.md in the shared data folder), relative to this package.
const (
	realDir     = "../../../shared/data/scb/pxweb_v1_json"
	realQueries = realDir + "/queries"
	v1Prefix    = "http://api.scb.se/OV0104/v1/doris/sv/ssd/START/"
)

type realCase struct {
	file  string         // response file
	table string         // v1 path below the database root
	query map[string]any // the query body the client must send
	sel   []Selection
}

// realCases pairs every real response with its query: the table's query
// file with the SSYK code filled in, for the N tables the endpoint plus N
// (and for YREG51N UtbNivaSUN2000 renamed UtbNivaSun2020), as SOURCES.md
// describes.
func realCases(t *testing.T) []realCase {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(realDir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Skipf("../shared/data not present: cannot replay the real SCB v1 responses (%s)", realDir)
	}
	var cases []realCase
	for _, f := range files {
		base := strings.TrimSuffix(filepath.Base(f), ".json")
		name, ssyk, _ := strings.Cut(base, "_ssyk")
		qname := strings.TrimSuffix(name, "N")
		raw, err := os.ReadFile(filepath.Join(realQueries, qname+".query.json"))
		if err != nil {
			t.Fatal(err)
		}
		var q map[string]any
		if err := json.Unmarshal(raw, &q); err != nil {
			t.Fatal(err)
		}
		table := strings.TrimPrefix(q["endpoint"].(string), v1Prefix)
		if name != qname {
			table += "N"
		}
		delete(q, "endpoint")
		var sel []Selection
		for _, e := range q["query"].([]any) {
			e := e.(map[string]any)
			if name == "YREG51N" && e["code"] == "UtbNivaSUN2000" {
				e["code"] = "UtbNivaSun2020"
			}
			s := e["selection"].(map[string]any)
			if e["code"] == "Yrke2012" {
				s["values"] = []any{ssyk}
			}
			var values []string
			for _, v := range s["values"].([]any) {
				values = append(values, v.(string))
			}
			cl := s["filter"].(string)
			if cl == "item" {
				cl = ""
			}
			sel = append(sel, Selection{Variable: e["code"].(string), Values: values, Codelist: cl})
		}
		cases = append(cases, realCase{file: f, table: table, query: q, sel: sel})
	}
	return cases
}

// syntheticMeta makes a table's v1 metadata from a response: each variable
// with the codes the data has, texts made from them, and the variables
// the query left out (time, contents) marked as not eliminable.
func syntheticMeta(t *testing.T, resp []byte, selected []Selection) []byte {
	var r pxjson.Response
	if err := json.Unmarshal(resp, &r); err != nil {
		t.Fatal(err)
	}
	var m pxjson.Metadata
	m.Title = r.Metadata[0].Label
	var contents pxjson.Variable
	contents.Code, contents.Text = "ContentsCode", "tabellinnehåll"
	col := 0
	for _, c := range r.Columns {
		if c.Type == "c" {
			contents.Values = append(contents.Values, c.Code)
			contents.ValueTexts = append(contents.ValueTexts, c.Text)
			continue
		}
		v := pxjson.Variable{Code: c.Code, Text: c.Text, Time: c.Type == "t", Elimination: true}
		for _, row := range r.Data {
			if !slices.Contains(v.Values, row.Key[col]) {
				v.Values = append(v.Values, row.Key[col])
				v.ValueTexts = append(v.ValueTexts, c.Text+" "+row.Key[col])
			}
		}
		if !slices.ContainsFunc(selected, func(s Selection) bool { return s.Variable == c.Code }) {
			v.Elimination = false
		}
		m.Variables = append(m.Variables, v)
		col++
	}
	m.Variables = append(m.Variables, contents)
	b, _ := json.Marshal(m)
	return b
}

// v1Server serves one real table: its metadata on GET, and on POST the
// real response, with only the rows the query selects.
type v1Server struct {
	*httptest.Server
	mu     sync.Mutex
	bodies [][]byte
	gets   int
}

func newV1Server(t *testing.T, path string, meta, resp []byte) *v1Server {
	s := &v1Server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/OV0104/v1/doris/sv/ssd/START/"+path {
			http.Error(w, "Not Found", 404)
			return
		}
		if r.Method == "GET" {
			s.mu.Lock()
			s.gets++
			s.mu.Unlock()
			w.Write(meta)
			return
		}
		var body bytes.Buffer
		body.ReadFrom(r.Body)
		s.mu.Lock()
		s.bodies = append(s.bodies, body.Bytes())
		s.mu.Unlock()
		var q struct {
			Query []struct {
				Code      string
				Selection struct {
					Filter string
					Values []string
				}
			}
		}
		if err := json.Unmarshal(body.Bytes(), &q); err != nil {
			http.Error(w, "Bad Request", 400)
			return
		}
		var full map[string]json.RawMessage
		json.Unmarshal(resp, &full)
		var cols []pxjson.Column
		json.Unmarshal(full["columns"], &cols)
		var rows []pxjson.Row
		json.Unmarshal(full["data"], &rows)
		var kept []pxjson.Row
		for _, row := range rows {
			keep := true
			for i, c := range cols[:len(row.Key)] {
				for _, e := range q.Query {
					if e.Code == c.Code && e.Selection.Filter != "all" && !slices.Contains(e.Selection.Values, row.Key[i]) {
						keep = false
					}
				}
			}
			if keep {
				kept = append(kept, row)
			}
		}
		full["data"], _ = json.Marshal(kept)
		out, _ := json.Marshal(full)
		w.Write(out)
	}))
	t.Cleanup(s.Close)
	return s
}

// TestV1RealResponses replays every real response: the client must send
// the very query that produced it, and return the table the response
// decodes to.
func TestV1RealResponses(t *testing.T) {
	for _, rc := range realCases(t) {
		resp, err := os.ReadFile(rc.file)
		if err != nil {
			t.Fatal(err)
		}
		meta := syntheticMeta(t, resp, rc.sel)
		srv := newV1Server(t, rc.table, meta, resp)
		c := &Client{BaseURL: srv.URL + "/OV0104/v1/doris/sv/ssd/START", HTTPClient: srv.Client(), Clock: newFakeClock()}
		res, err := c.Fetch(context.Background(), Query{API: "v1", Table: rc.table, Selection: rc.sel})
		if err != nil {
			t.Fatalf("%s: %v", rc.file, err)
		}
		if len(srv.bodies) != 1 || srv.gets != 1 || res.Calls != 1 {
			t.Fatalf("%s: %d POSTs, %d GETs", rc.file, len(srv.bodies), srv.gets)
		}
		var sent map[string]any
		json.Unmarshal(srv.bodies[0], &sent)
		if !reflect.DeepEqual(sent, rc.query) {
			want, _ := json.Marshal(rc.query)
			t.Errorf("%s: sent\n%s\nthe real query was\n%s", rc.file, srv.bodies[0], want)
		}
		m, err := pxjson.DecodeMetadata(bytes.NewReader(meta), "meta")
		if err != nil {
			t.Fatal(err)
		}
		direct, err := pxjson.Decode(bytes.NewReader(resp), filepath.Base(rc.table), m)
		if err != nil {
			t.Fatal(err)
		}
		if err := sameCells(direct, res.Table); err != nil {
			t.Errorf("%s: %v", rc.file, err)
		}
		if res.Table.ID != filepath.Base(rc.table) || res.Table.Updated == "" || res.Table.Language != "sv" {
			t.Errorf("%s: id %q updated %q language %q", rc.file, res.Table.ID, res.Table.Updated, res.Table.Language)
		}
	}
}

// TestV1Split: a real response fetched under a small cell limit comes in
// several calls that stitch into the same table.
func TestV1Split(t *testing.T) {
	for _, rc := range realCases(t) {
		if !strings.HasSuffix(rc.file, "YREG60_ssyk3334.json") && !strings.HasSuffix(rc.file, "LonYrkeUtbildning4A_ssyk9622.json") {
			continue
		}
		resp, _ := os.ReadFile(rc.file)
		meta := syntheticMeta(t, resp, rc.sel)
		srv := newV1Server(t, rc.table, meta, resp)
		c := &Client{BaseURL: srv.URL + "/OV0104/v1/doris/sv/ssd/START", HTTPClient: srv.Client(), Clock: newFakeClock()}
		whole, err := c.Fetch(context.Background(), Query{API: "v1", Table: rc.table, Selection: rc.sel})
		if err != nil {
			t.Fatal(err)
		}
		c.Limits = &Config{MaxDataCells: 50}
		split, err := c.Fetch(context.Background(), Query{API: "v1", Table: rc.table, Selection: rc.sel})
		if err != nil {
			t.Fatal(err)
		}
		if split.Calls < whole.Table.Len()/50 || len(srv.bodies) != 1+split.Calls {
			t.Errorf("%s: %d calls for %d cells", rc.file, split.Calls, whole.Table.Len())
		}
		if err := sameCells(whole.Table, split.Table); err != nil {
			t.Errorf("%s: split differs: %v", rc.file, err)
		}
		// Every part asked for at most 50 cells.
		for _, b := range srv.bodies[1:] {
			var q struct {
				Query []struct {
					Selection struct{ Values []string }
				}
			}
			json.Unmarshal(b, &q)
			cells := 1
			for _, e := range q.Query {
				cells *= len(e.Selection.Values)
			}
			if cells > 50 {
				t.Errorf("%s: a part asked for %d selected cells: %s", rc.file, cells, b)
			}
		}
		t.Logf("%s: %d cells in %d calls", filepath.Base(rc.file), split.Table.Len(), split.Calls)
	}
}

func TestV1Selection(t *testing.T) {
	cases := []struct {
		in             Selection
		filter, values string
		err            bool
	}{
		{Selection{Variable: "Kon", Values: []string{"1", "2"}}, "item", "1,2", false},
		{Selection{Variable: "Region", Values: []string{"01"}, Codelist: "vs_RegionLän99US"}, "vs:RegionLän99US", "01", false},
		{Selection{Variable: "Region", Values: []string{"01"}, Codelist: "agg:RegionFA"}, "agg:RegionFA", "01", false},
		{Selection{Variable: "Tid", Values: []string{"*"}}, "all", "*", false},
		{Selection{Variable: "Region", Values: []string{"25*"}}, "all", "25*", false},
		{Selection{Variable: "Tid", Values: []string{"top(3)"}}, "top", "3", false},
		{Selection{Variable: "Tid", Values: []string{"from(2019)"}}, "", "", true},
		{Selection{Variable: "Tid", Values: []string{"2019", "20*"}}, "", "", true},
	}
	for _, c := range cases {
		q, err := v1Selection(c.in)
		if (err != nil) != c.err {
			t.Errorf("%+v: %v", c.in, err)
			continue
		}
		if !c.err && (q.Selection.Filter != c.filter || strings.Join(q.Selection.Values, ",") != c.values) {
			t.Errorf("%+v: %s %v", c.in, q.Selection.Filter, q.Selection.Values)
		}
	}
}
