package bench

import (
	"context"
	"time"

	"lmi/forecast"
	"lmi/indicators"
	"lmi/report/results"
)

// ForecastStages are the timed parts of a national forecast.
type ForecastStages struct {
	Total, Compute, Write time.Duration
	Series                int
	Forecasts             int // backtest forecasts made
	Stages                []forecast.Timing
}

// RunForecast makes the full national forecast (every län x SSYK 4 with
// the levels' totals, backtests of every candidate model, horizon 5) with
// lmi's defaults and writes it to dir.
func RunForecast(ctx context.Context, s *indicators.Session, dir string) (ForecastStages, error) {
	start := time.Now()
	res, err := forecast.Compute(ctx, s, forecast.DefaultParams())
	if err != nil {
		return ForecastStages{}, err
	}
	st := ForecastStages{Compute: time.Since(start), Series: len(res.Backtest.Series), Stages: res.Timings}
	for _, sb := range res.Backtest.Series {
		st.Forecasts += len(sb.Points)
	}
	mid := time.Now()
	if _, err := results.WriteForecast(ctx, s, res, dir, results.Options{}); err != nil {
		return st, err
	}
	st.Write = time.Since(mid)
	st.Total = time.Since(start)
	return st, nil
}
