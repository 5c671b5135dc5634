package aftest

import (
	"os"
	"path/filepath"
	"testing"
)

// SharedAF is the project's shared Arbetsförmedlingen data: shared/data/af
// beside the module's folder (../shared/data/af from the module root).
var SharedAF = filepath.Join(ModuleDir(), "..", "shared", "data", "af")

// ModuleDir is the folder of lmi's go.mod, found from the working
// directory up (a test runs in its package's folder); "." when there is
// none.
func ModuleDir() string {
	dir, err := os.Getwd()
	if err != nil {
		return "."
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "."
		}
		dir = up
	}
}

// Shared opens a shared file, skipping the test when the folder is absent.
func Shared(t testing.TB, name string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join(SharedAF, name))
	if os.IsNotExist(err) {
		t.Skipf("../shared/data not present: %s cannot be checked against the real file", name)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// SharedBytes reads a shared file, skipping the test when it is absent.
func SharedBytes(t testing.TB, name string) []byte {
	t.Helper()
	f := Shared(t, name)
	b, err := os.ReadFile(f.Name())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// MapsEqual reports whether two maps hold the same pairs.
func MapsEqual[K comparable, V comparable](a, b map[K]V) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
