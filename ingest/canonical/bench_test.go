package canonical

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"lmi/fixtures"
)

// benchCSV builds a persons CSV of n rows shaped like a register extract.
func benchCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("year,person_id,home_kommun,work_kommun,status,ssyk4,sni,edu_group,sun_level,sun_field,sex,age,birth_region,n\n")
	kommuner := []string{"0180", "1480", "1280", "0380", "2584", "0114"}
	ssyk := []string{"2512", "5223", "4112", "3512", "9111"}
	for i := 0; i < n; i++ {
		k := kommuner[i%len(kommuner)]
		if i%5 == 4 {
			fmt.Fprintf(&b, "2021,%d,%s,,unemployed,,,3-34,337,341,%d,%d,1,1\n", i, k, 1+i%2, 20+i%45)
			continue
		}
		fmt.Fprintf(&b, "2021,%d,%s,%s,employed,%s,62,5-48,537,481,%d,%d,%d,1\n", i, k, k, ssyk[i%len(ssyk)], 1+i%2, 20+i%45, 1+i%3)
	}
	return b.Bytes()
}

// BenchmarkReadCSV measures parsing, validation and Arrow building; the
// MB/s column is input bytes per second.
func BenchmarkReadCSV(b *testing.B) { benchRead(b, benchCSV(100_000)) }

// BenchmarkReadCSVQuoted is the same with every field quoted, so that
// every line goes through encoding/csv.
func BenchmarkReadCSVQuoted(b *testing.B) {
	var q bytes.Buffer
	for _, line := range bytes.SplitAfter(benchCSV(100_000), []byte("\n")) {
		if len(line) > 0 {
			q.WriteString(`"`)
			q.Write(bytes.ReplaceAll(bytes.TrimSuffix(line, []byte("\n")), []byte(","), []byte(`","`)))
			q.WriteString("\"\n")
		}
	}
	benchRead(b, q.Bytes())
}

func benchRead(b *testing.B, data []byte) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	m := allocsPerRow(b, 100_000)
	defer m()
	for b.Loop() {
		r, err := NewCSVReader(Persons, bytes.NewReader(data), "bench.csv", Options{})
		if err != nil {
			b.Fatal(err)
		}
		var rows int64
		for r.Next() {
			rows += r.RecordBatch().NumRows()
		}
		if r.Err() != nil || rows != 100_000 {
			b.Fatalf("read %d rows, err %v", rows, r.Err())
		}
		r.Release()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100_000, "ns/row")
}

// allocsPerRow starts counting allocations; the function it returns
// reports them per row of a b.N reads of rows rows.
func allocsPerRow(b *testing.B, rows int64) func() {
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	return func() {
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(b.N)/float64(rows), "allocs/row")
	}
}

// BenchmarkReadParquet reads fixtures.Generate's persons.parquet, 100,000
// persons x 2 years; the MB/s column is Parquet bytes per second.
func BenchmarkReadParquet(b *testing.B) {
	dir := b.TempDir()
	sum, err := fixtures.Generate(fixtures.Config{Persons: 100_000, Years: 2, Seed: 1, Out: dir, Formats: []string{fixtures.FormatParquet}})
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, "persons.parquet")
	size, err := fileSize(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	b.ReportAllocs()
	m := allocsPerRow(b, sum.PersonRows)
	defer m()
	for b.Loop() {
		r, err := Open(Persons, path, Parquet, Options{})
		if err != nil {
			b.Fatal(err)
		}
		var rows int64
		for r.Next() {
			rows += r.RecordBatch().NumRows()
		}
		if r.Err() != nil || rows != sum.PersonRows || len(r.Rejects()) > 0 {
			b.Fatalf("read %d rows of %d, %d rejects, err %v", rows, sum.PersonRows, len(r.Rejects()), r.Err())
		}
		r.Release()
	}
}

func fileSize(path string) (int64, error) {
	st, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}
