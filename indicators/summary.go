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
// period from its family's result table, highest first (ties by region
// code). It reads the cells where every dimension is TOT, so compute with
// By empty first.
func (s *Session) Ranking(ctx context.Context, indicator, level, period string) ([]RegionValue, error) {
	ind, ok := Lookup(indicator)
	if !ok {
		return nil, fmt.Errorf("ranking: unknown indicator %q", indicator)
	}
	f, _ := familyByName(ind.Family)
	q, err := renderMacro("ranking.sql", templateParams{Table: ResultTable(f.name), Dims: f.dims})
	if err != nil {
		return nil, err
	}
	rows, err := s.conn.QueryContext(ctx, q, indicator, level, period)
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

// Periods lists the periods in a family's result table, oldest first.
func (s *Session) Periods(ctx context.Context, family string) ([]string, error) {
	rows, err := s.conn.QueryContext(ctx, "SELECT DISTINCT period FROM "+ResultTable(family)+" ORDER BY period")
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
