package check

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"lmi/codes"
)

const statusHeader = "indicator,version,period,region_level,region,region_name,edu_group,sex,value,numerator,denominator,n,suppressed\n"

// writeStatus writes a status family output of employed counts by kommun
// and län in Stockholms län (01), every other kommun empty.
func writeStatus(t *testing.T, rows ...string) string {
	t.Helper()
	dir := t.TempDir()
	body := statusHeader + strings.Join(rows, "\n") + "\n"
	if err := os.WriteFile(filepath.Join(dir, "status.csv"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func employed(level, region string, n int) string {
	if n < 0 {
		return "antal_forvarvsarbetande,1,2022," + level + "," + region + ",x,TOT,TOT,,,,,true"
	}
	v := strconv.Itoa(n)
	return "antal_forvarvsarbetande,1,2022," + level + "," + region + ",x,TOT,TOT," + v + "," + v + ",," + v + ",false"
}

// TestCheckHandComputed: Stockholms län publishes 13 employed; of its
// kommuner only 0114 (3) and 0180 (10) have any (the others write no
// row). With 0180 published, 0114 = 13 - 10 = 3 is recovered; with both
// hidden, 0114 lies anywhere in [0, 13] and nothing is exposed.
func TestCheckHandComputed(t *testing.T) {
	dir := writeStatus(t, employed("kommun", "0114", -1), employed("kommun", "0180", 10), employed("lan", "01", 13))
	res, err := Run(t.Context(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Exposed) != 1 || res.Pinned != 1 {
		t.Fatalf("exposed %d (%d pinned), want 1 (1)", len(res.Exposed), res.Pinned)
	}
	e := res.Exposed[0]
	if e.Region != "0114" || e.Lo != 3 || e.Hi != 3 || e.Quantity != "employed" {
		t.Errorf("exposed %s [%g, %g], want status employed kommun 0114 at 3", e.Name, e.Lo, e.Hi)
	}
	var out strings.Builder
	res.Write(&out, 5)
	if !strings.Contains(out.String(), "status employed, kommun 0114, 2022: recovered as 3") {
		t.Errorf("report:\n%s", out.String())
	}

	dir = writeStatus(t, employed("kommun", "0114", -1), employed("kommun", "0180", -1), employed("lan", "01", 13))
	res, err = Run(t.Context(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK() || res.Suppressed != 2 || res.K != DefaultK {
		t.Errorf("both hidden: exposed %v, suppressed %d, k %d; want none, 2, 5", res.Exposed, res.Suppressed, res.K)
	}
	// A protection level of 14 asks more than the interval [0, 13] gives.
	res, err = Run(t.Context(), dir, Options{P: 14})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Exposed) != 2 {
		t.Errorf("protection 14: %d exposed, want 2", len(res.Exposed))
	}
}

// TestCheckGroupingLevel: an output level with no grouping file is an
// error naming it; with the file, its regions nest.
func TestCheckGroupingLevel(t *testing.T) {
	dir := writeStatus(t, employed("kommun", "0114", -1), employed("kommun", "0180", 10), employed("norr", "N", 13))
	if _, err := Run(t.Context(), dir, Options{}); err == nil || !strings.Contains(err.Error(), `"norr"`) {
		t.Fatalf("err = %v, want one naming the level norr", err)
	}
	g, err := codes.ReadGrouping(strings.NewReader("region,code\nN,0114\nN,0180\n"), "norr")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(t.Context(), dir, Options{Groupings: []*codes.Grouping{g}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Pinned != 1 {
		t.Errorf("pinned %d, want 1 (0114 = N - 0180)", res.Pinned)
	}
}

func TestCheckNoOutputs(t *testing.T) {
	if _, err := Run(t.Context(), t.TempDir(), Options{}); !errors.Is(err, ErrNoOutputs) {
		t.Errorf("err = %v, want ErrNoOutputs", err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "status.csv"), []byte("a,b\n1,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Run(t.Context(), dir, Options{}); !errors.Is(err, ErrNotOutput) {
		t.Errorf("err = %v, want ErrNotOutput", err)
	}
}
