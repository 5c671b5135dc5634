// Package panel forecasts many series at once: lmi's employment by
// region x occupation, where what one series cannot tell (its trend, the
// size of a register break, how wide its errors run) is learnt from the
// others.
//
// # Panels and models
//
// A Panel holds series on one time axis with their hierarchy keys
// (Key: region, and the SSYK 4 occupation whose SSYK 3, 2 and 1 groups
// are its prefixes; Panel.Sum gives any aggregate). A Model forecasts a
// whole panel from the data known at an origin: Backtest hands it
// Panel.Head(o), whose slices end at o, so no fit (the cross-series
// parts included: priors, pooled coefficients, break sizes) can read
// later observations. The models:
//
//   - PerSeries: any ts.Model (naive, drift, damped, Theta, ETS, ARIMA,
//     seasonal naive) on each series alone;
//   - Growth: the series' growth on the log scale, shrunk towards the
//     occupation's national growth plus the region's pull (empirical
//     Bayes, τ² by the method of moments over the panel), optionally
//     damped and with the pooled mean reversion of the last change
//     relative to the occupation; with Region false it is the
//     national-trend x regional-share model (the occupation's national
//     growth applied to the region's level, the region's own share trend
//     shrunk towards zero);
//   - Combination (Median): the median or trimmed mean of several models.
//
// # Known level shifts
//
// Panel.SetBreaks declares the years at which a series is measured
// differently (SCB YREG60: 2019, the move to monthly employer
// declarations, and 2020, the BAS break). Adjust, used by Growth, works
// on x = log(1 + y): at a break b every series' raw shift is its change
// at b less its mean change at no break; it is shrunk towards the raw
// shift of its occupation's total at b (the shift SCB's change made to
// the occupation) by the ratio of the true shifts' variance about their
// group's (method of moments over the panel) to that plus the series'
// own noise (the variance of its normal changes, times 1 + 1/m); the
// history before b is moved by the shrunk shift, so the whole history is
// on the latest measurement. Only data up to the origin are used: a
// break after the origin is unknown, one at the last observation is
// estimated from that single change, shrunk hard for small series. The
// trend is then fitted on the adjusted history and on normal changes
// only, so a break is not read as a trend. Naive is unaffected: it
// reads only the last value, which is on the new measurement.
//
// # Choice and publication
//
// Publish adds lmi's published forecast to a backtest as the model
// "lmi": at every origin o, for each size band (mean employed in the
// training data below 50, 50-199, 200 and more) and each step h, the
// candidate with the lowest pooled MASE over naive's on the forecasts
// they share among those known at o (Origin + Step <= o, targets
// observed by then), naive when none is lower (Choose). So the choice at
// an origin never sees a later observation, and the backtest of "lmi"
// is the backtest of what lmi would have published.
//
// # Intervals
//
// NewIntervals gives every model's forecasts at origin o the interval
// Calibrate makes from that model's errors known at o, each divided by
// its series' unit at o (Units: the series' mean absolute change shrunk
// on the log scale towards the panel's prediction from its size, by
// k/(k+2) with k changes). Per step h the errors at h are pooled across
// series and earlier origins; the interval is the pool's quantiles:
//
//   - widened for a spread of the next origin's errors unlike the pool's
//     (a log-normal spread, its SD the spread between the known
//     origins' error sizes, 0.3 with one origin), by mixing the pool
//     over Gauss-Hermite nodes;
//   - widened about the median by t_ν/z, ν = NEff - 1, where NEff counts
//     the errors of one origin as N/(1 + (m-1)ρ) (ρ the intra-origin
//     correlation: 22 regions hit by one recession are not 22
//     observations) and k overlapping origins as 1 + (k-1)/h;
//   - at a step with no known errors (early origins), the latest pooled
//     step's quantiles times (h/h0)^γ, γ the observed growth of the
//     spread between steps within [0.5, 1] (SourceExtrapolated);
//   - none when no step is pooled (SourceNone), said so.
//
// # On SCB's data
//
// TestYREGEvaluation (SCB YREG60, 7,426 län x SSYK 4 series with mean
// >= 20 and 429 riket x SSYK 4 series, origins 2017-2020, horizons 1-4)
// and TestBASEvaluation (SCB BAS ArbStatusM, 22 regions, 37 monthly
// origins) print every model's scores on the forecasts it shares with
// naive. lmi's published forecast has MASE 0.990 of naive's at län x
// SSYK 4 and 1.018 at riket x SSYK 4; its 80% and 95% intervals cover
// 0.79 and 0.91 (län), 0.78 and 0.91 (riket), 0.81 and 0.98 (monthly).
// The bar (below 0.95 and 1.0 of naive, the direction right for
// 77% of changes above 5%) is not reached: the series are close to
// random walks (year-to-year correlation of an occupation's national
// growth 0.0-0.25, of a region's change relative to its occupation's
// -0.1 to -0.3), and even a linear predictor fitted on the test years
// themselves came to only 0.90-1.02 of naive's absolute error.
// TestYREGBar holds the bar and runs with LMI_EVAL_BAR=1.
package panel
