package atomicfile

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// leftovers returns the names in dir other than keep.
func leftovers(t *testing.T, dir string, keep ...string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
outer:
	for _, e := range es {
		for _, k := range keep {
			if e.Name() == k {
				continue outer
			}
		}
		out = append(out, e.Name())
	}
	return out
}

func readString(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestWriteFileReplaces(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "manifest.json")
	for _, content := range []string{"first\n", "second, longer\n", ""} {
		if err := WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := readString(t, p); got != content {
			t.Fatalf("content %q, want %q", got, content)
		}
	}
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o644 {
		t.Errorf("perm %v, want 0644", fi.Mode().Perm())
	}
	if l := leftovers(t, dir, "manifest.json"); len(l) != 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

func TestWriteCallbackErrorKeepsOld(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.csv")
	if err := WriteFile(p, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := Write(p, 0o644, func(w io.Writer) error {
		io.WriteString(w, "half of the new")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err %v, want it to wrap boom", err)
	}
	if got := readString(t, p); got != "old" {
		t.Errorf("content %q after a failed write, want the old", got)
	}
	if l := leftovers(t, dir, "out.csv"); len(l) != 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

func TestWriteCallbackPanicCleansUp(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.csv")
	func() {
		defer func() {
			if recover() == nil {
				t.Error("the panic did not reach the caller")
			}
		}()
		Write(p, 0o644, func(w io.Writer) error { panic("caller bug") })
	}()
	if l := leftovers(t, dir); len(l) != 0 {
		t.Errorf("files left after a panic: %v", l)
	}
}

func TestCreateCommitAbort(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.parquet"), filepath.Join(dir, "b.parquet")
	fa, err := Create(a, 0o640)
	if err != nil {
		t.Fatal(err)
	}
	defer fa.Abort()
	fb, err := Create(b, 0o640)
	if err != nil {
		t.Fatal(err)
	}
	defer fb.Abort()
	io.WriteString(fa, "A")
	io.WriteString(fb, "B")
	if _, err := os.Stat(a); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("destination exists before Commit: %v", err)
	}
	if !strings.HasPrefix(filepath.Base(fa.TempName()), ".a.parquet.tmp-") || fa.Name() != a {
		t.Errorf("names %q %q", fa.TempName(), fa.Name())
	}
	if err := fa.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := fa.Commit(); !errors.Is(err, ErrDone) {
		t.Errorf("second Commit: %v, want ErrDone", err)
	}
	if _, err := fa.Write([]byte("x")); !errors.Is(err, ErrDone) {
		t.Errorf("Write after Commit: %v, want ErrDone", err)
	}
	if err := fa.Abort(); err != nil {
		t.Errorf("Abort after Commit: %v", err)
	}
	if err := fb.Abort(); err != nil {
		t.Fatal(err)
	}
	if got := readString(t, a); got != "A" {
		t.Errorf("a = %q", got)
	}
	if l := leftovers(t, dir, "a.parquet"); len(l) != 0 {
		t.Errorf("left: %v", l)
	}
	fi, _ := os.Stat(a)
	if fi.Mode().Perm() != 0o640 {
		t.Errorf("perm %v", fi.Mode().Perm())
	}
}

func TestCreateBadPath(t *testing.T) {
	if _, err := Create(filepath.Join(t.TempDir(), "no", "such", "dir", "f"), 0o644); err == nil {
		t.Error("Create in a missing folder succeeded")
	}
	if _, err := Create("", 0o644); err == nil {
		t.Error("Create with an empty name succeeded")
	}
}

func TestPublishAfterForeignWriter(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "family.csv")
	tmp, err := TempPath(p)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(tmp) != dir {
		t.Fatalf("temp %s not in %s", tmp, dir)
	}
	// Another program truncates and writes the file by name.
	if err := os.WriteFile(tmp, []byte("a,b\n1,2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Publish(tmp, p, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := readString(t, p); got != "a,b\n1,2\n" {
		t.Errorf("content %q", got)
	}
	fi, _ := os.Stat(p)
	if fi.Mode().Perm() != 0o644 {
		t.Errorf("perm %v, want 0644 (TempPath makes 0600)", fi.Mode().Perm())
	}
	if err := Publish(filepath.Join(dir, "missing"), p, 0o644); err == nil {
		t.Error("Publish of a missing file succeeded")
	}
	if got := readString(t, p); got != "a,b\n1,2\n" {
		t.Errorf("a failed Publish changed the destination: %q", got)
	}
}

func TestCopyFile(t *testing.T) {
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "src"), filepath.Join(dir, "dst")
	data := []byte(strings.Repeat("lmi ", 50000))
	os.WriteFile(src, data, 0o644)
	os.WriteFile(dst, []byte("previous"), 0o644)
	sum := sha256.Sum256(data)
	want := hex.EncodeToString(sum[:])

	if _, err := CopyFile(dst, src, 0o644, strings.Repeat("0", 64)); !errors.Is(err, ErrChecksum) {
		t.Fatalf("err %v, want ErrChecksum", err)
	}
	if got := readString(t, dst); got != "previous" {
		t.Fatalf("a copy with a wrong checksum replaced dst: %q...", got[:10])
	}
	got, err := CopyFile(dst, src, 0o644, strings.ToUpper(want))
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("sum %s, want %s", got, want)
	}
	if readString(t, dst) != string(data) {
		t.Error("copy differs")
	}
	if got, err := CopyFile(filepath.Join(dir, "dst2"), src, 0o644, ""); err != nil || got != want {
		t.Errorf("unchecked copy: %s %v", got, err)
	}
	if _, err := CopyFile(dst, filepath.Join(dir, "nope"), 0o644, ""); err == nil {
		t.Error("copy of a missing file succeeded")
	}
	if l := leftovers(t, dir, "src", "dst", "dst2"); len(l) != 0 {
		t.Errorf("left: %v", l)
	}
}

// TestConcurrentWriters: readers and writers racing on one path only ever
// see one complete version.
func TestConcurrentWriters(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "cache.json")
	versions := map[string]bool{}
	for i := 0; i < 8; i++ {
		versions[strings.Repeat(string(rune('a'+i)), 100000)] = true
	}
	WriteFile(p, []byte(strings.Repeat("a", 100000)), 0o644)
	var wg sync.WaitGroup
	for v := range versions {
		wg.Add(1)
		go func(v string) {
			defer wg.Done()
			for j := 0; j < 5; j++ {
				if err := WriteFile(p, []byte(v), 0o644); err != nil {
					t.Error(err)
				}
			}
		}(v)
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	for {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !versions[string(b)] {
			t.Fatalf("reader saw a partial file of %d bytes", len(b))
		}
		select {
		case <-done:
			if l := leftovers(t, dir, "cache.json"); len(l) != 0 {
				t.Errorf("left: %v", l)
			}
			return
		default:
		}
	}
}

func TestSyncDir(t *testing.T) {
	if err := SyncDir(t.TempDir()); err != nil {
		t.Fatal(err)
	}
	if err := SyncDir(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("SyncDir of a missing folder succeeded")
	}
}
