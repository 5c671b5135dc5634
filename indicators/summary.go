package indicators

import (
	"context"
	"fmt"
)

// RegionValue is one region's value of an indicator.
type RegionValue struct {
	Region, Name string
	Value        float64
	N            int64
}

// Ranking returns the unsuppressed values of one indicator at one level and
// period from ResultTable, highest first (ties by region code). It reads
// the cells where every dimension is TOT, so compute with By empty first.
func (s *Session) Ranking(ctx context.Context, indicator, level, period string) ([]RegionValue, error) {
	rows, err := s.conn.QueryContext(ctx, `
		SELECT region, region_name, value, n
		FROM `+ResultTable+`
		WHERE indicator = ? AND region_level = ? AND period = ?
		  AND edu_group = 'TOT' AND sex = 'TOT' AND birth_region = 'TOT'
		  AND NOT suppressed
		ORDER BY value DESC, region`, indicator, level, period)
	if err != nil {
		return nil, fmt.Errorf("ranking %s: %w", indicator, err)
	}
	defer rows.Close()
	var out []RegionValue
	for rows.Next() {
		var r RegionValue
		if err := rows.Scan(&r.Region, &r.Name, &r.Value, &r.N); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Periods lists the periods in ResultTable, oldest first.
func (s *Session) Periods(ctx context.Context) ([]string, error) {
	rows, err := s.conn.QueryContext(ctx, "SELECT DISTINCT period FROM "+ResultTable+" ORDER BY period")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
