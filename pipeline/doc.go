// Package pipeline runs lmi reproducibly: a run spec (TOML, see
// docs/runspec.md) names the inputs, the indicator choices, optionally a
// forecast ([forecast]) and the output folder; Run loads the inputs into
// a fresh DuckDB file inside a run folder, computes the indicators (and
// the forecast, package forecast, on the same session), writes them and
// records everything in RUN_DIR/manifest.json; Verify checks a finished
// run by hashing its inputs again and re-running it from the manifest,
// byte for byte.
//
// # Specs
//
// ParseSpec and LoadSpec decode strictly: an unknown key, a value of the
// wrong type and a value out of range (an unknown level or indicator, k
// below 0, a bad age band, a file that does not exist) are a *SpecError
// naming the spec file, the line and the dotted key (SpecErrors when there
// are several). Relative paths resolve against the spec file's folder;
// every default is indicators.DefaultParams (each value of [indicators]
// horizon and [indicators.shortage] checked by indicators.Params.Validate),
// and in [forecast] forecast.DefaultParams (k the [indicators] k), each
// value checked by forecast.Params.Validate. An input entry takes lmi
// ingest's flags as keys: table, format, taxonomy, category, period and
// round; or it is a PX-Web query (pxweb, select, codelist, api, base_url, lang:
// lmi fetch's arguments), which a run fetches into RUN_DIR/inputs/ and
// loads from there (see pxweb.go).
//
// # The run folder
//
//	RUN_DIR/lmi.duckdb        the run's own database, created afresh
//	RUN_DIR/inputs/           fetched copies of query inputs (TABLE.json, TABLE.json.meta.json)
//	RUN_DIR/outputs/          FAMILY.parquet and FAMILY.csv per indicator family;
//	                          with [forecast] also forecast, shortage_list and
//	                          forecast_models (.parquet and .csv)
//	RUN_DIR/workbook.xlsx     the outputs in one workbook (report/publish)
//	RUN_DIR/report.html       the run's report (report/publish)
//	RUN_DIR/manifest.json     written last, only when everything succeeded
//
// The manifest (Manifest) holds the spec as parsed with its SHA-256, every
// input's path, SHA-256, size, table, format and row counts (and the
// SHA-256 of the taxonomy it was read with), the software (lmi module
// version and VCS revision, Go, DuckDB), every indicator's version and SQL
// hash, the parameters with the hashes of the grouping, own-SQL and
// match-map files, every output's SHA-256, size and rows, the same for
// the workbook and the report (Reports), and the timings.
// A forecast adds spec.forecast and parameters.forecast (the origin year
// used among them); [indicators] horizon and [indicators.shortage] add
// their keys to spec and parameters; without them those keys are left
// out.
// Timings are only in the manifest: data files carry nothing that changes
// between runs, so two runs of one spec on the same inputs give identical
// bytes (whatever GOMAXPROCS or DuckDB's thread count).
//
// # Verify
//
// Verify reports inputs that are missing or changed (old and new hash);
// a query input is its fetched copy, re-loaded from the run folder
// without the network. When all are unchanged it re-runs into a
// temporary folder and compares every output, the workbook and the
// report among them: for CSV and the report the first differing line
// with both lines, for Parquet the first differing row found by reading
// both files with DuckDB, for the workbook the hashes.
package pipeline
