package pipeline

import (
	"context"
	"database/sql"
	"testing"

	"lmi/store"
)

// openMem opens a private in-memory database for test queries.
func openMem(t *testing.T) *sql.DB {
	t.Helper()
	db, err := store.Open(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db.SQL()
}
