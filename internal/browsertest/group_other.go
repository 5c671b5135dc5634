//go:build !unix

package browsertest

import "os/exec"

// setGroup does nothing where process groups are not available; the
// context still kills Chromium's main process.
func setGroup(*exec.Cmd) {}
