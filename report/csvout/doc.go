// Package csvout writes a report.Table as CSV in one of two dialects:
//
//   - "default": comma, decimal point, LF line ends, no byte-order mark,
//     machine keys as the header, full precision, and cells without a value
//     left empty. This is what lmi's long CSV files are.
//   - "excel-sv": what Swedish Excel opens with a double-click: semicolon,
//     decimal comma, CRLF line ends, a UTF-8 byte-order mark, the Swedish
//     headers, and SCB's symbols for cells without a value (".."
//     suppressed, "." not applicable, "-" nothing to report; missing
//     stays empty).
//
// Both write numbers with full precision unless Dialect.Rounded asks for
// the display rounding of each column's kind. Output is deterministic: the
// same table gives the same bytes. Fields are quoted as RFC 4180 says when
// they hold the separator, a quote, a line break or leading or trailing
// space.
//
// Excel reads a CSV file's codes as numbers and drops their leading zeros
// ("0114" becomes 114): give Excel users the xlsx workbook (report/xlsx),
// where codes are text.
package csvout
