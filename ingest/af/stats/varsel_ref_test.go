package stats

// The varsel CSV reader as it was before its per-row memos and splitCSV:
// the reference of TestVarselSameAsReference.

import (
	"io"
	"math"
	"strings"

	"lmi/ingest/af"
	"lmi/ingest/af/internal/input"
)

func refReadVarselCSV(r io.Reader, file string) ([]af.Count, error) {
	data, err := input.ReadText(r, file)
	if err != nil {
		return nil, err
	}
	t, err := input.ReadCSVTableStd(data, file, detectSeparator(data))
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
	var out []af.Count
	seen := map[[2]string]int{}
	for r := 1; r < len(t.Raw); r++ {
		if t.Blank(r) {
			continue
		}
		if len(t.Raw[r]) != len(t.Raw[0]) {
			return nil, t.At(r, -1, af.ErrSyntax, "%d fields, the header has %d", len(t.Raw[r]), len(t.Raw[0]))
		}
		month, ok := parseMonth(t.Get(r, cTid))
		if !ok {
			return nil, t.At(r, cTid, af.ErrValue, "expected a month like 2024-01")
		}
		rv, tot, msg := parseRegion(t.Get(r, cRegion), "lan")
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
	af.SortCounts(out)
	return out, nil
}
