// Package parsers holds benchmarks that time lmi's input parsers against
// DuckDB's own readers (read_csv, read_json) on the same generated file:
// the persons CSV and Parquet readers (lmi/ingest/canonical), SCB's wide
// CSV downloads (lmi/ingest/scbcsv), PxWeb's PX-JSON and JSON-stat
// responses (lmi/ingest/pxjson, lmi/ingest/jsonstat), Arbetsförmedlingen's
// JSON-lines job ads, yrkesbarometer, taxonomy dump and CSV files
// (lmi/ingest/af/ads, assess and stats), and PC-Axis files (lmi/ingest/px, which DuckDB cannot
// read, so only lmi is timed). The xlsx readers have no DuckDB
// counterpart here and are timed in their package only. Each benchmark writes its input once into
// b.TempDir() and reports MB/s of that file; the lmi side also reports
// allocations per record. The package has no non-test code; run
//
//	go test -tags duckdb_arrow -run '^$' -bench . -benchtime 3x ./bench/parsers
//
// ../README.md ("Parsers against DuckDB's readers") records the figures.
package parsers
