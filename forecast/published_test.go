package forecast

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lmi/codes"
	"lmi/indicators"
	"lmi/ingest/load"
	"lmi/session"
	"lmi/store"
)

// publishedDB loads SCB-shaped published tables, long CSVs, into a
// store: employment by län x SSYK 4 x sex x year (YREG60's shape) and
// employees by län x SSYK 3 x age band x sex (YREG57's).
func publishedDB(t *testing.T, files map[string]string) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	dir := t.TempDir()
	for _, name := range []string{"YREG60.csv", "YREG57.csv", "jobseekers.csv"} {
		text, ok := files[name]
		if !ok {
			continue
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := load.Any(ctx, db, path, load.Options{}); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	return db
}

// TestPublishedReplacement: Stockholms län has 100 employed in 2512 in
// 2021 (YREG60); its SSYK 3 group 251 has half its employees aged 60-64
// and half 16-24 (YREG57). With lmi's default exit profile the
// probability of leaving within a year is, over 60-64, (0.04 + 0.04 +
// 0.08 + 0.08 + 0.15) / 5 = 0.078 and over 16-24 0.005, so replacement
// demand at h = 1 is 100 x (0.5 x 0.078 + 0.5 x 0.005) = 4.15. Uppsala's
// 2512 has no age structure of its own and none nationally: no
// replacement, openings or class.
func TestPublishedReplacement(t *testing.T) {
	var yreg60 strings.Builder
	yreg60.WriteString("lan,ssyk4,kon,ar,anstallda\n")
	for _, y := range []string{"2017", "2018", "2019", "2020", "2021"} {
		yreg60.WriteString("01,2512,1," + y + ",60\n01,2512,2," + y + ",40\n03,2512,1," + y + ",30\n03,2512,2," + y + ",20\n")
	}
	db := publishedDB(t, map[string]string{
		"YREG60.csv": yreg60.String(),
		"YREG57.csv": "lan,ssyk3,alder,kon,ar,antal\n01,251,16-24 år,1,2021,30\n01,251,16-24 år,2,2021,20\n01,251,60-64 år,1,2021,25\n01,251,60-64 år,2,2021,25\n",
	})
	s, err := indicators.NewSession(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := DefaultParams()
	p.K, p.Horizon = 0, 2
	p.Levels = []codes.Level{codes.LevelLan}
	res, err := Compute(context.Background(), s, p)
	if err != nil {
		t.Fatal(err)
	}
	if res.Path != PathPublished || res.NoAges {
		t.Fatalf("path %q, no ages %v: want published with ages", res.Path, res.NoAges)
	}
	want := 100 * (0.5*0.078 + 0.5*0.005)
	var seen int
	for _, r := range res.Rows {
		if r.SSYKLevel != 4 || r.H != 1 || r.Region == session.AllRegions {
			continue
		}
		seen++
		switch r.Region {
		case "01":
			if math.Abs(r.Replacement-want) > 1e-9 || r.Ages != "län x SSYK 3" || r.Path != PathPublished || r.Class == 0 {
				t.Errorf("Stockholm: replacement %v (want %v), ages %q, path %q, class %d", r.Replacement, want, r.Ages, r.Path, r.Class)
			}
		case "03":
			if !math.IsNaN(r.Replacement) || !math.IsNaN(r.Openings) || r.Class != 0 || r.Ages != "none" {
				t.Errorf("Uppsala: replacement %v openings %v class %d ages %q, want unknown and none", r.Replacement, r.Openings, r.Class, r.Ages)
			}
		}
	}
	if seen != 2 {
		t.Errorf("%d län rows at h = 1, want 2", seen)
	}
	if len(res.Breaks) != 2 || res.Breaks[0] != 2019 || res.Breaks[1] != 2020 {
		t.Errorf("breaks %v, want SCB's YREG breaks 2019 and 2020", res.Breaks)
	}
}

// TestPublishedRealFiles forecasts from SCB's real published tables: the
// yearly employment by län x SSYK 4 x sex 2014-2021 (YREG60, YREG60N and
// YREG60BAS as a long CSV) and the national age structures of ten SSYK 4
// groups in 2019 (YREG51N, PX-Web JSON). Those ten get replacement demand
// from their national ages and a shortage class in every län; the others
// have no age structure, so no class. SCB's breaks are taken out.
func TestPublishedRealFiles(t *testing.T) {
	shared := filepath.Join("..", "..", "shared", "data", "scb")
	if _, err := os.Stat(filepath.Join(shared, "yreg60_lan_ssyk4_kon_2014_2021.csv")); err != nil {
		t.Skipf("the shared reference data is not beside this checkout (%v)", err)
	}
	ctx := context.Background()
	db, err := store.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	files := []string{filepath.Join(shared, "yreg60_lan_ssyk4_kon_2014_2021.csv")}
	aged, _ := filepath.Glob(filepath.Join(shared, "pxweb_v1_json", "YREG51N_ssyk*.json"))
	if len(aged) != 10 {
		t.Fatalf("%d YREG51N files, want 10", len(aged))
	}
	for _, f := range append(files, aged...) {
		if _, err := load.Any(ctx, db, f, load.Options{}); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	s, err := indicators.NewSession(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p := DefaultParams()
	res, err := Compute(ctx, s, p)
	if err != nil {
		t.Fatal(err)
	}
	if res.Path != PathPublished || res.Origin != 2021 || len(res.Breaks) != 2 {
		t.Fatalf("path %q origin %d breaks %v", res.Path, res.Origin, res.Breaks)
	}
	classed := map[string]int{}
	for _, r := range res.Rows {
		if r.SSYKLevel != 4 || r.H != p.Horizon || r.Region == session.AllRegions || r.Suppressed {
			continue
		}
		aged := strings.HasPrefix(r.Ages, "riket x SSYK 4")
		if aged != (r.Class != 0) {
			t.Errorf("%s %s: ages %q, class %d", r.Region, r.SSYK, r.Ages, r.Class)
		}
		if r.Class != 0 {
			classed[r.SSYK]++
		}
	}
	if len(classed) != 10 {
		t.Errorf("%d occupations with a shortage class, want the 10 with an age structure: %v", len(classed), classed)
	}
	t.Logf("län x SSYK 4 rows with a shortage class at h = %d, by occupation: %v", p.Horizon, classed)
}
