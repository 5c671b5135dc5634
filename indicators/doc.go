// Package indicators computes lmi's regional indicators (METHODS.md) in
// DuckDB.
//
// Indicators are data: each is an embedded SQL file whose header comment
// carries its metadata (name, Swedish label, version, unit, section,
// family, dimensions). A family first builds a cell table with the counts it
// needs for every requested regional level (matching_cells for the matching
// family), then each indicator is one SELECT over those cells yielding
// value, numerator, denominator and n. Compute stacks the indicators into
// one long table, applies primary suppression at k (METHODS.md section 6)
// and writes Parquet and CSV.
//
// The shortage family (METHODS.md section 5) is the current shortage
// composite: six sub-indicators per region, occupation and year, each
// scaled against the economy and the occupation's own history, and their
// weighted mean with a class (shortage.go, sql/shortage.sql). It has one
// step after secondary suppression, so that the scaled values and the
// composite use only published sub-indicators.
package indicators
