// Package input is what the AF readers share to take in a file: a whole
// text input checked for emptiness, markup and UTF-8 (ReadText); CSV and
// xlsx sheets as a Table of positioned cells (ReadSeparated,
// ReadCSVTable, OpenXLSX); published numbers and counts (ParseNumber,
// ParseCount); and a format's columns described as data (Columns), from
// which its header is recognised and its missing or unknown columns
// reported. Its errors are lmi/ingest/af's *Error.
package input
