package indicators

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode"
)

// MethodsPath is where lmi's method reference lives in the repository,
// the document whose numbered sections the indicators cite (their
// "section" header).
const MethodsPath = "docs/methods.md"

// WriteReference writes the Markdown indicator reference (docs/indicators.md).
// methods is the method reference (docs/methods.md): each indicator's
// section links to its heading there, and a section with no heading is an
// error naming the indicator.
func WriteReference(w io.Writer, methods []byte) error {
	sections := map[string]string{}
	for _, h := range methodsHeadings(methods) {
		if h.section != "" {
			sections[h.section] = h.anchor
		}
	}
	var b strings.Builder
	b.WriteString("# Indicator reference\n\n")
	b.WriteString("Generated from the indicator registry (`go test -tags duckdb_arrow ./indicators -run Reference -update`);\n")
	b.WriteString("`lmi indicators describe NAME` prints one indicator with its SQL. Every output\n")
	b.WriteString("row has `indicator, version, period, region_level, region, region_name`, the\n")
	b.WriteString("family's dimensions, then `value, numerator, denominator, n, suppressed`.\n")
	b.WriteString("Dimensions summed away read `TOT`; a cell whose n, numerator or denominator\n")
	b.WriteString("is below k is suppressed and carries no numbers. Each indicator is defined\n")
	b.WriteString("in the section of the method reference, [docs/methods.md](methods.md), that\n")
	b.WriteString("its row links.\n")
	for _, f := range families {
		fmt.Fprintf(&b, "\n## %s\n\n", f.name)
		fmt.Fprintf(&b, "Output `%s.parquet` and `%s.csv`. Dimensions: %s.\n\n", f.name, f.name, dimList(f.dims))
		fmt.Fprintf(&b, "%s\n\n", f.description)
		b.WriteString("| indicator | label | unit | docs/methods.md | what |\n|---|---|---|---|---|\n")
		for _, ind := range All() {
			if ind.Family != f.name {
				continue
			}
			anchor, ok := sections[ind.Section]
			if !ok {
				return fmt.Errorf("indicator %s (%s): section %q is not a numbered heading of %s", ind.Name, ind.File, ind.Section, MethodsPath)
			}
			fmt.Fprintf(&b, "| `%s` v%d | %s | %s | [section %s](methods.md#%s) | %s |\n", ind.Name, ind.Version, ind.Label, ind.Unit,
				ind.Section, anchor, strings.ReplaceAll(ind.Description, "|", "\\|"))
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

// methodsHeading is a heading of the method reference: its section number
// ("2", "2.1"; "" for an unnumbered heading) and its anchor.
type methodsHeading struct {
	section, anchor string
}

var (
	headingLine   = regexp.MustCompile(`^#{1,6}[ \t]+(.*?)[ \t#]*$`)
	sectionNumber = regexp.MustCompile(`^(\d+(?:\.\d+)*)\.?(?:[ \t]|$)`)
)

// methodsHeadings reads the ATX headings of a Markdown document, outside
// fenced code, in order: "## 2. Education-occupation matching" is section
// 2, "### 2.1 The match key" section 2.1. Anchors are made as GitHub makes
// them (headingAnchor), a repeated one with "-1", "-2", ... appended.
func methodsHeadings(markdown []byte) []methodsHeading {
	var out []methodsHeading
	seen := map[string]int{}
	fence := ""
	sc := bufio.NewScanner(strings.NewReader(string(markdown)))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if t := strings.TrimLeft(line, " "); strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			switch {
			case fence == "":
				fence = t[:3]
			case strings.HasPrefix(t, fence):
				fence = ""
			}
			continue
		}
		if fence != "" {
			continue
		}
		m := headingLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		h := methodsHeading{anchor: headingAnchor(m[1])}
		if n := seen[h.anchor]; n > 0 {
			seen[h.anchor]++
			h.anchor = fmt.Sprintf("%s-%d", h.anchor, n)
		} else {
			seen[h.anchor] = 1
		}
		if s := sectionNumber.FindStringSubmatch(m[1]); s != nil {
			h.section = s[1]
		}
		out = append(out, h)
	}
	return out
}

// headingAnchor is the fragment GitHub gives a heading: its text in lower
// case, every space a hyphen, and every character that is not a letter, a
// digit, a hyphen or an underscore dropped ("2.1 The match key" is
// "21-the-match-key").
func headingAnchor(text string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(text) {
		switch {
		case r == ' ':
			b.WriteRune('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}
