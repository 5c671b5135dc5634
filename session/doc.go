// Package session is one pinned connection to an lmi store with the
// temporary tables that every computation over it shares: the regions of
// the requested levels and groupings (region_keys, region_map,
// region_nesting, flow_region_map), the small code tables the SQL joins
// (sni_sections), the year pairs of the person panel and the age-specific
// exit rates estimated from it.
//
// DuckDB's temporary tables live per connection, so indicators and the
// forecast run everything on the connection a Session pins, and each reads
// the region tables by name. The SQL that builds them is in sql/, one
// file per table, with the rows made in Go from lmi's code lists.
package session
