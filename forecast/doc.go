// Package forecast projects, per region and occupation (SSYK 4, summed to
// SSYK 3 and to the level's total), employment, openings and supply over a
// horizon of 1 to 10 years, and classifies the balance on a five-class
// shortage scale. The method is defined in docs/methods.md, sections
// 5.2-5.10.
//
// The method, step by step:
//
//   - Employment by region x SSYK 4 and year comes from persons (workplace
//     basis by default). Every series is backtested from a rolling origin
//     with the candidate models of package ts (naive, drift, damped trend,
//     log-linear trend and the share-of-region model, whose reference is
//     the region's total employment). Series are put in SizeGroups groups
//     by their size in the origin year, and each group gets the model with
//     the lowest MASE pooled over its series' backtests (Params.PerSeries
//     chooses per series, Params.Combine averages the best); naive when
//     the series is too short to do better. Prediction intervals come from
//     the pooled backtest errors of the published rows, scaled by each
//     row's MASE scale.
//   - Expansion demand is the projected employment minus the origin year's.
//     Replacement demand is the expected number of the origin year's
//     employed who leave working life within h years, from their ages and
//     the age-specific exit rates of the person panel
//     (session.EstimateExitProfile; the documented default profile for
//     ages the panel cannot give). Openings = expansion + replacement.
//   - Supply is new labour plus registered job seekers. New labour are
//     persons employed in a year who the year before studied, were outside
//     the labour force or not in the register (graduates, immigrants,
//     returners), the mirror of the exits; their yearly number per region
//     of residence and education group (the average over EntrantYears) is
//     spread over occupations with the national entry shares observed in
//     the panel, and counted h times. Without a panel the graduates table
//     gives the entrants and the occupations of the employed under 35 the
//     shares. Job seekers are the monthly average of the origin year.
//   - Balance = (supply - openings) / openings, classified by Thresholds
//     (5 clear shortage ... 1 clear surplus). The probability of shortage
//     is the predictive probability that employment grows enough for the
//     balance to fall below Thresholds.Shortage.
//
// Regions add up to the level's total: by default each level's total per
// occupation is projected as a series of its own and the regions'
// projections are scaled to add up to it (Params.BottomUp sums the
// regions' own projections instead). SSYK 3 rows are sums of their SSYK 4
// groups and the rows of region "*" sums of the level's regions, every
// component included; only the balance, class and probability of
// shortage are recomputed from the sums. The intervals of sums come from
// backtesting the same sums (summed published backtest forecasts against
// summed actuals), pooled per kind of sum.
//
// Cells with fewer than k employed in the origin year are suppressed, with
// secondary suppression so that no sum gives one away.
package forecast
