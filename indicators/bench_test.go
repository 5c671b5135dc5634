package indicators

import (
	"context"
	"path/filepath"
	"testing"

	"lmi/codes"
	"lmi/fixtures"
	"lmi/ingest/load"
	"lmi/store"
)

// BenchmarkComputeMatching times the matching family, every indicator, for
// län and FA with every dimension, on a synthetic register loaded once.
// bench/cmd/lmibench runs the national-scale comparison with hand-written
// SQL.
func BenchmarkComputeMatching(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	sum, err := fixtures.Generate(fixtures.Config{Persons: 300_000, Years: 3, Seed: 3, Out: dir, Formats: []string{"parquet"}})
	if err != nil {
		b.Fatal(err)
	}
	db, err := store.Open(ctx, filepath.Join(dir, "b.duckdb"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := load.Persons(ctx, db, filepath.Join(dir, "persons.parquet"), load.Options{}); err != nil {
		b.Fatal(err)
	}
	s, err := NewSession(ctx, db)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	p := DefaultParams()
	p.Levels = []codes.Level{codes.LevelLan, codes.LevelFA}
	for b.Loop() {
		if _, err := s.Compute(ctx, p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(sum.PersonRows)*float64(b.N)/b.Elapsed().Seconds(), "person-rows/s")
}
