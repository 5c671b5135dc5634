package cube

import (
	"fmt"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

var dictString = &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}

// Column names of the long format besides the dimensions.
const (
	ColValue  = "value"
	ColStatus = "status"
)

// LongSchema is the Arrow schema of Long's output: per dimension a code
// column named by the dimension's code and a label column with the suffix
// "_label", then value (null where there is a status) and status (null for
// a number).
func (t *Table) LongSchema() *arrow.Schema {
	var fields []arrow.Field
	for _, d := range t.Dimensions {
		fields = append(fields,
			arrow.Field{Name: d.Code, Type: dictString},
			arrow.Field{Name: d.Code + "_label", Type: dictString})
	}
	fields = append(fields,
		arrow.Field{Name: ColValue, Type: arrow.PrimitiveTypes.Float64, Nullable: true},
		arrow.Field{Name: ColStatus, Type: dictString, Nullable: true})
	return arrow.NewSchema(fields, nil)
}

// Long returns the table as one record in long format, cells in storage
// order. The caller releases it.
func (t *Table) Long(mem memory.Allocator) (arrow.RecordBatch, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	if mem == nil {
		mem = memory.DefaultAllocator
	}
	seen := map[string]bool{}
	for _, d := range t.Dimensions {
		for _, name := range []string{d.Code, d.Code + "_label"} {
			if seen[name] || name == ColValue || name == ColStatus {
				return nil, fmt.Errorf("%s: dimension code %q clashes with another column", t.ID, d.Code)
			}
			seen[name] = true
		}
	}
	b := array.NewRecordBuilder(mem, t.LongSchema())
	defer b.Release()
	n := t.Len()
	b.Reserve(n)
	idx := make([]int, len(t.Dimensions))
	for cell := 0; cell < n; cell++ {
		for i, d := range t.Dimensions {
			v := d.Values[idx[i]]
			b.Field(2 * i).(*array.BinaryDictionaryBuilder).AppendString(v.Code)
			b.Field(2*i + 1).(*array.BinaryDictionaryBuilder).AppendString(v.Label)
		}
		vb := b.Field(2 * len(t.Dimensions)).(*array.Float64Builder)
		sb := b.Field(2*len(t.Dimensions) + 1).(*array.BinaryDictionaryBuilder)
		if s := t.Status[cell]; s != "" {
			vb.AppendNull()
			sb.AppendString(s)
		} else {
			vb.Append(t.Values[cell])
			sb.AppendNull()
		}
		// Advance the odometer, last dimension fastest.
		for i := len(idx) - 1; i >= 0; i-- {
			idx[i]++
			if idx[i] < len(t.Dimensions[i].Values) {
				break
			}
			idx[i] = 0
		}
	}
	return b.NewRecordBatch(), nil
}
