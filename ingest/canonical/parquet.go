package canonical

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// parquetSource reads a Parquet file of a canonical table. Columns are
// matched by name; codes may be plain or dictionary strings, numbers any
// integer type.
//
// When every column has such a type and the table's checks have a
// column-wise form (checkAt), fill checks and converts each batch the file
// gives column by column, straight from the Arrow arrays: integers by range,
// codes by looking up each distinct dictionary value once (or each plain
// string). Otherwise (codes stored as integers, numbers as text, the flow
// tables' periods and censored counts) next renders each value as the text
// a CSV would hold and the Reader validates it like CSV. Both give the same
// batches and the same rejects (TestParquetPathsAgree).
func (s *parquetSource) progress() (int64, int64) { return s.row, s.pf.NumRows() }

type parquetSource struct {
	table *Table
	file  string
	pf    *file.Reader
	rr    pqarrow.RecordReader
	rec   arrow.RecordBatch
	arrs  []arrow.Array // rec's columns by canonical column; nil = absent
	cols  []textGetter  // row path: by canonical column; nil = absent
	i     int           // next row within rec
	row   int64         // rows returned so far
	fast  bool          // fill applies

	// fill's view of rec, by canonical column and row.
	vals  [][]int64 // values, a code's index in its list; noValue = null
	bad   []int16   // the column a row is rejected for, -1 for none
	why   []string  // the reason, where bad
	remap []int32   // a dictionary's values' codes (dictCodes)
}

// textGetter renders row i of a column as the text a CSV would hold.
type textGetter func(i int) string

// The Parquet decoder panics on some corrupt files instead of returning an
// error; lmi must never crash on user input, so its panics become errors
// naming the file.
func corrupt(path string, err *error) {
	if r := recover(); r != nil {
		*err = &HeaderError{File: path, Reason: fmt.Sprintf("corrupt Parquet file: %v", r)}
	}
}

// newParquetSource opens path; rowPath forces the row path (for tests).
func newParquetSource(t *Table, path string, mem memory.Allocator, rowPath bool) (src *parquetSource, err error) {
	defer corrupt(path, &err)
	pf, err := file.OpenParquetFile(path, false)
	if err != nil {
		return nil, &HeaderError{File: path, Reason: "not a readable Parquet file: " + err.Error()}
	}
	if err := checkChunks(pf, path); err != nil {
		pf.Close()
		return nil, err
	}
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: 64 * 1024}, mem)
	if err != nil {
		pf.Close()
		return nil, &HeaderError{File: path, Reason: err.Error()}
	}
	schema, err := fr.Schema()
	if err != nil {
		pf.Close()
		return nil, &HeaderError{File: path, Reason: err.Error()}
	}
	seen := make(map[int]bool)
	fast := !rowPath && t.censored < 0 && (t.check == nil || t.checkAt != nil)
	for _, f := range schema.Fields() {
		i, ok := t.fileColumn(strings.ToLower(f.Name))
		if !ok {
			pf.Close()
			return nil, &HeaderError{File: path, Column: f.Name, Reason: "unknown column for table " + t.Name + ", expected one of " + t.columnList()}
		}
		if !textable(f.Type) {
			pf.Close()
			return nil, &HeaderError{File: path, Column: f.Name, Reason: "unsupported type " + f.Type.String() + ", expected string or integer"}
		}
		seen[i] = true
		fast = fast && fastColumn(&t.columns[i], f.Type)
	}
	for i, c := range t.columns {
		if c.required && !seen[i] {
			pf.Close()
			return nil, &HeaderError{File: path, Column: c.name, Reason: "required column missing"}
		}
	}
	rr, err := fr.GetRecordReader(context.Background(), nil, nil)
	if err != nil {
		pf.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &parquetSource{table: t, file: path, pf: pf, rr: rr, fast: fast, arrs: make([]arrow.Array, len(t.columns))}, nil
}

// fastColumn reports whether fill can check column c given as Arrow type
// typ.
func fastColumn(c *column, typ arrow.DataType) bool {
	switch c.kind {
	case kindInt:
		switch typ.ID() {
		case arrow.INT8, arrow.INT16, arrow.INT32, arrow.INT64, arrow.UINT8, arrow.UINT16, arrow.UINT32, arrow.UINT64:
			return c.min > noValue
		}
	case kindCode:
		if c.set == nil {
			return false
		}
		if d, ok := typ.(*arrow.DictionaryType); ok {
			typ = d.ValueType
		}
		return typ.ID() == arrow.STRING || typ.ID() == arrow.LARGE_STRING
	}
	return false
}

