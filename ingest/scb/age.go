package scb

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"lmi/codes"
	"lmi/ingest/cube"
)

// AgeEmployment is a published count of employees of one age band:
// SCB's YREG57 (län x SSYK 3 x age band x sex) and YREG51 (riket x SSYK 4
// x SUN level x age band x sex, summed over the levels), what a forecast
// without register ages takes its replacement demand from.
type AgeEmployment struct {
	Table  string
	Region string // län, or "00" for a national table
	SSYK   string // SSYK 3 or SSYK 4
	Age    string // the band as "FROM-TO": "16-24", "65-69"
	Sex    string // "1", "2"; "" when the table has no sex
	Year   int
	N      float64 // NaN when Status is not ""
	Status string  // SCB's symbol; any part without a number makes a sum's
}

// ageBand reads SCB's age texts and codes: "16-24 år", "16-24", "65+ år".
var ageBand = regexp.MustCompile(`^(\d{1,3})\s*[-–]\s*(\d{1,3})(\s*år)?$|^(\d{1,3})\s*\+(\s*år)?$`)

// AgeBand normalises an age band as FROM-TO ("65+" becomes "65-74"), and
// reports whether s is one.
func AgeBand(s string) (string, bool) {
	m := ageBand.FindStringSubmatch(strings.TrimSpace(strings.ToLower(s)))
	switch {
	case m == nil:
		return "", false
	case m[4] != "":
		from, _ := strconv.Atoi(m[4])
		return fmt.Sprintf("%d-%d", from, from+9), true
	}
	from, _ := strconv.Atoi(m[1])
	to, _ := strconv.Atoi(m[2])
	if from > to {
		return "", false
	}
	return fmt.Sprintf("%d-%d", from, to), true
}

// EmployeesByAge reads a table of employees by occupation and age band:
// dimensions Yrke2012 (SSYK 3 or SSYK 4) and Alder, Tid, and optionally
// Region and Kon; any other dimension (YREG51's SUN level) is summed
// over, a sum with a part without a number being itself without one.
func EmployeesByAge(t *cube.Table) ([]AgeEmployment, error) {
	pos := map[string]int{}
	for _, code := range []string{"Yrke2012", "Alder", "Tid", "Region", "Kon"} {
		if _, i, ok := t.Dimension(code); ok {
			pos[code] = i
		}
	}
	for _, code := range []string{"Yrke2012", "Alder", "Tid"} {
		if _, ok := pos[code]; !ok {
			return nil, fmt.Errorf("%s: not a table of employees by age: no dimension %s", t.ID, code)
		}
	}
	bands, err := ageBands(t, pos["Alder"])
	if err != nil {
		return nil, err
	}
	if err := checkAgeCodes(t, pos); err != nil {
		return nil, err
	}
	// Cells of one region, occupation, band, sex and year, summed over
	// the other dimensions, in the order they first appear.
	at := map[AgeEmployment]int{}
	var out []AgeEmployment
	idx := make([]int, len(t.Dimensions))
	for cell := 0; cell < t.Len(); cell++ {
		k := AgeEmployment{Table: t.ID, Region: codes.Riket, Age: bands[idx[pos["Alder"]]]}
		k.SSYK = t.Dimensions[pos["Yrke2012"]].Values[idx[pos["Yrke2012"]]].Code
		k.Year, _ = strconv.Atoi(t.Dimensions[pos["Tid"]].Values[idx[pos["Tid"]]].Code)
		if i, ok := pos["Region"]; ok {
			k.Region = t.Dimensions[i].Values[idx[i]].Code
		}
		if i, ok := pos["Kon"]; ok {
			k.Sex = t.Dimensions[i].Values[idx[i]].Code
		}
		j, ok := at[k] // k's N and Status are zero: the key part only
		if !ok {
			j = len(out)
			at[k] = j
			out = append(out, k)
		}
		addCell(&out[j], t.Values[cell], t.Status[cell])
		next(idx, t)
	}
	return out, nil
}

// addCell adds a cell to a sum: SCB's "-" is zero, any other symbol makes
// the sum unpublished.
func addCell(s *AgeEmployment, v float64, status string) {
	switch {
	case s.Status != "":
	case status == cube.StatusZero:
	case status != "":
		s.N, s.Status = math.NaN(), status
	default:
		s.N += v
	}
}

// next steps the cell index through the table's dimensions, the last
// fastest.
func next(idx []int, t *cube.Table) {
	for i := len(idx) - 1; i >= 0; i-- {
		idx[i]++
		if idx[i] < len(t.Dimensions[i].Values) {
			return
		}
		idx[i] = 0
	}
}

// ageBands reads the Alder dimension's bands, from codes or texts.
func ageBands(t *cube.Table, i int) ([]string, error) {
	var bands []string
	for _, v := range t.Dimensions[i].Values {
		b, ok := AgeBand(v.Code)
		if !ok {
			b, ok = AgeBand(v.Label)
		}
		if !ok {
			return nil, &CodeError{t.ID, "Alder", v.Code}
		}
		bands = append(bands, b)
	}
	return bands, nil
}

// checkAgeCodes checks the occupation, region, sex and year codes.
func checkAgeCodes(t *cube.Table, pos map[string]int) error {
	for _, v := range t.Dimensions[pos["Yrke2012"]].Values {
		if !(codes.IsSSYK4(v.Code) || len(v.Code) == 3 && isSSYK3(v.Code)) {
			return &CodeError{t.ID, "Yrke2012", v.Code}
		}
	}
	if i, ok := pos["Region"]; ok {
		for _, v := range t.Dimensions[i].Values {
			if !codes.IsLan(v.Code) && v.Code != codes.Riket && v.Code != UnknownRegion {
				return &CodeError{t.ID, "Region", v.Code}
			}
		}
	}
	if i, ok := pos["Kon"]; ok {
		for _, v := range t.Dimensions[i].Values {
			if !codes.IsSex(v.Code) {
				return &CodeError{t.ID, "Kon", v.Code}
			}
		}
	}
	for _, v := range t.Dimensions[pos["Tid"]].Values {
		if y, err := strconv.Atoi(v.Code); err != nil || y < 2014 {
			return &CodeError{t.ID, "Tid", v.Code}
		}
	}
	return nil
}

func isSSYK3(c string) bool {
	for _, e := range codes.SSYK(3) {
		if e.Code == c {
			return true
		}
	}
	return false
}
