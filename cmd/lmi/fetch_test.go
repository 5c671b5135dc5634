package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"lmi/ingest/jsonstat"
)

// pxServer is a small PxWebApi 2.0 server: table TAB638 (three regions,
// one content, two years) with a limit of 4 cells a call, so fetching all
// regions takes two calls.
type pxServer struct {
	*httptest.Server
	mu   sync.Mutex
	hits int
}

func newPXServer(t *testing.T) *pxServer {
	s := &pxServer{}
	regions := []string{"00", "0180", "1480"}
	names := map[string]string{"00": "Riket", "0180": "Stockholm", "1480": "Göteborg"}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v2/config", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"apiVersion":"2.0","maxDataCells":4,"maxCallsPerTimeWindow":30,"timeWindow":10}`)
	})
	mux.HandleFunc("GET /api/v2/tables/TAB638/metadata", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"version":"2.0","class":"dataset","label":"Folkmängden efter region och år","source":"SCB",
"updated":"2025-02-21T07:00:00Z","id":["Region","ContentsCode","Tid"],"size":[3,1,2],
"role":{"time":["Tid"],"geo":["Region"],"metric":["ContentsCode"]},
"dimension":{"Region":{"label":"region","category":{"index":["00","0180","1480"],"label":{"00":"Riket","0180":"Stockholm","1480":"Göteborg"}},"extension":{"elimination":true}},
"ContentsCode":{"label":"tabellinnehåll","category":{"index":["BE0101N1"],"label":{"BE0101N1":"Folkmängd"}},"extension":{"elimination":false}},
"Tid":{"label":"år","category":{"index":["2023","2024"]},"extension":{"elimination":false}}}}`)
	})
	mux.HandleFunc("GET /api/v2/tables/TAB638/data", func(w http.ResponseWriter, r *http.Request) {
		var sel []string
		for _, c := range strings.Split(r.URL.Query().Get("valueCodes[Region]"), ",") {
			if c == "*" {
				sel = append(sel, regions...)
			} else if names[c] != "" {
				sel = append(sel, c)
			}
		}
		if len(sel)*2 > 4 {
			http.Error(w, `{"title":"Forbidden","detail":"Too many cells"}`, http.StatusForbidden)
			return
		}
		var index, labels, values []string
		for i, c := range sel {
			index = append(index, fmt.Sprintf("%q:%d", c, i))
			labels = append(labels, fmt.Sprintf("%q:%q", c, names[c]))
			if c == "1480" {
				values = append(values, "600151", "null")
			} else {
				values = append(values, fmt.Sprint(1000+i), fmt.Sprint(2000+i))
			}
		}
		status := ""
		if values[len(values)-1] == "null" {
			status = fmt.Sprintf(`,"status":{"%d":".."}`, len(values)-1)
		}
		fmt.Fprintf(w, `{"version":"2.0","class":"dataset","label":"Folkmängden efter region, tabellinnehåll och år","source":"SCB",
"updated":"2025-02-21T07:00:00Z","id":["Region","ContentsCode","Tid"],"size":[%d,1,2],
"role":{"time":["Tid"],"geo":["Region"],"metric":["ContentsCode"]},
"dimension":{"Region":{"label":"region","category":{"index":{%s},"label":{%s}}},
"ContentsCode":{"label":"tabellinnehåll","category":{"index":{"BE0101N1":0},"label":{"BE0101N1":"Folkmängd"}}},
"Tid":{"label":"år","category":{"index":{"2023":0,"2024":1},"label":{"2023":"2023","2024":"2024"}}}},
"value":[%s]%s,"extension":{"px":{"tableid":"TAB638","language":"sv"}}}`, len(sel), strings.Join(index, ","), strings.Join(labels, ","), strings.Join(values, ","), status)
	})
	// v1: a table path answering GET with metadata and POST with data.
	mux.HandleFunc("/v1/sv/ssd/START/AM/AM0208/AM0208M/YREG60", func(w http.ResponseWriter, r *http.Request) {
		if r.Method == "GET" {
			io.WriteString(w, `{"title":"Anställda efter region, kön och år","variables":[
{"code":"Region","text":"region","values":["01","03"],"valueTexts":["Stockholms län","Uppsala län"],"elimination":true},
{"code":"Kon","text":"kön","values":["1","2"],"valueTexts":["män","kvinnor"],"elimination":true},
{"code":"ContentsCode","text":"tabellinnehåll","values":["000000RV"],"valueTexts":["Anställda"]},
{"code":"Tid","text":"år","values":["2017","2018"],"valueTexts":["2017","2018"],"time":true}]}`)
			return
		}
		body, _ := io.ReadAll(r.Body)
		if string(body) != `{"query":[{"code":"Region","selection":{"filter":"vs:RegionLän99US","values":["03"]}}],"response":{"format":"json"}}` {
			http.Error(w, "unexpected query "+string(body), 400)
			return
		}
		io.WriteString(w, "\xef\xbb\xbf"+`{"columns":[{"code":"Region","text":"region","type":"d"},{"code":"Tid","text":"år","type":"t"},{"code":"000000RV","text":"Anställda","type":"c"}],
"comments":[],"data":[{"key":["03","2017"],"values":["108"]},{"key":["03","2018"],"values":[".."]}],
"metadata":[{"label":"Anställda efter region och år","source":"SCB","updated":"2020-02-14T14:53:00Z","infofile":"AM0208"}]}`)
	})
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits++
		s.mu.Unlock()
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *pxServer) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits
}

func TestFetchCSV(t *testing.T) {
	srv := newPXServer(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "folk.csv")
	args := []string{"fetch", "scb", "TAB638", "--base-url", srv.URL + "/api/v2", "--cache", filepath.Join(dir, "cache"),
		"--select", "Region=*", "--select", "ContentsCode=BE0101N1", "--select", "Tid=2023,2024", "--out", out}
	stdout, stderr, code := lmi(t, args...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "6 cells in 2 data calls") || !strings.Contains(stdout, "wrote "+out) {
		t.Errorf("stdout: %s", stdout)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want := `Region,Region_label,ContentsCode,ContentsCode_label,Tid,Tid_label,value,status
