package indicators

import (
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"lmi/codes"
	"lmi/settings"
)

// DefaultThreshold is the share of an education group's employed an
// occupation must take to count as a match in the statistical key.
const DefaultThreshold = 0.05

// KeySpec chooses the match key: a user's map file, or the statistical key
// built from the register (the default).
type KeySpec struct {
	// MapFile is a match map, CSV: edu_group,ssyk,field_match,level_match.
	MapFile string `toml:"map_file" want:"a file path"`
	// Threshold is the statistical key's minimum share, 0 < t <= 1.
	Threshold float64 `toml:"threshold"`
	// BaseYear is the statistical key's year; 0 is the latest in the data.
	BaseYear int `toml:"base_year" want:"an integer (a year, or 0 for the latest)"`
}

func (k KeySpec) validate() settings.Errors {
	var es settings.Errors
	if k.MapFile == "" && !(k.Threshold > 0 && k.Threshold <= 1) {
		es.Addf("threshold", "statistical key threshold %v: must be in (0, 1]", k.Threshold)
	}
	if k.BaseYear != 0 && (k.BaseYear < 1900 || k.BaseYear > 2200) {
		es.Addf("base_year", "statistical key base year %d: want a year, or 0 for the latest year in the data", k.BaseYear)
	}
	return es
}

// KeyInfo says which key a computation used, for the run's records.
type KeyInfo struct {
	Kind      string // "file" or "statistical"
	MapFile   string
	Threshold float64
	BaseYear  int
	Pairs     int64 // education group x SSYK 4 pairs in the expanded key
}

// Field and level match values of a match map.
var (
	fieldMatches = []string{"helt", "delvis", "inte"}
	levelMatches = []string{"lagre", "ratt", "hogre"}
)

// MapEntry is one line of a match-map file. SSYK may be given at any of its
// four levels; the most specific line wins for each SSYK 4 group.
type MapEntry struct {
	EduGroup, SSYK, Field, Level string
	Line                         int
}

// MapError reports a bad match-map line.
type MapError struct {
	File   string
	Line   int
	Column string
	Value  string
	Reason string
}

func (e *MapError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Reason)
	}
	return fmt.Sprintf("%s:%d: column %s: value %q: %s", e.File, e.Line, e.Column, e.Value, e.Reason)
}

// ReadMatchMap parses a match-map CSV with header
// edu_group,ssyk,field_match,level_match. Field match is helt, delvis or
// inte; level match lagre, ratt or hogre (lägre, rätt, högre accepted).
// Every error names the line; a pair listed twice is an error.
func ReadMatchMap(r io.Reader, file string) ([]MapEntry, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 4
	cr.Comment = '#'
	header, err := cr.Read()
	if err != nil {
		return nil, &MapError{File: file, Line: 1, Reason: "cannot read header: " + errText(err)}
	}
	want := []string{"edu_group", "ssyk", "field_match", "level_match"}
	for i, h := range header {
		if strings.TrimSpace(strings.TrimPrefix(strings.ToLower(h), "\ufeff")) != want[i] {
			return nil, &MapError{File: file, Line: 1, Reason: "header must be " + strings.Join(want, ",")}
		}
	}
	var out []MapEntry
	seen := map[[2]string]int{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &MapError{File: file, Line: pe.Line, Reason: "malformed CSV: " + pe.Err.Error()}
			}
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		line, _ := cr.FieldPos(0)
		e := MapEntry{
			EduGroup: strings.TrimSpace(rec[0]), SSYK: strings.TrimSpace(rec[1]),
			Field: normalise(rec[2]), Level: normalise(rec[3]), Line: line,
		}
		switch {
		case !codes.IsEduGroup(e.EduGroup):
			return nil, &MapError{file, line, "edu_group", e.EduGroup, "unknown education group"}
		case !isSSYK(e.SSYK):
			return nil, &MapError{file, line, "ssyk", e.SSYK, "unknown SSYK 2012 code"}
		case !slices.Contains(fieldMatches, e.Field):
			return nil, &MapError{file, line, "field_match", rec[2], "want helt, delvis or inte"}
		case !slices.Contains(levelMatches, e.Level):
			return nil, &MapError{file, line, "level_match", rec[3], "want lagre, ratt or hogre"}
		}
		k := [2]string{e.EduGroup, e.SSYK}
		if first, dup := seen[k]; dup {
			return nil, &MapError{File: file, Line: line, Reason: fmt.Sprintf("pair %s x %s already given on line %d", e.EduGroup, e.SSYK, first)}
		}
		seen[k] = line
		out = append(out, e)
	}
	return out, nil
}

