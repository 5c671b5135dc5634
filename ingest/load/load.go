package load

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"lmi/ingest/af/ads"
	"lmi/ingest/canonical"
	"lmi/ingest/formats"
	"lmi/store"
)

// DefaultMaxRejectShare is the share of bad rows above which a whole file
// is refused.
const DefaultMaxRejectShare = formats.DefaultMaxRejectShare

// Options tune loading. The zero value uses the defaults.
type Options struct {
	// Format is a registered format's name (formats.Names: "csv",
	// "parquet", "px", "bristindex", ...); "" recognises the file
	// (formats.Detect).
	Format         string
	Round          string  // publication round, for assessment files that do not carry it
	Table          string  // canonical table; "" = detect from the columns and file name
	MaxRejectShare float64 // 0 = DefaultMaxRejectShare; negative = no rejects allowed
	Alloc          memory.Allocator
	// Taxonomy maps job ads' occupation, kommun and län concepts to codes
	// (ads.ReadTaxonomy of JobTech's taxonomy dump); nil maps codes only.
	Taxonomy *ads.Taxonomy
	// Category says what an Arbetsförmedlingen statistics sheet counts,
	// when its value column only says "Antal"; it is the jobseekers
	// category.
	Category string
	// Period ("2024-01") for a statistics sheet whose rows, columns and
	// title name no month.
	Period string
	// Progress, when set, is told how far the reading of one of lmi's own
	// tables has come: bytes of a CSV file or rows of a Parquet file done,
	// and the total.
	Progress func(done, total int64)
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
type Report = formats.Report

// Tally counts records of a file left out or loaded in part, by reason.
type Tally = formats.Tally

// TooManyRejectsError refuses a file whose share of bad rows is above the
// limit. Nothing of the file was loaded.
type TooManyRejectsError = formats.TooManyRejectsError

// Persons loads one persons extract into db.
func Persons(ctx context.Context, db *store.DB, path string, opts Options) (*Report, error) {
	opts.Table = canonical.Persons.Name
	return File(ctx, db, path, opts)
}

// File loads one extract of a canonical table into db. The report is
// returned also on error, with the rejects found so far.
func File(ctx context.Context, db *store.DB, path string, opts Options) (*Report, error) {
	if opts.Format == "" {
		format, err := canonical.DetectFormat(path)
		if err != nil {
			return nil, err
		}
		opts.Format = string(format)
	}
	return Any(ctx, db, path, opts)
}

// Any loads a file of any format lmi reads (opts.Format, or recognised by
// formats.Detect) into the store's tables, as one transaction with a
// sources row; a file loaded before is a no-op. The report is returned
// also on error.
func Any(ctx context.Context, db *store.DB, path string, opts Options) (*Report, error) {
	f, err := formats.Resolve(path, opts.Format)
	if err != nil {
		return nil, err
	}
	sum, err := FileSHA256(path)
	if err != nil {
		return nil, err
	}
	rep := &Report{File: path, SHA256: sum, Format: f.Name, Unit: "rows"}
	if prev, ok, err := db.LoadedSource(ctx, sum); err != nil {
		return rep, err
	} else if ok {
		rep.AlreadyLoaded, rep.LoadedAs, rep.Table = true, prev.File, prev.Target
		rep.RowsRead, rep.RowsLoaded = prev.RowsRead, prev.RowsLoaded
		return rep, nil
	}
	d, err := f.Decode(ctx, formats.Input{Path: path, Table: opts.Table, Round: opts.Round, Category: opts.Category,
		Period: opts.Period, Taxonomy: opts.Taxonomy, MaxRejectShare: opts.limit(), Alloc: opts.Alloc, Progress: opts.Progress})
	if d != nil {
		merge(rep, d.Report)
		defer d.Release()
	}
	if err != nil {
		return rep, err
	}
	var loads []store.Batch
	for _, b := range d.Batches {
		loads = append(loads, store.Batch{Table: b.Table, Records: b.Records})
	}
	src, err := db.LoadBatches(ctx, sum, loads, func(loaded int64) (store.Source, error) {
		if d.Finish != nil {
			if err := d.Finish(loaded); err != nil {
				return store.Source{}, err
			}
		}
		merge(rep, d.Report)
		return store.Source{File: path, Format: f.Name, TableID: d.TableID, LastUpdated: d.Updated,
			RowsRead: rep.RowsRead, RowsRejected: rep.LeftOut()}, nil
	})
	merge(rep, d.Report)
	if err != nil {
		if f.Name == "csv" || f.Name == "parquet" {
			return rep, err // lmi's own tables: their errors name the file
		}
		return rep, fmt.Errorf("%s: %w", path, err)
	}
	rep.RowsLoaded = src.RowsLoaded
	return rep, nil
}

// merge copies what a decoder said into the load's report.
func merge(rep, dec *Report) {
	if dec == nil {
		return
	}
	if dec.Unit != "" {
		rep.Unit = dec.Unit
	}
	if dec.Table != "" {
		rep.Table = dec.Table
	}
	rep.RowsRead, rep.Rejects, rep.Tallies, rep.Checks = dec.RowsRead, dec.Rejects, dec.Tallies, dec.Checks
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
