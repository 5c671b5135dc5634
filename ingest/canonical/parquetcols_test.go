package canonical

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// pqValue is one generated cell: null, or text (for a code column) or an
// integer (for an integer column; big stands for 2^63 + 5 in a uint64).
type pqValue struct {
	null bool
	text string
	n    int64
	big  bool
}

// genRows makes rows of table t's values, good and bad alike: unknown
// codes, empty strings, nulls in required columns, integers out of range
// and beyond int64. good gives each code column's codes, ints each integer
// column's good range, by name.
func genRows(rng *rand.Rand, t *Table, rows int, good map[string][]string, ints map[string][2]int64) [][]pqValue {
	out := make([][]pqValue, rows)
	for j := range out {
		row := make([]pqValue, len(t.columns))
		for c, col := range t.columns {
			if r, ok := ints[col.name]; ok {
				row[c] = pqValue{n: r[0] + rng.Int64N(r[1]-r[0]+1)}
			} else {
				row[c] = pqValue{text: good[col.name][rng.IntN(len(good[col.name]))]}
			}
			if col.nullable && rng.IntN(4) == 0 {
				row[c] = pqValue{null: true}
			}
		}
		// Bad values in one row of five, one to three, in any columns.
		for k := 0; j%5 == 0 && k < 1+rng.IntN(3); k++ {
			c := rng.IntN(len(row))
			switch r, isInt := ints[t.columns[c].name]; {
			case isInt && rng.IntN(4) == 0:
				row[c] = pqValue{null: true}
			case isInt && rng.IntN(3) == 0:
				row[c] = pqValue{big: true}
			case isInt:
				row[c] = pqValue{n: []int64{r[0] - 1, r[1] + 1, t.columns[c].min - 1, t.columns[c].max + 1}[rng.IntN(4)]}
			default:
				row[c] = []pqValue{{null: true}, {text: ""}, {text: "x" + strconv.Itoa(rng.IntN(3))}, {text: "0180 "}}[rng.IntN(4)]
			}
		}
		out[j] = row
	}
	return out
}

// genPersons is genRows for persons, with SSYK codes in SSYK 96 years and
// rows whose edu_group and n are derived.
func genPersons(rng *rand.Rand, rows int) [][]pqValue {
	return genRows(rng, Persons, rows, map[string][]string{
		"home_kommun": {"0180", "1480", "0114"}, "work_kommun": {"0180", "2584"}, "status": {"employed", "unemployed", "student"},
		"ssyk4": {"2512", "5223"}, "sni": {"62", "47"}, "edu_group": {"5-48", "3-34"}, "sun_level": {"537", "337"},
		"sun_field": {"481", "214"}, "sex": {"1", "2"}, "birth_region": {"1", "2", "9"},
	}, map[string][2]int64{"year": {2010, 2024}, "person_id": {0, 1 << 40}, "age": {0, 120}, "n": {1, 9}})
}

// schemaOf is tb's columns given types (by column; nil leaves the column
// out).
func schemaOf(tb *Table, types []arrow.DataType) *arrow.Schema {
	var fields []arrow.Field
	for c, typ := range types {
		if typ != nil {
			fields = append(fields, arrow.Field{Name: tb.columns[c].name, Type: typ, Nullable: true})
		}
	}
	return arrow.NewSchema(fields, nil)
}

