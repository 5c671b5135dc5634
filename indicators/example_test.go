package indicators_test

import (
	"context"
	"fmt"
	"strings"

	"lmi/codes"
	"lmi/indicators"
	"lmi/ingest/canonical"
	"lmi/store"
)

// A tiny register: eight men with an ICT education in Stockholm, six of
// them software developers (2512), two cleaners (9111), and two unemployed.
func Example() {
	ctx := context.Background()
	db, _ := store.Open(ctx, "") // in memory
	defer db.Close()
	register := "year,home_kommun,status,ssyk4,edu_group,sex,age,birth_region,n\n" +
		"2021,0180,employed,2512,5-48,1,30,1,6\n" +
		"2021,0180,employed,9111,5-48,1,30,1,2\n" +
		"2021,0180,unemployed,,5-48,1,30,1,2\n"
	r, _ := canonical.NewCSVReader(canonical.Persons, strings.NewReader(register), "example.csv", canonical.Options{})
	defer r.Release()
	db.Load(ctx, "persons", "example", r, func(int64) (store.Source, error) {
		return store.Source{File: "example.csv", Format: "csv"}, nil
	})

	s, _ := indicators.NewSession(ctx, db)
	defer s.Close()
	p := indicators.DefaultParams()
	p.Levels = []codes.Level{codes.LevelLan}
	p.By = nil            // totals over education, sex and birth region
	p.Key.Threshold = 0.5 // a match: at least half of the group works there
	p.K = 2               // suppress below 2
	p.Indicators = []string{"matchningsgrad", "matchad_forvarvsgrad"}
	res, err := s.Compute(ctx, p)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, name := range res.Indicators {
		rank, _ := s.Ranking(ctx, name, "lan", "2021")
		for _, v := range rank {
			fmt.Printf("%s %s: %.1f (n = %d)\n", name, v.Name, v.Value, v.N)
		}
	}
	// Output:
	// matchad_forvarvsgrad Stockholms län: 60.0 (n = 10)
	// matchningsgrad Stockholms län: 75.0 (n = 8)
}

func ExampleParseIndicator() {
	ind, err := indicators.ParseIndicator("own.sql", `-- name: andel_ej_matchade
-- label: Andel inte matchade
-- version: 1
-- unit: procent
-- section: 2
-- family: matching
SELECT region_level, region, year, edu_group, sex, birth_region,
       100.0 * c / nullif(a + b + c, 0) AS value, c AS numerator, a + b + c AS denominator, a + b + c AS n
FROM matching_cells`)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ind.Name, ind.Label, ind.Unit)
	_, err = indicators.ParseIndicator("bad.sql", "-- name: x\nSELECT 1")
	fmt.Println(err)
	// Output:
	// andel_ej_matchade Andel inte matchade procent
	// bad.sql: header lacks label
}
