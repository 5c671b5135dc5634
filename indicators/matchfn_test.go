package indicators

import (
	"math"
	"path/filepath"
	"testing"

	"lmi/codes"
	"lmi/fixtures"
	"lmi/ingest/load"
	"lmi/store"
)

// TestMatchingFunctionRecovery fits the model on flows generated with known
// parameters and checks each estimate lies within two standard errors of
// the truth, and that constant returns are rejected (the generator uses
// a + b = 0.95).
func TestMatchingFunctionRecovery(t *testing.T) {
	dir := t.TempDir()
	sum, err := fixtures.Generate(fixtures.Config{Persons: 300000, Years: 4, Seed: 21, Out: dir, Formats: []string{"parquet"}})
	if err != nil {
		t.Fatal(err)
	}
	truth, err := fixtures.ReadParams(filepath.Join(dir, "params.json"))
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, f := range []string{"jobseekers.parquet", "vacancies.parquet", "hires.parquet"} {
		if _, err := load.File(t.Context(), db, filepath.Join(dir, f), load.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	s, err := NewSession(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := DefaultParams()
	p.Levels = []codes.Level{codes.LevelLan}
	p.Indicators = []string{"matchningsfunktion_skattning"}
	if _, err := s.Compute(t.Context(), p); err != nil {
		t.Fatal(err)
	}
	fit, err := s.FitMatchingFunction(t.Context(), "lan")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d obs over %d years: a = %.4f (%.4f), b = %.4f (%.4f), a+b = %.4f, CRS t = %.2f p = %.3g, R2 = %.3f",
		fit.Observations, sum.Config.Years, fit.A.Value, fit.A.StdErr, fit.B.Value, fit.B.StdErr, fit.Sum.Value, fit.CRSt, fit.CRSp, fit.RSquared)
	within := func(name string, e Estimate, want float64) {
		if e.StdErr <= 0 || math.Abs(e.Value-want) > 2*e.StdErr {
			t.Errorf("%s = %.4f (se %.4f), truth %.4f: more than two standard errors off", name, e.Value, e.StdErr, want)
		}
	}
	m := truth.Matching
	within("a", fit.A, m.Alpha)
	within("b", fit.B, m.Beta)
	if fit.CRSp > 0.01 {
		t.Errorf("constant returns not rejected: a + b = %.4f, p = %.3g", fit.Sum.Value, fit.CRSp)
	}
	// Efficiencies relative to the first län, against the generator's.
	effs := map[string]float64{}
	for _, e := range truth.Efficiency {
		effs[e.Region] = e.Eff
	}
	base := effs[fit.Regions[0]]
	for i := 1; i < len(fit.Regions); i++ {
		r := fit.Regions[i]
		within("efficiency "+r, fit.Efficiency[i], effs[r]/base)
	}
}

func TestFitMatchingTooFew(t *testing.T) {
	_, err := fitMatching([]flowObs{{"01", "2024-02", 1, 1, 1}, {"03", "2024-02", 2, 2, 2}})
	if err == nil {
		t.Error("fitted two observations")
	}
}
