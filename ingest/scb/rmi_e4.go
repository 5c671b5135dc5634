package scb

import (
	"fmt"
	"strings"

	"lmi/ingest/cube"
)

// KindE4 is RMI's E4 (RegionInd19E4N1, RegionInd19E4N and kin): the
// employed 20-64 by region, education, whether the education's field
// matches the occupation (ämnesmatch) and whether its level does
// (nivåmatch), and year. Its one content is a count; the two match
// dimensions are recognised by SCB's Swedish value texts, whatever their
// codes.
const KindE4 = "E4"

// Field and level match values, in lmi's words (as in match maps), and
// "okand" for SCB's "inte tillräckliga uppgifter".
const (
	MatchHelt   = "helt"
	MatchDelvis = "delvis"
	MatchInte   = "inte"
	MatchLagre  = "lagre"
	MatchRatt   = "ratt"
	MatchHogre  = "hogre"
	MatchOkand  = "okand"
)

// MatchCell is one count of an E4 table.
type MatchCell struct {
	Table string
	Key   []Coded // the dimensions other than the two matches, content and time (region, education)
	Year  string
	Field string // MatchHelt, MatchDelvis, MatchInte or MatchOkand
	Level string // MatchLagre, MatchRatt, MatchHogre or MatchOkand
	N     float64
	// Status is SCB's symbol when there is no number.
	Status string
}

// fieldMatch reads an ämnesmatch text: "utb. inriktning stämmer helt
// (delvis, inte) med yrket", or "inte tillräckliga uppgifter".
func fieldMatch(label string) (string, bool) {
	l := strings.ToLower(label)
	switch {
	case strings.Contains(l, "inte tillräckliga uppgifter"):
		return MatchOkand, true
	case !strings.Contains(l, "inriktning"):
		return "", false
	case strings.Contains(l, "stämmer helt"):
		return MatchHelt, true
	case strings.Contains(l, "stämmer delvis"):
		return MatchDelvis, true
	case strings.Contains(l, "stämmer inte"):
		return MatchInte, true
	}
	return "", false
}

// levelMatch reads a nivåmatch text: "utb. nivå lägre (högre) än vad yrket
// kräver", "utb. nivå rätt för yrket", or "inte tillräckliga uppgifter".
func levelMatch(label string) (string, bool) {
	l := strings.ToLower(label)
	switch {
	case strings.Contains(l, "inte tillräckliga uppgifter"):
		return MatchOkand, true
	case !strings.Contains(l, "nivå"):
		return "", false
	case strings.Contains(l, "lägre"):
		return MatchLagre, true
	case strings.Contains(l, "högre"):
		return MatchHogre, true
	case strings.Contains(l, "rätt"):
		return MatchRatt, true
	}
	return "", false
}

// matchDimension finds the dimension whose texts read, all of them, with
// read, and that has at least one text of its own kind (not only
// "inte tillräckliga uppgifter"). A dimension with some such texts and a
// text that does not read is an error naming it.
func matchDimension(t *cube.Table, what, own string, read func(string) (string, bool)) (int, []string, error) {
	for d, dim := range t.Dimensions {
		values := make([]string, len(dim.Values))
		mine, bad := false, ""
		for i, v := range dim.Values {
			m, ok := read(v.Label)
			if !ok {
				bad = v.Label
				continue
			}
			values[i] = m
			mine = mine || strings.Contains(strings.ToLower(v.Label), own)
		}
		if !mine {
			continue
		}
		if bad != "" {
			return 0, nil, fmt.Errorf("%s: dimension %s: %q is not an %s text", t.ID, dim.Code, bad, what)
		}
		return d, values, nil
	}
	return 0, nil, fmt.Errorf("%s: not an RMI E4 table: no %s dimension", t.ID, what)
}

// MatchTable reads an E4-shaped table: a field-match and a level-match
// dimension, one content, a time dimension ("Tid") and any others (region,
// education). Every count must be a whole number of persons.
func MatchTable(t *cube.Table) ([]MatchCell, error) {
	_, ti, ok := t.Dimension("Tid")
	if !ok {
		return nil, fmt.Errorf("%s: not an RMI E4 table: no Tid dimension", t.ID)
	}
	fi, fields, err := matchDimension(t, "ämnesmatch", "inriktning", fieldMatch)
	if err != nil {
		return nil, err
	}
	li, levels, err := matchDimension(t, "nivåmatch", "nivå", levelMatch)
	if err != nil {
		return nil, err
	}
	if c, ci, ok := t.Dimension("ContentsCode"); ok && len(c.Values) != 1 {
		return nil, fmt.Errorf("%s: dimension %s has %d contents; E4 has one count", t.ID, t.Dimensions[ci].Code, len(c.Values))
	}
	cells := make([]MatchCell, 0, t.Len())
	idx := make([]int, len(t.Dimensions))
	for off := 0; off < t.Len(); off++ {
		c := MatchCell{Table: t.ID, Year: t.Dimensions[ti].Values[idx[ti]].Code,
			Field: fields[idx[fi]], Level: levels[idx[li]], N: t.Values[off], Status: t.Status[off]}
		for d, dim := range t.Dimensions {
			if d != ti && d != fi && d != li && dim.Code != "ContentsCode" {
				v := dim.Values[idx[d]]
				c.Key = append(c.Key, Coded{dim.Code, v.Code, v.Label})
			}
		}
		if c.Status == "" && (c.N < 0 || c.N != float64(int64(c.N))) {
			return nil, fmt.Errorf("%s: %s %s: count %v is not a whole number of persons", t.ID, (&RMICell{Key: c.Key}).KeyString(), c.Year, c.N)
		}
		cells = append(cells, c)
		for d := len(idx) - 1; d >= 0; d-- {
			idx[d]++
			if idx[d] < len(t.Dimensions[d].Values) {
				break
			}
			idx[d] = 0
		}
	}
	return cells, nil
}
