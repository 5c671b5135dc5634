package indicators

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/template"
	"time"

	"lmi/codes"
	"lmi/session"
	"lmi/store"
)

// Basis says which region a person counts in (session.Basis).
type Basis = session.Basis

// The bases.
const (
	Home      = session.Home
	Workplace = session.Workplace
)

// Dimensions a family can break down by, besides region and period. Params.By
// chooses among the first three; the others belong to their families.
const (
	DimEdu        = "edu_group"
	DimSex        = "sex"
	DimBirth      = "birth_region"
	DimSSYK       = "ssyk4"
	DimWorkRegion = "work_region"
	DimAlpha      = "alpha"
	DimTerm       = "term"
	DimSNI        = "sni"
)

// AllRegions is the region code of rows that span every region of a level
// (the mismatch indices across regions).
const AllRegions = session.AllRegions

// Params are the choices of one computation. DefaultParams gives the
// defaults; Validate reports what is wrong.
type Params struct {
	Levels     []codes.Level     // built-in regional levels
	Groupings  []*codes.Grouping // user-defined levels
	Basis      Basis
	By         []string // dimensions kept; the others collapse to "TOT"
	AgeMin     int
	AgeMax     int
	K          int          // suppression threshold
	Indicators []string     // names; empty = all built-in
	Own        []*Indicator // the user\'s indicators (LoadIndicatorFile), always computed
	Key        KeySpec
	Alphas     []float64      // Sahin et al. mismatch: the alpha grid
	Horizon    int            // years ahead for expected exits
	Shortage   ShortageParams // the current shortage composite (family shortage)
	// KeepCells keeps each family's cell table (FAMILY_cells) on the
	// session after its results are made, for inspection and tests;
	// otherwise it is dropped at once, so a whole suite holds only results.
	KeepCells bool
	// WriteTo, when set, writes each family's FAMILY.parquet and
	// FAMILY.csv to this folder as soon as the family is done and drops
	// its result table, so a whole suite never holds every family's
	// results at once. Result.Paths lists the files.
	WriteTo string
}

// DefaultParams: län and FA, home region, every dimension, ages 20-64, k 5,
// the statistical key.
func DefaultParams() Params {
	return Params{
		Levels: []codes.Level{codes.LevelLan, codes.LevelFA},
		Basis:  Home,
		By:     []string{DimEdu, DimSex, DimBirth},
		AgeMin: 20, AgeMax: 64,
		K:        5,
		Key:      KeySpec{Threshold: DefaultThreshold},
		Alphas:   []float64{0.3, 0.4, 0.5, 0.6, 0.7},
		Horizon:  5,
		Shortage: DefaultShortageParams(),
	}
}

