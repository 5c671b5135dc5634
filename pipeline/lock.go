package pipeline

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// Lock is an exclusive lock on a lock file (flock(2) on Unix, LockFileEx
// on Windows), held until Release or until the process ends, however it
// ends: the system drops the lock when its holder dies, so a killed
// refresh never leaves a stale lock.
// The lock file itself is never removed (removing it would let a second
// process lock a new file of the same name while the first still holds the
// old one); it keeps the last holder's "pid N since TIME" line.
type Lock struct {
	Path string
	f    *os.File
}

// LockedError says another process holds the lock.
type LockedError struct {
	Path  string
	PID   int       // 0 when the holder has not written its line yet
	Since time.Time // zero when unknown
}

func (e *LockedError) Error() string {
	since, pid := "an unknown time", "unknown"
	if !e.Since.IsZero() {
		since = e.Since.Format(time.RFC3339)
	}
	if e.PID > 0 {
		pid = strconv.Itoa(e.PID)
	}
	return fmt.Sprintf("another refresh holds %s since %s; pid %s", e.Path, since, pid)
}

// AcquireLock takes the exclusive lock on path (created if missing)
// without waiting: when another process holds it, the error is a
// *LockedError naming the holder.
func AcquireLock(path string) (*Lock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock: %w", err)
	}
	if err := lockFile(f); err != nil {
		defer f.Close()
		if errors.Is(err, errHeld) {
			le := &LockedError{Path: path}
			if b, err := os.ReadFile(path); err == nil {
				le.PID, le.Since = parseHolder(string(b))
			}
			return nil, le
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	line := fmt.Sprintf("pid %d since %s\n", os.Getpid(), time.Now().UTC().Format(time.RFC3339Nano))
	// A lock file we cannot write to still locks: the holder's line is only
	// for the message a second refresh prints.
	if f.Truncate(0) == nil {
		f.WriteAt([]byte(line), 0)
	}
	return &Lock{Path: path, f: f}, nil
}

// Release drops the lock.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := unlockFile(l.f)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	return err
}

// errHeld is what lockFile returns when another holder has the lock.
var errHeld = errors.New("held by another process")

// parseHolder reads a lock file's "pid N since TIME" line.
func parseHolder(s string) (int, time.Time) {
	f := strings.Fields(s)
	if len(f) != 4 || f[0] != "pid" || f[2] != "since" {
		return 0, time.Time{}
	}
	pid, _ := strconv.Atoi(f[1])
	t, _ := time.Parse(time.RFC3339Nano, f[3])
	return pid, t
}
