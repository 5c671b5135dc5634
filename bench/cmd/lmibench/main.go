// Command lmibench compares lmi's matching indicators with the hand-written
// DuckDB SQL baseline on a national-scale synthetic register, in one run.
//
// It generates the register once (kept in -dir for later runs), loads it,
// then times each side in its own child process, alternating, so each
// side's peak memory is its own. Both sides' numbers are compared cell by
// cell before any timing is reported.
//
//	go run -tags duckdb_arrow ./bench/cmd/lmibench -dir /tmp/lmi-bench
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"lmi/bench"
	"lmi/fixtures"
	"lmi/indicators"
	"lmi/ingest/load"
)

const (
	childEnv    = "LMIBENCH_CHILD"
	memLimitEnv = "LMIBENCH_MEMORY_LIMIT"
)

type timing struct {
	Seconds float64 `json:"seconds"`
	PeakKiB int64   `json:"peak_kib"` // the child's VmHWM
}

func main() {
	if side := os.Getenv(childEnv); side != "" {
		if err := child(side, os.Args[1]); err != nil {
			fmt.Fprintln(os.Stderr, "lmibench child:", err)
			os.Exit(1)
		}
		return
	}
	dir := flag.String("dir", "lmi-bench", "folder for the synthetic register and the database (reused across runs)")
	persons := flag.Int("persons", 7_600_000, "population 16-74 in the first year (7.6 million gives about 5 million employed a year)")
	years := flag.Int("years", 10, "years")
	seed := flag.Uint64("seed", 1, "generator seed")
	reps := flag.Int("reps", 3, "timed runs per side")
	suite := flag.Bool("suite", false, "also time the whole indicator suite and the status and commuting families against hand-written SQL")
	fc := flag.Bool("forecast", false, "also time the full national forecast (every län x SSYK 4, backtests, horizon 5)")
	only := flag.String("only", "", "time only these sides (comma-separated: lmi, baseline, tuned, lmi-status, sql-status, lmi-commuting, sql-commuting, suite, suite-report, forecast)")
	memLimit := flag.String("memory-limit", "", "DuckDB memory_limit for the timed children (e.g. 6GB); DuckDB spills to disk beyond it")
	flag.Parse()
	if *suite {
		sides = append(sides, "lmi-status", "sql-status", "lmi-commuting", "sql-commuting", "suite")
	}
	if *fc {
		sides = append(sides, "forecast")
	}
	if *only != "" {
		sides = strings.Split(*only, ",")
	}
	if *memLimit != "" {
		os.Setenv(memLimitEnv, *memLimit)
	}
	if err := run(*dir, *persons, *years, *seed, *reps, *suite || *fc || strings.Contains(*only, "forecast") || strings.Contains(*only, "suite")); err != nil {
		fmt.Fprintln(os.Stderr, "lmibench:", err)
		os.Exit(1)
	}
}

