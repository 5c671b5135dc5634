package indicators

import (
	"fmt"
	"io"
	"strings"
)

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
		fmt.Fprintf(&b, "%s\n\n", f.description)
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
