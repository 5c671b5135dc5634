package indicators

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/template"
	"time"

	"lmi/codes"
	"lmi/store"
)

// Basis says which region a person counts in.
type Basis string

const (
	// Home counts everyone where they live (nattbefolkning).
	Home Basis = "home"
	// Workplace counts the employed where they work (dagbefolkning) and
	// everyone else where they live.
	Workplace Basis = "workplace"
)

// Dimensions a family can break down by, besides region and year.
const (
	DimEdu   = "edu_group"
	DimSex   = "sex"
	DimBirth = "birth_region"
)

// Params are the choices of one computation. DefaultParams gives the
// defaults; Validate reports what is wrong.
type Params struct {
	Levels     []codes.Level     // built-in regional levels
	Groupings  []*codes.Grouping // user-defined levels
	Basis      Basis
	By         []string // dimensions kept; the others collapse to "TOT"
	AgeMin     int
	AgeMax     int
	K          int      // suppression threshold
	Indicators []string // names; empty = all built-in
	Key        KeySpec
}

// DefaultParams: län and FA, home region, every dimension, ages 20-64, k 5,
// the statistical key.
func DefaultParams() Params {
	return Params{
		Levels: []codes.Level{codes.LevelLan, codes.LevelFA},
		Basis:  Home,
		By:     []string{DimEdu, DimSex, DimBirth},
		AgeMin: 20, AgeMax: 64,
		K:   5,
		Key: KeySpec{Threshold: DefaultThreshold},
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
	if p.K < 1 {
		errs = append(errs, fmt.Errorf("suppression k %d: must be at least 1", p.K))
	}
	for _, name := range p.Indicators {
		if _, ok := Lookup(name); !ok {
			errs = append(errs, fmt.Errorf("unknown indicator %q (see lmi indicators list)", name))
		}
	}
	if err := p.Key.validate(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// family is a cell table shared by several indicators.
type family struct {
	cellsSQL string // file under sql/ building the cells
}

var families = map[string]family{
	"matching": {cellsSQL: "sql/matching_persons.sql"},
}

// Result describes a finished computation.
type Result struct {
	Indicators []string
	Rows       int64 // output rows, suppressed ones included
	Suppressed int64
	Key        KeyInfo
	Table      string   // temp table holding the output on the connection
	Timings    []Timing // per stage, in order
}

// Timing is how long one stage of a computation took.
type Timing struct {
	Stage   string
	Elapsed time.Duration
}

// Session is one connection with the temporary tables of a computation.
// Temp tables live per connection, so everything runs on this one.
type Session struct {
	db   *store.DB
	conn *sql.Conn
}

// NewSession pins a connection of db. Close it when done.
func NewSession(ctx context.Context, db *store.DB) (*Session, error) {
	conn, err := db.SQL().Conn(ctx)
	if err != nil {
		return nil, err
	}
	return &Session{db: db, conn: conn}, nil
}

// Close returns the connection; its temporary tables go with it.
func (s *Session) Close() error { return s.conn.Close() }

// Conn is the pinned connection, for queries over the result table.
func (s *Session) Conn() *sql.Conn { return s.conn }

// ResultTable is the name of the temporary table Compute fills.
const ResultTable = "indicator_results"

// Compute runs the requested indicators into ResultTable.
func (s *Session) Compute(ctx context.Context, p Params) (*Result, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	inds := selected(p.Indicators)
	res := &Result{Table: ResultTable}
	lap := stopwatch(res)
	if err := s.buildRegionMap(ctx, p); err != nil {
		return nil, err
	}
	lap("region map")
	key, err := s.buildMatchMap(ctx, p)
	if err != nil {
		return nil, err
	}
	res.Key = key
	lap("match key")
	tp := templateParams{
		Workplace: p.Basis == Workplace,
		ByEdu:     slices.Contains(p.By, DimEdu),
		BySex:     slices.Contains(p.By, DimSex),
		ByBirth:   slices.Contains(p.By, DimBirth),
		AgeMin:    p.AgeMin, AgeMax: p.AgeMax,
		K: p.K,
	}
	done := map[string]bool{}
	var parts []string
	for _, ind := range inds {
		if !done[ind.Family] {
			if err := s.execTemplate(ctx, families[ind.Family].cellsSQL, tp); err != nil {
				return nil, fmt.Errorf("family %s: %w", ind.Family, err)
			}
			done[ind.Family] = true
			lap(ind.Family + " cells")
		}
		parts = append(parts, wrapIndicator(ind))
		res.Indicators = append(res.Indicators, ind.Name)
	}
	tp.Body = strings.Join(parts, "\n        UNION ALL\n")
	query, err := render("sql/suppress.sql", tp)
	if err != nil {
		return nil, err
	}
	if _, err := s.conn.ExecContext(ctx, "CREATE OR REPLACE TEMP TABLE "+ResultTable+" AS "+query); err != nil {
		return nil, fmt.Errorf("compute indicators: %w", err)
	}
	lap("indicators and suppression")
	err = s.conn.QueryRowContext(ctx,
		"SELECT count(*), count(*) FILTER (WHERE suppressed) FROM "+ResultTable).Scan(&res.Rows, &res.Suppressed)
	if err != nil {
		return nil, err
	}
	return res, nil
}

// OutputOrder sorts output rows, so two runs give identical files.
const OutputOrder = "indicator, region_level, region, period, edu_group, sex, birth_region"

// Write exports ResultTable to dir as indicators.parquet and indicators.csv
// and returns the paths.
func (s *Session) Write(ctx context.Context, dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var paths []string
	for _, name := range []string{"indicators.parquet", "indicators.csv"} {
		p := filepath.Join(dir, name)
		if err := store.Export(ctx, s.conn, "SELECT * FROM "+ResultTable+" ORDER BY "+OutputOrder, p); err != nil {
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

// wrapIndicator turns an indicator's SELECT into rows of the long output.
func wrapIndicator(ind *Indicator) string {
	return fmt.Sprintf(`        SELECT %s AS indicator, %d AS version, CAST(i.year AS VARCHAR) AS period,
               i.region_level, i.region, names.region_name, i.edu_group, i.sex, i.birth_region,
               CAST(i.value AS DOUBLE) AS value, CAST(i.numerator AS BIGINT) AS numerator,
               CAST(i.denominator AS BIGINT) AS denominator, CAST(i.n AS BIGINT) AS n
        FROM (
%s
        ) AS i
        JOIN region_keys AS names ON names.level = i.region_level AND names.region = i.region`,
		sqlString(ind.Name), ind.Version, stripHeader(ind.SQL))
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

// buildRegionMap writes region_keys (region_key, level, region, name), one
// row per region of every requested level, and region_map (region_key,
// kommun), one row per kommun and level. Counting joins persons to
// region_map on an ENUM and groups on the integer key; the names come back
// only for the small cell table.
func (s *Session) buildRegionMap(ctx context.Context, p Params) error {
	type region struct{ level, code, name string }
	var regions []region
	var members [][]string // kommuner of regions[i]
	index := map[region]int{}
	add := func(r region, kommun string) {
		i, ok := index[r]
		if !ok {
			i = len(regions)
			index[r] = i
			regions = append(regions, r)
			members = append(members, nil)
		}
		members[i] = append(members[i], kommun)
	}
	for _, lvl := range p.Levels {
		for _, k := range codes.Kommuner() {
			code, ok := codes.RollUp(lvl, k.Code)
			if !ok {
				return fmt.Errorf("region map: kommun %s has no %s", k.Code, lvl)
			}
			add(region{string(lvl), code, codes.RegionName(lvl, code)}, k.Code)
		}
	}
	for _, g := range p.Groupings {
		if slices.Contains(p.Levels, codes.Level(g.Name)) {
			return fmt.Errorf("grouping %q has the name of a built-in level", g.Name)
		}
		for _, k := range codes.Kommuner() {
			if name, ok := g.RollUp(k.Code); ok {
				add(region{g.Name, name, name}, k.Code)
			}
		}
	}
	var sb strings.Builder
	sb.WriteString("CREATE OR REPLACE TEMP TABLE region_keys (region_key INTEGER, level VARCHAR, region VARCHAR, region_name VARCHAR);\n")
	sb.WriteString("CREATE OR REPLACE TEMP TABLE region_map (region_key INTEGER, kommun kommun);\n")
	for i, r := range regions {
		fmt.Fprintf(&sb, "INSERT INTO region_keys VALUES (%d, %s, %s, %s);\n", i, sqlString(r.level), sqlString(r.code), sqlString(r.name))
		sb.WriteString("INSERT INTO region_map VALUES ")
		for j, k := range members[i] {
			if j > 0 {
				sb.WriteString(", ")
			}
			fmt.Fprintf(&sb, "(%d, %s)", i, sqlString(k))
		}
		sb.WriteString(";\n")
	}
	if _, err := s.conn.ExecContext(ctx, sb.String()); err != nil {
		return fmt.Errorf("region map: %w", err)
	}
	return nil
}

func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
