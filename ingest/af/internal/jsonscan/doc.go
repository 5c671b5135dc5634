// Package jsonscan is what the AF readers share to read JSON: the records
// of an array through encoding/json with their line numbers (Records),
// scalar fields (Scalar), positioned encoding/json errors (DecodeError),
// and the primitives of the single-pass scanners that read the large
// files without decoding what they skip (StringEnd, SkipValue,
// TextTable, ...). Its errors are lmi/ingest/af's *Error.
package jsonscan
