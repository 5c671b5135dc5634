package chart_test

import (
	"fmt"
	"strings"

	"lmi/report"
	"lmi/report/chart"
)

func ExampleBars() {
	c := &chart.Bars{
		Common:     chart.Common{Title: "Matchningsgrad efter län 2022", Source: "lmi"},
		ValueLabel: "Procent",
		Kind:       report.KindPercent,
		Bars: []chart.Bar{
			{Label: "Uppsala län", Value: report.Num(58.25)},
			{Label: "Stockholms län", Value: report.Num(64.21)},
			{Label: "Gotlands län", Value: report.Mark(report.Suppressed)},
		},
		Reference: report.Num(61.04),
	}
	svg, err := c.SVG()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.HasPrefix(string(svg), "<svg"), strings.Contains(string(svg), "Riket 61,0"))
	// Output: true true
}
