package indicators

import (
	"context"
	"fmt"
	"strings"
)

// buildExitProfile writes exit_profile (age, within_h), the probability of
// leaving within the horizon for each age, for the age-structure cells
// (macros/exit_profile.sql).
func (s *Session) buildExitProfile(ctx context.Context, horizon int) error {
	prof, err := s.EstimateExitProfile(ctx)
	if err != nil {
		return err
	}
	rows := make([]string, len(prof.Rate))
	for a := range prof.Rate {
		rows[a] = fmt.Sprintf("(%d, %s)", a, sqlFloat(prof.WithinYears(a, horizon)))
	}
	q, err := renderMacro("exit_profile.sql", templateParams{Rows: tableRows{ExitProfile: strings.Join(rows, ", ")}})
	if err != nil {
		return err
	}
	_, err = s.Exec(ctx, q)
	return err
}