// writeRowsParquet writes rows of tb in the given schema, small row groups.
func writeRowsParquet(t *testing.T, tb *Table, path string, schema *arrow.Schema, rows [][]pqValue, mem memory.Allocator) {
	t.Helper()
	b := array.NewRecordBuilder(mem, schema)
	defer b.Release()
	for _, row := range rows {
		for f, field := range schema.Fields() {
			v := row[tb.index[field.Name]]
			fb := b.Field(f)
			if v.null {
				fb.AppendNull()
				continue
			}
			var err error
			switch fb := fb.(type) {
			case *array.BinaryDictionaryBuilder:
				err = fb.AppendString(v.text)
			case *array.StringBuilder:
				fb.Append(v.text)
			case *array.LargeStringBuilder:
				fb.Append(v.text)
			case *array.Uint64Builder:
				if v.big {
					fb.Append(1<<63 + 5)
				} else {
					fb.Append(uint64(v.n))
				}
			default:
				n := v.n
				if v.big {
					n = 1<<62 + 5
				}
				// Beyond the type, the builder appends a null.
				_ = fb.AppendValueFromString(strconv.FormatInt(n, 10))
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	rec := b.NewRecordBatch()
	defer rec.Release()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w, err := pqarrow.NewFileWriter(schema, f, parquet.NewWriterProperties(parquet.WithMaxRowGroupLength(1000), parquet.WithAllocator(mem)),
		pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema(), pqarrow.WithAllocator(mem)))
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestParquetPathsAgree: for Parquet files of good and bad rows, with codes
// as dictionary, plain and large strings and integers of every width,
// checking column by column (fill) gives the same batches, counts and
// rejects as rendering each value as text and validating it like CSV
// (the row path), at several batch sizes, for persons and graduates;
// codes stored as integers and integers as text take the row path.
func TestParquetPathsAgree(t *testing.T) {
	str, large := arrow.BinaryTypes.String, arrow.BinaryTypes.LargeString
	dict := func(ix arrow.DataType) arrow.DataType {
		return &arrow.DictionaryType{IndexType: ix, ValueType: arrow.BinaryTypes.String}
	}
	p := arrow.PrimitiveTypes
	layouts := []struct {
		name  string
		tb    *Table
		types []arrow.DataType // by column
		fast  bool
	}{
		{"dictionary codes, schema ints", Persons, []arrow.DataType{p.Int16, p.Int64, dict(p.Int16), dict(p.Int16), dict(p.Int16), dict(p.Int16),
			dict(p.Int16), dict(p.Int16), dict(p.Int16), dict(p.Int16), dict(p.Int16), p.Int16, dict(p.Int16), p.Int32}, true},
		{"plain codes, wide ints", Persons, []arrow.DataType{p.Int64, p.Uint64, str, str, str, str, str, str, str, str, str, p.Int32, str, p.Int64}, true},
		{"large strings, small ints, optional columns left out", Persons, []arrow.DataType{p.Uint16, nil, large, nil, dict(p.Int32), large,
			dict(p.Int8), nil, large, large, dict(p.Int64), p.Int8, large, nil}, true},
		{"unsigned", Persons, []arrow.DataType{p.Uint32, p.Uint32, str, str, str, str, str, str, str, str, str, p.Uint8, str, p.Uint32}, true},
		{"codes as integers", Persons, []arrow.DataType{p.Int16, p.Int64, str, str, str, str, str, str, str, str, p.Int8, p.Int16, p.Int32, p.Int32}, false},
		{"integers as text", Persons, []arrow.DataType{str, str, str, str, str, str, str, str, str, str, str, str, str, str}, false},
		{"graduates", Graduates, []arrow.DataType{p.Int32, str, dict(p.Int32), p.Int64}, true},
		{"graduates, year as text", Graduates, []arrow.DataType{str, dict(p.Int16), str, p.Uint32}, false},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, l := range layouts {
		t.Run(l.name, func(t *testing.T) {
			rows := genPersons(rng, 1500)
			if l.tb == Graduates {
				rows = genRows(rng, Graduates, 1500, map[string][]string{"region": {"01", "0180", "25"}, "edu_group": {"5-48", "3-34"}},
					map[string][2]int64{"year": {2010, 2024}, "n": {0, 99}})
			}
			types := l.types
			// Integers as text and codes as integers: the generator's
			// values as the other type.
			for c, typ := range types {
				if typ == nil {
					continue
				}
				isInt := l.tb.columns[c].kind == kindInt
				if isInt && typ.ID() == arrow.STRING {
					for _, row := range rows {
						if !row[c].null {
							row[c].text = strconv.FormatInt(row[c].n, 10)
						}
					}
				}
				if !isInt && typ.ID() != arrow.STRING && typ.ID() != arrow.LARGE_STRING && typ.ID() != arrow.DICTIONARY {
					for _, row := range rows {
						n, err := strconv.ParseInt(row[c].text, 10, 8)
						row[c].n = n
						if err != nil && !row[c].null {
							row[c].n = 77 // no such code
						}
					}
				}
			}
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			path := filepath.Join(t.TempDir(), "persons.parquet")
			writeRowsParquet(t, l.tb, path, schemaOf(l.tb, types), rows, mem)
			for _, batch := range []int{1, 7, 700, 0} {
				fast, fastRecs, fastRej := readParquetWith(t, l.tb, path, Options{Alloc: mem, BatchRows: batch})
				slow, slowRecs, slowRej := readParquetWith(t, l.tb, path, Options{Alloc: mem, BatchRows: batch, rowPath: true})
				if fast != l.fast || slow {
					t.Errorf("batches of %d: column path %v, forced row path %v; want %v, false", batch, fast, slow, l.fast)
				}
				if len(fastRecs) != len(slowRecs) {
					t.Fatalf("batches of %d: %d batches, row path %d", batch, len(fastRecs), len(slowRecs))
				}
				for i := range fastRecs {
					if !array.RecordEqual(fastRecs[i], slowRecs[i]) {
						t.Fatalf("batches of %d: batch %d differs:\n%s", batch, i,
							diffLines(decodeRows(fastRecs[i:i+1]), decodeRows(slowRecs[i:i+1])))
					}
				}
				if fastRej != slowRej {
					t.Errorf("batches of %d: rejects differ:\n%s", batch, diffLines(fastRej, slowRej))
				}
				if batch == 0 && (len(fastRecs) != 1 || fastRecs[0].NumRows() < 1000 || len(fastRej) < 500) {
					t.Errorf("too little tested: %d batches, %d rejects bytes", len(fastRecs), len(fastRej))
				}
				checkDictionaries(t, l.tb, fastRecs)
				release(fastRecs)
				release(slowRecs)
			}
		})
	}
}

// readParquetWith reads path through Open, reporting whether the column
// path was taken, the batches and the counts and rejects after every batch.
func readParquetWith(t *testing.T, tb *Table, path string, opts Options) (bool, []arrow.RecordBatch, string) {
	t.Helper()
	r, err := Open(tb, path, Parquet, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
	var recs []arrow.RecordBatch
	var rej string
	for r.Next() {
		rec := r.RecordBatch()
		rec.Retain()
		recs = append(recs, rec)
		rej += fmt.Sprintf("after batch %d: %d rejects\n", len(recs), len(r.Rejects()))
	}
	return r.src.(*parquetSource).fast, recs, rej + decodeRejects(r)
}

// TestParquetPathsAgreeLarge: the same across the 64K-row batches the
// Parquet decoder hands over, with dictionary codes as lmi's fixtures
// write them.
func TestParquetPathsAgreeLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("150,000 rows")
	}
	rows := genPersons(rand.New(rand.NewPCG(3, 4)), 150_000)
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	path := filepath.Join(t.TempDir(), "persons.parquet")
	writeRowsParquet(t, Persons, path, Persons.Schema, rows, mem)
	_, fastRecs, fastRej := readParquetWith(t, Persons, path, Options{Alloc: mem, BatchRows: 50_000})
	_, slowRecs, slowRej := readParquetWith(t, Persons, path, Options{Alloc: mem, BatchRows: 50_000, rowPath: true})
	defer release(fastRecs)
	defer release(slowRecs)
	if len(fastRecs) != len(slowRecs) || !reflect.DeepEqual(fastRej, slowRej) {
		t.Fatalf("%d batches, row path %d; rejects:\n%s", len(fastRecs), len(slowRecs), diffLines(fastRej, slowRej))
	}
	for i := range fastRecs {
		if !array.RecordEqual(fastRecs[i], slowRecs[i]) {
			t.Fatalf("batch %d differs", i)
		}
	}
}
