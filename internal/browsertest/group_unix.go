//go:build unix

package browsertest

import (
	"os/exec"
	"syscall"
)

// setGroup runs Chromium in its own process group and, when the run is
// cancelled, kills that group: Chromium's own child processes with it.
func setGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
}
