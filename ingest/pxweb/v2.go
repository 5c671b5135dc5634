package pxweb

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	"lmi/ingest/cube"
	"lmi/ingest/jsonstat"
)

// Config is what GET {base}/config says about a PxWebApi 2.0 server.
type Config struct {
	APIVersion            string   `json:"apiVersion"`
	AppVersion            string   `json:"appVersion,omitempty"`
	DefaultLanguage       string   `json:"defaultLanguage,omitempty"`
	MaxDataCells          int      `json:"maxDataCells"`
	MaxCallsPerTimeWindow int      `json:"maxCallsPerTimeWindow"`
	TimeWindow            int      `json:"timeWindow"` // seconds
	License               string   `json:"license,omitempty"`
	DataFormats           []string `json:"dataFormats,omitempty"`
}

// maxCells is the cell limit per call; 0 or less means the default.
func (cfg *Config) maxCells() int {
	if cfg == nil || cfg.MaxDataCells <= 0 {
		return DefaultMaxCells
	}
	return cfg.MaxDataCells
}

// calls is the rate limit. A server that says 0 does not use /config for
// it (SSB moved its limit to response headers), so the default applies.
func (cfg *Config) calls() (int, time.Duration) {
	if cfg == nil || cfg.MaxCallsPerTimeWindow <= 0 || cfg.TimeWindow <= 0 {
		return DefaultMaxCalls, DefaultTimeWindow
	}
	return cfg.MaxCallsPerTimeWindow, time.Duration(cfg.TimeWindow) * time.Second
}

func (c *Client) endpoint(path string, q url.Values) string {
	u := strings.TrimRight(c.BaseURL, "/") + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return u
}

// Config returns the server's configuration (GET {base}/config), read once
// per Client, and applies its rate limit. With Limits set, no call is made.
func (c *Client) Config(ctx context.Context) (*Config, error) {
	c.mu.Lock()
	cfg := c.config
	c.mu.Unlock()
	if cfg != nil {
		return cfg, nil
	}
	if c.Limits != nil {
		cfg = c.Limits
	} else {
		var got Config
		err := c.do(ctx, request{method: "GET", url: c.endpoint("/config", nil), decode: func(b []byte) error {
			got = Config{}
			if err := decodeJSON(b, &got); err != nil {
				return err
			}
			if got.APIVersion == "" && got.MaxDataCells == 0 {
				return errors.New("not a PxWebApi 2.0 /config response (no apiVersion or maxDataCells)")
			}
			return nil
		}})
		if err != nil {
			return nil, fmt.Errorf("pxweb: reading the server configuration: %w", err)
		}
		cfg = &got
	}
	n, w := cfg.calls()
	c.getLimiter().set(n, w)
	c.mu.Lock()
	c.config = cfg
	c.mu.Unlock()
	return cfg, nil
}

// cellLimit is the most cells one call may ask for.
func (c *Client) cellLimit(cfg *Config) int {
	n := cfg.maxCells()
	if c.MaxCells > 0 && c.MaxCells < n {
		n = c.MaxCells
	}
	return n
}

// TableInfo is one hit of a table search.
type TableInfo struct {
	ID            string   `json:"id"`
	Label         string   `json:"label"`
	Description   string   `json:"description,omitempty"`
	Updated       string   `json:"updated,omitempty"`
	FirstPeriod   string   `json:"firstPeriod,omitempty"`
	LastPeriod    string   `json:"lastPeriod,omitempty"`
	TimeUnit      string   `json:"timeUnit,omitempty"`
	VariableNames []string `json:"variableNames,omitempty"`
	Source        string   `json:"source,omitempty"`
	SubjectCode   string   `json:"subjectCode,omitempty"`
	Discontinued  bool     `json:"discontinued,omitempty"`
}

// maxPages bounds a search, in case a server keeps saying there is more.
const maxPages = 1000

// Search lists the tables matching query (GET {base}/tables?query=...),
// following the pages to the end.
func (c *Client) Search(ctx context.Context, query string) ([]TableInfo, error) {
	if _, err := c.Config(ctx); err != nil {
		return nil, err
	}
	var all []TableInfo
	for page := 1; page <= maxPages; page++ {
		q := url.Values{"query": {query}, "lang": {c.lang()}, "pageNumber": {strconv.Itoa(page)}}
		var resp struct {
			Tables []TableInfo `json:"tables"`
			Page   struct {
				PageNumber int `json:"pageNumber"`
				TotalPages int `json:"totalPages"`
			} `json:"page"`
		}
		err := c.do(ctx, request{method: "GET", url: c.endpoint("/tables", q), decode: func(b []byte) error {
			resp.Tables = nil
			return decodeJSON(b, &resp)
		}})
		if err != nil {
			return nil, fmt.Errorf("pxweb: searching tables for %q: %w", query, err)
		}
		all = append(all, resp.Tables...)
		if len(resp.Tables) == 0 || page >= resp.Page.TotalPages {
			return all, nil
		}
	}
	return all, fmt.Errorf("pxweb: searching tables for %q: more than %d pages", query, maxPages)
}

