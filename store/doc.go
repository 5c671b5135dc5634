// Package store is lmi's database: one DuckDB file holding the canonical
// tables (persons, sources, ...) with classification codes as ENUM types.
//
// Everything that writes goes through a transaction, so a failed load leaves
// the database exactly as it was. Loading takes Arrow record streams (the
// form every ingest adapter produces) and hands them to DuckDB's Arrow scan
// without copying row by row. FORMAT.md beside this file documents the
// tables and types.
package store
