// Package report is lmi's output model for people: tables, charts, maps,
// workbooks and HTML reports that regional analysts hand to politicians,
// beside the long CSV and Parquet files lmi writes for machines.
//
// This package holds what every writer shares:
//
//   - A small streaming table model: a Table has Columns (a machine key, a
//     Swedish header and a Kind, the column's unit) and Rows, read one row
//     at a time into a reused []Cell, so a writer never holds a million
//     rows. A Cell is a number or a text with a State: a value, missing,
//     suppressed, not applicable or nothing to report.
//   - Display rounding by unit (Kind.Decimals: percent one decimal, counts
//     whole, ratios two decimals ...) and Swedish number formatting
//     (NumberFormat: decimal comma, no-break space between thousands). The
//     underlying numbers keep full precision; xlsx workbooks round through
//     Excel number formats, CSV files carry full precision unless asked to
//     round.
//   - The symbols SCB uses in its tables (Symbols), shown for cells
//     without a number.
//   - Provenance: the sources, parameters and lmi version behind a report,
//     which the workbook's "Om tabellerna" sheet and the HTML report show.
//   - ReadLong: lmi's long indicator CSV files as a streaming Table, with
//     Swedish headers, the suppressed flag folded into ".." cells, and each
//     value's kind from its indicator's unit.
//
// Sub-packages write the formats: report/csvout (CSV dialects),
// report/xlsx (Excel workbooks), report/chart (SVG charts), report/geo (SVG
// choropleth maps from embedded boundaries), report/html (a self-contained
// HTML report), and internal/atomicfile (replacing files atomically).
// report/publish puts them together: one call turns a folder of lmi's
// outputs into a workbook and a report.
//
// # Symbols
//
// Cells without a number are never shown as zero:
//
//	..  suppressed: confidential (too few persons) or too uncertain
//	.   not applicable, or not available (logically impossible)
//	-   nothing to report (zero by definition)
//	    (empty) missing: no observation
//
// lmi's own outputs use ".." (suppressed cells) and empty (missing); the
// other two are for data from elsewhere, as SCB uses them.
package report
