// Package ingest defines the canonical tables every source adapter produces:
// their Arrow schemas (codes dictionary-encoded) and column names. The
// adapters themselves live in sub-packages, one per source format; persons
// reads register extracts of the persons table.
//
// docs/formats.md documents the columns for people preparing extracts.
package ingest
