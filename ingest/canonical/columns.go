package canonical

import (
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"

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

// column describes how one column is read and checked.
type column struct {
	name     string
	required bool // must be present in the header
	nullable bool // an empty value is allowed (null)
	kind     kind
	min, max int64 // for kindInt
	// For kindCode, one of: set, a closed code list (the column is then
	// dictionary-encoded against the whole list); valid, a check of an
	// open value (period, category).
	set      func() *codeSet
	valid    func(string) bool
	expected string // what a valid value looks like, for reject reasons
	// censorable: a count that may be published censored, "<5" (any
	// "<N"): it is kept as null with the table's censored column true,
	// never as a number.
	censorable bool
	// derived: not read from files (files naming it are refused); set by
	// validate.
	derived bool
}

// Table is one canonical table: its Arrow schema, how each column is
// checked, and the checks that span columns.
type Table struct {
	Name    string
	Schema  *arrow.Schema
	columns []column // in schema order
	// check validates across columns and derives what can be derived; it
	// returns the offending column and reason, or -1.
	check func(r *row) (col int, reason string)
	// checkAt is check for values held column by column (the Parquet
	// reader's fast path); nil when the table has no such form, and then
	// its Parquet files take the row path.
	checkAt  func(v [][]int64, j int) (col int, reason string)
	index    map[string]int
	censored int // the derived censored column, -1 when none
	// codeSets resolves each column's closed code list (nil for other
	// columns) on first use, so that the code lists are parsed only when
	// a file is read.
	codeSets func() []*codeSet
}

func newTable(name string, schema *arrow.Schema, cols []column, check func(*row) (int, string)) *Table {
	t := &Table{Name: name, Schema: schema, columns: cols, check: check, index: map[string]int{}, censored: -1}
	for i, c := range cols {
		if schema.Field(i).Name != c.name {
			panic("canonical: column " + c.name + " out of schema order") // a build defect, caught by tests
		}
		t.index[c.name] = i
		if c.name == ingest.ColCensored {
			t.censored = i
		}
	}
	t.codeSets = sync.OnceValue(func() []*codeSet {
		sets := make([]*codeSet, len(cols))
		for i, c := range cols {
			if c.set != nil {
				sets[i] = c.set()
			}
		}
		return sets
	})
	return t
}

// fileColumn finds a column a file may name (any but the derived ones).
func (t *Table) fileColumn(name string) (int, bool) {
	i, ok := t.index[name]
	if !ok || t.columns[i].derived {
		return 0, false
	}
	return i, true
}

// Tables lists every canonical table a file can be loaded into.
func Tables() []*Table { return []*Table{Persons, Jobseekers, Hires, Vacancies, Graduates} }

// Lookup finds a table by name.
func Lookup(name string) (*Table, bool) {
	for _, t := range Tables() {
		if t.Name == name {
			return t, true
		}
	}
	return nil, false
}

var (
	kommunCol = func(name string, nullable bool) column {
		return column{name: name, required: true, nullable: nullable, set: kommunSet, expected: "a kommun code like 0180"}
	}
	ssykCol = func(nullable bool) column {
		return column{name: ingest.ColSSYK4, required: true, nullable: nullable, set: ssyk4Set, expected: "an SSYK 2012 four-digit code"}
	}
	regionCol = column{name: ingest.ColRegion, required: true, set: regionSet, expected: "a län (01) or kommun (0180) code"}
	periodCol = column{name: ingest.ColPeriod, required: true, valid: isPeriod, expected: "a period like 2024, 2024K1 or 2024-01"}
	countCol  = column{name: ingest.ColN, required: true, kind: kindInt, min: 0, max: 1<<31 - 1}
	// The flow tables' counts may be published censored ("<5").
	flowCountCol = column{name: ingest.ColN, required: true, kind: kindInt, min: 0, max: 1<<31 - 1, censorable: true}
	censoredCol  = column{name: ingest.ColCensored, derived: true}
)

// Persons: register microdata or weighted cells.
var Persons = newTable("persons", ingest.PersonsSchema, []column{
	{name: ingest.ColYear, required: true, kind: kindInt, min: 1990, max: 2100},
	{name: ingest.ColPersonID, nullable: true, kind: kindInt, min: 0, max: 1<<63 - 1},
	kommunCol(ingest.ColHomeKommun, false),
	{name: ingest.ColWorkKommun, nullable: true, set: kommunSet, expected: "a kommun code like 0180"},
	{name: ingest.ColStatus, required: true, set: statusSet, expected: "employed, unemployed, outside or student"},
	ssykCol(true),
	{name: ingest.ColSNI, nullable: true, set: sniSet, expected: "an SNI 2007 two-digit division"},
	{name: ingest.ColEduGroup, nullable: true, set: eduGroupSet, expected: "an education group like 5-72"},
	{name: ingest.ColSUNLevel, nullable: true, set: sunLevelSet, expected: "a SUN 2020 level code"},
	{name: ingest.ColSUNField, nullable: true, set: sunFieldSet, expected: "a SUN 2020 field code"},
	{name: ingest.ColSex, required: true, set: sexSet, expected: "1 (man) or 2 (kvinna)"},
	{name: ingest.ColAge, required: true, kind: kindInt, min: 0, max: 120},
	{name: ingest.ColBirthRegion, required: true, set: birthRegionSet, expected: "a birth-region code 0-9"},
	{name: ingest.ColN, nullable: true, kind: kindInt, min: 1, max: 1<<31 - 1},
}, checkPerson)

func init() { Persons.checkAt = checkPersonAt }

// Persons column positions, fixed by the schema.
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
)

