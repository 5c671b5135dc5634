// Package ts is lmi's time-series toolbox: forecasting models for short
// yearly series and for monthly or quarterly series, rolling-origin
// backtests, accuracy measures and model selection (docs/methods.md
// sections 5.3-5.6 and 5.10).
//
// Every model implements Model. Backtests fit each model only on the
// observations up to each forecast origin (Series.Head), so no fit sees the
// future.
//
// # Yearly models
//
// Naive, Drift, Damped (ETS(A,Ad,N)), LogLinear, Theta and Share (share
// of the region's total, from Series.Reference). Each is a stateless value; each
// rejects NaN or Inf with ErrNotFinite and never panics on finite input;
// a projection that overflows float64 gives ErrOverflow. Constant series
// and zeros give constant, finite forecasts.
//
// # Backtest, accuracy, selection, intervals
//
// Backtest forecasts from every origin (training length) up to Horizon
// steps and records each forecast with its actual, the last training
// value and the MASE scale of the training data (Scale). By default every
// model of a series starts at the same origin, the largest MinLength and
// at least 3 (2·Period for seasonal series). Evaluate turns that into MASE,
// directional accuracy, interval coverage and scaled Winkler scores, per
// model, pooled and per series, overall and per step.
//
// Rules for the awkward cases:
//
//   - Zero scale (constant training data): the forecast is left out of MASE
//     and Winkler and counted in Accuracy.Unscaled.
//   - Ties in direction: "unchanged" is a class of its own (Direction), so
//     a no-change forecast is right only when the actual did not change.
//   - Short series: Select gives naive, saying why (ReasonTooShort), when
//     fewer than two origins are common to the candidates; otherwise each
//     series' MASE is shrunk towards the pooled MASE (DefaultShrink) before
//     ranking, since a handful of backtest forecasts ranks models poorly.
//     Naive also wins when nothing beats it (ReasonNaiveBest).
//   - Intervals (ErrorModel.Dist): pooled backtest errors divided by the
//     MASE scale when at least DefaultMinErrors exist at the step, else the
//     model's SD, else an earlier step's errors widened by sqrt(h/h0), else
//     a random walk scaled by the MASE scale. They are conservative on
//     short series (errors at step h come from training sets of at most
//     n-h points); ErrorModel.Standardize uses errors over the model's SD
//     instead, which tracks the training length better. Combinations
//     average the members' quantiles. Dist.CDF gives P(value <= x), the
//     probability behind a shortage call.
package ts
