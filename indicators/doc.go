// Package indicators computes lmi's regional indicators in DuckDB. Their
// definitions are lmi's method reference, docs/methods.md (MethodsPath),
// which every indicator cites by section.
//
// Indicators are data, the dbt way. A family is a folder under families/:
// family.toml declares its dimensions, the store tables it reads, the
// steps it needs first and the relations among its counts that secondary
// suppression protects; cells.sql builds its cell table (matching_cells
// for the matching family) for every requested regional level; every
// other .sql file is one indicator, a SELECT over those cells yielding
// value, numerator, denominator and n, with its metadata (name, Swedish
// label, version, unit, section) in a header comment. SQL shared by the
// families (suppression, the match key, the long output's rows) lives in
// macros/, apart from them. Every SQL file is a template that declares the
// parameters it uses and is given only those. README.md describes the
// layout; adding a family touches its folder and nothing else.
//
// Compute stacks a family's indicators into one long table, applies
// primary suppression at k and secondary suppression over the family's
// relations and the nesting of the regions (docs/methods.md section 6), and
// writes Parquet and CSV. Compile prints the SQL it runs for a family.
//
// The shortage family (docs/methods.md section 5.1) is the current shortage
// composite: six sub-indicators per region, occupation and year, each
// scaled against the economy and the occupation's own history, and their
// weighted mean with a class (shortage.go, families/shortage/cells.sql).
// It has one step after secondary suppression, so that the scaled values
// and the composite use only published sub-indicators.
package indicators