// checkPerson refuses SSYK 2012 codes in SSYK 96 years and derives
// edu_group from SUN level and field (codes.EduGroupOf), n defaulting to 1.
func checkPerson(r *row) (int, string) {
	if r.text[iSSYK4] != "" && r.ints[iYear] < firstSSYK2012Year {
		return iSSYK4, ssyk96Reason
	}
	if r.text[iEduGroup] == "" {
		if g, i, ok := eduGroupOf(eduGroupSet(), r.text[iSUNLevel], r.text[iSUNField]); ok {
			r.text[iEduGroup], r.ints[iEduGroup] = g, int64(i)
		}
	}
	if r.text[iN] == "" {
		r.text[iN], r.ints[iN] = "1", 1
	}
	return -1, ""
}

const ssyk96Reason = "SSYK 2012 code in a year before 2014 (SSYK 96 data is not comparable)"

// noValue marks a null in values held column by column (see checkAt). No
// integer column's range reaches it (fastColumn checks).
const noValue = math.MinInt64

// checkPersonAt is checkPerson for row j of values held column by column,
// a code being its index in the column's list.
func checkPersonAt(v [][]int64, j int) (int, string) {
	if v[iSSYK4][j] != noValue && v[iYear][j] < firstSSYK2012Year {
		return iSSYK4, ssyk96Reason
	}
	if lvl, fld := v[iSUNLevel][j], v[iSUNField][j]; v[iEduGroup][j] == noValue && lvl != noValue && fld != noValue {
		if _, i, ok := eduGroupOf(eduGroupSet(), sunLevelSet().codes[lvl], sunFieldSet().codes[fld]); ok {
			v[iEduGroup][j] = int64(i)
		}
	}
	if v[iN][j] == noValue {
		v[iN][j] = 1
	}
	return -1, ""
}

// Jobseekers: registered job seekers by period, region, sought occupation
// and category.
var Jobseekers = newTable("jobseekers", ingest.FlowRecordSchema(ingest.JobseekersSchema), []column{
	periodCol, regionCol, ssykCol(false),
	{name: ingest.ColCategory, required: true, valid: isCategory, expected: "a category like openly_unemployed"},
	flowCountCol, censoredCol,
}, checkFlow)

// Hires: job seekers leaving for work.
var Hires = newTable("hires", ingest.FlowRecordSchema(ingest.HiresSchema), []column{periodCol, regionCol, ssykCol(false), flowCountCol, censoredCol}, checkFlow)

// Vacancies: newly registered vacancies.
var Vacancies = newTable("vacancies", ingest.FlowRecordSchema(ingest.VacanciesSchema), []column{periodCol, regionCol, ssykCol(false), flowCountCol, censoredCol}, checkFlow)

// Graduates: graduates by year, region and education group.
var Graduates = newTable("graduates", ingest.GraduatesSchema, []column{
	{name: ingest.ColYear, required: true, kind: kindInt, min: 1990, max: 2100},
	regionCol,
	{name: ingest.ColEduGroup, required: true, set: eduGroupSet, expected: "an education group like 5-72"},
	countCol,
}, nil)

// checkFlow refuses SSYK 2012 codes in periods before 2014.
func checkFlow(r *row) (int, string) {
	if y, _ := strconv.Atoi(r.text[0][:4]); y < firstSSYK2012Year {
		return 2, "SSYK 2012 code in a period before 2014 (SSYK 96 data is not comparable)"
	}
	return -1, ""
}

var periodRE = regexp.MustCompile(`^(19|20)\d\d(-(0[1-9]|1[0-2])|K[1-4])?$`)

