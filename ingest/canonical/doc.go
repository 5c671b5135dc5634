// Package canonical reads extracts of lmi's canonical tables (persons,
// jobseekers, hires, vacancies, graduates; see ingest and docs/formats.md)
// from CSV or Parquet and streams them as Arrow record batches in the
// table's schema. A code column with a closed code list comes as a
// dictionary indexing that whole list, one dictionary shared by every
// batch; other code columns carry the values of their batch.
//
// Every value is checked against lmi's code lists and ranges. A bad row is
// not loaded: it becomes a Reject naming the file, line, column, value and
// reason, and reading goes on. Whether too many rejects fail the whole file
// is the caller's decision (see RejectShare).
package canonical
