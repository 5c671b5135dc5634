package store

import (
	"context"
	"database/sql"
	_ "embed"
	"errors"
	"fmt"
	"strings"

	"github.com/duckdb/duckdb-go/v2"

	"lmi/codes"
	"lmi/ingest"
)

// SchemaVersion is the version of the table layout written by this lmi.
const SchemaVersion = "8"

// DefaultPath is where the database lives when no --db is given.
const DefaultPath = "lmi.duckdb"

//go:embed schema.sql
var schemaSQL string

// publishedTablesSQL is the part of schema.sql that version 4 added.
var publishedTablesSQL = schemaSQL[strings.Index(schemaSQL, "-- Published statistical tables"):strings.Index(schemaSQL, rmiMarker)]

// rmiTablesSQL is the part of schema.sql that version 6 added.
var rmiTablesSQL = schemaSQL[strings.Index(schemaSQL, rmiMarker):strings.Index(schemaSQL, rmi7Marker)]

const rmiMarker = "-- SCB's regional matching indicators"

// rmi7TablesSQL are the tables version 7 added: SCB's RMI M2 and E4.
var rmi7TablesSQL = schemaSQL[strings.Index(schemaSQL, rmi7Marker):strings.Index(schemaSQL, rmi8Marker)]

const rmi7Marker = "-- SCB's RMI M2 (version 7)"

// rmi8TablesSQL are the tables version 8 added: SCB's RMI U1a, U1b, U3
// and E2B.
var rmi8TablesSQL = schemaSQL[strings.Index(schemaSQL, rmi8Marker):]

const rmi8Marker = "-- SCB's RMI U1a, U1b, U3 and E2B (version 8)"

// personsTableSQL is the part of schema.sql that version 7 changed.
var personsTableSQL = schemaSQL[strings.Index(schemaSQL, "-- Register microdata or weighted cells"):strings.Index(schemaSQL, "-- The flow tables (version 5)")]

// flowTablesSQL is the part of schema.sql that version 5 changed: the flow
// tables with censored counts and rows without an occupation.
var flowTablesSQL = schemaSQL[strings.Index(schemaSQL, "-- The flow tables (version 5)"):strings.Index(schemaSQL, "-- Graduates by year")]

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
	var have int
	err := db.sql.QueryRowContext(ctx,
		"SELECT count(*) FROM duckdb_tables() WHERE table_name = 'meta' AND schema_name = 'main'").Scan(&have)
	if err != nil {
		return err
	}
	if have == 1 {
		var v string
		err := db.sql.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'schema_version'").Scan(&v)
		if err != nil {
			return fmt.Errorf("read schema version: %w", err)
		}
		if v == SchemaVersion {
			return nil
		}
		return db.migrate(ctx, v)
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, stmt := range enumTypes() {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("create types: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, schemaSQL); err != nil {
		return fmt.Errorf("create schema: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO meta VALUES ('schema_version', ?)", SchemaVersion); err != nil {
		return err
	}
	return tx.Commit()
}

// enumTypes builds one CREATE TYPE per code column from the embedded code
// lists, so the database itself rejects a code lmi does not know.
func enumTypes() []string {
	var kommuner []string
	for _, k := range codes.Kommuner() {
		kommuner = append(kommuner, k.Code)
	}
	types := []struct {
		name   string
		values []string
	}{
		{"kommun", kommuner},
		{"status", ingest.Statuses},
		{"ssyk4", entryCodes(codes.SSYK(4))},
		{"sni", entryCodes(codes.SNI(2))},
		{"edu_group", entryCodes(codes.EduGroups())},
		{"sun_level", entryCodes(codes.SUNLevel(0))},
		{"sun_field", entryCodes(codes.SUNField(0))},
		{"sex", []string{"1", "2"}},
		{"birth_region", entryCodes(codes.BirthRegions(2))},
	}
	stmts := make([]string, len(types))
	for i, t := range types {
		stmts[i] = fmt.Sprintf("CREATE TYPE %s AS ENUM (%s)", t.name, quoteList(t.values))
	}
	return stmts
}

func entryCodes(es []codes.Entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Code
	}
	return out
}

func quoteList(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = quote(v)
	}
	return strings.Join(q, ", ")
}

// quote makes a SQL string literal.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

var errNoRows = sql.ErrNoRows
