package report_test

import (
	"fmt"

	"lmi/report"
)

func ExampleNumberFormat_Cell() {
	value := report.Column{Key: "value", Header: "Matchningsgrad", Kind: report.KindPercent}
	for _, c := range []report.Cell{
		report.Num(61.25),
		report.NumOf(12345, report.KindCount),
		report.Mark(report.Suppressed),
		{},
	} {
		fmt.Printf("%q\n", report.Swedish.Cell(c, value))
	}
	// Output:
	// "61,3"
	// "12\u00a0345"
	// ".."
	// ""
}
