package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"
)

// Output is a file written from the database.
type Output struct {
	Path      string
	Family    string
	SHA256    string
	Rows      int64
	WrittenAt time.Time
}

// RecordOutput hashes a written file and logs it in the outputs table.
func (db *DB) RecordOutput(ctx context.Context, path, family string, rows int64) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return fmt.Errorf("hash %s: %w", path, err)
	}
	_, err = db.sql.ExecContext(ctx, "INSERT INTO outputs VALUES (?, ?, ?, ?, ?)",
		path, family, hex.EncodeToString(h.Sum(nil)), rows, time.Now().UTC())
	return err
}

// Outputs lists the latest write of every output path, newest first.
func (db *DB) Outputs(ctx context.Context) ([]Output, error) {
	rows, err := db.sql.QueryContext(ctx, `
		SELECT path, family, sha256, rows, written_at FROM outputs
		QUALIFY row_number() OVER (PARTITION BY path ORDER BY written_at DESC) = 1
		ORDER BY written_at DESC, path`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Output
	for rows.Next() {
		var o Output
		if err := rows.Scan(&o.Path, &o.Family, &o.SHA256, &o.Rows, &o.WrittenAt); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// Tables lists the data tables, canonical first, then the published ones.
var Tables = []string{"persons", "jobseekers", "hires", "vacancies", "graduates",
	"published_cells", "scb_employment", "scb_employment_age", "scb_rmi_e3", "scb_rmi_u2", "scb_rmi_e4", "scb_rmi_m2",
	"scb_rmi_u1a", "scb_rmi_u1b", "scb_rmi_u3", "scb_rmi_e2b", "assessments", "occupation_map"}

// ErrUnknownTable is returned by ExportTable for a name that is not one of
// Tables or sources.
var ErrUnknownTable = errors.New("unknown table")

// ExportTable writes a data table (one of Tables) or sources to path as
// Parquet or CSV, by the extension, every column, its rows in the order
// of their values (so the same rows give the same bytes), and returns how
// many rows it wrote.
func (db *DB) ExportTable(ctx context.Context, table, path string) (int64, error) {
	if table != "sources" && !slices.Contains(Tables, table) {
		return 0, fmt.Errorf("%w %q (want %s or sources)", ErrUnknownTable, table, strings.Join(Tables, ", "))
	}
	return Export(ctx, db.sql, "SELECT * FROM "+table+" ORDER BY ALL", path)
}

// TableRows counts the rows of each data table.
func (db *DB) TableRows(ctx context.Context) (map[string]int64, error) {
	out := map[string]int64{}
	for _, t := range Tables {
		var n int64
		if err := db.sql.QueryRowContext(ctx, "SELECT count(*) FROM "+t).Scan(&n); err != nil {
			return nil, err
		}
		out[t] = n
	}
	return out, nil
}
