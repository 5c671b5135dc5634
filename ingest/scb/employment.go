package scb

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"lmi/codes"
	"lmi/ingest/cube"
)

// UnknownRegion is SCB's code for an unknown region (or abroad): the
// unknown län beside the län, counted in riket and in no län.
const UnknownRegion = "99"

// UnknownKommun is SCB's unknown kommun in its tables by kommun (YREG56,
// YREG58), beside the kommuner as UnknownRegion is beside the län.
const UnknownKommun = "9999"

// UnknownOccupation is SCB's Yrke2012 code for "yrke okänt", the employees
// whose occupation is not known: a residual beside the unit groups (SSYK 4
// or SSYK 3), not a total of them.
const UnknownOccupation = "0002"

// Employment is one published count of employees.
type Employment struct {
	Table  string // SCB's table id
	Region string // kommun, län, UnknownRegion, UnknownKommun, or codes.Riket
	Sector string // ArbetsSektor code, "" when the table has none
	SNI    string // SNI 2007 group code (YREG56), "" when the table has none
	SSYK   string // SSYK 4 or SSYK 3 code; "" for UnknownOccupation
	Level  int    // the table's SSYK level, 4 or 3
	Sex    string // "1", "2"
	Year   int
	N      float64 // NaN when Status is set
	Status string  // SCB's symbol when there is no number
}

// CodeError reports a value SCB's table holds that lmi's code lists do not.
type CodeError struct {
	Table, Dimension, Code string
}

func (e *CodeError) Error() string {
	return fmt.Sprintf("%s: dimension %s: code %q is not in lmi's code lists", e.Table, e.Dimension, e.Code)
}

// employmentDims finds the dimensions of an employment table: Yrke2012,
// Kon and Tid, and any of Region, ArbetsSektor and an SNI dimension
// (YREG56's); any other must be the one content.
func employmentDims(t *cube.Table) (map[string]int, error) {
	pos := map[string]int{}
	for i, d := range t.Dimensions {
		switch {
		case d.Code == "Yrke2012" || d.Code == "Kon" || d.Code == "Tid" || d.Code == "Region" || d.Code == "ArbetsSektor":
			pos[d.Code] = i
		case strings.HasPrefix(strings.ToUpper(d.Code), "SNI"):
			pos["SNI"] = i
		case len(d.Values) != 1:
			return nil, fmt.Errorf("%s: dimension %s has %d values; one content expected", t.ID, d.Code, len(d.Values))
		}
	}
	for _, code := range []string{"Yrke2012", "Kon", "Tid"} {
		if _, ok := pos[code]; !ok {
			return nil, fmt.Errorf("%s: not an employment table: no dimension %s", t.ID, code)
		}
	}
	return pos, nil
}

// ssykLevel is the SSYK level of a table's occupations, 4 or 3; a table
// mixing them, or with a code of neither, is refused.
func ssykLevel(t *cube.Table, d cube.Dimension) (int, error) {
	level := 0
	for _, v := range d.Values {
		l := 0
		switch {
		case v.Code == UnknownOccupation:
			continue
		case codes.IsSSYK4(v.Code):
			l = 4
		case isSSYK3(v.Code):
			l = 3
		default:
			return 0, &CodeError{t.ID, d.Code, v.Code}
		}
		if level != 0 && l != level {
			return 0, fmt.Errorf("%s: dimension %s mixes SSYK 4 and SSYK 3 codes (%q)", t.ID, d.Code, v.Code)
		}
		level = l
	}
	if level == 0 {
		level = 4 // only yrke okänt: as YREG60 publishes it
	}
	return level, nil
}

// isEmploymentRegion reports whether SCB's employment tables may hold a
// region code: riket, a län or kommun, or SCB's unknown län or kommun.
func isEmploymentRegion(c string) bool {
	return c == codes.Riket || codes.IsLan(c) || codes.IsKommun(c) || c == UnknownRegion || c == UnknownKommun
}

