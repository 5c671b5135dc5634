package indicators

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Indicator is one registered indicator: its metadata and its SQL.
type Indicator struct {
	Name        string
	Label       string // Swedish, as printed in tables
	Version     int
	Unit        string // antal, procent, procentenheter, ...
	Section     string // the section of docs/methods.md defining it ("2", "4.3")
	Family      string // the cell table it reads (matching, ...)
	Dimensions  []string
	Description string
	SQL         string // the whole file, header included
	File        string
	Own         bool // the user's, from a run's own SQL file
	// Numerator and Denominator name the counts behind the value (the
	// family's quantities, as its relations know them), so secondary
	// suppression can protect them; empty for model outputs.
	Numerator, Denominator string
	// Requires names optional columns of the family's cells the indicator
	// reads, which the cells SQL then computes (level_match: the employed
	// by level match too).
	Requires []string
	// Depends lists counts the value uses besides its numerator and
	// denominator, each of a year Lag years before the row's: the row is
	// shown only where each is published (the shortage family's rule).
	Depends []Dependency
	// Part is the sub-indicator of a composite this indicator publishes
	// unscaled (the shortage index's parts).
	Part string
}

// Dependency is a count an indicator's value uses besides its numerator
// and denominator: header "depends: employed@1" is the count employed of
// the year before.
type Dependency struct {
	Quantity string
	Lag      int
}

// MetadataError reports an indicator SQL file whose header is incomplete
// or malformed.
type MetadataError struct {
	File   string
	Line   int
	Reason string
}

func (e *MetadataError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Reason)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Reason)
}

// ParseIndicator reads an indicator of a built-in family from its SQL
// text. The header is the leading run of "-- key: value" comment lines;
// name, label, version, unit, section and family are required.
func ParseIndicator(file, sqlText string) (*Indicator, error) {
	return parseIndicator(file, sqlText, builtin)
}

// parseIndicator reads an indicator; with a catalog, its family must be
// one of the catalog's.
func parseIndicator(file, sqlText string, c *Catalog) (*Indicator, error) {
	ind := &Indicator{SQL: sqlText, File: file}
	seen := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(sqlText))
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if !strings.HasPrefix(text, "--") {
			break
		}
		key, value, ok := strings.Cut(strings.TrimSpace(strings.TrimPrefix(text, "--")), ":")
		if !ok {
			continue // a plain comment
		}
		key, value = strings.TrimSpace(key), strings.TrimSpace(value)
		if seen[key] {
			return nil, &MetadataError{File: file, Line: line, Reason: "duplicate key " + key}
		}
		seen[key] = true
		switch key {
		case "name":
			ind.Name = value
		case "label":
			ind.Label = value
		case "version":
			v, err := strconv.Atoi(value)
			if err != nil || v < 1 {
				return nil, &MetadataError{File: file, Line: line, Reason: fmt.Sprintf("version %q is not a positive integer", value)}
			}
			ind.Version = v
		case "unit":
			ind.Unit = value
		case "section":
			ind.Section = value
		case "family":
			ind.Family = value
		case "dimensions":
			ind.Dimensions = splitHeaderList(value)
		case "description":
			ind.Description = value
		case "numerator":
			ind.Numerator = value
		case "denominator":
			ind.Denominator = value
		case "requires":
			ind.Requires = splitHeaderList(value)
		case "depends":
			deps, err := parseDepends(value)
			if err != nil {
				return nil, &MetadataError{File: file, Line: line, Reason: err.Error()}
			}
			ind.Depends = deps
		case "part":
			ind.Part = value
		default:
			return nil, &MetadataError{File: file, Line: line, Reason: "unknown key " + key}
		}
	}
	for _, k := range []string{"name", "label", "version", "unit", "section", "family"} {
		if !seen[k] {
			return nil, &MetadataError{File: file, Reason: "header lacks " + k}
		}
	}
	if !validName(ind.Name) {
		return nil, &MetadataError{File: file, Reason: fmt.Sprintf("name %q must be lower-case letters, digits and _", ind.Name)}
	}
	if _, ok := c.family(ind.Family); c != nil && !ok {
		return nil, &MetadataError{File: file, Reason: fmt.Sprintf("unknown family %q", ind.Family)}
	}
	for _, q := range []string{ind.Numerator, ind.Denominator} {
		if q != "" && !validName(q) {
			return nil, &MetadataError{File: file, Reason: fmt.Sprintf("quantity %q must be lower-case letters, digits and _", q)}
		}
	}
	if ind.Denominator != "" && ind.Numerator == "" {
		return nil, &MetadataError{File: file, Reason: "a denominator without a numerator"}
	}
	return ind, nil
}

func validName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

// LoadIndicatorFile reads an indicator of the user's own: a SQL file with
// the same header as the built-ins, over one family's cell table. Its
// header is checked here; its columns when the family's cells exist, before
// anything is computed with it. It may not reuse a built-in name.
func LoadIndicatorFile(path string) (*Indicator, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	ind, err := ParseIndicator(path, string(b))
	if err != nil {
		return nil, err
	}
	if _, clash := Lookup(ind.Name); clash {
		return nil, &MetadataError{File: path, Reason: fmt.Sprintf("name %q is a built-in indicator's", ind.Name)}
	}
	f, _ := familyByName(ind.Family)
	if strings.Join(ind.Dimensions, ",") != strings.Join(f.dims, ",") {
		return nil, &MetadataError{File: path, Reason: fmt.Sprintf("dimensions %q: family %s has %q",
			strings.Join(ind.Dimensions, ", "), f.name, strings.Join(f.dims, ", "))}
	}
	if strings.Contains(stripHeader(ind.SQL), ";") {
		return nil, &MetadataError{File: path, Reason: "more than one statement: an indicator is one SELECT"}
	}
	ind.Own = true
	return ind, nil
}

// splitHeaderList splits a header value "a, b" into its items.
func splitHeaderList(value string) []string {
	var out []string
	for _, d := range strings.Split(value, ",") {
		if d = strings.TrimSpace(d); d != "" {
			out = append(out, d)
		}
	}
	return out
}

// parseDepends reads "employed@0, v@1": quantities with their lag in
// years.
func parseDepends(value string) ([]Dependency, error) {
	var out []Dependency
	for _, item := range splitHeaderList(value) {
		q, lag, ok := strings.Cut(item, "@")
		n, err := strconv.Atoi(lag)
		if !ok || err != nil || n < 0 || !validName(q) {
			return nil, fmt.Errorf("depends %q: want QUANTITY@LAG, like employed@1", item)
		}
		out = append(out, Dependency{Quantity: q, Lag: n})
	}
	return out, nil
}
