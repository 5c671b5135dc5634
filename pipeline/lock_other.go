//go:build !unix && !windows

package pipeline

import (
	"fmt"
	"os"
	"runtime"
)

// lockFile fails where lmi knows no file lock: refresh then refuses to run
// rather than run unguarded.
func lockFile(*os.File) error {
	return fmt.Errorf("no file lock on %s", runtime.GOOS)
}

func unlockFile(*os.File) error { return nil }
