package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"

	"github.com/apache/arrow-go/v18/arrow/array"
	duckdb "github.com/duckdb/duckdb-go/v2"
)

// TempTable creates (or replaces) the temporary table name on conn from
// the Arrow records of rr, for results computed in Go that are then
// queried or exported with SQL on the same connection.
func TempTable(ctx context.Context, conn *sql.Conn, name string, rr array.RecordReader) error {
	return conn.Raw(func(dc any) error {
		c, ok := dc.(driver.Conn)
		if !ok {
			return errors.New("temp table: not a database/sql driver connection")
		}
		exec, ok := dc.(driver.ExecerContext)
		if !ok {
			return errors.New("temp table: driver connection cannot execute statements")
		}
		ar, err := duckdb.NewArrowFromConn(c)
		if err != nil {
			return err
		}
		view := name + "_arrow"
		release, err := ar.RegisterView(rr, view)
		if err != nil {
			return fmt.Errorf("temp table %s: %w", name, err)
		}
		defer release()
		_, err = exec.ExecContext(ctx, fmt.Sprintf("CREATE OR REPLACE TEMP TABLE %s AS SELECT * FROM %s", name, view), nil)
		if _, derr := exec.ExecContext(ctx, "DROP VIEW IF EXISTS "+view, nil); err == nil {
			err = derr
		}
		if rerr := rr.Err(); err == nil {
			err = rerr
		}
		if err != nil {
			return fmt.Errorf("temp table %s: %w", name, err)
		}
		return nil
	})
}
