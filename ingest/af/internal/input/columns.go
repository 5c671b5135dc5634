package input

import (
	"fmt"
	"regexp"
	"strings"

	"lmi/ingest/af"
)

// A Column is one column of a file format as lmi reads it: the header
// texts that name it, whether a file must have it, and how its cells are
// read. A format's columns are a Columns table: its header row is matched
// against the table (Columns.Read), and the errors for a column that is
// missing, unknown, unnamed or named twice come from the table.
type Column struct {
	// Name is how messages name the column ("SSYK", "antal*").
	Name string
	// Headers are the folded header texts that name it ("ar", "år").
	Headers []string
	// Prefixes: a folded header that starts with one of them names the
	// column, unless it starts with one of Except.
	Prefixes, Except []string
	// Patterns: a folded header one of them matches names the column; the
	// submatches are handed to the reader (the round of "index_18h_1ar").
	Patterns []*regexp.Regexp
	// Other: any named header that no other column takes names it.
	Other bool
	// Required is the layouts of the format whose files must have the
	// column (a format with one layout uses Always; 0 is optional).
	Required Layout
	// Many: several file columns may hold it (the measures, antal*).
	Many bool
	// Unused: a known column whose cells are not read.
	Unused bool
	// Kind is how the reader parses the column's cells, in the format's
	// own terms (a class 1-3, an FA region, a number, a län cell, ...).
	Kind uint8
}

// Layout is a set of a format's layouts, as bits: the bristindex files
// by län and for riket need different columns.
type Layout uint8

// Always is every layout.
const Always Layout = 0xFF

// names reports whether the folded header h names the column, and the
// submatches of the Pattern that matched.
func (col *Column) names(h string) (bool, []string) {
	for _, x := range col.Headers {
		if h == x {
			return true, nil
		}
	}
	for _, p := range col.Prefixes {
		if strings.HasPrefix(h, p) {
			for _, x := range col.Except {
				if strings.HasPrefix(h, x) {
					return false, nil
				}
			}
			return true, nil
		}
	}
	for _, p := range col.Patterns {
		if m := p.FindStringSubmatch(h); m != nil {
			return true, m
		}
	}
	return false, nil
}

// Columns is a format's header as data: its columns, and the messages for
// the headers that are none of them. A message left "" means the case is
// not an error: an unknown header is ignored, a column named twice is the
// last one, an unnamed column is ignored.
type Columns struct {
	List []Column
	// Unknown is the message for a named header no column takes.
	Unknown string
	// Twice is the message for a second header naming a column that is
	// not Many. Its verbs take %[1]q, the folded header, and %[2]s, the
	// letter of the file column that had it first. With ByText, any
	// header text seen twice is refused, whatever it names.
	Twice  string
	ByText bool
	// Unnamed is the message for a column without a header (""; with
	// Letters also a single capital letter, a spreadsheet's column name
	// saved as a header) whose cells are not all empty. %[1]q is the
	// header.
	Unnamed string
	Letters bool
	// Missing is the message for a required column the header lacks:
	// %[1]s is the first missing column's Name, %[2]s the Names of the
	// required columns ("ar, antal* and conceptidprognosyrke"), %[3]s
	// the header's cells joined by Sep and shortened, %[4]s the same
	// whole.
	Missing string
	Sep     string
}

// Match returns the index of the column the folded header h names (-1
// for none) and its Patterns' submatches: the first in the table's order
// that names it, Other last.
func (cs *Columns) Match(h string) (int, []string) {
	other := -1
	for i := range cs.List {
		if cs.List[i].Other {
			other = i
			continue
		}
		if ok, sub := cs.List[i].names(h); ok {
			return i, sub
		}
	}
	if h != "" {
		return other, nil
	}
	return -1, nil
}

// Named reports whether row r of t has a header naming each of the
// columns cols (a workbook's header row among title rows and pivots).
func (cs *Columns) Named(t *Table, r int, cols ...int) bool {
	found := 0
	for _, i := range cols {
		for c := range t.Width(r) {
			if ok, _ := cs.List[i].names(Fold(t.Get(r, c))); ok {
				found++
				break
			}
		}
	}
	return found == len(cols)
}

