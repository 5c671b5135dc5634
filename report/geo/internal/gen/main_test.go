package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// sharedData is the project's shared reference data, relative to this
// package's folder.
const sharedData = "../../../../../shared/data"

// TestRegenerate runs the generator on the shared data and compares its
// output with the embedded file: the committed data must be what the
// committed generator makes, byte for byte.
func TestRegenerate(t *testing.T) {
	if _, err := os.Stat(filepath.Join(sharedData, "geo")); err != nil {
		t.Skipf("../shared/data not present: the embedded boundaries cannot be regenerated (%v)", err)
	}
	out := t.TempDir()
	if err := run(sharedData, out); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(out, "kommun.bin"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("../../data/kommun.bin")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("regenerated kommun.bin (%d bytes) differs from the committed one (%d bytes): run go generate ./report/geo/", len(got), len(want))
	}
}

func TestRoundDiv(t *testing.T) {
	for v, want := range map[float64]int64{149.9: 1, 150: 2, 6580743.0083: 65807, -149.9: -1, -150: -2} {
		if got := roundDiv(v); got != want {
			t.Errorf("roundDiv(%v) = %d, want %d", v, got, want)
		}
	}
}
