package indicators

import (
	"context"
	"fmt"
	"lmi/settings"
	"math"
	"slices"
	"strconv"
	"strings"
)

// The current shortage composite (docs/methods.md sections 5.1 and 6.3),
// family shortage: six sub-indicators ("parts") per region, occupation
// (SSYK 4) and year, each published as is and scaled, and their weighted
// mean with a class. families/shortage/cells.sql defines every count,
// part, the scaling and the composite; this file holds the parameters and
// the step after secondary suppression (the family's after_suppression).
//
// Suppression. Every published row carries its counts and is suppressed
// at k like any other (primary), and its counts (V, U, E, E60, G) take
// part in secondary suppression across nested regions. Two things the
// general machinery cannot see are done here, after it:
//   - rows that use a count of the previous year (the growth parts,
//     expected openings and graduates per opening) or one outside their
//     numerator and denominator (E behind the unemployment rate) are
//     suppressed unless that count is published in an unsuppressed row
//     (the indicators' "depends" header). The unemployment rate's denominator U + E is then
//     shown only where U and E both are, so it is protected as they are
//     (a sum of two protected counts hides none or at least two members of
//     any relation);
//   - the scaled parts and the composite are computed again from only the
//     parts whose published rows survived (the economy-wide measure too,
//     over those cells), so they are functions of published numbers: a
//     hidden count cannot be solved back out of a composite, a window mean
//     or an economy-wide total. A composite over fewer parts is reweighted
//     and says how many it used.

// ShortageParts are the sub-indicators of the composite, the keys of
// ShortageParams.Weights, in the order of the output.
var ShortageParts = []string{"tightness", "vacancy_growth", "employment_growth", "unemployment", "aged_60", "graduates"}

// ShortageParams are the choices of the composite.
type ShortageParams struct {
	// Weights of the parts (ShortageParts keys, all present) in the
	// composite; 0 leaves a part out, at least one must be positive. A
	// settings table names only the parts it changes.
	Weights map[string]float64 `toml:"weights" want:"a table of part = weight (tightness, vacancy_growth, employment_growth, unemployment, aged_60, graduates)"`
	// Window is how many years before a year make an occupation's usual
	// level (the years among them where the part is usable, at least one).
	Window int `toml:"window" want:"an integer (years)"`
	// Thresholds are the four increasing class bounds T1..T4 on the
	// composite: below T1 class 1 (clear surplus), below T2 2, up to T3 3
	// (balance), up to T4 4, above it 5 (clear shortage).
	Thresholds []float64 `toml:"thresholds" want:"an array of four numbers"`
}

// DefaultShortageParams: every part weighs the same; the usual level is
// the mean of the five years before; classes at -0.3, -0.1, 0.1 and 0.3
// log points (about 25% below, 10% below, 10% above and 35% above the
// occupation's usual level relative to the economy), the same bands as
// the forecast's balance classes.
func DefaultShortageParams() ShortageParams {
	w := map[string]float64{}
	for _, p := range ShortageParts {
		w[p] = 1
	}
	return ShortageParams{Weights: w, Window: 5, Thresholds: []float64{-0.3, -0.1, 0.1, 0.3}}
}

func (sp ShortageParams) validate() settings.Errors {
	var es settings.Errors
	keys := make([]string, 0, len(sp.Weights))
	for k := range sp.Weights {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !slices.Contains(ShortageParts, k) {
			es.Addf("weights."+k, "shortage weight %q: unknown part %q (want %s)", k, k, strings.Join(ShortageParts, ", "))
		}
	}
	total := 0.0
	for _, p := range ShortageParts {
		w, ok := sp.Weights[p]
		switch {
		case !ok:
			es.Addf("weights", "shortage weight for %s missing", p)
		case math.IsNaN(w) || math.IsInf(w, 0) || w < 0:
			es.Addf("weights."+p, "shortage weight %s = %v: must be 0 or more", p, w)
		default:
			total += w
		}
	}
	if total <= 0 {
		es.Addf("weights", "shortage weights: at least one must be positive")
	}
	if sp.Window < 1 || sp.Window > 30 {
		es.Addf("window", "shortage window %d: want 1 to 30 years", sp.Window)
	}
	if len(sp.Thresholds) != 4 {
		es.Addf("thresholds", "shortage thresholds: %d numbers: want four increasing class bounds", len(sp.Thresholds))
		return es
	}
	for i, t := range sp.Thresholds {
		if math.IsNaN(t) || math.IsInf(t, 0) || i > 0 && t <= sp.Thresholds[i-1] {
			es.Addf("thresholds", "shortage thresholds %v: must be finite and increase", sp.Thresholds)
			break
		}
	}
	return es
}

// shortageTemplate is what the shortage family's cells.sql and the steps
// after secondary suppression (its other SQL files) need, formatted for
// SQL.
type shortageTemplate struct {
	Weights    []shortageWeight
	Window     int
	Horizon    int
	Thresholds []string
	Rescale    bool // the second run, after secondary suppression
	// PartIndicators: VALUES rows (part, indicator), each part's
	// published indicator (its "part" header); unusable.sql.
	PartIndicators string
	// Carries: VALUES rows (indicator, quantity), the counts each
	// indicator publishes as numerator or denominator; Depends: VALUES
	// rows (indicator, quantity, lag), the indicators' "depends" headers;
	// dependencies.sql.
	Carries, Depends string
	// Recomputed: the quoted names of the indicators computed again;
	// RecomputedRows: macros/suppress.sql rendered over them;
	// rescale_rows.sql.
	Recomputed, RecomputedRows string
}

