// Package load puts extract files into the store: it hashes each file,
// skips content already loaded, streams the validated rows in one
// transaction, and commits only if the share of rejected rows is within the
// limit. A failed file leaves the database exactly as it was.
//
// Any also loads published tables (SCB, Arbetsförmedlingen's assessments)
// and, into the flow tables, Arbetsförmedlingen's job ads and monthly
// statistics sheets (af.go): their records that cannot be placed are
// counted by reason in Report.Tallies rather than refused.
package load
