package scb

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"lmi/ingest/cube"
)

// RMI R1a (RegionInd19R1a) is the population ("Folkmängd") by region
// (riket, FA regions, län), sex (män, kvinnor, totalt) and single year of
// age (0 to 99, "100+", and "tot" for every age). SCB's population tables
// of product BE0101 share its content text: one of them with a dimension
// R1a has not (civilstånd) or without an age dimension is not read as R1a
// and stays in published_cells. BE0101's population by region, age and
// sex alone is shaped as R1a and read as it, its own table id kept: the
// same count, the population registered in the region on 31 December.

// r1aShape checks that a table whose content is "Folkmängd" has R1a's
// dimensions: a region and an age, optionally sex, besides the content
// (ci) and time (ti).
func r1aShape(t *cube.Table, ci, ti int) error {
	have := map[string]bool{}
	for i, d := range t.Dimensions {
		if i == ci || i == ti {
			continue
		}
		switch name := r1aDimension(d.Code); name {
		case "":
			return fmt.Errorf("%s: content %q with dimension %s: a population table R1a does not shape (R1a has region, sex and age)",
				t.ID, t.Dimensions[ci].Values[0].Label, d.Code)
		default:
			have[name] = true
		}
	}
	if !have["Region"] || !have["Alder"] {
		return fmt.Errorf("%s: content %q without a region and an age dimension: not R1a", t.ID, t.Dimensions[ci].Values[0].Label)
	}
	return nil
}

// r1aDimension names an R1a dimension by its code: Region, Kon or Alder,
// "" for another.
func r1aDimension(code string) string {
	switch c := strings.ToLower(code); {
	case c == "region" || strings.HasPrefix(c, "region"):
		return "Region"
	case c == "kon":
		return "Kon"
	case c == "alder":
		return "Alder"
	}
	return ""
}

// Population is one of R1a's published counts.
type Population struct {
	Table  string
	Region string // SCB's code: "00", "FA01", "01"
	Sex    string // "1", "2"; "" for SCB's totalt
	Age    string // a single year "0".."99" or "100+"; "" for every age
	Period string
	N      float64 // NaN when Status is set
	Status string
}

var singleAge = regexp.MustCompile(`^(\d{1,3})(\+?)$`)

// PopulationCells reads R1a's cells (RMI of KindR1a) into counts, every
// sex and age code checked.
func PopulationCells(cells []RMICell) ([]Population, error) {
	out := make([]Population, 0, len(cells))
	for _, c := range cells {
		p := Population{Table: c.Table, Period: c.Year, N: c.Value[MeasureFolkmangd], Status: c.Status[MeasureFolkmangd]}
		if _, ok := c.Value[MeasureFolkmangd]; !ok && p.Status == "" {
			p.Status = cube.StatusMissing
		}
		for _, k := range c.Key {
			var err error
			switch r1aDimension(k.Dimension) {
			case "Region":
				p.Region = k.Code
			case "Kon":
				p.Sex, err = populationSex(c.Table, k)
			case "Alder":
				p.Age, err = populationAge(c.Table, k)
			}
			if err != nil {
				return nil, err
			}
		}
		out = append(out, p)
	}
	return out, nil
}

func populationSex(table string, k Coded) (string, error) {
	switch l := strings.ToLower(strings.TrimSpace(k.Label)); {
	case k.Code == "1" || l == "män":
		return "1", nil
	case k.Code == "2" || l == "kvinnor":
		return "2", nil
	case l == "totalt" || l == "män och kvinnor" || k.Code == "1+2" || strings.EqualFold(k.Code, "tot"):
		return "", nil
	}
	return "", &CodeError{table, k.Dimension, k.Code}
}

func populationAge(table string, k Coded) (string, error) {
	if m := singleAge.FindStringSubmatch(k.Code); m != nil {
		n := strings.TrimLeft(m[1], "0")
		if n == "" {
			n = "0"
		}
		return n + m[2], nil
	}
	if c := strings.ToLower(k.Code); c == "tot" || c == "totalt" {
		return "", nil
	}
	return "", &CodeError{table, k.Dimension, k.Code}
}

// CheckPopulation adds up R1a's parts where the table has them: every
// single age against the total over ages, and men and women against
// totalt (0 to 99 and 100+: 101 ages; a table of some ages only is not
// checked). It returns how many totals it checked and those that differ, in
// a fixed order; a total with a part without a number is not checked.
func CheckPopulation(rows []Population) (checked int, diffs []Discrepancy) {
	type key struct {
		table, region, sex, age, period string
		from                            string // what the parts are
		whole                           int    // how many parts make the total
	}
	type sum struct {
		parts, total      float64
		n                 int
		missing, hasTotal bool
	}
	sums := map[key]*sum{}
	add := func(k key, isTotal bool, r Population) {
		s := sums[k]
		if s == nil {
			s = &sum{}
			sums[k] = s
		}
		switch {
		case r.Status != "":
			s.missing = true
		case isTotal:
			s.total, s.hasTotal = r.N, true
		default:
			s.parts += r.N
			s.n++
		}
	}
	for _, r := range rows {
		add(key{r.Table, r.Region, r.Sex, "", r.Period, "the single ages", 101}, r.Age == "", r)
		add(key{r.Table, r.Region, "", r.Age, r.Period, "men and women", 2}, r.Sex == "", r)
	}
	for k, s := range sums {
		if !s.hasTotal || s.missing || s.n != k.whole {
			continue
		}
		checked++
		if s.parts != s.total {
			where := fmt.Sprintf("Region=%s,Kon=%s,Alder=%s", k.region, orTotal(k.sex), orTotal(k.age))
			diffs = append(diffs, Discrepancy{Table: k.table, Key: where, Year: k.period, Measure: MeasureFolkmangd,
				Published: s.total, Recomputed: s.parts, From: k.from})
		}
	}
	slices.SortFunc(diffs, func(a, b Discrepancy) int { return strings.Compare(a.String(), b.String()) })
	return checked, diffs
}

func orTotal(code string) string {
	if code == "" {
		return "tot"
	}
	return code
}
