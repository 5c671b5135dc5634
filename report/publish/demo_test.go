package publish_test

import (
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"

	"lmi/codes"
	"lmi/internal/browsertest"
	"lmi/report"
	"lmi/report/publish"
	"lmi/report/results"
)

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
	inds, fams := results.Metadata(nil) // lmi's indicator registry
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
