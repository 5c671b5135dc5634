package canonical_test

import (
	"fmt"
	"strings"

	"lmi/ingest/canonical"
)

func ExampleNewCSVReader() {
	extract := "year,home_kommun,status,ssyk4,sex,age,birth_region\n" +
		"2021,0180,employed,2512,1,34,1\n" +
		"2021,0180,employed,2512,3,41,1\n" + // sex must be 1 or 2
		"2021,1480,unemployed,,2,29,6\n"
	r, err := canonical.NewCSVReader(canonical.Persons, strings.NewReader(extract), "extract.csv", canonical.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer r.Release()
	for r.Next() {
		fmt.Println("batch of", r.RecordBatch().NumRows(), "rows")
	}
	for _, rej := range r.Rejects() {
		fmt.Println(rej)
	}
	fmt.Printf("%d read, %.0f%% rejected\n", r.RowsRead(), 100*r.RejectShare())
	// Output:
	// batch of 2 rows
	// extract.csv:3: column sex: value "3": unknown code, expected 1 (man) or 2 (kvinna)
	// 3 read, 33% rejected
}
