package check

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strings"

	"github.com/duckdb/duckdb-go/v2"

	"lmi/codes"
	"lmi/disclosure"
	"lmi/disclosure/tables"
	"lmi/indicators"
)

// DefaultK is lmi's default threshold of primary suppression.
const DefaultK = 5

// Options say what to check.
type Options struct {
	// K is the threshold of primary suppression; 0 takes the run
	// manifest's, else DefaultK.
	K int
	// P is the protection level: no suppressed count below K may be
	// narrowed to an interval narrower than P. 0 means K.
	P int
	// Groupings are custom groupings the outputs use, besides those the
	// run manifest names.
	Groupings []*codes.Grouping
	// Periods, when set, restrict the check to these periods (identities
	// across periods then reach only within them).
	Periods []string
	// Families are the families' declarations; nil means lmi's own.
	Families []*tables.Family
	// Attacker sets the attacker's limits (disclosure.Config's ExactLimit,
	// Hops, NeighbourLimit, RationalLimit); K and P are the fields above.
	Attacker disclosure.Config
}

// Exposure is a suppressed count the attacker narrows too far.
type Exposure struct {
	tables.Count
	// Name describes the count for messages.
	Name string
	// Lo and Hi are the attacker's bounds.
	Lo, Hi float64
}

// Result is what a check found.
type Result struct {
	// Dir is the folder the outputs were read from, Files the files.
	Dir   string
	Files []string
	K, P  int
	// Counts, Published and Suppressed count the counts behind the rows.
	Counts, Published, Suppressed int
	// Relations, Broken and Ties are the problem's (tables.Problem).
	Relations, Broken, Ties int
	// Exposed lists the suppressed counts narrower than P, in the order
	// of the files and their rows.
	Exposed []Exposure
	// Pinned counts the exposed ones the attacker recovers exactly.
	Pinned int
	// Audit is the attacker's result.
	Audit *disclosure.AuditResult
	// Notes say what the check could not take into account.
	Notes []string
}

// OK reports whether no suppressed count is exposed.
func (r *Result) OK() bool { return len(r.Exposed) == 0 }

// Run checks the outputs in dir.
func Run(ctx context.Context, dir string, o Options) (*Result, error) {
	fams := o.Families
	if fams == nil {
		fams = indicators.Builtin().Disclosure()
	}
	out, files, err := outputDir(dir, fams)
	if err != nil {
		return nil, err
	}
	res := &Result{Dir: out, Files: files}
	mk, mgs, notes := readManifest(dir)
	res.Notes = notes
	res.K = firstPositive(o.K, mk, DefaultK)
	res.P = firstPositive(o.P, res.K)
	c, err := collect(ctx, files, fams, o.Periods)
	if err != nil {
		return nil, err
	}
	rs := tables.CodeRegions(append(append([]*codes.Grouping(nil), o.Groupings...), mgs...))
	p, err := c.Build(rs)
	if errors.Is(err, tables.ErrUnknownLevel) {
		return nil, fmt.Errorf("check %s: %w: give its grouping file", quote(dir), err)
	}
	if err != nil {
		return nil, fmt.Errorf("check %s: %w", quote(dir), err)
	}
	res.Relations, res.Broken, res.Ties = p.Relations, p.Broken, p.Ties
	if err := audit(c, p, o, res); err != nil {
		return nil, err
	}
	return res, nil
}

func firstPositive(xs ...int) int {
	for _, x := range xs {
		if x > 0 {
			return x
		}
	}
	return 0
}

// collect reads every family file into a collection.
func collect(ctx context.Context, files []string, fams []*tables.Family, periods []string) (*tables.Collector, error) {
	connector, err := duckdb.NewConnector("", nil)
	if err != nil {
		return nil, fmt.Errorf("check: %w", err)
	}
	defer connector.Close()
	db := sql.OpenDB(connector)
	defer db.Close()
	c := tables.NewCollector(fams)
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		for _, f := range fams {
			if f.Name == name {
				if err := readFamily(ctx, db, path, f, periods, c); err != nil {
					return nil, err
				}
			}
		}
	}
	return c, nil
}

