package store

import (
	"context"
	"database/sql"
	"fmt"
	"lmi/internal/atomicfile"
	"os"
	"path/filepath"
	"strings"
)

// Execer runs a statement: a *sql.DB, or a *sql.Conn whose temporary
// tables the query reads.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Export writes the rows of query to path as Parquet or CSV (chosen by the
// file extension). The file is written beside the target and renamed over
// it, so a reader never sees half a file. The query must order its rows:
// outputs are compared byte for byte between runs. It returns how many
// rows it wrote (DuckDB's count of the COPY).
func Export(ctx context.Context, db Execer, query, path string) (int64, error) {
	var opts string
	switch strings.ToLower(filepath.Ext(path)) {
	case ".parquet":
		opts = "FORMAT parquet, COMPRESSION zstd"
	case ".csv":
		opts = "FORMAT csv, HEADER true"
	default:
		return 0, fmt.Errorf("export %s: unknown output format (want .parquet or .csv)", path)
	}
	tmpName, err := atomicfile.TempPath(path)
	if err != nil {
		return 0, fmt.Errorf("export %s: %w", path, err)
	}
	copySQL := fmt.Sprintf("COPY (%s) TO %s (%s)", query, quote(tmpName), opts)
	res, err := db.ExecContext(ctx, copySQL)
	if err != nil {
		os.Remove(tmpName)
		return 0, fmt.Errorf("export %s: %w", path, err)
	}
	rows, err := res.RowsAffected()
	if err != nil {
		os.Remove(tmpName)
		return 0, fmt.Errorf("export %s: %w", path, err)
	}
	if err := atomicfile.Publish(tmpName, path, 0o644); err != nil {
		return 0, fmt.Errorf("export %s: %w", path, err)
	}
	return rows, nil
}
