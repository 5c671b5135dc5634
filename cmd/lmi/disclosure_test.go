package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDisclosureCheck: Stockholms län publishes 13 employed and 0180 its
// 10, the län's only other kommun with any, 0114, is hidden: 13 - 10
// gives it away (exit 1, the count listed); with 0180 hidden too nothing
// is (exit 0).
func TestDisclosureCheck(t *testing.T) {
	head := "indicator,version,period,region_level,region,region_name,edu_group,sex,value,numerator,denominator,n,suppressed\n"
	hidden := func(region, level string) string {
		return "antal_forvarvsarbetande,1,2022," + level + "," + region + ",x,TOT,TOT,,,,,true\n"
	}
	shown := func(region, level, n string) string {
		return "antal_forvarvsarbetande,1,2022," + level + "," + region + ",x,TOT,TOT," + n + "," + n + ",," + n + ",false\n"
	}
	for _, c := range []struct {
		rows string
		code int
		want string
	}{
		{hidden("0114", "kommun") + shown("0180", "kommun", "10") + shown("01", "lan", "13"), exitError, "status employed, kommun 0114, 2022: recovered as 3"},
		{hidden("0114", "kommun") + hidden("0180", "kommun") + shown("01", "lan", "13"), exitOK, "no suppressed count below k = 5"},
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "status.csv"), []byte(head+c.rows), 0o644); err != nil {
			t.Fatal(err)
		}
		out, errOut, code := lmi(t, "disclosure", "check", dir)
		if code != c.code || !strings.Contains(out, c.want) {
			t.Errorf("exit %d, want %d; out %q, err %q", code, c.code, out, errOut)
		}
	}
	if _, _, code := lmi(t, "disclosure", "audit", "x"); code != exitUsage {
		t.Errorf("disclosure audit: exit %d, want %d", code, exitUsage)
	}
}
