//go:build windows

package pipeline

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// lockedByte is the one byte LockFileEx locks: far past the holder's line,
// because Windows locks are mandatory and a second refresh must still read
// that line to name the holder.
const lockedByte = 1 << 40

// lockFile takes LockFileEx's exclusive lock without waiting.
func lockFile(f *os.File) error {
	err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY,
		0, 1, 0, lockedAt())
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, windows.ERROR_IO_PENDING) {
		return errHeld
	}
	return err
}

func unlockFile(f *os.File) error {
	return windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, lockedAt())
}

func lockedAt() *windows.Overlapped {
	return &windows.Overlapped{Offset: uint32(lockedByte & 0xffffffff), OffsetHigh: uint32(lockedByte >> 32)}
}
