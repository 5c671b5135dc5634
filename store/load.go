package store

import (
	"context"
	"database/sql/driver"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/duckdb/duckdb-go/v2"
)

// Source is one loaded extract, a row of the sources table.
type Source struct {
	SHA256       string
	File         string
	Format       string
	Target       string // canonical table
	TableID      string // the source's own table id, if any
	LastUpdated  string // the source's "last updated", if known
	RowsRead     int64
	RowsLoaded   int64
	RowsRejected int64
	LoadedAt     time.Time
}

// LoadedSource returns the sources row for a file hash, if that content has
// been loaded before.
func (db *DB) LoadedSource(ctx context.Context, sha256 string) (Source, bool, error) {
	var s Source
	var tableID, lastUpdated *string
	err := db.sql.QueryRowContext(ctx, `
		SELECT sha256, file, format, target, table_id, last_updated,
		       rows_read, rows_loaded, rows_rejected, loaded_at
		FROM sources WHERE sha256 = ?`, sha256).Scan(
		&s.SHA256, &s.File, &s.Format, &s.Target, &tableID, &lastUpdated,
		&s.RowsRead, &s.RowsLoaded, &s.RowsRejected, &s.LoadedAt)
	if errors.Is(err, errNoRows) {
		return Source{}, false, nil
	}
	if err != nil {
		return Source{}, false, fmt.Errorf("look up source %s: %w", sha256, err)
	}
	s.TableID, s.LastUpdated = deref(tableID), deref(lastUpdated)
	return s, true, nil
}