// Employees reads a YREG60-shaped table (Region, Yrke2012 by SSYK 4, Kon,
// Tid and one content), a YREG56/58-shaped one (Region with kommuner,
// Yrke2012 by SSYK 3, YREG56 also by SNI 2007 group) or a YREG50-shaped
// one (Yrke2012, ArbetsSektor, Kon, Tid and one content) into rows. Every
// code is checked.
func Employees(t *cube.Table) ([]Employment, error) {
	pos, err := employmentDims(t)
	if err != nil {
		return nil, err
	}
	level, err := ssykLevel(t, t.Dimensions[pos["Yrke2012"]])
	if err != nil {
		return nil, err
	}
	for _, v := range t.Dimensions[pos["Kon"]].Values {
		if !codes.IsSex(v.Code) {
			return nil, &CodeError{t.ID, "Kon", v.Code}
		}
	}
	if i, ok := pos["Region"]; ok {
		for _, v := range t.Dimensions[i].Values {
			if !isEmploymentRegion(v.Code) {
				return nil, &CodeError{t.ID, "Region", v.Code}
			}
		}
	}
	years := make([]int, len(t.Dimensions[pos["Tid"]].Values))
	for i, v := range t.Dimensions[pos["Tid"]].Values {
		y, err := strconv.Atoi(v.Code)
		if err != nil || y < 2014 {
			return nil, &CodeError{t.ID, "Tid", v.Code}
		}
		years[i] = y
	}
	code := func(idx []int, dim string) string {
		if i, ok := pos[dim]; ok {
			return t.Dimensions[i].Values[idx[i]].Code
		}
		return ""
	}
	out := make([]Employment, 0, t.Len())
	idx := make([]int, len(t.Dimensions))
	for cell := 0; cell < t.Len(); cell++ {
		e := Employment{Table: t.ID, Region: codes.Riket, Level: level, N: t.Values[cell], Status: t.Status[cell],
			SSYK: code(idx, "Yrke2012"), Sex: code(idx, "Kon"), Year: years[idx[pos["Tid"]]],
			Sector: code(idx, "ArbetsSektor"), SNI: code(idx, "SNI")}
		if e.SSYK == UnknownOccupation {
			e.SSYK = ""
		}
		if r := code(idx, "Region"); r != "" {
			e.Region = r
		}
		if e.Status == "" && (e.N < 0 || e.N != math.Trunc(e.N)) {
			return nil, fmt.Errorf("%s: cell %d: count %v is not a whole number of persons", t.ID, cell, e.N)
		}
		out = append(out, e)
		next(idx, t)
	}
	return out, nil
}

// Key identifies a national cell: occupation, sex and year.
type Key struct {
	SSYK, Sex string
	Year      int
}

// Total is a sum with the number of cells that had no number.
type Total struct {
	N       float64
	Missing int
}

// RollUpToRiket sums rows to riket with lmi's region hierarchy: each län
// rolls up to riket, and so does SCB's unknown region; rows already at
// riket (national tables, all sectors) are summed as they are.
func RollUpToRiket(rows []Employment) (map[Key]Total, error) {
	out := map[Key]Total{}
	for _, r := range rows {
		region := r.Region
		if codes.IsLan(region) {
			var ok bool
			// A län's code is its first kommun's prefix; any of its kommuner
			// rolls up the same way.
			if region, ok = lanToRiket(region); !ok {
				return nil, fmt.Errorf("%s: län %s does not roll up to riket", r.Table, r.Region)
			}
		}
		if region != codes.Riket && region != UnknownRegion {
			return nil, fmt.Errorf("%s: region %q cannot be rolled up", r.Table, r.Region)
		}
		k := Key{r.SSYK, r.Sex, r.Year}
		t := out[k]
		if r.Status != "" {
			t.Missing++
		} else {
			t.N += r.N
		}
		out[k] = t
	}
	return out, nil
}

func lanToRiket(lan string) (string, bool) {
	for _, k := range codes.Kommuner() {
		if k.Lan == lan {
			return codes.RollUp(codes.LevelRiket, k.Code)
		}
	}
	return "", false
}

// PersonsCells picks, from a table by region (YREG60, YREG60N), the rows
// that are cells of employed persons by workplace län: each län and SCB's
// unknown region with a number above zero. The riket rows are the table's
// totals, not cells; each is checked against the sum of its län and the
// unknown region (SCB's riket includes "99"), and the differences are
// returned as text for the load report. A table without a Region dimension
// (YREG50, by sector) or without län rows has no cells, nor has one by
// kommun or SSYK 3 (YREG56, YREG58): persons cells are SSYK 4 by workplace
// län, and its län rows are those of YREG60 again.
func PersonsCells(rows []Employment) (cells []Employment, checks []string) {
	type key struct {
		ssyk, sex string
		year      int
	}
	type sum struct {
		parts, total float64
		missing      bool // a part or the total has no number
		hasTotal     bool
	}
	sums := map[key]*sum{}
	var noNumber int
	for _, r := range rows {
		if r.Sector != "" || r.SNI != "" || r.Level != 4 || codes.IsKommun(r.Region) || r.Region == UnknownKommun {
			return nil, nil
		}
		k := key{r.SSYK, r.Sex, r.Year}
		s := sums[k]
		if s == nil {
			s = &sum{}
			sums[k] = s
		}
		if r.Status == cube.StatusZero {
			r.N, r.Status = 0, "" // SCB's "-": exactly zero
		}
		if r.Status != "" {
			s.missing = true
		}
		if r.Region == codes.Riket {
			s.hasTotal, s.total = true, r.N
			continue
		}
		if r.Status != "" {
			noNumber++
			continue
		}
		s.parts += r.N
		if r.N > 0 {
			cells = append(cells, r)
		}
	}
	if len(cells) == 0 {
		return nil, nil
	}
	var compared int
	var differ []string
	for k, s := range sums {
		if !s.hasTotal || s.missing {
			continue
		}
		compared++
		if s.parts != s.total {
			differ = append(differ, fmt.Sprintf("  %d SSYK %s sex %s: riket %v, its län and 99 sum to %v", k.year, orUnknown(k.ssyk), k.sex, s.total, s.parts))
		}
	}
	slices.Sort(differ)
	check := fmt.Sprintf("SCB employment: %d persons cells by workplace län", len(cells))
	if compared > 0 {
		check += fmt.Sprintf("; riket (totals, not loaded) checked against the sum of its län and 99 in %d cells, %d differ", compared, len(differ))
	}
	if noNumber > 0 {
		check += fmt.Sprintf("; %d cells without a number not loaded", noNumber)
	}
	checks = append(checks, check)
	if len(differ) > 5 {
		differ = append(differ[:5], fmt.Sprintf("  ... and %d more", len(differ)-5))
	}
	return cells, append(checks, differ...)
}

