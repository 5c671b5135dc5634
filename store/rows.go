package store

import (
	"context"
	"database/sql"
	"fmt"
)

// EachRow runs q with args on conn and calls each for every row. Errors,
// of the query or of each, are prefixed with what.
func EachRow(ctx context.Context, conn *sql.Conn, what string, each func(*sql.Rows) error, q string, args ...any) error {
	rows, err := conn.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}
