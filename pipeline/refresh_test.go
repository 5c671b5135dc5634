package pipeline

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"lmi/fixtures"
)

// TestRefreshChild is a refresh run as a child process of the tests
// below (the test binary re-executed with LMI_REFRESH_CHILD=1): it
// refreshes LMI_REFRESH_SPEC into LMI_REFRESH_DIR, printing "STEP name"
// at each step; at step LMI_REFRESH_PAUSE it prints "PAUSED name" and
// waits for a line on stdin; LMI_REFRESH_HOLD (a duration) is slept once
// the lock is held. It ends by printing "RESULT ok", "RESULT locked: ..."
// or "RESULT failed: ...". (Not from an init function: DuckDB's Arrow
// callbacks wait for package initialisation to finish.)
func TestRefreshChild(t *testing.T) {
	if os.Getenv("LMI_REFRESH_CHILD") != "1" {
		t.Skip("run only as a child process of the refresh tests")
	}
	pause := os.Getenv("LMI_REFRESH_PAUSE")
	hold, _ := time.ParseDuration(os.Getenv("LMI_REFRESH_HOLD"))
	stdin := bufio.NewReader(os.Stdin)
	refreshHook = func(step string) {
		fmt.Printf("STEP %s\n", step)
		if step == "locked" && hold > 0 {
			time.Sleep(hold)
		}
		if step == pause {
			fmt.Printf("PAUSED %s\n", step)
			stdin.ReadString('\n')
		}
	}
	defer func() { refreshHook = nil }()
	spec, err := LoadSpec(os.Getenv("LMI_REFRESH_SPEC"))
	if err == nil {
		_, err = Refresh(context.Background(), spec, os.Getenv("LMI_REFRESH_DIR"), RefreshOptions{})
	}
	var le *LockedError
	switch {
	case errors.As(err, &le):
		fmt.Printf("RESULT locked: %v\n", err)
	case err != nil:
		fmt.Printf("RESULT failed: %v\n", err)
	default:
		fmt.Printf("RESULT ok\n")
	}
}

var (
	refreshFixturesOnce sync.Once
	refreshFixtures     string // seed 1 in refreshFixtures/1, seed 2 in refreshFixtures/2
	refreshFixturesErr  error
)

