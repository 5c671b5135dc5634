package codes

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Grouping is a user-defined set of named regions, each a set of kommuner:
// delregioner, clusters, or cooperations across county borders.
//
// A grouping file is CSV with a header line "region,code", then one line per
// member: the region's name and a län (2 digits, meaning all its kommuner)
// or kommun (4 digits) code. A region may span any number of lines. Lines
// starting with '#' and blank lines are ignored. The file is UTF-8, with or
// without a byte-order mark; ';' or a tab may replace ',' if the header uses
// it. For example:
//
//	region,code
//	# Analyssamverkan Norr
//	Norr,24
//	Norr,25
//	Mitt,2281
//	Mitt,2262
//
// No kommun may end up in two regions, or twice in one (directly, or through
// its län). A kommun the file does not cover belongs to no region.
type Grouping struct {
	Name    string
	Regions []GroupRegion // in order of first appearance in the file

	index map[string]int // kommun -> index in Regions
}

// GroupRegion is one region of a Grouping.
type GroupRegion struct {
	Name     string
	Members  []string // codes as listed, in file order
	Kommuner []string // members expanded to kommun codes, sorted
}

// GroupingError is an error in a grouping file. It wraps ErrSyntax,
// ErrUnknownCode or ErrOverlap.
type GroupingError struct {
	File string // file name or path as given
	Line int    // 1-based; 0 when the error concerns the whole file
	Code string // the offending code, "" for syntax errors
	Err  error
}

// Sentinel errors wrapped in a GroupingError; test with errors.Is.
var (
	ErrSyntax      = errors.New("syntax error")
	ErrUnknownCode = errors.New("unknown region code")
	ErrOverlap     = errors.New("kommun in more than one region")
)

// Error returns "file:line: code \"X\": <err>", leaving out what is unknown.
func (e *GroupingError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		if e.File != "" {
			b.WriteByte(':')
		} else {
			b.WriteString("line ")
		}
		b.WriteString(strconv.Itoa(e.Line))
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if e.Code != "" {
		fmt.Fprintf(&b, "code %q: ", e.Code)
	}
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying error.
func (e *GroupingError) Unwrap() error { return e.Err }

// maxGroupingSize bounds what ReadGrouping reads. A full grouping of all
// kommuner is a few kilobytes.
const maxGroupingSize = 4 << 20

// LoadGrouping reads a grouping file. The grouping's name is the file's base
// name without its extension; errors name the path.
func LoadGrouping(path string) (*Grouping, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	return readGrouping(f, name, path)
}

// ReadGrouping reads a grouping file from r (format: see Grouping). name is
// the grouping's name and is used as the file name in errors. Every error is
// a *GroupingError.
func ReadGrouping(r io.Reader, name string) (*Grouping, error) {
	return readGrouping(r, name, name)
}

func readGrouping(r io.Reader, name, file string) (*Grouping, error) {
	fail := func(line int, code string, err error) (*Grouping, error) {
		return nil, &GroupingError{File: file, Line: line, Code: code, Err: err}
	}
	if r == nil {
		return fail(0, "", errors.New("nil reader"))
	}
	b, err := io.ReadAll(io.LimitReader(r, maxGroupingSize+1))
	if err != nil {
		return fail(0, "", fmt.Errorf("read: %w", err))
	}
	if len(b) > maxGroupingSize {
		return fail(0, "", fmt.Errorf("%w: file larger than %d MiB; a grouping lists at most a few hundred codes", ErrSyntax, maxGroupingSize>>20))
	}
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	if !utf8.Valid(b) {
		line := 1 + bytes.Count(b[:firstInvalidUTF8(b)], []byte("\n"))
		return fail(line, "", fmt.Errorf("%w: not valid UTF-8 (save the file as \"CSV UTF-8\")", ErrSyntax))
	}

	cr := csv.NewReader(bytes.NewReader(b))
	cr.Comma = delimiter(b)
	cr.Comment = '#'
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true

	g := &Grouping{Name: name, index: map[string]int{}}
	where := map[string]int{} // kommun -> line that put it in its region
	regionOf := map[string]int{}
	sawHeader := false
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			line := 0
			if pe, ok := err.(*csv.ParseError); ok {
				line, err = pe.Line, pe.Err
			}
			return fail(line, "", fmt.Errorf("%w: %v", ErrSyntax, err))
		}
		line, _ := cr.FieldPos(0)
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		if blank(rec) || strings.HasPrefix(rec[0], "#") {
			continue // blank, or a comment indented by white space
		}
		if !sawHeader {
			if len(rec) != 2 || !strings.EqualFold(rec[0], "region") || !strings.EqualFold(rec[1], "code") {
				return fail(line, "", fmt.Errorf("%w: first line must be the header \"region,code\", got %q", ErrSyntax, strings.Join(rec, string(cr.Comma))))
			}
			sawHeader = true
			continue
		}
		if len(rec) != 2 {
			return fail(line, "", fmt.Errorf("%w: want 2 fields (region, code), got %d", ErrSyntax, len(rec)))
		}
		region, code := rec[0], rec[1]
		if region == "" {
			return fail(line, code, fmt.Errorf("%w: empty region name", ErrSyntax))
		}
		if strings.ContainsFunc(region, unicode.IsControl) {
			return fail(line, code, fmt.Errorf("%w: region name %q holds a control character (tab or line break)", ErrSyntax, region))
		}
		if code == "" {
			return fail(line, "", fmt.Errorf("%w: empty code for region %q", ErrSyntax, region))
		}
		kommuner, err := expand(code)
		if err != nil {
			return fail(line, code, err)
		}
		ri, ok := regionOf[region]
		if !ok {
			ri = len(g.Regions)
			regionOf[region] = ri
			g.Regions = append(g.Regions, GroupRegion{Name: region})
		}
		for _, k := range kommuner {
			if prev, dup := g.index[k]; dup {
				return fail(line, code, overlap(k, code, g.Regions[prev].Name, region, where[k]))
			}
			g.index[k] = ri
			where[k] = line
		}
		rg := &g.Regions[ri]
		rg.Members = append(rg.Members, code)
		rg.Kommuner = append(rg.Kommuner, kommuner...)
	}
	if !sawHeader {
		return fail(0, "", fmt.Errorf("%w: empty file; want the header \"region,code\" and one line per member", ErrSyntax))
	}
	if len(g.Regions) == 0 {
		return fail(0, "", fmt.Errorf("%w: no regions after the header", ErrSyntax))
	}
	for i := range g.Regions {
		slices.Sort(g.Regions[i].Kommuner)
	}
	return g, nil
}

