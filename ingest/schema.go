package ingest

import "github.com/apache/arrow-go/v18/arrow"

// Code columns are dictionary-encoded strings: a register year holds millions
// of rows but only a few hundred distinct kommun or SSYK codes.
var codeType = &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int16, ValueType: arrow.BinaryTypes.String}

// Status values of the persons table.
const (
	StatusEmployed   = "employed"
	StatusUnemployed = "unemployed"
	StatusOutside    = "outside"
	StatusStudent    = "student"
)

// Statuses lists the valid persons.status values in a fixed order.
var Statuses = []string{StatusEmployed, StatusUnemployed, StatusOutside, StatusStudent}

// Column names of the persons table, in schema order.
const (
	ColYear        = "year"
	ColPersonID    = "person_id"
	ColHomeKommun  = "home_kommun"
	ColWorkKommun  = "work_kommun"
	ColStatus      = "status"
	ColSSYK4       = "ssyk4"
	ColSNI         = "sni"
	ColEduGroup    = "edu_group"
	ColSUNLevel    = "sun_level"
	ColSUNField    = "sun_field"
	ColSex         = "sex"
	ColAge         = "age"
	ColBirthRegion = "birth_region"
	ColN           = "n"
)

// PersonsSchema is the canonical Arrow schema of the persons table: one row
// per person and year (register microdata, n = 1) or per cell with weight n.
// docs/formats.md describes each column.
var PersonsSchema = arrow.NewSchema([]arrow.Field{
	{Name: ColYear, Type: arrow.PrimitiveTypes.Int16},
	{Name: ColPersonID, Type: arrow.PrimitiveTypes.Int64, Nullable: true},
	{Name: ColHomeKommun, Type: codeType},
	{Name: ColWorkKommun, Type: codeType, Nullable: true},
	{Name: ColStatus, Type: codeType},
	{Name: ColSSYK4, Type: codeType, Nullable: true},
	{Name: ColSNI, Type: codeType, Nullable: true},
	{Name: ColEduGroup, Type: codeType, Nullable: true},
	{Name: ColSUNLevel, Type: codeType, Nullable: true},
	{Name: ColSUNField, Type: codeType, Nullable: true},
	{Name: ColSex, Type: codeType},
	{Name: ColAge, Type: arrow.PrimitiveTypes.Int16},
	{Name: ColBirthRegion, Type: codeType},
	{Name: ColN, Type: arrow.PrimitiveTypes.Int32},
}, nil)

// Column names shared by the monthly and yearly flow tables.
const (
	ColPeriod   = "period"
	ColRegion   = "region"
	ColCategory = "category"
	// ColCensored is true when a flow count was published censored ("<5"):
	// n is then null, never a number. Files do not carry it; the readers
	// derive it (FlowRecordSchema).
	ColCensored = "censored"
)

// JobseekersSchema: registered job seekers by period ("2024-01" for a month),
// region (län or kommun code), sought occupation and category.
var JobseekersSchema = arrow.NewSchema([]arrow.Field{
	{Name: ColPeriod, Type: arrow.BinaryTypes.String},
	{Name: ColRegion, Type: codeType},
	{Name: ColSSYK4, Type: codeType},
	{Name: ColCategory, Type: codeType},
	{Name: ColN, Type: arrow.PrimitiveTypes.Int32},
}, nil)

// HiresSchema: job seekers leaving for work, by period, region and occupation.
var HiresSchema = arrow.NewSchema([]arrow.Field{
	{Name: ColPeriod, Type: arrow.BinaryTypes.String},
	{Name: ColRegion, Type: codeType},
	{Name: ColSSYK4, Type: codeType},
	{Name: ColN, Type: arrow.PrimitiveTypes.Int32},
}, nil)

// VacanciesSchema: newly registered vacancies by period, region and occupation.
var VacanciesSchema = arrow.NewSchema([]arrow.Field{
	{Name: ColPeriod, Type: arrow.BinaryTypes.String},
	{Name: ColRegion, Type: codeType},
	{Name: ColSSYK4, Type: codeType},
	{Name: ColN, Type: arrow.PrimitiveTypes.Int32},
}, nil)

// GraduatesSchema: graduates by year, region of study and education group.
var GraduatesSchema = arrow.NewSchema([]arrow.Field{
	{Name: ColYear, Type: arrow.PrimitiveTypes.Int16},
	{Name: ColRegion, Type: codeType},
	{Name: ColEduGroup, Type: codeType},
	{Name: ColN, Type: arrow.PrimitiveTypes.Int32},
}, nil)

// FlowRecordSchema is the schema of the records lmi loads into a flow
// table (jobseekers, hires, vacancies): the table's file schema with n
// nullable and ColCensored appended, n being null exactly when censored is
// true, and ssyk4 nullable, null only for rows of Arbetsförmedlingen's
// files that are not broken down by occupation or could not be mapped to
// SSYK.
func FlowRecordSchema(file *arrow.Schema) *arrow.Schema {
	fields := make([]arrow.Field, 0, file.NumFields()+1)
	for _, f := range file.Fields() {
		if f.Name == ColN || f.Name == ColSSYK4 {
			f.Nullable = true
		}
		fields = append(fields, f)
	}
	fields = append(fields, arrow.Field{Name: ColCensored, Type: arrow.FixedWidthTypes.Boolean})
	return arrow.NewSchema(fields, nil)
}
