package assess_test

import (
	"fmt"
	"strings"

	"lmi/ingest/af"
	"lmi/ingest/af/assess"
)

func ExampleReadYrkesbarometer() {
	in := `[
 {"yb_yrke": "Arbetsförmedlare", "yb_concept_id": "yUVK_gPS_ETF", "lan": "00",
  "antal_ssyk": 1, "del_av_ssyk": 0, "ssyk": "3333",
  "jobbmojligheter": "medelstora", "rekryteringssituation": "balans",
  "prognos": "öka", "omgang": "2025-2"}
]`
	s, err := assess.ReadYrkesbarometer(strings.NewReader(in), "yrkesbarometer.json")
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
	p, err := assess.ReadPrognosCSV(strings.NewReader(in), "bedomning.csv",
		assess.PrognosOptions{Concepts: af.ConceptSSYK{"1JfT_7TR_tqA": {"2411"}}})
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
