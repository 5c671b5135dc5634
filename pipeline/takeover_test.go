package pipeline

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// The first refresh of a folder lmi run made moves the folder aside and
// puts a link in its place: two renames. Killed at each step of that
// swap, the refresh leaves either a complete run folder or, between the
// renames, one the next refresh restores: it finishes the swap, the new
// run being complete, and removes the old folder; nothing is lost and
// nothing left behind.
func TestRefreshKilledTakeover(t *testing.T) {
	specPath, runDir0 := refreshSetup(t)
	mustRun(t, specPath, runDir0, Options{})
	before := checkRun(t, runDir0)
	touchSpec(t, specPath) // the refresh rebuilds

	for _, step := range []string{"renamed", "moved-aside", "flipped"} {
		t.Run(step, func(t *testing.T) {
			// A copy of the lmi run folder at the same depth.
			runDir := filepath.Join(filepath.Dir(filepath.Dir(runDir0)), "out-"+step, "run")
			copyTree(t, runDir0, runDir)
			if !bytes.Equal(checkRun(t, runDir), before) {
				t.Fatal("copy differs")
			}
			cmd, _, stdout, stderr := child(t, specPath, runDir, "LMI_REFRESH_PAUSE="+step)
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
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			var ee *exec.ExitError
			if err := cmd.Wait(); !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Fatalf("child: %v, want killed by SIGKILL", err)
			}

			switch step {
			case "renamed": // before the swap: the lmi run folder as it was
				if !bytes.Equal(checkRun(t, runDir), before) {
					t.Fatal("the previous run changed")
				}
			case "moved-aside": // between the renames: no run folder
				if _, err := os.Lstat(runDir); !errors.Is(err, fs.ErrNotExist) {
					t.Fatalf("%s exists between the renames: %v", runDir, err)
				}
			case "flipped": // after: the new run
				if bytes.Equal(checkRun(t, runDir), before) {
					t.Fatal("killed after the flip, but the run folder shows the old run")
				}
			}
			res := mustRefresh(t, specPath, runDir)
			// Only a refresh killed before the swap has to build again.
			if res.Built != (step == "renamed") {
				t.Errorf("next refresh: built %v", res.Built)
			}
			if bytes.Equal(checkRun(t, runDir), before) {
				t.Error("the run folder shows the old run after the next refresh")
			}
			if fi, err := os.Lstat(runDir); err != nil || fi.Mode()&os.ModeSymlink == 0 {
				t.Errorf("%s is not a link: %v", runDir, err)
			}
			if l := leftovers(t, runDir); len(l) != 0 {
				t.Errorf("left beside the run folder after the next refresh: %v", l)
			}
		})
	}
}
