package publish

import (
	"time"

	"lmi/codes"
	"lmi/report"
	"lmi/report/xlsx"
)

// Input is what Build reads and where it writes.
type Input struct {
	// Dirs are the folders holding lmi's output CSV files: a run's
	// outputs/ folder, or the demo's indicators/ and forecast/. Each is
	// searched (not recursively) for FAMILY.csv of every family in
	// Families, forecast.csv, shortage_list.csv, forecast_models.csv,
	// agreement.csv and agreement_summary.csv. Other files are left alone.
	// A file name found in two folders is an error.
	Dirs []string
	// Indicators and Families are the metadata of lmi's indicators and
	// indicator families (package indicators holds them; the caller copies
	// them here). A family file with no metadata is still read: its
	// indicators are then named by their code, with the label and unit
	// columns of the file when it has them.
	Indicators []Indicator
	Families   []Family
	// Provenance is shown in the workbook's "Om tabellerna" sheet and the
	// report's last section: the sources with table ids, files and SHA-256,
	// the parameters and lmi's version.
	Provenance report.Provenance
	// Levels are the run's regional levels in the order to show them
	// (the first is the level of the report's tables, charts and bars);
	// empty means the levels found in the files, in the order kommun, lan,
	// fa. Riket is the reference, never a map.
	Levels []codes.Level
	// Groupings are the run's own groupings of kommuner, drawn as maps; a
	// grouping's rows have its Name as their region_level.
	Groupings []*codes.Grouping
	// Region is the region the report puts first: its bars are
	// highlighted, and the forecast's fan charts and the shortage list on
	// the first page are its own. A region code of the first level; ""
	// means the forecast's total ("*", all regions of its level).
	Region string
	// Created is the time stamped into the workbook and the report; the
	// same time gives the same bytes. Zero means the provenance's Created
	// time, and when that is zero too, none is shown.
	Created time.Time
	// OutDir is the folder to write workbook.xlsx and report.html to; it
	// is made when missing.
	OutDir string
	// IndicatorDocs is the address of lmi's indicator reference
	// (docs/indicators.md), which the method notes link to by family
	// anchor; "" means "docs/indicators.md", relative to the report.
	IndicatorDocs string
	// MaxSheetRows is the most data rows one sheet takes; 0 means Excel's
	// limit (xlsx.MaxDataRows). Tests lower it.
	MaxSheetRows int
	// LeaveOutOversized leaves a region level of a table whose rows at that
	// level alone pass MaxSheetRows out of the workbook (said in "Om
	// tabellerna", the report and Files.Notes; the CSV and Parquet files
	// hold them), instead of failing with an *xlsx.RowLimitError.
	LeaveOutOversized bool
	// TmpDir is where the workbook's sheets are compressed to while it is
	// built; "" is the system's temporary folder.
	TmpDir string
}

// Indicator is one indicator's metadata, as lmi's indicator registry has
// it (lmi indicators list).
type Indicator struct {
	Name        string // "matchningsgrad"
	Label       string // Swedish: "Matchningsgrad (A/(A+B+C))"
	Unit        string // antal, procent, procentenheter, andel, kvot, logkvot, index, klass, skattning, standardfel
	Family      string // "matching"
	Section     string // METHODS.md section, "2"
	Version     int
	Description string
}

// Family is one indicator family's metadata.
type Family struct {
	Name        string   // "matching": its output is matching.csv
	Title       string   // Swedish title for headings; a built-in one for lmi's families when empty
	Description string   // from the family's family.toml
	Dimensions  []string // its dimension columns, in order
	// Headline is the indicator the report charts and maps and shows on
	// its first page; when empty, lmi's choice for its own families (see
	// DefaultHeadline), else the family's first rate.
	Headline string
}

// Files is what Build wrote.
type Files struct {
	Workbook string // path of workbook.xlsx
	Report   string // path of report.html
	// Sheets are the workbook's data sheets, in order, with their rows.
	Sheets []xlsx.SheetInfo
	// Read are the output files read, in the order of the workbook.
	Read []Read
	// Notes are what the report says it could not show, for a log: a
	// family without totals or without riket, a missing forecast.
	Notes []string
}

// Read is one output file Build read.
type Read struct {
	Path string
	Kind string // "family", "forecast", "shortage_list", "forecast_models", "agreement", "agreement_summary"
	Rows int64  // data rows (long rows for a family)
	Wide int64  // a family's rows in the workbook: one per region, period and dimension cell
}

// The output file names Build looks for besides the families'.
const (
	ForecastFile         = "forecast.csv"
	ShortageListFile     = "shortage_list.csv"
	ForecastModelsFile   = "forecast_models.csv"
	AgreementFile        = "agreement.csv"
	AgreementSummaryFile = "agreement_summary.csv"
)

// The files Build writes in Input.OutDir.
const (
	WorkbookFile = "workbook.xlsx"
	ReportFile   = "report.html"
)