00,Riket,BE0101N1,Folkmängd,2023,2023,1000,
00,Riket,BE0101N1,Folkmängd,2024,2024,2000,
0180,Stockholm,BE0101N1,Folkmängd,2023,2023,1001,
0180,Stockholm,BE0101N1,Folkmängd,2024,2024,2001,
1480,Göteborg,BE0101N1,Folkmängd,2023,2023,600151,
1480,Göteborg,BE0101N1,Folkmängd,2024,2024,,..
`
	if string(data) != want {
		t.Errorf("CSV:\n%s\nwant\n%s", data, want)
	}

	var meta struct {
		Table, Title, Source, Updated, Language, Fetched string
		Query                                            struct {
			API       string `json:"api"`
			BaseURL   string `json:"base_url"`
			Table     string
			Lang      string
			Selection []struct {
				Variable string
				Values   []string
			}
		}
		Calls, Cells int
		Output       struct{ File, Format, SHA256 string }
	}
	raw, err := os.ReadFile(out + ".meta.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &meta); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if meta.Table != "TAB638" || meta.Updated != "2025-02-21T07:00:00Z" || meta.Source != "SCB" || meta.Query.BaseURL != srv.URL+"/api/v2" ||
		meta.Query.API != "v2" || meta.Query.Lang != "sv" || len(meta.Query.Selection) != 3 || meta.Query.Selection[2].Values[1] != "2024" ||
		meta.Calls != 2 || meta.Cells != 6 || meta.Output.File != "folk.csv" || meta.Output.Format != "csv" ||
		meta.Output.SHA256 != hex.EncodeToString(sum[:]) || meta.Fetched == "" {
		t.Errorf("meta.json:\n%s", raw)
	}
	if bytes.Contains(data, []byte(meta.Fetched[:10])) {
		t.Error("the data file carries the fetch date")
	}

	// A re-run is answered from the cache and writes the same bytes.
	hits := srv.count()
	if hits != 4 {
		t.Errorf("first run: %d requests, want config, metadata and 2 data calls", hits)
	}
	stdout, stderr, code = lmi(t, args...)
	if code != exitOK || srv.count() != hits || !strings.Contains(stdout, "(0 requests, 4 from the cache)") {
		t.Errorf("re-run: exit %d, %d more requests: %s%s", code, srv.count()-hits, stdout, stderr)
	}
	again, _ := os.ReadFile(out)
	if !bytes.Equal(again, data) {
		t.Error("re-run wrote different bytes")
	}
	// --refresh asks again.
	if _, _, code := lmi(t, append(args, "--refresh")...); code != exitOK || srv.count() != 2*hits {
		t.Errorf("--refresh: exit %d, %d requests", code, srv.count()-hits)
	}
}

func TestFetchJSON(t *testing.T) {
	srv := newPXServer(t)
	out := filepath.Join(t.TempDir(), "folk.json")
	_, stderr, code := lmi(t, "fetch", "scb", "TAB638", "--base-url", srv.URL+"/api/v2", "--cache", "",
		"--select", "Region=0180,1480", "--select", "ContentsCode=*", "--select", "Tid=*", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tb, err := jsonstat.Decode(f, "folk.json")
	if err != nil {
		t.Fatal(err)
	}
	if tb.ID != "TAB638" || tb.Len() != 4 || tb.Values[2] != 600151 || tb.Status[3] != ".." || tb.Dimensions[0].Values[1].Label != "Göteborg" {
		t.Errorf("JSON-stat output: %+v", tb)
	}
}

func TestFetchV1(t *testing.T) {
	srv := newPXServer(t)
	out := filepath.Join(t.TempDir(), "yreg60.csv")
	_, stderr, code := lmi(t, "fetch", "scb", "AM/AM0208/AM0208M/YREG60", "--api", "v1", "--base-url", srv.URL+"/v1/sv/ssd/START",
		"--cache", "", "--select", "Region=03", "--codelist", "Region=vs:RegionLän99US", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	data, _ := os.ReadFile(out)
	want := `Region,Region_label,Tid,Tid_label,ContentsCode,ContentsCode_label,value,status
