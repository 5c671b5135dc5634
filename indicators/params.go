package indicators

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"lmi/codes"
	"lmi/session"
	"lmi/settings"
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

// Params are the choices of one computation. Each setting is a field whose
// toml tag is its key in a run spec's [indicators] table; DefaultParams
// gives the defaults and Validate checks them, naming each problem's key.
type Params struct {
	// Levels are the built-in regional levels: kommun, lan, fa, riket.
	Levels []codes.Level `toml:"levels" want:"an array of strings (kommun, lan, fa, riket)"`
	// Groupings are user-defined levels, read by the caller from files.
	Groupings []*codes.Grouping `toml:"-"`
	// Basis is where a person counts: home (nattbefolkning) or workplace
	// (dagbefolkning, for the employed).
	Basis Basis `toml:"basis" want:"\"home\" or \"workplace\""`
	// By are the dimensions kept; the others collapse to "TOT".
	By []string `toml:"by" want:"an array of dimension names"`
	// Age is the age band, "20-64".
	Age AgeBand `toml:"age" want:"a string \"FROM-TO\", like \"20-64\""`
	// K is the suppression threshold: 0 turns suppression off.
	K int `toml:"k"`
	// Indicators are built-in indicators by name; empty is all of them.
	Indicators []string `toml:"indicators" want:"an array of indicator names"`
	// Own are the user's indicators (LoadIndicatorFile), always computed.
	Own []*Indicator `toml:"-"`
	// Key is the match key: a map file or the statistical key.
	Key KeySpec `toml:"match_key"`
	// Alphas is the Sahin et al. mismatch index's alpha grid.
	Alphas []float64 `toml:"alphas"`
	// Horizon is the years ahead for expected exits and openings.
	Horizon int `toml:"horizon" want:"an integer (years ahead, 1 to 20)"`
	// Shortage are the current shortage composite's choices.
	Shortage ShortageParams `toml:"shortage"`
	// KeepCells keeps each family's cell table (FAMILY_cells) on the
	// session after its results are made, for inspection and tests;
	// otherwise it is dropped at once, so a whole suite holds only results.
	KeepCells bool `toml:"-"`
	// Write, when set, writes each family's result table as soon as the
	// family is done (package report/results), and the table is dropped,
	// so a whole suite never holds every family's results at once.
	// Result.Paths lists the files.
	Write Writer `toml:"-"`
	// Catalog holds the families and indicators to compute from; nil is
	// lmi's own (Builtin).
	Catalog *Catalog `toml:"-"`
	// Progress, when set, is told as each family's computation starts:
	// the family, its place among those computed (1-based) and their
	// number.
	Progress func(family string, i, n int) `toml:"-"`
}

// Writer writes a computed family's result table, on the session s, to
// files, and returns their paths.
type Writer func(ctx context.Context, s *Session, fr FamilyResult) ([]string, error)

// AgeBand is an age band FROM-TO, both ages included.
type AgeBand struct{ Min, Max int }

// String is the band as written, "20-64".
func (a AgeBand) String() string { return fmt.Sprintf("%d-%d", a.Min, a.Max) }

// UnmarshalText reads "20-64".
func (a *AgeBand) UnmarshalText(b []byte) error {
	lo, hi, ok := strings.Cut(strings.TrimSpace(string(b)), "-")
	x, err1 := strconv.Atoi(strings.TrimSpace(lo))
	y, err2 := strconv.Atoi(strings.TrimSpace(hi))
	if !ok || err1 != nil || err2 != nil || x < 0 || y > 120 || x > y {
		return fmt.Errorf("%q: want FROM-TO with 0 <= FROM <= TO <= 120, like \"20-64\"", string(b))
	}
	a.Min, a.Max = x, y
	return nil
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
		Levels:   []codes.Level{codes.LevelLan, codes.LevelFA},
		Basis:    Home,
		By:       []string{DimEdu, DimSex, DimBirth},
		Age:      AgeBand{20, 64},
		K:        5,
		Key:      KeySpec{Threshold: DefaultThreshold},
		Alphas:   []float64{0.3, 0.4, 0.5, 0.6, 0.7},
		Horizon:  5,
		Shortage: DefaultShortageParams(),
	}
}

// Validate checks the parameters before any query runs. Its error is a
// settings.Errors, each problem keyed by its setting's key.
func (p *Params) Validate() error {
	var es settings.Errors
	if len(p.Levels) == 0 && len(p.Groupings) == 0 {
		es.Addf("levels", "no regional level requested: nothing to compute")
	}
	for i, l := range p.Levels {
		if slices.Index(p.Levels, l) < i {
			es.Addf(fmt.Sprintf("levels[%d]", i), "level %s given twice", l)
		}
	}
	if p.Basis != Home && p.Basis != Workplace {
		es.Addf("basis", "basis %q: want home or workplace", p.Basis)
	}
	for i, d := range p.By {
		if d != DimEdu && d != DimSex && d != DimBirth {
			es.Addf(fmt.Sprintf("by[%d]", i), "unknown dimension %q: want %s, %s or %s", d, DimEdu, DimSex, DimBirth)
		}
	}
	if p.Age.Min < 0 || p.Age.Max > 120 || p.Age.Min > p.Age.Max {
		es.Addf("age", "age band %s is not valid", p.Age)
	}
	if p.K < 0 {
		es.Namedf("k", "suppression k", "%d: must be 0 (no suppression) or more", p.K)
	}
	for i, name := range p.Indicators {
		if _, ok := p.catalog().Lookup(name); !ok {
			es.Addf(fmt.Sprintf("indicators[%d]", i), "unknown indicator %q (see lmi indicators list)", name)
		}
	}
	if p.Horizon < 1 || p.Horizon > 20 {
		es.Addf("horizon", "horizon %d: want 1 to 20 years", p.Horizon)
	}
	if len(p.Alphas) == 0 {
		es.Addf("alphas", "empty: the mismatch indices need at least one alpha")
	}
	for i, a := range p.Alphas {
		if !(a > 0 && a < 1) {
			es.Addf(fmt.Sprintf("alphas[%d]", i), "mismatch alpha %v: must lie strictly between 0 and 1", a)
		}
	}
	es.Add("match_key", p.Key.validate())
	es.Add("shortage", p.Shortage.validate())
	return es.Err()
}
