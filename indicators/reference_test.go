package indicators

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/indicators.md from the registry")

// TestReferenceUpToDate keeps docs/indicators.md in step with the registry.
func TestReferenceUpToDate(t *testing.T) {
	methods, err := os.ReadFile("../" + MethodsPath)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteReference(&b, methods); err != nil {
		t.Fatal(err)
	}
	const path = "../docs/indicators.md"
	if *update {
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	have, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, b.Bytes()) {
		t.Errorf("%s is out of date: go test -tags duckdb_arrow ./indicators -run Reference -update", path)
	}
	for _, f := range families {
		if f.description == "" {
			t.Errorf("family %s has no note", f.name)
		}
	}
}
