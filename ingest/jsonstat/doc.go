// Package jsonstat reads and writes JSON-stat 2.0 datasets, the default
// output of SCB's PxWebApi 2.0, and turns them into *cube.Table.
//
// Parse reads a dataset with or without values: a data response
// (/tables/{id}/data?outputFormat=json-stat2) or a table's metadata
// (/tables/{id}/metadata), whose dimensions also carry PxWebApi's
// extension (elimination, code lists). Decode reads a data response
// straight into a table. Encode writes a table back as one dataset, the
// same bytes for the same table.
//
// Everything the JSON-stat 2.0 specification allows is read: category
// index as an array or an object (or left out for a single category),
// values as an array or a sparse object keyed by cell index, status as
// one string for all cells, an array, or an object; role (time, geo,
// metric) becomes cube.Role. Cells are row-major with the last dimension
// fastest, as in cube.Table.
//
// A cell with null has no number; its status is the one the dataset gives
// (SCB sends ".." for missing) or ".." when none is given. A JSON-stat
// status may also annotate a number (a provisional "p"); such numbers are
// kept and a note counts them, since cube.Table keeps a status only where
// there is no number.
//
// Errors are *ParseError values naming the input and the byte offset or
// the JSON path, wrapping a sentinel error (ErrHTML for an HTML error page
// served instead of JSON, ErrTruncated for a body cut short, ErrVersion,
// ErrShape, ...). No input makes Parse panic.
package jsonstat
