package forecast

import (
	"lmi/forecast/ts"
	"lmi/session"
)

// Kinds of published rows. Every row is a sum of region x SSYK 4 series,
// so the output adds up.
const (
	kindRegion4 = iota // a region x SSYK 4: one series
	kindRegion3        // a region x SSYK 3: its SSYK 4 groups
	kindTotal4         // the level's total x SSYK 4: the level's regions
	kindTotal3         // the level's total x SSYK 3
	kinds
)

var kindNames = [kinds]string{"region x SSYK 4", "region x SSYK 3", "total x SSYK 4", "total x SSYK 3"}

// totalKey is a level's total of one occupation.
type totalKey struct{ level, ssyk string }

// plan lays out the series of a forecast: each region x SSYK 4 (in cells
// order), then (unless bottom-up) each level's total per SSYK 4, the sum
// of its regions, and the groups models are selected for.
type plan struct {
	cells    []cell
	regionOf map[int32]region
	series   []ts.Series
	groups   []int
	// members[k] are the cells of a level's total, in totalKeys order.
	members    map[totalKey][]int
	totalKeys  []totalKey
	totalIndex map[totalKey]int // the total's own series, unless bottom-up
	bottomUp   bool
}

func newPlan(in *inputs, p Params) *plan {
	pl := &plan{cells: in.cells(), regionOf: map[int32]region{}, members: map[totalKey][]int{},
		totalIndex: map[totalKey]int{}, bottomUp: p.BottomUp}
	for _, r := range in.regions {
		pl.regionOf[r.key] = r
	}
	for _, c := range pl.cells {
		pl.series = append(pl.series, ts.Series{Values: in.employed[c], Period: 1, Reference: in.totals[c.region]})
	}
	for i, c := range pl.cells {
		k := totalKey{pl.regionOf[c.region].level, c.ssyk4}
		if pl.members[k] == nil {
			pl.totalKeys = append(pl.totalKeys, k)
		}
		pl.members[k] = append(pl.members[k], i)
	}
	pl.groups = sizeGroups(pl.series, SizeGroups)
	if p.BottomUp {
		return pl
	}
	// The level's total employment, the reference of the totals' share
	// model.
	levelTotal := map[string][]float64{}
	for key, t := range in.totals {
		level := pl.regionOf[key].level
		if levelTotal[level] == nil {
			levelTotal[level] = make([]float64, len(t))
		}
		for y, v := range t {
			levelTotal[level][y] += v
		}
	}
	var tot []ts.Series
	for _, k := range pl.totalKeys {
		v := make([]float64, len(in.years))
		for _, i := range pl.members[k] {
			for y, x := range pl.series[i].Values {
				v[y] += x
			}
		}
		pl.totalIndex[k] = len(pl.series) + len(tot)
		tot = append(tot, ts.Series{Values: v, Period: 1, Reference: levelTotal[k.level]})
	}
	for _, g := range sizeGroups(tot, SizeGroups) {
		pl.groups = append(pl.groups, SizeGroups+g)
	}
	pl.series = append(pl.series, tot...)
	return pl
}

// publish turns the projections into what each region x SSYK 4 series
// contributes to the output: reconciled to its level's total, or its own.
func (pl *plan) publish(pr *projections, p Params) []published {
	pub := make([]published, len(pl.series))
	for _, k := range pl.totalKeys {
		if pl.bottomUp {
			for _, i := range pl.members[k] {
				pr.bottomUp(i, pub)
			}
		} else {
			pr.reconcile(pl.members[k], pl.totalIndex[k], pub)
		}
	}
	return pub
}

// entity is one published row (before the horizons): a sum of cells.
type entity struct {
	level, region, name string
	ssykLevel           int
	ssyk                string
	parts               []int
	kind                int
}

// entities lists the published rows: each region x SSYK 4, then the SSYK 3
// sums of each region, then the level's totals per SSYK 4 and SSYK 3.
func (pl *plan) entities() []entity {
	var ents []entity
	for i, c := range pl.cells {
		r := pl.regionOf[c.region]
		ents = append(ents, entity{r.level, r.code, r.name, 4, c.ssyk4, []int{i}, kindRegion4})
	}
	group := func(kind, ssykLevel int, key func(c cell, r region) (reg, name string)) {
		idx := map[[3]string]int{}
		for i, c := range pl.cells {
			r := pl.regionOf[c.region]
			reg, name := key(c, r)
			ssyk := c.ssyk4[:ssykLevel]
			k := [3]string{r.level, reg, ssyk}
			j, seen := idx[k]
			if !seen {
				j = len(ents)
				idx[k] = j
				ents = append(ents, entity{r.level, reg, name, ssykLevel, ssyk, nil, kind})
			}
			ents[j].parts = append(ents[j].parts, i)
		}
	}
	own := func(_ cell, r region) (string, string) { return r.code, r.name }
	all := func(cell, region) (string, string) { return session.AllRegions, session.AllRegionsName }
	group(kindRegion3, 3, own)
	group(kindTotal4, 4, all)
	group(kindTotal3, 3, all)
	return ents
}

// ownSeries is the series an entity was projected from, if it has one:
// a region x SSYK 4's own, or a level's total's (unless bottom-up).
func (pl *plan) ownSeries(e entity) (int, bool) {
	switch e.kind {
	case kindRegion4:
		return e.parts[0], true
	case kindTotal4:
		i, ok := pl.totalIndex[totalKey{e.level, e.ssyk}]
		return i, ok
	}
	return 0, false
}

// sumGroups are the published sums suppression must protect: SSYK 3 rows
// over their SSYK 4 rows, the totals over the regions' rows, and the SSYK
// 3 totals over both the regions' SSYK 3 rows and the SSYK 4 totals.
func sumGroups(ents []entity) []sumGroup {
	var gs []sumGroup
	region3 := map[[2]string][]int{} // level, SSYK 3: the regions' SSYK 3 rows
	total4 := map[[2]string][]int{}  // level, SSYK 3: the level's SSYK 4 totals
	for i, e := range ents {
		switch e.kind {
		case kindRegion3:
			gs = append(gs, sumGroup{total: i, parts: e.parts})
			region3[[2]string{e.level, e.ssyk}] = append(region3[[2]string{e.level, e.ssyk}], i)
		case kindTotal4:
			gs = append(gs, sumGroup{total: i, parts: e.parts})
			total4[[2]string{e.level, e.ssyk[:3]}] = append(total4[[2]string{e.level, e.ssyk[:3]}], i)
		}
	}
	for i, e := range ents {
		if e.kind == kindTotal3 {
			k := [2]string{e.level, e.ssyk}
			gs = append(gs, sumGroup{total: i, parts: region3[k]}, sumGroup{total: i, parts: total4[k]})
		}
	}
	return gs
}