func orUnknown(ssyk string) string {
	if ssyk == "" {
		return UnknownOccupation + " (yrke okänt)"
	}
	return ssyk
}

// CheckKommunTotals checks a table by kommun (YREG56, YREG58) against
// itself: each län's row against its kommuner, and riket's against its
// län with SCB's unknown län ("99") and against its kommuner with SCB's
// unknown kommun ("9999"), where the table has every part with a number.
// It returns the load report's lines: what it checked, then the first
// differences; nil for a table without kommun rows.
func CheckKommunTotals(rows []Employment) []string {
	type cell struct {
		ssyk, sni, sex string
		year           int
	}
	type sums struct {
		n       map[string]float64 // by region code
		missing map[string]bool
	}
	byCell := map[cell]*sums{}
	var kommuner bool
	for _, r := range rows {
		kommuner = kommuner || codes.IsKommun(r.Region)
		c := cell{r.SSYK, r.SNI, r.Sex, r.Year}
		s := byCell[c]
		if s == nil {
			s = &sums{n: map[string]float64{}, missing: map[string]bool{}}
			byCell[c] = s
		}
		if r.Status != "" && r.Status != cube.StatusZero {
			s.missing[r.Region] = true
			continue
		}
		s.n[r.Region] = r.N // "-" is zero, and N is 0 then
	}
	if !kommuner {
		return nil
	}
	var checked int
	var differ []string
	for c, s := range byCell {
		for _, tot := range kommunTotals() {
			want, ok := s.n[tot.region]
			if !ok {
				continue
			}
			var sum float64
			whole := true
			for _, p := range tot.parts {
				v, ok := s.n[p]
				whole = whole && ok
				sum += v
			}
			if !whole {
				continue
			}
			checked++
			if sum != want {
				differ = append(differ, fmt.Sprintf("  %d SSYK %s SNI %s sex %s: %s %v, its %s sum to %v",
					c.year, orUnknown(c.ssyk), orNone(c.sni), c.sex, tot.region, want, tot.what, sum))
			}
		}
	}
	slices.Sort(differ)
	out := []string{fmt.Sprintf("SCB employment by kommun: %d totals checked against their parts (län against its kommuner, riket against its län and 99 and against its kommuner and 9999), %d differ", checked, len(differ))}
	if len(differ) > 5 {
		differ = append(differ[:5], fmt.Sprintf("  ... and %d more", len(differ)-5))
	}
	return append(out, differ...)
}

// kommunTotal is a total of a table by kommun and the regions it sums.
type kommunTotal struct {
	region, what string
	parts        []string
}

// kommunTotals lists each län with its kommuner, and riket twice: with
// its län and SCB's unknown län, and with its kommuner and SCB's unknown
// kommun.
func kommunTotals() []kommunTotal {
	byLan := map[string][]string{}
	var lan, kommuner []string
	for _, k := range codes.Kommuner() {
		byLan[k.Lan] = append(byLan[k.Lan], k.Code)
		kommuner = append(kommuner, k.Code)
	}
	var out []kommunTotal
	for _, l := range codes.Lan() {
		lan = append(lan, l.Code)
		out = append(out, kommunTotal{l.Code, "kommuner", byLan[l.Code]})
	}
	return append(out, kommunTotal{codes.Riket, "län and 99", append(lan, UnknownRegion)},
		kommunTotal{codes.Riket, "kommuner and 9999", append(kommuner, UnknownKommun)})
}

func orNone(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
