package geo_test

import (
	"fmt"
	"strings"

	"lmi/codes"
	"lmi/report"
	"lmi/report/geo"
)

func ExampleMap() {
	m := &geo.Map{
		Title:  "Matchningsgrad per län 2022",
		Level:  codes.LevelLan,
		Kind:   report.KindPercent,
		Unit:   "Matchningsgrad, procent",
		Source: "lmi",
		Values: map[string]report.Cell{
			"01": report.Num(64.2),
			"03": report.Mark(report.Suppressed),
			"12": report.Num(58.9),
		},
		Classes: geo.Classes{Method: geo.Manual, Breaks: []float64{60}},
	}
	svg, err := m.SVG()
	if err != nil {
		fmt.Println(err)
		return
	}
	s := string(svg)
	fmt.Println(strings.Contains(s, "<title>Stockholms län: 64,2</title>"))
	fmt.Println(strings.Contains(s, "60 eller mer (1)"))
	// Output:
	// true
	// true
}

func ExampleProject() {
	e, n := geo.Project(18.0686, 59.3293) // Sergels torg, Stockholm
	fmt.Printf("E %.0f N %.0f\n", e, n)
	// Output: E 674572 N 6580743
}
