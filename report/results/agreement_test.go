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
	paths, err := WriteAgreement(context.Background(), dir, []forecast.Agreement{a}, Options{})
	if err != nil || len(paths) != 2 {
		t.Fatalf("%v %v", paths, err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, AgreementFile))
	want := "publisher,round,measure,h,region_level,region,ssyk4,occupations,lmi_class,their_class\n" +
		"af-bristindex,2018H,bristindex_1ar,1,lan,01,2512,Mjukvaruutvecklare;Systemanalytiker,4,4\n" +
		"af-bristindex,2018H,bristindex_1ar,1,lan,03,2512,Mjukvaruutvecklare,3,5\n"
	if string(b) != want {
		t.Errorf("%s:\n%s\nwant\n%s", AgreementFile, b, want)
	}
	b, _ = os.ReadFile(filepath.Join(dir, AgreementSummaryFile))
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	head, row := strings.Split(lines[0], ","), strings.Split(lines[1], ",")
	if len(lines) != 2 || len(head) != 11+25 || len(row) != len(head) {
		t.Fatalf("%s:\n%s", AgreementSummaryFile, b)
	}
	got := map[string]string{}
	for i, h := range head {
		got[h] = row[i]
	}
	for k, v := range map[string]string{"round_year": "2018", "origin": "2021", "pairs": "2", "agree": "1", "ambiguous": "0",
		"kappa": "0.500", "weighted_kappa": "", "lmi4_them4": "1", "lmi3_them5": "1", "lmi5_them3": "0", "lmi1_them1": "0"} {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
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
