package canonical

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"lmi/codes"
	"lmi/ingest"
)

// decodeRows renders every row of recs as its values decoded to text
// (dictionaries looked up), one line a row, batch boundaries left out.
func decodeRows(recs []arrow.RecordBatch) string {
	var b strings.Builder
	for _, rec := range recs {
		for i := 0; i < int(rec.NumRows()); i++ {
			for c := 0; c < int(rec.NumCols()); c++ {
				if c > 0 {
					b.WriteByte('|')
				}
				if col := rec.Column(c); col.IsNull(i) {
					b.WriteString("<null>")
				} else {
					fmt.Fprintf(&b, "%q", col.ValueStr(i))
				}
			}
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// decodeRejects renders a reader's counts and rejects.
func decodeRejects(r *Reader) string {
	var b strings.Builder
	fmt.Fprintf(&b, "read %d, valid %d, err %v\n", r.RowsRead(), r.RowsValid(), r.Err())
	for _, rej := range r.Rejects() {
		fmt.Fprintf(&b, "%d|%s|%q|%s\n", rej.Line, rej.Column, rej.Value, rej.Reason)
	}
	return b.String()
}

// drain reads r to the end, keeping every batch (the caller releases them).
func drain(r *Reader) []arrow.RecordBatch {
	var recs []arrow.RecordBatch
	for r.Next() {
		rec := r.RecordBatch()
		rec.Retain()
		recs = append(recs, rec)
	}
	return recs
}

func release(recs []arrow.RecordBatch) {
	for _, rec := range recs {
		rec.Release()
	}
}

// TestDictionaryOutput: each code column with a code list comes out as
// dictionary<int16, string> indexing the whole list, and every table
// decodes to exactly what the reader gave when it built each batch's
// dictionary with arrow's BinaryDictionaryBuilder and split lines with
// encoding/csv alone: testdata/sample/*.golden were written by that
// reader from the samples (generator rows, then odd ones: quotes,
// multi-line fields, CRLF, blank lines, spaces, bad values, no final
// newline). Batches of 1, 64 and the default size; the persons and
// graduates batches also through Parquet and back.
func TestDictionaryOutput(t *testing.T) {
	for _, tb := range Tables() {
		t.Run(tb.Name, func(t *testing.T) {
			in := filepath.Join("testdata", "sample", tb.Name+".csv")
			golden, err := os.ReadFile(in + ".golden")
			if err != nil {
				t.Fatal(err)
			}
			want := string(golden)
			for _, batch := range []int{1, 64, 0} {
				mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
				r, err := Open(tb, in, CSV, Options{Alloc: mem, BatchRows: batch})
				if err != nil {
					t.Fatal(err)
				}
				recs := drain(r)
				got := decodeRows(recs) + decodeRejects(r)
				r.Release()
				if got != want {
					t.Errorf("batches of %d:\n%s", batch, diffLines(got, want))
				}
				checkDictionaries(t, tb, recs)
				if batch == 64 && tb.censored < 0 {
					checkParquet(t, tb, recs, mem, decodeRows(recs))
				}
				release(recs)
				mem.AssertSize(t, 0)
			}
		})
	}
}

// checkDictionaries checks that every code column with a code list is
// dictionary<int16, string> over exactly that list.
func checkDictionaries(t *testing.T, tb *Table, recs []arrow.RecordBatch) {
	t.Helper()
	for _, rec := range recs {
		if !rec.Schema().Equal(tb.Schema) {
			t.Fatalf("schema %v, want %v", rec.Schema(), tb.Schema)
		}
		for c, set := range tb.codeSets() {
			if set == nil {
				continue
			}
			d, ok := rec.Column(c).(*array.Dictionary)
			if !ok || d.Indices().DataType().ID() != arrow.INT16 {
				t.Fatalf("column %s is %T, want a dictionary with int16 indices", tb.columns[c].name, rec.Column(c))
			}
			dict := d.Dictionary().(*array.String)
			if dict.Len() != len(set.codes) {
				t.Fatalf("column %s: dictionary of %d, want the %d codes", tb.columns[c].name, dict.Len(), len(set.codes))
			}
			for i, code := range set.codes {
				if dict.Value(i) != code {
					t.Fatalf("column %s: dictionary[%d] = %q, want %q", tb.columns[c].name, i, dict.Value(i), code)
				}
			}
		}
	}
}

// checkParquet writes recs to Parquet and reads them back.
func checkParquet(t *testing.T, tb *Table, recs []arrow.RecordBatch, mem memory.Allocator, want string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), tb.Name+".parquet")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w, err := pqarrow.NewFileWriter(tb.Schema, f, nil, pqarrow.NewArrowWriterProperties(pqarrow.WithAllocator(mem)))
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs {
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	r, err := Open(tb, path, "", Options{Alloc: mem, BatchRows: 50})
	if err != nil {
		t.Fatal(err)
	}
	back := drain(r)
	if got := decodeRows(back); got != want || r.Err() != nil || len(r.Rejects()) != 0 {
		t.Errorf("through Parquet (err %v, rejects %v):\n%s", r.Err(), r.Rejects(), diffLines(got, want))
	}
	checkDictionaries(t, tb, back)
	release(back)
	r.Release()
}

// diffLines shows the first differing line of two renderings.
func diffLines(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got  %s\n want %s", i+1, gl, wl)
		}
	}
	return "(same lines)"
}