// RollUp returns the name of the region kommun belongs to, or false when
// the grouping does not cover it.
func (g *Grouping) RollUp(kommun string) (string, bool) {
	if g == nil {
		return "", false
	}
	if g.index != nil {
		i, ok := g.index[kommun]
		if !ok || i >= len(g.Regions) {
			return "", false
		}
		return g.Regions[i].Name, true
	}
	// A Grouping built by hand has no index.
	for _, r := range g.Regions {
		if _, ok := slices.BinarySearch(r.Kommuner, kommun); ok {
			return r.Name, true
		}
	}
	return "", false
}

// expand returns the kommuner of a län or kommun code.
func expand(code string) ([]string, error) {
	switch {
	case len(code) == 4 && IsKommun(code):
		return []string{code}, nil
	case len(code) == 2 && IsLan(code):
		var ks []string
		for _, k := range db().kommuner {
			if k.Lan == code {
				ks = append(ks, k.Code)
			}
		}
		return ks, nil
	}
	msg := "want a län (2 digits) or kommun (4 digits) code"
	if digits(code) && (len(code) == 1 || len(code) == 3) && (IsLan("0"+code) || IsKommun("0"+code)) {
		msg = fmt.Sprintf("did you mean %q? (spreadsheets often drop leading zeros)", "0"+code)
	}
	return nil, fmt.Errorf("%w: %s", ErrUnknownCode, msg)
}

func overlap(kommun, code, prevRegion, region string, prevLine int) error {
	what := "kommun " + kommun + " " + RegionName(LevelKommun, kommun)
	if code != kommun {
		what += " (in län " + code + ")"
	}
	if prevRegion == region {
		return fmt.Errorf("%w: %s is already in region %q (line %d)", ErrOverlap, what, region, prevLine)
	}
	return fmt.Errorf("%w: %s is already in region %q (line %d), cannot also be in %q", ErrOverlap, what, prevRegion, prevLine, region)
}

// delimiter picks ',' unless the header line (the first line that is not
// blank or a comment) uses ';' or a tab instead.
func delimiter(b []byte) rune {
	for line := range bytes.Lines(b) {
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		switch {
		case bytes.ContainsRune(line, ','):
			return ','
		case bytes.ContainsRune(line, ';'):
			return ';'
		case bytes.ContainsRune(line, '\t'):
			return '\t'
		}
		return ','
	}
	return ','
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

func blank(rec []string) bool {
	for _, f := range rec {
		if f != "" {
			return false
		}
	}
	return true
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
