package forecast

import (
	"io/fs"
	"slices"

	"lmi/indicators"
	"lmi/store"
)

// goInputs are the tables read by SQL inline in Go: gather's range of
// years (data.go) and the exit rates of the person panel
// (indicators.EstimateExitProfileUpTo). The tests check the list is
// complete by hiding every other table from a forecast.
var goInputs = []string{"persons"}

// Inputs returns the store tables (store.Tables) a forecast with p reads,
// sorted, for callers that recompute the forecast only when one of them
// changed (lmi refresh). They are derived from the forecast's SQL files
// (sql/*.sql) and goInputs; the tables behind both supply paths (the
// person panel and, without one, graduates) are listed, whichever the data
// takes. p is for parameters that choose what is read; none does today.
func Inputs(p Params) []string {
	_ = p
	tables := slices.Clone(goInputs)
	files, err := fs.Glob(sqlFiles, "sql/*.sql")
	if err != nil || len(files) == 0 {
		// The files are compiled in: read everything rather than miss a change.
		return slices.Clone(store.Tables)
	}
	for _, f := range files {
		b, err := sqlFiles.ReadFile(f)
		if err != nil {
			return slices.Clone(store.Tables)
		}
		tables = append(tables, indicators.SQLInputs(string(b))...)
	}
	slices.Sort(tables)
	return slices.Compact(tables)
}
