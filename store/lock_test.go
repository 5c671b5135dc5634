package store

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// holdEnv names the database a helper process (this test binary, run
// again) opens and holds until its standard input closes.
const holdEnv = "LMI_STORE_TEST_HOLD"

func TestMain(m *testing.M) {
	if path := os.Getenv(holdEnv); path != "" {
		db, err := Open(context.Background(), path)
		if err != nil {
			os.Stdout.WriteString("error " + err.Error() + "\n")
			os.Exit(1)
		}
		os.Stdout.WriteString("ready\n")
		bufio.NewReader(os.Stdin).ReadString('\n')
		db.Close()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// holdDB opens path in another process; release closes it there.
func holdDB(t *testing.T, path string) (release func()) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), holdEnv+"="+path)
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
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	if line != "ready\n" {
		stdin.Close()
		cmd.Wait()
		t.Fatalf("helper: %q", line)
	}
	return func() {
		stdin.Close()
		cmd.Wait()
	}
}

// A database another process holds: Open waits, says so once, and fails
// with a *LockedError naming the holder when the wait is over; when the
// other process lets go in time, Open succeeds.
func TestOpenWaitsForLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lmi.duckdb")
	release := holdDB(t, path)
	var told []string
	waiting := func(p, holder string, wait time.Duration) {
		told = append(told, fmt.Sprintf("%s|%s|%s", p, holder, wait))
	}
	start := time.Now()
	_, err := OpenWith(context.Background(), path, OpenOptions{LockWait: 500 * time.Millisecond, Waiting: waiting})
	var le *LockedError
	if !errors.As(err, &le) || le.Path != path || !strings.Contains(le.Holder, "(PID ") {
		t.Fatalf("err %v, want a *LockedError naming the holder", err)
	}
	if d := time.Since(start); d < 500*time.Millisecond {
		t.Errorf("gave up after %v, want at least the wait of 500ms", d)
	}
	if len(told) != 1 || !strings.HasPrefix(told[0], path+"|store.test (PID ") || !strings.HasSuffix(told[0], "|500ms") {
		t.Errorf("told %q, want once, naming the database, the holder and the wait", told)
	}
	if strings.Contains(err.Error(), "IO Error") || !strings.Contains(err.Error(), "in use by another process") {
		t.Errorf("message %q", err)
	}

	_, err = OpenWith(context.Background(), path, OpenOptions{LockWait: -1})
	if !errors.As(err, &le) {
		t.Fatalf("no wait: err %v, want a *LockedError", err)
	}

	go func() {
		time.Sleep(300 * time.Millisecond)
		release()
	}()
	db, err := OpenWith(context.Background(), path, OpenOptions{LockWait: 30 * time.Second})
	if err != nil {
		t.Fatalf("after the other process let go: %v", err)
	}
	db.Close()
}

func TestCapText(t *testing.T) {
	cases := []struct {
		in   string
		n    int
		want string
	}{
		{"lmi (PID 4)", 80, "lmi (PID 4)"},
		{"a\nb\x1b[2J", 80, `a\u000ab\u001b[2J`},
		{"abcdef", 3, "abc..."},
	}
	for _, c := range cases {
		if got := capText(c.in, c.n); got != c.want {
			t.Errorf("capText(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
	}
}
