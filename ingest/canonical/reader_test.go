package canonical

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"lmi/ingest"
)

const goodCSV = `year,person_id,home_kommun,work_kommun,status,ssyk4,sni,edu_group,sun_level,sun_field,sex,age,birth_region,n
2021,1,0180,0114,employed,2512,62,5-48,,,1,30,1,
2021,2,1480,,unemployed,,,,337,214,2,45,2,3
`

// readAll drains r and returns every row as text, one string per row.
func readAll(t *testing.T, r *Reader) []string {
	t.Helper()
	var out []string
	for r.Next() {
		rec := r.RecordBatch()
		for i := 0; i < int(rec.NumRows()); i++ {
			var fields []string
			for c := 0; c < int(rec.NumCols()); c++ {
				col := rec.Column(c)
				if col.IsNull(i) {
					fields = append(fields, "")
					continue
				}
				fields = append(fields, col.ValueStr(i))
			}
			out = append(out, strings.Join(fields, ","))
		}
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestReadCSV(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	r, err := NewCSVReader(Persons, strings.NewReader(goodCSV), "good.csv", Options{Alloc: mem})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
	got := readAll(t, r)
	want := []string{
		// n defaults to 1; edu_group is derived from SUN level and field.
		"2021,1,0180,0114,employed,2512,62,5-48,,,1,30,1,1",
		"2021,2,1480,,unemployed,,,3-21,337,214,2,45,2,3",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if r.RowsRead() != 2 || len(r.Rejects()) != 0 {
		t.Errorf("read %d, rejected %d; want 2, 0", r.RowsRead(), len(r.Rejects()))
	}
}

func TestRejects(t *testing.T) {
	head := "year,home_kommun,work_kommun,status,ssyk4,sex,age,birth_region,n\n"
	cases := []struct {
		name, row, column, value, reason string
	}{
		{"unknown kommun", "2021,9999,,employed,2512,1,30,1,1", "home_kommun", "9999", "unknown code"},
		{"kommun as integer", "2021,180,,employed,2512,1,30,1,1", "home_kommun", "180", "unknown code"},
		{"bad status", "2021,0180,,working,2512,1,30,1,1", "status", "working", "unknown code"},
		{"ssyk level 3", "2021,0180,,employed,251,1,30,1,1", "ssyk4", "251", "unknown code"},
		{"ssyk before 2014", "2012,0180,,employed,2512,1,30,1,1", "ssyk4", "2512", "SSYK 96"},
		{"sex", "2021,0180,,employed,2512,3,30,1,1", "sex", "3", "unknown code"},
		{"age text", "2021,0180,,employed,2512,1,thirty,1,1", "age", "thirty", "not an integer"},
		{"age range", "2021,0180,,employed,2512,1,130,1,1", "age", "130", "out of range"},
		{"negative n", "2021,0180,,employed,2512,1,30,1,-2", "n", "-2", "out of range"},
		{"zero n", "2021,0180,,employed,2512,1,30,1,0", "n", "0", "out of range"},
		{"missing year", ",0180,,employed,2512,1,30,1,1", "year", "", "missing value"},
		{"birth region", "2021,0180,,employed,2512,1,30,X,1", "birth_region", "X", "unknown code"},
		{"field count", "2021,0180,,employed,2512,1,30,1", "", "", "malformed CSV row"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := head + "2021,0180,,employed,2512,1,30,1,1\n" + c.row + "\n2021,0114,,outside,,2,50,1,1\n"
			r, err := NewCSVReader(Persons, strings.NewReader(in), "x.csv", Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer r.Release()
			rows := readAll(t, r)
			if len(rows) != 2 {
				t.Errorf("loaded %d rows, want the 2 good ones", len(rows))
			}
			rej := r.Rejects()
			if len(rej) != 1 {
				t.Fatalf("rejects = %v, want one", rej)
			}
			got := rej[0]
			if got.File != "x.csv" || got.Line != 3 || got.Column != c.column || got.Value != c.value || !strings.Contains(got.Reason, c.reason) {
				t.Errorf("reject = %+v, want x.csv line 3 column %q value %q reason ~%q", got, c.column, c.value, c.reason)
			}
			if r.RowsRead() != 3 {
				t.Errorf("RowsRead = %d, want 3", r.RowsRead())
			}
		})
	}
}

func TestHeaderErrors(t *testing.T) {
	cases := []struct{ name, in, column, reason string }{
		{"empty", "", "", "empty file"},
		{"unknown column", "year,home_kommun,status,ssyk4,sex,age,birth_region,salary\n", "salary", "unknown column"},
		{"missing column", "year,home_kommun,status,sex,age,birth_region\n", "ssyk4", "required column missing"},
		{"duplicate", "year,year,home_kommun,status,ssyk4,sex,age,birth_region\n", "year", "duplicate"},
		{"html page", "<!DOCTYPE html><html><body>Service unavailable</body></html>\n", "<!DOCTYPE html><html><body>Service unavailable</body></html>", "unknown column"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := NewCSVReader(Persons, strings.NewReader(c.in), "h.csv", Options{})
			var he *HeaderError
			if !errors.As(err, &he) {
				t.Fatalf("err = %v, want a *HeaderError", err)
			}
			if he.Column != c.column || !strings.Contains(he.Reason, c.reason) {
				t.Errorf("err = %+v, want column %q reason ~%q", he, c.column, c.reason)
			}
		})
	}
}

func TestSemicolonAndBOM(t *testing.T) {
	in := "\ufeffyear;home_kommun;status;ssyk4;sex;age;birth_region\n2021;0180;outside;;1;70;1\n"
	r, err := NewCSVReader(Persons, strings.NewReader(in), "s.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
	if got := readAll(t, r); len(got) != 1 || len(r.Rejects()) != 0 {
		t.Errorf("rows %v, rejects %v", got, r.Rejects())
	}
}

func TestBatching(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	var b strings.Builder
	b.WriteString("year,home_kommun,status,ssyk4,sex,age,birth_region\n")
	for i := 0; i < 25; i++ {
		b.WriteString("2021,0180,outside,,1,70,1\n")
	}
	r, err := NewCSVReader(Persons, strings.NewReader(b.String()), "b.csv", Options{Alloc: mem, BatchRows: 10})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
	var sizes []int64
	for r.Next() {
		sizes = append(sizes, r.RecordBatch().NumRows())
	}
	if len(sizes) != 3 || sizes[0] != 10 || sizes[2] != 5 {
		t.Errorf("batch sizes %v, want [10 10 5]", sizes)
	}
}

// TestParquetRoundTrip writes the CSV's records to Parquet and reads them
// back through the Parquet path.
func TestParquetRoundTrip(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	r, err := NewCSVReader(Persons, strings.NewReader(goodCSV), "good.csv", Options{Alloc: mem})
	if err != nil {
		t.Fatal(err)
	}
	want := readAllKeep(t, r, mem)
	r.Release()

	path := filepath.Join(t.TempDir(), "p.parquet")
	writeParquet(t, path, want, mem)
	for _, rec := range want {
		rec.Release()
	}

	pr, err := Open(Persons, path, "", Options{Alloc: mem})
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Release()
	got := readAll(t, pr)
	r2, _ := NewCSVReader(Persons, strings.NewReader(goodCSV), "good.csv", Options{Alloc: mem})
	defer r2.Release()
	if w := readAll(t, r2); strings.Join(got, "\n") != strings.Join(w, "\n") {
		t.Errorf("parquet rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(w, "\n"))
	}
}

func readAllKeep(t *testing.T, r *Reader, mem memory.Allocator) []arrow.RecordBatch {
	t.Helper()
	var out []arrow.RecordBatch
	for r.Next() {
		rec := r.RecordBatch()
		rec.Retain()
		out = append(out, rec)
	}
	return out
}

func writeParquet(t *testing.T, path string, recs []arrow.RecordBatch, mem memory.Allocator) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w, err := pqarrow.NewFileWriter(ingest.PersonsSchema, f, nil, pqarrow.NewArrowWriterProperties(pqarrow.WithAllocator(mem)))
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
}

func TestParquetNotParquet(t *testing.T) {
	path := filepath.Join(t.TempDir(), "broken.parquet")
	os.WriteFile(path, []byte("PAR1 this is not really parquet"), 0o644)
	_, err := Open(Persons, path, "", Options{})
	var he *HeaderError
	if !errors.As(err, &he) {
		t.Fatalf("err = %v, want a *HeaderError", err)
	}
}

func TestWriteRejects(t *testing.T) {
	var b strings.Builder
	err := WriteRejects(&b, []Reject{{File: "a.csv", Line: 7, Column: "sex", Value: "x", Reason: "unknown code, expected 1 or 2"}})
	if err != nil {
		t.Fatal(err)
	}
	want := "file,line,column,value,reason\na.csv,7,sex,x,\"unknown code, expected 1 or 2\"\n"
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

func FuzzCSV(f *testing.F) {
	f.Add(goodCSV)
	f.Add("year;home_kommun;status;ssyk4;sex;age;birth_region\n2021;0180;outside;;1;70;1\n")
	f.Add("year,home_kommun,status,ssyk4,sex,age,birth_region\n2021,0180,\"outs\nide\",,1,70,1\n")
	f.Add("year,home_kommun,status,ssyk4,sex,age,birth_region\n2021,0180,employed,2512,1,9999999999999999999999,1\n")
	f.Add("\xef\xbb\xbf")
	f.Add("<html>error</html>")
	f.Fuzz(func(t *testing.T, in string) {
		mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
		defer mem.AssertSize(t, 0)
		r, err := NewCSVReader(Persons, strings.NewReader(in), "fuzz.csv", Options{Alloc: mem, BatchRows: 3})
		if err != nil {
			var he *HeaderError
			if !errors.As(err, &he) {
				t.Fatalf("header failure is not a *HeaderError: %v", err)
			}
			return
		}
		defer r.Release()
		var rows int64
		for r.Next() {
			rows += r.RecordBatch().NumRows()
			for _, col := range r.RecordBatch().Columns() {
				if int64(col.Len()) != r.RecordBatch().NumRows() {
					t.Fatalf("column of %d rows in a batch of %d", col.Len(), r.RecordBatch().NumRows())
				}
			}
		}
		if r.Err() != nil && !errors.Is(r.Err(), io.ErrUnexpectedEOF) {
			return
		}
		if rows+int64(len(r.Rejects())) != r.RowsRead() {
			t.Errorf("loaded %d + rejected %d != read %d", rows, len(r.Rejects()), r.RowsRead())
		}
	})
}

var _ array.RecordReader = (*Reader)(nil)

// goodParquet is goodCSV as a Parquet file written with props (nil: the
// defaults, as lmi writes its tables).
func goodParquet(t testing.TB, props *parquet.WriterProperties) []byte {
	r, err := NewCSVReader(Persons, strings.NewReader(goodCSV), "good.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
	var recs []arrow.RecordBatch
	for r.Next() {
		rec := r.RecordBatch()
		rec.Retain()
		recs = append(recs, rec)
	}
	path := filepath.Join(t.TempDir(), "good.parquet")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w, err := pqarrow.NewFileWriter(ingest.PersonsSchema, f, props, pqarrow.DefaultWriterProps())
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs {
		w.Write(rec)
		rec.Release()
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// FuzzParquet reads mutated Parquet files. The seeds are the two rows of
// goodCSV as lmi writes them (17 KB: each code column's dictionary is its
// whole code list) and plain-encoded without statistics (1.5 KB).
// Minimising a new input grown from the large seed takes the default
// minute at about 1 ms an execution, and the fuzzer does little else
// meanwhile: run it with -fuzzminimizetime=2s (about 100 executions a
// second instead of 7 on the development machine).
func FuzzParquet(f *testing.F) {
	good := goodParquet(f, nil)
	small := goodParquet(f, parquet.NewWriterProperties(parquet.WithDictionaryDefault(false), parquet.WithStats(false)))
	f.Add(good)
	f.Add(small)
	f.Add(good[:len(good)/2])
	f.Add(good[len(good)/3:])
	f.Add(small[:len(small)-10])
	f.Add([]byte("PAR1"))
	f.Add([]byte("PAR1\x00\x00\x00\x00PAR1"))
	f.Fuzz(func(t *testing.T, in []byte) {
		path := filepath.Join(t.TempDir(), "fuzz.parquet")
		if err := os.WriteFile(path, in, 0o644); err != nil {
			t.Fatal(err)
		}
		r, err := Open(Persons, path, Parquet, Options{})
		if err != nil {
			return
		}
		defer r.Release()
		for r.Next() {
		}
	})
}

// TestCorruptParquet replays two mutated files found by fuzzing: one whose
// footer places a column chunk beyond the end of the file (the decoder
// would allocate 16 GiB), one on which the decoder panics.
func TestCorruptParquet(t *testing.T) {
	for _, name := range []string{"chunk_past_end.parquet", "decoder_panic.parquet"} {
		t.Run(name, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			r, err := Open(Persons, filepath.Join("testdata", name), "", Options{Alloc: mem})
			if err == nil {
				for r.Next() {
				}
				err = r.Err()
				r.Release()
			}
			if err == nil || !strings.Contains(err.Error(), "corrupt Parquet file") || !strings.Contains(err.Error(), name) {
				t.Errorf("err = %v, want a corrupt-file error naming %s", err, name)
			}
		})
	}
}

func TestFlowTables(t *testing.T) {
	cases := []struct {
		table  *Table
		in     string
		rows   int
		reject string // column of the single reject, "" for none
	}{
		{Jobseekers, "period,region,ssyk4,category,n\n2024-01,01,2512,openly_unemployed,12\n2024-02,0180,2512,openly_unemployed,0\n", 2, ""},
		{Jobseekers, "period,region,ssyk4,category,n\n2024-13,01,2512,openly_unemployed,12\n", 0, "period"},
		{Jobseekers, "period,region,ssyk4,category,n\n2024-01,02,2512,openly_unemployed,12\n", 0, "region"},
		{Jobseekers, "period,region,ssyk4,category,n\n2024-01,01,2512,Öppet arbetslösa,12\n", 0, "category"},
		{Hires, "period,region,ssyk4,n\n2013-12,01,2512,3\n", 0, "ssyk4"},
		{Hires, "period,region,ssyk4,n\n2024K1,01,2512,-3\n", 0, "n"},
		{Vacancies, "period,region,ssyk4,n\n2024,25,9111,40\n", 1, ""},
		{Vacancies, "period,region,ssyk4,n\n2024-01,25,,40\n", 0, "ssyk4"},
		{Graduates, "year,region,edu_group,n\n2023,01,5-72,130\n", 1, ""},
		{Graduates, "year,region,edu_group,n\n2023,01,5-53,130\n", 0, "edu_group"},
	}
	for _, c := range cases {
		r, err := NewCSVReader(c.table, strings.NewReader(c.in), "f.csv", Options{})
		if err != nil {
			t.Fatalf("%s %q: %v", c.table.Name, c.in, err)
		}
		rows := readAll(t, r)
		r.Release()
		if len(rows) != c.rows {
			t.Errorf("%s %q: %d rows, want %d", c.table.Name, c.in, len(rows), c.rows)
		}
		var col string
		if rej := r.Rejects(); len(rej) > 0 {
			col = rej[0].Column
		}
		if col != c.reject {
			t.Errorf("%s %q: reject in %q, want %q (%v)", c.table.Name, c.in, col, c.reject, r.Rejects())
		}
	}
	// A persons file is not a jobseekers file.
	if _, err := NewCSVReader(Jobseekers, strings.NewReader(goodCSV), "p.csv", Options{}); err == nil {
		t.Error("a persons header was accepted as jobseekers")
	}
}

func TestDetectTable(t *testing.T) {
	cases := []struct {
		file, header, want string
	}{
		{"p.csv", "year,home_kommun,status,ssyk4,sex,age,birth_region", "persons"},
		{"x.csv", "period,region,ssyk4,category,n", "jobseekers"},
		{"graduates-2023.csv", "year,region,edu_group,n", "graduates"},
		{"hires.csv", "period,region,ssyk4,n", "hires"},
		{"data/vacancies_2024.parquet", "period,region,ssyk4,n", "vacancies"},
		{"flows.csv", "period,region,ssyk4,n", ""}, // hires or vacancies: the name must say
		{"odd.csv", "a,b,c", ""},
	}
	for _, c := range cases {
		tb, err := DetectTable(c.file, strings.Split(c.header, ","))
		got := ""
		if tb != nil {
			got = tb.Name
		}
		if got != c.want || (c.want == "") != (err != nil) {
			t.Errorf("DetectTable(%s, %s) = %q, %v; want %q", c.file, c.header, got, err, c.want)
		}
	}
}

// TestCensoredFlowCounts: a flow count published as "<5" loads as a null n
// with censored true, in CSV and in Parquet (n as text); an empty n is
// still missing; files may not carry the derived censored column; other
// tables take no "<5".
func TestCensoredFlowCounts(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	in := "period,region,ssyk4,n\n2024-01,01,2512,12\n2024-01,0180,2512,<5\n2024-02,01,2512,< 3\n2024-02,03,2512,\n2024-03,01,2512,<0\n2024-03,03,2512,<x\n"
	r, err := NewCSVReader(Vacancies, strings.NewReader(in), "vacancies.csv", Options{Alloc: mem})
	if err != nil {
		t.Fatal(err)
	}
	got := readAll(t, r)
	r.Release()
	want := []string{"2024-01,01,2512,12,false", "2024-01,0180,2512,,true", "2024-02,01,2512,,true"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var reasons []string
	for _, rej := range r.Rejects() {
		reasons = append(reasons, rej.Column+"="+rej.Value+": "+rej.Reason)
	}
	if len(reasons) != 3 || !strings.Contains(reasons[0], "missing value") || !strings.Contains(reasons[1], "not an integer") {
		t.Errorf("rejects %q", reasons)
	}

	// Parquet with n as text.
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "period", Type: arrow.BinaryTypes.String}, {Name: "region", Type: arrow.BinaryTypes.String},
		{Name: "ssyk4", Type: arrow.BinaryTypes.String}, {Name: "category", Type: arrow.BinaryTypes.String},
		{Name: "n", Type: arrow.BinaryTypes.String},
	}, nil)
	b := array.NewRecordBuilder(mem, schema)
	for _, row := range [][]string{{"2024-01", "01", "2512", "openly_unemployed", "7"}, {"2024-01", "03", "2512", "openly_unemployed", "<5"}} {
		for i, v := range row {
			b.Field(i).(*array.StringBuilder).Append(v)
		}
	}
	rec := b.NewRecordBatch()
	b.Release()
	path := filepath.Join(t.TempDir(), "jobseekers.parquet")
	f, _ := os.Create(path)
	w, err := pqarrow.NewFileWriter(schema, f, nil, pqarrow.NewArrowWriterProperties(pqarrow.WithAllocator(mem)))
	if err != nil {
		t.Fatal(err)
	}
	w.Write(rec)
	w.Close()
	rec.Release()
	pr, err := Open(Jobseekers, path, "", Options{Alloc: mem})
	if err != nil {
		t.Fatal(err)
	}
	got = readAll(t, pr)
	pr.Release()
	if strings.Join(got, "\n") != "2024-01,01,2512,openly_unemployed,7,false\n2024-01,03,2512,openly_unemployed,,true" {
		t.Errorf("parquet rows %q", got)
	}

	if _, err := NewCSVReader(Hires, strings.NewReader("period,region,ssyk4,n,censored\n2024-01,01,2512,,true\n"), "hires.csv", Options{}); err == nil ||
		!strings.Contains(err.Error(), "unknown column") || strings.Contains(err.Error(), "n, censored") {
		t.Errorf("a censored column in the file: %v", err)
	}
	if _, err := DetectTable("x.csv", []string{"period", "region", "ssyk4", "category", "n", "censored"}); err == nil {
		t.Error("a file with a censored column was detected as a flow table")
	}
	r, _ = NewCSVReader(Graduates, strings.NewReader("year,region,edu_group,n\n2023,01,5-72,<5\n"), "g.csv", Options{})
	readAll(t, r)
	r.Release()
	if rej := r.Rejects(); len(rej) != 1 || rej[0].Column != "n" {
		t.Errorf("graduates took a censored count: %v", rej)
	}
}

// FuzzFlowCSV: a flow table's rows have n null exactly when censored is
// true, and every row is loaded or rejected.
func FuzzFlowCSV(f *testing.F) {
	f.Add("period,region,ssyk4,category,n\n2024-01,01,2512,openly_unemployed,<5\n2024-01,0180,2512,openly_unemployed,7\n")
	f.Add("period,region,ssyk4,category,n\n2024-01,01,2512,x,< 3\n2024-01,01,2512,x,<0\n2024-01,01,2512,x,<\n2024-01,01,2512,x,\n")
	f.Add("period;region;ssyk4;category;n;censored\n2024-01;01;2512;x;;true\n")
	f.Fuzz(func(t *testing.T, in string) {
		mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
		defer mem.AssertSize(t, 0)
		r, err := NewCSVReader(Jobseekers, strings.NewReader(in), "fuzz.csv", Options{Alloc: mem, BatchRows: 3})
		if err != nil {
			var he *HeaderError
			if !errors.As(err, &he) {
				t.Fatalf("header failure is not a *HeaderError: %v", err)
			}
			return
		}
		defer r.Release()
		var rows int64
		for r.Next() {
			rec := r.RecordBatch()
			rows += rec.NumRows()
			n, cens := rec.Column(4).(*array.Int32), rec.Column(5).(*array.Boolean)
			for i := 0; i < int(rec.NumRows()); i++ {
				if n.IsNull(i) != cens.Value(i) || cens.IsNull(i) || (!n.IsNull(i) && n.Value(i) < 0) {
					t.Fatalf("row %d: n %v (null %v), censored %v", i, n.Value(i), n.IsNull(i), cens.Value(i))
				}
			}
		}
		if r.Err() != nil {
			return
		}
		if rows+int64(len(r.Rejects())) != r.RowsRead() {
			t.Errorf("loaded %d + rejected %d != read %d", rows, len(r.Rejects()), r.RowsRead())
		}
	})
}