03,Uppsala län,2017,2017,000000RV,Anställda,108,
03,Uppsala län,2018,2018,000000RV,Anställda,,..
`
	if string(data) != want {
		t.Errorf("CSV:\n%s\nwant\n%s", data, want)
	}
}

func TestFetchErrors(t *testing.T) {
	srv := newPXServer(t)
	dir := t.TempDir()
	base := []string{"--base-url", srv.URL + "/api/v2", "--cache", ""}
	usage := [][]string{
		{"fetch"},
		{"fetch", "scb"},
		{"fetch", "ssb", "TAB638", "--out", "x.csv"},
		{"fetch", "scb", "TAB638"},
		{"fetch", "scb", "TAB638", "--out", "x.xlsx"},
		{"fetch", "scb", "TAB638", "--api", "v3", "--out", "x.csv"},
		{"fetch", "scb", "TAB638", "--select", "Region", "--out", "x.csv"},
	}
	for _, args := range usage {
		if _, stderr, code := lmi(t, append(args, base...)...); code != exitUsage || stderr == "" {
			t.Errorf("%v: exit %d, %q", args, code, stderr)
		}
	}
	out := filepath.Join(dir, "x.csv")
	_, stderr, code := lmi(t, append([]string{"fetch", "scb", "TAB638", "--select", "Region=0180", "--out", out}, base...)...)
	if code != exitError || !strings.Contains(stderr, "ContentsCode, Tid cannot be left out") {
		t.Errorf("missing mandatory variables: exit %d, %s", code, stderr)
	}
	_, stderr, code = lmi(t, append([]string{"fetch", "scb", "TAB999", "--select", "Region=01", "--out", out}, base...)...)
	if code != exitError || !strings.Contains(stderr, "404") {
		t.Errorf("unknown table: exit %d, %s", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed fetch left an output file")
	}
}

// Offline: a fetch from a server that cannot be reached says so in one
// line within seconds, naming the host and what to try.
func TestFetchUnreachable(t *testing.T) {
	for _, k := range []string{"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy"} {
		t.Setenv(k, "")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().String()
	l.Close()
	cases := []struct{ base, want string }{
		{"https://lmi-test.invalid/api/v2", "lmi fetch: cannot reach lmi-test.invalid: the name does not resolve (no network, no DNS server, or a mistyped host); try: check the network connection, or behind a proxy set HTTPS_PROXY (and HTTP_PROXY) to its URL; --base-url for another PX-Web server; or download the table from SCB's statistical database in a browser and load it with lmi ingest\n"},
		{"http://" + closed + "/api/v2", "lmi fetch: cannot reach " + closed + ": the connection was refused; try: check the network connection"},
	}
	for _, c := range cases {
		_, stderr, code := lmi(t, "fetch", "scb", "TAB638", "--base-url", c.base, "--cache", "", "--out", filepath.Join(t.TempDir(), "x.csv"))
		if code != exitError || !strings.HasPrefix(stderr, c.want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%s: exit %d\n%s\nwant one line starting %q", c.base, code, stderr, c.want)
		}
	}
}
