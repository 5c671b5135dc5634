// Package xlsx writes report.Tables into an Excel workbook (.xlsx) with
// github.com/xuri/excelize/v2.
//
// Each table is streamed into its own sheet, so a table of a million rows
// is never held as Go values. The sheet's XML is written by this package,
// not by excelize's StreamWriter (about ten times faster: a million rows of
// twelve columns take some three seconds of CPU), and compressed as it is
// written, on a second core, into a temporary file; excelize makes the
// rest of the workbook around it. A sheet has the
// table's Swedish headers in a frozen, bold first row with an autofilter,
// column widths from the headers and the first rows, and an Excel number
// format per column kind (report.Kind): counts "# ##0", percent "0,0",
// shares "0,000" and so on, so Excel rounds the display and the cell keeps
// the full number (to Excel's own 15 significant digits). Codes are text, so "0114" keeps its zero. Suppressed
// cells read "..", not applicable ".", nothing to report "-", and missing
// cells are empty.
//
// Every workbook has two more sheets: "Om tabellerna", first, built from a
// report.Provenance (the tables with their sheets and rows, the sources
// with table ids, files and SHA-256, the parameters, lmi's version), and
// "Teckenförklaring", explaining the symbols and the rounding.
//
// # Excel's row limit
//
// A sheet holds at most 1,048,576 rows, the header included. A table with
// more data rows either goes to several sheets, one per value of a column
// (TableOptions.SplitBy, e.g. the region level or the region), or AddTable
// returns a *RowLimitError that says how many rows there were and suggests
// narrowing or splitting. Sheet names are made to fit Excel's rules (at
// most 31 characters, none of : \ / ? * [ ], unique regardless of letter
// case).
//
// # Deterministic bytes
//
// The same workbook written twice is byte for byte the same: the document
// properties carry the provenance's time (or a fixed one), styles are made
// in a fixed order, texts are shared in the order the tables first hold
// them (each text once in the workbook's shared strings), and the zip archive is
// written by this package with its entries in a fixed order and a fixed
// modification time.
package xlsx