func run(dir string, persons, years int, seed uint64, reps int, suite bool) error {
	ctx := context.Background()
	data := filepath.Join(dir, fmt.Sprintf("register-%d-%d-%d", persons, years, seed))
	if _, err := os.Stat(filepath.Join(data, "hires.parquet")); err != nil {
		fmt.Printf("generating %d persons x %d years into %s ...\n", persons, years, data)
		sum, err := fixtures.Generate(fixtures.Config{Persons: persons, Years: years, Seed: seed, Out: data, Formats: []string{"parquet"}})
		if err != nil {
			return err
		}
		fmt.Printf("  %d rows in %.1fs\n", sum.PersonRows, sum.Elapsed.Seconds())
	}
	dbPath := filepath.Join(data, "bench.duckdb")
	db, s, err := bench.OpenSession(ctx, dbPath)
	if err != nil {
		return err
	}
	tables := []string{"persons"}
	if suite {
		tables = append(tables, "jobseekers", "vacancies", "hires", "graduates")
	}
	for _, table := range tables {
		start := time.Now()
		rep, err := load.File(ctx, db, filepath.Join(data, table+".parquet"), load.Options{Table: table})
		if err != nil {
			return err
		}
		if !rep.AlreadyLoaded {
			fmt.Printf("loaded %d %s rows in %.1fs\n", rep.RowsLoaded, table, time.Since(start).Seconds())
		}
	}
	var rows, employed int64
	var nYears int
	if err := s.Conn().QueryRowContext(ctx, `SELECT count(*), sum(n) FILTER (WHERE status = 'employed'), count(DISTINCT year) FROM persons`).Scan(&rows, &employed, &nYears); err != nil {
		return err
	}
	fmt.Printf("register: %d person-years, %d employed a year on average, %d years\n", rows, employed/int64(nYears), nYears)

	// Agreement first: timings of wrong numbers are worth nothing.
	if _, err := bench.RunLMI(ctx, s); err != nil {
		return err
	}
	if _, err := bench.RunBaseline(ctx, s); err != nil {
		return err
	}
	if _, err := bench.RunTuned(ctx, s); err != nil {
		return err
	}
	for _, table := range []string{bench.BaselineTable, bench.TunedTable} {
		d, err := bench.CompareMatching(ctx, s, table, bench.MatchingParams().K)
		if err != nil {
			return err
		}
		if !d.OK() {
			return fmt.Errorf("lmi and %s disagree: %v", table, d)
		}
		fmt.Printf("agreement with %s: %v\n", table, d)
	}
	if suite {
		for _, fam := range []string{"status", "commuting"} {
			if _, err := bench.RunFamily(ctx, s, fam); err != nil {
				return err
			}
			if _, err := bench.RunFamilyBaseline(ctx, s, fam); err != nil {
				return err
			}
			cells, differ, err := bench.CompareFamily(ctx, s, fam, bench.FamilyParams(fam).K)
			if err != nil {
				return err
			}
			if differ != 0 {
				return fmt.Errorf("lmi and the %s baseline disagree in %d of %d cells", fam, differ, cells)
			}
			fmt.Printf("agreement with the %s baseline: %d cells, none differ\n", fam, cells)
		}
	}
	s.Close()
	db.Close()

	times := map[string][]float64{}
	peak := map[string]int64{}
	for i := 0; i < reps; i++ {
		for _, side := range sides {
			sec, rss, err := spawn(side, dbPath)
			if err != nil {
				return err
			}
			times[side] = append(times[side], sec)
			peak[side] = max(peak[side], rss)
		}
	}
	fmt.Printf("\nmatching indicators, län x education group x sex x year (median of %d, each after a warm-up run):\n", reps)
	for _, side := range sides {
		fmt.Printf("  %-14s %7.3fs   peak RSS %6.0f MiB   runs %s\n", side, median(times[side]), float64(peak[side])/1024, seconds(times[side]))
	}
	if lmi, ok := times["lmi"]; ok {
		fmt.Printf("  ratio lmi / plain hand SQL: %.2f\n", median(lmi)/median(times["baseline"]))
		fmt.Printf("  ratio lmi / tuned hand SQL: %.2f\n", median(lmi)/median(times["tuned"]))
	}
	if _, ok := times["suite"]; ok {
		fmt.Printf("whole suite (every family, län, FA and riket, every dimension): %.3fs, peak RSS %.0f MiB\n",
			median(times["suite"]), float64(peak["suite"])/1024)
	}
	if _, ok := times["suite-report"]; ok {
		fmt.Printf("whole suite, then its workbook and report (the parts above, on standard error): %.3fs, peak RSS %.0f MiB\n",
			median(times["suite-report"]), float64(peak["suite-report"])/1024)
	}
	if _, ok := times["forecast"]; ok {
		fmt.Printf("national forecast (every län x SSYK 4 and riket, all models backtested, horizon 5, written): %.3fs, peak RSS %.0f MiB\n",
			median(times["forecast"]), float64(peak["forecast"])/1024)
	}
	for _, fam := range []string{"status", "commuting"} {
		if l, ok := times["lmi-"+fam]; ok {
			fmt.Printf("  %s: ratio lmi / hand SQL: %.2f\n", fam, median(l)/median(times["sql-"+fam]))
		}
	}
	return nil
}

// sides are the contestants, in the order they run in each round.
var sides = []string{"lmi", "baseline", "tuned"}

func seconds(xs []float64) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.FormatFloat(x, 'f', 3, 64)
	}
	return strings.Join(parts, " ")
}

// spawn runs one side in a child process and returns its timed seconds and
// the child's peak resident memory in KiB.
func spawn(side, dbPath string) (float64, int64, error) {
	self, err := os.Executable()
	if err != nil {
		return 0, 0, err
	}
	cmd := exec.Command(self, dbPath)
	cmd.Env = append(os.Environ(), childEnv+"="+side)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return 0, 0, fmt.Errorf("%s run: %w", side, err)
	}
	var t timing
	if err := json.Unmarshal(out, &t); err != nil {
		return 0, 0, fmt.Errorf("%s run: %w", side, err)
	}
	return t.Seconds, t.PeakKiB, nil
}

