package store

import (
	"context"
	"database/sql"
	_ "embed"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

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
// An empty path opens a private in-memory database. When another process
// holds the database, Open waits for it up to DefaultLockWait, then fails
// with a *LockedError.
func Open(ctx context.Context, path string) (*DB, error) {
	return OpenWith(ctx, path, OpenOptions{})
}

// DefaultLockWait is how long Open waits for another process to let go
// of a database: a load or a run in progress usually finishes within it.
const DefaultLockWait = 60 * time.Second

// lockPoll is how often a waiting Open tries again.
const lockPoll = 200 * time.Millisecond

// OpenOptions tune OpenWith. The zero value is Open's behaviour.
type OpenOptions struct {
	// LockWait bounds the wait for another process holding the database:
	// 0 is DefaultLockWait, negative is not to wait.
	LockWait time.Duration
	// Waiting, when set, is told once when Open starts to wait (the wait
	// counts from the first refusal): the database, the process holding
	// it (as DuckDB names it), and for how long Open will wait.
	Waiting func(path, holder string, wait time.Duration)
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, path string, opts OpenOptions) (*DB, error) {
	wait := opts.LockWait
	if wait == 0 {
		wait = DefaultLockWait
	}
	var start time.Time // of the wait: the first refusal
	for {
		db, err := open(ctx, path)
		holder, locked := lockHolder(err)
		if !locked {
			return db, err
		}
		if start.IsZero() {
			start = time.Now()
			if wait > 0 && opts.Waiting != nil {
				opts.Waiting(path, holder, wait)
			}
		}
		waited := time.Since(start)
		if wait < 0 || waited >= wait {
			return nil, &LockedError{Path: path, Holder: holder, Waited: waited.Round(time.Second)}
		}
		select {
		case <-ctx.Done():
			return nil, &LockedError{Path: path, Holder: holder, Waited: time.Since(start).Round(time.Second)}
		case <-time.After(min(lockPoll, wait-waited)):
		}
	}
}

func open(ctx context.Context, path string) (*DB, error) {
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

// LockedError reports a database another process held for longer than
// Open waits (a load, a run or a refresh writing to it).
type LockedError struct {
	Path   string
	Holder string // the process, as DuckDB names it: "lmi (PID 4242)"; "" when unknown
	Waited time.Duration
}

func (e *LockedError) Error() string {
	who := "another process"
	if e.Holder != "" {
		who += " (" + e.Holder + ")"
	}
	return fmt.Sprintf("database %s is in use by %s; waited %s for it: try again when it has finished", e.Path, who, e.Waited)
}

// lockHolder reports whether err is DuckDB refusing a database another
// process holds, and that process as DuckDB names it (its program path
// shortened to the file name, at most 80 characters).
func lockHolder(err error) (string, bool) {
	if err == nil {
		return "", false
	}
	msg := err.Error()
	if !strings.Contains(msg, "Could not set lock on file") {
		return "", false
	}
	_, rest, ok := strings.Cut(msg, "Conflicting lock is held in ")
	if !ok {
		return "", true
	}
	holder, _, _ := strings.Cut(rest, ". See also")
	holder = strings.TrimSuffix(strings.TrimSpace(holder), ".")
	if prog, pid, ok := strings.Cut(holder, " (PID "); ok {
		holder = filepath.Base(prog) + " (PID " + pid
	}
	return capText(holder, 80), true
}

// capText cuts s to at most n bytes of printable text, control
// characters shown as \uXXXX, "..." marking a cut.
func capText(s string, n int) string {
	var b strings.Builder
	for _, r := range s {
		if b.Len() >= n {
			b.WriteString("...")
			break
		}
		if r < ' ' || r == 0x7f {
			fmt.Fprintf(&b, "\\u%04x", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
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
