package load

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"lmi/fixtures"
	"lmi/ingest/canonical"
	"lmi/store"
)

const head = "year,home_kommun,work_kommun,status,ssyk4,sex,age,birth_region,n\n"

// register writes a persons CSV with good rows and the given bad ones
// placed after the first good row.
func register(t *testing.T, dir, name string, good int, bad ...string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(head)
	for i := 0; i < good; i++ {
		fmt.Fprintf(&b, "2021,0180,0180,employed,2512,%d,%d,1,1\n", 1+i%2, 20+i%40)
		if i == 0 {
			for _, r := range bad {
				b.WriteString(r + "\n")
			}
		}
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// snapshot summarises the whole database so "exactly as it was" can be
// checked: row counts and an order-independent hash of every table.
func snapshot(t *testing.T, db *store.DB) string {
	t.Helper()
	var s string
	err := db.SQL().QueryRow(`SELECT
		(SELECT count(*) FROM persons) || '/' ||
		(SELECT coalesce(sum(hash(p)), 0) FROM persons AS p) || '/' ||
		(SELECT count(*) FROM sources) || '/' ||
		(SELECT coalesce(sum(hash(s)), 0) FROM sources AS s)`).Scan(&s)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func openDB(t *testing.T, path string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestLoadAndReload(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	db := openDB(t, filepath.Join(dir, "lmi.duckdb"))
	path := register(t, dir, "a.csv", 10)

	rep, err := Persons(ctx, db, path, Options{Alloc: mem})
	if err != nil {
		t.Fatal(err)
	}
	if rep.AlreadyLoaded || rep.RowsRead != 10 || rep.RowsLoaded != 10 || len(rep.Rejects) != 0 {
		t.Errorf("first load: %+v", rep)
	}
	srcs, err := db.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(srcs) != 1 || srcs[0].SHA256 != rep.SHA256 || srcs[0].RowsLoaded != 10 || srcs[0].Format != "csv" || srcs[0].Target != "persons" {
		t.Errorf("sources = %+v", srcs)
	}
	before := snapshot(t, db)

	// Same content under another name: a no-op that says so.
	copyPath := filepath.Join(dir, "copy.csv")
	b, _ := os.ReadFile(path)
	os.WriteFile(copyPath, b, 0o644)
	rep, err = Persons(ctx, db, copyPath, Options{Alloc: mem})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.AlreadyLoaded || rep.LoadedAs != path {
		t.Errorf("reload: %+v, want AlreadyLoaded as %s", rep, path)
	}
	if after := snapshot(t, db); after != before {
		t.Errorf("reload changed the database: %s -> %s", before, after)
	}
}

func TestRejectLimit(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := openDB(t, filepath.Join(dir, "lmi.duckdb"))
	if _, err := Persons(ctx, db, register(t, dir, "base.csv", 7), Options{}); err != nil {
		t.Fatal(err)
	}
	bad := "2021,0180,0180,employed,2512,1,30,1,-5" // negative count

	t.Run("below the limit", func(t *testing.T) {
		// 1 bad row in 200: 0.5% <= 1%.
		rep, err := Persons(ctx, db, register(t, dir, "ok.csv", 199, bad), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if rep.RowsRead != 200 || rep.RowsLoaded != 199 || len(rep.Rejects) != 1 {
			t.Errorf("report %+v", rep)
		}
		r := rep.Rejects[0]
		if r.Line != 3 || r.Column != "n" || r.Value != "-5" {
			t.Errorf("reject %+v, want line 3 column n value -5", r)
		}
	})

	t.Run("above the limit fails as a whole", func(t *testing.T) {
		before := snapshot(t, db)
		// 2 bad rows in 100: 2% > 1%.
		rep, err := Persons(ctx, db, register(t, dir, "bad.csv", 98, bad, bad), Options{})
		var tm *TooManyRejectsError
		if !errors.As(err, &tm) {
			t.Fatalf("err = %v, want *TooManyRejectsError", err)
		}
		if tm.Rejected != 2 || tm.Read != 100 || tm.First.Line != 3 {
			t.Errorf("error %+v", tm)
		}
		if len(rep.Rejects) != 2 {
			t.Errorf("report carries %d rejects, want 2", len(rep.Rejects))
		}
		if after := snapshot(t, db); after != before {
			t.Errorf("failed load changed the database: %s -> %s", before, after)
		}
	})

	t.Run("a higher limit lets it in", func(t *testing.T) {
		rep, err := Persons(ctx, db, register(t, dir, "bad.csv", 98, bad, bad), Options{MaxRejectShare: 0.05})
		if err != nil || rep.RowsLoaded != 98 {
			t.Errorf("rep %+v, err %v", rep, err)
		}
	})

	t.Run("zero tolerance", func(t *testing.T) {
		_, err := Persons(ctx, db, register(t, dir, "one.csv", 999, bad), Options{MaxRejectShare: -1})
		var tm *TooManyRejectsError
		if !errors.As(err, &tm) {
			t.Fatalf("err = %v, want *TooManyRejectsError", err)
		}
	})
}

func TestBrokenInputsLeaveNoTrace(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := openDB(t, filepath.Join(dir, "lmi.duckdb"))
	if _, err := Persons(ctx, db, register(t, dir, "base.csv", 7), Options{}); err != nil {
		t.Fatal(err)
	}
	good, _ := os.ReadFile(register(t, dir, "big.csv", 5000))
	cases := map[string][]byte{
		"header.csv":        []byte("year,home_kommun,status\n2021,0180,employed\n"),
		"empty.csv":         nil,
		"headeronly.csv":    []byte(head),
		"html.csv":          []byte("<html><body>502 Bad Gateway</body></html>\n"),
		"truncated.parquet": []byte("PAR1\x15\x04\x15"),
		"latin1.csv":        []byte(head + "2021,0180,0180,employed,2512,1,30,\xd6,1\n"),
		"cut.csv":           good[:len(good)/2-12], // ends mid-row, after the sex: a file cut short, refused whole
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name)
			os.WriteFile(path, content, 0o644)
			before := snapshot(t, db)
			_, err := Persons(ctx, db, path, Options{})
			var te *canonical.TruncatedError
			if name == "cut.csv" && !errors.As(err, &te) {
				t.Errorf("err = %v, want a truncated file", err)
			}
			if err == nil {
				t.Fatal("loaded a broken file")
			}
			if !strings.Contains(err.Error(), name) {
				t.Errorf("error %q does not name the file", err)
			}
			if after := snapshot(t, db); after != before {
				t.Errorf("database changed: %s -> %s", before, after)
			}
		})
	}
}

func TestDatabasePersists(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "lmi.duckdb")
	db, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Persons(ctx, db, register(t, dir, "a.csv", 12), Options{}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db = openDB(t, dbPath)
	var n int
	if err := db.SQL().QueryRow("SELECT sum(n) FROM persons").Scan(&n); err != nil || n != 12 {
		t.Errorf("after reopen: %d persons (%v), want 12", n, err)
	}
	if _, err := Persons(ctx, db, register(t, dir, "a.csv", 12), Options{}); err != nil {
		t.Fatal(err)
	}
	if err := db.SQL().QueryRow("SELECT sum(n) FROM persons").Scan(&n); err != nil || n != 12 {
		t.Errorf("after reload: %d persons, want still 12", n)
	}
}

// TestFlowFilesDetected loads the generator's flow tables without naming
// them: columns and file names say which table each is.
func TestFlowFilesDetected(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	sum, err := fixtures.Generate(fixtures.Config{Persons: 3000, Years: 2, Seed: 5, Out: dir, Formats: []string{"csv", "parquet"}})
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]int64{}
	for _, f := range sum.Files {
		rows[f.Name] = f.Rows
	}
	db := openDB(t, filepath.Join(dir, "lmi.duckdb"))
	for _, name := range []string{"jobseekers.parquet", "vacancies.csv", "hires.parquet", "graduates.csv"} {
		rep, err := File(ctx, db, filepath.Join(dir, name), Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		table := strings.SplitN(name, ".", 2)[0]
		if rep.Table != table || rep.RowsLoaded != rows[name] || len(rep.Rejects) != 0 {
			t.Errorf("%s: loaded %d rows into %s with %d rejects, want %d into %s", name, rep.RowsLoaded, rep.Table, len(rep.Rejects), rows[name], table)
		}
		var n int64
		if err := db.SQL().QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil || n != rows[name] {
			t.Errorf("%s table holds %d rows (%v), want %d", table, n, err, rows[name])
		}
	}
	// Same columns as hires, but the name does not say which: refused.
	odd := filepath.Join(dir, "flows.csv")
	b, _ := os.ReadFile(filepath.Join(dir, "hires.csv"))
	os.WriteFile(odd, b, 0o644)
	if _, err := File(ctx, db, odd, Options{}); err == nil || !strings.Contains(err.Error(), "hires, vacancies") {
		t.Errorf("ambiguous file: %v", err)
	}
	// Named, it loads (beside hires.parquet, the same hires, it is refused:
	// they would count twice); the same content again is a no-op.
	var overlap *store.FlowOverlapError
	if _, err := File(ctx, db, odd, Options{Table: "hires"}); !errors.As(err, &overlap) || overlap.Table != "hires" || !strings.HasSuffix(overlap.Other, "hires.parquet") {
		t.Errorf("the same hires twice: %v", err)
	}
	db = openDB(t, filepath.Join(dir, "other.duckdb"))
	if rep, err := File(ctx, db, odd, Options{Table: "hires"}); err != nil || rep.RowsLoaded != rows["hires.csv"] {
		t.Errorf("named table: %+v, %v", rep, err)
	}
	if rep, err := File(ctx, db, odd, Options{Table: "hires"}); err != nil || !rep.AlreadyLoaded {
		t.Errorf("reload: %+v, %v", rep, err)
	}
}

// Inputs that are not regular files are refused at once: /dev/zero would
// be read for ever.
func TestNotRegularFileRefused(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := openDB(t, filepath.Join(dir, "lmi.duckdb"))
	for _, path := range []string{"/dev/zero", "/dev/null", dir} {
		if _, err := os.Stat(path); err != nil {
			t.Skipf("%s: %v", path, err)
		}
		var nr *NotRegularError
		if _, err := Any(ctx, db, path, Options{}); !errors.As(err, &nr) || nr.Path != path {
			t.Errorf("load %s: %v, want a not-regular-file error", path, err)
		}
		if _, err := FileSHA256(path); !errors.As(err, &nr) {
			t.Errorf("hash %s: %v, want a not-regular-file error", path, err)
		}
	}
}