// Metadata returns a table's metadata (GET {base}/tables/{id}/metadata):
// its variables with every value, whether each may be eliminated, and
// the code lists it can be queried with.
func (c *Client) Metadata(ctx context.Context, id string) (*jsonstat.Dataset, error) {
	if _, err := c.Config(ctx); err != nil {
		return nil, err
	}
	var ds *jsonstat.Dataset
	q := url.Values{"lang": {c.lang()}, "outputFormat": {"json-stat2"}}
	err := c.do(ctx, request{method: "GET", url: c.endpoint("/tables/"+url.PathEscape(id)+"/metadata", q), decode: func(b []byte) error {
		var err error
		ds, err = jsonstat.Parse(bytes.NewReader(b), id+" metadata")
		return err
	}})
	if err != nil {
		return nil, fmt.Errorf("pxweb: metadata of %s: %w", id, err)
	}
	return ds, nil
}

// Codelist is a value set or aggregation of PxWebApi 2.0
// (GET {base}/codelists/{id}).
type Codelist struct {
	ID     string `json:"id"`
	Label  string `json:"label"`
	Type   string `json:"type"`
	Values []struct {
		Code     string   `json:"code"`
		Label    string   `json:"label"`
		ValueMap []string `json:"valueMap,omitempty"`
	} `json:"values"`
}

// Codelist fetches a code list.
func (c *Client) Codelist(ctx context.Context, id string) (*Codelist, error) {
	if _, err := c.Config(ctx); err != nil {
		return nil, err
	}
	var cl Codelist
	err := c.do(ctx, request{method: "GET", url: c.endpoint("/codelists/"+url.PathEscape(id), url.Values{"lang": {c.lang()}}), decode: func(b []byte) error {
		cl = Codelist{}
		if err := decodeJSON(b, &cl); err != nil {
			return err
		}
		if len(cl.Values) == 0 {
			return errors.New("code list without values")
		}
		return nil
	}})
	if err != nil {
		return nil, fmt.Errorf("pxweb: code list %s: %w", id, err)
	}
	return &cl, nil
}

// maxGetURL is the longest data URL sent with GET; longer selections go
// in a POST body (servers refuse URLs past about 2,000 characters).
const maxGetURL = 2000

// dataRequest builds the call for one selection: a GET with
// valueCodes[VAR]=a,b and codelist[VAR]=id parameters, or, when that URL
// would be too long, a POST of {"selection":[{"variableCode","valueCodes","codeList"}]}.
func (c *Client) dataRequest(id string, sel []Selection, format string) request {
	path := "/tables/" + url.PathEscape(id) + "/data"
	q := url.Values{"lang": {c.lang()}, "outputFormat": {format}}
	for _, s := range sel {
		q.Set("valueCodes["+s.Variable+"]", strings.Join(s.Values, ","))
		if s.Codelist != "" {
			q.Set("codelist["+s.Variable+"]", s.Codelist)
		}
	}
	if u := c.endpoint(path, q); len(u) <= maxGetURL {
		return request{method: "GET", url: u}
	}
	type varSel struct {
		VariableCode string   `json:"variableCode"`
		CodeList     string   `json:"codeList,omitempty"`
		ValueCodes   []string `json:"valueCodes"`
	}
	var body struct {
		Selection []varSel `json:"selection"`
	}
	for _, s := range sel {
		body.Selection = append(body.Selection, varSel{VariableCode: s.Variable, CodeList: s.Codelist, ValueCodes: s.Values})
	}
	b, _ := json.Marshal(body) // strings only: cannot fail
	return request{method: "POST", url: c.endpoint(path, url.Values{"lang": {c.lang()}, "outputFormat": {format}}), body: b}
}

// Data makes one data call for the selection, as it is, and decodes the
// JSON-stat 2.0 answer. Fetch is the call that checks the selection against
// the metadata and splits it under the cell limit.
func (c *Client) Data(ctx context.Context, id string, sel []Selection) (*cube.Table, error) {
	if _, err := c.Config(ctx); err != nil {
		return nil, err
	}
	rq := c.dataRequest(id, sel, "json-stat2")
	var t *cube.Table
	rq.decode = func(b []byte) error {
		var err error
		t, err = jsonstat.Decode(bytes.NewReader(b), id)
		return err
	}
	if err := c.do(ctx, rq); err != nil {
		return nil, fmt.Errorf("pxweb: data of %s: %w", id, err)
	}
	if t.Language == "" {
		t.Language = c.lang()
	}
	return t, nil
}

// DataRaw makes one data call in another output format ("csv", "px",
// "xlsx", ...) and returns the body as sent (SCB's CSV is ISO-8859-1).
func (c *Client) DataRaw(ctx context.Context, id string, sel []Selection, format string) ([]byte, error) {
	if _, err := c.Config(ctx); err != nil {
		return nil, err
	}
	rq := c.dataRequest(id, sel, format)
	var out []byte
	rq.decode = func(b []byte) error {
		if err := sniff(b); err != nil && !strings.EqualFold(format, "html") {
			return err
		}
		out = b
		return nil
	}
	if err := c.do(ctx, rq); err != nil {
		return nil, fmt.Errorf("pxweb: %s data of %s: %w", format, id, err)
	}
	return out, nil
}

// sniff rejects an empty body or an HTML page.
func sniff(b []byte) error {
	t := bytes.TrimLeft(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")), " \t\r\n")
	switch {
	case len(t) == 0:
		return errors.New("empty body")
	case t[0] == '<':
		return errors.New("got an HTML page, not data")
	}
	return nil
}

// decodeJSON reads a JSON body, telling an HTML page or a cut-off body
// from other errors.
func decodeJSON(b []byte, v any) error {
	if err := sniff(b); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))))
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return fmt.Errorf("truncated JSON: %w", err)
		}
		return fmt.Errorf("invalid JSON: %w", err)
	}
	return nil
}
