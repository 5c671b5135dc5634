// Package ts is lmi's time-series toolbox: forecasting models for short
// yearly series and for monthly or quarterly series, rolling-origin
// backtests, accuracy measures and model selection (METHODS.md section 5,
// "Forecast evaluation").
//
// Every model implements Model. Backtests fit each model only on the
// observations up to each forecast origin (Series.Head), so no fit sees the
// future.
package ts
