package indicators

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"
)

// The matching function (docs/methods.md section 4.5), fitted per regional
// level over the monthly flows of the regions of that level:
//
//	ln H_rt = c + a ln U_r,t-1 + b ln V_r,t-1 + region effect_r + period effect_t + e
//
// by ordinary least squares with the first region and first period as
// base. It reports a and b with standard errors, a + b and the t test of
// constant returns (a + b = 1), and each region's matching efficiency
// exp(region effect) relative to the base region, with delta-method
// standard errors.

// MatchingFit is one level's fit.
type MatchingFit struct {
	Level        string
	Observations int
	Regions      []string // in design order; Regions[0] is the base
	A, B         Estimate
	Sum          Estimate // a + b
	CRSt, CRSp   float64  // t statistic and two-sided p-value of a + b = 1
	Efficiency   []Estimate
	RSquared     float64
}

// Estimate is a coefficient and its standard error.
type Estimate struct{ Value, StdErr float64 }

// ErrTooFewObservations is returned when a level's flows cannot identify
// the model.
var ErrTooFewObservations = errors.New("too few observations to fit the matching function")

// flowObs is one region-month with the previous month's stocks.
type flowObs struct {
	region, period string
	h, u, v        float64 // h this month, u and v last month
}

// FitMatchingFunction fits the model at one level from the flow tables,
// using the session's region map (Compute, or buildRegionMap, must have run
// for the level).
func (s *Session) FitMatchingFunction(ctx context.Context, level string) (*MatchingFit, error) {
	// The region-months with this month's hires and last month's stocks,
	// sums of the known cells (the family's flows.sql).
	f, _ := familyByName("matching_function")
	q, err := f.render("flows.sql", templateParams{})
	if err != nil {
		return nil, err
	}
	rows, err := s.conn.QueryContext(ctx, q, level)
	if err != nil {
		return nil, fmt.Errorf("matching function: %w", err)
	}
	defer rows.Close()
	var obs []flowObs
	for rows.Next() {
		var o flowObs
		if err := rows.Scan(&o.region, &o.period, &o.h, &o.u, &o.v); err != nil {
			return nil, err
		}
		obs = append(obs, o)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	fit, err := fitMatching(obs)
	if err != nil {
		return nil, fmt.Errorf("matching function at level %s: %w", level, err)
	}
	fit.Level = level
	return fit, nil
}

// fitMatching runs the regression. Observations must be sorted by region.
func fitMatching(obs []flowObs) (*MatchingFit, error) {
	var regions, periods []string
	for _, o := range obs {
		if !slices.Contains(regions, o.region) {
			regions = append(regions, o.region)
		}
		if !slices.Contains(periods, o.period) {
			periods = append(periods, o.period)
		}
	}
	slices.Sort(periods)
	p := 3 + (len(regions) - 1) + (len(periods) - 1)
	n := len(obs)
	if len(regions) < 2 || n <= p+1 {
		return nil, fmt.Errorf("%w: %d observations, %d regions, %d periods", ErrTooFewObservations, n, len(regions), len(periods))
	}
	x := mat.NewDense(n, p, nil)
	y := mat.NewVecDense(n, nil)
	for i, o := range obs {
		x.Set(i, 0, 1)
		x.Set(i, 1, math.Log(o.u))
		x.Set(i, 2, math.Log(o.v))
		if r := slices.Index(regions, o.region); r > 0 {
			x.Set(i, 2+r, 1)
		}
		if t := slices.Index(periods, o.period); t > 0 {
			x.Set(i, 2+len(regions)-1+t, 1)
		}
		y.SetVec(i, math.Log(o.h))
	}
	// Normal equations through a Cholesky factorisation of X'X: small p,
	// well conditioned with the base region and period left out.
	var xtx mat.SymDense
	xtx.SymOuterK(1, x.T())
	var chol mat.Cholesky
	if ok := chol.Factorize(&xtx); !ok {
		return nil, errors.New("the design is singular: some region or period has no variation")
	}
	var xty, beta mat.VecDense
	xty.MulVec(x.T(), y)
	if err := chol.SolveVecTo(&beta, &xty); err != nil {
		return nil, err
	}
	var fitted, resid mat.VecDense
	fitted.MulVec(x, &beta)
	resid.SubVec(y, &fitted)
	rss := mat.Dot(&resid, &resid)
	df := float64(n - p)
	sigma2 := rss / df
	var inv mat.SymDense
	if err := chol.InverseTo(&inv); err != nil {
		return nil, err
	}
	cov := func(i, j int) float64 { return sigma2 * inv.At(i, j) }
	se := func(i int) float64 { return math.Sqrt(cov(i, i)) }

	mean := mat.Sum(y) / float64(n)
	var tss float64
	for i := 0; i < n; i++ {
		d := y.AtVec(i) - mean
		tss += d * d
	}
	fit := &MatchingFit{
		Observations: n,
		Regions:      regions,
		A:            Estimate{beta.AtVec(1), se(1)},
		B:            Estimate{beta.AtVec(2), se(2)},
		RSquared:     1 - rss/tss,
	}
	sumSE := math.Sqrt(cov(1, 1) + cov(2, 2) + 2*cov(1, 2))
	fit.Sum = Estimate{fit.A.Value + fit.B.Value, sumSE}
	fit.CRSt = (fit.Sum.Value - 1) / sumSE
	fit.CRSp = 2 * distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.CDF(-math.Abs(fit.CRSt))
	fit.Efficiency = make([]Estimate, len(regions))
	fit.Efficiency[0] = Estimate{1, 0}
	for r := 1; r < len(regions); r++ {
		g := beta.AtVec(2 + r)
		fit.Efficiency[r] = Estimate{math.Exp(g), math.Exp(g) * se(2+r)}
	}
	return fit, nil
}

// matchingFunctionCells fits the model at every requested level that has
// flows for two regions or more and writes matching_function_cells
// (the family's cells.sql): one row per term (a, b, a_plus_b,
// crs_t, crs_p, r_squared at region '*'; efficiency per region), with the
// estimate, its standard error and the number of observations.
func (s *Session) matchingFunctionCells(ctx context.Context, f *family, p Params) error {
	var cells []string
	levels := make([]string, 0, len(p.Levels)+len(p.Groupings))
	for _, l := range p.Levels {
		levels = append(levels, string(l))
	}
	for _, g := range p.Groupings {
		levels = append(levels, g.Name)
	}
	for _, level := range levels {
		fit, err := s.FitMatchingFunction(ctx, level)
		if errors.Is(err, ErrTooFewObservations) {
			continue // riket, or flows that cannot be placed at this level
		}
		if err != nil {
			return err
		}
		period, err := s.flowSpan(ctx)
		if err != nil {
			return err
		}
		row := func(region, term string, e Estimate) {
			cells = append(cells, fmt.Sprintf("(%s, %s, %s, %s, %s, %s, %d)",
				sqlString(level), sqlString(region), sqlString(period), sqlString(term),
				sqlFloat(e.Value), sqlFloat(e.StdErr), fit.Observations))
		}
		row(AllRegions, "a", fit.A)
		row(AllRegions, "b", fit.B)
		row(AllRegions, "a_plus_b", fit.Sum)
		row(AllRegions, "crs_t", Estimate{fit.CRSt, math.NaN()})
		row(AllRegions, "crs_p", Estimate{fit.CRSp, math.NaN()})
		row(AllRegions, "r_squared", Estimate{fit.RSquared, math.NaN()})
		for i, r := range fit.Regions {
			row(r, "efficiency", fit.Efficiency[i])
		}
	}
	q, err := f.render("cells.sql", templateParams{Rows: tableRows{MatchingFunction: cells}})
	if err != nil {
		return err
	}
	_, err = s.Exec(ctx, q)
	return err
}

// flowSpan is the first and last month of the flows, "2019-01/2023-12".
func (s *Session) flowSpan(ctx context.Context) (string, error) {
	var lo, hi *string
	err := s.conn.QueryRowContext(ctx, `SELECT min(period), max(period) FROM hires WHERE length(period) = 7`).Scan(&lo, &hi)
	if err != nil || lo == nil {
		return "", err
	}
	return *lo + "/" + *hi, nil
}

func sqlFloat(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "NULL"
	}
	return fmt.Sprintf("%.17g", f)
}
