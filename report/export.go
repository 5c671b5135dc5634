package report

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"lmi/internal/atomicfile"
)

// DB runs a statement or a query: a *sql.DB, or a *sql.Conn whose
// temporary tables the query reads.
type DB interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Export writes the rows of query to path as Parquet or CSV, chosen by
// the file extension; CSV in lmi's default dialect. DuckDB's COPY writes a
// temporary file beside the target that is then made durable and renamed
// over it, so a reader or a crash never sees half a file. The query must
// order its rows: outputs are compared byte for byte between runs. It
// returns how many rows it wrote.
func Export(ctx context.Context, db DB, query, path string) (int64, error) {
	var opts string
	switch strings.ToLower(filepath.Ext(path)) {
	case ".parquet":
		opts = "FORMAT parquet, COMPRESSION zstd"
	case ".csv":
		opts = "FORMAT csv, HEADER true"
	default:
		return 0, fmt.Errorf("export %s: unknown output format (want .parquet or .csv)", path)
	}
	tmp, err := atomicfile.TempPath(path)
	if err != nil {
		return 0, fmt.Errorf("export %s: %w", path, err)
	}
	res, err := db.ExecContext(ctx, fmt.Sprintf("COPY (%s) TO %s (%s)", query, sqlString(tmp), opts))
	if err != nil {
		removeQuietly(tmp)
		return 0, fmt.Errorf("export %s: %w", path, err)
	}
	rows, err := res.RowsAffected()
	if err != nil {
		removeQuietly(tmp)
		return 0, fmt.Errorf("export %s: %w", path, err)
	}
	if err := atomicfile.Publish(tmp, path, 0o644); err != nil {
		return 0, fmt.Errorf("export %s: %w", path, err)
	}
	return rows, nil
}

func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// removeQuietly removes a temporary file a failed write left behind.
func removeQuietly(path string) { _ = os.Remove(path) }
