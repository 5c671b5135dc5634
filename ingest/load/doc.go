// Package load puts files into the store: it hashes each file, skips
// content already loaded, has the file's format (package formats, named
// or recognised) decode it into Arrow records for the store's tables, and
// loads them in one transaction with the file's sources row, committing
// only if the format's checks pass (the share of rejected rows within the
// limit, no count loaded twice). A failed file leaves the database exactly
// as it was. Every load gives one Report, whatever the format.
package load
