package px_test

import (
	"fmt"
	"strings"

	"lmi/ingest/px"
)

func ExampleDecode() {
	file := `CHARSET="ANSI";
LANGUAGE="sv";
MATRIX="AM0101X";
TITLE="Sysselsatta efter region och år";
STUB="region";
HEADING="år";
VALUES("region")="01 Stockholms län","06 Jönköpings län";
CODES("region")="01","06";
VALUES("år")="2023","2024";
TIMEVAL("år")=TLIST(A1),"2023","2024";
DATA=
1250300 1261000
".." 178400;
`
	t, err := px.Decode(strings.NewReader(file), "AM0101X.px", px.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(t.ID, t.Title)
	for _, d := range t.Dimensions {
		fmt.Printf("%s (%s): %d values\n", d.Code, d.Role, len(d.Values))
	}
	for i, v := range t.Values {
		if s := t.Status[i]; s != "" {
			fmt.Println(i, "status", s)
		} else {
			fmt.Println(i, v)
		}
	}

	// A file cut short says where.
	_, err = px.Decode(strings.NewReader(file[:len(file)-9]), "AM0101X.px", px.Options{})
	fmt.Println(err)
	// Output:
	// AM0101X Sysselsatta efter region och år
	// region (geo): 2 values
	// år (time): 2 values
	// 0 1.2503e+06
	// 1 1.261e+06
	// 2 status ..
	// 3 178400
	// px: AM0101X.px:13:5: DATA: file ends too early: wrong number of data values: 3 values for 4 cells (2 × 2)
}
