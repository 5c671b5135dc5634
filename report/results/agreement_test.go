package results

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lmi/forecast"
)

// TestWriteAgreement: the pairs and the summary as CSV; an empty
// agreement removes an earlier run's files.
func TestWriteAgreement(t *testing.T) {
	dir := t.TempDir()
	a := forecast.Agreement{Publisher: "af-bristindex", Round: "2018H", Measure: "bristindex_1ar", H: 1, N: 2,
		Kappa: 0.5, WeightedKappa: math.NaN(), Origin: 2021, RoundYear: 2018,
		Pairs: []forecast.AgreementPair{
			{Level: "lan", Region: "01", SSYK: "2512", Occupations: []string{"Mjukvaruutvecklare", "Systemanalytiker"}, Ours: 4, Theirs: 4},
			{Level: "lan", Region: "03", SSYK: "2512", Occupations: []string{"Mjukvaruutvecklare"}, Ours: 3, Theirs: 5},
		}}
	a.Matrix[3][3], a.Matrix[2][4] = 1, 1
	// Yrkesbarometer's three classes: one pair, lmi's shortage (3) against
	// their balance (2).
	y := forecast.Agreement{Publisher: "af-yrkesbarometer", Round: "2025-2", Measure: "rekryteringssituation", H: 1, Classes: 3, N: 1,
		Kappa: 0, WeightedKappa: 0, Origin: 2021, RoundYear: 2025,
		Pairs: []forecast.AgreementPair{{Level: "lan", Region: "20", SSYK: "2512", Occupations: []string{"Y"}, Ours: 3, Theirs: 2}}}
	y.Matrix[2][1] = 1
	a.Classes = 5
	paths, err := WriteAgreement(context.Background(), dir, []forecast.Agreement{a, y}, Options{})
	if err != nil || len(paths) != 2 {
		t.Fatalf("%v %v", paths, err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, AgreementFile))
	want := "publisher,round,measure,h,region_level,region,ssyk4,occupations,lmi_class,their_class\n" +
		"af-bristindex,2018H,bristindex_1ar,1,lan,01,2512,Mjukvaruutvecklare;Systemanalytiker,4,4\n" +
		"af-bristindex,2018H,bristindex_1ar,1,lan,03,2512,Mjukvaruutvecklare,3,5\n" +
		"af-yrkesbarometer,2025-2,rekryteringssituation,1,lan,20,2512,Y,3,2\n"
	if string(b) != want {
		t.Errorf("%s:\n%s\nwant\n%s", AgreementFile, b, want)
	}
	b, _ = os.ReadFile(filepath.Join(dir, AgreementSummaryFile))
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("%s:\n%s", AgreementSummaryFile, b)
	}
	head := strings.Split(lines[0], ",")
	for n, want := range []map[string]string{
		{"classes": "5", "round_year": "2018", "origin": "2021", "pairs": "2", "agree": "1", "ambiguous": "0",
			"kappa": "0.500", "weighted_kappa": "", "lmi4_them4": "1", "lmi3_them5": "1", "lmi5_them3": "0", "lmi1_them1": "0"},
		{"classes": "3", "round_year": "2025", "pairs": "1", "agree": "0", "kappa": "0.000",
			"lmi3_them2": "1", "lmi3_them3": "0", "lmi4_them4": "", "lmi1_them5": "", "lmi5_them1": ""},
	} {
		row := strings.Split(lines[n+1], ",")
		if len(head) != 12+25 || len(row) != len(head) {
			t.Fatalf("%s:\n%s", AgreementSummaryFile, b)
		}
		got := map[string]string{}
		for i, h := range head {
			got[h] = row[i]
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("line %d: %s = %q, want %q", n+2, k, got[k], v)
			}
		}
	}
	if paths, err := WriteAgreement(context.Background(), dir, nil, Options{}); err != nil || paths != nil {
		t.Fatalf("no agreement: %v %v", paths, err)
	}
	for _, name := range []string{AgreementFile, AgreementSummaryFile} {
		if _, err := os.Stat(filepath.Join(dir, name)); !os.IsNotExist(err) {
			t.Errorf("%s left from the earlier run: %v", name, err)
		}
	}
}