// peakKiB reads this process's resident high-water mark. The child's
// rusage would not do: Linux carries the parent's peak into it at fork.
func peakKiB() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kib, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kib
		}
	}
	return 0
}

// child runs one side once to warm up, then once timed, and prints the
// time; the suite with its report runs once.
func child(side, dbPath string) error {
	ctx := context.Background()
	db, s, err := bench.OpenSession(ctx, dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	defer s.Close()
	if limit := os.Getenv(memLimitEnv); limit != "" {
		if _, err := s.Conn().ExecContext(ctx, "SET memory_limit = '"+strings.ReplaceAll(limit, "'", "")+"'"); err != nil {
			return err
		}
	}
	f := bench.RunLMI
	switch side {
	case "baseline":
		f = bench.RunBaseline
	case "tuned":
		f = bench.RunTuned
	case "suite":
		f = func(ctx context.Context, s *indicators.Session) (time.Duration, error) {
			dir, err := os.MkdirTemp("", "lmibench-suite")
			if err != nil {
				return 0, err
			}
			defer os.RemoveAll(dir)
			d, _, err := bench.RunSuite(ctx, s, dir)
			return d, err
		}
	case "suite-report":
		f = suiteReport
	case "forecast":
		f = func(ctx context.Context, s *indicators.Session) (time.Duration, error) {
			dir, err := os.MkdirTemp("", "lmibench-forecast")
			if err != nil {
				return 0, err
			}
			defer os.RemoveAll(dir)
			st, err := bench.RunForecast(ctx, s, dir)
			fmt.Fprintf(os.Stderr, "forecast: %d series, %d backtest forecasts, compute %.3fs (", st.Series, st.Forecasts, st.Compute.Seconds())
			for i, t := range st.Stages {
				if i > 0 {
					fmt.Fprint(os.Stderr, ", ")
				}
				fmt.Fprintf(os.Stderr, "%s %.3fs", t.Stage, t.Elapsed.Seconds())
			}
			fmt.Fprintf(os.Stderr, "), write %.3fs\n", st.Write.Seconds())
			return st.Total, err
		}
	case "lmi-status", "lmi-commuting":
		f = func(ctx context.Context, s *indicators.Session) (time.Duration, error) {
			return bench.RunFamily(ctx, s, strings.TrimPrefix(side, "lmi-"))
		}
	case "sql-status", "sql-commuting":
		f = func(ctx context.Context, s *indicators.Session) (time.Duration, error) {
			return bench.RunFamilyBaseline(ctx, s, strings.TrimPrefix(side, "sql-"))
		}
	}
	// The suite with its report runs once, as lmi run runs it: its two
	// parts are timed in the same run, and its ratio is what is wanted.
	if side != "suite-report" {
		if _, err := f(ctx, s); err != nil {
			return err
		}
	}
	d, err := f(ctx, s)
	if err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(timing{Seconds: d.Seconds(), PeakKiB: peakKiB()})
}

// suiteReport computes the whole suite into a temporary folder, then
// writes its workbook and report there, as lmi run does, and says on
// standard error what each took.
func suiteReport(ctx context.Context, s *indicators.Session) (time.Duration, error) {
	dir, err := os.MkdirTemp("", "lmibench-suite-report")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	d, _, err := bench.RunSuite(ctx, s, dir)
	if err != nil {
		return 0, err
	}
	r, files, err := bench.RunReport(ctx, s, dir)
	if err != nil {
		return 0, err
	}
	var long, wide int64
	for _, f := range files.Read {
		long, wide = long+f.Rows, wide+f.Wide
	}
	wb, _ := os.Stat(files.Workbook)
	var size int64
	if wb != nil {
		size = wb.Size()
	}
	fmt.Fprintf(os.Stderr, "suite %.3fs, then workbook and report %.3fs: +%.1f%% (%d long rows read, %d workbook rows in %d sheets, workbook %d MB, %d notes)\n",
		d.Seconds(), r.Seconds(), 100*r.Seconds()/d.Seconds(), long, wide, len(files.Sheets), size>>20, len(files.Notes))
	for _, n := range files.Notes {
		fmt.Fprintf(os.Stderr, "  note: %s\n", n)
	}
	return d + r, nil
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	return s[len(s)/2]
}
