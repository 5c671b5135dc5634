package forecast

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"sort"
	"strings"
	"text/template"

	"lmi/session"
	"lmi/store"
)

//go:embed sql/*.sql
var sqlFiles embed.FS

// templateParams fill the {{...}} of the SQL files.
type templateParams struct {
	Workplace    bool
	Origin       int
	EntrantYears int
	Categories   string // quoted SQL list
	Horizon      int    // years ahead: the shortage list's (write.go)
}

func render(name string, tp templateParams) (string, error) {
	b, err := sqlFiles.ReadFile("sql/" + name + ".sql")
	if err != nil {
		return "", err
	}
	t, err := template.New(name).Option("missingkey=error").Parse(string(b))
	if err != nil {
		return "", fmt.Errorf("%s.sql: %w", name, err)
	}
	var sb strings.Builder
	if err := t.Execute(&sb, tp); err != nil {
		return "", fmt.Errorf("%s.sql: %w", name, err)
	}
	return sb.String(), nil
}

// region is one region of a requested level.
type region struct {
	key   int32
	level string
	code  string
	name  string
}

// cell is a region x SSYK 4 occupation.
type cell struct {
	region int32
	ssyk4  string
}

// inputs is what the store gives a forecast.
type inputs struct {
	regions  []region // by key, of the requested levels
	years    []int    // first..origin
	origin   int
	employed map[cell][]float64 // by year index; 0 where no one was employed
	totals   map[int32][]float64
	// exits[c][h-1]: expected exits of the origin year's employed within h years.
	exits map[cell][]float64
	// entrants[r][edu]: yearly new labour by education group.
	entrants map[int32]map[string]float64
	// shares[edu][ssyk4]: entry shares.
	shares     map[string]map[string]float64
	jobseekers map[cell]float64
	panel      bool // entrants and exit rates came from a person panel
	exitsFrom  int  // ages whose exit rate came from the panel
	// unaged: the origin year's employed are SCB's published employment
	// cells, without ages of their own: replacement demand comes from
	// SCB's age structures (scb_employment_age) where loaded. (The store
	// never holds cells and persons with ages for the same year.)
	unaged bool
	// ages says, per cell, which age structure gave its replacement
	// demand: "register" (the persons' own ages) or, for published
	// cells, "län x SSYK 3", "riket x SSYK 4", "riket x SSYK 3", "none".
	ages map[cell]string
	// noExits are published cells without a complete age structure in
	// one of their län: their replacement demand is unknown.
	noExits map[cell]bool
	// breaks are the years whose level shifts were taken out of the
	// employment series (adjustBreaks).
	breaks []int
}

