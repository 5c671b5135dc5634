package canonical

import (
	"fmt"
	"math"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
)

// fill appends up to r.batch valid rows to r's builders, column by column,
// and records the rejects among the rows it passes, in row order, exactly
// as the row path would have. It returns io.EOF once the file is done.
func (s *parquetSource) fill(r *Reader) (n int, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s: row %d: corrupt Parquet file: %v", s.file, s.row+1, p)
		}
	}()
	for n < r.batch {
		if s.rec == nil || s.i >= int(s.rec.NumRows()) {
			if err := s.load(); err != nil {
				return n, err
			}
			s.convert()
		}
		// Take rows up to the one that fills the batch, so that a batch
		// ends where the row path's would.
		start, end, good := s.i, s.i, 0
		for rows := int(s.rec.NumRows()); end < rows && n+good < r.batch; end++ {
			if s.bad[end] < 0 {
				good++
			}
		}
		for j := start; j < end; j++ {
			if c := s.bad[j]; c >= 0 {
				r.rejects = append(r.rejects, Reject{File: r.file, Line: s.row + int64(j-start) + 1,
					Column: s.table.columns[c].name, Value: s.text(int(c), j), Reason: s.why[j]})
			}
		}
		for c := range r.cols {
			appendColumn(&r.cols[c], s.vals[c][start:end], s.bad[start:end], good)
		}
		r.read += int64(end - start)
		s.row += int64(end - start)
		s.i = end
		n += good
	}
	return n, nil
}

// text is row j of column c as the row path renders it, for a reject.
func (s *parquetSource) text(c, j int) string {
	if s.arrs[c] == nil {
		return ""
	}
	// Strings point into the batch's buffers, which are released.
	return strings.Clone(getter(s.arrs[c])(j))
}

// reject marks row j rejected for column c, unless an earlier column has
// rejected it already: columns are checked in order, so the first
// offending column wins, as in validate.
func (s *parquetSource) reject(j, c int, why string) {
	if s.bad[j] < 0 {
		s.bad[j], s.why[j] = int16(c), why
	}
}

// convert checks and converts every column of the current batch into
// s.vals, marking rejected rows in s.bad, then runs the table's checks on
// the rows every column passed.
func (s *parquetSource) convert() {
	rows := int(s.rec.NumRows())
	s.bad = resize(s.bad, rows)
	for j := range s.bad {
		s.bad[j] = -1
	}
	s.why = resize(s.why, rows)
	if s.vals == nil {
		s.vals = make([][]int64, len(s.table.columns))
	}
	sets := s.table.codeSets()
	for c := range s.table.columns {
		col := &s.table.columns[c]
		v := resize(s.vals[c], rows)
		s.vals[c] = v
		switch a := s.arrs[c].(type) {
		case nil: // absent: null throughout
			for j := range v {
				v[j] = noValue
				if !col.nullable {
					s.reject(j, c, "missing value")
				}
			}
		case *array.Int8:
			intCodes(s, c, a, a.Int8Values(), v)
		case *array.Int16:
			intCodes(s, c, a, a.Int16Values(), v)
		case *array.Int32:
			intCodes(s, c, a, a.Int32Values(), v)
		case *array.Int64:
			intCodes(s, c, a, a.Int64Values(), v)
		case *array.Uint8:
			intCodes(s, c, a, a.Uint8Values(), v)
		case *array.Uint16:
			intCodes(s, c, a, a.Uint16Values(), v)
		case *array.Uint32:
			intCodes(s, c, a, a.Uint32Values(), v)
		case *array.Uint64:
			intCodes(s, c, a, a.Uint64Values(), v)
		case *array.String:
			stringCodes(s, c, sets[c], a, v)
		case *array.LargeString:
			stringCodes(s, c, sets[c], a, v)
		case *array.Dictionary:
			s.dictCodes(c, sets[c], a, v)
		default: // fastColumn has ruled these out
			panic(fmt.Sprintf("column %s: unexpected Arrow type %s", col.name, a.DataType()))
		}
	}
	if s.table.checkAt != nil {
		for j, b := range s.bad {
			if b < 0 {
				if c, why := s.table.checkAt(s.vals, j); c >= 0 {
					s.reject(j, c, why)
				}
			}
		}
	}
}

func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// validity returns a's validity bitmap and offset, nil when a has no nulls.
func validity(a arrow.Array) ([]byte, int) {
	if a.NullN() == 0 {
		return nil, 0
	}
	return a.NullBitmapBytes(), a.Data().Offset()
}

// null reports a null in row j by validity's bitmap and offset.
func null(bits []byte, off, j int) bool {
	return bits != nil && bitutil.BitIsNotSet(bits, off+j)
}

