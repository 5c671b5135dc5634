package forecast

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"lmi/session"
)

// NotCompared is a publisher's release of assessments loaded but not
// compared with lmi's forecast, and why: a user who loaded it and finds
// no agreement is told which input is missing.
type NotCompared struct {
	Publisher, Round string
	// Measures are the release's measures with classes not compared.
	Measures []string
	Reason   string
}

func (n NotCompared) String() string {
	return fmt.Sprintf("%s round %s (%s) not compared with lmi's classes: %s", n.Publisher, n.Round, strings.Join(n.Measures, ", "), n.Reason)
}

// assessedRelease is one publisher, round and measure loaded with
// classes (sql/assessed.sql).
type assessedRelease struct {
	publisher, round, measure string
	occupations, mapped       int
	levels                    string
}

// Uncompared says, for each publisher and round of assessments with
// classes in the store that gave none of as, why: a scale lmi does not
// compare with, occupations that map to no SSYK 4, a forecast without
// classes, or no region and SSYK 4 group classed by both.
func Uncompared(ctx context.Context, conn *sql.Conn, res *Result, as []Agreement) ([]NotCompared, error) {
	q, err := sqlFiles.ReadFile("sql/assessed.sql")
	if err != nil {
		return nil, err
	}
	rows, err := conn.QueryContext(ctx, string(q))
	if err != nil {
		return nil, fmt.Errorf("assessments loaded: %w", err)
	}
	defer rows.Close()
	var rs []assessedRelease
	for rows.Next() {
		var r assessedRelease
		if err := rows.Scan(&r.publisher, &r.round, &r.measure, &r.occupations, &r.mapped, &r.levels); err != nil {
			return nil, err
		}
		rs = append(rs, r)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	compared := map[[3]string]bool{}
	for _, a := range as {
		compared[[3]string{a.Publisher, a.Round, a.Measure}] = true
	}
	var out []NotCompared
	for i := 0; i < len(rs); {
		j := i
		for j < len(rs) && rs[j].publisher == rs[i].publisher && rs[j].round == rs[i].round {
			j++
		}
		out = append(out, uncomparedRelease(rs[i:j], compared, res)...)
		i = j
	}
	return out, nil
}

// uncomparedRelease says why the measures of one release were not
// compared: those lmi compares with, one line per reason; the others
// only when the release has none lmi compares with.
func uncomparedRelease(rs []assessedRelease, compared map[[3]string]bool, res *Result) []NotCompared {
	var out []NotCompared
	var other []string
	comparable := false
	add := func(r assessedRelease, reason string) {
		for i := range out {
			if out[i].Reason == reason {
				out[i].Measures = append(out[i].Measures, r.measure)
				return
			}
		}
		out = append(out, NotCompared{Publisher: r.publisher, Round: r.round, Measures: []string{r.measure}, Reason: reason})
	}
	for _, r := range rs {
		am, ok := assessedMeasures[r.measure]
		if !ok {
			other = append(other, r.measure)
			continue
		}
		comparable = true
		if compared[[3]string{r.publisher, r.round, r.measure}] {
			continue
		}
		add(r, uncomparedReason(r, min(am.h, res.Params.Horizon), res))
	}
	if !comparable && len(other) > 0 {
		out = append(out, NotCompared{Publisher: rs[0].publisher, Round: rs[0].round, Measures: other,
			Reason: "lmi compares its shortage classes with bristindex's and yrkesprognoser's five classes (bristindex_1ar, bristindex_5ar, index) and yrkesbarometer's rekryteringssituation, and with no other measure"})
	}
	return out
}

// uncomparedReason says why a measure lmi compares with gave no pair.
func uncomparedReason(r assessedRelease, h int, res *Result) string {
	if r.mapped == 0 {
		return fmt.Sprintf("none of its %d occupations maps to SSYK 4: load the file with an occupation map (lmi ingest --occupation-map, occupation_map in a run spec)", r.occupations)
	}
	levels := classedLevels(res, h)
	if len(levels) == 0 {
		if res.NoAges {
			return fmt.Sprintf("lmi's forecast has no classes: the employed of %d have no ages, so replacement demand and the balance are not estimated (load SCB's age structure, YREG57, or persons with ages)", res.Origin)
		}
		return fmt.Sprintf("lmi's forecast has no class for an SSYK 4 group %s that is not suppressed", yearsAhead(h))
	}
	return fmt.Sprintf("no region and SSYK 4 group classed by both: its regions are of level %s, lmi's classes %s are for %s (the forecast's levels: lmi forecast --level, levels under [forecast] in a run spec)",
		r.levels, yearsAhead(h), strings.Join(levels, ", "))
}

// classedLevels are the region levels at which res has an unsuppressed
// class for an SSYK 4 group h years ahead (the levels' totals as riket).
func classedLevels(res *Result, h int) []string {
	var out []string
	for _, r := range res.Rows {
		if r.SSYKLevel != 4 || r.H != h || r.Suppressed || r.Class == 0 {
			continue
		}
		l := r.Level
		if r.Region == session.AllRegions {
			l = "riket"
		}
		if !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	slices.Sort(out)
	return out
}

// yearsAhead is "1 year ahead", "5 years ahead".
func yearsAhead(h int) string {
	if h == 1 {
		return "1 year ahead"
	}
	return fmt.Sprintf("%d years ahead", h)
}
