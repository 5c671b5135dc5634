package codes

import (
	"fmt"
	"slices"
	"strings"
)

// Entry is one code of a classification.
type Entry struct {
	Code string
	Name string // Swedish name
	// Parent is the code one level up in the same list, "" at level 1.
	// Two lists point elsewhere: a kommun's parent is its län (list "lan"),
	// an education group's parent is its SUN level-1 nivå (list "sun").
	Parent string
	Level  int // 1-based within its classification
}

// Kommun is one of the 290 kommuner with the regions it belongs to.
type Kommun struct {
	Code string // 4 digits, "0180"
	Name string // short name, "Stockholm"
	Lan  string // 2 digits, "01"
	FA   string // FA15 region, "FA23"
}

// Found is one list in which Show found a code.
type Found struct {
	List  string  // list name, as in ListNames
	Entry Entry   // the entry itself
	Path  []Entry // its ancestors from the top (empty at level 1), for display
}

// listNames is the fixed order of ListNames and Show.
var listNames = []string{"lan", "kommun", "fa", "ssyk", "sun", "sunfield", "sni", "birth", "edu"}

// Lan returns the 21 län, sorted by code, with their full names
// ("Stockholms län").
func Lan() []Entry { return level("lan", 0) }

// Kommuner returns the 290 kommuner sorted by code.
func Kommuner() []Kommun { return slices.Clone(db().kommuner) }

// FA returns the 60 FA15 regions, "FA01".."FA60".
func FA() []Entry { return level("fa", 0) }

// SSYK returns the SSYK 2012 groups of one level (1..4), or all levels in
// hierarchical order for level 0. It returns nil for other levels.
func SSYK(level int) []Entry { return levelOf("ssyk", level) }

// SUNLevel returns the SUN 2020 level-module (nivå) codes of one level
// (1..3), or all in hierarchical order for level 0.
func SUNLevel(level int) []Entry { return levelOf("sun", level) }

// SUNField returns the SUN 2020 field-module (inriktning) codes of one level
// (1..4), or all in hierarchical order for level 0.
func SUNField(level int) []Entry { return levelOf("sunfield", level) }

// SNI returns the SNI 2007 avdelningar (level 1) or huvudgrupper (level 2),
// or both in hierarchical order for level 0.
func SNI(level int) []Entry { return levelOf("sni", level) }

// BirthRegions returns SCB's födelseregion groups: level 1 is
// inrikes/utrikes född, level 2 the detailed regions; level 0 returns both
// in hierarchical order.
func BirthRegions(level int) []Entry { return levelOf("birth", level) }

// EduGroups returns lmi's 182 education groups (7 SUN levels x 26 SUN
// fields), sorted by code.
func EduGroups() []Entry { return level("edu", 0) }

// ListNames returns the names List accepts, in a fixed order.
func ListNames() []string { return slices.Clone(listNames) }

// List returns the entries of a named list ("lan", "kommun", "fa", "ssyk",
// "sun" for SUN nivå, "sunfield", "sni", "birth", "edu") at one level, or
// all levels in hierarchical order for level 0. Kommun entries have Level 1
// and their län as Parent.
func List(name string, lvl int) ([]Entry, error) {
	l, ok := db().lists[strings.ToLower(strings.TrimSpace(name))]
	if !ok {
		return nil, fmt.Errorf("unknown code list %q (valid: %s)", name, strings.Join(listNames, ", "))
	}
	if lvl < 0 || lvl > l.levels {
		if l.levels == 1 {
			return nil, fmt.Errorf("code list %q has one level: level must be 0 or 1, got %d", l.name, lvl)
		}
		return nil, fmt.Errorf("code list %q has levels 1-%d (0 = all): got %d", l.name, l.levels, lvl)
	}
	return level(l.name, lvl), nil
}

// Show returns every list in which code exists, in ListNames order. Letter
// case is forgiven ("c" finds SNI "C", "fa23" finds "FA23").
func Show(code string) []Found {
	code = strings.TrimSpace(code)
	if code == "" {
		return nil
	}
	t := db()
	var out []Found
	for _, name := range listNames {
		l := t.lists[name]
		i, ok := lookup(l, code)
		if !ok {
			continue
		}
		e := l.entries[i]
		out = append(out, Found{List: name, Entry: e, Path: path(t, l, e)})
	}
	return out
}

func lookup(l *list, code string) (int, bool) {
	for _, c := range []string{code, strings.ToUpper(code), strings.ToLower(code)} {
		if i, ok := l.byCode[c]; ok {
			return i, true
		}
	}
	return 0, false
}

// path returns the ancestors of e from the top.
func path(t *tables, l *list, e Entry) []Entry {
	switch l.name {
	case "kommun":
		return ancestors(t.lists["lan"], e.Parent)
	case "edu":
		return ancestors(t.lists["sun"], e.Parent)
	}
	return ancestors(l, e.Parent)
}

// ancestors returns code and its ancestors in l, top first.
func ancestors(l *list, code string) []Entry {
	var p []Entry
	for code != "" && len(p) <= l.levels {
		i, ok := l.byCode[code]
		if !ok {
			break
		}
		p = append(p, l.entries[i])
		code = l.entries[i].Parent
	}
	slices.Reverse(p)
	return p
}

// levelOf is level with a range check; out-of-range levels give nil.
func levelOf(name string, lvl int) []Entry {
	if lvl < 0 || lvl > db().lists[name].levels {
		return nil
	}
	return level(name, lvl)
}

// level returns a copy of a list's entries at one level (0 = all).
func level(name string, lvl int) []Entry {
	l := db().lists[name]
	if lvl == 0 {
		return slices.Clone(l.entries)
	}
	out := make([]Entry, 0, len(l.entries))
	for _, e := range l.entries {
		if e.Level == lvl {
			out = append(out, e)
		}
	}
	return out
}