// TestCodeSetsMatchCodes: each column's code list accepts exactly what
// the lmi/codes check it replaces accepts, over every code of every list
// and variants of them, and is the list of the store's ENUM type.
func TestCodeSetsMatchCodes(t *testing.T) {
	var cands []string
	add := func(c string) {
		cands = append(cands, c, strings.ToUpper(c), strings.ToLower(c), " "+c, c+" ", c+"\x00", "0"+c, c+"0")
		if len(c) > 1 {
			cands = append(cands, c[1:], c[:len(c)-1])
		}
	}
	for _, name := range codes.ListNames() {
		es, err := codes.List(name, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range es {
			add(e.Code)
		}
	}
	for _, s := range ingest.Statuses {
		add(s)
	}
	for _, c := range []string{"", "1", "2", "3", "-", "1-", "x", "é", "0", "00", "000", "0000", "employe", "unemployedd"} {
		add(c)
	}
	isStatus := func(s string) bool { return slices.Contains(ingest.Statuses, s) }
	checks := []struct {
		name string
		set  func() *codeSet
		old  func(string) bool
	}{
		{"kommun", kommunSet, codes.IsKommun},
		{"region", regionSet, func(s string) bool { return codes.IsLan(s) || codes.IsKommun(s) }},
		{"status", statusSet, isStatus},
		{"ssyk4", ssyk4Set, codes.IsSSYK4},
		{"sni", sniSet, codes.IsSNIDivision},
		{"edu_group", eduGroupSet, codes.IsEduGroup},
		{"sun_level", sunLevelSet, codes.IsSUNLevel},
		{"sun_field", sunFieldSet, codes.IsSUNField},
		{"sex", sexSet, codes.IsSex},
		{"birth_region", birthRegionSet, codes.IsBirthRegion},
	}
	for _, c := range checks {
		set := c.set()
		for _, v := range cands {
			i, ok := set.lookup(v)
			if ok != c.old(v) {
				t.Errorf("%s: %q accepted %v, lmi/codes says %v", c.name, v, ok, c.old(v))
			}
			if ok && set.codes[i] != v {
				t.Errorf("%s: %q has index %d, which is %q", c.name, v, i, set.codes[i])
			}
		}
	}
	// Every code column of every table has a list, but for the open ones.
	for _, tb := range Tables() {
		for i, col := range tb.columns {
			if col.kind == kindCode && !col.derived && (col.set == nil) == (col.valid == nil) {
				t.Errorf("%s.%s: want exactly one of a code list and a check", tb.Name, col.name)
			}
			if col.set != nil && tb.Schema.Field(i).Type.ID() != arrow.DICTIONARY {
				t.Errorf("%s.%s: a code list on a column of type %s", tb.Name, col.name, tb.Schema.Field(i).Type)
			}
		}
	}
}

// TestEduGroupOf: deriving the education group from validated SUN codes
// agrees with codes.EduGroupOf.
func TestEduGroupOf(t *testing.T) {
	set := eduGroupSet()
	levels := append(entryCodes(codes.SUNLevel(0)), "")
	fields := append(entryCodes(codes.SUNField(0)), "")
	for _, l := range levels {
		for _, f := range fields {
			want, wok := codes.EduGroupOf(l, f)
			got, i, ok := eduGroupOf(set, l, f)
			if got != want || ok != wok || ok && set.codes[i] != got {
				t.Fatalf("eduGroupOf(%q, %q) = %q, %d, %v; codes.EduGroupOf: %q, %v", l, f, got, i, ok, want, wok)
			}
		}
	}
}

// TestConcurrentReaders: readers in several goroutines share the code
// lists' dictionaries; each batch retains and releases them (run with
// -race).
func TestConcurrentReaders(t *testing.T) {
	in := filepath.Join("testdata", "sample", "persons.csv")
	golden, err := os.ReadFile(in + ".golden")
	if err != nil {
		t.Fatal(err)
	}
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	errs := make(chan string, 4)
	for g := range cap(errs) {
		go func() {
			r, err := Open(Persons, in, CSV, Options{Alloc: mem, BatchRows: 5 + g})
			if err != nil {
				errs <- err.Error()
				return
			}
			recs := drain(r)
			got := decodeRows(recs) + decodeRejects(r)
			release(recs)
			r.Release()
			if got != string(golden) {
				errs <- fmt.Sprintf("goroutine %d:\n%s", g, diffLines(got, string(golden)))
				return
			}
			errs <- ""
		}()
	}
	for range cap(errs) {
		if e := <-errs; e != "" {
			t.Error(e)
		}
	}
}
