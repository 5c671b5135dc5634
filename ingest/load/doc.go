// Package load puts extract files into the store: it hashes each file,
// skips content already loaded, streams the validated rows in one
// transaction, and commits only if the share of rejected rows is within the
// limit. A failed file leaves the database exactly as it was.
package load