// Validate checks the parameters before any query runs.
func (p *Params) Validate() error {
	var errs []error
	if len(p.Levels) == 0 && len(p.Groupings) == 0 {
		errs = append(errs, errors.New("no regional level requested"))
	}
	if p.Basis != Home && p.Basis != Workplace {
		errs = append(errs, fmt.Errorf("basis %q: want home or workplace", p.Basis))
	}
	for _, d := range p.By {
		if d != DimEdu && d != DimSex && d != DimBirth {
			errs = append(errs, fmt.Errorf("dimension %q: want %s, %s or %s", d, DimEdu, DimSex, DimBirth))
		}
	}
	if p.AgeMin < 0 || p.AgeMax > 120 || p.AgeMin > p.AgeMax {
		errs = append(errs, fmt.Errorf("age band %d-%d is not valid", p.AgeMin, p.AgeMax))
	}
	if p.K < 0 {
		errs = append(errs, fmt.Errorf("suppression k %d: must be 0 (no suppression, for data that is not confidential) or more", p.K))
	}
	for _, name := range p.Indicators {
		if _, ok := Lookup(name); !ok {
			errs = append(errs, fmt.Errorf("unknown indicator %q (see lmi indicators list)", name))
		}
	}
	if p.Horizon < 1 || p.Horizon > 20 {
		errs = append(errs, fmt.Errorf("horizon %d: want 1 to 20 years", p.Horizon))
	}
	if len(p.Alphas) == 0 {
		errs = append(errs, errors.New("the mismatch alpha grid is empty"))
	}
	for _, a := range p.Alphas {
		if !(a > 0 && a < 1) {
			errs = append(errs, fmt.Errorf("mismatch alpha %v: must lie strictly between 0 and 1", a))
		}
	}
	if err := p.Key.validate(); err != nil {
		errs = append(errs, err)
	}
	if err := p.Shortage.validate(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// family is a group of indicators sharing one cell table, built by one
// SQL file, with its own dimension columns and its own output file.
type family struct {
	name       string
	cellsSQL   string   // file under sql/ that builds <name>_cells
	dims       []string // dimension columns after region and period
	needsKey   bool     // reads the match key
	needsFlows bool     // reads the flow tables through flow_region_map
	needsExits bool     // reads exit_profile
	needsPanel bool     // follows persons year pair by year pair (templateParams.PanelPairs)
	// relationsSQL adds the family's own secondary-suppression relations
	// to sup_members, where matching cells on equal dimensions finds none
	// (the commuting matrix's second region changes with the level).
	relationsSQL string
	// goCells builds the cell table in Go instead of cellsSQL (models
	// fitted outside SQL).
	goCells func(s *Session, ctx context.Context, p Params) error
	// afterSuppression, when set, runs on the result table once secondary
	// suppression has flagged it, before suppressed rows lose their
	// numbers (rules the general machinery cannot express).
	afterSuppression func(s *Session, ctx context.Context, f *family, table string, inds []*Indicator, tp templateParams) error
}

// families in output order. A new family is one entry here, its cells SQL
// and its indicator files.
var families = []*family{
	{name: "matching", cellsSQL: "sql/matching_persons.sql", dims: []string{DimEdu, DimSex, DimBirth}, needsKey: true},
	{name: "status", cellsSQL: "sql/status_persons.sql", dims: []string{DimEdu, DimSex}},
	{name: "commuting", cellsSQL: "sql/commuting_persons.sql", dims: []string{DimEdu, DimSex}},
	{name: "commuting_matrix", cellsSQL: "sql/commuting_persons.sql", dims: []string{DimWorkRegion},
		relationsSQL: "sql/suppress_matrix.sql"},
	{name: "demography", cellsSQL: "sql/demography_persons.sql", dims: []string{DimSex}},
	{name: "age_structure", cellsSQL: "sql/age_structure_persons.sql", dims: []string{DimSSYK}, needsExits: true},
	{name: "population_flows", cellsSQL: "sql/population_flows_persons.sql", dims: []string{DimEdu, DimSex}, needsPanel: true},
	{name: "job_inflows", cellsSQL: "sql/job_inflows_persons.sql", dims: []string{DimSNI, DimSex}, needsPanel: true},
	{name: "tightness", cellsSQL: "sql/tightness_flows.sql", dims: []string{DimSSYK}, needsFlows: true},
	{name: "beveridge", cellsSQL: "sql/beveridge_flows.sql", needsFlows: true},
	{name: "mismatch", cellsSQL: "sql/mismatch_flows.sql", dims: []string{DimSSYK, DimAlpha}, needsFlows: true},
	{name: "matching_function", dims: []string{DimTerm}, needsFlows: true, goCells: (*Session).matchingFunctionCells},
	{name: "shortage", cellsSQL: "sql/shortage.sql", dims: []string{DimSSYK}, needsKey: true, needsFlows: true, needsExits: true,
		afterSuppression: (*Session).shortageAfterSuppression},
}

func familyByName(name string) (*family, bool) {
	for _, f := range families {
		if f.name == name {
			return f, true
		}
	}
	return nil, false
}

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
	Paths      []string // files written (Params.WriteTo), in order
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
	byFamily := map[string][]*Indicator{}
	for _, ind := range append(selected(p.Indicators), p.Own...) {
		byFamily[ind.Family] = append(byFamily[ind.Family], ind)
	}
	res := &Result{}
	lap := stopwatch(res)
	if err := s.PrepareRegions(ctx, p.Levels, p.Groupings); err != nil {
		return nil, err
	}
	lap("region map")
	tp := templateParams{
		Workplace: p.Basis == Workplace,
		ByEdu:     slices.Contains(p.By, DimEdu),
		BySex:     slices.Contains(p.By, DimSex),
		ByBirth:   slices.Contains(p.By, DimBirth),
		AgeMin:    p.AgeMin, AgeMax: p.AgeMax,
		K:        p.K,
		Alphas:   formatAlphas(p.Alphas),
		Shortage: p.Shortage.template(p.Horizon),
	}
	for _, ind := range byFamily["matching"] {
		if ind.Own || ind.Name == "overutbildning" || ind.Name == "underutbildning" {
			tp.Levels = true
		}
	}
	built := map[string]bool{} // cells SQL files already run
	for _, f := range families {
		inds := byFamily[f.name]
		if len(inds) == 0 {
			continue
		}
		if f.needsKey && res.Key.Kind == "" {
			key, err := s.buildMatchMap(ctx, p)
			if err != nil {
				return nil, err
			}
			res.Key = key
			lap("match key")
		}
		if f.needsPanel && !built["panel_pairs"] {
			pairs, err := s.PanelPairs(ctx)
			if err != nil {
				return nil, err
			}
			tp.PanelPairs = pairs
			built["panel_pairs"] = true
		}
		if f.needsExits && !built["exit_profile"] {
			if err := s.buildExitProfile(ctx, p.Horizon); err != nil {
				return nil, err
			}
			built["exit_profile"] = true
		}
		switch {
		case f.goCells != nil:
			if err := f.goCells(s, ctx, p); err != nil {
				return nil, fmt.Errorf("family %s: %w", f.name, err)
			}
			lap(f.name + " cells")
		case !built[f.cellsSQL]:
			if err := s.execTemplate(ctx, f.cellsSQL, tp); err != nil {
				return nil, fmt.Errorf("family %s: %w", f.name, err)
			}
			built[f.cellsSQL] = true
			lap(f.name + " cells")
		}
		fr, err := s.computeFamily(ctx, f, inds, tp)
		if err != nil {
			return nil, err
		}
		lap(f.name + " indicators and suppression")
		if !p.KeepCells {
			if _, err := s.conn.ExecContext(ctx, "DROP TABLE IF EXISTS "+f.name+"_cells"); err != nil {
				return nil, err
			}
		}
		if p.WriteTo != "" {
			paths, err := s.writeFamily(ctx, fr, p.WriteTo)
			if err != nil {
				return nil, err
			}
			res.Paths = append(res.Paths, paths...)
			if _, err := s.conn.ExecContext(ctx, "DROP TABLE "+fr.Table); err != nil {
				return nil, err
			}
			lap(f.name + " written")
		}
		res.Families = append(res.Families, fr)
		res.Indicators = append(res.Indicators, fr.Indicators...)
		res.Rows += fr.Rows
		res.Suppressed += fr.Suppressed
	}
	return res, nil
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
	query, err := render("sql/suppress.sql", tp)
	if err != nil {
		return fr, err
	}
	if _, err := s.conn.ExecContext(ctx, "CREATE OR REPLACE TEMP TABLE "+fr.Table+" AS "+query); err != nil {
		return fr, fmt.Errorf("family %s: %w", f.name, err)
	}
	if _, err := s.secondarySuppress(ctx, f, fr.Table, inds, tp.K); err != nil {
		return fr, err
	}
	if f.afterSuppression != nil {
		if err := f.afterSuppression(s, ctx, f, fr.Table, inds, tp); err != nil {
			return fr, err
		}
	}
	// Suppressed rows lose their numbers.
	q, err := render("sql/suppress_clear.sql", tp)
	if err != nil {
		return fr, err
	}
	if _, err := s.conn.ExecContext(ctx, q); err != nil {
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

// Write exports each family of res to dir as FAMILY.parquet and FAMILY.csv
// and returns the paths.
func (s *Session) Write(ctx context.Context, res *Result, dir string) ([]string, error) {
	var paths []string
	for _, fr := range res.Families {
		p, err := s.writeFamily(ctx, fr, dir)
		if err != nil {
			return nil, err
		}
		paths = append(paths, p...)
	}
	return paths, nil
}

// writeFamily exports one family's result table as FAMILY.parquet and
// FAMILY.csv, sorted, and logs them in the store's outputs table.
func (s *Session) writeFamily(ctx context.Context, fr FamilyResult, dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var paths []string
	query := "SELECT * FROM " + fr.Table + " ORDER BY " + OutputOrder(fr.Dims)
	for _, ext := range []string{".parquet", ".csv"} {
		p := filepath.Join(dir, fr.Family+ext)
		if _, err := store.Export(ctx, s.conn, query, p); err != nil {
			return nil, err
		}
		if err := s.db.RecordOutput(ctx, p, fr.Family, fr.Rows); err != nil {
			return nil, err
		}
		paths = append(paths, p)
	}
	return paths, nil
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

func selected(names []string) []*Indicator {
	if len(names) == 0 {
		return All()
	}
	var out []*Indicator
	for _, ind := range All() {
		if slices.Contains(names, ind.Name) {
			out = append(out, ind)
		}
	}
	return out
}

// wrapIndicator turns an indicator's SELECT into rows of the long output
// (sql/indicator_rows.sql).
func wrapIndicator(ind *Indicator, dims []string) (string, error) {
	return render("sql/indicator_rows.sql", templateParams{
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

type templateParams struct {
	Workplace, ByEdu, BySex, ByBirth bool
	AgeMin, AgeMax, K                int
	BaseYear                         int
	Threshold                        float64
	Body                             string
	Dims                             []string
	Alphas                           []string // formatted for SQL
	Levels                           bool     // matching: count level matches too
	// PanelPairs are the first years of the pairs of consecutive years
	// the person panel has, for the families that follow persons from
	// one year to the next one pair at a time (bounded memory).
	PanelPairs []int
	Shortage   shortageTemplate
	// Table is the family's result table (ResultTable) for the SQL run on
	// it once it is made: secondary suppression, a family's rules after
	// it, clearing the suppressed rows, the ranking.
	Table string
	// Row is the indicator sql/indicator_rows.sql wraps.
	Row indicatorRow
	// Secondary is what secondary suppression needs (suppress.go).
	Secondary secondaryTemplate
	// Rows are the rows of the small tables built from Go's data.
	Rows tableRows
}

// indicatorRow is one indicator for sql/indicator_rows.sql: its name as a
// SQL string literal, its version and its SELECT without the header.
type indicatorRow struct {
	Name    string
	Version int
	SQL     string
}

// tableRows are rows built in Go from code lists, files and fitted models,
// formatted as SQL VALUES rows "(...), (...)", for the files that create
// the session's small tables.
type tableRows struct {
	ExitProfile string // sql/exit_profile.sql
	// MatchMap: sql/matchmap_file.sql, one INSERT per chunk of rows.
	MatchMap []string
	// MatchingFunction: sql/matching_function_cells.sql, one INSERT per
	// row.
	MatchingFunction []string
}

func formatAlphas(as []float64) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = strconv.FormatFloat(a, 'f', -1, 64)
	}
	return out
}

func render(file string, tp templateParams) (string, error) {
	b, err := sqlFiles.ReadFile(file)
	if err != nil {
		return "", err
	}
	t, err := template.New(file).Option("missingkey=error").Parse(string(b))
	if err != nil {
		return "", fmt.Errorf("%s: %w", file, err)
	}
	var sb strings.Builder
	if err := t.Execute(&sb, tp); err != nil {
		return "", fmt.Errorf("%s: %w", file, err)
	}
	return sb.String(), nil
}

func (s *Session) execTemplate(ctx context.Context, file string, tp templateParams) error {
	q, err := render(file, tp)
	if err != nil {
		return err
	}
	if _, err := s.conn.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	return nil
}

func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