// gather reads the inputs of p from the session's store. The session's
// region tables are prepared here.
func gather(ctx context.Context, s Session, p Params) (*inputs, error) {
	conn := s.Conn()
	if err := s.PrepareRegions(ctx, p.Levels, p.Groupings); err != nil {
		return nil, err
	}
	in := &inputs{
		employed: map[cell][]float64{}, totals: map[int32][]float64{}, exits: map[cell][]float64{},
		entrants: map[int32]map[string]float64{}, shares: map[string]map[string]float64{}, jobseekers: map[cell]float64{},
		ages: map[cell]string{}, noExits: map[cell]bool{},
	}
	if err := in.readRegions(ctx, conn); err != nil {
		return nil, err
	}
	var first, last sql.NullInt64
	if err := conn.QueryRowContext(ctx, "SELECT min(year), max(year) FROM persons WHERE status = 'employed'").Scan(&first, &last); err != nil {
		return nil, fmt.Errorf("persons years: %w", err)
	}
	if !first.Valid {
		return nil, ErrNoEmployment
	}
	in.origin = int(last.Int64)
	if p.Origin != 0 {
		if p.Origin < int(first.Int64) || p.Origin > int(last.Int64) {
			return nil, fmt.Errorf("origin %d: persons has employment for %d-%d", p.Origin, first.Int64, last.Int64)
		}
		in.origin = p.Origin
	}
	for y := int(first.Int64); y <= in.origin; y++ {
		in.years = append(in.years, y)
	}
	var cats []string
	for _, c := range p.JobseekerCategories {
		cats = append(cats, "'"+c+"'")
	}
	tp := templateParams{Workplace: p.Basis == session.Workplace, Origin: in.origin, EntrantYears: p.EntrantYears, Categories: strings.Join(cats, ", ")}
	if len(cats) == 0 {
		tp.Categories = "NULL"
	}
	if err := in.readEmployment(ctx, conn, tp); err != nil {
		return nil, err
	}
	if err := conn.QueryRowContext(ctx, "SELECT count(*) > 0 FROM persons WHERE status = 'employed' AND age IS NULL AND year = ?", in.origin).Scan(&in.unaged); err != nil {
		return nil, fmt.Errorf("persons ages: %w", err)
	}
	if len(in.employed) == 0 {
		if in.unaged && !tp.Workplace {
			return nil, fmt.Errorf("%w on the home basis: the employed are SCB's published employment cells, which give only the workplace län", ErrNoEmployment)
		}
		return nil, fmt.Errorf("%w that places in the requested regions", ErrNoEmployment)
	}
	breaks, err := breaksOf(ctx, conn, p, in.unaged)
	if err != nil {
		return nil, err
	}
	if err := in.adjustBreaks(breaks); err != nil {
		return nil, err
	}
	if err := in.readExits(ctx, s, tp, p.Horizon); err != nil {
		return nil, err
	}
	if err := in.readSupply(ctx, conn, tp); err != nil {
		return nil, err
	}
	return in, nil
}

// ErrNoEmployment is returned when persons holds no employed person.
var ErrNoEmployment = errors.New("no employment in persons (load a register extract first)")

