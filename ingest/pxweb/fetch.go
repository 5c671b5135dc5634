package pxweb

import (
	"context"
	"fmt"
	"log/slog"
	"path"
	"slices"
	"strings"

	"lmi/ingest/cube"
	"lmi/ingest/jsonstat"
)

// Selection picks values of one variable. Values are codes, "*" for all,
// a pattern with * and ? (such as "25*"), or a PxWebApi expression such as
// "top(5)" or "from(2019)". Codelist, when set, names a value set ("vs_")
// or aggregation ("agg_") the values belong to.
type Selection struct {
	Variable string   `json:"variable"`
	Values   []string `json:"values"`
	Codelist string   `json:"codelist,omitempty"`
}

// ParseSelections reads command-line selections, "VAR=CODE,CODE" (a
// variable may be given more than once; its codes add up), and code lists,
// "VAR=vs_ID". A code list for a variable without codes selects all its
// values ("*").
func ParseSelections(selects, codelists []string) ([]Selection, error) {
	var out []Selection
	find := func(v string) *Selection {
		for i := range out {
			if out[i].Variable == v {
				return &out[i]
			}
		}
		out = append(out, Selection{Variable: v})
		return &out[len(out)-1]
	}
	for _, s := range selects {
		v, codes, ok := strings.Cut(s, "=")
		v = strings.TrimSpace(v)
		if !ok || v == "" {
			return nil, fmt.Errorf("%w: %q: want VARIABLE=CODE,CODE", ErrSelection, s)
		}
		sel := find(v)
		for _, c := range splitCodes(codes) {
			if !slices.Contains(sel.Values, c) {
				sel.Values = append(sel.Values, c)
			}
		}
		if len(sel.Values) == 0 {
			return nil, fmt.Errorf("%w: %q selects no codes", ErrSelection, s)
		}
	}
	for _, s := range codelists {
		v, id, ok := strings.Cut(s, "=")
		v, id = strings.TrimSpace(v), strings.TrimSpace(id)
		if !ok || v == "" || id == "" {
			return nil, fmt.Errorf("%w: code list %q: want VARIABLE=vs_ID or VARIABLE=agg_ID", ErrSelection, s)
		}
		sel := find(v)
		if sel.Codelist != "" && sel.Codelist != id {
			return nil, fmt.Errorf("%w: two code lists for %s: %s and %s", ErrSelection, v, sel.Codelist, id)
		}
		sel.Codelist = id
		if len(sel.Values) == 0 {
			sel.Values = []string{"*"}
		}
	}
	return out, nil
}

