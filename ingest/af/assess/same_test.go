package assess

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lmi/ingest/af"
	"lmi/ingest/af/internal/aftest"
)

func readBristindexBoth(t *testing.T, name string, in []byte) {
	t.Helper()
	for _, opt := range []BristindexOptions{{}, {Round: "2018H"}} {
		got, gotErr := ReadBristindexCSV(bytes.NewReader(in), "f.csv", opt)
		want, wantErr := refReadBristindexCSV(bytes.NewReader(in), "f.csv", opt)
		aftest.SameOutcome(t, fmt.Sprintf("%s %+v", name, opt), got, gotErr, want, wantErr)
	}
}

// bristInputs are the real bristindex files (when present) and rows
// shaped like TestBristindexBroken's.
func bristInputs(t testing.TB) map[string][]byte {
	out := map[string][]byte{}
	for _, n := range []string{"bristindex_2018h_1ar_lan.csv", "bristindex_2018h_5ar_riket.csv"} {
		if b, err := os.ReadFile(filepath.Join(aftest.SharedAF, n)); err == nil {
			out[n] = b
		} else {
			t.Logf("../shared/data/af/%s absent: not compared on the real file", n)
		}
	}
	other := strings.Replace(strings.Replace(bristRow, "Revisorer", "Jurister", 1), "2411", "261", 1)
	for i, rows := range [][]string{
		{bristRow, strings.Replace(bristRow, "01 Stockholms län", "03 Uppsala län", 1), other, strings.Replace(other, "01 Stockholms", "03 Uppsala", 1)},
		{bristRow, strings.Replace(bristRow, "2411", "2412", 1)},
		{bristRow, strings.Replace(bristRow, "2411", " 2411", 1)},
		{bristRow, strings.Replace(bristRow, "Revisorer", " Revisorer ", 1)},
		{bristRow, strings.Replace(bristRow, "Revisorer", "Revi  sorer", 1), strings.Replace(bristRow, "Revisorer", "Revi sorer", 1)},
		{bristRow, "Inga val,,,,,,,,\n"},
		{"Inga val,,,,,,,,\n", bristRow},
		{bristRow, strings.Replace(bristRow, "01 Stockholms län", "1", 1)},
		{strings.Replace(bristRow, "01 Stockholms län", "Stockholm", 1), strings.Replace(bristRow, "01 Stockholms län", "Atlantis", 1)},
		{bristRow, strings.Replace(bristRow, "Viss brist", " Viss brist ", 1), strings.Replace(bristRow, "3.42545,Viss brist,4", "-,-,-", 1)},
	} {
		out[fmt.Sprint("rows ", i)] = []byte(bristHeader + strings.Join(rows, ""))
	}
	out["5 years"] = []byte("Yrkesområde,SSYK,Prognosyrke,omfem\nX,310,Soldater,3.79\nY,\"2223, 2226\",Z,4.74\nY,\"2226,2223\",Z2,-\nY,2223,Z,4\n")
	return out
}

func TestBristindexSameAsReference(t *testing.T) {
	for name, in := range bristInputs(t) {
		for v, b := range aftest.Variants(in) {
			readBristindexBoth(t, name+"/"+v, b)
			for _, comma := range []rune{',', ';'} {
				aftest.SameTable(t, b, comma)
			}
		}
	}
}

func FuzzBristindexSameAsReference(f *testing.F) {
	aftest.AddSeeds(f, aftest.SharedHead("bristindex_2018h_1ar_lan.csv", 8), aftest.SharedHead("bristindex_2018h_5ar_riket.csv", 8),
		[]byte(bristHeader+bristRow+strings.Replace(bristRow, "01 Stockholms län", "03 Uppsala län", 1)),
		[]byte("Yrkesområde,SSYK,Prognosyrke,omfem\nX,310,Soldater,3.79\nY,\"2223, 2226\",Z,4.74\n"))
	f.Fuzz(func(t *testing.T, in []byte) { readBristindexBoth(t, "fuzz", in) })
}

func readPrognosBoth(t *testing.T, name string, in []byte) {
	t.Helper()
	for _, opt := range []PrognosOptions{{}, {Round: "2024", Concepts: af.ConceptSSYK{"1JfT_7TR_tqA": {"2411"}}}} {
		p, gotErr := ReadPrognosCSV(bytes.NewReader(in), "f.csv", opt)
		var got *af.AssessmentSet
		if gotErr == nil {
			got = p.AssessmentSet()
		}
		want, wantErr := refReadPrognosCSV(bytes.NewReader(in), "f.csv", opt)
		aftest.SameOutcome(t, fmt.Sprintf("%s %+v", name, opt), got, gotErr, want, wantErr)
	}
	for _, c := range []af.ConceptSSYK{nil, {"1JfT_7TR_tqA": {"2411"}}} {
		got, gotErr := ReadPrognosHistorikCSV(bytes.NewReader(in), "f.csv", c)
		want, wantErr := refReadPrognosHistorikCSV(bytes.NewReader(in), "f.csv", c)
		aftest.SameOutcome(t, name+" historik", got, gotErr, want, wantErr)
	}
}

func TestPrognosSameAsReference(t *testing.T) {
	for name, in := range aftest.PrognosVarselInputs(t) {
		for v, b := range aftest.Variants(in) {
			readPrognosBoth(t, name+"/"+v, b)
		}
	}
}

func FuzzPrognosSameAsReference(f *testing.F) {
	aftest.AddSeeds(f, aftest.PrognosVarselSeeds()...)
	f.Fuzz(func(t *testing.T, in []byte) { readPrognosBoth(t, "fuzz", in) })
}
