//go:build !duckdb_arrow

package store

// lmi streams Arrow records into DuckDB through duckdb-go's Arrow
// interface, which is compiled only with a build tag. Without it the build
// stops here with a name that says what to do.
var _ = build_lmi_with_tags_duckdb_arrow
