package af

import (
	"bytes"
	"fmt"
	"testing"

	"lmi/codes"
)

// The benchmarks report MB/s (b.SetBytes) and allocs/op. Run with
//
//	go test ./ingest/af -run '^$' -bench . -benchmem

func BenchmarkReadAds(b *testing.B) {
	fixture := readFixture(b)
	var in bytes.Buffer
	for in.Len() < 8<<20 {
		in.Write(fixture)
	}
	data := in.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadAds(bytes.NewReader(data), "bench.jsonl", AdOptions{Taxonomy: fixtureTaxonomy}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadAdsGenerated reads 64 MB of generated 2 KB ads spread over
// all kommuner (the shape of TestAdsBoundedMemory). The reference
// sub-benchmark reads them as the reader did before its single-pass
// scanner (encoding/json, string-keyed cells).
func BenchmarkReadAdsGenerated(b *testing.B) {
	var in bytes.Buffer
	if _, err := in.ReadFrom(newAdGen(64 << 20)); err != nil {
		b.Fatal(err)
	}
	data := in.Bytes()
	for _, reference := range []bool{false, true} {
		name := "scan"
		if reference {
			name = "reference"
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				a := newAdAgg(AdOptions{})
				a.reference = reference
				if err := a.read(bytes.NewReader(data), "bench.jsonl"); err != nil {
					b.Fatal(err)
				}
				a.result()
			}
		})
	}
}

func benchShared(b *testing.B, name string, read func([]byte) error) {
	data := sharedBytes(b, name)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if err := read(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBristindexCSV(b *testing.B) {
	benchShared(b, "bristindex_2018h_1ar_lan.csv", func(d []byte) error {
		_, err := ReadBristindexCSV(bytes.NewReader(d), "b.csv", BristindexOptions{})
		return err
	})
}

func BenchmarkPrognosCSV(b *testing.B) {
	benchShared(b, "yrkesprognos_v3_bedomning.csv", func(d []byte) error {
		_, err := ReadPrognosCSV(bytes.NewReader(d), "p.csv", PrognosOptions{})
		return err
	})
}

func BenchmarkPrognosHistorikCSV(b *testing.B) {
	benchShared(b, "yrkesprognos_v3_historik.csv", func(d []byte) error {
		_, err := ReadPrognosHistorikCSV(bytes.NewReader(d), "h.csv", nil)
		return err
	})
}

func BenchmarkVarselCSV(b *testing.B) {
	benchShared(b, "af_varsel_manad_dalarna_1992_2024.csv", func(d []byte) error {
		_, err := ReadVarselCSV(bytes.NewReader(d), "v.csv")
		return err
	})
}

// BenchmarkStatsCSV reads a long-format sheet of 290 kommuner x 40 SSYK x
// 12 months (139,200 detail rows) with kommun total rows, checking totals.
func BenchmarkStatsCSV(b *testing.B) {
	var in bytes.Buffer
	in.WriteString("Inskrivna arbetslösa efter kommun och yrke, 2024\nKälla: Arbetsförmedlingen\n\nMånad;Kommun;Yrke (SSYK 4);Antal\n")
	ssyk := codes.SSYK(4)[:40]
	for m := 1; m <= 12; m++ {
		for _, k := range codes.Kommuner() {
			tot := 0
			for i, s := range ssyk {
				n := (m*31 + i*7 + len(k.Name)) % 300
				tot += n
				if n < 5 {
					fmt.Fprintf(&in, "2024-%02d;%s %s;%s %s;<5\n", m, k.Code, k.Name, s.Code, s.Name)
				} else {
					fmt.Fprintf(&in, "2024-%02d;%s %s;%s %s;%d\n", m, k.Code, k.Name, s.Code, s.Name, n)
				}
			}
			fmt.Fprintf(&in, "2024-%02d;%s %s;Totalt;%d\n", m, k.Code, k.Name, tot)
		}
	}
	data := in.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		res, err := ReadStatsCSV(bytes.NewReader(data), "s.csv", StatsOptions{Category: "inskrivna arbetslösa", CheckTotals: true})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Counts) != 12*290*40 {
			b.Fatalf("%d counts", len(res.Counts))
		}
	}
}
