package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"sync"
)

// The table layout is the result of the numbered files in migrations/,
// applied in order: NNN_what.sql takes a database from schema version
// NNN-1 to NNN, so the version is the count of migrations. A migration is
// frozen once it has shipped; a change to the layout is a new file.
// store/FORMAT.md describes the resulting tables.

//go:embed migrations/*.sql
var migrationFiles embed.FS

// SchemaVersion is the version of the table layout written by this lmi:
// the number of migrations.
var SchemaVersion = strconv.Itoa(len(mustMigrations()))

// migration is one file of migrations/.
type migration struct {
	version int
	file    string
	sql     string
}

var (
	migrationsOnce sync.Once
	migrationList  []migration
	migrationErr   error
)

// loadMigrations reads migrations/ once, checking that the files are
// numbered 1, 2, ... without a gap.
func loadMigrations() ([]migration, error) {
	migrationsOnce.Do(func() { migrationList, migrationErr = readMigrations(migrationFiles) })
	return migrationList, migrationErr
}

// mustMigrations is loadMigrations for SchemaVersion: the files are
// compiled in, so a misnumbered one is a build defect that every store
// test catches; Open reports it as an error.
func mustMigrations() []migration {
	ms, _ := loadMigrations()
	return ms
}

func readMigrations(fsys fs.FS) ([]migration, error) {
	entries, err := fs.ReadDir(fsys, "migrations")
	if err != nil {
		return nil, fmt.Errorf("store migrations: %w", err)
	}
	var ms []migration
	for _, e := range entries { // ReadDir sorts by name
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || len(num) != 3 {
			return nil, fmt.Errorf("store migrations: %s: want NNN_what.sql", e.Name())
		}
		if v != len(ms)+1 {
			return nil, fmt.Errorf("store migrations: %s: want number %03d", e.Name(), len(ms)+1)
		}
		b, err := fs.ReadFile(fsys, path.Join("migrations", e.Name()))
		if err != nil {
			return nil, fmt.Errorf("store migrations: %w", err)
		}
		ms = append(ms, migration{version: v, file: e.Name(), sql: string(b)})
	}
	if len(ms) == 0 {
		return nil, fmt.Errorf("store migrations: none found")
	}
	return ms, nil
}

// create lays out a new database: every migration in one transaction.
func (db *DB) create(ctx context.Context, ms []migration) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, m := range ms {
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("create schema: %s: %w", m.file, err)
		}
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO meta VALUES ('schema_version', ?)", SchemaVersion); err != nil {
		return err
	}
	return tx.Commit()
}

// migrate upgrades a database written by an earlier lmi, one migration
// per transaction: a database is at one version or the next, never in
// between.
func (db *DB) migrate(ctx context.Context, ms []migration, from string) error {
	v, err := strconv.Atoi(from)
	if err != nil || v < 1 || v > len(ms) {
		return fmt.Errorf("%w: file has %q, this lmi writes %q and cannot migrate from it", ErrSchemaVersion, from, SchemaVersion)
	}
	for _, m := range ms[v:] {
		tx, err := db.sql.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			tx.Rollback()
			return fmt.Errorf("migrate schema %d to %d (%s): %w", m.version-1, m.version, m.file, err)
		}
		if _, err := tx.ExecContext(ctx, "UPDATE meta SET value = ? WHERE key = 'schema_version'", strconv.Itoa(m.version)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}
