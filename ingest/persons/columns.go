package persons

import (
	"strconv"

	"lmi/codes"
	"lmi/ingest"
)

// firstSSYK2012Year is the first register year coded in SSYK 2012; earlier
// years use SSYK 96, which is not comparable and must not be mixed in.
const firstSSYK2012Year = 2014

type kind uint8

const (
	kindCode kind = iota
	kindInt
)

// column describes how one persons column is read and checked.
type column struct {
	name     string
	required bool // must be present in the header
	nullable bool // an empty value is allowed (null)
	kind     kind
	min, max int64             // for kindInt
	valid    func(string) bool // for kindCode
	expected string            // what a valid value looks like, for reject reasons
}

// columns is in ingest.PersonsSchema order.
var columns = []column{
	{name: ingest.ColYear, required: true, kind: kindInt, min: 1990, max: 2100},
	{name: ingest.ColPersonID, nullable: true, kind: kindInt, min: 0, max: 1<<63 - 1},
	{name: ingest.ColHomeKommun, required: true, valid: codes.IsKommun, expected: "a kommun code like 0180"},
	{name: ingest.ColWorkKommun, nullable: true, valid: codes.IsKommun, expected: "a kommun code like 0180"},
	{name: ingest.ColStatus, required: true, valid: isStatus, expected: "employed, unemployed, outside or student"},
	{name: ingest.ColSSYK4, required: true, nullable: true, valid: codes.IsSSYK4, expected: "an SSYK 2012 four-digit code"},
	{name: ingest.ColSNI, nullable: true, valid: codes.IsSNIDivision, expected: "an SNI 2007 two-digit division"},
	{name: ingest.ColEduGroup, nullable: true, valid: codes.IsEduGroup, expected: "an education group like 5-72"},
	{name: ingest.ColSUNLevel, nullable: true, valid: codes.IsSUNLevel, expected: "a SUN 2020 level code"},
	{name: ingest.ColSUNField, nullable: true, valid: codes.IsSUNField, expected: "a SUN 2020 field code"},
	{name: ingest.ColSex, required: true, valid: codes.IsSex, expected: "1 (man) or 2 (kvinna)"},
	{name: ingest.ColAge, required: true, kind: kindInt, min: 0, max: 120},
	{name: ingest.ColBirthRegion, required: true, valid: codes.IsBirthRegion, expected: "a birth-region code 0-9"},
	{name: ingest.ColN, nullable: true, kind: kindInt, min: 1, max: 1<<31 - 1},
}

// Column positions, fixed by the schema.
const (
	iYear = iota
	iPersonID
	iHomeKommun
	iWorkKommun
	iStatus
	iSSYK4
	iSNI
	iEduGroup
	iSUNLevel
	iSUNField
	iSex
	iAge
	iBirthRegion
	iN
	numColumns
)

var columnIndex = func() map[string]int {
	m := make(map[string]int, len(columns))
	for i, c := range columns {
		m[c.name] = i
	}
	return m
}()

func isStatus(s string) bool {
	for _, v := range ingest.Statuses {
		if s == v {
			return true
		}
	}
	return false
}

// row holds one row's values as text, in schema order, and the parsed ints.
type row struct {
	text [numColumns]string
	ints [numColumns]int64
}

// check validates r in place and derives what can be derived (edu_group
// from SUN level and field, n defaulting to 1). It returns the offending
// column and reason, or -1.
func (r *row) check() (col int, reason string) {
	for i := range columns {
		c := &columns[i]
		v := r.text[i]
		if v == "" {
			if !c.nullable {
				return i, "missing value"
			}
			continue
		}
		switch c.kind {
		case kindInt:
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return i, "not an integer"
			}
			if n < c.min || n > c.max {
				return i, "out of range " + strconv.FormatInt(c.min, 10) + ".." + strconv.FormatInt(c.max, 10)
			}
			r.ints[i] = n
		case kindCode:
			if !c.valid(v) {
				return i, "unknown code, expected " + c.expected
			}
		}
	}
	if r.text[iSSYK4] != "" && r.ints[iYear] < firstSSYK2012Year {
		return iSSYK4, "SSYK 2012 code in a year before 2014 (SSYK 96 data is not comparable)"
	}
	if r.text[iEduGroup] == "" {
		if g, ok := codes.EduGroupOf(r.text[iSUNLevel], r.text[iSUNField]); ok {
			r.text[iEduGroup] = g
		}
	}
	if r.text[iN] == "" {
		r.ints[iN] = 1
	}
	return -1, ""
}
