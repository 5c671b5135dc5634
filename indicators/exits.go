package indicators

import (
	"context"
	"fmt"
	"strings"
)

// Expected exits (METHODS.md section 3): how many of today's employed will
// have left working life within h years, from age-specific exit rates.
//
// The rates come from the person panel when it can give them: among the
// employed of age a in a year (with a person_id and a following year in the
// register), the share who a year later are outside the labour force
// (not as students) or gone from the register. Ages with fewer than
// MinExitObservations such persons, or a register without a panel, take
// the default profile below instead.

// MinExitObservations is the number of employed person-years an age needs
// for its exit rate to be estimated from the panel.
const MinExitObservations = 200

// DefaultExitRate is lmi's documented default retirement-age profile: the
// yearly probability that an employed person of this age leaves working
// life (retirement, disability, death, emigration). It follows the shape
// of Swedish retirement: low until the late fifties, rising through the
// early sixties, a peak at 65 (the usual pension age) and most remaining
// workers leaving by 69.
func DefaultExitRate(age int) float64 {
	switch {
	case age < 55:
		return 0.005
	case age < 60:
		return 0.015
	case age < 62:
		return 0.04
	case age < 64:
		return 0.08
	case age == 64:
		return 0.15
	case age == 65:
		return 0.45
	case age < 69:
		return 0.30
	default:
		return 0.50
	}
}

// ExitProfile holds a yearly exit rate per age 0..MaxAge and where it came
// from.
type ExitProfile struct {
	Rate     [121]float64
	FromData [121]bool
}

// WithinYears is the probability that a person aged age leaves within h
// years: 1 - prod_{j<h} (1 - rate(age + j)).
func (p *ExitProfile) WithinYears(age, h int) float64 {
	stay := 1.0
	for j := 0; j < h; j++ {
		a := min(age+j, len(p.Rate)-1)
		stay *= 1 - p.Rate[a]
	}
	return 1 - stay
}

// EstimateExitProfile estimates yearly exit rates from the persons panel,
// falling back to DefaultExitRate age by age.
func (s *Session) EstimateExitProfile(ctx context.Context) (*ExitProfile, error) {
	return s.EstimateExitProfileUpTo(ctx, 9999)
}

// EstimateExitProfileUpTo estimates the exit rates from the panel years up
// to last only, for a forecast from origin last that must not see later
// years.
func (s *Session) EstimateExitProfileUpTo(ctx context.Context, last int) (*ExitProfile, error) {
	p := &ExitProfile{}
	for a := range p.Rate {
		p.Rate[a] = DefaultExitRate(a)
	}
	rows, err := s.conn.QueryContext(ctx, `
WITH years AS (SELECT DISTINCT year FROM persons WHERE person_id IS NOT NULL AND year <= $1),
now AS (
    SELECT person_id, year, age FROM persons
    WHERE person_id IS NOT NULL AND status = 'employed' AND year + 1 IN (SELECT year FROM years)
)
SELECT n.age, count(*) AS employed,
       count(*) FILTER (WHERE nx.person_id IS NULL OR nx.status = 'outside') AS exits
FROM now AS n
LEFT JOIN persons AS nx ON nx.person_id = n.person_id AND nx.year = n.year + 1
GROUP BY n.age`, last)
	if err != nil {
		return nil, fmt.Errorf("exit rates: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var age int
		var employed, exits int64
		if err := rows.Scan(&age, &employed, &exits); err != nil {
			return nil, err
		}
		if age >= 0 && age < len(p.Rate) && employed >= MinExitObservations {
			p.Rate[age] = float64(exits) / float64(employed)
			p.FromData[age] = true
		}
	}
	return p, rows.Err()
}

// buildExitProfile writes exit_profile (age, within_h), the probability of
// leaving within the horizon for each age, for the age-structure cells.
func (s *Session) buildExitProfile(ctx context.Context, horizon int) error {
	prof, err := s.EstimateExitProfile(ctx)
	if err != nil {
		return err
	}
	var sb strings.Builder
	sb.WriteString("CREATE OR REPLACE TEMP TABLE exit_profile (age SMALLINT, within_h DOUBLE);\nINSERT INTO exit_profile VALUES ")
	for a := range prof.Rate {
		if a > 0 {
			sb.WriteString(", ")
		}
		fmt.Fprintf(&sb, "(%d, %s)", a, sqlFloat(prof.WithinYears(a, horizon)))
	}
	_, err = s.conn.ExecContext(ctx, sb.String())
	return err
}
