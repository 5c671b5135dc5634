// Package formats is lmi's one registry of input formats: lmi's own
// tables (CSV, Parquet), SCB's published tables (PC-Axis, PX-Web JSON,
// JSON-stat, SCB's CSV downloads) and Arbetsförmedlingen's files
// (yrkesbarometer, bristindex, yrkesprognos, job ads, monthly statistics
// sheets). Each Format registers once: its name, how a file is recognised
// from its name and first bytes, which load options it takes, and a
// decoder to Arrow records for the store's tables. lmi ingest, run specs
// and lmi refresh all recognise and read files through it, so a file is
// read the same way everywhere; package load puts the records in the
// store.
//
// Records a format refuses as bad are a Report's Rejects, with file,
// line, column, value and reason; records it leaves out or loads in part
// for a property of the source (ads abroad, a national sheet) are its
// Tallies, by reason.
package formats
