package pipeline

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "run.lock")
	before := time.Now().Add(-time.Second)
	l, err := AcquireLock(path)
	if err != nil {
		t.Fatal(err)
	}
	// The lock belongs to the open file (flock and LockFileEx alike): a
	// second open conflicts even in the same process.
	_, err = AcquireLock(path)
	var le *LockedError
	if !errors.As(err, &le) {
		t.Fatalf("second lock: %v, want a *LockedError", err)
	}
	if le.PID != os.Getpid() || le.Since.Before(before) || le.Since.After(time.Now()) {
		t.Errorf("holder pid %d since %v, want pid %d since about now", le.PID, le.Since, os.Getpid())
	}
	msg := le.Error()
	for _, want := range []string{"another refresh holds " + path + " since ", "; pid " + strconv.Itoa(os.Getpid())} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	l2, err := AcquireLock(path)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	l2.Release()
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the lock file is kept: %v", err)
	}
}

func TestLockedErrorUnknownHolder(t *testing.T) {
	e := &LockedError{Path: "x.lock"}
	if got, want := e.Error(), "another refresh holds x.lock since an unknown time; pid unknown"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
}
