package panel_test

import (
	"fmt"

	"lmi/forecast/ts"
	"lmi/forecast/ts/panel"
)

func ExampleGrowth() {
	// Two regions of one occupation: a clear trend in the larger, noise
	// in the smaller. The smaller takes most of its growth from the
	// occupation's total.
	p, _ := panel.New(1, []string{"2016", "2017", "2018", "2019"},
		[]panel.Key{{Region: "01", Occupation: "2512"}, {Region: "03", Occupation: "2512"}},
		[][]float64{{1000, 1100, 1210, 1331}, {40, 30, 44, 36}})
	fs, _ := panel.Growth{}.ForecastPanel(p, 2)
	for i, f := range fs {
		fmt.Printf("%s: %.0f %.0f\n", p.Keys[i].Region, f.Mean[0], f.Mean[1])
	}
	// Output:
	// 01: 1460 1601
	// 03: 40 44
}

func ExamplePublish() {
	// A backtest of naive and the shrunk growth from every origin; the
	// published forecast at each origin is the choice from the forecasts
	// known by then, its intervals from the errors known by then.
	p, _ := panel.New(1, []string{"2014", "2015", "2016", "2017", "2018", "2019"},
		[]panel.Key{{"01", "2512"}, {"03", "2512"}, {"01", "5321"}, {"03", "5321"}},
		[][]float64{{100, 110, 121, 133, 146, 161}, {50, 54, 59, 63, 69, 75}, {80, 78, 75, 74, 71, 69}, {30, 31, 28, 29, 27, 26}})
	models := []panel.Model{panel.PerSeries{Model: ts.Naive{}}, panel.Growth{}}
	res, _ := panel.Backtest(p, models, panel.Config{Horizon: 2})
	res, choices, _ := panel.Publish(p, res, panel.ChooseConfig{})
	// Band 0 (mean below 50) is the noisy 30-employed series, band 1 the
	// trending ones.
	fmt.Println(res.Models, choices[5][0].Models, choices[5][1].Models)
	// Output:
	// [naive growth lmi] [[naive] [naive]] [[growth] [growth]]
}
