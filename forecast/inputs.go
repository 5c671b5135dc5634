package forecast

import "slices"

// inputTables are the store tables a forecast reads: persons (employment, ages,
// the panel's entrants and exit rates), graduates (entrants without a
// panel) and jobseekers (supply). Both supply paths are listed, whichever
// the data takes. TestInputsComplete checks the list by hiding every
// other table from a forecast.
var inputTables = []string{"graduates", "jobseekers", "persons"}

// Inputs returns the store tables (store.Tables) a forecast with p reads,
// sorted, for callers that recompute the forecast only when one of them
// changed (lmi refresh). p is for parameters that choose what is read;
// none does today.
func Inputs(p Params) []string {
	_ = p
	return slices.Clone(inputTables)
}
