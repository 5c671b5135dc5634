package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIndicatorsListAndDescribe: list and describe say where each
// indicator is defined, the section of docs/methods.md it cites.
func TestIndicatorsListAndDescribe(t *testing.T) {
	out, errOut, code := lmi(t, "indicators", "list")
	if code != exitOK {
		t.Fatalf("indicators list: exit %d\n%s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 10 {
		t.Fatalf("indicators list: %d lines\n%s", len(lines), out)
	}
	for _, line := range lines {
		if !strings.Contains(line, "\t(docs/methods.md section ") {
			t.Errorf("indicators list: %q does not name its docs/methods.md section", line)
		}
	}
	out, errOut, code = lmi(t, "indicators", "describe", "matchningsgrad")
	if code != exitOK || !strings.Contains(out, "\nsection:     docs/methods.md section 2\n") {
		t.Errorf("indicators describe matchningsgrad: exit %d, %s\n%s", code, errOut, out)
	}
}

// TestIndicatorsShortageFlags computes the shortage family with its flags
// on a small synthetic register, and refuses bad ones.
func TestIndicatorsShortageFlags(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	if _, errOut, code := lmi(t, "synth", "--persons", "3000", "--years", "4", "--seed", "3", "--out", data, "--format", "parquet"); code != exitOK {
		t.Fatalf("synth: exit %d\n%s", code, errOut)
	}
	db := filepath.Join(dir, "lmi.duckdb")
	files, _ := filepath.Glob(filepath.Join(data, "*.parquet"))
	if _, errOut, code := lmi(t, append([]string{"ingest", "--db", db}, files...)...); code != exitOK {
		t.Fatalf("ingest: exit %d\n%s", code, errOut)
	}
	out := filepath.Join(dir, "out")
	stdout, errOut, code := lmi(t, "indicators", "compute", "--db", db, "--out", out, "--level", "lan,riket",
		"--indicator", "brist_index,brist_klass,brist_delindikatorer", "--k", "0",
		"--shortage-weights", "tightness=2,graduates=0", "--shortage-window", "2", "--shortage-thresholds=-0.2,-0.05,0.05,0.2")
	if code != exitOK {
		t.Fatalf("indicators compute: exit %d\n%s", code, errOut)
	}
	b, err := os.ReadFile(filepath.Join(out, "shortage.csv"))
	if err != nil || !strings.Contains(stdout, "shortage: 3 indicators") ||
		!strings.HasPrefix(string(b), "indicator,version,period,region_level,region,region_name,ssyk4,value,numerator,denominator,n,suppressed\nbrist_delindikatorer,1,") {
		t.Errorf("shortage.csv: %v\n%s\n%.300s", err, stdout, b)
	}
	// With graduates weighted 0, no index uses more than five parts.
	parts := map[string]int{}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Split(line, ","); len(f) == 12 && f[0] == "brist_delindikatorer" {
			parts[f[7]]++
		}
	}
	if len(parts) == 0 || parts["6.0"] > 0 || parts["5.0"] == 0 {
		t.Errorf("parts used: %v, want some five and no six", parts)
	}
	for _, bad := range [][]string{
		{"--shortage-weights", "wages=1"},
		{"--shortage-weights", "tightness=much"},
		{"--shortage-weights", "tightness=0,vacancy_growth=0,employment_growth=0,unemployment=0,aged_60=0,graduates=0"},
		{"--shortage-window", "0"},
		{"--shortage-thresholds", "0.1,0.2"},
	} {
		args := append([]string{"indicators", "compute", "--db", db, "--out", out}, bad...)
		if _, errOut, code := lmi(t, args...); code != exitUsage || !strings.Contains(errOut, "shortage") {
			t.Errorf("%v: exit %d, %s", bad, code, errOut)
		}
	}
}