// audit attacks the problem and lists the exposed counts.
func audit(c *tables.Collector, p *tables.Problem, o Options, res *Result) error {
	pt, err := p.Primary(0)
	if err != nil {
		return err
	}
	for i := range int32(c.Len()) {
		ct := c.Count(i)
		res.Counts++
		if ct.Primary && !p.Known(disclosure.Cell(i)) {
			if err := pt.SetPrimary(disclosure.Cell(i)); err != nil {
				return err
			}
		}
	}
	cfg := o.Attacker
	cfg.K, cfg.P = res.K, res.P
	ar, err := disclosure.Audit(pt, cfg)
	if err != nil {
		return fmt.Errorf("check: %w", err)
	}
	res.Audit = ar
	for i := range int32(c.Len()) {
		b, ok := ar.Bounds(disclosure.Cell(i))
		if !ok {
			res.Published++
			continue
		}
		res.Suppressed++
		ct := c.Count(i)
		if !exposed(ct, b, res.K, res.P) {
			continue
		}
		res.Exposed = append(res.Exposed, Exposure{Count: ct, Name: c.Name(i), Lo: b.Lo, Hi: b.Hi})
		if b.Lo == b.Hi {
			res.Pinned++
		}
	}
	if !ar.PropagationComplete {
		res.Notes = append(res.Notes, "propagation stopped at its work limit: bounds are valid but may be looser than the attacker's")
	}
	return nil
}

// exposed applies the requirement to a suppressed count: narrower than p,
// and below k by the output's reason or, without one, possibly below k.
func exposed(ct tables.Count, b disclosure.Bounds, k, p int) bool {
	if math.IsInf(b.Hi, 1) || b.Hi-b.Lo >= float64(p) {
		return false
	}
	switch {
	case ct.Primary:
		return true
	case ct.Other:
		return false
	}
	return b.Lo < float64(k)
}

// Write prints the result for a user: what was read, the problem, the
// exposed counts (the first show of them) and the notes.
func (r *Result) Write(w io.Writer, show int) {
	fmt.Fprintf(w, "%d output files in %s: %d counts, %d published, %d suppressed\n", len(r.Files), r.Dir, r.Counts, r.Published, r.Suppressed)
	fmt.Fprintf(w, "%d relations among them (%d counts shared between families or periods", r.Relations, r.Ties)
	if r.Broken > 0 {
		fmt.Fprintf(w, "; %d declared identities the published counts break, left out", r.Broken)
	}
	fmt.Fprintln(w, ")")
	if a := r.Audit; a != nil {
		fmt.Fprintf(w, "attacker: %d counts bounded by propagation, %d by exact programs, %d by neighbourhood programs, %d by exact elimination\n",
			a.ByMethod[disclosure.ByPropagation], a.ByMethod[disclosure.ByExactLP], a.ByMethod[disclosure.ByNeighbourhoodLP], a.ByMethod[disclosure.ByRational])
	}
	for _, n := range r.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
	if r.OK() {
		fmt.Fprintf(w, "no suppressed count below k = %d can be narrowed to fewer than %d values\n", r.K, r.P)
		return
	}
	fmt.Fprintf(w, "%d suppressed counts are exposed (k = %d, protection %d), %d recovered exactly:\n", len(r.Exposed), r.K, r.P, r.Pinned)
	for _, e := range r.Exposed[:min(show, len(r.Exposed))] {
		if e.Lo == e.Hi {
			fmt.Fprintf(w, "  %s: recovered as %g\n", e.Name, e.Lo)
		} else {
			fmt.Fprintf(w, "  %s: between %g and %g\n", e.Name, e.Lo, e.Hi)
		}
	}
	if len(r.Exposed) > show {
		fmt.Fprintf(w, "  ... and %d more\n", len(r.Exposed)-show)
	}
}
