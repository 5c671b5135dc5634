package indicators

import (
	"regexp"
	"slices"
	"strings"

	"lmi/store"
)

// What each family reads from the store, for callers that recompute only
// the families whose inputs changed (lmi refresh). The tables are derived
// from the SQL a family runs: its cells SQL file, its indicators' SQL and
// the SQL of what it needs first (the match key). A
// new family, or a new table in a family's SQL, needs no change here.
// Only the SQL of steps run from Go, inline or in a helper file under sql/
// that is not parsed here, is declared below, by hand; the tests check
// the lists are complete by hiding every other table from a family's
// computation.

// goInputs are the tables read by the SQL of steps run from Go, per step.
var (
	// matchKeyInputs: buildMatchMap's latest year (statistical_key.sql is
	// parsed).
	matchKeyInputs = []string{"persons"}
	// exitProfileInputs: EstimateExitProfileUpTo's panel years and exit
	// rates (sql/panel_pairs.sql, sql/exit_rates.sql).
	exitProfileInputs = []string{"persons"}
	// goCellsInputs: families whose cells are built in Go (goCells).
	goCellsInputs = map[string][]string{
		// FitMatchingFunction (sql/matching_function_flows.sql) and
		// flowSpan.
		"matching_function": {"hires", "jobseekers", "vacancies"},
	}
)

// Families returns the indicator families in output order: each writes
// FAMILY.parquet and FAMILY.csv.
func Families() []string {
	out := make([]string, len(families))
	for i, f := range families {
		out[i] = f.name
	}
	return out
}

// FamilyInputs returns the store tables (store.Tables) the family's
// computation reads, sorted; nil for an unknown family. A family built in
// Go without a declared list reads every table, so that no change to one
// is ever missed.
func FamilyInputs(family string) []string {
	f, ok := familyByName(family)
	if !ok {
		return nil
	}
	var files []string
	if f.cellsSQL != "" {
		files = append(files, f.cellsSQL)
	}
	if f.needsKey {
		files = append(files, "sql/statistical_key.sql")
	}
	files = append(files, "sql/suppress.sql")
	var tables []string
	for _, file := range files {
		b, err := sqlFiles.ReadFile(file)
		if err != nil {
			// The files are compiled in; a missing one is a build defect
			// caught by tests. Read everything rather than miss a change.
			return slices.Clone(store.Tables)
		}
		tables = append(tables, SQLInputs(string(b))...)
	}
	for _, ind := range builtin {
		if ind.Family == family {
			tables = append(tables, SQLInputs(ind.SQL)...)
		}
	}
	if f.needsKey {
		tables = append(tables, matchKeyInputs...)
	}
	if f.needsExits {
		tables = append(tables, exitProfileInputs...)
	}
	if f.goCells != nil {
		in, ok := goCellsInputs[f.name]
		if !ok {
			return slices.Clone(store.Tables)
		}
		tables = append(tables, in...)
	}
	slices.Sort(tables)
	return slices.Compact(tables)
}

// fromJoin finds the table named after FROM or JOIN.
var fromJoin = regexp.MustCompile(`(?i)\b(?:from|join)\s+([a-z_][a-z0-9_]*)\b`)

// SQLInputs returns the store tables (store.Tables) a SQL text names after
// FROM or JOIN, sorted; comments are skipped. Temporary tables and common
// table expressions are not store tables and are left out.
func SQLInputs(sqlText string) []string {
	lines := strings.Split(sqlText, "\n")
	for i, line := range lines {
		if j := strings.Index(line, "--"); j >= 0 {
			lines[i] = line[:j]
		}
	}
	// Joined again: FROM and its table may sit on different lines.
	var tables []string
	for _, m := range fromJoin.FindAllStringSubmatch(strings.Join(lines, "\n"), -1) {
		if t := strings.ToLower(m[1]); slices.Contains(store.Tables, t) {
			tables = append(tables, t)
		}
	}
	slices.Sort(tables)
	return slices.Compact(tables)
}
