package pxweb

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"path"
	"strings"

	"lmi/ingest/cube"
	"lmi/ingest/pxjson"
)

// The PX-Web v1 API: GET on a table's URL gives its metadata; POST of a
// query {"query":[{"code","selection":{"filter","values"}}],
// "response":{"format":"json"}} gives its data. There is no /config: the
// cell limit and rate limit are the defaults unless Client.Limits says
// otherwise.

func (c *Client) v1URL(table string) string {
	var segs []string
	for _, s := range strings.Split(strings.Trim(table, "/"), "/") {
		segs = append(segs, url.PathEscape(s))
	}
	return strings.TrimRight(c.BaseURL, "/") + "/" + strings.Join(segs, "/")
}

// v1ID is the table id in a v1 path: its last segment.
func v1ID(table string) string { return path.Base(strings.Trim(table, "/")) }

// MetadataV1 returns a v1 table's metadata (GET on the table's URL).
func (c *Client) MetadataV1(ctx context.Context, table string) (*pxjson.Metadata, error) {
	var m *pxjson.Metadata
	err := c.do(ctx, request{method: "GET", url: c.v1URL(table), decode: func(b []byte) error {
		var err error
		m, err = pxjson.DecodeMetadata(bytes.NewReader(b), v1ID(table)+" metadata")
		return err
	}})
	if err != nil {
		return nil, fmt.Errorf("pxweb: metadata of %s: %w", table, err)
	}
	return m, nil
}

// v1Query is the body of a v1 data request.
type v1Query struct {
	Query    []v1VarQuery `json:"query"`
	Response struct {
		Format string `json:"format"`
	} `json:"response"`
}

type v1VarQuery struct {
	Code      string `json:"code"`
	Selection struct {
		Filter string   `json:"filter"`
		Values []string `json:"values"`
	} `json:"selection"`
}

// v1Selection turns a selection into a v1 filter: item for codes, all for
// "*" or a pattern, top for top(n), and the value set or aggregation
// ("vs:ID", "agg:ID"; "vs_ID" is taken for "vs:ID") when there is one.
func v1Selection(s Selection) (v1VarQuery, error) {
	var q v1VarQuery
	q.Code = s.Variable
	q.Selection.Filter, q.Selection.Values = "item", s.Values
	one := len(s.Values) == 1
	switch {
	case s.Codelist != "":
		cl := s.Codelist
		for _, p := range []string{"vs", "agg"} {
			if strings.HasPrefix(cl, p+"_") {
				cl = p + ":" + cl[len(p)+1:]
			}
		}
		q.Selection.Filter = cl
	case allCodes(s.Values):
	case one && strings.HasPrefix(s.Values[0], "top(") && strings.HasSuffix(s.Values[0], ")"):
		q.Selection.Filter = "top"
		q.Selection.Values = []string{strings.TrimSuffix(strings.TrimPrefix(s.Values[0], "top("), ")")}
	case one && !strings.ContainsAny(s.Values[0], "()"):
		q.Selection.Filter = "all"
	default:
		return q, fmt.Errorf("%w: %s=%s: the v1 API takes codes, one pattern (\"*\", \"25*\") or top(n)", ErrSelection, s.Variable, strings.Join(s.Values, ","))
	}
	return q, nil
}

// DataV1 POSTs a v1 query for the selection as it is and decodes the
// "json" answer; meta (may be nil) supplies the value labels.
func (c *Client) DataV1(ctx context.Context, table string, sel []Selection, meta *pxjson.Metadata) (*cube.Table, error) {
	var q v1Query
	q.Response.Format = "json"
	q.Query = []v1VarQuery{}
	for _, s := range sel {
		vq, err := v1Selection(s)
		if err != nil {
			return nil, fmt.Errorf("pxweb: %s: %w", table, err)
		}
		q.Query = append(q.Query, vq)
	}
	body, _ := json.Marshal(q) // strings only: cannot fail
	var t *cube.Table
	err := c.do(ctx, request{method: "POST", url: c.v1URL(table), body: body, decode: func(b []byte) error {
		var err error
		t, err = pxjson.Decode(bytes.NewReader(b), v1ID(table), meta)
		return err
	}})
	if err != nil {
		return nil, fmt.Errorf("pxweb: data of %s: %w", table, err)
	}
	return t, nil
}

func (c *Client) fetchV1(ctx context.Context, q Query) (*Result, error) {
	meta, err := c.MetadataV1(ctx, q.Table)
	if err != nil {
		return nil, err
	}
	sels, err := selectionMap(q.Selection)
	if err != nil {
		return nil, fmt.Errorf("pxweb: %s: %w", q.Table, err)
	}
	var dims []planDim
	for _, v := range meta.Variables {
		s, ok := sels[v.Code]
		delete(sels, v.Code)
		if !ok {
			if v.Elimination {
				continue
			}
			// Not selected and not eliminable: v1 sends every value.
			dims = append(dims, planDim{variable: v.Code, codes: v.Values, count: len(v.Values)})
			continue
		}
		if _, err := v1Selection(s); err != nil {
			return nil, fmt.Errorf("pxweb: %s: %w", q.Table, err)
		}
		pd := planDim{variable: v.Code, codelist: s.Codelist, sel: s.Values}
		all := v.Values
		if s.Codelist != "" && allCodes(s.Values) {
			all = s.Values // value set codes, checked by the server
		}
		codes, ok, err := resolve(s.Values, all)
		if err != nil {
			return nil, fmt.Errorf("pxweb: %s: %s: %w", q.Table, v.Code, err)
		}
		pd.codes, pd.count = codes, len(codes)
		if !ok || (s.Codelist != "" && !allCodes(s.Values)) {
			pd.codes, pd.count = nil, len(v.Values) // an upper bound; not split
		}
		dims = append(dims, pd)
	}
	if len(sels) > 0 {
		var have []string
		for _, v := range meta.Variables {
			have = append(have, v.Code)
		}
		return nil, fmt.Errorf("pxweb: %s: %w: no variable %s (the table has %s)", q.Table, ErrSelection, strings.Join(sortedKeys(sels), ", "), strings.Join(have, ", "))
	}
	return c.fetchParts(ctx, q.Table, dims, c.cellLimit(c.Limits), func(ctx context.Context, ch chunk) (*cube.Table, error) {
		var sel []Selection
		for i, d := range dims {
			switch {
			case ch[i] != nil:
				sel = append(sel, Selection{Variable: d.variable, Values: ch[i], Codelist: d.codelist})
			case d.sel != nil:
				sel = append(sel, Selection{Variable: d.variable, Values: d.sel, Codelist: d.codelist})
			}
		}
		return c.DataV1(ctx, q.Table, sel, meta)
	})
}