type shortageWeight struct{ Part, Weight string }

func (sp ShortageParams) template(horizon int) shortageTemplate {
	t := shortageTemplate{Window: sp.Window, Horizon: horizon}
	for _, p := range ShortageParts {
		t.Weights = append(t.Weights, shortageWeight{p, shortFloat(sp.Weights[p])})
	}
	for _, x := range sp.Thresholds {
		t.Thresholds = append(t.Thresholds, shortFloat(x))
	}
	return t
}

// shortageAfterSuppression runs on the shortage family's result table once
// secondary suppression has flagged it, before the numbers of suppressed
// rows are dropped: the dependency rule, then the scaled parts and the
// composite again from the published parts only.
func (s *Session) shortageAfterSuppression(ctx context.Context, f *family, table string, inds []*Indicator, tp templateParams) error {
	if err := s.shortageDependencies(ctx, f, table, inds); err != nil {
		return err
	}
	// Parts whose published row is now suppressed are no longer usable.
	raw := map[string]string{}
	for _, ind := range inds {
		if ind.Part != "" {
			raw[ind.Part] = ind.Name
		}
	}
	var lost []string
	for _, p := range ShortageParts {
		if name, ok := raw[p]; ok {
			lost = append(lost, fmt.Sprintf("(%s, %s)", sqlString(p), sqlString(name)))
		}
	}
	if len(lost) == 0 {
		lost = append(lost, "(NULL, NULL)")
	}
	tp.Table = table
	tp.Shortage.PartIndicators = strings.Join(lost, ", ")
	q, err := f.render("unusable.sql", tp)
	if err != nil {
		return err
	}
	res, err := s.Exec(ctx, q)
	if err != nil {
		return fmt.Errorf("family shortage: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n > 0 {
		if err := s.shortageRescale(ctx, f, table, inds, tp); err != nil {
			return fmt.Errorf("family shortage: %w", err)
		}
	}
	q, err = f.render("drop.sql", tp)
	if err != nil {
		return err
	}
	_, err = s.Exec(ctx, q)
	return err
}

// shortageDependencies suppresses the rows of shortageDepends whose
// counts are not published: no unsuppressed row of the same region,
// occupation and year carries them as numerator or denominator.
func (s *Session) shortageDependencies(ctx context.Context, f *family, table string, inds []*Indicator) error {
	var carries, deps []string
	for _, ind := range inds {
		for _, q := range []string{ind.Numerator, ind.Denominator} {
			if q != "" {
				carries = append(carries, fmt.Sprintf("(%s, %s)", sqlString(ind.Name), sqlString(q)))
			}
		}
		for _, d := range ind.Depends {
			deps = append(deps, fmt.Sprintf("(%s, %s, %d)", sqlString(ind.Name), sqlString(d.Quantity), d.Lag))
		}
	}
	if len(deps) == 0 {
		return nil
	}
	if len(carries) == 0 {
		carries = append(carries, "(NULL, NULL)")
	}
	q, err := f.render("dependencies.sql", templateParams{Table: table, Shortage: shortageTemplate{
		Carries: strings.Join(carries, ", "),
		Depends: strings.Join(deps, ", "),
	}})
	if err != nil {
		return err
	}
	if _, err := s.Exec(ctx, q); err != nil {
		return fmt.Errorf("family shortage: dependencies: %w", err)
	}
	return nil
}

// shortageRescale rebuilds the scaled parts and the composite from the
// usable parts and replaces the rows of the indicators that carry no
// counts of their own (the scaled parts, the composite, its class and
// parts, expected openings; a user's indicator without a numerator)
// with rows computed from the new cells.
func (s *Session) shortageRescale(ctx context.Context, f *family, table string, inds []*Indicator, tp templateParams) error {
	tp.Shortage.Rescale = true
	q, err := f.render(f.sources[0].cells, tp)
	if err != nil {
		return err
	}
	if _, err := s.Exec(ctx, q); err != nil {
		return err
	}
	var again []*Indicator
	var names []string
	for _, ind := range inds {
		if ind.Numerator == "" {
			again = append(again, ind)
			names = append(names, ind.Name)
		}
	}
	if len(again) == 0 {
		return nil
	}
	var parts []string
	for _, ind := range again {
		part, err := wrapIndicator(ind, f.dims)
		if err != nil {
			return err
		}
		parts = append(parts, part)
	}
	tp.Body = strings.Join(parts, "\n        UNION ALL\n")
	tp.Dims = f.dims
	query, err := renderMacro("suppress.sql", tp)
	if err != nil {
		return err
	}
	// The old rows out, the new ones in, with row ids above the old ones:
	// the dependency rule finds rows by id.
	tp.Table = table
	tp.Shortage.Recomputed = sqlStrings(names)
	tp.Shortage.RecomputedRows = query
	if q, err = f.render("rescale_rows.sql", tp); err != nil {
		return err
	}
	if _, err := s.Exec(ctx, q); err != nil {
		return err
	}
	// expected openings came back unflagged
	return s.shortageDependencies(ctx, f, table, inds)
}

// shortFloat formats a validated (finite) parameter as a SQL double
// literal, shortest first: 0.1, not 0.10000000000000001.
func shortFloat(x float64) string {
	return "CAST(" + strconv.FormatFloat(x, 'g', -1, 64) + " AS DOUBLE)"
}
