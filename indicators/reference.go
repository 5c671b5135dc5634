package indicators

import (
	"fmt"
	"io"
	"strings"
)

// familyNotes say in a sentence what each family's cells are.
var familyNotes = map[string]string{
	"matching":          "Persons in the age band by region (home or workplace basis), education group, sex and birth region; the match key classifies the employed into A-D.",
	"status":            "Persons in the age band by home region, education group and sex, split by labour-market status.",
	"commuting":         "The employed in the age band with a known workplace, by home and work region at the same level.",
	"commuting_matrix":  "The same persons as commuting, by home region (region) and work region (work_region).",
	"demography":        "Residents of every age by home region and sex.",
	"age_structure":     "The employed with a known occupation by region (home or workplace basis) and SSYK 4, every age.",
	"job_inflows":       "The employed in the age band in the second of two consecutive years, followed by person_id, by workplace region, SNI section and sex: who is newly employed, who switched jobs.",
	"population_flows":  "Residents aged 18-64 followed by person_id from one year to the next, by home region at every level: the change split into exits and entries, each person counted under one reason.",
	"tightness":         "The flow tables (job seekers U, new vacancies V, hires H) by region, SSYK 4 and period. Each count sums the known cells: a cell published as \"<5\" (censored) adds nothing and is counted in the cells' u_censored, v_censored, h_censored; a count whose every cell is censored is empty and suppressed, never 0. Rows without an occupation have no cell here.",
	"beveridge":         "Monthly U and V averaged over each year, against the register's employed by home region. U and V count every row, with an occupation or without, summing the known cells: censored (\"<5\") cells add nothing and are counted in the cells' censored; a month with no known U (or V) is left out of the average.",
	"mismatch":          "U, V and register employment over three sets of cells: occupations within a region (ssyk4 TOT), regions within an occupation (region *), region x occupation (region *, ssyk4 TOT). U and V sum the known cells: censored (\"<5\") cells add 0 and are counted in mismatch_base's censored; rows without an occupation are no cell.",
	"matching_function": "A log-linear regression of hires on last month's job seekers and vacancies with region and month effects, per level. H, U and V sum the known cells of every row: censored (\"<5\") cells add nothing, and a region-month with no known H, U or V is no observation.",
	"shortage":          "Current shortage (METHODS.md section 5) by region, SSYK 4 and year: the counts behind it (V, U, E, matched graduates G, expected openings O), six parts (tightness, vacancy growth, employment growth, unemployment rate, share 60+, graduates per opening), each also scaled, `_skalad`: its log against the same measure over the region's occupations where it is shown that year, minus the occupation's mean of that over the window's earlier years (default 5), inverted for unemployment and graduates, so 0 is as usual and higher is more shortage; and `brist_index`, the weighted mean of the scaled parts present (default weights 1), with its class (thresholds -0.3, -0.1, 0.1, 0.3) and the number of parts used. Flows and graduates given by län reach only regions of whole län. Scaled parts, their economy and the index use only parts whose rows are published after suppression. Definitions in `sql/shortage.sql`.",
}

// WriteReference writes the Markdown indicator reference (docs/indicators.md).
func WriteReference(w io.Writer) error {
	var b strings.Builder
	b.WriteString("# Indicator reference\n\n")
	b.WriteString("Generated from the indicator registry (`go test -tags duckdb_arrow ./indicators -run Reference -update`);\n")
	b.WriteString("`lmi indicators describe NAME` prints one indicator with its SQL. Every output\n")
	b.WriteString("row has `indicator, version, period, region_level, region, region_name`, the\n")
	b.WriteString("family's dimensions, then `value, numerator, denominator, n, suppressed`.\n")
	b.WriteString("Dimensions summed away read `TOT`; a cell whose n, numerator or denominator\n")
	b.WriteString("is below k is suppressed and carries no numbers.\n")
	for _, f := range families {
		fmt.Fprintf(&b, "\n## %s\n\n", f.name)
		fmt.Fprintf(&b, "Output `%s.parquet` and `%s.csv`. Dimensions: %s.\n\n", f.name, f.name, dimList(f.dims))
		fmt.Fprintf(&b, "%s\n\n", familyNotes[f.name])
		b.WriteString("| indicator | label | unit | METHODS.md | what |\n|---|---|---|---|---|\n")
		for _, ind := range All() {
			if ind.Family != f.name {
				continue
			}
			fmt.Fprintf(&b, "| `%s` v%d | %s | %s | %s | %s |\n", ind.Name, ind.Version, ind.Label, ind.Unit, ind.Section,
				strings.ReplaceAll(ind.Description, "|", "\\|"))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func dimList(dims []string) string {
	if len(dims) == 0 {
		return "none besides region and period"
	}
	return "`" + strings.Join(dims, "`, `") + "`"
}