// Sources lists every loaded extract, oldest first.
func (db *DB) Sources(ctx context.Context) ([]Source, error) {
	rows, err := db.sql.QueryContext(ctx, `
		SELECT sha256, file, format, target, table_id, last_updated,
		       rows_read, rows_loaded, rows_rejected, loaded_at
		FROM sources ORDER BY loaded_at, file`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Source
	for rows.Next() {
		var s Source
		var tableID, lastUpdated *string
		if err := rows.Scan(&s.SHA256, &s.File, &s.Format, &s.Target, &tableID, &lastUpdated,
			&s.RowsRead, &s.RowsLoaded, &s.RowsRejected, &s.LoadedAt); err != nil {
			return nil, err
		}
		s.TableID, s.LastUpdated = deref(tableID), deref(lastUpdated)
		out = append(out, s)
	}
	return out, rows.Err()
}

// Load streams records into the canonical table target, tagging each row
// with the extract's hash, all inside one transaction. When the stream is
// exhausted, finish is called with the number of rows inserted and returns
// the sources row to record; if it returns an error (too many rejects, say)
// or anything else fails, the transaction is rolled back and the database is
// exactly as it was.
func (db *DB) Load(ctx context.Context, target, sha256 string, records array.RecordReader,
	finish func(loaded int64) (Source, error)) (Source, error) {
	return db.LoadBatches(ctx, sha256, []Batch{{Table: target, Records: records}}, finish)
}

// Batch is one table's share of an extract.
type Batch struct {
	Table   string
	Records array.RecordReader
}

// LoadBatches loads an extract that fills several tables (a published
// table and its typed rows, say) in one transaction, with one sources row
// whose target names them all, joined by "+".
func (db *DB) LoadBatches(ctx context.Context, sha256 string, batches []Batch,
	finish func(loaded int64) (Source, error)) (Source, error) {
	var targets []string
	for _, b := range batches {
		if !loadable[b.Table] {
			return Source{}, fmt.Errorf("load: unknown target table %q", b.Table)
		}
		targets = append(targets, b.Table)
	}
	conn, err := db.sql.Conn(ctx)
	if err != nil {
		return Source{}, err
	}
	defer conn.Close()

	var src Source
	err = conn.Raw(func(dc any) error {
		c, ok := dc.(driver.Conn)
		if !ok {
			return errors.New("load: not a database/sql driver connection")
		}
		exec, ok := dc.(driver.ExecerContext)
		if !ok {
			return errors.New("load: driver connection cannot execute statements")
		}
		run := func(query string, args ...driver.NamedValue) (driver.Result, error) {
			return exec.ExecContext(ctx, query, args)
		}
		if _, err := run("BEGIN TRANSACTION"); err != nil {
			return err
		}
		committed := false
		defer func() {
			if !committed {
				run("ROLLBACK")
			}
		}()

		ar, err := duckdb.NewArrowFromConn(c)
		if err != nil {
			return err
		}
		var loaded int64
		for _, b := range batches {
			const view = "lmi_load_stream"
			release, err := ar.RegisterView(b.Records, view)
			if err != nil {
				return fmt.Errorf("load %s: %w", b.Table, err)
			}
			res, err := run(fmt.Sprintf("INSERT INTO %s BY NAME SELECT *, %s AS source FROM %s", b.Table, quote(sha256), view))
			release()
			run("DROP VIEW IF EXISTS " + view)
			if rerr := b.Records.Err(); rerr != nil {
				return rerr
			}
			if err != nil {
				return fmt.Errorf("load %s: %w", b.Table, err)
			}
			n, err := res.RowsAffected()
			if err != nil {
				return err
			}
			loaded += n
		}
		src, err = finish(loaded)
		if err != nil {
			return err
		}
		if slices.ContainsFunc(batches, func(b Batch) bool { return b.Table == "persons" }) {
			if err := checkPersonsOverlap(ctx, dc, sha256); err != nil {
				return err
			}
		}
		if slices.ContainsFunc(batches, func(b Batch) bool { return b.Table == "assessments" }) {
			if err := checkReleaseOverlap(ctx, dc, sha256); err != nil {
				return err
			}
		}
		for _, b := range batches {
			if rowKeys[b.Table] != "" {
				if err := checkRowsOverlap(ctx, dc, sha256, b.Table); err != nil {
					return err
				}
			}
		}
		if slices.ContainsFunc(batches, func(b Batch) bool { return flowTables[b.Table] }) {
			if err := checkFlowOverlap(ctx, dc, sha256, src.Format); err != nil {
				return err
			}
		}
		src.SHA256, src.Target, src.RowsLoaded = sha256, strings.Join(targets, "+"), loaded
		if src.LoadedAt.IsZero() {
			src.LoadedAt = time.Now().UTC()
		}
		if _, err := run(`INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			args(src.SHA256, src.File, src.Format, src.Target, nullable(src.TableID), nullable(src.LastUpdated),
				src.RowsRead, src.RowsLoaded, src.RowsRejected, src.LoadedAt)...); err != nil {
			return fmt.Errorf("record source: %w", err)
		}
		if _, err := run("COMMIT"); err != nil {
			return err
		}
		committed = true
		return nil
	})
	return src, err
}

//go:embed persons_overlap.sql
var personsOverlapSQL string

// OverlapError reports an extract whose persons rows would count people a
// second time: SCB's published employment cells and register rows (with
// ages) for the same year, or two published cells with the same year,
// workplace län, occupation and sex. Nothing of the extract is loaded.
type OverlapError struct {
	Year      int
	Other     string // file of the extract already holding them
	BothCells bool   // both are published cells, rather than cells and register rows
}

func (e *OverlapError) Error() string {
	if e.BothCells {
		return fmt.Sprintf("persons %d: the same published employment cells are already loaded from %s; loading them again would count the employed twice", e.Year, e.Other)
	}
	return fmt.Sprintf("persons %d: SCB's published employment cells and register rows (from %s) for the same year would count the employed twice; load one or the other", e.Year, e.Other)
}

//go:embed rows_overlap.sql
var rowsOverlapSQL string

// rowKeys are the tables rows_overlap.sql checks, with what their key is
// and what the part of a ContentOverlapError names.
var rowKeys = map[string]string{
	"persons":         "year and person_id",
	"graduates":       "year, region and education group",
	"published_cells": "table, dimensions and codes",
}

// ContentOverlapError reports an extract whose rows hold keys another
// extract has loaded already: the same content again, whatever its bytes
// (the Parquet twin of a CSV, a copy re-saved or cut short). Nothing of
// the extract is loaded.
type ContentOverlapError struct {
	Table string
	Part  string // the year (persons, graduates) or SCB table id of the first clash
	Other string // file of the extract already holding them
	Rows  int64  // overlapping rows in that part
	// First and Last are the overlapping keys' range: person ids, or
	// region and education group, or a cell's codes.
	First, Last string
}

func (e *ContentOverlapError) Error() string {
	return fmt.Sprintf("%s %s: %d rows have the %s of rows already loaded from %s (from %s to %s); loading them again would count them twice",
		e.Table, e.Part, e.Rows, rowKeys[e.Table], e.Other, e.First, e.Last)
}

// checkRowsOverlap runs rows_overlap.sql for one table of the extract
// inside the load's transaction.
func checkRowsOverlap(ctx context.Context, dc any, sha256, table string) error {
	v, err := firstRow(ctx, dc, rowsOverlapSQL, 5, sha256, table)
	if v == nil || err != nil {
		return err
	}
	e := &ContentOverlapError{Table: table}
	e.Part, _ = v[0].(string)
	e.Other, _ = v[1].(string)
	e.Rows, _ = v[2].(int64)
	e.First, _ = v[3].(string)
	e.Last, _ = v[4].(string)
	return e
}

//go:embed flows_overlap.sql
var flowsOverlapSQL string

// flowTables are the tables flows_overlap.sql checks.
var flowTables = map[string]bool{"jobseekers": true, "hires": true, "vacancies": true}

// FlowOverlapError reports an extract whose flow rows would count a flow a
// second time: another extract already holds the same table, period and
// län (and, for jobseekers, category), at kommun or län level, with or
// without occupations, and they are not both files of job ads (ads are
// counted one by one: two files may hold different ads of one month).
// Nothing of the extract is loaded.
type FlowOverlapError struct {
	Table, Period, Lan string
	Category           string // jobseekers only
	Other              string // file of the extract already holding them
}

func (e *FlowOverlapError) Error() string {
	what := e.Table
	if e.Category != "" {
		what += " (" + e.Category + ")"
	}
	return fmt.Sprintf("%s %s in län %s are already loaded from %s; loading them again would count them twice", what, e.Period, e.Lan, e.Other)
}

//go:embed release_overlap.sql
var releaseOverlapSQL string

// ReleaseOverlapError refuses an extract of assessments that is a
// release already loaded from another file, found by content: the same
// publisher, round and rows (a bristindex release as CSV and as xlsx, a
// file saved again). Its assessments would count twice in the agreement
// with lmi's forecast. Nothing of the extract is loaded.
type ReleaseOverlapError struct {
	Publisher, Round string
	Other            string    // file of the earlier load
	LoadedAt         time.Time // when it was loaded
}

func (e *ReleaseOverlapError) Error() string {
	return fmt.Sprintf("%s round %s is already loaded from %s (loaded %s): the same assessments, compared by content, not by file; loading them again would count them twice",
		e.Publisher, e.Round, e.Other, e.LoadedAt.UTC().Format("2006-01-02 15:04 UTC"))
}

// checkReleaseOverlap runs release_overlap.sql for the extract inside the
// load's transaction.
func checkReleaseOverlap(ctx context.Context, dc any, sha256 string) error {
	v, err := firstRow(ctx, dc, releaseOverlapSQL, 4, sha256)
	if v == nil || err != nil {
		return err
	}
	e := &ReleaseOverlapError{}
	e.Publisher, _ = v[0].(string)
	e.Round, _ = v[1].(string)
	e.Other, _ = v[2].(string)
	e.LoadedAt, _ = v[3].(time.Time)
	return e
}

// checkPersonsOverlap runs persons_overlap.sql for the extract inside the
// load's transaction.
func checkPersonsOverlap(ctx context.Context, dc any, sha256 string) error {
	v, err := firstRow(ctx, dc, personsOverlapSQL, 3, sha256)
	if v == nil || err != nil {
		return err
	}
	year, _ := v[0].(int16)
	file, _ := v[1].(string)
	both, _ := v[2].(bool)
	return &OverlapError{Year: int(year), Other: file, BothCells: both}
}

// checkFlowOverlap runs flows_overlap.sql for the extract inside the
// load's transaction.
func checkFlowOverlap(ctx context.Context, dc any, sha256, format string) error {
	v, err := firstRow(ctx, dc, flowsOverlapSQL, 5, sha256, format)
	if v == nil || err != nil {
		return err
	}
	e := &FlowOverlapError{}
	for i, dst := range []*string{&e.Table, &e.Period, &e.Lan, &e.Category, &e.Other} {
		*dst, _ = v[i].(string)
	}
	return e
}

// firstRow runs an overlap query with its parameters and returns its
// first row of n columns, or nil when it finds nothing.
func firstRow(ctx context.Context, dc any, query string, n int, params ...any) ([]driver.Value, error) {
	q, ok := dc.(driver.QueryerContext)
	if !ok {
		return nil, errors.New("load: driver connection cannot query")
	}
	rows, err := q.QueryContext(ctx, query, args(params...))
	if err != nil {
		return nil, fmt.Errorf("check overlap: %w", err)
	}
	defer rows.Close()
	v := make([]driver.Value, n)
	switch err := rows.Next(v); {
	case err == io.EOF:
		return nil, nil
	case err != nil:
		return nil, fmt.Errorf("check overlap: %w", err)
	}
	return v, nil
}

// loadable lists the tables Load may write: every data table.
var loadable = func() map[string]bool {
	m := map[string]bool{}
	for _, t := range Tables {
		m[t] = true
	}
	return m
}()

func args(vs ...any) []driver.NamedValue {
	out := make([]driver.NamedValue, len(vs))
	for i, v := range vs {
		out[i] = driver.NamedValue{Ordinal: i + 1, Value: v}
	}
	return out
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
