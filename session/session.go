package session

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io"
	"strings"
	"text/template"

	"lmi/store"
)

//go:embed sql
var sqlFiles embed.FS

// Session is one connection of a store with the temporary tables of a
// computation. Close it when done; its temporary tables go with it.
type Session struct {
	db   *store.DB
	conn *sql.Conn
	// trace, when set, receives every statement Exec runs (SetTrace).
	trace   io.Writer
	last    string // the last statement traced
	repeats int    // how often it ran again since
}

// New pins a connection of db.
func New(ctx context.Context, db *store.DB) (*Session, error) {
	conn, err := db.SQL().Conn(ctx)
	if err != nil {
		return nil, err
	}
	return &Session{db: db, conn: conn}, nil
}

// Close returns the connection; its temporary tables go with it.
func (s *Session) Close() error { return s.conn.Close() }

// Conn is the pinned connection.
func (s *Session) Conn() *sql.Conn { return s.conn }

// DB is the store the session reads.
func (s *Session) DB() *store.DB { return s.db }

// SetTrace makes Exec write every statement it runs to w, as a script
// that can be pasted into DuckDB against the same database; nil stops it.
// A statement run again at once (a rule repeated until it changes
// nothing) is written once, with a note of how often it ran.
func (s *Session) SetTrace(w io.Writer) {
	s.flushRepeats()
	s.trace, s.last = w, ""
}

// Exec runs a statement that changes the session's tables, tracing it.
func (s *Session) Exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if s.trace != nil {
		if query == s.last {
			s.repeats++
		} else {
			s.flushRepeats()
			fmt.Fprintf(s.trace, "%s;\n\n", strings.TrimRight(strings.TrimSpace(query), ";"))
			s.last = query
		}
	}
	return s.conn.ExecContext(ctx, query, args...)
}

func (s *Session) flushRepeats() {
	if s.trace != nil && s.repeats > 0 {
		fmt.Fprintf(s.trace, "-- (the statement above ran %d times more here, until it changed no rows)\n\n", s.repeats)
	}
	s.repeats = 0
}

// exec renders one of sql/ with data and runs it.
func (s *Session) exec(ctx context.Context, file string, data any) error {
	q, err := render(file, data)
	if err != nil {
		return err
	}
	if _, err := s.Exec(ctx, q); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	return nil
}

func render(file string, data any) (string, error) {
	b, err := sqlFiles.ReadFile("sql/" + file)
	if err != nil {
		return "", err
	}
	t, err := template.New(file).Option("missingkey=error").Parse(string(b))
	if err != nil {
		return "", fmt.Errorf("%s: %w", file, err)
	}
	var sb strings.Builder
	if err := t.Execute(&sb, data); err != nil {
		return "", fmt.Errorf("%s: %w", file, err)
	}
	return sb.String(), nil
}

// SQLString quotes s as a SQL string literal.
func SQLString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
