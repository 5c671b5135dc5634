//go:build unix

package ads

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"lmi/ingest/af"
)

// TestMapFile: a regular file is mapped from its offset; an empty file,
// a file read to its end, a pipe and a directory are not.
func TestMapFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.jsonl")
	if err := os.WriteFile(path, []byte("{}\n{\"a\":1}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	f.Seek(3, 0)
	m, ok := mapFile(f)
	if !ok || string(m.data) != "{\"a\":1}\n" {
		t.Fatalf("mapFile: %v %q", ok, m.data)
	}
	m.close()
	if m, ok := mapFile(f); ok { // left at the end
		t.Errorf("mapped at the end: %q", m.data)
		m.close()
	}
	empty := filepath.Join(dir, "empty.jsonl")
	os.WriteFile(empty, nil, 0o644)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for _, p := range []string{empty, dir} {
		g, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := mapFile(g); ok {
			t.Errorf("%s mapped", p)
		}
		g.Close()
	}
	if _, ok := mapFile(r); ok {
		t.Error("a pipe mapped")
	}
	r.Close()
}

// TestAdsMappedTruncated cuts a mapped file short before it is read: the
// lost pages fault, and the reader returns ErrIO instead of crashing,
// with the runtime's fault setting restored. Both the line scanner and
// the JSON array decoder (copying through memmove) meet the fault.
func TestAdsMappedTruncated(t *testing.T) {
	fixture := readFixture(t)
	lines := bytes.Split(bytes.TrimSpace(fixture), []byte("\n"))
	jsonl := bytes.Repeat(fixture, 1+(4*os.Getpagesize())/len(fixture))
	array := []byte("[" + strings.Repeat(string(lines[0])+",", 1+(4*os.Getpagesize())/len(lines[0])) + string(lines[0]) + "]")
	for name, data := range map[string][]byte{"lines": jsonl, "array": array} {
		path := filepath.Join(t.TempDir(), "ads.jsonl")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		m, ok := mapFile(f)
		if !ok {
			t.Fatal("not mapped")
		}
		if err := os.Truncate(path, int64(os.Getpagesize())); err != nil {
			t.Fatal(err)
		}
		err = newAdAgg(AdOptions{}).readMapped(m, "ads.jsonl")
		f.Close()
		var e *af.Error
		if !errors.As(err, &e) || e.Kind != af.ErrIO || !strings.Contains(e.Msg, "cut short") {
			t.Errorf("%s: %v, want ErrIO", name, err)
		}
		if debug.SetPanicOnFault(false) {
			t.Errorf("%s: SetPanicOnFault left on", name)
		}
	}
}

// TestAdsMappedBoundedMemory reads a 96 MB file of generated ads, mapped:
// the file's pages are not the heap, which stays within the bound of
// doc.go (a copy of the file would exceed it).
func TestAdsMappedBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and reads 96 MB; skipped with -short")
	}
	path := filepath.Join(t.TempDir(), "ads.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.ReadFrom(newAdGen(96 << 20)); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	var v *Vacancies
	peak, base := heapPeak(func() { v, err = ReadAdsFiles(AdOptions{}, path) })
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d ads; peak HeapInuse %.1f MB (%.1f MB before)", v.Report.Ads, float64(peak)/1e6, float64(base)/1e6)
	if peak > base+64<<20 {
		t.Errorf("peak heap %d MB over the 64 MB bound", (peak-base)>>20)
	}
}
