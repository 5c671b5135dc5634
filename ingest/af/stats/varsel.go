package stats

import (
	"cmp"
	"io"
	"lmi/ingest/af"
	"lmi/ingest/af/internal/input"
	"math"
	"slices"
	"strings"
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
	t.Names = t.Raw[0]
	cTid, cRegion, cAntal := -1, -1, -1
	for c, h := range t.Raw[0] {
		switch input.Fold(h) {
		case "tid", "månad", "period":
			cTid = c
		case "region", "län", "kommun":
			cRegion = c
		case "antal", "varsel", "antal varsel":
			cAntal = c
		}
	}
	if cTid < 0 || cRegion < 0 || cAntal < 0 {
		if err := input.CheckSeparator(t, 0, ','); err != nil {
			return nil, err
		}
		return nil, t.At(0, -1, af.ErrHeader, "expected columns tid, region and antal (header: %s)", input.Short(strings.Join(t.Raw[0], ",")))
	}
	out := make([]af.Count, 0, len(t.Raw))
	seen := make(map[[2]string]int, len(t.Raw))
	// The months and regions repeat (a month for every region): each
	// distinct text is read once, and the region kept from the row
	// before when it is the same.
	type regionRead struct {
		rv  regionVal
		tot bool
		msg string
	}
	type monthRead struct {
		month string
		ok    bool
	}
	months := map[string]monthRead{}
	regions := map[string]regionRead{}
	lastRegion, last, haveLast := "", regionRead{}, false
	for r := 1; r < len(t.Raw); r++ {
		if t.Blank(r) {
			continue
		}
		if len(t.Raw[r]) != len(t.Raw[0]) {
			return nil, t.At(r, -1, af.ErrSyntax, "%d fields, the header has %d", len(t.Raw[r]), len(t.Raw[0]))
		}
		mt := t.Get(r, cTid)
		mr, ok := months[mt]
		if !ok {
			mr.month, mr.ok = parseMonth(mt)
			months[strings.Clone(mt)] = mr
		}
		month := mr.month
		if !mr.ok {
			return nil, t.At(r, cTid, af.ErrValue, "expected a month like 2024-01")
		}
		rt := t.Get(r, cRegion)
		if !haveLast || rt != lastRegion {
			rr, ok := regions[rt]
			if !ok {
				rr.rv, rr.tot, rr.msg = parseRegion(rt, "lan")
				rr.rv.code = strings.Clone(rr.rv.code)
				regions[strings.Clone(rt)] = rr
			}
			lastRegion, last, haveLast = rt, rr, true
		}
		rv, tot, msg := last.rv, last.tot, last.msg
		if msg != "" || tot {
			if tot {
				msg = "a total, expected a län or kommun"
			}
			return nil, t.At(r, cRegion, af.ErrUnknownCode, "%s", msg)
		}
		n, cens, miss, ok := input.ParseCount(t.Get(r, cAntal))
		switch {
		case !ok || miss:
			return nil, t.At(r, cAntal, af.ErrValue, "expected a count or \"<5\"")
		case n < 0:
			return nil, t.At(r, cAntal, af.ErrNegative, "a count cannot be negative")
		}
		k := [2]string{month, rv.code}
		if first, dup := seen[k]; dup {
			return nil, t.At(r, cTid, af.ErrDuplicate, "month %s, region %s already at line %d", month, rv.code, t.Lines[first])
		}
		seen[k] = r
		c := af.Count{Period: month, Region: rv.code, N: n, Censored: cens, Category: CategoryVarsel}
		if cens {
			c.N = math.NaN()
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, t.At(0, -1, af.ErrNotData, "no data rows under the header")
	}
	return sortVarsel(out), nil
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
