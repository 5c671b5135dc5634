package indicators

import (
	"math"
	"path/filepath"
	"testing"

	"lmi/fixtures"
	"lmi/ingest/load"
	"lmi/session"
	"lmi/store"
)

func TestWithinYears(t *testing.T) {
	p := &session.ExitProfile{}
	p.Rate[63], p.Rate[64], p.Rate[65] = 0.1, 0.2, 0.5
	// 1 - 0.9 * 0.8 * 0.5
	if got, want := p.WithinYears(63, 3), 0.64; math.Abs(got-want) > 1e-12 {
		t.Errorf("WithinYears(63, 3) = %v, want %v", got, want)
	}
	if got := p.WithinYears(30, 5); got != 0 {
		t.Errorf("WithinYears(30, 5) = %v, want 0 with zero rates", got)
	}
	if got := p.WithinYears(120, 2); got != 0 {
		t.Errorf("past the last age: %v", got)
	}
}

func TestDefaultExitRateShape(t *testing.T) {
	prev := 0.0
	for a := 40; a <= 65; a++ {
		r := session.DefaultExitRate(a)
		if r < prev {
			t.Errorf("default exit rate falls at %d: %v after %v", a, r, prev)
		}
		prev = r
	}
	if session.DefaultExitRate(65) < 0.4 {
		t.Error("no retirement peak at 65")
	}
}

// TestExitProfileFromPanel: the generator retires 45% of those turning 65
// and 12% of those turning 64; the rates lmi estimates for the employed at
// 64 and 63 (who turn 65 and 64 the next year) must show it, and ages with
// too few persons keep the default.
func TestExitProfileFromPanel(t *testing.T) {
	dir := t.TempDir()
	if _, err := fixtures.Generate(fixtures.Config{Persons: 120000, Years: 2, Seed: 4, Out: dir, Formats: []string{"parquet"}}); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := load.Persons(t.Context(), db, filepath.Join(dir, "persons.parquet"), load.Options{}); err != nil {
		t.Fatal(err)
	}
	s, err := NewSession(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	prof, err := s.EstimateExitProfile(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("estimated yearly exit rates: 55 %.3f, 60 %.3f, 63 %.3f, 64 %.3f", prof.Rate[55], prof.Rate[60], prof.Rate[63], prof.Rate[64])
	if !prof.FromData[64] || prof.Rate[64] < 0.35 || prof.Rate[64] > 0.65 {
		t.Errorf("rate at 64 = %.3f (from data %v), want about 0.45", prof.Rate[64], prof.FromData[64])
	}
	if !prof.FromData[40] || prof.Rate[40] > 0.05 {
		t.Errorf("rate at 40 = %.3f (from data %v), want small", prof.Rate[40], prof.FromData[40])
	}
	if prof.FromData[100] || prof.Rate[100] != session.DefaultExitRate(100) {
		t.Errorf("age 100 should keep the default")
	}
}

// TestExpectedExitsHandComputed: without a panel the default profile
// applies; Stockholms län has 2 employed aged 58 and 3 aged 30 in 2512.
func TestExpectedExitsHandComputed(t *testing.T) {
	db := openWith(t, familyCase)
	p := familyParams()
	p.Indicators = []string{"forvantade_avgangar", "andel_forvantade_avgangar"}
	got := computeAll(t, db, p)
	def := &session.ExitProfile{}
	for a := range def.Rate {
		def.Rate[a] = session.DefaultExitRate(a)
	}
	want := 2*def.WithinYears(58, 5) + 3*def.WithinYears(30, 5)
	c := got["age_structure|forvantade_avgangar|lan|01|2512"]
	if c.value == nil || math.Abs(*c.value-want) > 1e-9 {
		t.Errorf("expected exits = %s, want %v", fmtPtr(c.value), want)
	}
	c = got["age_structure|andel_forvantade_avgangar|lan|01|2512"]
	if c.value == nil || math.Abs(*c.value-100*want/5) > 1e-9 {
		t.Errorf("share = %s, want %v", fmtPtr(c.value), 100*want/5)
	}
}
