package atomicfile

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// ErrChecksum is returned by CopyFile when the copied bytes do not have the
// SHA-256 the caller expected. The destination is left untouched.
var ErrChecksum = errors.New("checksum mismatch")

// ErrDone is returned by File.Write and File.Commit after the file was
// committed or aborted.
var ErrDone = errors.New("file already committed or aborted")

// File is a temporary file that becomes the file at its destination path on
// Commit. Its zero value is not usable; make one with Create.
type File struct {
	f    *os.File
	path string
	perm fs.FileMode
	done bool
}

// Create opens a new temporary file in path's folder. Write to it, then
// call Commit to put it in place of path, or Abort to discard it. Defer
// Abort right after Create: after a successful Commit it does nothing.
func Create(path string, perm fs.FileMode) (*File, error) {
	dir, base := filepath.Split(path)
	if base == "" {
		return nil, fmt.Errorf("atomic write %q: not a file name", path)
	}
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("atomic write %s: %w", path, err)
	}
	return &File{f: f, path: path, perm: perm}, nil
}

// Write writes to the temporary file.
func (f *File) Write(p []byte) (int, error) {
	if f.done {
		return 0, ErrDone
	}
	return f.f.Write(p)
}

// Name returns the destination path.
func (f *File) Name() string { return f.path }

// TempName returns the temporary file's path.
func (f *File) TempName() string { return f.f.Name() }

// Commit sets the file's permissions, fsyncs and closes it, renames it to
// its destination and fsyncs the folder. After an error the temporary file
// is gone and the destination is as it was before Create, except when only
// the last step, the folder's fsync, failed: then the new file is in place
// but its rename may not survive a power loss.
func (f *File) Commit() error {
	if f.done {
		return ErrDone
	}
	f.done = true
	tmp := f.f.Name()
	err := f.f.Chmod(f.perm)
	if err == nil {
		err = f.f.Sync()
	}
	if cerr := f.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = rename(tmp, f.path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("atomic write %s: %w", f.path, err)
	}
	return nil
}

// Abort closes and removes the temporary file. It does nothing after
// Commit or an earlier Abort, so it is safe to defer.
func (f *File) Abort() error {
	if f.done {
		return nil
	}
	f.done = true
	cerr := f.f.Close()
	rerr := os.Remove(f.f.Name())
	if err := errors.Join(cerr, rerr); err != nil {
		return fmt.Errorf("atomic write %s: discard: %w", f.path, err)
	}
	return nil
}

// WriteFile writes data to path atomically with permissions perm.
func WriteFile(path string, data []byte, perm fs.FileMode) error {
	return Write(path, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Write calls fn with a buffered writer onto a temporary file and, when fn
// returns nil, puts the file in place of path with permissions perm. When
// fn returns an error (or panics) the temporary file is removed, path is
// left as it was and fn's error is returned wrapped.
func Write(path string, perm fs.FileMode, fn func(w io.Writer) error) error {
	f, err := Create(path, perm)
	if err != nil {
		return err
	}
	defer f.Abort() // no-op after Commit; removes the file on error or panic
	bw := bufio.NewWriterSize(f, 64<<10)
	if err := fn(bw); err != nil {
		return fmt.Errorf("atomic write %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("atomic write %s: %w", path, err)
	}
	return f.Commit()
}

// TempPath creates an empty temporary file in path's folder for a program
// that writes it by name (such as DuckDB's COPY ... TO), and returns its
// name. Hand it to Publish when it is written, or remove it.
func TempPath(path string) (string, error) {
	f, err := Create(path, 0o600)
	if err != nil {
		return "", err
	}
	name := f.f.Name()
	f.done = true
	if err := f.f.Close(); err != nil {
		os.Remove(name)
		return "", fmt.Errorf("atomic write %s: %w", path, err)
	}
	return name, nil
}

// Publish makes a finished temporary file durable and puts it in place of
// path: it sets permissions perm, fsyncs tmp, renames it to path and
// fsyncs the folder. tmp must be in path's folder (see TempPath). On error
// tmp is removed.
func Publish(tmp, path string, perm fs.FileMode) error {
	err := syncFile(tmp, perm)
	if err == nil {
		err = rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("atomic write %s: %w", path, err)
	}
	return nil
}

// CopyFile copies src to dst atomically with permissions perm and returns
// the SHA-256 of the bytes copied, in lower-case hex. When wantSHA256 is not
// empty and differs (letter case aside), dst is left as it was and the
// error wraps ErrChecksum.
func CopyFile(dst, src string, perm fs.FileMode, wantSHA256 string) (string, error) {
	in, err := os.Open(src)
	if err != nil {
		return "", fmt.Errorf("copy %s: %w", src, err)
	}
	defer in.Close()
	f, err := Create(dst, perm)
	if err != nil {
		return "", err
	}
	defer f.Abort()
	h := sha256.New()
	if _, err := io.Copy(io.MultiWriter(f, h), in); err != nil {
		return "", fmt.Errorf("copy %s to %s: %w", src, dst, err)
	}
	sum := hex.EncodeToString(h.Sum(nil))
	if wantSHA256 != "" && !equalFoldHex(sum, wantSHA256) {
		return sum, fmt.Errorf("copy %s to %s: %w: got sha256 %s, want %s", src, dst, ErrChecksum, sum, wantSHA256)
	}
	return sum, f.Commit()
}

func equalFoldHex(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= y && y <= 'F' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// syncFile sets perm on the file at name and fsyncs it.
func syncFile(name string, perm fs.FileMode) error {
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Chmod(perm)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// rename renames tmp to path and fsyncs path's folder.
func rename(tmp, path string) error {
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	return SyncDir(filepath.Dir(path))
}

// SyncDir fsyncs a folder, so that renames and new entries in it survive a
// power loss. It does nothing on Windows, where folders cannot be synced.
func SyncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync folder %s: %w", dir, err)
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("sync folder %s: %w", dir, err)
	}
	return nil
}
