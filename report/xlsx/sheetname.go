package xlsx

import (
	"strconv"
	"strings"
	"unicode/utf16"
)

// MaxSheetName is Excel's limit on a sheet name's length, in UTF-16 units.
const MaxSheetName = 31

// names hands out sheet names that follow Excel's rules and are unique
// regardless of letter case.
type names struct{ taken map[string]bool }

func (n *names) has(name string) bool { return n.taken[strings.ToLower(name)] }

// make returns a valid, unused sheet name for base, with suffix kept whole
// at the end when base must be cut: make("matchningsgrad efter kommun",
// " 0114").
func (n *names) make(base, suffix string) string {
	if n.taken == nil {
		n.taken = map[string]bool{}
	}
	base, suffix = strings.TrimSpace(clean(base)), clean(suffix)
	if base == "" {
		base = "Blad"
	}
	for i := 1; ; i++ {
		extra := suffix
		if i > 1 {
			extra += " (" + strconv.Itoa(i) + ")"
		}
		room := MaxSheetName - utf16Len(extra)
		b := strings.TrimRight(cut(base, room), " ")
		name := strings.Trim(b+extra, "'")
		name = strings.TrimSpace(name)
		if strings.EqualFold(name, "History") {
			name = "Blad" + extra
		}
		if !n.has(name) {
			n.taken[strings.ToLower(name)] = true
			return name
		}
	}
}

// SheetName returns name changed to follow Excel's rules: the characters
// : \ / ? * [ ] replaced by "-", control characters dropped, no leading or
// trailing apostrophe, and at most 31 characters.
func SheetName(name string) string {
	var n names
	return n.make(name, "")
}

func clean(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case strings.ContainsRune(`:\/?*[]`, r):
			b.WriteByte('-')
		case r < ' ' || r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += len(utf16.Encode([]rune{r}))
	}
	return n
}

// cut shortens s to at most room UTF-16 units, never inside a character.
func cut(s string, room int) string {
	if room <= 0 {
		return ""
	}
	n := 0
	for i, r := range s {
		w := len(utf16.Encode([]rune{r}))
		if n+w > room {
			return s[:i]
		}
		n += w
	}
	return s
}