func isPeriod(s string) bool { return periodRE.MatchString(s) }

func isCategory(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

// maxColumns bounds the columns of any canonical table.
const maxColumns = 16

// row holds one row's values as text, in schema order, and the parsed
// ints; for a code column with a code list, ints holds the code's index in
// the list. The texts may point into a buffer reused for later rows (see
// csvSource): whatever outlives the row must be copied.
type row struct {
	text [maxColumns]string
	ints [maxColumns]int64
}

// validate checks r against t in place, sets being t.codeSets(). It
// returns the offending column and reason, or -1.
func (t *Table) validate(r *row, sets []*codeSet) (col int, reason string) {
	if t.censored >= 0 {
		r.text[t.censored] = "false"
	}
	for i := range t.columns {
		c := &t.columns[i]
		if c.derived {
			continue
		}
		v := r.text[i]
		if v == "" {
			if !c.nullable {
				return i, "missing value"
			}
			continue
		}
		switch c.kind {
		case kindInt:
			if c.censorable && censoredCount(v) {
				r.text[i], r.text[t.censored] = "", "true" // null: the count is not known
				continue
			}
			n, ok := parseInt(v)
			if !ok {
				return i, "not an integer"
			}
			if n < c.min || n > c.max {
				return i, "out of range " + strconv.FormatInt(c.min, 10) + ".." + strconv.FormatInt(c.max, 10)
			}
			r.ints[i] = n
		case kindCode:
			if s := sets[i]; s != nil {
				k, ok := s.lookup(v)
				if !ok {
					return i, "unknown code, expected " + c.expected
				}
				r.ints[i] = int64(k)
			} else if !c.valid(v) {
				return i, "unknown code, expected " + c.expected
			}
		}
	}
	if t.check != nil {
		return t.check(r)
	}
	return -1, ""
}

// parseInt is strconv.ParseInt(v, 10, 64), which it calls for anything
// but up to 18 plain digits (too few to overflow).
func parseInt(v string) (int64, bool) {
	if len(v) == 0 || len(v) > 18 {
		n, err := strconv.ParseInt(v, 10, 64)
		return n, err == nil
	}
	var n int64
	for i := 0; i < len(v); i++ {
		d := v[i] - '0'
		if d > 9 {
			n, err := strconv.ParseInt(v, 10, 64)
			return n, err == nil
		}
		n = n*10 + int64(d)
	}
	return n, true
}

// censoredCount reports a count published censored: "<" and a positive
// whole number ("<5").
func censoredCount(v string) bool {
	rest, ok := strings.CutPrefix(v, "<")
	if !ok {
		return false
	}
	n, err := strconv.ParseInt(strings.TrimSpace(rest), 10, 64)
	return err == nil && n > 0
}

// columnList names the columns a file may hold, for error messages.
func (t *Table) columnList() string {
	var names []string
	for _, c := range t.columns {
		if !c.derived {
			names = append(names, c.name)
		}
	}
	return strings.Join(names, ", ")
}

// FitTables returns the tables whose columns a header fits.
func FitTables(header []string) []*Table {
	var fits []*Table
	for _, t := range Tables() {
		if t.fits(header) {
			fits = append(fits, t)
		}
	}
	return fits
}

// DetectTable picks the canonical table a file holds from its column names
// and, where two tables have the same columns (hires and vacancies), from a
// table name in the file's base name.
func DetectTable(file string, header []string) (*Table, error) {
	base := strings.ToLower(filepath.Base(file))
	fits := FitTables(header)
	if len(fits) == 1 {
		return fits[0], nil
	}
	for _, t := range fits {
		if strings.HasPrefix(base, t.Name) {
			return t, nil
		}
	}
	if len(fits) == 0 {
		return nil, fmt.Errorf("%s: its columns (%s) fit none of lmi's tables (%s); see docs/formats.md",
			file, strings.Join(header, ", "), tableNames(Tables()))
	}
	return nil, fmt.Errorf("%s: its columns fit %s; name the table with --table or in the file name", file, tableNames(fits))
}

// fits reports whether header names every required column and no unknown
// one.
func (t *Table) fits(header []string) bool {
	seen := map[int]bool{}
	for _, h := range header {
		i, ok := t.fileColumn(strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))))
		if !ok {
			return false
		}
		seen[i] = true
	}
	for i, c := range t.columns {
		if c.required && !seen[i] {
			return false
		}
	}
	return true
}

func tableNames(ts []*Table) string {
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = t.Name
	}
	return strings.Join(names, ", ")
}
