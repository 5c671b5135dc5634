package tables

import (
	"slices"

	"lmi/codes"
)

// Regions holds the kommuner of every region of each level, from which
// the nesting of levels follows.
type Regions struct {
	of map[string]map[string]string // level -> kommun -> region
}

// CodeRegions returns the regions of lmi's built-in levels (kommun, lan,
// fa, riket) and of the groupings, named by the grouping's name. A
// grouping need not cover every kommun.
func CodeRegions(groupings []*codes.Grouping) Regions {
	rs := Regions{of: map[string]map[string]string{}}
	for _, lvl := range []codes.Level{codes.LevelKommun, codes.LevelLan, codes.LevelFA, codes.LevelRiket} {
		m := map[string]string{}
		for _, k := range codes.Kommuner() {
			if r, ok := codes.RollUp(lvl, k.Code); ok {
				m[k.Code] = r
			}
		}
		rs.of[string(lvl)] = m
	}
	for _, g := range groupings {
		m := map[string]string{}
		for _, k := range codes.Kommuner() {
			if r, ok := g.RollUp(k.Code); ok {
				m[k.Code] = r
			}
		}
		rs.of[g.Name] = m
	}
	return rs
}

// Whole reports whether the level's regions cover every kommun.
func (rs Regions) Whole(level string) bool {
	m, ok := rs.of[level]
	return ok && len(m) == len(rs.of[string(codes.LevelKommun)])
}

// Has reports whether the level is known.
func (rs Regions) Has(level string) bool { _, ok := rs.of[level]; return ok }

// nesting returns, for each region of parent, its regions at child when
// they make it up exactly: every kommun of the region in a child region
// wholly inside it. Regions that do not decompose are left out.
func (rs Regions) nesting(parent, child string) map[string][]string {
	pm, cm := rs.of[parent], rs.of[child]
	if pm == nil || cm == nil || parent == child {
		return nil
	}
	// The parent regions each child region touches, and whether each
	// parent region's kommuner all lie in some child region.
	touches := map[string]map[string]bool{}
	covered := map[string]bool{}
	for _, p := range pm {
		covered[p] = true
	}
	for k, p := range pm {
		c, ok := cm[k]
		if !ok {
			covered[p] = false
			continue
		}
		if touches[c] == nil {
			touches[c] = map[string]bool{}
		}
		touches[c][p] = true
	}
	for k, c := range cm {
		if _, ok := pm[k]; !ok {
			for p := range touches[c] {
				covered[p] = false // c reaches outside every parent region
			}
		}
	}
	out := map[string][]string{}
	for c, ps := range touches {
		if len(ps) != 1 {
			for p := range ps {
				covered[p] = false
			}
			continue
		}
		for p := range ps {
			out[p] = append(out[p], c)
		}
	}
	for p, ok := range covered {
		if !ok {
			delete(out, p)
		}
	}
	for p := range out {
		slices.Sort(out[p])
	}
	return out
}
