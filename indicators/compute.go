package indicators

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"lmi/session"
	"lmi/store"
)

// ResultTable names the temporary table holding a family's output.
func ResultTable(family string) string { return "results_" + family }

// FamilyResult describes one family's output.
type FamilyResult struct {
	Family     string
	Table      string   // temporary table on the session's connection
	Dims       []string // dimension columns, in order
	Indicators []string
	Rows       int64 // output rows, suppressed ones included
	Suppressed int64
}

// Result describes a finished computation.
type Result struct {
	Families   []FamilyResult
	Indicators []string
	Rows       int64
	Suppressed int64
	Key        KeyInfo  // the match key, when a family needed one
	Timings    []Timing // per stage, in order
	Paths      []string // files written (Params.Write), in order
}

// Timing is how long one stage of a computation took.
type Timing struct {
	Stage   string
	Elapsed time.Duration
}

// Session computes indicators on a session's connection, whose region
// tables it builds and reads.
type Session struct {
	*session.Session
	db   *store.DB
	conn *sql.Conn
}

// NewSession pins a connection of db. Close it when done.
func NewSession(ctx context.Context, db *store.DB) (*Session, error) {
	ss, err := session.New(ctx, db)
	if err != nil {
		return nil, err
	}
	return On(ss), nil
}

// On computes indicators on an existing session, so that a forecast can
// run on the same connection.
func On(ss *session.Session) *Session { return &Session{Session: ss, db: ss.DB(), conn: ss.Conn()} }

