package publish_test

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"lmi/codes"
	"lmi/report"
	"lmi/report/publish"
)

func ExampleBuild() {
	out, err := os.MkdirTemp("", "lmi-publish")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(out)
	files, err := publish.Build(publish.Input{
		Dirs: []string{filepath.Join("testdata", "outputs")},
		Indicators: []publish.Indicator{
			{Name: "matchningsgrad", Label: "Matchningsgrad (A/(A+B+C))", Unit: "procent", Family: "matching", Section: "2", Version: 1},
		},
		Families:   []publish.Family{{Name: "matching", Dimensions: []string{"edu_group", "sex", "birth_region"}}},
		Provenance: report.Provenance{Title: "Matchning i testlänen", LMIVersion: "v1.0.0"},
		Levels:     []codes.Level{codes.LevelLan},
		Created:    time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC),
		OutDir:     out,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// The families of the metadata first, then the folder's other long
	// tables by name.
	for _, s := range files.Sheets[:3] {
		fmt.Println(s.Name, s.Rows)
	}
	fmt.Println(filepath.Base(files.Workbook), filepath.Base(files.Report))
	// Output:
	// Matchning 20
	// Åldersstruktur 23
	// Beveridge 12
	// workbook.xlsx report.html
}
