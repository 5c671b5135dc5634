package forecast

import (
	"errors"
	"fmt"
	"slices"

	"lmi/codes"
	"lmi/session"
)

// Params are the choices of one forecast. DefaultParams gives the
// defaults; Validate reports what is wrong.
type Params struct {
	Levels    []codes.Level     // built-in regional levels (län, FA, riket)
	Groupings []*codes.Grouping // user-defined levels
	// Basis places employment and replacement demand: Workplace (the
	// default) counts jobs where they are. Supply is always counted where
	// people live: entrants by home region, job seekers where registered.
	Basis   session.Basis
	Horizon int // years ahead, 1 to 10
	// Origin is the last year used; 0 means the latest year in persons.
	Origin int
	// Models are the candidate employment models by name (ts.Yearly names);
	// empty means all of them.
	Models []string
	// Combine averages the best models by inverse backtest MASE instead
	// of picking the best one.
	Combine bool
	// BottomUp publishes each region's own projection, the level's total
	// being their sum. Otherwise (the default) each level's total per
	// occupation is projected as a series of its own and the regions'
	// projections are scaled to add up to it (see reconcile).
	BottomUp bool
	// PerSeries selects a model for each series from its own backtest
	// instead of one per size group from the pooled backtests of the
	// group (see SizeGroups).
	PerSeries bool
	// Margin is how much better than naive a model must do in the
	// backtest (MASE below (1-Margin) times naive's) to be chosen: with
	// few origins the best of several models looks better than it is.
	Margin float64
	// Coverage is the nominal coverage of the prediction intervals.
	Coverage float64
	// Thresholds are the balance class bands.
	Thresholds Thresholds
	// EntrantYears is how many years up to the origin the yearly inflow
	// of new labour is averaged over.
	EntrantYears int
	// JobseekerCategories are the jobseekers categories counted as supply.
	JobseekerCategories []string
	// K is the suppression threshold: a region x occupation with fewer
	// than K employed in the origin year is not published.
	K int
	// MinTrain is the shortest training window of the backtests, in years.
	MinTrain int
}

// DefaultParams: län, workplace basis, horizon 5, the latest year, every
// model, 80% intervals, the default bands, entrants over 3 years, openly
// unemployed and programme participants as job seekers, k 5.
func DefaultParams() Params {
	return Params{
		Levels:              []codes.Level{codes.LevelLan},
		Basis:               session.Workplace,
		Horizon:             DefaultHorizon,
		Coverage:            0.8,
		Thresholds:          DefaultThresholds(),
		EntrantYears:        3,
		JobseekerCategories: []string{"openly_unemployed", "in_programme"},
		K:                   5,
		MinTrain:            4,
	}
}

// DefaultHorizon is the forecast horizon in years unless one is given.
const DefaultHorizon = 5

// MaxHorizon is the longest horizon lmi forecasts.
const MaxHorizon = 10

// Validate checks the parameters before any query runs.
func (p *Params) Validate() error {
	var errs []error
	if len(p.Levels) == 0 && len(p.Groupings) == 0 {
		errs = append(errs, errors.New("no regional level requested"))
	}
	for _, l := range p.Levels {
		if l == codes.LevelKommun {
			errs = append(errs, errors.New("level kommun: forecasts are made for län, FA, riket and groupings (kommun series are too small to project)"))
		}
	}
	if p.Basis != session.Home && p.Basis != session.Workplace {
		errs = append(errs, fmt.Errorf("basis %q: want home or workplace", p.Basis))
	}
	if p.Horizon < 1 || p.Horizon > MaxHorizon {
		errs = append(errs, fmt.Errorf("horizon %d: want 1 to %d years", p.Horizon, MaxHorizon))
	}
	if p.Origin != 0 && (p.Origin < 1900 || p.Origin > 2200) {
		errs = append(errs, fmt.Errorf("origin year %d is not a year", p.Origin))
	}
	for _, m := range p.Models {
		if _, ok := yearlyModel(m); !ok {
			errs = append(errs, fmt.Errorf("unknown model %q (want one of %v)", m, yearlyModelNames()))
		}
	}
	if !(p.Margin >= 0 && p.Margin < 1) {
		errs = append(errs, fmt.Errorf("selection margin %v: want 0 to below 1", p.Margin))
	}
	if !(p.Coverage > 0 && p.Coverage < 1) {
		errs = append(errs, fmt.Errorf("interval coverage %v: must lie strictly between 0 and 1", p.Coverage))
	}
	if err := p.Thresholds.validate(); err != nil {
		errs = append(errs, err)
	}
	if p.EntrantYears < 1 || p.EntrantYears > 10 {
		errs = append(errs, fmt.Errorf("entrant years %d: want 1 to 10", p.EntrantYears))
	}
	if p.K < 0 {
		errs = append(errs, fmt.Errorf("suppression k %d: must be 0 or more", p.K))
	}
	if p.MinTrain < 2 {
		errs = append(errs, fmt.Errorf("backtest minimum training window %d: want at least 2 years", p.MinTrain))
	}
	for _, c := range p.JobseekerCategories {
		if c == "" || slices.ContainsFunc([]rune(c), func(r rune) bool { return r == '\'' }) {
			errs = append(errs, fmt.Errorf("job seeker category %q is not valid", c))
		}
	}
	return errors.Join(errs...)
}

// Thresholds are the bands of the five-class balance scale, like
// Arbetsförmedlingen's bristindex: balance < ClearShortage is class 5
// (clear shortage), < Shortage class 4, <= Surplus class 3 (balance),
// <= ClearSurplus class 2 (some surplus), above it class 1 (clear surplus).
type Thresholds struct {
	ClearShortage float64 `json:"clear_shortage"`
	Shortage      float64 `json:"shortage"`
	Surplus       float64 `json:"surplus"`
	ClearSurplus  float64 `json:"clear_surplus"`
}

// DefaultThresholds are lmi's documented default bands: supply more than
// 30% short of the openings is a clear shortage, 10-30% short some
// shortage, within 10% balance, 10-30% over some surplus, more a clear
// surplus.
func DefaultThresholds() Thresholds {
	return Thresholds{ClearShortage: -0.30, Shortage: -0.10, Surplus: 0.10, ClearSurplus: 0.30}
}

func (t Thresholds) validate() error {
	if !(t.ClearShortage < t.Shortage && t.Shortage < t.Surplus && t.Surplus < t.ClearSurplus) {
		return fmt.Errorf("balance thresholds %v, %v, %v, %v: must increase", t.ClearShortage, t.Shortage, t.Surplus, t.ClearSurplus)
	}
	return nil
}

// Class places a balance on the five-class scale: 5 clear shortage ... 1
// clear surplus.
func (t Thresholds) Class(balance float64) int {
	switch {
	case balance < t.ClearShortage:
		return 5
	case balance < t.Shortage:
		return 4
	case balance <= t.Surplus:
		return 3
	case balance <= t.ClearSurplus:
		return 2
	default:
		return 1
	}
}