// intCodes checks an integer column by range. A uint64 beyond int64 is
// what the row path calls not an integer.
func intCodes[T int8 | int16 | int32 | int64 | uint8 | uint16 | uint32 | uint64](s *parquetSource, c int, a arrow.Array, raw []T, v []int64) {
	col := &s.table.columns[c]
	bits, off := validity(a)
	for j, x := range raw {
		v[j] = noValue
		switch {
		case null(bits, off, j):
			if !col.nullable {
				s.reject(j, c, "missing value")
			}
		case uint64(x) > math.MaxInt64 && x > 0:
			s.reject(j, c, "not an integer")
		case int64(x) < col.min || int64(x) > col.max:
			s.reject(j, c, rangeReason(col))
		default:
			v[j] = int64(x)
		}
	}
}

// stringCodes looks up each value of a plain string column. The row path
// reads a null string as its (empty) value, and empty as null.
func stringCodes[A interface{ Value(int) string }](s *parquetSource, c int, set *codeSet, a A, v []int64) {
	col := &s.table.columns[c]
	for j := range v {
		v[j] = s.code(c, col, set, a.Value(j), j)
	}
}

// code is the index of value x of column c in row j, noValue for "" (null),
// rejecting the row where the value is missing or unknown.
func (s *parquetSource) code(c int, col *column, set *codeSet, x string, j int) int64 {
	if x == "" {
		if !col.nullable {
			s.reject(j, c, "missing value")
		}
		return noValue
	}
	k, ok := set.lookup(x)
	if !ok {
		s.reject(j, c, "unknown code, expected "+col.expected)
		return noValue
	}
	return int64(k)
}

// Marks in remap for a dictionary value that is not a code.
const (
	remapNull    = -1 // "": null
	remapUnknown = -2
)

// dictCodes looks up each value of a's dictionary once, then maps every
// row through its index.
func (s *parquetSource) dictCodes(c int, set *codeSet, a *array.Dictionary, v []int64) {
	dict := getter(a.Dictionary())
	s.remap = resize(s.remap, a.Dictionary().Len())
	for d := range s.remap {
		switch x := dict(d); {
		case x == "":
			s.remap[d] = remapNull
		default:
			k, ok := set.lookup(x)
			s.remap[d] = int32(k)
			if !ok {
				s.remap[d] = remapUnknown
			}
		}
	}
	switch ix := a.Indices().(type) {
	case *array.Int8:
		dictRows(s, c, a, ix.Int8Values(), v)
	case *array.Int16:
		dictRows(s, c, a, ix.Int16Values(), v)
	case *array.Int32: // what pqarrow gives
		dictRows(s, c, a, ix.Int32Values(), v)
	case *array.Int64:
		dictRows(s, c, a, ix.Int64Values(), v)
	default:
		idx := make([]int, len(v))
		for j := range idx {
			idx[j] = a.GetValueIndex(j)
		}
		dictRows(s, c, a, idx, v)
	}
}

func dictRows[T int8 | int16 | int32 | int64 | int](s *parquetSource, c int, a *array.Dictionary, ix []T, v []int64) {
	col := &s.table.columns[c]
	bits, off := validity(a)
	for j, d := range ix {
		v[j] = noValue
		if null(bits, off, j) {
			if !col.nullable {
				s.reject(j, c, "missing value")
			}
			continue
		}
		switch k := s.remap[d]; k {
		case remapNull:
			if !col.nullable {
				s.reject(j, c, "missing value")
			}
		case remapUnknown:
			s.reject(j, c, "unknown code, expected "+col.expected)
		default:
			v[j] = int64(k)
		}
	}
}

func rangeReason(col *column) string {
	return fmt.Sprintf("out of range %d..%d", col.min, col.max)
}

// appendColumn appends the values of the rows not rejected to c.
func appendColumn(c *colBuilder, v []int64, bad []int16, good int) {
	switch b := c.b.(type) {
	case *array.Int16Builder:
		appendInts(b, v, bad, good, func(x int64) int16 { return int16(x) })
	case *array.Int32Builder:
		appendInts(b, v, bad, good, func(x int64) int32 { return int32(x) })
	case *array.Int64Builder:
		appendInts(b, v, bad, good, func(x int64) int64 { return x })
	default: // fastColumn and the tables it admits rule these out
		panic(fmt.Sprintf("canonical: no column-wise append for builder %T", c.b))
	}
}

type intBuilder[T any] interface {
	Reserve(int)
	UnsafeAppend(T)
	UnsafeAppendBoolToBitmap(bool)
}

func appendInts[T any, B intBuilder[T]](b B, v []int64, bad []int16, good int, conv func(int64) T) {
	b.Reserve(good)
	for j, x := range v {
		switch {
		case bad[j] >= 0:
		case x == noValue:
			b.UnsafeAppendBoolToBitmap(false)
		default:
			b.UnsafeAppend(conv(x))
		}
	}
}
