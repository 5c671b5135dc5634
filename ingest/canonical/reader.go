package canonical

import (
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
	// Progress, when set, is told after every record batch how far the
	// reader has come: bytes of a CSV file, rows of a Parquet file, and
	// the total (0 when unknown).
	Progress func(done, total int64)
	rowPath  bool // Parquet: always the row path (for tests)
}

// rowSource yields rows of one input format in schema order.
type rowSource interface {
	// next fills r and returns the row's line (or row number). It returns
	// io.EOF at the end, or a *Reject for a malformed row that is skipped.
	next(r *row) (line int64, err error)
	// progress is how far the source has read: bytes or rows, and the
	// total (0 when unknown).
	progress() (done, total int64)
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
	cols    []colBuilder // by column, in schema order
	sets    []*codeSet   // table.codeSets()
	rw      row
	full    bool // the last batch was full: reserve a whole batch
	batch   int
	cur     arrow.RecordBatch
	err     error
	done    bool
	read    int64
	loaded  int64
	rejects []Reject
	refs    atomic.Int64
	// progress is Options.Progress.
	progress func(done, total int64)
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
		cr := &countReader{r: f}
		if fi, err := f.Stat(); err == nil {
			cr.total = fi.Size()
		}
		var cs *csvSource
		if cs, err = newCSVSource(t, cr, path, f, csvBufferSize); err != nil {
			f.Close()
			return nil, err
		}
		cs.count, src = cr, cs
	case Parquet:
		if src, err = newParquetSource(t, path, opts.alloc(), opts.rowPath); err != nil {
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
	src, err := newCSVSource(t, r, name, nil, csvBufferSize)
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
	r := &Reader{table: t, file: file, src: src, batch: batch, sets: t.codeSets(), progress: opts.Progress}
	mem := opts.alloc()
	r.cols = make([]colBuilder, len(t.columns))
	for i, f := range t.Schema.Fields() {
		c := &r.cols[i]
		if set := r.sets[i]; set != nil {
			// Only the indices are built; the dictionary is the list's.
			c.kind, c.set, c.typ = appendCode, set, f.Type
			c.b = array.NewInt16Builder(mem)
			continue
		}
		c.b = array.NewBuilder(mem, f.Type)
		switch c.b.(type) {
		case *array.BinaryDictionaryBuilder:
			c.kind = appendDict
		case *array.StringBuilder:
			c.kind = appendString
		case *array.Int16Builder:
			c.kind = appendInt16
		case *array.Int32Builder:
			c.kind = appendInt32
		case *array.Int64Builder:
			c.kind = appendInt64
		case *array.BooleanBuilder:
			c.kind = appendBool
		default:
			panic(fmt.Sprintf("canonical: no append for builder %T", c.b)) // a build defect
		}
	}
	r.refs.Store(1)
	return r
}

type appendKind uint8

const (
	appendCode   appendKind = iota // index into a code list (Int16Builder)
	appendDict                     // open value set (BinaryDictionaryBuilder)
	appendString                   // StringBuilder
	appendInt16
	appendInt32
	appendInt64
	appendBool
)

// colBuilder builds one column of a batch.
type colBuilder struct {
	kind appendKind
	b    array.Builder
	set  *codeSet       // appendCode
	typ  arrow.DataType // appendCode: the dictionary type
}

// newArray returns the column built so far and resets the builder.
func (c *colBuilder) newArray() arrow.Array {
	a := c.b.NewArray()
	if c.kind != appendCode {
		return a
	}
	d := array.NewDictionaryArray(c.typ, a, c.set.dict)
	a.Release()
	return d
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
	for i := range r.cols {
		r.cols[i].b.Release()
	}
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
	if r.full {
		for i := range r.cols {
			r.cols[i].b.Reserve(r.batch)
		}
	}
	var n int
	var err error
	if p, ok := r.src.(*parquetSource); ok && p.fast {
		n, err = p.fill(r)
	} else {
		n, err = r.fillRows()
	}
	if err == io.EOF {
		r.done = true
	} else if err != nil {
		r.err = err
		return false
	}
	if n == 0 {
		return false
	}
	r.loaded += int64(n)
	r.full = n == r.batch
	if r.progress != nil {
		r.progress(r.src.progress())
	}
	cols := make([]arrow.Array, len(r.cols))
	for i := range r.cols {
		cols[i] = r.cols[i].newArray()
	}
	r.cur = array.NewRecordBatch(r.table.Schema, cols, int64(n))
	for _, a := range cols {
		a.Release()
	}
	return true
}

// fillRows reads, validates and appends row by row, up to a batch; it
// returns io.EOF once the input is done.
func (r *Reader) fillRows() (n int, err error) {
	rw := &r.rw
	for n < r.batch {
		*rw = row{}
		line, err := r.src.next(rw)
		if err != nil {
			if err == io.EOF {
				return n, err
			}
			// Sources return a malformed row as a bare *Reject. A type
			// assertion, unlike errors.As, needs no escaping variable.
			if rej, ok := err.(*Reject); ok {
				r.read++
				r.rejects = append(r.rejects, *rej)
				continue
			}
			return n, err
		}
		r.read++
		if col, reason := r.table.validate(rw, r.sets); col >= 0 {
			// The value may point into the source's buffer: copy it.
			r.rejects = append(r.rejects, Reject{File: r.file, Line: line, Column: r.table.columns[col].name,
				Value: strings.Clone(rw.text[col]), Reason: reason})
			continue
		}
		r.append(rw)
		n++
	}
	return n, nil
}

// append adds a validated row.
func (r *Reader) append(rw *row) {
	for i := range r.cols {
		c := &r.cols[i]
		if rw.text[i] == "" { // validate let it through: the column is nullable
			c.b.AppendNull()
			continue
		}
		switch c.kind {
		case appendCode:
			c.b.(*array.Int16Builder).Append(int16(rw.ints[i]))
		case appendDict:
			// The memo table behind it reports no errors for strings.
			_ = c.b.(*array.BinaryDictionaryBuilder).AppendString(rw.text[i])
		case appendString:
			c.b.(*array.StringBuilder).Append(rw.text[i])
		case appendInt16:
			c.b.(*array.Int16Builder).Append(int16(rw.ints[i]))
		case appendInt32:
			c.b.(*array.Int32Builder).Append(int32(rw.ints[i]))
		case appendInt64:
			c.b.(*array.Int64Builder).Append(rw.ints[i])
		case appendBool:
			c.b.(*array.BooleanBuilder).Append(rw.text[i] == "true")
		}
	}
}
