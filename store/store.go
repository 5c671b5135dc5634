package store

import (
	"context"
	"database/sql"
	_ "embed"
	"errors"
	"fmt"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
)

// DefaultPath is where the database lives when no --db is given.
const DefaultPath = "lmi.duckdb"

// ErrSchemaVersion is returned by Open for a database written by an lmi with
// a table layout it cannot migrate from (a newer one, or one too old).
var ErrSchemaVersion = errors.New("unsupported store schema version")

// DB is an open lmi database. Close it when done: DuckDB holds a file lock
// until then.
type DB struct {
	path      string
	connector *duckdb.Connector
	sql       *sql.DB
}

// Open opens the database at path, creating it and its schema if needed.
// An empty path opens a private in-memory database.
func Open(ctx context.Context, path string) (*DB, error) {
	connector, err := duckdb.NewConnector(path, nil)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	db := &DB{path: path, connector: connector, sql: sql.OpenDB(connector)}
	if err := db.init(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return db, nil
}

// Close releases the database and its file lock.
func (db *DB) Close() error {
	err := db.sql.Close()
	return errors.Join(err, db.connector.Close())
}

// SQL gives direct access for the packages that run queries (indicators).
func (db *DB) SQL() *sql.DB { return db.sql }

// Path is the file the database lives in ("" for in-memory).
func (db *DB) Path() string { return db.path }

// DuckDBVersion reports the version of the embedded DuckDB engine.
func (db *DB) DuckDBVersion(ctx context.Context) (string, error) {
	var v string
	err := db.sql.QueryRowContext(ctx, "SELECT version()").Scan(&v)
	return v, err
}

func (db *DB) init(ctx context.Context) error {
	ms, err := loadMigrations()
	if err != nil {
		return err
	}
	var have int
	err = db.sql.QueryRowContext(ctx,
		"SELECT count(*) FROM duckdb_tables() WHERE table_name = 'meta' AND schema_name = 'main'").Scan(&have)
	if err != nil {
		return err
	}
	if have == 0 {
		return db.create(ctx, ms)
	}
	var v string
	if err := db.sql.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'schema_version'").Scan(&v); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if v == SchemaVersion {
		return nil
	}
	return db.migrate(ctx, ms, v)
}

var errNoRows = sql.ErrNoRows

// quote makes a SQL string literal.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
