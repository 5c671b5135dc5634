package canonical

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// DefaultBatchRows lines batches up with DuckDB's row groups.
const DefaultBatchRows = 122_880

// Options tune a Reader. The zero value is ready to use.
type Options struct {
	Alloc     memory.Allocator // nil: the Go allocator
	BatchRows int              // rows per record batch; 0: DefaultBatchRows
}

// rowSource yields rows of one input format in schema order.
type rowSource interface {
	// next fills r and returns the row's line (or row number). It returns
	// io.EOF at the end, or a *Reject for a malformed row that is skipped.
	next(r *row) (line int64, err error)
	close() error
}

// Reader streams a persons extract as Arrow record batches in
// ingest.PersonsSchema. It implements array.RecordReader, so it can be
// handed straight to the store. Rows that fail validation are skipped and
// collected; see Rejects.
type Reader struct {
	table   *Table
	file    string
	src     rowSource
	bld     *array.RecordBuilder
	batch   int
	cur     arrow.RecordBatch
	err     error
	done    bool
	read    int64
	loaded  int64
	rejects []Reject
	refs    atomic.Int64
}

// Format names an input format.
type Format string

const (
	CSV     Format = "csv"
	Parquet Format = "parquet"
)

// DetectFormat picks the format from the file name, then the first bytes.
func DetectFormat(path string) (Format, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv", ".txt", ".tsv":
		return CSV, nil
	case ".parquet", ".pq":
		return Parquet, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	head := make([]byte, 4)
	if n, _ := io.ReadFull(f, head); n == 4 && string(head) == "PAR1" {
		return Parquet, nil
	}
	return CSV, nil
}

// Open opens an extract of table t, CSV or Parquet. The caller must
// Release it.
func Open(t *Table, path string, format Format, opts Options) (*Reader, error) {
	if format == "" {
		var err error
		if format, err = DetectFormat(path); err != nil {
			return nil, err
		}
	}
	var src rowSource
	var err error
	switch format {
	case CSV:
		var f *os.File
		if f, err = os.Open(path); err != nil {
			return nil, err
		}
		if src, err = newCSVSource(t, f, path, f); err != nil {
			f.Close()
			return nil, err
		}
	case Parquet:
		if src, err = newParquetSource(t, path, opts.alloc()); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("%s: unknown format %q (want csv or parquet)", path, format)
	}
	return newReader(t, path, src, opts), nil
}

// NewCSVReader reads a CSV extract of table t from r; name is used in
// errors.
func NewCSVReader(t *Table, r io.Reader, name string, opts Options) (*Reader, error) {
	src, err := newCSVSource(t, r, name, nil)
	if err != nil {
		return nil, err
	}
	return newReader(t, name, src, opts), nil
}

func (o Options) alloc() memory.Allocator {
	if o.Alloc == nil {
		return memory.DefaultAllocator
	}
	return o.Alloc
}

func newReader(t *Table, file string, src rowSource, opts Options) *Reader {
	batch := opts.BatchRows
	if batch <= 0 {
		batch = DefaultBatchRows
	}
	r := &Reader{table: t, file: file, src: src, batch: batch, bld: array.NewRecordBuilder(opts.alloc(), t.Schema)}
	r.refs.Store(1)
	return r
}

// Schema is the table's Arrow schema.
func (r *Reader) Schema() *arrow.Schema { return r.table.Schema }

// Table is the canonical table being read.
func (r *Reader) Table() *Table { return r.table }

// Retain adds a reference.
func (r *Reader) Retain() { r.refs.Add(1) }

// Release drops a reference; the last one frees the builders, the current
// batch and the input file.
func (r *Reader) Release() {
	if r.refs.Add(-1) != 0 {
		return
	}
	if r.cur != nil {
		r.cur.Release()
		r.cur = nil
	}
	r.bld.Release()
	r.src.close()
}

// RecordBatch is the batch made by the last successful Next.
func (r *Reader) RecordBatch() arrow.RecordBatch { return r.cur }

// Record is RecordBatch.
//
// Deprecated: use RecordBatch.
func (r *Reader) Record() arrow.RecordBatch { return r.cur }

// Err reports a fatal read error (not rejects).
func (r *Reader) Err() error { return r.err }

// RowsRead counts data rows seen so far, good or bad.
func (r *Reader) RowsRead() int64 { return r.read }

// RowsValid counts rows that passed validation so far.
func (r *Reader) RowsValid() int64 { return r.loaded }

// Rejects returns the rows skipped so far, in input order.
func (r *Reader) Rejects() []Reject { return r.rejects }

// RejectShare is the share of rows read that were rejected.
func (r *Reader) RejectShare() float64 {
	if r.read == 0 {
		return 0
	}
	return float64(len(r.rejects)) / float64(r.read)
}

// Next reads up to a batch of valid rows.
func (r *Reader) Next() bool {
	if r.cur != nil {
		r.cur.Release()
		r.cur = nil
	}
	if r.done || r.err != nil {
		return false
	}
	var rw row
	n := 0
	for n < r.batch {
		rw = row{}
		line, err := r.src.next(&rw)
		if err == io.EOF {
			r.done = true
			break
		}
		var rej *Reject
		if errors.As(err, &rej) {
			r.read++
			r.rejects = append(r.rejects, *rej)
			continue
		}
		if err != nil {
			r.err = err
			return false
		}
		r.read++
		if col, reason := r.table.validate(&rw); col >= 0 {
			r.rejects = append(r.rejects, Reject{File: r.file, Line: line, Column: r.table.columns[col].name, Value: rw.text[col], Reason: reason})
			continue
		}
		r.append(&rw)
		n++
	}
	if n == 0 {
		return false
	}
	r.loaded += int64(n)
	r.cur = r.bld.NewRecordBatch()
	return true
}

func (r *Reader) append(rw *row) {
	for i := range r.table.columns {
		fb := r.bld.Field(i)
		if rw.text[i] == "" { // validate let it through: the column is nullable
			fb.AppendNull()
			continue
		}
		switch b := fb.(type) {
		case *array.BinaryDictionaryBuilder:
			b.AppendString(rw.text[i])
		case *array.StringBuilder:
			b.Append(rw.text[i])
		case *array.Int16Builder:
			b.Append(int16(rw.ints[i]))
		case *array.Int32Builder:
			b.Append(int32(rw.ints[i]))
		case *array.Int64Builder:
			b.Append(rw.ints[i])
		case *array.BooleanBuilder:
			b.Append(rw.text[i] == "true")
		default:
			panic(fmt.Sprintf("canonical: no append for builder %T", fb))
		}
	}
}
