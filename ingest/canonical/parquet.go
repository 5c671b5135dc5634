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

// parquetSource reads a persons Parquet file. Columns are matched by name;
// codes may be plain or dictionary strings, numbers any integer type.
type parquetSource struct {
	table *Table
	file  string
	pf    *file.Reader
	rr    pqarrow.RecordReader
	rec   arrow.RecordBatch
	cols  []textGetter // by canonical column; nil = absent
	i     int          // next row within rec
	row   int64        // rows returned so far
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

func newParquetSource(t *Table, path string, mem memory.Allocator) (src *parquetSource, err error) {
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
	return &parquetSource{table: t, file: path, pf: pf, rr: rr}, nil
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
		if !s.rr.Next() {
			if err := s.rr.Err(); err != nil && err != io.EOF {
				return 0, fmt.Errorf("%s: row %d: %w", s.file, s.row+1, err)
			}
			return 0, io.EOF
		}
		s.rec = s.rr.RecordBatch()
		s.i = 0
		s.cols = make([]textGetter, len(s.table.columns))
		for c, f := range s.rec.Schema().Fields() {
			s.cols[s.table.index[strings.ToLower(f.Name)]] = getter(s.rec.Column(c))
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
