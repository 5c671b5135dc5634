package stats_test

import (
	"fmt"
	"strings"

	"lmi/ingest/af/stats"
)

func ExampleReadStatsCSV() {
	in := `Nyanmälda lediga platser per månad och län, 2024
Källa: Arbetsförmedlingen

Månad;Stockholms län;Gotlands län;Riket
januari 2024;10 234;212;10 446
februari 2024;11 872;<5;11 875
`
	res, err := stats.ReadStatsCSV(strings.NewReader(in), "platser.csv",
		stats.StatsOptions{Category: "nya lediga platser", CheckTotals: true})
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
