package indicators

import (
	"regexp"
	"slices"
	"strings"

	"lmi/store"
)

// A built-in family's store inputs are declared in its family.toml
// (Catalog.FamilyInputs); the tests check the declarations are complete
// by hiding every other table from a family's computation. A user's own
// indicator SQL declares nothing, so SQLInputs finds the tables it names.

// fromJoin finds the table named after FROM or JOIN.
var fromJoin = regexp.MustCompile(`(?i)\b(?:from|join)\s+([a-z_][a-z0-9_]*)\b`)

// SQLInputs returns the store tables (store.Tables) a SQL text names after
// FROM or JOIN, sorted; comments are skipped. Temporary tables and common
// table expressions are not store tables and are left out. It is for a
// user's own indicator SQL, which declares no inputs.
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
