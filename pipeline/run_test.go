package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"lmi/fixtures"
	"lmi/forecast"
	"lmi/forecast/ts"
)

// data is the fixtures folder every test reads (never writes).
var data string

var tables = []string{"persons", "jobseekers", "vacancies", "hires", "graduates"}

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "lmi-pipeline-test-*")
	if err != nil {
		panic(err)
	}
	data = filepath.Join(dir, "data")
	if _, err := fixtures.Generate(fixtures.Config{Persons: 3000, Years: 2, Seed: 1, Out: data, Formats: []string{"parquet"}}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// writeSpecOf writes a spec over the inputs in inputDir (the shared
// fixtures when ""), with extra [indicators] lines, in a fresh folder,
// and returns its path.
func writeSpecOf(t *testing.T, inputDir, extra string) string {
	t.Helper()
	if inputDir == "" {
		inputDir = data
	}
	var files []string
	for _, n := range tables {
		files = append(files, fmt.Sprintf("%q", filepath.ToSlash(filepath.Join(inputDir, n+".parquet"))))
	}
	text := fmt.Sprintf(`name = "Test run"
[inputs]
files = [%s]
[indicators]
levels = ["lan", "fa"]
by = ["edu_group", "sex"]
%s
[outputs]
seed = 42
`, strings.Join(files, ", "), extra)
	p := filepath.Join(t.TempDir(), "run.toml")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func mustRun(t *testing.T, specPath, runDir string, opts Options) *Manifest {
	t.Helper()
	s, err := LoadSpec(specPath)
	if err != nil {
		t.Fatal(err)
	}
	m, err := RunWith(context.Background(), s, runDir, opts)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// copyInputs copies the fixtures to a folder the test may change.
func copyInputs(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, n := range tables {
		b, err := os.ReadFile(filepath.Join(data, n+".parquet"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, n+".parquet"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestRunManifest(t *testing.T) {
	spec := writeSpecOf(t, "", "")
	s, err := LoadSpec(spec)
	if err != nil {
		t.Fatal(err)
	}
	// The default run folder is runs/<slug> under the working directory,
	// here a folder below the spec's, never beside the spec.
	work := filepath.Join(filepath.Dir(spec), "work")
	if err := os.Mkdir(work, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(work)
	m, err := Run(context.Background(), s, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(spec), "runs")); !os.IsNotExist(err) {
		t.Errorf("a runs folder beside the spec: %v", err)
	}
	runDir := filepath.Join(work, "runs", "test-run")
	raw, err := os.ReadFile(filepath.Join(runDir, ManifestFile))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(raw, []byte("{\n  \"manifest_format\": 2,\n  \"name\": \"Test run\",\n  \"spec_file\": \"../../../run.toml\",\n  \"spec_sha256\": \""+s.SHA256)) {
		t.Errorf("manifest starts\n%s", raw[:min(len(raw), 300)])
	}
	var back Manifest
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	// Without [forecast] the manifest is as before forecasts existed.
	if bytes.Contains(raw, []byte(`"forecast"`)) || m.Spec.Forecast != nil || m.Parameters.Forecast != nil {
		t.Errorf("a run without [forecast] records a forecast")
	}
	if _, err := os.Stat(filepath.Join(runDir, DatabaseFile)); err != nil {
		t.Errorf("database: %v", err)
	}
	if len(m.Inputs) != len(tables) {
		t.Fatalf("%d inputs", len(m.Inputs))
	}
	for i, in := range m.Inputs {
		sum, size, _ := hashFile(filepath.Join(data, tables[i]+".parquet"))
		if in.Table != tables[i] || in.Format != "parquet" || in.SHA256 != sum || in.Size != size ||
			in.RowsRead == 0 || in.RowsLoaded != in.RowsRead || in.RowsRejected != 0 || filepath.IsAbs(in.Path) {
			t.Errorf("input %d: %+v", i, in)
		}
	}
	if m.Spec.K != 5 || m.Spec.Age != "20-64" || m.Spec.OutputsDir != "outputs" || m.Spec.Seed != 42 ||
		len(m.Spec.Alphas) != 5 || m.Spec.MatchKey.Threshold != 0.05 {
		t.Errorf("spec record %+v", m.Spec)
	}
	p := m.Parameters
	if p.K != 5 || p.Seed != 42 || p.MatchKey.Kind != "statistical" || p.MatchKey.BaseYear != 2016 || p.MatchKey.Pairs == 0 {
		t.Errorf("parameters %+v", p)
	}
	sw := m.Software
	if sw.GoVersion != runtime.Version() || !strings.HasPrefix(sw.DuckDBVersion, "v") || sw.LMIVersion == "" || sw.VCSRevision == "" {
		t.Errorf("software %+v", sw)
	}
	if len(m.Indicators) < 10 {
		t.Errorf("%d indicators", len(m.Indicators))
	}
	for _, ind := range m.Indicators {
		if ind.Version < 1 || ind.Family == "" || len(ind.SQLSHA256) != 64 {
			t.Errorf("indicator %+v", ind)
		}
	}
	if len(m.Outputs) == 0 || len(m.Outputs)%2 != 0 {
		t.Fatalf("%d outputs", len(m.Outputs))
	}
	for _, o := range m.Outputs {
		sum, size, err := hashFile(filepath.Join(runDir, o.Path))
		if err != nil || sum != o.SHA256 || size != o.Size || o.Rows <= 0 || !strings.HasPrefix(o.Path, "outputs/") {
			t.Errorf("output %+v: %v", o, err)
		}
	}
	// The workbook and the report, in the run folder, recorded with their
	// hashes; the workbook's rows are its sheets' data rows.
	if len(m.Reports) != 2 || m.Reports[0].Path != "workbook.xlsx" || m.Reports[1].Path != "report.html" {
		t.Fatalf("reports %+v", m.Reports)
	}
	for _, o := range m.Reports {
		sum, size, err := hashFile(filepath.Join(runDir, o.Path))
		if err != nil || sum != o.SHA256 || size != o.Size || o.Family != ReportFamily || o.Format != strings.TrimPrefix(filepath.Ext(o.Path), ".") {
			t.Errorf("report %+v: %v", o, err)
		}
	}
	if m.Reports[0].Rows <= 0 || m.Reports[1].Rows != 0 {
		t.Errorf("report rows %d and %d", m.Reports[0].Rows, m.Reports[1].Rows)
	}
	page, err := os.ReadFile(filepath.Join(runDir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	// The provenance names the inputs by file and hash, the labels come
	// from the indicators' headers and the family titles from family.toml.
	for _, want := range []string{"persons.parquet", m.Inputs[0].SHA256, "Matchning mellan utbildning och yrke", "Matchningsgrad"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	stages := map[string]bool{}
	for _, tm := range m.Timings {
		stages[strings.Fields(tm.Stage)[0]] = true
	}
	if !stages["load"] || !stages["compute"] || !stages["write"] {
		t.Errorf("timings %+v", m.Timings)
	}

	// A second run in the same folder replaces the first.
	m2 := mustRun(t, spec, runDir, Options{})
	for i := range m.Outputs {
		if m.Outputs[i] != m2.Outputs[i] {
			t.Errorf("second run: %+v, first %+v", m2.Outputs[i], m.Outputs[i])
		}
	}
	if !slices.Equal(m.Reports, m2.Reports) {
		t.Errorf("second run's reports %+v, first %+v", m2.Reports, m.Reports)
	}
}

// outputs reads every output file of a run, the workbook and the report
// among them.
func outputs(t *testing.T, runDir string, m *Manifest) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, o := range slices.Concat(m.Outputs, m.Reports) {
		b, err := os.ReadFile(filepath.Join(runDir, o.Path))
		if err != nil {
			t.Fatal(err)
		}
		out[o.Path] = b
	}
	return out
}

func TestRunDeterministic(t *testing.T) {
	specs := []struct{ name, path string }{
		{"indicators", writeSpecOf(t, "", "")},
		// The forecast on six years, so backtests, selection and
		// intervals all run; every level kind and a combination.
		{"forecast", forecastSpec(t, forecastInputs(t), "levels = [\"lan\", \"fa\", \"riket\", \"norr\"]\ncombine = true\n")},
	}
	for _, sp := range specs {
		t.Run(sp.name, func(t *testing.T) { deterministic(t, sp.path) })
	}
}

// deterministic runs spec with several GOMAXPROCS and DuckDB thread
// counts and checks every output has the first run's bytes.
func deterministic(t *testing.T, spec string) {
	type setting struct {
		name       string
		gomaxprocs int
		threads    int
	}
	settings := []setting{
		{"default", 0, 0},
		{"again", 0, 0},
		{"GOMAXPROCS 1, 1 DuckDB thread", 1, 1},
		{"GOMAXPROCS 2, 2 DuckDB threads", 2, 2},
		{"GOMAXPROCS 2, 8 DuckDB threads", 2, 8},
	}
	var first map[string][]byte
	for _, st := range settings {
		if st.gomaxprocs > 0 {
			old := runtime.GOMAXPROCS(st.gomaxprocs)
			defer runtime.GOMAXPROCS(old)
		}
		runDir := filepath.Join(t.TempDir(), "run")
		m := mustRun(t, spec, runDir, Options{Threads: st.threads})
		got := outputs(t, runDir, m)
		if first == nil {
			first = got
			continue
		}
		if len(got) != len(first) {
			t.Errorf("%s: %d outputs, first run %d", st.name, len(got), len(first))
		}
		for p, b := range first {
			if !bytes.Equal(got[p], b) {
				t.Errorf("%s: %s differs from the first run", st.name, p)
			}
		}
	}
}

func TestVerify(t *testing.T) {
	ctx := context.Background()
	inputs := copyInputs(t)
	spec := writeSpecOf(t, inputs, "")
	runDir := filepath.Join(t.TempDir(), "run")
	m := mustRun(t, spec, runDir, Options{})

	rep, err := Verify(ctx, runDir)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	rep.Write(&buf)
	if !rep.OK() || len(rep.Outputs) != len(m.Outputs)+len(m.Reports) || !strings.Contains(buf.String(), "identical") {
		t.Fatalf("fresh run does not verify:\n%s", buf.String())
	}

	// One line of one output CSV edited.
	csvPath := filepath.Join(runDir, "outputs", "matching.csv")
	orig, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(orig), "\n")
	const edited = 7 // 1-based, the header is line 1
	lines[edited-1] = strings.Replace(lines[edited-1], ",", ";", 1)
	if err := os.WriteFile(csvPath, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err = Verify(ctx, runDir)
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	rep.Write(&buf)
	if rep.OK() {
		t.Fatalf("edited output verifies:\n%s", buf.String())
	}
	var found bool
	for _, c := range rep.Outputs {
		switch {
		case c.Path == "outputs/matching.csv":
			found = true
			origLines := strings.Split(string(orig), "\n")
			if c.Status != StatusDiffers || c.Line != edited || c.CurrentLine != lines[edited-1] || c.RerunLine != origLines[edited-1] {
				t.Errorf("edited CSV: %+v", c)
			}
		case c.Status != StatusIdentical:
			t.Errorf("%s: %s, want identical", c.Path, c.Status)
		}
	}
	if !found || !strings.Contains(buf.String(), "output outputs/matching.csv: differs") ||
		!strings.Contains(buf.String(), fmt.Sprintf("first difference at line %d", edited)) {
		t.Errorf("report:\n%s", buf.String())
	}
	if err := os.WriteFile(csvPath, orig, 0o644); err != nil {
		t.Fatal(err)
	}

	// The report edited: its first differing line is found, the lines cut.
	htmlPath := filepath.Join(runDir, "report.html")
	page, err := os.ReadFile(htmlPath)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(page, []byte("<title>"))
	if i < 0 {
		t.Fatal("report.html has no title")
	}
	edit := slices.Clone(page)
	copy(edit[i:], "<TITLE>")
	if err := os.WriteFile(htmlPath, edit, 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err = Verify(ctx, runDir)
	if err != nil {
		t.Fatal(err)
	}
	line := bytes.Count(page[:i], []byte("\n")) + 1
	for _, c := range rep.Outputs {
		if c.Path == "report.html" && (c.Status != StatusDiffers || c.Line != line || !strings.Contains(c.CurrentLine, "<TITLE>") ||
			!strings.Contains(c.RerunLine, "<title>") || len(c.CurrentLine) > 204) {
			t.Errorf("edited report: %+v, want line %d", c, line)
		}
	}
	if err := os.WriteFile(htmlPath, page, 0o644); err != nil {
		t.Fatal(err)
	}

	// One Parquet output rewritten with one value changed: the row is found.
	pqPath := filepath.Join(runDir, "outputs", "status.parquet")
	rewriteParquetRow(t, pqPath, 12)
	rep, err = Verify(ctx, runDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range rep.Outputs {
		if c.Path == "outputs/status.parquet" && (c.Status != StatusDiffers || c.Row != 13) {
			t.Errorf("edited Parquet: %+v, want row 13", c)
		}
	}

	// One byte of the run folder's copy of one input changed: verify names
	// the copy, with both hashes, and does not re-run.
	hires := m.Inputs[3]
	if hires.Copy != "inputs/"+hires.SHA256[:12]+"/hires.parquet" {
		t.Fatalf("hires copy %q", hires.Copy)
	}
	copied := filepath.Join(runDir, filepath.FromSlash(hires.Copy))
	sum := flipByte(t, copied)
	rep, err = Verify(ctx, runDir)
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	rep.Write(&buf)
	if rep.OK() || rep.ReRun || !strings.Contains(buf.String(), "input "+hires.Copy+" (the run folder's copy of "+hires.Path+
		"): changed: sha256 was "+hires.SHA256+", is "+sum) {
		t.Errorf("changed copy:\n%s", buf.String())
	}
	// Without the copy, the file at the recorded path is checked: changed
	// there too, so named there.
	if err := os.Remove(copied); err != nil {
		t.Fatal(err)
	}
	sum = flipByte(t, filepath.Join(inputs, "hires.parquet"))
	rep, err = Verify(ctx, runDir)
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	rep.Write(&buf)
	if rep.OK() || rep.ReRun || !strings.Contains(buf.String(), "input "+hires.Path+": changed: sha256 was "+hires.SHA256+", is "+sum) {
		t.Errorf("changed input:\n%s", buf.String())
	}
	// And a missing one: neither its copy nor the file is there.
	os.Remove(filepath.Join(runDir, filepath.FromSlash(m.Inputs[0].Copy)))
	os.Remove(filepath.Join(inputs, "persons.parquet"))
	rep, err = Verify(ctx, runDir)
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	rep.Write(&buf)
	if rep.Inputs[0].Status != StatusMissing || rep.Inputs[3].Status != StatusChanged ||
		!strings.Contains(buf.String(), "input "+m.Inputs[0].Path+": missing (recorded sha256 "+m.Inputs[0].SHA256+
			"): its copy "+m.Inputs[0].Copy+" is not in the run folder; not at "+m.Inputs[0].Path) {
		t.Errorf("inputs %+v\n%s", rep.Inputs, buf.String())
	}
}

// flipByte changes one bit in the middle of a file and returns its new
// SHA-256.
func flipByte(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 1
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	sum, _, err := hashFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// rewriteParquetRow rewrites a Parquet output with the value of one row
// (0-based) changed.
func rewriteParquetRow(t *testing.T, path string, row int) {
	t.Helper()
	tmp := filepath.Join(t.TempDir(), "x.parquet")
	q := fmt.Sprintf(`COPY (SELECT * EXCLUDE (file_row_number) REPLACE (CASE WHEN file_row_number = %d THEN coalesce(value, 0) + 1 ELSE value END AS value)
FROM read_parquet(%s, file_row_number = true) ORDER BY file_row_number) TO %s (FORMAT parquet)`, row, sqlString(path), sqlString(tmp))
	if _, err := openMem(t).ExecContext(context.Background(), q); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(tmp)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestRunFailureLeavesNoManifest(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "persons.csv")
	if err := os.WriteFile(bad, []byte("this,is,not\na,persons,extract\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	spec := filepath.Join(dir, "run.toml")
	text := fmt.Sprintf("name = \"bad\"\n[inputs]\nfiles = [%q, %q]\n", filepath.ToSlash(filepath.Join(data, "persons.parquet")), "persons.csv")
	if err := os.WriteFile(spec, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := LoadSpec(spec)
	if err != nil {
		t.Fatal(err)
	}
	runDir := filepath.Join(dir, "run")
	// A finished run in the folder first: the failed one must remove its manifest.
	mustRun(t, writeSpecOf(t, "", `indicators = ["forvarvsgrad"]`), runDir, Options{})
	_, err = Run(context.Background(), s, runDir)
	if err == nil || !strings.Contains(err.Error(), "input "+bad) {
		t.Fatalf("error %v, want one naming input %s", err, bad)
	}
	if _, err := os.Stat(filepath.Join(runDir, ManifestFile)); !os.IsNotExist(err) {
		t.Errorf("manifest after a failed run: %v", err)
	}
	if _, err := Verify(context.Background(), runDir); err == nil || !strings.Contains(err.Error(), "no manifest.json") {
		t.Errorf("verify of a failed run: %v", err)
	}
}

// TestMismatchFloatOrder: the mismatch indices are sums of doubles, which
// DuckDB's hash aggregation would add in no fixed order; the SQL orders
// them, so repeated runs on one or several threads give identical bytes.
func TestMismatchFloatOrder(t *testing.T) {
	spec := writeSpecOf(t, "", `indicators = ["mismatch_jackman_roper", "mismatch_layard_nickell", "mismatch_sahin"]`)
	run := func(threads int) string {
		runDir := filepath.Join(t.TempDir(), "run")
		return string(outputs(t, runDir, mustRun(t, spec, runDir, Options{Threads: threads}))["outputs/mismatch.csv"])
	}
	first := run(0)
	if strings.Count(first, "\n") < 10 {
		t.Fatalf("mismatch.csv has %d lines: nothing to compare", strings.Count(first, "\n"))
	}
	for _, threads := range []int{1, 1, 4, 4} {
		if again := run(threads); again != first {
			la, lb := strings.Split(first, "\n"), strings.Split(again, "\n")
			for i := range min(len(la), len(lb)) {
				if la[i] != lb[i] {
					t.Errorf("%d threads: mismatch.csv line %d differs:\n%s\n%s", threads, i+1, la[i], lb[i])
					break
				}
			}
		}
	}
}

// TestVerifyRecordedThreads: a run on one DuckDB thread records it, and
// verify re-runs the same way.
func TestVerifyRecordedThreads(t *testing.T) {
	spec := writeSpecOf(t, "", `indicators = ["forvarvsgrad", "beveridge_u"]`)
	runDir := filepath.Join(t.TempDir(), "run")
	m := mustRun(t, spec, runDir, Options{Threads: 1})
	if m.Execution.DuckDBThreads != 1 {
		t.Errorf("execution %+v", m.Execution)
	}
	rep, err := Verify(context.Background(), runDir)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() {
		var buf bytes.Buffer
		rep.Write(&buf)
		t.Errorf("one-thread run does not verify:\n%s", buf.String())
	}
}

var (
	forecastFixturesOnce sync.Once
	forecastFixtures     string
	forecastFixturesErr  error
)

// forecastInputs returns a folder of fixtures over six years (2015-2020),
// enough for the forecast's backtests to have origins (the shared
// fixtures have two years: the forecast falls back to naive on them).
func forecastInputs(t *testing.T) string {
	t.Helper()
	forecastFixturesOnce.Do(func() {
		forecastFixtures = filepath.Join(filepath.Dir(data), "forecast-fixtures")
		_, forecastFixturesErr = fixtures.Generate(fixtures.Config{Persons: 3000, Years: 6, Seed: 3,
			Out: forecastFixtures, Formats: []string{"parquet"}})
	})
	if forecastFixturesErr != nil {
		t.Fatal(forecastFixturesErr)
	}
	return forecastFixtures
}

// forecastSpec writes a spec over inputDir with one indicator (to keep
// the run short), a grouping "norr" and the [forecast] lines given.
func forecastSpec(t *testing.T, inputDir, forecastLines string) string {
	t.Helper()
	norr := filepath.Join(t.TempDir(), "norr.csv")
	if err := os.WriteFile(norr, []byte("region,code\nNorr,24\nNorr,25\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return writeSpecOf(t, inputDir, fmt.Sprintf("indicators = [\"forvarvsgrad\"]\ngroupings = [%q]\n[forecast]\n%s",
		filepath.ToSlash(norr), forecastLines))
}

// forecastFiles are the files a forecast adds to the outputs folder.
var forecastFiles = []string{forecast.FileForecast, forecast.FileShortage, forecast.FileSelection}

func TestRunForecast(t *testing.T) {
	ctx := context.Background()
	spec := forecastSpec(t, forecastInputs(t), "levels = [\"lan\", \"norr\"]\nhorizon = 3\n")
	runDir := filepath.Join(t.TempDir(), "run")
	m := mustRun(t, spec, runDir, Options{})

	for _, name := range forecastFiles {
		for _, ext := range []string{"csv", "parquet"} {
			path := "outputs/" + name + "." + ext
			i := slices.IndexFunc(m.Outputs, func(o OutputRecord) bool { return o.Path == path })
			if i < 0 {
				t.Errorf("%s is not in the manifest's outputs", path)
				continue
			}
			o := m.Outputs[i]
			sum, size, err := hashFile(filepath.Join(runDir, path))
			if err != nil || o.Family != name || o.Format != ext || o.SHA256 != sum || o.Size != size || o.Rows <= 0 {
				t.Errorf("output %+v: file sha256 %s size %d, %v", o, sum, size, err)
			}
			if ext == "csv" {
				b, _ := os.ReadFile(filepath.Join(runDir, path))
				if lines := int64(bytes.Count(b, []byte("\n"))) - 1; lines != o.Rows {
					t.Errorf("%s: %d rows in the file, manifest says %d", path, lines, o.Rows)
				}
			}
		}
	}
	csv, err := os.ReadFile(filepath.Join(runDir, "outputs", "forecast.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(csv, []byte("\nlan,")) || !bytes.Contains(csv, []byte("\nnorr,Norr,")) {
		t.Errorf("forecast.csv lacks lan or norr rows:\n%s", csv[:min(len(csv), 500)])
	}

	f := m.Spec.Forecast
	if f == nil || !slices.Equal(f.Levels, []string{"lan", "norr"}) || f.Horizon != 3 || f.Origin != 0 || f.K != 5 ||
		f.Basis != "workplace" || len(f.Thresholds) != 4 || len(f.Models) != 0 {
		t.Errorf("spec record forecast %+v", f)
	}
	p := m.Parameters.Forecast
	if p == nil || p.Origin != 2020 || p.FirstYear != 2015 || p.Horizon != 3 || !slices.Contains(p.Models, "naive") ||
		len(p.Models) < 2 || p.MinTrain != 4 || p.K != 5 || p.Thresholds.Shortage != -0.1 || !p.Panel {
		t.Errorf("parameters forecast %+v", p)
	}
	stages := map[string]bool{}
	for _, tm := range m.Timings {
		stages[tm.Stage] = true
	}
	if !stages["forecast"] || !stages["write forecast"] {
		t.Errorf("timings %+v", m.Timings)
	}

	rep, err := Verify(ctx, runDir)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	rep.Write(&buf)
	if !rep.OK() || len(rep.Outputs) != len(m.Outputs)+len(m.Reports) {
		t.Fatalf("fresh run with a forecast does not verify:\n%s", buf.String())
	}

	// One byte of forecast.csv changed: verify names the file and line.
	lines := strings.Split(string(csv), "\n")
	const edited = 9
	i := strings.LastIndexAny(lines[edited-1], "0123456789")
	b := []byte(lines[edited-1])
	b[i] = '0' + (b[i]-'0'+1)%10
	lines[edited-1] = string(b)
	csvPath := filepath.Join(runDir, "outputs", "forecast.csv")
	if err := os.WriteFile(csvPath, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err = Verify(ctx, runDir)
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	rep.Write(&buf)
	if rep.OK() {
		t.Fatalf("edited forecast verifies:\n%s", buf.String())
	}
	orig := strings.Split(string(csv), "\n")
	for _, c := range rep.Outputs {
		switch {
		case c.Path == "outputs/forecast.csv":
			if c.Status != StatusDiffers || c.Line != edited || c.CurrentLine != lines[edited-1] || c.RerunLine != orig[edited-1] {
				t.Errorf("edited forecast.csv: %+v", c)
			}
		case c.Status != StatusIdentical:
			t.Errorf("%s: %s, want identical", c.Path, c.Status)
		}
	}
	if !strings.Contains(buf.String(), "output outputs/forecast.csv: differs") ||
		!strings.Contains(buf.String(), fmt.Sprintf("first difference at line %d", edited)) {
		t.Errorf("report:\n%s", buf.String())
	}
}

// With two years the backtests have no origin: every series is naive,
// and the run still succeeds.
func TestRunForecastTwoYears(t *testing.T) {
	spec := forecastSpec(t, "", "levels = [\"riket\", \"norr\"]\n")
	runDir := filepath.Join(t.TempDir(), "run")
	m := mustRun(t, spec, runDir, Options{})
	if p := m.Parameters.Forecast; p == nil || p.Origin != 2016 || p.FirstYear != 2015 {
		t.Fatalf("parameters forecast %+v", p)
	}
	b, err := os.ReadFile(filepath.Join(runDir, "outputs", "forecast_models.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) < 2 {
		t.Fatalf("forecast_models.csv:\n%s", b)
	}
	for _, l := range lines[1:] {
		if !strings.Contains(l, ",naive,") || !strings.Contains(l, ts.ReasonTooShort) {
			t.Errorf("a series not naive for being too short: %s", l)
			break
		}
	}
	for _, name := range forecastFiles {
		if !slices.ContainsFunc(m.Outputs, func(o OutputRecord) bool { return o.Family == name }) {
			t.Errorf("no %s output", name)
		}
	}
}

// Verify of a run folder named relative to the working folder: the
// manifest's relative paths resolve against it once, not twice.
func TestVerifyRelativeRunDir(t *testing.T) {
	spec := writeSpecOf(t, copyInputs(t), `indicators = ["forvarvsgrad"]`)
	base := t.TempDir()
	mustRun(t, spec, filepath.Join(base, "runs", "r"), Options{})
	t.Chdir(base)
	rep, err := Verify(context.Background(), filepath.Join("runs", "r"))
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() {
		var buf bytes.Buffer
		rep.Write(&buf)
		t.Errorf("relative run folder does not verify:\n%s", buf.String())
	}
}

// TestRunForecastOnly: a spec with [indicators] compute = false and a
// [forecast] makes only the forecast, here from SCB's published
// employment cells alone (a YREG60-shaped table: no register rows, so
// the matching indicators could not be computed). The manifest records
// compute = false and lmi verify re-runs it.
func TestRunForecastOnly(t *testing.T) {
	dir := t.TempDir()
	// 2512 in Stockholms län (01) and Gotland (09), men, 2015-2020:
	// Stockholm grows by 10 a year from 100, Gotland stays at 20.
	var data []string
	for y := 2015; y <= 2020; y++ {
		for _, c := range []struct {
			lan string
			n   int
		}{{"00", 120 + 10*(y-2015)}, {"01", 100 + 10*(y-2015)}, {"09", 20}} {
			data = append(data, fmt.Sprintf(`{"key":["%s","2512","1","%d"],"values":["%d"]}`, c.lan, y, c.n))
		}
	}
	doc := `{"columns":[{"code":"Region","text":"region","type":"d"},{"code":"Yrke2012","text":"Yrke (SSYK 2012)","type":"d"},` +
		`{"code":"Kon","text":"kön","type":"d"},{"code":"Tid","text":"år","type":"t"},` +
		`{"code":"000005G2","text":"Anställda (yrkesregistret) 16-64 år med arbetsplats i regionen (dagbef)","type":"c"}],` +
		`"comments":[],"data":[` + strings.Join(data, ",") + `],` +
		`"metadata":[{"label":"Anställda","source":"SCB","updated":"2021-05-25T08:00:00Z","infofile":"AM0208"}]}`
	if err := os.WriteFile(filepath.Join(dir, "YREG60.json"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	const inputs = "name = \"SCB\"\n[inputs]\nfiles = [\"YREG60.json\"]\n"
	const forecastLines = "[forecast]\nlevels = [\"lan\"]\nhorizon = 2\n"

	// Every indicator, the default: the families needing register rows
	// are left out and say why, so is employment (YREG60 here has two
	// län, not every one), and the empty shortage list fails the run.
	all := write("all.toml", inputs+forecastLines)
	s, err := LoadSpec(all)
	if err != nil {
		t.Fatal(err)
	}
	var gaps *EmptyError
	m, err := Run(context.Background(), s, filepath.Join(dir, "all"))
	if !errors.As(err, &gaps) || m == nil ||
		!slices.ContainsFunc(m.Empty, func(e EmptyRecord) bool {
			return e.Output == "employment" && strings.HasPrefix(e.Reason, "left out: level lan cannot be made from scb_employment (YREG60)")
		}) ||
		!slices.ContainsFunc(m.Empty, func(e EmptyRecord) bool { return e.Output == "matching" && strings.Contains(e.Reason, "no input") }) {
		t.Errorf("every indicator from SCB's cells alone: %v; manifest %+v", err, m)
	}

	// Only the forecast: with no age structure (YREG57) the shortage list
	// is empty, which fails the run unless empty results are accepted.
	only := write("only.toml", inputs+"[indicators]\ncompute = false\n"+forecastLines)
	if s, err = LoadSpec(only); err != nil {
		t.Fatal(err)
	}
	var empty *EmptyError
	if _, err := Run(context.Background(), s, filepath.Join(dir, "only")); !errors.As(err, &empty) ||
		len(empty.Gaps) != 1 || empty.Gaps[0].Output != "shortage_list" || !strings.Contains(empty.Gaps[0].Reason, "YREG57") {
		t.Errorf("an empty shortage list: %v", err)
	}
	spec := write("run.toml", inputs+"[indicators]\ncompute = false\n"+forecastLines+"[outputs]\nallow_empty = true\n")
	runDir := filepath.Join(dir, "run")
	m = mustRun(t, spec, runDir, Options{})
	if len(m.Empty) != 1 || m.Empty[0].Output != "shortage_list" {
		t.Errorf("manifest's empty outputs: %+v", m.Empty)
	}
	var families []string
	for _, o := range m.Outputs {
		families = append(families, o.Family+"."+o.Format)
	}
	want := []string{"forecast.csv", "forecast.parquet", "shortage_list.csv", "shortage_list.parquet", "forecast_models.csv", "forecast_models.parquet"}
	if slices.Sort(families); !slices.Equal(families, slices.Sorted(slices.Values(want))) {
		t.Errorf("outputs %v, want only the forecast's %v", families, want)
	}
	if m.Spec.Compute == nil || *m.Spec.Compute || len(m.Indicators) != 0 {
		t.Errorf("spec compute %v, %d indicators", m.Spec.Compute, len(m.Indicators))
	}
	b, err := os.ReadFile(filepath.Join(runDir, "outputs", "forecast.csv"))
	if err != nil {
		t.Fatal(err)
	}
	// Stockholm's 150 and Gotland's 20 of 2020, and together 170.
	for _, row := range []string{"\nlan,01,Stockholms län,4,2512,", "\nlan,09,Gotlands län,4,2512,", "\nlan,*,Alla regioner,4,2512,"} {
		i := bytes.Index(b, []byte(row))
		if i < 0 {
			t.Errorf("forecast.csv has no row %q", row[1:])
			continue
		}
		line, _, _ := strings.Cut(string(b[i+1:]), "\n")
		if f := strings.Split(line, ","); len(f) < 10 || f[6] != "2020" || f[9] != map[string]string{"01": "150.0", "09": "20.0", "*": "170.0"}[f[1]] {
			t.Errorf("forecast.csv: %s", line)
		}
	}
	verifyOK(t, runDir)
	if man, err := os.ReadFile(filepath.Join(runDir, "manifest.json")); err != nil || !bytes.Contains(man, []byte(`"compute": false`)) {
		t.Errorf("manifest.json does not record compute = false (%v)", err)
	}

	// A nightly refresh of the same spec: nothing to do the second time;
	// a new release of the table recomputes the forecast, the one family.
	refreshed := filepath.Join(dir, "refreshed")
	mustRefresh(t, spec, refreshed)
	if res := mustRefresh(t, spec, refreshed); res.Built {
		t.Error("refresh rebuilt with nothing changed")
	}
	doc = strings.Replace(doc, `"values":["20"]`, `"values":["21"]`, 1)
	if err := os.WriteFile(filepath.Join(dir, "YREG60.json"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	res := mustRefresh(t, spec, refreshed)
	if !res.Built || len(res.Families) != 1 || res.Families[0].Family != ForecastFamily || res.Families[0].Action != "recomputed" {
		t.Errorf("refresh after a new release: built %v, families %+v", res.Built, res.Families)
	}
}
