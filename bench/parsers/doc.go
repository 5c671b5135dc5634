// Package parsers holds benchmarks that time lmi's input parsers against
// DuckDB's own readers (read_csv, read_json) on the same generated file:
// the persons CSV reader (lmi/ingest/canonical), SCB's wide CSV downloads
// (lmi/ingest/scbcsv), Arbetsförmedlingen's JSON-lines job ads
// (lmi/ingest/af) and PC-Axis files (lmi/ingest/px, which DuckDB cannot
// read, so only lmi is timed). Each benchmark writes its input once into
// b.TempDir() and reports MB/s of that file; the lmi side also reports
// allocations per record. The package has no non-test code; run
//
//	go test -tags duckdb_arrow -run '^$' -bench . -benchtime 3x ./bench/parsers
//
// ../README.md ("Parsers against DuckDB's readers") records the figures.
package parsers