func (in *inputs) readRegions(ctx context.Context, conn *sql.Conn) error {
	rows, err := conn.QueryContext(ctx, "SELECT region_key, level, region, region_name FROM region_keys WHERE region <> '*' ORDER BY region_key")
	if err != nil {
		return fmt.Errorf("regions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r region
		if err := rows.Scan(&r.key, &r.level, &r.code, &r.name); err != nil {
			return err
		}
		in.regions = append(in.regions, r)
	}
	return rows.Err()
}

func (in *inputs) yearIndex(y int) int { return y - in.years[0] }

func (in *inputs) readEmployment(ctx context.Context, conn *sql.Conn, tp templateParams) error {
	q, err := render("employment", tp)
	if err != nil {
		return err
	}
	return store.EachRow(ctx, conn, "employment", func(rows *sql.Rows) error {
		var c cell
		var year int
		var n int64
		if err := rows.Scan(&c.region, &c.ssyk4, &year, &n); err != nil {
			return err
		}
		v := in.employed[c]
		if v == nil {
			v = make([]float64, len(in.years))
			in.employed[c] = v
		}
		t := in.totals[c.region]
		if t == nil {
			t = make([]float64, len(in.years))
			in.totals[c.region] = t
		}
		v[in.yearIndex(year)] = float64(n)
		t[in.yearIndex(year)] += float64(n)
		return nil
	}, q)
}

func (in *inputs) readExits(ctx context.Context, s Session, tp templateParams, horizon int) error {
	prof, err := s.EstimateExitProfileUpTo(ctx, tp.Origin)
	if err != nil {
		return err
	}
	var sb strings.Builder
	sb.WriteString("CREATE OR REPLACE TEMP TABLE exit_within (age SMALLINT, h SMALLINT, p DOUBLE);\nINSERT INTO exit_within VALUES ")
	for a := range prof.Rate {
		if prof.FromData[a] {
			in.exitsFrom++
		}
		for h := 1; h <= horizon; h++ {
			if a > 0 || h > 1 {
				sb.WriteString(", ")
			}
			fmt.Fprintf(&sb, "(%d, %d, %v)", a, h, prof.WithinYears(a, h))
		}
	}
	if _, err := s.Conn().ExecContext(ctx, sb.String()); err != nil {
		return fmt.Errorf("exit profile: %w", err)
	}
	if in.unaged {
		return in.readPublishedExits(ctx, s.Conn(), tp, horizon)
	}
	q, err := render("replacement", tp)
	if err != nil {
		return err
	}
	return store.EachRow(ctx, s.Conn(), "replacement", func(rows *sql.Rows) error {
		var c cell
		var h int
		var x float64
		if err := rows.Scan(&c.region, &c.ssyk4, &h, &x); err != nil {
			return err
		}
		v := in.exits[c]
		if v == nil {
			v = make([]float64, horizon)
			in.exits[c] = v
		}
		v[h-1] = x
		in.ages[c] = "register"
		return nil
	}, q)
}

// readPublishedExits estimates the replacement demand of published
// employment cells from SCB's age structures
// (sql/replacement_published.sql). A region x SSYK 4 any of whose län
// has no age structure has no replacement demand: a sum with an unknown
// part is unknown.
func (in *inputs) readPublishedExits(ctx context.Context, conn *sql.Conn, tp templateParams, horizon int) error {
	q, err := render("replacement_published", tp)
	if err != nil {
		return err
	}
	incomplete := map[cell]bool{}
	err = store.EachRow(ctx, conn, "replacement from SCB's age structures", func(rows *sql.Rows) error {
		var c cell
		var h sql.NullInt64
		var x sql.NullFloat64
		var ages string
		if err := rows.Scan(&c.region, &c.ssyk4, &h, &x, &ages); err != nil {
			return err
		}
		if prev, ok := in.ages[c]; ok && prev != ages && !strings.Contains(prev, ages) {
			ages = prev + " + " + ages
		}
		in.ages[c] = ages
		if !h.Valid || !x.Valid {
			incomplete[c] = true
			return nil
		}
		v := in.exits[c]
		if v == nil {
			v = make([]float64, horizon)
			in.exits[c] = v
		}
		v[h.Int64-1] = x.Float64
		return nil
	}, q)
	for c := range incomplete {
		delete(in.exits, c)
		in.noExits[c] = true
	}
	return err
}

func (in *inputs) readSupply(ctx context.Context, conn *sql.Conn, tp templateParams) error {
	q, err := render("entrants", tp)
	if err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("entrants: %w", err)
	}
	var n int64
	if err := conn.QueryRowContext(ctx, "SELECT count(*) FROM forecast_entrants").Scan(&n); err != nil {
		return fmt.Errorf("entrants: %w", err)
	}
	in.panel = n > 0
	byRegion, shares := "entrants_by_region", "entry_shares"
	if !in.panel {
		byRegion, shares = "graduates_by_region", "young_shares"
	}
	for _, name := range []string{byRegion, shares, "jobseekers"} {
		q, err := render(name, tp)
		if err != nil {
			return err
		}
		err = store.EachRow(ctx, conn, name, func(rows *sql.Rows) error {
			switch name {
			case byRegion:
				var r int32
				var edu string
				var x float64
				if err := rows.Scan(&r, &edu, &x); err != nil {
					return err
				}
				if in.entrants[r] == nil {
					in.entrants[r] = map[string]float64{}
				}
				in.entrants[r][edu] = x
			case shares:
				var edu, ssyk string
				var x float64
				if err := rows.Scan(&edu, &ssyk, &x); err != nil {
					return err
				}
				if in.shares[edu] == nil {
					in.shares[edu] = map[string]float64{}
				}
				in.shares[edu][ssyk] = x
			default:
				var c cell
				var x float64
				if err := rows.Scan(&c.region, &c.ssyk4, &x); err != nil {
					return err
				}
				in.jobseekers[c] = x
			}
			return nil
		}, q)
		if err != nil {
			return err
		}
	}
	return nil
}

// cells returns the region x occupation cells in a fixed order.
func (in *inputs) cells() []cell {
	cs := make([]cell, 0, len(in.employed))
	for c := range in.employed {
		cs = append(cs, c)
	}
	sort.Slice(cs, func(i, j int) bool {
		if cs[i].region != cs[j].region {
			return cs[i].region < cs[j].region
		}
		return cs[i].ssyk4 < cs[j].ssyk4
	})
	return cs
}
