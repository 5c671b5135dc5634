package disclosure_test

import (
	"fmt"

	"lmi/disclosure"
)

// A county of three kommuner, employed by sex. Two counts are below 5;
// Protect hides them and two more, so that no published sum gives either
// back or narrows it to fewer than 5 values.
func Example() {
	var b disclosure.Builder
	names := []string{"men", "women", "total"}
	kommuner := []string{"Ale", "Bollebygd", "Borås", "län"}
	counts := [][]float64{{2, 10, 12}, {8, 3, 11}, {30, 41, 71}, {40, 54, 94}}
	cell := make([][]disclosure.Cell, len(counts))
	for k, row := range counts {
		for _, v := range row {
			c, err := b.AddCell(v)
			if err != nil {
				fmt.Println(err)
				return
			}
			cell[k] = append(cell[k], c)
		}
	}
	for k := range counts { // total = men + women
		b.AddSum(cell[k][2], cell[k][0], cell[k][1])
	}
	for s := range names { // län = sum of its kommuner
		b.AddSum(cell[3][s], cell[0][s], cell[1][s], cell[2][s])
	}
	p, err := b.Build()
	if err != nil {
		fmt.Println(err)
		return
	}
	pattern, report, err := disclosure.Protect(p, disclosure.Config{K: 5})
	if err != nil {
		fmt.Println(err)
		return
	}
	for k, name := range kommuner {
		fmt.Printf("%-9s", name)
		for s := range names {
			fmt.Printf(" %-9v", pattern.Status(cell[k][s]))
		}
		fmt.Println()
	}
	fmt.Printf("hidden beyond primary: %d cells, %g persons; violations: %d\n",
		report.SecondaryCells, report.SecondaryValue, report.Audit.Violations)
	// Output:
	// Ale       primary   secondary published
	// Bollebygd secondary primary   published
	// Borås     published published published
	// län       published published published
	// hidden beyond primary: 2 cells, 18 persons; violations: 0
}

// The attacker against primary suppression alone: in a relation where a
// count is the only hidden member, subtraction gives it back.
func ExampleAudit() {
	var b disclosure.Builder
	total, _ := b.AddCell(20)
	small, _ := b.AddCell(3)
	rest, _ := b.AddCell(17)
	b.AddSum(total, small, rest)
	p, _ := b.Build()
	primary, _ := p.Primary(5)
	res, _ := disclosure.Audit(primary, disclosure.Config{})
	bounds, _ := res.Bounds(small)
	fmt.Printf("[%g, %g] by %v, violates: %v\n", bounds.Lo, bounds.Hi, bounds.Method, bounds.Violates)
	// Output:
	// [3, 3] by propagation, violates: true
}

// The same count published by two families: employed in the status family
// is night population in the commuting family. Tied by AddEqual, the two
// cells are one count to the attacker and share one status.
func ExampleBuilder_AddEqual() {
	var b disclosure.Builder
	labourForce, _ := b.AddCell(7)
	employed, _ := b.AddCell(3)
	unemployed, _ := b.AddCell(4)
	night, _ := b.AddCell(3)
	liveWork, _ := b.AddCell(1)
	outCommuters, _ := b.AddCell(2)
	b.AddSum(labourForce, employed, unemployed)
	b.AddSum(night, liveWork, outCommuters)
	b.AddEqual(employed, night)
	p, _ := b.Build()
	pattern, _, _ := disclosure.Protect(p, disclosure.Config{K: 5})
	fmt.Println(p.SameCount(employed, night), pattern.Status(employed), pattern.Status(night))
	// Output:
	// true primary primary
}
