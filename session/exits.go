package session

import (
	"context"
	"database/sql"
	_ "embed"

	"lmi/store"
)

// Expected exits (docs/methods.md section 3.5): how many of today's employed
// will have left working life within h years, from age-specific exit rates.
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
	pairs, err := s.PanelPairs(ctx)
	if err != nil {
		return nil, err
	}
	// One pair of years at a time, so memory holds two years of the
	// panel, not all of them.
	var employed, exits [len(ExitProfile{}.Rate)]int64
	for _, y := range pairs {
		if y+1 > last {
			break
		}
		err := store.EachRow(ctx, s.conn, "exit rates", func(rows *sql.Rows) error {
			var age int
			var e, x int64
			if err := rows.Scan(&age, &e, &x); err != nil {
				return err
			}
			if age >= 0 && age < len(employed) {
				employed[age] += e
				exits[age] += x
			}
			return nil
		}, exitRatesSQL(), y)
		if err != nil {
			return nil, err
		}
	}
	for a := range p.Rate {
		if employed[a] >= MinExitObservations {
			p.Rate[a] = float64(exits[a]) / float64(employed[a])
			p.FromData[a] = true
		}
	}
	return p, nil
}

// PanelPairs lists the years y with person ids in both y and y+1: the
// families that follow persons from one year to the next go one such pair
// at a time, so memory holds two years of the panel, not all of them.
func (s *Session) PanelPairs(ctx context.Context) ([]int, error) {
	q, err := render("panel_pairs.sql", nil)
	if err != nil {
		return nil, err
	}
	var ys []int
	err = store.EachRow(ctx, s.conn, "panel years", func(rows *sql.Rows) error {
		var y int
		if err := rows.Scan(&y); err != nil {
			return err
		}
		ys = append(ys, y)
		return nil
	}, q)
	return ys, err
}

func exitRatesSQL() string {
	b, _ := sqlFiles.ReadFile("sql/exit_rates.sql") // compiled in
	return string(b)
}
