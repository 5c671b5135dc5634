package store

import (
	"context"
	"database/sql"
	_ "embed"
	"fmt"
)

//go:embed occupations_of.sql
var occupationsOfSQL string

// OccupationsMapped is what MapOccupations found and did for an extract.
type OccupationsMapped struct {
	// Occupations are the extract's occupations, sorted.
	Occupations []string
	// Before are those the publisher's occupation_map held already; Added
	// those the map gave SSYK now.
	Before, Added map[string]bool
}

// MapOccupations gives the occupations of an extract loaded before
// (sha256; its assessments, or the codes of its published cells'
// dimension dim) the SSYK 4 groups of concepts, when the publisher's
// occupation_map has none for them yet: a yrkesprognos file loaded without
// an occupation map is mapped afterwards, without loading its rows again.
// The rows added carry the extract as their source. One transaction.
func (db *DB) MapOccupations(ctx context.Context, sha256, publisher, dim string, concepts map[string][]string) (*OccupationsMapped, error) {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	out := &OccupationsMapped{Before: map[string]bool{}, Added: map[string]bool{}}
	if out.Occupations, err = column(ctx, tx, occupationsOfSQL, sha256, dim); err != nil {
		return nil, fmt.Errorf("occupations of %s: %w", sha256, err)
	}
	known, err := column(ctx, tx, `SELECT DISTINCT occupation FROM occupation_map WHERE publisher = $1`, publisher)
	if err != nil {
		return nil, fmt.Errorf("occupation_map: %w", err)
	}
	for _, o := range known {
		out.Before[o] = true
	}
	for _, o := range out.Occupations {
		if out.Before[o] {
			continue
		}
		for _, s := range concepts[o] {
			if _, err := tx.ExecContext(ctx, `INSERT INTO occupation_map VALUES ($1, $2, NULL, $3, false, NULL, $4)`,
				publisher, o, s, sha256); err != nil {
				return nil, fmt.Errorf("occupation_map: %w", err)
			}
			out.Added[o] = true
		}
	}
	return out, tx.Commit()
}

// column is the first column of a query's rows, as text.
func column(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]string, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
