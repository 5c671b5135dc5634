package stats

import (
	"cmp"
	"io"
	"math"
	"slices"
	"strings"

	"lmi/ingest/af"
	"lmi/ingest/af/internal/input"
)

// CategoryVarsel is the Count.Category of AF's varsel (notified
// redundancies).
const CategoryVarsel = "varsel"

// ReadVarselCSV reads AF varsel per month as Region Dalarna publishes them
// (af_varsel_manad_dalarna_1992_2024.csv): a comma-separated header with
// tid (YYYY-MM), region (a län name such as "Dalarna", or a län or kommun
// code) and antal; other columns are ignored. Every row becomes a Count
// with Category "varsel" and SSYK "".
func ReadVarselCSV(r io.Reader, file string) ([]af.Count, error) {
	data, err := input.ReadText(r, file)
	if err != nil {
		return nil, err
	}
	t, err := input.ReadCSVTable(data, file, detectSeparator(data))
	if err != nil {
		return nil, err
	}
	vr, err := newVarselReader(t)
	if err != nil {
		return nil, err
	}
	for r := 1; r < len(t.Raw); r++ {
		if err := vr.row(r); err != nil {
			return nil, err
		}
	}
	if len(vr.out) == 0 {
		return nil, t.At(0, -1, af.ErrNotData, "no data rows under the header")
	}
	return sortVarsel(vr.out), nil
}

// The columns of a varsel file, in varselColumns' order.
const (
	vTid = iota
	vRegion
	vAntal
)

// varselColumns is a varsel file's header: the month (YYYY-MM), the region
// (a län name, or a län or kommun code) and the count ("<5" censored).
// Other columns are ignored.
var varselColumns = input.Columns{
	List: []input.Column{
		vTid:    {Name: "tid", Headers: []string{"tid", "månad", "period"}, Required: input.Always},
		vRegion: {Name: "region", Headers: []string{"region", "län", "kommun"}, Required: input.Always},
		vAntal:  {Name: "antal", Headers: []string{"antal", "varsel", "antal varsel"}, Required: input.Always},
	},
	Missing: "expected columns %[2]s (header: %[3]s)",
	Sep:     ",",
}

// varselReader reads the rows of a varsel file.
type varselReader struct {
	t                     *input.Table
	cTid, cRegion, cAntal int
	out                   []af.Count
	seen                  map[[2]string]int
	// The months and regions repeat (a month for every region): each
	// distinct text is read once, and the region kept from the row
	// before when it is the same.
	months     map[string]varselMonth
	regions    map[string]varselRegion
	lastRegion string
	last       varselRegion
	haveLast   bool
}

type varselRegion struct {
	rv  regionVal
	tot bool
	msg string
}

type varselMonth struct {
	month string
	ok    bool
}

// newVarselReader reads the header.
func newVarselReader(t *input.Table) (*varselReader, error) {
	t.Names = t.Raw[0]
	h, err := varselColumns.Read(t, 0, nil)
	if err != nil {
		return nil, err
	}
	if missing := h.Check(input.Always); missing != nil {
		if err := input.CheckSeparator(t, 0, ','); err != nil {
			return nil, err // the header is one field: name the separator
		}
		return nil, missing
	}
	return &varselReader{t: t, cTid: h.At[vTid], cRegion: h.At[vRegion], cAntal: h.At[vAntal],
		out: make([]af.Count, 0, len(t.Raw)), seen: make(map[[2]string]int, len(t.Raw)),
		months: map[string]varselMonth{}, regions: map[string]varselRegion{}}, nil
}

// region reads a region cell, each distinct text once.
func (vr *varselReader) region(rt string) varselRegion {
	if !vr.haveLast || rt != vr.lastRegion {
		rr, ok := vr.regions[rt]
		if !ok {
			rr.rv, rr.tot, rr.msg = parseRegion(rt, "lan")
			rr.rv.code = strings.Clone(rr.rv.code)
			vr.regions[strings.Clone(rt)] = rr
		}
		vr.lastRegion, vr.last, vr.haveLast = rt, rr, true
	}
	return vr.last
}

// row reads row r into a count.
func (vr *varselReader) row(r int) error {
	t := vr.t
	if t.Blank(r) {
		return nil
	}
	if len(t.Raw[r]) != len(t.Raw[0]) {
		return t.At(r, -1, af.ErrSyntax, "%d fields, the header has %d", len(t.Raw[r]), len(t.Raw[0]))
	}
	mt := t.Get(r, vr.cTid)
	mr, ok := vr.months[mt]
	if !ok {
		mr.month, mr.ok = parseMonth(mt)
		vr.months[strings.Clone(mt)] = mr
	}
	month := mr.month
	if !mr.ok {
		return t.At(r, vr.cTid, af.ErrValue, "expected a month like 2024-01")
	}
	rg := vr.region(t.Get(r, vr.cRegion))
	if rg.msg != "" || rg.tot {
		msg := rg.msg
		if rg.tot {
			msg = "a total, expected a län or kommun"
		}
		return t.At(r, vr.cRegion, af.ErrUnknownCode, "%s", msg)
	}
	n, cens, miss, ok := input.ParseCount(t.Get(r, vr.cAntal))
	switch {
	case !ok || miss:
		return t.At(r, vr.cAntal, af.ErrValue, "expected a count or \"<5\"")
	case n < 0:
		return t.At(r, vr.cAntal, af.ErrNegative, "a count cannot be negative")
	}
	k := [2]string{month, rg.rv.code}
	if first, dup := vr.seen[k]; dup {
		return t.At(r, vr.cTid, af.ErrDuplicate, "month %s, region %s already at line %d", month, rg.rv.code, t.Lines[first])
	}
	vr.seen[k] = r
	c := af.Count{Period: month, Region: rg.rv.code, N: n, Censored: cens, Category: CategoryVarsel}
	if cens {
		c.N = math.NaN()
	}
	vr.out = append(vr.out, c)
	return nil
}

// sortVarsel returns cs in af.SortCounts' order. Every count has SSYK "" and
// the same category, and no two the same period and region (duplicates
// are refused), so the order is that of (period, region): it sorts those
// as ranks of their distinct strings, a pointer-free key a count, instead
// of moving the counts themselves (40% of reading the file).
func sortVarsel(cs []af.Count) []af.Count {
	rank := func(get func(*af.Count) string) []uint64 {
		id := map[string]int{}
		var distinct []string
		ids := make([]int, len(cs))
		for i := range cs {
			v := get(&cs[i])
			n, ok := id[v]
			if !ok {
				n = len(distinct)
				id[v] = n
				distinct = append(distinct, v)
			}
			ids[i] = n
		}
		order := make([]int, len(distinct))
		for i := range order {
			order[i] = i
		}
		slices.SortFunc(order, func(a, b int) int { return strings.Compare(distinct[a], distinct[b]) })
		r := make([]uint64, len(distinct))
		for i, n := range order {
			r[n] = uint64(i)
		}
		out := make([]uint64, len(cs))
		for i, n := range ids {
			out[i] = r[n]
		}
		return out
	}
	periods, regions := rank(func(c *af.Count) string { return c.Period }), rank(func(c *af.Count) string { return c.Region })
	type key struct {
		k uint64
		i int
	}
	keys := make([]key, len(cs))
	for i := range cs {
		keys[i] = key{periods[i]<<32 | regions[i], i}
	}
	slices.SortFunc(keys, func(a, b key) int { return cmp.Compare(a.k, b.k) })
	out := make([]af.Count, len(cs))
	for j, k := range keys {
		out[j] = cs[k.i]
	}
	return out
}
