// Package scbcsv decodes the CSV files SCB's statistical database offers
// for download ("comma-delimited with heading", and its semicolon and tab
// variants) into a cube.Table: one dimension per text column, one for the
// value columns (the periods), every cell a number or the dot code SCB
// printed.
//
//	t, err := scbcsv.DecodeFile("000000NK.csv")
//
// # What the decoder relies on
//
//   - Encoding: a UTF-8 byte order mark means UTF-8 and a UTF-16 one
//     UTF-16 (decoded); otherwise a file whose bytes are all valid UTF-8 is
//     UTF-8 and any other is Latin-1 (SCB's downloads are ISO-8859-1; read
//     as Windows-1252, its superset, as browsers do). A file with both
//     UTF-8 lines and Latin-1 lines is an error naming one of each.
//   - Separator: tab, semicolon or comma, whichever the header line has
//     most of outside quotes. Fields may be quoted ("" is a quote inside
//     quotes; a quoted field may hold line ends).
//   - Title and footnotes: a first line with fewer fields than the next is
//     the table's title (blank lines around it are skipped); one-field
//     lines after a blank line at the end are footnotes (Notes).
//   - Columns: text columns first, then value columns. The value columns
//     are those at the right whose headers are periods ("2014", "2024M01",
//     "2024K1", "2024Q1", "2024H1", "2024-01", "2015/16"); they become the
//     last dimension, "period", with cube.RoleTime. Without period headers
//     the value columns are the unquoted numbers at the right of the first
//     data row (at least the last column), and the dimension is "measure"
//     (cube.RoleMetric): the single value column layout. Options.ValueColumns
//     says it outright.
//   - Text cells like "01 Stockholm county" are a code and a label: a
//     column is split when every text starts with a code token (starting
//     with a digit, or capitals with a digit such as FA01; letters, digits
//     and . + - / _ :), a space and a label, the codes are distinct and the
//     labels are not all the same (so "16-24 years", "25-29 years" stay
//     whole). Otherwise, or for Options.WholeText columns, the whole text
//     is both code and label. Values keep their order of first appearance.
//     A text column named like a period (år, year, period, tid, månad,
//     kvartal, ...) or whose texts are all periods such as "2024K1" is a
//     time dimension; one named region, län, kommun, county or
//     municipality a geographic one.
//   - Numbers: a decimal point or a decimal comma, taken per file from the
//     first number that has a mark (a file with ";" separators and "1,5"
//     uses commas); a number with the other mark later is an error.
//     Thousands may be separated by spaces or no-break spaces in groups of
//     three; a leading Unicode minus is read as a minus. ".." "." "-"
//     "..." "...." "....." "......" and "<5", quoted or not, are statuses;
//     an empty value cell is an error (SCB writes ".." for missing).
//   - Rows: every row is kept, totals ("0000 All", "00 Riket") too: they
//     are ordinary values of their dimension. The same combination of text
//     values twice is an error naming both lines. A combination with no
//     row is missing (".."). A row with a different number of fields than
//     the header is an error; a file cut at a line end cannot be told from
//     a shorter file.
//
// Errors are *ParseError values with the file, line, field number, column
// header and value, wrapping a sentinel (ErrRaggedRow, ErrBadNumber,
// ErrDuplicateRow, ErrEmpty, ErrNotCSV, ...). Nothing partial is returned.
//
// # Memory
//
// The input is read once through a 64 KiB buffer, which grows to at most
// 1 MiB for a longer record. The decoder holds, besides it, the distinct
// texts of each text column, and for each row its cells (24 bytes each,
// which become the table's), a 4-byte value index per text column and its
// 4-byte line number. When the input's size is known (DecodeFile, or a
// reader with a Len method) the row slices are sized once from the bytes
// the first 256 rows take, with a 5% margin; from a reader of unknown size
// they grow by appending (up to twice their size while growing). At the
// end, rows that are in table order and cover every combination, as SCB
// writes them, become the table without a copy; rows in another order are
// moved in place; when combinations are missing the cell slices are grown
// once to the whole table first (old and new are then both held during the
// copy). A bit per combination finds duplicate rows. Options.MaxCells
// (default 64 Mi cells, about 1.6 GB) bounds the table.
package scbcsv
