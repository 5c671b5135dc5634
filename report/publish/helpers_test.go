package publish_test

import (
	"path/filepath"
	"slices"
	"testing"
	"time"

	"lmi/codes"
	"lmi/report"
	"lmi/report/publish"
)

// testOutputs is the hand-made output folder: matching (new columns:
// label, unit, names; TOT rows at län, riket and a grouping), status (old
// columns; totals at kommun and län without riket), tightness (no totals), age_structure
// (employment history for the fan charts), beveridge (no dimensions), the
// forecast, the shortage list, the models and the agreement.
var testOutputs = filepath.Join("testdata", "outputs")

// testIndicators is the metadata of the test folder's indicators, as lmi's
// registry has it.
var testIndicators = []publish.Indicator{
	{Name: "antal_helt_matchade", Label: "Anställda, helt matchade (A)", Unit: "antal", Family: "matching", Section: "2", Version: 1},
	{Name: "matchningsgrad", Label: "Matchningsgrad (A/(A+B+C))", Unit: "procent", Family: "matching", Section: "2", Version: 1},
	{Name: "andel_forvarvsarbetande", Label: "Andel förvärvsarbetande", Unit: "procent", Family: "status", Section: "3", Version: 1},
	{Name: "antal_befolkning", Label: "Befolkning", Unit: "antal", Family: "status", Section: "3", Version: 1},
	{Name: "arbetsmarknadslage", Label: "Arbetsmarknadsläge, lediga platser per arbetssökande (V/U)", Unit: "kvot", Family: "tightness", Section: "4", Version: 1},
	{Name: "andel_60_plus", Label: "Andel sysselsatta 60 år eller äldre", Unit: "procent", Family: "age_structure", Section: "3", Version: 1},
	{Name: "antal_sysselsatta_yrke", Label: "Sysselsatta efter yrke", Unit: "antal", Family: "age_structure", Section: "3", Version: 1},
	{Name: "beveridge_u", Label: "Arbetslöshet, Beveridgepunkt (u = U/(E+U))", Unit: "andel", Family: "beveridge", Section: "4", Version: 1},
	{Name: "beveridge_v", Label: "Vakansgrad, Beveridgepunkt (v = V/(V+E))", Unit: "andel", Family: "beveridge", Section: "4", Version: 1},
}

var testFamilies = []publish.Family{
	{Name: "matching", Description: "Persons in the age band by region, education group, sex and birth region.", Dimensions: []string{"edu_group", "sex", "birth_region"}},
	{Name: "status", Description: "Persons in the age band by home region, education group and sex.", Dimensions: []string{"edu_group", "sex"}},
	{Name: "tightness", Description: "The flow tables by region, SSYK 4 and period.", Dimensions: []string{"ssyk4"}},
	{Name: "age_structure", Description: "The employed by region and SSYK 4.", Dimensions: []string{"ssyk4"}},
	{Name: "beveridge", Description: "Monthly U and V averaged over each year.", Dimensions: nil},
}

// norrland is the test's grouping: Norrbotten and Västerbotten as one
// region, as the matching file's "norrland" rows have it.
func norrland() *codes.Grouping {
	var ks []string
	for _, k := range codes.Kommuner() {
		if k.Lan == "24" || k.Lan == "25" {
			ks = append(ks, k.Code)
		}
	}
	slices.Sort(ks)
	return &codes.Grouping{Name: "norrland", Regions: []codes.GroupRegion{{Name: "Övre Norrland", Members: []string{"24", "25"}, Kommuner: ks}}}
}

// testInput builds the test folder into out.
func testInput(out string) publish.Input {
	return publish.Input{
		Dirs:       []string{testOutputs},
		Indicators: testIndicators,
		Families:   testFamilies,
		Provenance: report.Provenance{Title: "Arbetsmarknaden i testlänen", Producer: "Testregionen", LMIVersion: "v0.9.0",
			Sources: []report.Source{{Name: "Registerutdrag (syntetiskt)", TableID: "LISA-test", File: "persons.csv",
				SHA256: "9f2c4e1b7a3d5c6e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9012a3b4c5d6e7"}},
			Parameters: []report.Param{{Name: "k (minsta antal i en cell)", Value: "5"}}},
		Levels:    []codes.Level{codes.LevelLan, codes.LevelFA, codes.LevelKommun},
		Groupings: []*codes.Grouping{norrland()},
		Region:    "25",
		Created:   time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC),
		OutDir:    out,
	}
}

func build(t testing.TB, in publish.Input) publish.Files {
	t.Helper()
	files, err := publish.Build(in)
	if err != nil {
		t.Fatal(err)
	}
	return files
}
