package formats

import (
	"bytes"
	"context"
	"fmt"

	"lmi/ingest/canonical"
)

// lmi's own tables (persons, jobseekers, hires, vacancies, graduates),
// CSV or Parquet, told apart by their columns and file name or the table
// option.
var (
	parquetFormat = &Format{Name: "parquet", Title: "lmi's tables as Parquet", Options: []Option{OptTable},
		Sniff:  func(h *Head) bool { return h.Ext == ".parquet" || bytes.HasPrefix(h.Bytes, []byte("PAR1")) },
		Decode: decodeCanonical(canonical.Parquet)}
	csvFormat = &Format{Name: "csv", Title: "lmi's tables as CSV", Options: []Option{OptTable},
		Sniff:  canonicalCSV,
		Decode: decodeCanonical(canonical.CSV)}
)

// canonicalCSV reports a CSV file whose header fits one of lmi's tables
// (hires and vacancies have the same columns: the table option or the
// file name tells them apart when it is read).
func canonicalCSV(h *Head) bool {
	header, err := canonical.Columns(h.Path, canonical.CSV)
	return err == nil && len(canonical.FitTables(header)) > 0
}

// decodeCanonical streams an extract of one of lmi's tables; Finish
// refuses it when more than MaxRejectShare of its rows are bad.
func decodeCanonical(format canonical.Format) func(ctx context.Context, in Input) (*Decoded, error) {
	return func(ctx context.Context, in Input) (*Decoded, error) {
		rep := &Report{Unit: "rows", Format: string(format)}
		table, err := pickTable(in.Path, format, in.Table)
		if err != nil {
			return &Decoded{Report: rep}, err
		}
		rep.Table = table.Name
		r, err := canonical.Open(table, in.Path, format, canonical.Options{Alloc: in.Alloc, Progress: in.Progress})
		if err != nil {
			return &Decoded{Report: rep}, err
		}
		d := &Decoded{Batches: []Batch{{Table: table.Name, Records: r}}, Report: rep}
		d.Finish = func(int64) error {
			rep.RowsRead, rep.Rejects = r.RowsRead(), r.Rejects()
			if r.RowsRead() == 0 {
				return fmt.Errorf("%s: no data rows", in.Path)
			}
			if r.RejectShare() > in.MaxRejectShare {
				return &TooManyRejectsError{File: in.Path, Rejected: int64(len(r.Rejects())),
					Read: r.RowsRead(), Limit: in.MaxRejectShare, First: r.Rejects()[0]}
			}
			return nil
		}
		return d, nil
	}
}

// pickTable returns the named table, or detects it from the file's columns.
func pickTable(path string, format canonical.Format, name string) (*canonical.Table, error) {
	if name != "" {
		t, ok := canonical.Lookup(name)
		if !ok {
			return nil, fmt.Errorf("unknown table %s", quoteCap(name))
		}
		return t, nil
	}
	header, err := canonical.Columns(path, format)
	if err != nil {
		return nil, err
	}
	return canonical.DetectTable(path, header)
}
