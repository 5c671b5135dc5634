package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"lmi/fixtures"
	"lmi/pipeline"
)

// refreshCmd runs lmi refresh in-process with its log captured; code is
// refresh's exit status.
func refreshCmd(t *testing.T, args ...string) (stdout, stderr, log string, code int) {
	t.Helper()
	var logBuf bytes.Buffer
	refreshStderr = &logBuf
	defer func() { refreshStderr = os.Stderr }()
	stdout, stderr, code = lmi(t, append([]string{"refresh"}, args...)...)
	return stdout, stderr, logBuf.String(), code
}

func TestRefreshCommand(t *testing.T) {
	top := t.TempDir()
	if _, err := fixtures.Generate(fixtures.Config{Persons: 2000, Years: 2, Seed: 1,
		Out: filepath.Join(top, "data"), Formats: []string{"parquet"}}); err != nil {
		t.Fatal(err)
	}
	spec := filepath.Join(top, "nightly.toml")
	if err := os.WriteFile(spec, []byte(`name = "Nightly"
[inputs]
files = ["data/persons.parquet", "data/jobseekers.parquet", { path = "data/vacancies.parquet", table = "vacancies" },
  { path = "data/hires.parquet", table = "hires" }, "data/graduates.parquet"]
[indicators]
levels = ["lan"]
`), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(top, "runs", "nightly")

	out, errOut, log, code := refreshCmd(t, "--config", spec, "--dir", dir)
	if code != exitOK || !strings.Contains(out, dir+": rebuilt -> ") {
		t.Fatalf("first refresh: exit %d\n%s\n%s\n%s", code, out, errOut, log)
	}
	// JSON log lines (the log is not a terminal), one per step.
	var steps []string
	for _, line := range strings.Split(strings.TrimSpace(log), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		steps = append(steps, fmt.Sprint(rec["msg"]))
		if _, ok := rec["seconds"]; !ok && rec["msg"] != "build" {
			t.Errorf("log line without seconds: %s", line)
		}
	}
	if got, want := strings.Join(steps, ","), "lock,hash,build,plan,built,swap,done"; got != want {
		t.Errorf("log steps %s, want %s", got, want)
	}
	before, err := os.ReadFile(filepath.Join(dir, pipeline.ManifestFile))
	if err != nil {
		t.Fatal(err)
	}

	out, _, log, code = refreshCmd(t, "--config", spec, "--dir", dir)
	if code != exitOK || !strings.Contains(out, dir+": nothing changed since ") || !strings.Contains(log, `"msg":"nothing changed"`) {
		t.Fatalf("second refresh: exit %d\n%s\n%s", code, out, log)
	}
	if after, err := os.ReadFile(filepath.Join(dir, pipeline.ManifestFile)); err != nil || !bytes.Equal(after, before) {
		t.Errorf("a refresh with nothing changed rewrote the manifest (%v)", err)
	}

	// Other job seekers: the flow families recomputed, the persons
	// families carried over; said on stdout, in the log and the manifest.
	if _, err := fixtures.Generate(fixtures.Config{Persons: 2000, Years: 2, Seed: 2,
		Out: filepath.Join(top, "data2"), Formats: []string{"parquet"}}); err != nil {
		t.Fatal(err)
	}
	js, err := os.ReadFile(filepath.Join(top, "data2", "jobseekers.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(top, "data", "jobseekers.parquet"), js, 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, log, code = refreshCmd(t, "--config", spec, "--dir", dir)
	var recomputed, carried string
	for _, line := range strings.Split(out, "\n") {
		if r, ok := strings.CutPrefix(line, "  recomputed: "); ok {
			recomputed = r
		}
		if c, ok := strings.CutPrefix(line, "  carried over: "); ok {
			carried = c
		}
	}
	r, c := strings.Split(recomputed, ", "), strings.Split(carried, ", ")
	if code != exitOK || !slices.Contains(r, "tightness") || !slices.Contains(r, "matching_function") ||
		!slices.Contains(c, "matching") || !slices.Contains(c, "demography") || slices.Contains(c, "tightness") {
		t.Fatalf("refresh after a job seekers change: exit %d\n%s\n%s\n%s", code, out, errOut, log)
	}
	var plan struct {
		Recompute     map[string]string `json:"recompute"`
		CarryOver     []string          `json:"carry_over"`
		ChangedTables []string          `json:"changed_tables"`
	}
	for _, line := range strings.Split(strings.TrimSpace(log), "\n") {
		if strings.Contains(line, `"msg":"plan"`) {
			if err := json.Unmarshal([]byte(line), &plan); err != nil {
				t.Fatal(err)
			}
		}
	}
	if plan.Recompute["tightness"] != "reads jobseekers: changed" || !slices.Contains(plan.CarryOver, "matching") ||
		len(plan.ChangedTables) != 1 || plan.ChangedTables[0] != "jobseekers" {
		t.Errorf("plan logged: %+v\n%s", plan, log)
	}
	rec, err := pipeline.ReadRefreshRecord(dir)
	if err != nil || rec == nil || rec.Recomputed != "some" {
		t.Fatalf("refresh record %+v, %v", rec, err)
	}
	before, err = os.ReadFile(filepath.Join(dir, pipeline.ManifestFile))
	if err != nil {
		t.Fatal(err)
	}

	// Another refresh holds the lock: exit 3 at once.
	lock, err := pipeline.AcquireLock(dir + pipeline.LockSuffix)
	if err != nil {
		t.Fatal(err)
	}
	_, errOut, _, code = refreshCmd(t, "--config", spec, "--dir", dir)
	lock.Release()
	if want := fmt.Sprintf("lmi refresh: another refresh holds %s.lock since ", dir); code != exitLocked || !strings.Contains(errOut, want) ||
		!strings.Contains(errOut, fmt.Sprintf("; pid %d\n", os.Getpid())) {
		t.Fatalf("locked: exit %d, want %d and %q:\n%s", code, exitLocked, want, errOut)
	}

	// A truncated input: exit 1 naming it; the previous run is intact.
	persons := filepath.Join(top, "data", "persons.parquet")
	b, err := os.ReadFile(persons)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(persons, b[:len(b)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	_, errOut, _, code = refreshCmd(t, "--config", spec, "--dir", dir)
	if code != exitError || !strings.Contains(errOut, persons) || !strings.Contains(errOut, "is intact") {
		t.Fatalf("truncated input: exit %d: %s", code, errOut)
	}
	after, err := os.ReadFile(filepath.Join(dir, pipeline.ManifestFile))
	if err != nil || !bytes.Equal(after, before) {
		t.Fatalf("the previous run changed: %v", err)
	}
	m, err := pipeline.ReadManifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range m.Outputs {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(o.Path))); err != nil {
			t.Errorf("output gone: %v", err)
		}
	}
}

func TestRefreshUsage(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"spec.toml"},
		{"--config", "x.toml", "--threads", "-1"},
		{"--config", "x.toml", "--log-format", "xml"},
		{"--no-such-flag"},
	} {
		if _, errOut, _, code := refreshCmd(t, args...); code != exitUsage {
			t.Errorf("%q: exit %d, want %d: %s", args, code, exitUsage, errOut)
		}
	}
	out, _, _, code := refreshCmd(t, "--help")
	if code != exitOK {
		t.Fatalf("--help: exit %d", code)
	}
	for _, want := range []string{"--config SPEC.toml [--dir RUN_DIR]", "Exit status:", "0  done", "1  failed", "2  bad command line",
		"3  another refresh holds RUN_DIR.lock", "docs/operations.md", "--log-format"} {
		if !strings.Contains(out, want) {
			t.Errorf("--help lacks %q:\n%s", want, out)
		}
	}
}

func TestRefreshLogFormat(t *testing.T) {
	devNull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer devNull.Close()
	file, err := os.Create(filepath.Join(t.TempDir(), "log"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	for _, c := range []struct {
		w    *os.File
		want string
	}{{devNull, "*slog.TextHandler"}, {file, "*slog.JSONHandler"}} {
		l, err := refreshLogger(c.w, "auto")
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprintf("%T", l.Handler()); got != c.want {
			t.Errorf("%s: %s, want %s", c.w.Name(), got, c.want)
		}
	}
}

// A first refresh that fails has no previous run to keep: it says so,
// rather than that one is intact.
func TestRefreshFirstFailure(t *testing.T) {
	top := t.TempDir()
	spec := filepath.Join(top, "first.toml")
	if err := os.WriteFile(spec, []byte("name = \"First\"\n[inputs]\nfiles = [\"broken.csv\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(top, "broken.csv"), []byte("<html>502 Bad Gateway</html>\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(top, "runs", "first")
	_, errOut, _, code := refreshCmd(t, "--config", spec, "--dir", dir)
	if code != exitError || strings.Contains(errOut, "intact") ||
		!strings.Contains(errOut, "no earlier run in "+dir+": nothing was published") {
		t.Fatalf("first refresh failing: exit %d: %s", code, errOut)
	}
	if _, err := os.Lstat(dir); err == nil {
		t.Errorf("%s exists after a failed first refresh", dir)
	}
}
