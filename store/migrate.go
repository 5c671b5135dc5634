package store

import (
	"context"
	"fmt"
)

// migrations bring a database from the version in the key to the next one.
// Each is a transaction; a database is either fully migrated or untouched.
var migrations = map[string]struct {
	to  string
	sql string
}{
	// Version 3 adds the outputs log; nothing else changes.
	"2": {"3", `CREATE TABLE IF NOT EXISTS outputs (
    path        VARCHAR   NOT NULL,
    family      VARCHAR   NOT NULL,
    sha256      VARCHAR   NOT NULL,
    rows        BIGINT    NOT NULL,
    written_at  TIMESTAMP NOT NULL
);`},
	// Version 4 adds the published tables and the assessments.
	"3": {"4", publishedTablesSQL},
}

// migrate upgrades a database written by an earlier lmi, step by step.
func (db *DB) migrate(ctx context.Context, from string) error {
	v := from
	for v != SchemaVersion {
		m, ok := migrations[v]
		if !ok {
			return fmt.Errorf("%w: file has %q, this lmi writes %q and cannot migrate from it", ErrSchemaVersion, from, SchemaVersion)
		}
		tx, err := db.sql.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			tx.Rollback()
			return fmt.Errorf("migrate schema %s to %s: %w", v, m.to, err)
		}
		if _, err := tx.ExecContext(ctx, "UPDATE meta SET value = ? WHERE key = 'schema_version'", m.to); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
		v = m.to
	}
	return nil
}
