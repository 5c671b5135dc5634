package bench

import (
	"context"
	_ "embed"
	"fmt"
	"time"

	"lmi/codes"
	"lmi/indicators"
	"lmi/store"
)

//go:embed baseline_matching.sql
var baselineSQL string

//go:embed baseline_matching_tuned.sql
var tunedSQL string

// Baseline tables, filled by RunBaseline and RunTuned.
const (
	BaselineTable = "baseline"
	TunedTable    = "baseline_tuned"
)

// MatchingParams is lmi's side of the comparison: the nine matching
// indicators the baselines compute, by län x education group x sex x year.
func MatchingParams() indicators.Params {
	p := indicators.DefaultParams()
	p.Levels = []codes.Level{codes.LevelLan}
	p.By = []string{indicators.DimEdu, indicators.DimSex}
	p.Indicators = []string{
		"antal_helt_matchade", "antal_delvis_matchade", "antal_inte_matchade", "antal_utan_uppgifter",
		"antal_personer", "forvarvsgrad", "matchad_forvarvsgrad", "matchningsgap", "matchningsgrad",
	}
	return p
}

// RunLMI computes the matching indicators with lmi into its result table on
// the session's connection and returns the time taken.
func RunLMI(ctx context.Context, s *indicators.Session) (time.Duration, error) {
	start := time.Now()
	_, err := s.Compute(ctx, MatchingParams())
	return time.Since(start), err
}

// RunBaseline runs the plain hand-written query into BaselineTable.
func RunBaseline(ctx context.Context, s *indicators.Session) (time.Duration, error) {
	start := time.Now()
	_, err := s.Conn().ExecContext(ctx, baselineSQL)
	return time.Since(start), err
}

// RunTuned runs the engine-aware hand-written query into TunedTable.
func RunTuned(ctx context.Context, s *indicators.Session) (time.Duration, error) {
	start := time.Now()
	_, err := s.Conn().ExecContext(ctx, tunedSQL)
	return time.Since(start), err
}

// Disagreement counts cells where lmi and the baseline differ. All zero
// means they agree.
type Disagreement struct {
	Cells        int64 // baseline cells compared
	OnlyLMI      int64 // cells lmi has and the baseline lacks
	OnlyBaseline int64
	Counts       int64 // unsuppressed A-E differing, or a count below k shown
	Rates        int64 // unsuppressed rates differing by more than 1e-9
}

// OK reports agreement.
func (d Disagreement) OK() bool {
	return d.Cells > 0 && d.OnlyLMI == 0 && d.OnlyBaseline == 0 && d.Counts == 0 && d.Rates == 0
}

func (d Disagreement) String() string {
	return fmt.Sprintf("%d cells: %d only in lmi, %d only in the baseline, %d counts and %d rates differ",
		d.Cells, d.OnlyLMI, d.OnlyBaseline, d.Counts, d.Rates)
}

// CompareMatching checks lmi's results against a baseline table (BaselineTable
// or TunedTable), both on the session's connection, at suppression
// threshold k.
func CompareMatching(ctx context.Context, s *indicators.Session, table string, k int) (Disagreement, error) {
	var d Disagreement
	err := s.Conn().QueryRowContext(ctx, `
WITH l AS (
    SELECT CAST(period AS SMALLINT) AS year, region AS lan, edu_group, sex, indicator,
           value, numerator, suppressed
    FROM `+indicators.ResultTable("matching")+` WHERE region_level = 'lan'
),
b AS (
    -- INCLUDE NULLS keeps rates whose denominator is zero.
    FROM `+table+` UNPIVOT INCLUDE NULLS (v FOR indicator IN (
        a AS 'antal_helt_matchade', b AS 'antal_delvis_matchade', c AS 'antal_inte_matchade',
        d AS 'antal_utan_uppgifter', e AS 'antal_personer',
        forvarvsgrad, matchad_forvarvsgrad, matchningsgap, matchningsgrad))
),
j AS (
    SELECT l.*, b.v, l.indicator IS NULL AS only_b, b.indicator IS NULL AS only_l,
           coalesce(l.indicator, b.indicator) LIKE 'antal_%' AS is_count
    FROM l FULL JOIN b USING (year, lan, edu_group, sex, indicator)
)
SELECT
    count(*) FILTER (WHERE NOT only_l),
    count(*) FILTER (WHERE only_l),
    count(*) FILTER (WHERE only_b),
    count(*) FILTER (WHERE NOT only_l AND NOT only_b AND is_count
                       AND (NOT suppressed AND numerator <> v OR NOT suppressed AND v < ?)),
    count(*) FILTER (WHERE NOT only_l AND NOT only_b AND NOT is_count AND NOT suppressed
                       AND (v IS NULL OR value IS NULL OR abs(value - v) > 1e-9))
FROM j`, k).Scan(&d.Cells, &d.OnlyLMI, &d.OnlyBaseline, &d.Counts, &d.Rates)
	return d, err
}

// OpenSession opens the database and pins a connection for a comparison.
func OpenSession(ctx context.Context, path string) (*store.DB, *indicators.Session, error) {
	db, err := store.Open(ctx, path)
	if err != nil {
		return nil, nil, err
	}
	s, err := indicators.NewSession(ctx, db)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return db, s, nil
}
