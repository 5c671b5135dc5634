package scb_test

import (
	"fmt"

	"lmi/ingest/cube"
	"lmi/ingest/scb"
)

// An RMI U3 table (the population 18-64 between two years) is known by
// its content texts; CheckRMI holds its net change against the two
// populations and against the sum of its parts.
func ExampleRMI() {
	texts := []string{
		"Befolkning år 1, 18-64 år", "Befolkning år 2, 18-64 år", "Nettoförändring mellan år 1 och 2",
		"- Varav åldersinträden (18-åringar)", "- Varav åldersutträden (65-åringar)",
		"- Varav inflyttare till regionen", "- Varav utflyttare från regionen",
		"- Varav examinerade inom regionen", "- Varav vidareutbildade inom regionen",
	}
	var contents []cube.Value
	for i, tx := range texts {
		contents = append(contents, cube.Value{Code: fmt.Sprint(i), Label: tx})
	}
	tab := cube.New([]cube.Dimension{
		{Code: "Region", Role: cube.RoleGeo, Values: []cube.Value{{Code: "20", Label: "Dalarnas län"}}},
		{Code: "ContentsCode", Role: cube.RoleMetric, Values: contents},
		{Code: "Tid", Role: cube.RoleTime, Values: []cube.Value{{Code: "2021-2022", Label: "2021-2022"}}},
	})
	tab.ID = "RegionInd19U3N1"
	// 1000 to 1012 is +12; the parts give 30 - 25 + 40 - 45 + 6 + 4 = 10.
	for i, v := range []float64{1000, 1012, 12, 30, 25, 40, 45, 6, 4} {
		tab.Set(i, v)
	}
	kind, cells, err := scb.RMI(tab)
	if err != nil {
		fmt.Println(err)
		return
	}
	checked, diffs := scb.CheckRMI(cells)
	fmt.Println(kind, cells[0].Year, cells[0].Value[scb.MeasureNettoforandring], checked)
	for _, d := range diffs {
		fmt.Println(d)
	}
	// Output:
	// U3 2021-2022 12 2
	// RegionInd19U3N1 Region=20 2021-2022: nettoforandring published 12, recomputed 10.0000 from its parts
}
