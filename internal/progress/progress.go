// Package progress shows how far a long step has come: a progress bar on
// a terminal, plain log lines otherwise (a log file, a CI job, a nightly
// job's journal), always on the writer it is given, which the command line
// makes standard error, so nothing scripts read from standard output
// changes.
package progress

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// Reporter shows the progress of one command's steps.
type Reporter struct {
	w   io.Writer
	tty bool
	// every is how often a log line may repeat a step's progress.
	every time.Duration
	now   func() time.Time
}

// New reports to w, with bars when w is a terminal. A nil w reports
// nothing.
func New(w io.Writer) *Reporter {
	r := &Reporter{w: w, every: 10 * time.Second, now: time.Now}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		r.tty = true
	}
	return r
}

// Steps reports a step made of n parts (families, files): Part starts a
// part. Done ends the step.
func (r *Reporter) Steps(what string, n int) *Steps {
	s := &Steps{r: r, what: what, n: n}
	if r != nil && r.w != nil && r.tty {
		s.bar = progressbar.NewOptions(n, progressbar.OptionSetWriter(r.w), progressbar.OptionSetDescription(what),
			progressbar.OptionShowCount(), progressbar.OptionSetElapsedTime(true), progressbar.OptionClearOnFinish(),
			progressbar.OptionSetWidth(30), progressbar.OptionThrottle(100*time.Millisecond))
	}
	return s
}

// Steps is a step's progress through its parts.
type Steps struct {
	r    *Reporter
	what string
	n, i int
	bar  *progressbar.ProgressBar
}

// Part reports that the part named name starts.
func (s *Steps) Part(name string) {
	if s == nil || s.r == nil || s.r.w == nil {
		return
	}
	s.i++
	if s.bar != nil {
		s.bar.Describe(fmt.Sprintf("%s: %s", s.what, name))
		if s.i > 1 {
			s.bar.Add(1)
		}
		return
	}
	fmt.Fprintf(s.r.w, "lmi: %s %d/%d: %s\n", s.what, s.i, s.n, name)
}

// Done ends the step.
func (s *Steps) Done() {
	if s != nil && s.bar != nil {
		s.bar.Finish()
	}
}

// Bytes reports a step through an amount known in advance (the bytes of
// a file, the rows of a table): the returned function takes the amount
// done so far and the total, and may be called often and from the
// goroutine doing the work. Done ends it.
func (r *Reporter) Bytes(what string, total int64, unit string) *Amount {
	a := &Amount{r: r, what: what, total: total, unit: unit}
	if r != nil && r.w != nil && r.tty && total > 0 {
		opts := []progressbar.Option{progressbar.OptionSetWriter(r.w), progressbar.OptionSetDescription(what),
			progressbar.OptionSetElapsedTime(true), progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish(),
			progressbar.OptionSetWidth(30), progressbar.OptionThrottle(100 * time.Millisecond)}
		if unit == "bytes" {
			opts = append(opts, progressbar.OptionShowBytes(true))
		} else {
			opts = append(opts, progressbar.OptionShowCount())
		}
		a.bar = progressbar.NewOptions64(total, opts...)
	}
	return a
}

// Amount is a step's progress through an amount.
type Amount struct {
	r     *Reporter
	what  string
	unit  string
	total int64
	bar   *progressbar.ProgressBar
	mu    sync.Mutex
	last  time.Time
}

// Set reports the amount done so far.
func (a *Amount) Set(done int64) {
	if a == nil || a.r == nil || a.r.w == nil {
		return
	}
	if a.bar != nil {
		a.bar.Set64(done)
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	now := a.r.now()
	if a.last.IsZero() {
		a.last = now // the first report waits: short steps print nothing
		return
	}
	if now.Sub(a.last) < a.r.every {
		return
	}
	a.last = now
	if a.total > 0 {
		fmt.Fprintf(a.r.w, "lmi: %s: %d of %d %s (%.0f%%)\n", a.what, done, a.total, a.unit, 100*float64(done)/float64(a.total))
	} else {
		fmt.Fprintf(a.r.w, "lmi: %s: %d %s\n", a.what, done, a.unit)
	}
}

// Done ends the step.
func (a *Amount) Done() {
	if a != nil && a.bar != nil {
		a.bar.Finish()
	}
}

// StepsFunc returns a hook for a computation that reports its stages as
// (name, i, n) (indicators.Params.Progress, forecast.Params.Progress), and
// the function that ends the step.
func (r *Reporter) StepsFunc(what string) (hook func(name string, i, n int), done func()) {
	var s *Steps
	hook = func(name string, i, n int) {
		if s == nil {
			s = r.Steps(what, n)
		}
		s.Part(name)
	}
	return hook, func() { s.Done() }
}

// AmountFunc returns a hook for a reader that reports (done, total) in
// unit (load.Options.Progress), and the function that ends the step.
func (r *Reporter) AmountFunc(what, unit string) (hook func(done, total int64), end func()) {
	var a *Amount
	hook = func(done, total int64) {
		if a == nil {
			a = r.Bytes(what, total, unit)
		}
		a.Set(done)
	}
	return hook, func() { a.Done() }
}

// Unit is what a file's reading progress counts: bytes of a CSV file, rows
// of a Parquet one.
func Unit(path string) string {
	if strings.HasSuffix(strings.ToLower(path), ".parquet") {
		return "rows"
	}
	return "bytes"
}
