package forecast

import (
	"errors"
	"fmt"
	"slices"

	"lmi/codes"
	"lmi/session"
	"lmi/settings"
)

// Params are the choices of one forecast. Each setting is a field whose
// toml tag is its key in a run spec's [forecast] table; DefaultParams
// gives the defaults and Validate checks them, naming each problem's key.
type Params struct {
	// Levels are the built-in regional levels (län, FA, riket); a run
	// spec names them, and groupings, in its own levels key.
	Levels []codes.Level `toml:"-"`
	// Groupings are user-defined levels.
	Groupings []*codes.Grouping `toml:"-"`
	// Basis places employment and replacement demand: Workplace (the
	// default) counts jobs where they are. Supply is always counted where
	// people live: entrants by home region, job seekers where registered.
	Basis session.Basis `toml:"basis" want:"\"home\" or \"workplace\""`
	// Horizon is the years ahead, 1 to 10.
	Horizon int `toml:"horizon" want:"an integer (years ahead)"`
	// Origin is the last year used; 0 means the latest year in persons.
	Origin int `toml:"origin" want:"an integer (a year, or 0 for the latest)"`
	// Models are the candidate employment models by name (ts.Yearly names);
	// empty means all of them.
	Models []string `toml:"models" want:"an array of model names"`
	// Combine averages the best models by inverse backtest MASE instead
	// of picking the best one.
	Combine bool `toml:"combine"`
	// BottomUp publishes each region's own projection, the level's total
	// being their sum. Otherwise (the default) each level's total per
	// occupation is projected as a series of its own and the regions'
	// projections are scaled to add up to it (see reconcile).
	BottomUp bool `toml:"bottom_up"`
	// PerSeries selects a model for each series from its own backtest
	// instead of one per size group from the pooled backtests of the
	// group (see SizeGroups).
	PerSeries bool `toml:"per_series"`
	// Margin is how much better than naive a model must do in the
	// backtest (MASE below (1-Margin) times naive's) to be chosen: with
	// few origins the best of several models looks better than it is.
	Margin float64 `toml:"margin"`
	// Coverage is the nominal coverage of the prediction intervals.
	Coverage float64 `toml:"coverage"`
	// Thresholds are the balance class bands.
	Thresholds Thresholds `toml:"thresholds" want:"an array of four numbers"`
	// EntrantYears is how many years up to the origin the yearly inflow
	// of new labour is averaged over.
	EntrantYears int `toml:"entrant_years"`
	// JobseekerCategories are the jobseekers categories counted as supply.
	JobseekerCategories []string `toml:"jobseeker_categories"`
	// K is the suppression threshold: a region x occupation with fewer
	// than K employed in the origin year is not published.
	K int `toml:"k"`
	// Breaks are years whose level shifts are taken out of the employment
	// series before the models see them (SCB's register changes); nil
	// means SCB's known YREG breaks (2019, 2020) for published YREG
	// employment and none for the register, an empty list none at all.
	Breaks []int `toml:"breaks" want:"an array of years"`
	// MinTrain is the shortest training window of the backtests, in years.
	MinTrain int `toml:"-"`
	// Progress, when set, is told as each stage starts: its name, its
	// place (1-based) and the number of stages.
	Progress func(stage string, i, n int) `toml:"-"`
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

// Validate checks the parameters before any query runs. Its error is a
// settings.Errors, each problem keyed by its setting's key.
func (p *Params) Validate() error {
	var es settings.Errors
	if len(p.Levels) == 0 && len(p.Groupings) == 0 {
		es.Addf("levels", "no regional level requested")
	}
	for i, l := range p.Levels {
		if err := CheckLevel(l); err != nil {
			es.Addf(fmt.Sprintf("levels[%d]", i), "%v", err)
		}
	}
	if p.Basis != session.Home && p.Basis != session.Workplace {
		es.Addf("basis", "basis %q: want home or workplace", p.Basis)
	}
	if p.Horizon < 1 || p.Horizon > MaxHorizon {
		es.Addf("horizon", "horizon %d: want 1 to %d years", p.Horizon, MaxHorizon)
	}
	if p.Origin != 0 && (p.Origin < 1900 || p.Origin > 2200) {
		es.Addf("origin", "origin %d: want a year, or 0 for the latest year in the data", p.Origin)
	}
	for i, m := range p.Models {
		key := fmt.Sprintf("models[%d]", i)
		if _, ok := yearlyModel(m); !ok {
			es.Addf(key, "unknown model %q (want one of %v)", m, yearlyModelNames())
		} else if slices.Index(p.Models, m) < i {
			es.Addf(key, "model %s given twice", m)
		}
	}
	if !(p.Margin >= 0 && p.Margin < 1) {
		es.Addf("margin", "selection margin %v: want 0 to below 1", p.Margin)
	}
	if !(p.Coverage > 0 && p.Coverage < 1) {
		es.Addf("coverage", "interval coverage %v: must lie strictly between 0 and 1", p.Coverage)
	}
	if err := p.Thresholds.validate(); err != nil {
		es.Addf("thresholds", "%v", err)
	}
	if p.EntrantYears < 1 || p.EntrantYears > 10 {
		es.Addf("entrant_years", "entrant years %d: want 1 to 10", p.EntrantYears)
	}
	if p.K < 0 {
		es.Namedf("k", "suppression k", "%d: must be 0 (no suppression) or more", p.K)
	}
	for i, b := range p.Breaks {
		if b < 1900 || b > 2200 {
			es.Addf(fmt.Sprintf("breaks[%d]", i), "break year %d is not a year", b)
		}
	}
	if p.MinTrain < 2 {
		es.Addf("min_train", "backtest minimum training window %d: want at least 2 years", p.MinTrain)
	}
	for i, c := range p.JobseekerCategories {
		key := fmt.Sprintf("jobseeker_categories[%d]", i)
		switch {
		case !isCategory(c):
			es.Addf(key, "job seeker category %q is not valid: want lower-case letters, digits and _, like openly_unemployed", c)
		case slices.Index(p.JobseekerCategories, c) < i:
			es.Addf(key, "category %s given twice", c)
		}
	}
	return es.Err()
}

// CheckLevel refuses a level lmi does not forecast at.
func CheckLevel(l codes.Level) error {
	if l == codes.LevelKommun {
		return errors.New("level kommun: forecasts are made for län, FA, riket and groupings (kommun series are too small to project)")
	}
	return nil
}

// isCategory is lmi ingest's rule for job seeker categories: lower-case
// ASCII letters, digits and _, at most 40 characters.
func isCategory(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
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

// UnmarshalSetting reads the four bands from a settings array, in order:
// clear shortage, shortage, surplus, clear surplus.
func (t *Thresholds) UnmarshalSetting(v any) error {
	arr, ok := v.([]any)
	if !ok {
		return fmt.Errorf("got a TOML %s, want an array of four numbers", settings.TypeName(v))
	}
	xs := make([]float64, len(arr))
	for i, x := range arr {
		switch n := x.(type) {
		case float64:
			xs[i] = n
		case int64:
			xs[i] = float64(n)
		default:
			return fmt.Errorf("got a TOML %s in the array, want an array of four numbers", settings.TypeName(x))
		}
	}
	if len(xs) != 4 {
		return fmt.Errorf("%d numbers: want four, clear_shortage, shortage, surplus and clear_surplus", len(xs))
	}
	*t = Thresholds{ClearShortage: xs[0], Shortage: xs[1], Surplus: xs[2], ClearSurplus: xs[3]}
	return nil
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