// checkChunks refuses a file whose metadata places a column chunk outside
// the file: the decoder would otherwise allocate whatever length a corrupt
// footer claims before noticing.
func checkChunks(pf *file.Reader, path string) error {
	size := pf.MetaData().GetSourceFileSize()
	md := pf.MetaData()
	for g := 0; g < md.NumRowGroups(); g++ {
		rg := md.RowGroup(g)
		for c := 0; c < rg.NumColumns(); c++ {
			cc, err := rg.ColumnChunk(c)
			if err != nil {
				return &HeaderError{File: path, Reason: fmt.Sprintf("corrupt Parquet file: row group %d column %d: %v", g, c, err)}
			}
			start := cc.DataPageOffset()
			if cc.HasDictionaryPage() && cc.DictionaryPageOffset() > 0 && cc.DictionaryPageOffset() < start {
				start = cc.DictionaryPageOffset()
			}
			n := cc.TotalCompressedSize()
			if start < 0 || n < 0 || start+n > size || start+n < start {
				return &HeaderError{File: path, Column: cc.PathInSchema().String(),
					Reason: fmt.Sprintf("corrupt Parquet file: row group %d says its data lies at bytes %d..%d of a %d-byte file", g, start, start+n, size)}
			}
		}
	}
	return nil
}

func (s *parquetSource) next(r *row) (line int64, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s: row %d: corrupt Parquet file: %v", s.file, s.row+1, p)
		}
	}()
	for s.rec == nil || s.i >= int(s.rec.NumRows()) {
		if err := s.load(); err != nil {
			return 0, err
		}
		s.cols = make([]textGetter, len(s.table.columns))
		for c, a := range s.arrs {
			if a != nil {
				s.cols[c] = getter(a)
			}
		}
	}
	for c, get := range s.cols {
		if get != nil {
			r.text[c] = get(s.i)
		}
	}
	s.i++
	s.row++
	return s.row, nil
}

// load moves to the file's next batch, returning io.EOF after the last.
func (s *parquetSource) load() error {
	if !s.rr.Next() {
		if err := s.rr.Err(); err != nil && err != io.EOF {
			return fmt.Errorf("%s: row %d: %w", s.file, s.row+1, err)
		}
		return io.EOF
	}
	s.rec = s.rr.RecordBatch()
	s.i = 0
	clear(s.arrs)
	for c, f := range s.rec.Schema().Fields() {
		s.arrs[s.table.index[strings.ToLower(f.Name)]] = s.rec.Column(c)
	}
	return nil
}

func (s *parquetSource) close() error {
	s.rr.Release()
	return s.pf.Close()
}

func textable(t arrow.DataType) bool {
	if d, ok := t.(*arrow.DictionaryType); ok {
		t = d.ValueType
	}
	switch t.ID() {
	case arrow.STRING, arrow.LARGE_STRING, arrow.INT8, arrow.INT16, arrow.INT32, arrow.INT64,
		arrow.UINT8, arrow.UINT16, arrow.UINT32, arrow.UINT64:
		return true
	}
	return false
}

func getter(a arrow.Array) textGetter {
	null := func(i int) bool { return a.IsNull(i) }
	switch a := a.(type) {
	case *array.String:
		return func(i int) string { return a.Value(i) }
	case *array.LargeString:
		return func(i int) string { return a.Value(i) }
	case *array.Dictionary:
		dict := getter(a.Dictionary())
		return func(i int) string {
			if null(i) {
				return ""
			}
			return dict(a.GetValueIndex(i))
		}
	case *array.Int8:
		return intGetter(null, func(i int) int64 { return int64(a.Value(i)) })
	case *array.Int16:
		return intGetter(null, func(i int) int64 { return int64(a.Value(i)) })
	case *array.Int32:
		return intGetter(null, func(i int) int64 { return int64(a.Value(i)) })
	case *array.Int64:
		return intGetter(null, func(i int) int64 { return a.Value(i) })
	case *array.Uint8:
		return intGetter(null, func(i int) int64 { return int64(a.Value(i)) })
	case *array.Uint16:
		return intGetter(null, func(i int) int64 { return int64(a.Value(i)) })
	case *array.Uint32:
		return intGetter(null, func(i int) int64 { return int64(a.Value(i)) })
	case *array.Uint64:
		return func(i int) string {
			if null(i) {
				return ""
			}
			return strconv.FormatUint(a.Value(i), 10)
		}
	}
	// textable has ruled out every other type.
	return func(int) string { return "" }
}

func intGetter(null func(int) bool, v func(int) int64) textGetter {
	return func(i int) string {
		if null(i) {
			return ""
		}
		return strconv.FormatInt(v(i), 10)
	}
}