// Header is a header row read against a format's Columns.
type Header struct {
	cs *Columns
	t  *Table
	r  int
	// At holds, for each column of the table, the file column that has
	// it, -1 when none (for a Many column the first).
	At []int
	// All holds, for each column of the table, every file column that
	// has it.
	All [][]int
	// Of holds, for each file column, the column of the table it holds,
	// -1 for none (unnamed, unknown).
	Of []int
}

// Read matches row r of t, cell by cell from the left, against the
// columns. For a header naming a column already held and not Many, a
// later column of the table that the header also names takes it (the
// bristindex workbook names its index and its class alike). each, when
// not nil, is called for each file column that names a column, with its
// Patterns' submatches, before the column is taken: its error stops the
// reading. The first problem is returned as an ErrHeader error at its
// cell.
func (cs *Columns) Read(t *Table, r int, each func(c, col int, sub []string) error) (*Header, error) {
	h := &Header{cs: cs, t: t, r: r, At: make([]int, len(cs.List)), All: make([][]int, len(cs.List)), Of: make([]int, t.Width(r))}
	for i := range h.At {
		h.At[i] = -1
	}
	seen := map[string]int{}
	for c := range t.Width(r) {
		h.Of[c] = -1
		raw := t.Get(r, c)
		f := Fold(raw)
		if cs.ByText {
			if p, dup := seen[f]; dup && f != "" && cs.Twice != "" {
				return nil, t.At(r, c, af.ErrHeader, "%s", msgf(cs.Twice, f, ColName(p)))
			}
			seen[f] = c
		}
		if f == "" || (cs.Letters && len(raw) == 1 && raw[0] >= 'A' && raw[0] <= 'Z') {
			if cs.Unnamed != "" && !ColumnEmpty(t, r, c) {
				return nil, t.At(r, c, af.ErrHeader, "%s", msgf(cs.Unnamed, raw))
			}
			continue
		}
		i, sub := cs.Match(f)
		if i < 0 {
			if cs.Unknown != "" {
				return nil, t.At(r, c, af.ErrHeader, "%s", cs.Unknown)
			}
			continue
		}
		if cs.List[i].Unused {
			continue
		}
		if each != nil {
			if err := each(c, i, sub); err != nil {
				return nil, err
			}
		}
		if err := h.take(c, i, f); err != nil {
			return nil, err
		}
	}
	return h, nil
}

// take gives file column c to column i of the table, or to a later column
// the header f also names when i is held.
func (h *Header) take(c, i int, f string) error {
	cs := h.cs
	if h.At[i] >= 0 && !cs.List[i].Many {
		for j := i + 1; j < len(cs.List); j++ {
			if ok, _ := cs.List[j].names(f); ok && h.At[j] < 0 && !cs.List[j].Other {
				i = j
				break
			}
		}
	}
	if h.At[i] >= 0 && !cs.List[i].Many {
		if cs.Twice != "" && !cs.ByText {
			return h.t.At(h.r, c, af.ErrHeader, "%s", msgf(cs.Twice, f, ColName(h.At[i])))
		}
		h.Of[h.At[i]] = -1
		h.At[i] = c // the last one
		h.All[i] = []int{c}
		h.Of[c] = i
		return nil
	}
	if h.At[i] < 0 {
		h.At[i] = c
	}
	h.All[i] = append(h.All[i], c)
	h.Of[c] = i
	return nil
}

// Has reports whether the header has column i.
func (h *Header) Has(i int) bool { return h.At[i] >= 0 }

// Check returns the Missing error when a column that layout requires is
// absent, else nil.
func (h *Header) Check(layout Layout) error {
	cs := h.cs
	var need []string
	first := ""
	for i, col := range cs.List {
		if col.Required&layout == 0 {
			continue
		}
		need = append(need, col.Name)
		if h.At[i] < 0 && first == "" {
			first = col.Name
		}
	}
	if first == "" {
		return nil
	}
	whole := strings.Join(h.t.Raw[h.r], cs.Sep)
	return h.t.At(h.r, -1, af.ErrHeader, "%s", msgf(cs.Missing, first, List(need), Short(whole), whole))
}

// List joins names as a sentence does: "a", "a and b", "a, b and c".
func List(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// msgf formats a message of a Columns table: its verbs pick their
// arguments by index, so a message may use any of them, or none.
func msgf(format string, args ...any) string {
	if !strings.Contains(format, "%") {
		return format
	}
	return fmt.Sprintf(format, args...)
}
