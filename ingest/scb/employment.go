package scb

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"lmi/codes"
	"lmi/ingest/cube"
)

// UnknownRegion is SCB's code for an unknown region (or abroad).
const UnknownRegion = "99"

// UnknownOccupation is SCB's Yrke2012 code for "yrke okänt", the employees
// whose occupation is not known: a residual beside the 429 unit groups, not
// a total of them.
const UnknownOccupation = "0002"

// Employment is one published count of employees.
type Employment struct {
	Table  string // SCB's table id
	Region string // län code, UnknownRegion, or codes.Riket for national tables
	Sector string // ArbetsSektor code, "" when the table has none
	SSYK   string // "" for UnknownOccupation
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

// Employees reads a YREG60-shaped table (Region, Yrke2012, Kon, Tid and one
// content) or a YREG50-shaped one (Yrke2012, ArbetsSektor, Kon, Tid and one
// content) into rows. Every code is checked.
func Employees(t *cube.Table) ([]Employment, error) {
	need := []string{"Yrke2012", "Kon", "Tid"}
	pos := map[string]int{}
	for _, code := range append(need, "Region", "ArbetsSektor") {
		if _, i, ok := t.Dimension(code); ok {
			pos[code] = i
		}
	}
	for _, code := range need {
		if _, ok := pos[code]; !ok {
			return nil, fmt.Errorf("%s: not an employment table: no dimension %s", t.ID, code)
		}
	}
	for i, d := range t.Dimensions {
		if _, named := map[string]bool{"Region": true, "ArbetsSektor": true, "Yrke2012": true, "Kon": true, "Tid": true}[d.Code]; !named && len(d.Values) != 1 {
			return nil, fmt.Errorf("%s: dimension %s has %d values; one content expected", t.ID, t.Dimensions[i].Code, len(d.Values))
		}
	}
	for _, v := range t.Dimensions[pos["Yrke2012"]].Values {
		if !codes.IsSSYK4(v.Code) && v.Code != UnknownOccupation {
			return nil, &CodeError{t.ID, "Yrke2012", v.Code}
		}
	}
	for _, v := range t.Dimensions[pos["Kon"]].Values {
		if !codes.IsSex(v.Code) {
			return nil, &CodeError{t.ID, "Kon", v.Code}
		}
	}
	if i, ok := pos["Region"]; ok {
		for _, v := range t.Dimensions[i].Values {
			if !codes.IsLan(v.Code) && v.Code != UnknownRegion && v.Code != codes.Riket {
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
	out := make([]Employment, 0, t.Len())
	idx := make([]int, len(t.Dimensions))
	for cell := 0; cell < t.Len(); cell++ {
		e := Employment{Table: t.ID, Region: codes.Riket, N: t.Values[cell], Status: t.Status[cell]}
		if e.SSYK = t.Dimensions[pos["Yrke2012"]].Values[idx[pos["Yrke2012"]]].Code; e.SSYK == UnknownOccupation {
			e.SSYK = ""
		}
		e.Sex = t.Dimensions[pos["Kon"]].Values[idx[pos["Kon"]]].Code
		e.Year = years[idx[pos["Tid"]]]
		if i, ok := pos["Region"]; ok {
			e.Region = t.Dimensions[i].Values[idx[i]].Code
		}
		if i, ok := pos["ArbetsSektor"]; ok {
			e.Sector = t.Dimensions[i].Values[idx[i]].Code
		}
		if e.Status == "" && (e.N < 0 || e.N != math.Trunc(e.N)) {
			return nil, fmt.Errorf("%s: cell %d: count %v is not a whole number of persons", t.ID, cell, e.N)
		}
		out = append(out, e)
		for i := len(idx) - 1; i >= 0; i-- {
			idx[i]++
			if idx[i] < len(t.Dimensions[i].Values) {
				break
			}
			idx[i] = 0
		}
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
// (YREG50, by sector) or without län rows has no cells.
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
		if r.Sector != "" {
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