// Compute runs the requested indicators, family by family, into the
// families' result tables.
func (s *Session) Compute(ctx context.Context, p Params) (*Result, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	cat := p.catalog()
	byFamily := map[string][]*Indicator{}
	for _, ind := range append(cat.selected(p.Indicators), p.Own...) {
		byFamily[ind.Family] = append(byFamily[ind.Family], ind)
	}
	res := &Result{}
	lap := stopwatch(res)
	if err := s.PrepareRegions(ctx, p.Levels, p.Groupings); err != nil {
		return nil, err
	}
	lap("region map")
	c := &computation{s: s, p: p, cat: cat, res: res, lap: lap, built: map[string]bool{}, tp: templateParams{
		Workplace: p.Basis == Workplace,
		ByEdu:     slices.Contains(p.By, DimEdu),
		BySex:     slices.Contains(p.By, DimSex),
		ByBirth:   slices.Contains(p.By, DimBirth),
		AgeMin:    p.Age.Min, AgeMax: p.Age.Max,
		K:        p.K,
		Alphas:   formatAlphas(p.Alphas),
		Shortage: p.Shortage.template(p.Horizon),
	}}
	var todo []*family
	for _, f := range cat.families {
		if len(byFamily[f.name]) > 0 {
			todo = append(todo, f)
		}
	}
	for i, f := range todo {
		if p.Progress != nil {
			p.Progress(f.name, i+1, len(todo))
		}
		if err := c.family(ctx, f, byFamily[f.name]); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// computation is one Compute's state: what it has built so far.
type computation struct {
	s     *Session
	p     Params
	cat   *Catalog
	res   *Result
	lap   func(stage string)
	tp    templateParams
	built map[string]bool // steps and cells SQL files already run
}

// family computes one family: the steps it needs, its cells, its
// indicators with suppression, and, with Params.Write, its files.
func (c *computation) family(ctx context.Context, f *family, inds []*Indicator) error {
	if err := c.needs(ctx, f); err != nil {
		return err
	}
	tp := c.tp
	tp.Requires = requirements(c.cat, f, inds)
	if err := c.cells(ctx, f, tp); err != nil {
		return fmt.Errorf("family %s: %w", f.name, err)
	}
	fr, err := c.s.computeFamily(ctx, f, inds, tp)
	if err != nil {
		return err
	}
	c.lap(f.name + " indicators and suppression")
	if !c.p.KeepCells {
		if _, err := c.s.Exec(ctx, "DROP TABLE IF EXISTS "+f.name+"_cells"); err != nil {
			return err
		}
	}
	if c.p.Write != nil {
		paths, err := c.p.Write(ctx, c.s, fr)
		if err != nil {
			return err
		}
		c.res.Paths = append(c.res.Paths, paths...)
		if _, err := c.s.Exec(ctx, "DROP TABLE "+fr.Table); err != nil {
			return err
		}
		c.lap(f.name + " written")
	}
	c.res.Families = append(c.res.Families, fr)
	c.res.Indicators = append(c.res.Indicators, fr.Indicators...)
	c.res.Rows += fr.Rows
	c.res.Suppressed += fr.Suppressed
	return nil
}

// needs runs the steps a family needs first, each once per computation.
func (c *computation) needs(ctx context.Context, f *family) error {
	for _, n := range f.needs {
		if c.built[n] {
			continue
		}
		switch n {
		case "match_key":
			key, err := c.s.buildMatchMap(ctx, c.p)
			if err != nil {
				return err
			}
			c.res.Key = key
			c.lap("match key")
		case "panel":
			pairs, err := c.s.PanelPairs(ctx)
			if err != nil {
				return err
			}
			c.tp.PanelPairs = pairs
		case "exit_profile":
			if err := c.s.buildExitProfile(ctx, c.p.Horizon); err != nil {
				return err
			}
		}
		c.built[n] = true
	}
	return nil
}

// cells builds the family's cell table, unless the family it takes its
// cells from built it already.
func (c *computation) cells(ctx context.Context, f *family, tp templateParams) error {
	owner, src := c.cat.cellsSource(f)
	if owner.cellsGo != "" {
		if err := goSteps[owner.cellsGo].cells(c.s, ctx, owner, c.p); err != nil {
			return err
		}
		c.lap(f.name + " cells")
		return nil
	}
	key := owner.name + "/" + src.cells
	if c.built[key] {
		return nil
	}
	q, err := owner.render(src.cells, tp)
	if err != nil {
		return err
	}
	if _, err := c.s.Exec(ctx, q); err != nil {
		return fmt.Errorf("%s: %w", src.cells, err)
	}
	c.built[key] = true
	c.lap(f.name + " cells")
	return nil
}

// requirements are the optional cell columns the family's indicators
// read: those their headers require, and for a user's own indicator
// every one the family's built-in indicators may require.
func requirements(cat *Catalog, f *family, inds []*Indicator) map[string]bool {
	req := map[string]bool{}
	for _, ind := range inds {
		for _, r := range ind.Requires {
			req[r] = true
		}
		if ind.Own {
			for _, b := range cat.indicators {
				if b.Family == f.name {
					for _, r := range b.Requires {
						req[r] = true
					}
				}
			}
		}
	}
	return req
}

// computeFamily stacks a family's indicators into its long result table,
// suppressed.
func (s *Session) computeFamily(ctx context.Context, f *family, inds []*Indicator, tp templateParams) (FamilyResult, error) {
	fr := FamilyResult{Family: f.name, Table: ResultTable(f.name), Dims: f.dims}
	var parts []string
	for _, ind := range inds {
		if ind.Own {
			if err := s.checkColumns(ctx, ind, f); err != nil {
				return fr, err
			}
		}
		part, err := wrapIndicator(ind, f.dims)
		if err != nil {
			return fr, err
		}
		parts = append(parts, part)
		fr.Indicators = append(fr.Indicators, ind.Name)
	}
	tp.Body = strings.Join(parts, "\n        UNION ALL\n")
	tp.Dims = f.dims
	tp.Table = fr.Table
	query, err := renderMacro("suppress.sql", tp)
	if err != nil {
		return fr, err
	}
	if _, err := s.Exec(ctx, "CREATE OR REPLACE TEMP TABLE "+fr.Table+" AS "+query); err != nil {
		return fr, fmt.Errorf("family %s: %w", f.name, err)
	}
	if _, err := s.secondarySuppress(ctx, f, fr.Table, inds, tp.K); err != nil {
		return fr, err
	}
	if f.afterSuppression != "" {
		if err := goSteps[f.afterSuppression].after(s, ctx, f, fr.Table, inds, tp); err != nil {
			return fr, err
		}
	}
	// Suppressed rows lose their numbers.
	q, err := renderMacro("suppress_clear.sql", tp)
	if err != nil {
		return fr, err
	}
	if _, err := s.Exec(ctx, q); err != nil {
		return fr, fmt.Errorf("family %s: %w", f.name, err)
	}
	err = s.conn.QueryRowContext(ctx,
		"SELECT count(*), count(*) FILTER (WHERE suppressed) FROM "+fr.Table).Scan(&fr.Rows, &fr.Suppressed)
	return fr, err
}

// checkColumns runs DESCRIBE on a user's indicator over its family's
// cells: it must yield region_level, region, period, the family's
// dimensions, value, numerator, denominator and n, in that order.
func (s *Session) checkColumns(ctx context.Context, ind *Indicator, f *family) error {
	want := append(append([]string{"region_level", "region", "period"}, f.dims...), "value", "numerator", "denominator", "n")
	rows, err := s.conn.QueryContext(ctx, "DESCRIBE "+stripHeader(ind.SQL))
	if err != nil {
		return &MetadataError{File: ind.File, Reason: "the SQL does not run over " + f.name + "_cells: " + firstLine(err.Error())}
	}
	defer rows.Close()
	var got []string
	cols, _ := rows.Columns()
	vals := make([]any, len(cols))
	for i := range vals {
		vals[i] = new(any)
	}
	for rows.Next() {
		if err := rows.Scan(vals...); err != nil {
			return err
		}
		got = append(got, fmt.Sprint(*vals[0].(*any)))
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		return &MetadataError{File: ind.File, Reason: fmt.Sprintf("the SQL yields columns %s, want %s", strings.Join(got, ", "), strings.Join(want, ", "))}
	}
	return rows.Err()
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// OutputOrder sorts a family's output rows, so two runs give identical
// files.
func OutputOrder(dims []string) string {
	return strings.Join(append([]string{"indicator", "region_level", "region", "period"}, dims...), ", ")
}

// stopwatch returns a function recording the time since its last call.
func stopwatch(res *Result) func(stage string) {
	last := time.Now()
	return func(stage string) {
		now := time.Now()
		res.Timings = append(res.Timings, Timing{stage, now.Sub(last)})
		last = now
	}
}

// selected returns the named indicators, or all of them.
func (c *Catalog) selected(names []string) []*Indicator {
	if len(names) == 0 {
		return c.All()
	}
	var out []*Indicator
	for _, ind := range c.indicators {
		if slices.Contains(names, ind.Name) {
			out = append(out, ind)
		}
	}
	return out
}

// wrapIndicator turns an indicator's SELECT into rows of the long output
// (macros/indicator_rows.sql).
func wrapIndicator(ind *Indicator, dims []string) (string, error) {
	return renderMacro("indicator_rows.sql", templateParams{
		Dims: dims,
		Row:  indicatorRow{Name: sqlString(ind.Name), Version: ind.Version, SQL: stripHeader(ind.SQL)},
	})
}

// stripHeader drops the metadata comment lines (they would otherwise sit
// inside the union) and a trailing semicolon.
func stripHeader(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for len(lines) > 0 && strings.HasPrefix(strings.TrimSpace(lines[0]), "--") {
		lines = lines[1:]
	}
	return strings.TrimSuffix(strings.TrimSpace(strings.Join(lines, "\n")), ";")
}

func formatAlphas(as []float64) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = strconv.FormatFloat(a, 'f', -1, 64)
	}
	return out
}

func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// execMacro renders one of macros/ and runs it.
func (s *Session) execMacro(ctx context.Context, file string, tp templateParams) error {
	q, err := renderMacro(file, tp)
	if err != nil {
		return err
	}
	if _, err := s.Exec(ctx, q); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	return nil
}
