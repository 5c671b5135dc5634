package af_test

import (
	"fmt"
	"strings"

	"lmi/ingest/af"
)

func ExampleReadYrkesbarometer() {
	in := `[
 {"yb_yrke": "Arbetsförmedlare", "yb_concept_id": "yUVK_gPS_ETF", "lan": "00",
  "antal_ssyk": 1, "del_av_ssyk": 0, "ssyk": "3333",
  "jobbmojligheter": "medelstora", "rekryteringssituation": "balans",
  "prognos": "öka", "omgang": "2025-2"}
]`
	s, err := af.ReadYrkesbarometer(strings.NewReader(in), "yrkesbarometer.json")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, a := range s.Assessments {
		fmt.Println(a.Round, a.Region, a.Occupation, a.SSYK, a.Measure, a.Class, a.Label)
	}
	// Output:
	// 2025-2 00 yUVK_gPS_ETF [3333] jobbmojligheter 2 medelstora
	// 2025-2 00 yUVK_gPS_ETF [3333] rekryteringssituation 2 balans
	// 2025-2 00 yUVK_gPS_ETF [3333] prognos 3 öka
}

func ExampleReadPrognosCSV() {
	in := "conceptidprognosyrke;fa15nr;bedömning24;pil_2022_tilltr;index;svårare_fa15nr\n" +
		"1JfT_7TR_tqA;0;3;1,13;;\n" +
		"1JfT_7TR_tqA;6;;0,98;4;2\n"
	p, err := af.ReadPrognosCSV(strings.NewReader(in), "bedomning.csv",
		af.PrognosOptions{Concepts: af.ConceptSSYK{"1JfT_7TR_tqA": {"2411"}}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Round, p.Measures)
	for _, r := range p.Rows {
		fmt.Println(r.Region, r.Values)
	}
	for a := range p.All() {
		fmt.Printf("%s %v %s %v %d %q\n", a.Region, a.SSYK, a.Measure, a.Value, a.Class, a.Label)
	}
	// Output:
	// 2024 [bedomning24 pil_2022_tilltr index svarare_fa15nr]
	// 00 [3 1.13 NaN NaN]
	// FA06 [NaN 0.98 4 2]
	// 00 [2411] bedomning24 3 3 ""
	// 00 [2411] pil_2022_tilltr 1.13 0 ""
	// FA06 [2411] pil_2022_tilltr 0.98 0 ""
	// FA06 [2411] index 4 4 ""
	// FA06 [2411] svarare_fa15nr NaN 0 "FA02"
}

func ExampleReadStatsCSV() {
	in := `Nyanmälda lediga platser per månad och län, 2024
Källa: Arbetsförmedlingen

Månad;Stockholms län;Gotlands län;Riket
januari 2024;10 234;212;10 446
februari 2024;11 872;<5;11 875
`
	res, err := af.ReadStatsCSV(strings.NewReader(in), "platser.csv",
		af.StatsOptions{Category: "nya lediga platser", CheckTotals: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, c := range res.Counts {
		fmt.Println(c.Period, c.Region, c.N, c.Censored)
	}
	fmt.Println("totals left out:", res.Totals, "checked:", res.Checked)
	// Output:
	// 2024-01 01 10234 false
	// 2024-01 09 212 false
	// 2024-02 01 11872 false
	// 2024-02 09 NaN true
	// totals left out: 2 checked: 1
}

func ExampleReadAds() {
	in := `{"publication_date":"2018-10-19T00:00:00","number_of_vacancies":2,"occupation_group":{"concept_id":"957L_kZK_rHZ","legacy_ams_taxonomy_id":"4323"},"workplace_address":{"municipality_code":"2584","region_code":"25"}}
{"publication_date":"2018-10-20T00:00:00","workplace_address":{"country":"Norge"}}
`
	v, err := af.ReadAds(strings.NewReader(in), "2018.jsonl", af.AdOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%+v\n%+v\n", v.ByKommun, v.ByLanSSYK)
	fmt.Println(v.Report.Ads, v.Report.Reasons[af.ReasonNoLan])
	// Output:
	// [{Period:2018-10 Region:2584 SSYK: N:2 Censored:false Category:jobtech-ads}]
	// [{Period:2018-10 Region:25 SSYK:4323 N:2 Censored:false Category:jobtech-ads}]
	// 2 {1 1}
}
