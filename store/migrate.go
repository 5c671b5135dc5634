package store

import (
	"context"
	"fmt"
	"strings"
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
	// Version 5 lets the flow tables hold censored counts ("<5": n NULL,
	// censored true) and rows without an occupation (ssyk4 NULL).
	"4": {"5", rebuildTables([]string{"jobseekers", "hires", "vacancies"}, flowTablesSQL)},
	// Version 6 adds SCB's typed RMI tables.
	"5": {"6", rmiTablesSQL},
	// Version 7 lets persons hold SCB's published employment cells: a
	// workplace län, and no home kommun, age or birth region; and
	// scb_employment hold SCB's unknown occupation; and adds scb_rmi_m2 and
	// scb_rmi_e4.
	"6": {"7", rebuildTables([]string{"persons"}, personsTableSQL) +
		"ALTER TABLE scb_employment ALTER COLUMN ssyk4 DROP NOT NULL;\n" + rmi7TablesSQL},
	// Version 8 adds SCB's typed RMI U1a, U1b, U3 and E2B.
	"7": {"8", rmi8TablesSQL},
}

// rebuildTables renames tables aside, creates them anew with create and
// copies their rows by name. Tables are rebuilt rather than altered because
// DuckDB cannot add a NOT NULL column or a CHECK constraint to an existing
// table, and an added column would land after source, so a migrated file
// would differ in layout from a new one. Version 5's flow tables keep
// their rows (none censored); version 7's persons keep theirs (none a
// published cell).
func rebuildTables(tables []string, create string) string {
	var b strings.Builder
	for _, t := range tables {
		fmt.Fprintf(&b, "ALTER TABLE %[1]s RENAME TO %[1]s_old;\n", t)
	}
	b.WriteString(create)
	for _, t := range tables {
		fmt.Fprintf(&b, "INSERT INTO %[1]s BY NAME SELECT * FROM %[1]s_old;\nDROP TABLE %[1]s_old;\n", t)
	}
	return b.String()
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
