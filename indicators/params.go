package indicators

import (
	"errors"
	"fmt"

	"lmi/codes"
	"lmi/session"
)

// Basis says which region a person counts in (session.Basis).
type Basis = session.Basis

// The bases.
const (
	Home      = session.Home
	Workplace = session.Workplace
)

// Dimensions a family can break down by, besides region and period. Params.By
// chooses among the first three; the others belong to their families.
const (
	DimEdu        = "edu_group"
	DimSex        = "sex"
	DimBirth      = "birth_region"
	DimSSYK       = "ssyk4"
	DimWorkRegion = "work_region"
	DimAlpha      = "alpha"
	DimTerm       = "term"
	DimSNI        = "sni"
)

// AllRegions is the region code of rows that span every region of a level
// (the mismatch indices across regions).
const AllRegions = session.AllRegions

// Params are the choices of one computation. DefaultParams gives the
// defaults; Validate reports what is wrong.
type Params struct {
	Levels     []codes.Level     // built-in regional levels
	Groupings  []*codes.Grouping // user-defined levels
	Basis      Basis
	By         []string // dimensions kept; the others collapse to "TOT"
	AgeMin     int
	AgeMax     int
	K          int          // suppression threshold
	Indicators []string     // names; empty = all built-in
	Own        []*Indicator // the user's indicators (LoadIndicatorFile), always computed
	Key        KeySpec
	Alphas     []float64      // Sahin et al. mismatch: the alpha grid
	Horizon    int            // years ahead for expected exits
	Shortage   ShortageParams // the current shortage composite (family shortage)
	// KeepCells keeps each family's cell table (FAMILY_cells) on the
	// session after its results are made, for inspection and tests;
	// otherwise it is dropped at once, so a whole suite holds only results.
	KeepCells bool
	// WriteTo, when set, writes each family's FAMILY.parquet and
	// FAMILY.csv to this folder as soon as the family is done and drops
	// its result table, so a whole suite never holds every family's
	// results at once. Result.Paths lists the files.
	WriteTo string
	// Catalog holds the families and indicators to compute from; nil is
	// lmi's own (Builtin).
	Catalog *Catalog
}

// catalog is the catalog the parameters compute from.
func (p *Params) catalog() *Catalog {
	if p.Catalog == nil {
		return builtin
	}
	return p.Catalog
}

// DefaultParams: län and FA, home region, every dimension, ages 20-64, k 5,
// the statistical key.
func DefaultParams() Params {
	return Params{
		Levels: []codes.Level{codes.LevelLan, codes.LevelFA},
		Basis:  Home,
		By:     []string{DimEdu, DimSex, DimBirth},
		AgeMin: 20, AgeMax: 64,
		K:        5,
		Key:      KeySpec{Threshold: DefaultThreshold},
		Alphas:   []float64{0.3, 0.4, 0.5, 0.6, 0.7},
		Horizon:  5,
		Shortage: DefaultShortageParams(),
	}
}

// Validate checks the parameters before any query runs.
func (p *Params) Validate() error {
	var errs []error
	if len(p.Levels) == 0 && len(p.Groupings) == 0 {
		errs = append(errs, errors.New("no regional level requested"))
	}
	if p.Basis != Home && p.Basis != Workplace {
		errs = append(errs, fmt.Errorf("basis %q: want home or workplace", p.Basis))
	}
	for _, d := range p.By {
		if d != DimEdu && d != DimSex && d != DimBirth {
			errs = append(errs, fmt.Errorf("dimension %q: want %s, %s or %s", d, DimEdu, DimSex, DimBirth))
		}
	}
	if p.AgeMin < 0 || p.AgeMax > 120 || p.AgeMin > p.AgeMax {
		errs = append(errs, fmt.Errorf("age band %d-%d is not valid", p.AgeMin, p.AgeMax))
	}
	if p.K < 0 {
		errs = append(errs, fmt.Errorf("suppression k %d: must be 0 (no suppression, for data that is not confidential) or more", p.K))
	}
	for _, name := range p.Indicators {
		if _, ok := p.catalog().Lookup(name); !ok {
			errs = append(errs, fmt.Errorf("unknown indicator %q (see lmi indicators list)", name))
		}
	}
	if p.Horizon < 1 || p.Horizon > 20 {
		errs = append(errs, fmt.Errorf("horizon %d: want 1 to 20 years", p.Horizon))
	}
	if len(p.Alphas) == 0 {
		errs = append(errs, errors.New("the mismatch alpha grid is empty"))
	}
	for _, a := range p.Alphas {
		if !(a > 0 && a < 1) {
			errs = append(errs, fmt.Errorf("mismatch alpha %v: must lie strictly between 0 and 1", a))
		}
	}
	if err := p.Key.validate(); err != nil {
		errs = append(errs, err)
	}
	if err := p.Shortage.validate(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}
