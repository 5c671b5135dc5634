package stats

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"lmi/ingest/af/internal/aftest"
)

func readStatsBoth(t *testing.T, name string, in []byte) {
	t.Helper()
	for _, opt := range []StatsOptions{{Category: "x", CheckTotals: true}, {Category: "x"}, {CheckTotals: true}, {Category: "x", Period: "2024-03"}} {
		got, gotErr := ReadStatsCSV(bytes.NewReader(in), "f.csv", opt)
		want, wantErr := refReadStatsCSV(bytes.NewReader(in), "f.csv", opt)
		aftest.SameOutcome(t, fmt.Sprintf("%s %+v", name, opt), got, gotErr, want, wantErr)
	}
}

func TestStatsSameAsReference(t *testing.T) {
	for name, in := range aftest.AFInputs(t) {
		for v, b := range aftest.Variants(in) {
			readStatsBoth(t, name+"/"+v, b)
		}
	}
	head := "Inskrivna arbetslösa per län, januari 2024\n\nLän;Arbetslösa\n"
	for _, s := range []string{
		head + "01 Stockholms län;100\n03 Uppsala län;50\nRiket;160\n",
		head + "01 Stockholms län;3\n01;4\n",
		head + "01 Stockholms län;3\n03;4\n01;5\n03;6\n",
		"Månad;Yrke;Arbetslösa\n2024-01;25 IT-yrken;3\n",
		"Län;2024;;\n;jan;feb;Summa\n01;1;<5;4\n03;2;3;5\nRiket;3;6;9\n",
		"Månad;Yrke;Antal\n2024-01;2512;3\n2024-01;Totalt;3\n2024-02;2512;3\n2024-01;2512;4\n",
		"Månad;Kommun;Yrke;Antal\n2024-01;0180;2512;3\n2024-01;0180;2511;4\n2024-01;01;2512;3\n2024-01;01;Totalt;7\n2024-01;Riket;25;7\n",
		"Kommun;2024-01;2024-02;Totalt 2024\n0180;1;2;3\n0114;<5;1;1\n01 Stockholms län;1;3;4\n",
	} {
		readStatsBoth(t, s, []byte(s))
	}
}

func FuzzStatsSameAsReference(f *testing.F) {
	for _, n := range []string{"arbetslosa_kommun_ssyk.csv", "lediga_platser_manad_lan.csv"} {
		if b, err := os.ReadFile(filepath.Join("testdata/stats", n)); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("Län;2024;;\n;jan;feb;Summa\n01;1;<5;4\n03;2;3;5\nRiket;3;6;9\n"))
	f.Add([]byte("Månad;Kommun;Yrke;Antal\n2024-01;0180;2512;3\n2024-01;0180;2511;4\n2024-01;01;2512;3\n2024-01;01;Totalt;7\n2024-01;Riket;25;7\n"))
	f.Fuzz(func(t *testing.T, in []byte) { readStatsBoth(t, "fuzz", in) })
}

func readVarselBoth(t *testing.T, name string, in []byte) {
	t.Helper()
	got, gotErr := ReadVarselCSV(bytes.NewReader(in), "f.csv")
	want, wantErr := refReadVarselCSV(bytes.NewReader(in), "f.csv")
	aftest.SameOutcome(t, name+" varsel", got, gotErr, want, wantErr)
}

func TestVarselSameAsReference(t *testing.T) {
	for name, in := range aftest.PrognosVarselInputs(t) {
		for v, b := range aftest.Variants(in) {
			readVarselBoth(t, name+"/"+v, b)
		}
	}
}

func FuzzVarselSameAsReference(f *testing.F) {
	aftest.AddSeeds(f, aftest.PrognosVarselSeeds()...)
	f.Fuzz(func(t *testing.T, in []byte) { readVarselBoth(t, "fuzz", in) })
}
