package assess

import (
	"io"
	"slices"
	"strings"

	"lmi/ingest/af"
	"lmi/ingest/af/internal/codemap"
	"lmi/ingest/af/internal/input"
)

// The columns of a concept map, in conceptColumns' order.
const (
	cmConcept = iota
	cmSSYK
	cmOther
)

// conceptColumns is a concept map's header: the concept id and its SSYK
// 4; other columns (a label, a note) are not read.
var conceptColumns = input.Columns{
	List: []input.Column{
		cmConcept: {Name: "concept_id", Headers: []string{"concept_id", "conceptid", "conceptidprognosyrke"}, Required: input.Always},
		cmSSYK:    {Name: "ssyk4", Headers: []string{"ssyk4", "ssyk"}, Required: input.Always},
		cmOther:   {Name: "other", Other: true, Many: true, Unused: true},
	},
	Twice:   "column appears twice",
	Missing: "expected columns %[2]s (header: %[3]s)",
	Sep:     ",",
}

// ReadConceptMap reads a user's map from JobTech concept ids (the
// yrkesprognos files' prognosyrken) to SSYK 2012 unit groups: CSV with
// the header concept_id,ssyk4 (comma or semicolon; other columns are
// not read; lines starting with # are comments), one line per concept
// and SSYK code. A concept covering several SSYK groups has one line for
// each. Every SSYK code must be a unit group in lmi/codes; the same pair
// twice is ErrDuplicate. UTF-8, or Windows-1252 as the AF CSV files.
func ReadConceptMap(r io.Reader, file string) (af.ConceptSSYK, error) {
	data, err := input.ReadCSVText(r, file)
	if err != nil {
		return nil, err
	}
	sep := ','
	for line := range strings.Lines(string(data)) {
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		if strings.Count(line, ";") > strings.Count(line, ",") {
			sep = ';'
		}
		break
	}
	t, err := input.ReadCSVTable(data, file, sep)
	if err != nil {
		return nil, err
	}
	t = dropComments(t)
	if len(t.Raw) == 0 {
		return nil, &af.Error{File: file, Kind: af.ErrNotData, Msg: "no header line: want concept_id,ssyk4"}
	}
	t.Names = t.Raw[0]
	h, err := conceptColumns.Read(t, 0, nil)
	if err != nil {
		return nil, err
	}
	if err := h.Check(input.Always); err != nil {
		return nil, err
	}
	cc, cs := h.At[cmConcept], h.At[cmSSYK]
	m := af.ConceptSSYK{}
	at := map[[2]string]int64{}
	look := codemap.Lookups()
	for r := 1; r < len(t.Raw); r++ {
		if t.Blank(r) {
			continue
		}
		c, s := strings.TrimSpace(t.Get(r, cc)), strings.TrimSpace(t.Get(r, cs))
		if !af.IsConcept(c) {
			return nil, t.At(r, cc, af.ErrValue, "expected a JobTech concept id like 1JfT_7TR_tqA")
		}
		if !look.IsSSYK4(s) {
			return nil, t.At(r, cs, af.ErrUnknownCode, "expected a SSYK 2012 unit group (4 digits) in lmi/codes")
		}
		k := [2]string{c, s}
		if line, dup := at[k]; dup {
			return nil, t.At(r, cs, af.ErrDuplicate, "concept %s, SSYK %s already at line %d", c, s, line)
		}
		at[k] = t.Lines[r]
		c = strings.Clone(c)
		m[c] = append(m[c], strings.Clone(s))
	}
	if len(m) == 0 {
		return nil, t.At(0, -1, af.ErrNotData, "no concepts under the header")
	}
	for _, v := range m {
		slices.Sort(v)
	}
	return m, nil
}

// dropComments removes the rows whose first cell starts with #.
func dropComments(t *input.Table) *input.Table {
	out := &input.Table{File: t.File}
	for r := range t.Raw {
		if strings.HasPrefix(strings.TrimSpace(t.Get(r, 0)), "#") {
			continue
		}
		out.Raw = append(out.Raw, t.Raw[r])
		out.Lines = append(out.Lines, t.Lines[r])
	}
	out.Text = out.Raw
	return out
}
