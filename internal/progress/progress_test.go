package progress

import (
	"strings"
	"testing"
	"time"
)

// TestLogLines: off a terminal, steps print a line per part and amounts a
// line at most every interval, the first report of a step waiting one.
func TestLogLines(t *testing.T) {
	var b strings.Builder
	r := New(&b)
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	r.now = func() time.Time { return clock }
	hook, done := r.StepsFunc("computing")
	hook("matching", 1, 2)
	hook("status", 2, 2)
	done()
	amount, end := r.AmountFunc("loading persons.csv", "bytes")
	amount(10, 100) // the first report: nothing yet
	clock = clock.Add(5 * time.Second)
	amount(40, 100) // within the interval: nothing
	clock = clock.Add(6 * time.Second)
	amount(60, 100)
	end()
	want := "lmi: computing 1/2: matching\nlmi: computing 2/2: status\nlmi: loading persons.csv: 60 of 100 bytes (60%)\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// TestNil: a nil reporter, or one without a writer, shows nothing and
// does not fail.
func TestNil(t *testing.T) {
	var r *Reporter
	hook, done := r.StepsFunc("x")
	hook("a", 1, 1)
	done()
	amount, end := New(nil).AmountFunc("y", "rows")
	amount(1, 2)
	end()
	if Unit("a/persons.PARQUET") != "rows" || Unit("persons.csv") != "bytes" {
		t.Error("Unit")
	}
}
