package forecast

// EmptyReason says why one of the forecast's files (FileForecast,
// FileShortage, FileSelection) came out with no rows, in words for the
// user and the run's manifest.
func (res *Result) EmptyReason(file string) string {
	switch {
	case len(res.Rows) == 0:
		return "no employment series to project: the database holds no person records with an occupation, " +
			"nor SCB's employment by occupation (YREG60), in the years before the origin"
	case file == FileShortage && res.NoAges:
		return "no replacement demand, so no balance or class: the employed have no ages (SCB's published " +
			"employment cells) and no age structure of SCB's is loaded (YREG57 by län and SSYK 3, or YREG51 by SSYK 4)"
	case file == FileShortage:
		return "every occupation's row at the horizon is suppressed or has no class (too few employed or no supply)"
	}
	return "no rows"
}
