package stats

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"lmi/ingest/af/internal/aftest"
)

func FuzzStatsCSV(f *testing.F) {
	for _, n := range []string{"arbetslosa_kommun_ssyk.csv", "lediga_platser_manad_lan.csv"} {
		if b, err := os.ReadFile(filepath.Join("testdata/stats", n)); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("Inskrivna arbetslösa i mars 2024\n\nLän;Arbetslösa;Varav kvinnor\n01 Stockholms län;52 310;24 100\nRiket;60 322;28 050\n"))
	f.Add([]byte("Län;2024;;\n;jan;feb;Summa\n01;1;<5;4\n03;2;3;5\nRiket;3;6;9\n"))
	f.Add([]byte("Månad;Yrke;Antal\n2024-01;2512;3\n2024-01;Totalt;3\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		for _, check := range []bool{false, true} {
			res, err := ReadStatsCSV(bytes.NewReader(in), "f.csv", StatsOptions{Category: "x", CheckTotals: check})
			if err != nil {
				aftest.CheckErr(t, err, res == nil)
				continue
			}
			aftest.CheckCounts(t, res.Counts)
		}
	})
}

func FuzzStatsXLSX(f *testing.F) {
	f.Add("Titel\n\nKommun\t2024\t\t\tSumma\n\tjan\tfeb\tmar\n0180 Stockholm\t10\t<5\t12\t25\nRiket\t10\t3\t12\t25\nAnm. text")
	f.Add("Yrke\t2024-01\t2024-02\n2512 Mjukvaruutvecklare\t3\t4\nSamtliga yrken\t3\t4")
	f.Fuzz(func(t *testing.T, in string) {
		data := aftest.CellsToXLSX(t, in, [][2]string{{"B3", "D3"}})
		res, err := ReadStatsXLSX(bytes.NewReader(data), "f.xlsx", StatsOptions{Category: "x", CheckTotals: true})
		if err != nil {
			aftest.CheckErr(t, err, res == nil)
			return
		}
		aftest.CheckCounts(t, res.Counts)
	})
}

func FuzzVarselCSV(f *testing.F) {
	aftest.AddSeeds(f, aftest.SharedHead("af_varsel_manad_dalarna_1992_2024.csv", 20),
		[]byte("tid,region,antal\n2024-01,20,<5\n2024-02,2080,7\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		cs, err := ReadVarselCSV(bytes.NewReader(in), "f.csv")
		if err != nil {
			aftest.CheckErr(t, err, cs == nil)
			return
		}
		aftest.CheckCounts(t, cs)
	})
}

// FuzzXLSXBytes feeds raw (damaged) workbooks to the statistics sheet
// reader (assess has the same for its readers): excelize's errors and
// panics must come back as *Error.
func FuzzXLSXBytes(f *testing.F) {
	f.Add(aftest.CellsToXLSX(f, "Yrkesområde\tSSYK\tPrognosyrke\tomfem\nA\t261\tJurister\t3.13", nil))
	f.Add(aftest.CellsToXLSX(f, "Län\tArbetslösa\n01\t5\n03\t<5", [][2]string{{"A1", "A2"}}))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, in []byte) {
		if res, err := ReadStatsXLSX(bytes.NewReader(in), "f.xlsx", StatsOptions{Category: "x", Period: "2024-01"}); err != nil {
			aftest.CheckErr(t, err, res == nil)
		} else {
			aftest.CheckCounts(t, res.Counts)
		}
	})
}
