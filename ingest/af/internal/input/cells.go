package input

import (
	"strings"
	"unicode/utf8"
)

// Interned keeps one copy of each distinct text: the cells of a CSV are
// slices of the whole file, which a result should not hold on to.
type Interned map[string]string

// Of returns the kept copy of s.
func (in Interned) Of(s string) string {
	if c, ok := in[s]; ok {
		return c
	}
	c := strings.Clone(s)
	in[c] = c
	return c
}

// CollapseSpaces is strings.Join(strings.Fields(s), " "), returning s
// itself when it is already so (plain ASCII, single spaces).
func CollapseSpaces(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || (asciiSpace(c) && (c != ' ' || i == 0 || i == len(s)-1 || s[i+1] == ' ')) {
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return s
}

func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// ColumnEmpty reports whether column c is empty under row hr.
func ColumnEmpty(t *Table, hr, c int) bool {
	for r := hr + 1; r < len(t.Raw); r++ {
		if strings.TrimSpace(t.Get(r, c)) != "" {
			return false
		}
	}
	return true
}