// ExpandMatchMap resolves entries to one (field, level) per education group
// and SSYK 4 group, the most specific SSYK level winning. Pairs no entry
// covers are left out: they count as not matched.
func ExpandMatchMap(entries []MapEntry) [][4]string {
	byKey := map[[2]string]MapEntry{}
	var groups []string
	for _, e := range entries {
		if !slices.Contains(groups, e.EduGroup) {
			groups = append(groups, e.EduGroup)
		}
		byKey[[2]string{e.EduGroup, e.SSYK}] = e
	}
	var out [][4]string
	for _, g := range groups {
		for _, o := range codes.SSYK(4) {
			for l := 4; l >= 1; l-- {
				if e, ok := byKey[[2]string{g, o.Code[:l]}]; ok {
					out = append(out, [4]string{g, o.Code, e.Field, e.Level})
					break
				}
			}
		}
	}
	return out
}

func (s *Session) buildMatchMap(ctx context.Context, p Params) (KeyInfo, error) {
	if p.Key.MapFile != "" {
		return s.loadMatchMapFile(ctx, p.Key.MapFile)
	}
	info := KeyInfo{Kind: "statistical", Threshold: p.Key.Threshold, BaseYear: p.Key.BaseYear}
	if info.BaseYear == 0 {
		var y sql.NullInt64
		if err := s.conn.QueryRowContext(ctx, "SELECT max(year) FROM persons").Scan(&y); err != nil {
			return info, err
		}
		if !y.Valid {
			return info, errors.New("statistical key: the persons table is empty; ingest a register extract first")
		}
		info.BaseYear = int(y.Int64)
	}
	tp := templateParams{AgeMin: p.Age.Min, AgeMax: p.Age.Max, BaseYear: info.BaseYear, Threshold: info.Threshold}
	if err := s.execMacro(ctx, "statistical_key.sql", tp); err != nil {
		return info, fmt.Errorf("statistical key: %w", err)
	}
	if err := s.conn.QueryRowContext(ctx, "SELECT count(*) FROM matchmap").Scan(&info.Pairs); err != nil {
		return info, err
	}
	if info.Pairs == 0 {
		return info, fmt.Errorf("statistical key: no employed persons with known education and occupation in base year %d", info.BaseYear)
	}
	return info, nil
}

func (s *Session) loadMatchMapFile(ctx context.Context, path string) (KeyInfo, error) {
	info := KeyInfo{Kind: "file", MapFile: path}
	f, err := os.Open(path)
	if err != nil {
		return info, fmt.Errorf("match map: %w", err)
	}
	defer f.Close()
	entries, err := ReadMatchMap(f, path)
	if err != nil {
		return info, err
	}
	pairs := ExpandMatchMap(entries)
	// VALUES rows, 1000 pairs to a chunk (macros/matchmap_file.sql).
	var chunks []string
	for start := 0; start < len(pairs); start += 1000 {
		var rows []string
		for _, pr := range pairs[start:min(start+1000, len(pairs))] {
			rows = append(rows, fmt.Sprintf("(%s, %s, %s, %s)", sqlString(pr[0]), sqlString(pr[1]), sqlString(pr[2]), sqlString(pr[3])))
		}
		chunks = append(chunks, strings.Join(rows, ", "))
	}
	q, err := renderMacro("matchmap_file.sql", templateParams{Rows: tableRows{MatchMap: chunks}})
	if err != nil {
		return info, err
	}
	if _, err := s.Exec(ctx, q); err != nil {
		return info, fmt.Errorf("match map %s: %w", path, err)
	}
	info.Pairs = int64(len(pairs))
	return info, nil
}

func normalise(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.NewReplacer("ä", "a", "å", "a", "ö", "o").Replace(s)
}

// isSSYK reports whether c is an SSYK 2012 code at any of its levels.
func isSSYK(c string) bool {
	for _, f := range codes.Show(c) {
		if f.List == "ssyk" && f.Entry.Code == c {
			return true
		}
	}
	return false
}

func errText(err error) string {
	if err == io.EOF {
		return "empty file"
	}
	return err.Error()
}
