package aftest

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"lmi/codes"
	"lmi/ingest/af"
	"lmi/ingest/af/internal/codemap"
)

// Every fuzz target checks the same contract: a reader returns either a
// full, valid result or a positioned *Error, never both, never a panic.

// SharedHead returns the first n lines of a shared file, or nil when the
// shared folder is absent (the fuzz corpus then has the inline seeds only).
func SharedHead(name string, n int) []byte {
	b, err := os.ReadFile(filepath.Join(SharedAF, name))
	if err != nil {
		return nil
	}
	lines := bytes.SplitAfterN(b, []byte("\n"), n+1)
	if len(lines) > n {
		lines = lines[:n]
	}
	return bytes.Join(lines, nil)
}

func AddSeeds(f *testing.F, seeds ...[]byte) {
	for _, s := range seeds {
		if s != nil {
			f.Add(s)
		}
	}
}

func CheckErr(t *testing.T, err error, nilResult bool) {
	t.Helper()
	var e *af.Error
	if !errors.As(err, &e) {
		t.Fatalf("error is not an *Error: %T %v", err, err)
	}
	if e.File == "" || e.Kind == nil {
		t.Fatalf("error without file or kind: %v", err)
	}
	if !nilResult {
		t.Fatalf("a result and an error: %v", err)
	}
	_ = err.Error()
}

var periodRe = regexp.MustCompile(`^(19[5-9]\d|20\d\d|2100)-(0[1-9]|1[0-2])$`)

func CheckAssessments(t *testing.T, s *af.AssessmentSet) {
	t.Helper()
	if s == nil {
		t.Fatal("nil result without error")
	}
	for _, a := range s.Assessments {
		switch a.RegionLevel {
		case af.LevelRiket:
			if a.Region != "00" {
				t.Fatalf("riket region %q", a.Region)
			}
		case af.LevelLan:
			if !codes.IsLan(a.Region) {
				t.Fatalf("län %q", a.Region)
			}
		case af.LevelFA:
			if !codemap.Lookups().FA[a.Region] {
				t.Fatalf("FA %q", a.Region)
			}
		default:
			t.Fatalf("level %q", a.RegionLevel)
		}
		if a.Class < 0 || a.Class > 5 || math.IsInf(a.Value, 0) || a.Occupation == "" || a.Measure == "" || a.Source == "" {
			t.Fatalf("assessment %+v", a)
		}
		for _, s := range a.SSYK {
			if !codes.IsSSYK4(s) {
				t.Fatalf("SSYK %q", s)
			}
		}
	}
	for _, o := range s.Occupations {
		if !codes.IsSSYK4(o.SSYK) || o.Occupation == "" {
			t.Fatalf("map %+v", o)
		}
	}
}

func CheckCounts(t *testing.T, cs []af.Count) {
	t.Helper()
	for _, c := range cs {
		if !periodRe.MatchString(c.Period) {
			t.Fatalf("period %q", c.Period)
		}
		if c.Region != "00" && !codes.IsLan(c.Region) && !codes.IsKommun(c.Region) {
			t.Fatalf("region %q", c.Region)
		}
		if c.SSYK != "" && !codes.IsSSYK4(c.SSYK) {
			t.Fatalf("SSYK %q", c.SSYK)
		}
		if c.Censored != math.IsNaN(c.N) || (!c.Censored && (c.N < 0 || math.IsInf(c.N, 0))) || c.Category == "" {
			t.Fatalf("count %+v", c)
		}
	}
}

// CellsToXLSX builds a one-sheet workbook from text: rows by line, cells
// by tab; a cell that is a number is written as a number.
func CellsToXLSX(t testing.TB, s string, merges [][2]string) []byte {
	var rows [][]any
	for i, line := range strings.Split(s, "\n") {
		if i >= 40 {
			break
		}
		var row []any
		for j, c := range strings.Split(line, "\t") {
			if j >= 16 {
				break
			}
			if v, err := strconv.ParseFloat(c, 64); err == nil && !math.IsInf(v, 0) && !math.IsNaN(v) {
				row = append(row, v)
			} else {
				row = append(row, strings.ToValidUTF8(c, ""))
			}
		}
		rows = append(rows, row)
	}
	return MakeXLSX(t, XLSXSheet{Name: "Blad1", Rows: rows, Merges: merges})
}
