package load

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"lmi/ingest/af"
	"lmi/ingest/canonical"
	"lmi/store"
)

// DefaultMaxRejectShare is the share of bad rows above which a whole file
// is refused.
const DefaultMaxRejectShare = 0.01

// Options tune loading. The zero value uses the defaults.
type Options struct {
	Kind           Kind             // file format for Any; "" = Sniff
	Round          string           // publication round, for assessment files that do not carry it
	Table          string           // canonical table; "" = detect from the columns and file name
	Format         canonical.Format // "" = detect
	MaxRejectShare float64          // 0 = DefaultMaxRejectShare; negative = no rejects allowed
	Alloc          memory.Allocator
	// Taxonomy maps job ads' occupation, kommun and län concepts to codes
	// (af.ReadTaxonomy of JobTech's taxonomy dump); nil maps codes only.
	Taxonomy *af.Taxonomy
	// Category says what an Arbetsförmedlingen statistics sheet counts,
	// when its value column only says "Antal"; it is the jobseekers
	// category.
	Category string
	// Period ("2024-01") for a statistics sheet whose rows, columns and
	// title name no month.
	Period string
}

func (o Options) limit() float64 {
	switch {
	case o.MaxRejectShare == 0:
		return DefaultMaxRejectShare
	case o.MaxRejectShare < 0:
		return 0
	}
	return o.MaxRejectShare
}

// Report says what happened to one file.
type Report struct {
	File          string
	Table         string
	SHA256        string
	Format        canonical.Format
	AlreadyLoaded bool // same content loaded before: nothing was done
	LoadedAs      string
	RowsRead      int64
	RowsLoaded    int64
	Rejects       []canonical.Reject
	// Unit is what RowsRead counts: "rows", or for Arbetsförmedlingen's
	// files "ads" (RowsLoaded then counts the table rows they were summed
	// into) and "cells" (of a statistics sheet).
	Unit string
	// Rejected counts the records left out (Arbetsförmedlingen's files;
	// the canonical tables list theirs in Rejects).
	Rejected int64
	// Tallies account for the records of Arbetsförmedlingen's files left
	// out or loaded in part, by reason.
	Tallies []Tally
	// Checks says what lmi checked in a published table on the way in
	// (SCB's RMI rates recomputed from SCB's counts).
	Checks []string
}

// TooManyRejectsError refuses a file whose share of bad rows is above the
// limit. Nothing of the file was loaded.
type TooManyRejectsError struct {
	File     string
	Rejected int64
	Read     int64
	Limit    float64
	First    canonical.Reject
}

func (e *TooManyRejectsError) Error() string {
	return fmt.Sprintf("%s: %d of %d rows rejected (%.2f%%, limit %.2f%%), nothing loaded; first: %v",
		e.File, e.Rejected, e.Read, 100*float64(e.Rejected)/float64(e.Read), 100*e.Limit, e.First)
}

// Persons loads one persons extract into db.
func Persons(ctx context.Context, db *store.DB, path string, opts Options) (*Report, error) {
	opts.Table = canonical.Persons.Name
	return File(ctx, db, path, opts)
}

// File loads one extract of a canonical table into db. The report is
// returned also on error, with the rejects found so far.
func File(ctx context.Context, db *store.DB, path string, opts Options) (*Report, error) {
	sum, err := FileSHA256(path)
	if err != nil {
		return nil, err
	}
	rep := &Report{File: path, SHA256: sum, Unit: "rows"}
	if prev, ok, err := db.LoadedSource(ctx, sum); err != nil {
		return rep, err
	} else if ok {
		rep.AlreadyLoaded, rep.LoadedAs = true, prev.File
		rep.RowsRead, rep.RowsLoaded = prev.RowsRead, prev.RowsLoaded
		return rep, nil
	}
	format := opts.Format
	if format == "" {
		if format, err = canonical.DetectFormat(path); err != nil {
			return rep, err
		}
	}
	rep.Format = format
	table, err := pickTable(path, format, opts.Table)
	if err != nil {
		return rep, err
	}
	rep.Table = table.Name
	r, err := canonical.Open(table, path, format, canonical.Options{Alloc: opts.Alloc})
	if err != nil {
		return rep, err
	}
	defer r.Release()
	limit := opts.limit()
	_, err = db.Load(ctx, table.Name, sum, r, func(loaded int64) (store.Source, error) {
		rep.RowsRead, rep.Rejects = r.RowsRead(), r.Rejects()
		if r.RowsRead() == 0 {
			return store.Source{}, fmt.Errorf("%s: no data rows", path)
		}
		if r.RejectShare() > limit {
			return store.Source{}, &TooManyRejectsError{File: path, Rejected: int64(len(r.Rejects())),
				Read: r.RowsRead(), Limit: limit, First: r.Rejects()[0]}
		}
		return store.Source{File: path, Format: string(format), RowsRead: r.RowsRead(),
			RowsRejected: int64(len(r.Rejects()))}, nil
	})
	if err != nil {
		return rep, err
	}
	rep.RowsLoaded = rep.RowsRead - int64(len(rep.Rejects))
	return rep, nil
}

// pickTable returns the named table, or detects it from the file's columns.
func pickTable(path string, format canonical.Format, name string) (*canonical.Table, error) {
	if name != "" {
		t, ok := canonical.Lookup(name)
		if !ok {
			return nil, fmt.Errorf("unknown table %q", name)
		}
		return t, nil
	}
	header, err := canonical.Columns(path, format)
	if err != nil {
		return nil, err
	}
	return canonical.DetectTable(path, header)
}

// FileSHA256 hashes a file's content.
func FileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("hash %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
