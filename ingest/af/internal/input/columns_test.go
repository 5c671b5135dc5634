package input

import (
	"errors"
	"regexp"
	"slices"
	"testing"

	"lmi/ingest/af"
)

// table of one CSV text, comma separated.
func csvTable(t *testing.T, text string) *Table {
	t.Helper()
	tb, err := ReadCSVTable([]byte(text), "f.csv", ',')
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

var testColumns = Columns{
	List: []Column{
		{Name: "id", Headers: []string{"id", "kod"}, Required: Always},
		{Name: "first", Patterns: []*regexp.Regexp{regexp.MustCompile(`^v(\d)$`)}, Required: 1},
		{Name: "second", Patterns: []*regexp.Regexp{regexp.MustCompile(`^v(\d)$`)}, Required: 1},
		{Name: "antal*", Prefixes: []string{"antal"}, Except: []string{"antal_x"}, Many: true, Required: 2},
		{Name: "note", Headers: []string{"note"}, Unused: true},
	},
	Unknown: "unknown column",
	Twice:   "column %[1]q twice (also %[2]s)",
	Unnamed: "unnamed %[1]q has data",
	Missing: "no %[1]s; expected %[2]s (header: %[4]s)",
	Sep:     "|",
}

// TestColumnsRead: the header's cells go to the table's columns, a
// pattern shared by two columns to the first free one, the Many columns
// gather, and each refusal is the table's message at the header's cell.
func TestColumnsRead(t *testing.T) {
	tb := csvTable(t, "Kod,V1,V2,Antal A,antal b,Note,\n1,2,3,4,5,6,\n")
	var subs []string
	h, err := testColumns.Read(tb, 0, func(c, col int, sub []string) error {
		if sub != nil {
			subs = append(subs, sub[1])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{0, 1, 2, 3, -1}; !slices.Equal(h.At, want) {
		t.Errorf("At %v, want %v", h.At, want)
	}
	if want := []int{3, 4}; !slices.Equal(h.All[3], want) {
		t.Errorf("All antal* %v, want %v", h.All[3], want)
	}
	if want := []int{0, 1, 2, 3, 3, -1, -1}; !slices.Equal(h.Of, want) {
		t.Errorf("Of %v, want %v", h.Of, want)
	}
	if !slices.Equal(subs, []string{"1", "2"}) {
		t.Errorf("submatches %v", subs)
	}
	if err := h.Check(1); err != nil {
		t.Errorf("layout 1: %v", err)
	}
	if err := h.Check(2); err != nil {
		t.Errorf("layout 2: %v", err)
	}
	for _, c := range []struct{ text, msg string }{
		{"id,v1,v1,v1\n", `f.csv:1: column D: value "v1": unexpected header: column "v1" twice (also B)`},
		{"id,other\n", `f.csv:1: column B: value "other": unexpected header: unknown column`},
		{"id,antal_x\n", `f.csv:1: column B: value "antal_x": unexpected header: unknown column`},
		{"id,,v1\n1,2,3\n", `f.csv:1: column B: value "": unexpected header: unnamed "" has data`},
	} {
		_, err := testColumns.Read(csvTable(t, c.text), 0, nil)
		if err == nil || err.Error() != c.msg || !errors.Is(err, af.ErrHeader) {
			t.Errorf("%q: %v, want %s", c.text, err, c.msg)
		}
	}
	h, err = testColumns.Read(csvTable(t, "v1,antal\n"), 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = h.Check(1)
	if want := "f.csv:1: unexpected header: no id; expected id, first and second (header: v1|antal)"; err == nil || err.Error() != want {
		t.Errorf("missing: %v, want %s", err, want)
	}
}

// TestColumnsLast: without a Twice message, a column named twice is the
// last one; Named finds a header row.
func TestColumnsLast(t *testing.T) {
	cs := Columns{List: []Column{{Name: "tid", Headers: []string{"tid", "period"}}, {Name: "n", Headers: []string{"n"}}}}
	tb := csvTable(t, "title\ntid,x,period,n\n")
	if cs.Named(tb, 0, 0, 1) || !cs.Named(tb, 1, 0, 1) {
		t.Error("Named: the header row is row 1 only")
	}
	h, err := cs.Read(tb, 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	if h.At[0] != 2 || h.Of[0] != -1 || h.Of[2] != 0 {
		t.Errorf("At %v Of %v: tid is the last column naming it", h.At, h.Of)
	}
	if got := List([]string{"a", "b", "c"}); got != "a, b and c" {
		t.Errorf("List: %q", got)
	}
	// A message without verbs is taken as it is, with no complaint about
	// the arguments it does not use.
	noVerbs := testColumns.Unknown
	if got := msgf(noVerbs, "x", 1); got != noVerbs {
		t.Errorf("msgf: %q", got)
	}
}