// refreshSetup copies small fixtures (2000 persons, 2 years, Parquet) to a
// fresh folder base/data, writes base/run.toml over them, and returns the
// spec path and the run folder base/out/run.
func refreshSetup(t *testing.T) (specPath, runDir string) {
	t.Helper()
	refreshFixturesOnce.Do(func() {
		refreshFixtures = filepath.Join(filepath.Dir(data), "refresh-fixtures")
		for _, seed := range []uint64{1, 2} {
			if _, err := fixtures.Generate(fixtures.Config{Persons: 2000, Years: 2, Seed: seed,
				Out: filepath.Join(refreshFixtures, fmt.Sprint(seed)), Formats: []string{"parquet"}}); err != nil {
				refreshFixturesErr = err
				return
			}
		}
	})
	if refreshFixturesErr != nil {
		t.Fatal(refreshFixturesErr)
	}
	base := t.TempDir()
	for _, n := range tables {
		copyFile(t, filepath.Join(refreshFixtures, "1", n+".parquet"), filepath.Join(base, "data", n+".parquet"))
	}
	specPath = filepath.Join(base, "run.toml")
	text := `name = "Refresh test"
[inputs]
files = ["data/persons.parquet", "data/jobseekers.parquet", { path = "data/vacancies.parquet", table = "vacancies" },
  { path = "data/hires.parquet", table = "hires" }, "data/graduates.parquet"]
[indicators]
levels = ["lan"]
by = ["edu_group"]
`
	if err := os.WriteFile(specPath, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return specPath, filepath.Join(base, "out", "run")
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func mustRefresh(t *testing.T, specPath, runDir string) *RefreshResult {
	t.Helper()
	spec, err := LoadSpec(specPath)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Refresh(context.Background(), spec, runDir, RefreshOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// touchSpec appends a comment to the spec: its hash changes, nothing else.
func touchSpec(t *testing.T, specPath string) {
	t.Helper()
	f, err := os.OpenFile(specPath, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(f, "# touched %d\n", time.Now().UnixNano())
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// checkRun checks runDir is a complete run: a manifest whose every output
// exists with its recorded hash. It returns the manifest's bytes.
func checkRun(t *testing.T, runDir string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(runDir, ManifestFile))
	if err != nil {
		t.Fatalf("run folder: %v", err)
	}
	m, err := ReadManifest(runDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Outputs) == 0 {
		t.Fatal("the manifest lists no outputs")
	}
	for _, o := range m.Outputs {
		sum, _, err := hashFile(resolve(runDir, o.Path))
		if err != nil {
			t.Fatalf("output %s: %v", o.Path, err)
		}
		if sum != o.SHA256 {
			t.Fatalf("output %s: SHA-256 %s, manifest says %s", o.Path, sum, o.SHA256)
		}
	}
	return b
}

// leftovers lists what refreshes left beside runDir besides its lock and
// the folder it points to.
func leftovers(t *testing.T, runDir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(runDir))
	if err != nil {
		t.Fatal(err)
	}
	cur, _ := os.Readlink(runDir)
	var out []string
	for _, e := range entries {
		n := e.Name()
		if n != filepath.Base(runDir) && n != filepath.Base(runDir)+LockSuffix && n != cur {
			out = append(out, n)
		}
	}
	return out
}

func TestRefreshIdempotentAndIncremental(t *testing.T) {
	specPath, runDir := refreshSetup(t)

	first := mustRefresh(t, specPath, runDir)
	if !first.Built || len(first.Changes) != 0 {
		t.Fatalf("first refresh: built %v, changes %v", first.Built, first.Changes)
	}
	if fi, err := os.Lstat(runDir); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("%s is not a link: %v", runDir, err)
	}
	if fi, err := os.Stat(first.Target); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("target %s: %v, want mode 0755", first.Target, err)
	}
	manifest1 := checkRun(t, runDir)
	rec, err := ReadRefreshRecord(runDir)
	if err != nil || rec == nil || rec.Previous != "" || rec.Recomputed != "all" || !rec.BuiltAt.Equal(first.Since) {
		t.Fatalf("refresh record %+v, %v", rec, err)
	}

	second := mustRefresh(t, specPath, runDir)
	if second.Built || !second.Since.Equal(first.Since) || second.Target != first.Target {
		t.Fatalf("second refresh: built %v since %v target %s, want nothing done since %v in %s",
			second.Built, second.Since, second.Target, first.Since, first.Target)
	}
	if !bytes.Equal(checkRun(t, runDir), manifest1) {
		t.Fatal("a refresh with nothing changed rewrote the manifest")
	}

	// Another persons extract: rebuilt, and the change recorded.
	copyFile(t, filepath.Join(refreshFixtures, "2", "persons.parquet"), filepath.Join(filepath.Dir(specPath), "data", "persons.parquet"))
	third := mustRefresh(t, specPath, runDir)
	if !third.Built || third.Target == first.Target {
		t.Fatalf("third refresh: built %v into %s", third.Built, third.Target)
	}
	checkRun(t, runDir)
	rec, err = ReadRefreshRecord(runDir)
	if err != nil || rec == nil {
		t.Fatal(rec, err)
	}
	if len(rec.Changes) != 1 || rec.Changes[0].Kind != KindInput || rec.Changes[0].Path != "../../data/persons.parquet" ||
		rec.Changes[0].Status != StatusChanged || rec.Changes[0].OldSHA256 == rec.Changes[0].NewSHA256 {
		t.Errorf("changes %+v, want persons.parquet changed", rec.Changes)
	}
	if rec.Previous != filepath.Base(first.Target)+"/"+ManifestFile {
		t.Errorf("previous %q", rec.Previous)
	}
	if _, err := os.Stat(first.Target); !os.IsNotExist(err) {
		t.Errorf("the previous run folder %s is still there: %v", first.Target, err)
	}
	if l := leftovers(t, runDir); len(l) != 0 {
		t.Errorf("left beside the run folder: %v", l)
	}
	// lmi verify still works through the link.
	rep, err := Verify(context.Background(), runDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range rep.Inputs {
		if c.Status != StatusSame {
			t.Errorf("verify: %s %s %s", c.Kind, c.Path, c.Status)
		}
	}
}

// A run folder made by lmi run is taken over: nothing to do while nothing
// changed, then replaced by a link on the first rebuild.
func TestRefreshOverRunFolder(t *testing.T) {
	specPath, runDir := refreshSetup(t)
	mustRun(t, specPath, runDir, Options{})
	manifest := checkRun(t, runDir)
	if res := mustRefresh(t, specPath, runDir); res.Built {
		t.Fatal("rebuilt a run lmi run had just made from the same spec")
	}
	if !bytes.Equal(checkRun(t, runDir), manifest) {
		t.Fatal("manifest rewritten")
	}
	touchSpec(t, specPath)
	res := mustRefresh(t, specPath, runDir)
	if !res.Built || len(res.Changes) != 1 || res.Changes[0].Kind != KindSpec || res.Changes[0].Path != "../../run.toml" {
		t.Fatalf("built %v, changes %+v", res.Built, res.Changes)
	}
	if fi, err := os.Lstat(runDir); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("%s is not a link now: %v", runDir, err)
	}
	checkRun(t, runDir)
	if l := leftovers(t, runDir); len(l) != 0 {
		t.Errorf("left beside the run folder: %v", l)
	}
}

// child starts the test binary as a refresh child.
func child(t *testing.T, specPath, runDir string, env ...string) (*exec.Cmd, io.WriteCloser, *bufio.Reader, *bytes.Buffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestRefreshChild$")
	// TMPDIR: what the child's TestMain makes is removed with the test's
	// temporary folders even when the child is killed.
	cmd.Env = append(os.Environ(), append([]string{"LMI_REFRESH_CHILD=1", "LMI_REFRESH_SPEC=" + specPath,
		"TMPDIR=" + t.TempDir(),
		"LMI_REFRESH_DIR=" + runDir}, env...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd, stdin, bufio.NewReader(stdout), &stderr
}

// A refresh killed with SIGKILL at any step leaves a complete run in the
// run folder, and the next refresh completes and removes what it left.
func TestRefreshKilled(t *testing.T) {
	specPath, runDir0 := refreshSetup(t)
	mustRefresh(t, specPath, runDir0)
	before := checkRun(t, runDir0)
	// Every refresh from here on rebuilds, recomputing every family (a
	// comment alone would carry every output over, too quickly to kill).
	editSpec(t, specPath, `by = ["edu_group"]`, `by = ["edu_group", "sex"]`)

	for _, step := range []string{"locked", "building", "built", "renamed", "flipped"} {
		t.Run(step, func(t *testing.T) {
			// A copy of the first run at the same depth (the manifest's
			// paths are relative).
			runDir := filepath.Join(filepath.Dir(filepath.Dir(runDir0)), "out-"+step, "run")
			target, _ := os.Readlink(runDir0)
			for _, e := range mustReadDir(t, filepath.Join(filepath.Dir(runDir0), target)) {
				copyTree(t, filepath.Join(filepath.Dir(runDir0), target, e), filepath.Join(filepath.Dir(runDir), target, e))
			}
			if err := os.Symlink(target, runDir); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(checkRun(t, runDir), before) {
				t.Fatal("copy differs")
			}

			cmd, stdin, stdout, stderr := child(t, specPath, runDir, "LMI_REFRESH_PAUSE="+step)
			for {
				line, err := stdout.ReadString('\n')
				if err != nil {
					cmd.Wait()
					t.Fatalf("the child ended before step %s: %v\n%s", step, err, stderr)
				}
				if strings.TrimSpace(line) == "PAUSED "+step {
					break
				}
			}
			if step == "building" {
				// Let DuckDB get going, then kill it mid-build.
				io.WriteString(stdin, "\n")
				time.Sleep(300 * time.Millisecond)
			}
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			err := cmd.Wait()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Fatalf("child: %v, want killed by SIGKILL (did it finish first?)", err)
			}

			after := checkRun(t, runDir)
			if step == "flipped" {
				// The new run was swapped in before the kill: complete, and
				// the next refresh has nothing to do but clean up.
				if bytes.Equal(after, before) {
					t.Fatal("killed after the flip, but the run folder shows the old run")
				}
			} else if !bytes.Equal(after, before) {
				t.Fatal("the previous run changed")
			}
			res := mustRefresh(t, specPath, runDir)
			if res.Built != (step != "flipped") {
				t.Errorf("next refresh: built %v", res.Built)
			}
			checkRun(t, runDir)
			if l := leftovers(t, runDir); len(l) != 0 {
				t.Errorf("left beside the run folder after the next refresh: %v", l)
			}
		})
	}
}

func mustReadDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	fi, err := os.Stat(from)
	if err != nil {
		t.Fatal(err)
	}
	if !fi.IsDir() {
		copyFile(t, from, to)
		return
	}
	for _, e := range mustReadDir(t, from) {
		copyTree(t, filepath.Join(from, e), filepath.Join(to, e))
	}
}

// Two refreshes started together: one runs, the other gives up at once
// naming the holder of the lock.
func TestRefreshConcurrent(t *testing.T) {
	specPath, runDir := refreshSetup(t)
	results := make([]string, 2)
	var wg sync.WaitGroup
	for i := range results {
		cmd, _, stdout, stderr := child(t, specPath, runDir, "LMI_REFRESH_HOLD=3s")
		wg.Go(func() {
			for {
				line, err := stdout.ReadString('\n')
				if r, ok := strings.CutPrefix(line, "RESULT "); ok {
					results[i] = strings.TrimSpace(r)
				}
				if err != nil {
					break
				}
			}
			if err := cmd.Wait(); err != nil {
				results[i] += fmt.Sprintf(" (child: %v: %s)", err, stderr)
			}
		})
	}
	wg.Wait()
	ok, locked := 0, 0
	for _, r := range results {
		switch {
		case r == "ok":
			ok++
		case strings.HasPrefix(r, "locked: another refresh holds "+runDir+LockSuffix+" since ") && strings.Contains(r, "; pid "):
			locked++
		}
	}
	if ok != 1 || locked != 1 {
		t.Fatalf("results %q, want one ok and one locked", results)
	}
	checkRun(t, runDir)
}

// A corrupt input fails the refresh naming the file; the previous run
// stays, and nothing is left behind.
func TestRefreshCorruptInput(t *testing.T) {
	specPath, runDir := refreshSetup(t)
	mustRefresh(t, specPath, runDir)
	before := checkRun(t, runDir)

	persons := filepath.Join(filepath.Dir(specPath), "data", "persons.parquet")
	b, err := os.ReadFile(persons)
	if err != nil {
		t.Fatal(err)
	}
	copy(b[len(b)-4:], "XXXX") // the Parquet footer's magic
	if err := os.WriteFile(persons, b, 0o644); err != nil {
		t.Fatal(err)
	}
	spec, err := LoadSpec(specPath)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Refresh(context.Background(), spec, runDir, RefreshOptions{})
	if err == nil || !strings.Contains(err.Error(), persons) {
		t.Fatalf("refresh over a corrupt input: %v, want an error naming %s", err, persons)
	}
	if !bytes.Equal(checkRun(t, runDir), before) {
		t.Fatal("the previous run changed")
	}
	if l := leftovers(t, runDir); len(l) != 0 {
		t.Errorf("left beside the run folder: %v", l)
	}
}

// A folder refresh cannot write to fails it cleanly.
func TestRefreshReadOnlyFolder(t *testing.T) {
	specPath, runDir := refreshSetup(t)
	mustRefresh(t, specPath, runDir)
	before := checkRun(t, runDir)
	touchSpec(t, specPath)

	parent := filepath.Dir(runDir)
	if err := os.Chmod(parent, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(parent, 0o755) })
	if probe := filepath.Join(parent, "probe"); os.WriteFile(probe, nil, 0o644) == nil {
		// root ignores the mode: make the folder immutable instead.
		os.Remove(probe)
		if out, err := exec.Command("chattr", "+i", parent).CombinedOutput(); err != nil {
			t.Skipf("cannot make %s read-only as this user: chattr: %v %s", parent, err, out)
		}
		t.Cleanup(func() { exec.Command("chattr", "-i", parent).Run() })
		if os.WriteFile(probe, nil, 0o644) == nil {
			os.Remove(probe)
			t.Skip("cannot make a read-only folder here")
		}
	}

	spec, err := LoadSpec(specPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Refresh(context.Background(), spec, runDir, RefreshOptions{}); err == nil {
		t.Fatal("refresh into a read-only folder succeeded")
	} else {
		t.Log(err)
	}
	if !bytes.Equal(checkRun(t, runDir), before) {
		t.Fatal("the previous run changed")
	}
	if l := leftovers(t, runDir); len(l) != 0 {
		t.Errorf("left beside the run folder: %v", l)
	}
	exec.Command("chattr", "-i", parent).Run()
	os.Chmod(parent, 0o755)
	if res := mustRefresh(t, specPath, runDir); !res.Built {
		t.Error("once writable, the refresh did not rebuild")
	}
}

// A spec with [forecast]: the first refresh writes the forecast with the
// indicators, a second with nothing changed does nothing, and a change
// to the [forecast] table alone rebuilds.
func TestRefreshForecast(t *testing.T) {
	specPath, runDir := refreshSetup(t)
	f, err := os.OpenFile(specPath, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(f, "[forecast]\nlevels = [\"lan\", \"riket\"]\nhorizon = 2\n")
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	first := mustRefresh(t, specPath, runDir)
	if !first.Built {
		t.Fatal("first refresh built nothing")
	}
	manifest := checkRun(t, runDir)
	for _, name := range forecastFiles {
		for _, ext := range []string{"csv", "parquet"} {
			path := "outputs/" + name + "." + ext
			if !slices.ContainsFunc(first.Manifest.Outputs, func(o OutputRecord) bool { return o.Path == path && o.Family == name }) {
				t.Errorf("%s not in the refreshed run's outputs", path)
			}
		}
	}
	if p := first.Manifest.Parameters.Forecast; p == nil || p.Horizon != 2 || !slices.Equal(p.Levels, []string{"lan", "riket"}) {
		t.Errorf("parameters forecast %+v", p)
	}

	second := mustRefresh(t, specPath, runDir)
	if second.Built || second.Target != first.Target {
		t.Fatalf("second refresh: built %v into %s, want nothing done", second.Built, second.Target)
	}
	if !bytes.Equal(checkRun(t, runDir), manifest) {
		t.Fatal("a refresh with nothing changed rewrote the manifest")
	}

	b, err := os.ReadFile(specPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(specPath, bytes.Replace(b, []byte("horizon = 2"), []byte("horizon = 3"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	third := mustRefresh(t, specPath, runDir)
	if !third.Built || len(third.Changes) != 1 || third.Changes[0].Kind != KindSpec {
		t.Fatalf("third refresh: built %v, changes %+v, want the spec changed", third.Built, third.Changes)
	}
	if p := third.Manifest.Parameters.Forecast; p == nil || p.Horizon != 3 {
		t.Errorf("parameters forecast %+v, want horizon 3", p)
	}
	checkRun(t, runDir)
	rep, err := Verify(context.Background(), runDir)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() {
		var buf bytes.Buffer
		rep.Write(&buf)
		t.Errorf("refreshed run with a forecast does not verify:\n%s", buf.String())
	}
}
