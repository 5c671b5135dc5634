package bench

import (
	"context"
	_ "embed"
	"fmt"
	"time"

	"lmi/codes"
	"lmi/indicators"
	"lmi/report/results"
)

//go:embed baseline_status.sql
var statusSQL string

//go:embed baseline_commuting.sql
var commutingSQL string

// SuiteParams is the whole indicator suite at län, FA and riket with every
// dimension: what a region's yearly analysis computes.
func SuiteParams() indicators.Params {
	p := indicators.DefaultParams()
	p.Levels = []codes.Level{codes.LevelLan, codes.LevelFA, codes.LevelRiket}
	return p
}

// RunSuite computes every indicator and writes each family's files to dir
// as it goes, as lmi indicators compute does.
func RunSuite(ctx context.Context, s *indicators.Session, dir string) (time.Duration, *indicators.Result, error) {
	start := time.Now()
	p := SuiteParams()
	p.Write = results.Families(dir, results.Options{DB: s.DB()})
	res, err := s.Compute(ctx, p)
	return time.Since(start), res, err
}

// FamilyParams is one family's counts by län x education group x sex x
// year, as the baselines compute them.
func FamilyParams(family string) indicators.Params {
	p := indicators.DefaultParams()
	p.Levels = []codes.Level{codes.LevelLan}
	p.By = []string{indicators.DimEdu, indicators.DimSex}
	switch family {
	case "status":
		p.Indicators = []string{"antal_forvarvsarbetande", "antal_arbetslosa", "antal_studerande", "antal_ovriga_utanfor", "antal_befolkning"}
	case "commuting":
		p.Indicators = []string{"nattbefolkning", "dagbefolkning", "antal_bor_och_arbetar", "antal_utpendlare", "antal_inpendlare"}
	default:
		return MatchingParams()
	}
	return p
}

// RunFamily computes one family with lmi (FamilyParams).
func RunFamily(ctx context.Context, s *indicators.Session, family string) (time.Duration, error) {
	start := time.Now()
	_, err := s.Compute(ctx, FamilyParams(family))
	return time.Since(start), err
}

// RunFamilyBaseline runs the hand-written query of a family.
func RunFamilyBaseline(ctx context.Context, s *indicators.Session, family string) (time.Duration, error) {
	q := map[string]string{"matching": baselineSQL, "status": statusSQL, "commuting": commutingSQL}[family]
	if q == "" {
		return 0, fmt.Errorf("no baseline for family %s", family)
	}
	start := time.Now()
	_, err := s.Conn().ExecContext(ctx, q)
	return time.Since(start), err
}

// CompareFamily checks lmi's unsuppressed counts of a family against its
// baseline, and that no count below k is shown. It returns the cells
// compared and the cells that differ.
func CompareFamily(ctx context.Context, s *indicators.Session, family string, k int) (cells, differ int64, err error) {
	cols := map[string]map[string]string{
		"status": {"antal_forvarvsarbetande": "employed", "antal_arbetslosa": "unemployed", "antal_studerande": "students",
			"antal_ovriga_utanfor": "others", "antal_befolkning": "population"},
		"commuting": {"nattbefolkning": "night", "dagbefolkning": "day", "antal_bor_och_arbetar": "live_work",
			"antal_utpendlare": "out_commuters", "antal_inpendlare": "in_commuters"},
	}[family]
	for ind, col := range cols {
		var c, d int64
		q := fmt.Sprintf(`
SELECT count(*), count(*) FILTER (WHERE l.indicator IS NULL
        OR (NOT l.suppressed AND l.numerator <> b.%[1]s)
        OR (NOT l.suppressed AND b.%[1]s < ?))
FROM baseline_%[2]s AS b
LEFT JOIN results_%[2]s AS l
  ON l.indicator = '%[3]s' AND l.region_level = 'lan' AND l.region = b.lan
 AND l.period = CAST(b.year AS VARCHAR) AND l.edu_group = b.edu_group AND l.sex = b.sex
WHERE b.%[1]s > 0`, col, family, ind)
		if err := s.Conn().QueryRowContext(ctx, q, k).Scan(&c, &d); err != nil {
			return cells, differ, err
		}
		cells += c
		differ += d
	}
	return cells, differ, nil
}
