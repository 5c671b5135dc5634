package codes_test

import (
	"errors"
	"fmt"
	"strings"

	"lmi/codes"
)

func ExampleRollUp() {
	for _, level := range []codes.Level{codes.LevelKommun, codes.LevelLan, codes.LevelFA, codes.LevelRiket} {
		code, _ := codes.RollUp(level, "0380")
		fmt.Printf("%-6s %-4s %s\n", level, code, codes.RegionName(level, code))
	}
	// Output:
	// kommun 0380 Uppsala
	// lan    03   Uppsala län
	// fa     FA23 Stockholm
	// riket  00   Riket
}

func ExampleReadGrouping() {
	const file = `region,code
# Norrbotten as a whole, and a cluster of Västerbotten kommuner
Norrbotten,25
Umeåregionen,2480
Umeåregionen,2403
`
	g, err := codes.ReadGrouping(strings.NewReader(file), "norr")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range g.Regions {
		fmt.Println(r.Name, len(r.Kommuner), "kommuner")
	}
	region, ok := g.RollUp("2584") // Kiruna
	fmt.Println(region, ok)

	_, err = codes.ReadGrouping(strings.NewReader("region,code\nA,01\nB,0180\n"), "bad.csv")
	fmt.Println(err)
	fmt.Println(errors.Is(err, codes.ErrOverlap))
	// Output:
	// Norrbotten 14 kommuner
	// Umeåregionen 2 kommuner
	// Norrbotten true
	// bad.csv:3: code "0180": kommun in more than one region: kommun 0180 Stockholm is already in region "A" (line 2), cannot also be in "B"
	// true
}