// splitCodes splits "a,b" on commas, except inside parentheses, so that
// "range(2019,2023)" stays one expression.
func splitCodes(s string) []string {
	var out []string
	depth, start := 0, 0
	add := func(part string) {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	for i, r := range s {
		switch r {
		case '(':
			depth++
		case ')':
			depth = max(depth-1, 0)
		case ',':
			if depth == 0 {
				add(s[start:i])
				start = i + 1
			}
		}
	}
	add(s[start:])
	return out
}

// Query is what Fetch fetches.
type Query struct {
	// API is "v2" (PxWebApi 2.0, the default) or "v1".
	API string `json:"api"`
	// Table is the table id for v2 ("TAB638"), or for v1 the table's path
	// below BaseURL ("AM/AM0208/AM0208M/YREG60").
	Table     string      `json:"table"`
	Selection []Selection `json:"selection"`
}

// Result is a fetched table and how it was fetched.
type Result struct {
	Table *cube.Table
	Calls int // data calls the query was split into
}

// Fetch gets a table: it reads the table's metadata, checks the selection
// against it (unknown variables and codes, variables that cannot be left
// out), splits the query into calls under the server's cell limit, makes
// them and stitches the answers into one table.
//
// For v2, a variable left out that may be eliminated is summed away by the
// server and is not in the table. For v1, a variable left out that cannot
// be eliminated comes back with all its values, as SCB's v1 API does.
func (c *Client) Fetch(ctx context.Context, q Query) (*Result, error) {
	switch q.API {
	case "", "v2":
		return c.fetchV2(ctx, q)
	case "v1":
		return c.fetchV1(ctx, q)
	}
	return nil, fmt.Errorf("pxweb: API %q: want v2 or v1", q.API)
}

// planDim is one variable of a query being planned.
type planDim struct {
	variable string
	codelist string
	sel      []string // the values as given; nil when the variable is not selected
	codes    []string // the values they resolve to; nil when they cannot be resolved here
	count    int      // len(codes), or an upper bound when unresolved
}

// chunk is one call of a split query: per dimension, nil to send the
// selection as given, else the codes to ask for.
type chunk [][]string

// resolve turns selected values into codes of the dimension's all. An
// expression such as top(5) cannot be resolved here: ok is false.
func resolve(values, all []string) (codes []string, ok bool, err error) {
	seen := map[string]bool{}
	add := func(c string) {
		if !seen[c] {
			seen[c] = true
			codes = append(codes, c)
		}
	}
	for _, v := range values {
		switch {
		case v == "*":
			for _, c := range all {
				add(c)
			}
		case strings.ContainsAny(v, "()"):
			return nil, false, nil
		case strings.ContainsAny(v, "*?"):
			n := 0
			for _, c := range all {
				if m, err := path.Match(v, c); err == nil && m {
					add(c)
					n++
				}
			}
			if n == 0 {
				return nil, false, fmt.Errorf("%w: %q matches no value", ErrSelection, v)
			}
		default:
			if !slices.Contains(all, v) {
				return nil, false, fmt.Errorf("%w: no value %q", ErrSelection, v)
			}
			add(v)
		}
	}
	return codes, true, nil
}

// plan splits the dimensions into calls of at most limit cells, cutting
// the largest splittable dimensions first.
func plan(dims []planDim, limit int) ([]chunk, error) {
	counts := make([]int, len(dims))
	splittable := make([]bool, len(dims))
	for i, d := range dims {
		counts[i] = d.count
		splittable[i] = d.codes != nil
	}
	sizes, err := ChunkSizes(counts, splittable, limit)
	if err != nil {
		var names []string
		for _, d := range dims {
			names = append(names, fmt.Sprintf("%s %d", d.variable, d.count))
		}
		return nil, fmt.Errorf("%w (%s; limit %d): select fewer values or use explicit codes instead of expressions", err, strings.Join(names, ", "), limit)
	}
	chunks := []chunk{make(chunk, len(dims))}
	for i, d := range dims {
		if sizes[i] >= d.count {
			continue // the whole selection in every call
		}
		var next []chunk
		for _, ch := range chunks {
			for lo := 0; lo < d.count; lo += sizes[i] {
				c := slices.Clone(ch)
				c[i] = d.codes[lo:min(lo+sizes[i], d.count)]
				next = append(next, c)
			}
		}
		chunks = next
	}
	return chunks, nil
}

// ChunkSizes chooses how many values of each dimension go into one call so
// that a call asks for at most limit cells (the product of the sizes).
// Only splittable dimensions are cut, the largest first: to the most that
// fits if that is enough, else to single values before the next one is
// cut. counts are the numbers of values selected.
func ChunkSizes(counts []int, splittable []bool, limit int) ([]int, error) {
	if limit <= 0 {
		limit = DefaultMaxCells
	}
	sizes := slices.Clone(counts)
	for product(sizes) > limit {
		best := -1
		for i, s := range sizes {
			if splittable[i] && s > 1 && (best < 0 || s > sizes[best]) {
				best = i
			}
		}
		if best < 0 {
			return nil, fmt.Errorf("%w: %d cells", ErrTooManyCells, product(sizes))
		}
		sizes[best] = 1
		if rest := product(sizes); rest <= limit {
			sizes[best] = min(limit/rest, counts[best])
		}
	}
	return sizes, nil
}

// product multiplies, saturating at a very large number instead of
// overflowing.
func product(xs []int) int {
	const sat = 1 << 62
	p := 1
	for _, x := range xs {
		if x <= 0 {
			return 0
		}
		if p > sat/x {
			return sat
		}
		p *= x
	}
	return p
}

// fetchParts makes the calls of a plan and stitches the answers.
func (c *Client) fetchParts(ctx context.Context, table string, dims []planDim, limit int, call func(context.Context, chunk) (*cube.Table, error)) (*Result, error) {
	chunks, err := plan(dims, limit)
	if err != nil {
		return nil, fmt.Errorf("pxweb: %s: %w", table, err)
	}
	counts := make([]int, len(dims))
	for i, d := range dims {
		counts[i] = d.count
	}
	if len(chunks) > 1 {
		c.logf(slog.LevelInfo, "pxweb: query split", "table", table, "cells", product(counts), "limit", limit, "calls", len(chunks))
	}
	parts := make([]*cube.Table, 0, len(chunks))
	for _, ch := range chunks {
		t, err := call(ctx, ch)
		if err != nil {
			return nil, err
		}
		parts = append(parts, t)
	}
	t, err := Merge(parts...)
	if err != nil {
		return nil, fmt.Errorf("pxweb: %s: stitching %d parts: %w", table, len(parts), err)
	}
	if t.Language == "" {
		t.Language = c.lang()
	}
	return &Result{Table: t, Calls: len(chunks)}, nil
}

func (c *Client) fetchV2(ctx context.Context, q Query) (*Result, error) {
	cfg, err := c.Config(ctx)
	if err != nil {
		return nil, err
	}
	md, err := c.Metadata(ctx, q.Table)
	if err != nil {
		return nil, err
	}
	sels, err := selectionMap(q.Selection)
	if err != nil {
		return nil, fmt.Errorf("pxweb: %s: %w", q.Table, err)
	}
	var dims []planDim
	var missing []string
	for _, d := range md.Dimensions {
		s, ok := sels[d.ID]
		delete(sels, d.ID)
		if !ok {
			if !d.Elimination {
				missing = append(missing, d.ID)
			}
			continue
		}
		pd := planDim{variable: d.ID, codelist: s.Codelist, sel: s.Values}
		all := d.Codes
		if s.Codelist != "" {
			if !hasCodelist(d.Codelists, s.Codelist) {
				return nil, fmt.Errorf("pxweb: %s: %w: %s has no code list %s (it has %s)", q.Table, ErrSelection, d.ID, s.Codelist, codelistIDs(d.Codelists))
			}
			if allCodes(s.Values) {
				all = s.Values // codes of the code list, checked by the server
			} else {
				cl, err := c.Codelist(ctx, s.Codelist)
				if err != nil {
					return nil, err
				}
				all = nil
				for _, v := range cl.Values {
					all = append(all, v.Code)
				}
			}
		}
		codes, ok, err := resolve(s.Values, all)
		if err != nil {
			return nil, fmt.Errorf("pxweb: %s: %s: %w", q.Table, d.ID, err)
		}
		pd.codes, pd.count = codes, len(codes)
		if !ok {
			pd.count = len(all)
		}
		dims = append(dims, pd)
	}
	if len(sels) > 0 {
		return nil, fmt.Errorf("pxweb: %s: %w: no variable %s (the table has %s)", q.Table, ErrSelection, strings.Join(sortedKeys(sels), ", "), dimIDs(md.Dimensions))
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("pxweb: %s: %w: %s cannot be left out; select values, such as %s=*", q.Table, ErrSelection, strings.Join(missing, ", "), missing[0])
	}
	return c.fetchParts(ctx, q.Table, dims, c.cellLimit(cfg), func(ctx context.Context, ch chunk) (*cube.Table, error) {
		var sel []Selection
		for i, d := range dims {
			values := d.sel
			if ch[i] != nil {
				values = ch[i]
			}
			sel = append(sel, Selection{Variable: d.variable, Values: values, Codelist: d.codelist})
		}
		return c.Data(ctx, q.Table, sel)
	})
}

func selectionMap(sel []Selection) (map[string]Selection, error) {
	m := map[string]Selection{}
	for _, s := range sel {
		if s.Variable == "" || len(s.Values) == 0 {
			return nil, fmt.Errorf("%w: variable %q with %d values", ErrSelection, s.Variable, len(s.Values))
		}
		if _, dup := m[s.Variable]; dup {
			return nil, fmt.Errorf("%w: %s selected twice", ErrSelection, s.Variable)
		}
		m[s.Variable] = s
	}
	return m, nil
}

func allCodes(values []string) bool {
	for _, v := range values {
		if strings.ContainsAny(v, "*?()") {
			return false
		}
	}
	return true
}

func hasCodelist(cls []jsonstat.Codelist, id string) bool {
	if len(cls) == 0 {
		return true // the metadata does not list them: let the server judge
	}
	for _, cl := range cls {
		if cl.ID == id {
			return true
		}
	}
	return false
}

func codelistIDs(cls []jsonstat.Codelist) string {
	var ids []string
	for _, cl := range cls {
		ids = append(ids, cl.ID)
	}
	if len(ids) == 0 {
		return "none"
	}
	return strings.Join(ids, ", ")
}

func dimIDs(dims []jsonstat.Dimension) string {
	var ids []string
	for _, d := range dims {
		ids = append(ids, d.ID)
	}
	return strings.Join(ids, ", ")
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
