package scbcsv_test

import (
	"fmt"
	"strings"

	"lmi/ingest/scbcsv"
)

func ExampleDecode() {
	// An SCB "comma-delimited with heading" download (here in UTF-8; SCB's
	// own are Latin-1, which is detected too).
	download := `"region","kön","2022","2023"
"06 Jönköpings län","män",171200,173000
"06 Jönköpings län","kvinnor",158900,..
"00 Riket","män",2684000,2701000
"00 Riket","kvinnor",2490000,2512000
`
	t, err := scbcsv.Decode(strings.NewReader(download), "AM0207.csv", scbcsv.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range t.Dimensions {
		fmt.Printf("%s (%s): %v\n", d.Code, d.Role, d.Values)
	}
	fmt.Println(t.Values[3], t.Status[3])

	// The same combination twice is an error naming both lines.
	_, err = scbcsv.Decode(strings.NewReader(download+`"00 Riket","män",1,2`+"\n"), "AM0207.csv", scbcsv.Options{})
	fmt.Println(err)
	// Output:
	// region (geo): [{06 Jönköpings län} {00 Riket}]
	// kön (): [{män män} {kvinnor kvinnor}]
	// period (time): [{2022 2022} {2023 2023}]
	// NaN ..
	// scbcsv: AM0207.csv:6: duplicate row: the same region, kön as line 4
}
