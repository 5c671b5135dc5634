package publish_test

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"lmi/codes"
	"lmi/internal/browsertest"
	"lmi/report"
	"lmi/report/publish"
)

// readReference reads the indicator and family metadata from lmi's
// indicator reference, docs/indicators.md, which the registry generates:
// the metadata the caller of Build copies from package indicators, here
// without linking it.
func readReference(t *testing.T, path string) ([]publish.Indicator, []publish.Family) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	row := regexp.MustCompile("^\\| `([a-z0-9_]+)` v([0-9]+) \\| (.*) \\| ([a-zåäö]+) \\| \\[section ([0-9.]*)\\]\\([^)]*\\) \\| (.*) \\|$")
	dims := regexp.MustCompile("`([a-z0-9_]+)`")
	var inds []publish.Indicator
	var fams []publish.Family
	var cur *publish.Family
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "## "):
			fams = append(fams, publish.Family{Name: strings.TrimPrefix(line, "## ")})
			cur = &fams[len(fams)-1]
		case cur == nil:
		case strings.HasPrefix(line, "Output `"):
			if _, d, ok := strings.Cut(line, "Dimensions:"); ok {
				for _, m := range dims.FindAllStringSubmatch(d, -1) {
					cur.Dimensions = append(cur.Dimensions, m[1])
				}
			}
		case row.MatchString(line):
			m := row.FindStringSubmatch(line)
			v, _ := strconv.Atoi(m[2])
			inds = append(inds, publish.Indicator{Name: m[1], Version: v, Label: m[3], Unit: m[4], Section: m[5], Description: m[6], Family: cur.Name})
		case line != "" && !strings.HasPrefix(line, "|") && cur.Description == "":
			cur.Description = line
		}
	}
	if len(inds) < 50 || len(fams) < 10 {
		t.Fatalf("%s: %d indicators and %d families read", path, len(inds), len(fams))
	}
	return inds, fams
}

// peakMemory samples the heap while a build runs.
type peakMemory struct {
	stop chan struct{}
	wg   sync.WaitGroup
	heap uint64
}

func watchMemory() *peakMemory {
	p := &peakMemory{stop: make(chan struct{})}
	p.wg.Go(func() {
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			p.heap = max(p.heap, ms.HeapInuse)
			select {
			case <-p.stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	})
	return p
}

func (p *peakMemory) done() uint64 {
	close(p.stop)
	p.wg.Wait()
	return p.heap
}

func cpuTime() time.Duration {
	var r syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &r)
	return time.Duration(r.Utime.Nano() + r.Stime.Nano())
}

// TestDemo builds the report of lmi's demo run (lmi demo --out DIR; DIR
// from LMI_DEMO, /tmp/base/lmi-demo by default), measures it, checks every
// number the report shows against the files, and opens it in Chromium.
// LMI_SCREENSHOT=FILE.png keeps the screenshot.
func TestDemo(t *testing.T) {
	demo := os.Getenv("LMI_DEMO")
	if demo == "" {
		demo = "/tmp/base/lmi-demo"
	}
	dirs := []string{filepath.Join(demo, "indicators"), filepath.Join(demo, "forecast")}
	if _, err := os.Stat(dirs[0]); err != nil {
		t.Skipf("no demo outputs in %s (run lmi demo --out %s, or set LMI_DEMO): %v", demo, demo, err)
	}
	inds, fams := readReference(t, filepath.Join("..", "..", "docs", "indicators.md"))
	out := t.TempDir()
	in := publish.Input{Dirs: dirs, Indicators: inds, Families: fams, OutDir: out, TmpDir: out,
		Provenance: report.Provenance{Title: "Arbetsmarknaden i lmi:s demo", LMIVersion: "demo",
			Notes: []string{"Syntetiska data: lmi demo, 50 000 personer över åtta år."}},
		Levels: []codes.Level{codes.LevelLan, codes.LevelFA}, Region: "25", Created: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	runtime.GC()
	mem := watchMemory()
	cpu0, wall0 := cpuTime(), time.Now()
	files, err := publish.Build(in)
	cpu, wall := cpuTime()-cpu0, time.Since(wall0)
	heap := mem.done()
	if err != nil {
		t.Fatal(err)
	}
	var long, wide int64
	for _, r := range files.Read {
		long += r.Rows
		wide += r.Wide
	}
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	st, _ := os.Stat(files.Workbook)
	sr, _ := os.Stat(files.Report)
	t.Logf("demo: %d rows read (%d workbook rows of the families), %d sheets; wall %v, CPU %v (%d cores), peak heap %d MB, peak RSS of the test process %d MB; workbook %d MB, report %d KB",
		long, wide, len(files.Sheets), wall.Round(time.Millisecond), cpu.Round(time.Millisecond), runtime.GOMAXPROCS(0),
		heap>>20, ru.Maxrss>>10, st.Size()>>20, sr.Size()>>10)
	// The budget: a national run's outputs, several times the demo's, in
	// about 16 s on two cores. The demo's CPU time must stay well inside it.
	if cpu > 20*time.Second {
		t.Errorf("the demo's build took %v of CPU; the budget for a national run several times larger is 16 s of wall time on two cores", cpu)
	}
	page, err := os.ReadFile(files.Report)
	if err != nil {
		t.Fatal(err)
	}
	n := checkNumbers(t, dirs, string(page), inds)
	t.Logf("%d numbers of the demo report checked against the files", n)
	res := browsertest.Check(t, files.Report, browsertest.Options{Width: 1000, Height: 3000})
	if p := os.Getenv("LMI_SCREENSHOT"); p != "" {
		if err := os.WriteFile(p, res.PNG, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
