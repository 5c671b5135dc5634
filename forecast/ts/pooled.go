package ts

import "math"

// PooledDist is the predictive distribution of point for a series with
// MASE scale scale, from errs[h-1], sorted scaled errors pooled from
// forecasts other than one model's own backtest (for example bottom-up
// sums of selected forecasts). The rules are those of ErrorModel.Dist
// without a model SD.
func PooledDist(point, scale float64, errs [][]float64, h int) Dist {
	e := &ErrorModel{MinErrors: DefaultMinErrors, models: []string{""}, errs: [][][]float64{errs}}
	return e.Dist("", h, point, scale, math.NaN())
}
