package xlsx_test

import (
	"fmt"
	"os"
	"path/filepath"

	"lmi/report"
	"lmi/report/xlsx"
)

func Example() {
	t := &report.Table{
		Name:  "matchningsgrad",
		Title: "Matchningsgrad efter län, 2022",
		Columns: []report.Column{
			{Key: "region", Header: "Län", Kind: report.KindCode},
			{Key: "region_name", Header: "Namn"},
			{Key: "value", Header: "Matchningsgrad, procent", Kind: report.KindPercent},
		},
		Rows: report.SliceRows([][]report.Cell{
			{report.Str("01"), report.Str("Stockholms län"), report.Num(64.21)},
			{report.Str("03"), report.Str("Uppsala län"), report.Mark(report.Suppressed)},
		}),
	}
	w, err := xlsx.New(xlsx.Options{Provenance: report.Provenance{Title: "Matchning", LMIVersion: "v1.0.0"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer w.Close()
	sheets, err := w.AddTable(t, xlsx.TableOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	dir, _ := os.MkdirTemp("", "lmi-xlsx")
	defer os.RemoveAll(dir)
	if err := w.WriteFile(filepath.Join(dir, "matchning.xlsx")); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(w.Sheets(), sheets[0].Rows)
	// Output: [Om tabellerna Teckenförklaring matchningsgrad] 2
}
