package session

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"lmi/codes"
)

// Basis says which region a person counts in.
type Basis string

const (
	// Home counts everyone where they live (nattbefolkning).
	Home Basis = "home"
	// Workplace counts the employed where they work (dagbefolkning) and
	// everyone else where they live.
	Workplace Basis = "workplace"
)

// AllRegions is the region code of rows that span every region of a
// level (the mismatch indices across regions, a forecast's level total),
// and AllRegionsName their name.
const (
	AllRegions     = "*"
	AllRegionsName = "Alla regioner"
)

// PrepareRegions builds the session's region and code tables for these
// levels and groupings, which every computation's SQL joins:
// region_keys (region_key, level_id, level, region, region_name),
// region_map (region_key, level_id, kommun), region_nesting (child_key,
// parent_key, child_level), flow_region_map (code, region_key), which
// places the kommun and län codes of the flow tables, and sni_sections.
func (s *Session) PrepareRegions(ctx context.Context, levels []codes.Level, groupings []*codes.Grouping) error {
	keys, kommuner, units, err := regionRows(levels, groupings)
	if err != nil {
		return fmt.Errorf("region map: %w", err)
	}
	if err := s.exec(ctx, "region_tables.sql", struct{ RegionKeys, RegionMap, RegionUnits string }{keys, kommuner, units}); err != nil {
		return fmt.Errorf("region map: %w", err)
	}
	if err := s.exec(ctx, "region_nesting.sql", nil); err != nil {
		return err
	}
	var sections []string
	for _, d := range codes.SNI(2) {
		sections = append(sections, fmt.Sprintf("(%s, %s)", SQLString(d.Code), SQLString(d.Parent)))
	}
	if err := s.exec(ctx, "code_tables.sql", struct{ SNISections string }{strings.Join(sections, ", ")}); err != nil {
		return fmt.Errorf("code tables: %w", err)
	}
	return s.exec(ctx, "flow_regions.sql", nil)
}

// region is one region of a requested level.
type region struct {
	levelID           int
	level, code, name string
}

// regionRows builds the VALUES rows of region_keys and region_map: one
// key per region of every level, each kommun mapped to its region at each
// level, and per level one key for all of its regions (AllRegions), to
// which no kommun maps. Counting joins persons to region_map on an ENUM
// and groups on the integer key; names come back only for the small cell
// tables. units are region_units' rows (unitRows).
func regionRows(levels []codes.Level, groupings []*codes.Grouping) (keys, kommuner, units string, err error) {
	var regions []region
	var members [][]string // kommuner of regions[i]
	index := map[region]int{}
	add := func(r region, kommun string) {
		i, ok := index[r]
		if !ok {
			i = len(regions)
			index[r] = i
			regions = append(regions, r)
			members = append(members, nil)
		}
		members[i] = append(members[i], kommun)
	}
	for l, lvl := range levels {
		for _, k := range codes.Kommuner() {
			code, ok := codes.RollUp(lvl, k.Code)
			if !ok {
				return "", "", "", fmt.Errorf("kommun %s has no %s", k.Code, lvl)
			}
			add(region{l, string(lvl), code, codes.RegionName(lvl, code)}, k.Code)
		}
	}
	for g, gr := range groupings {
		if slices.Contains(levels, codes.Level(gr.Name)) {
			return "", "", "", fmt.Errorf("grouping %q has the name of a built-in level", gr.Name)
		}
		for _, k := range codes.Kommuner() {
			if name, ok := gr.RollUp(k.Code); ok {
				add(region{len(levels) + g, gr.Name, name, name}, k.Code)
			}
		}
	}
	for l := range len(levels) + len(groupings) {
		name := ""
		if l < len(levels) {
			name = string(levels[l])
		} else {
			name = groupings[l-len(levels)].Name
		}
		regions = append(regions, region{l, name, AllRegions, AllRegionsName})
		members = append(members, nil)
	}
	var k, m, u []string
	for i, r := range regions {
		k = append(k, fmt.Sprintf("(%d, %d, %s, %s, %s)", i, r.levelID, SQLString(r.level), SQLString(r.code), SQLString(r.name)))
		for _, km := range members[i] {
			m = append(m, fmt.Sprintf("(%d, %d, %s)", i, r.levelID, SQLString(km)))
		}
		builtin := r.levelID < len(levels)
		for _, o := range unitOptions(codes.Level(r.level), r.code, builtin, members[i]) {
			for _, unit := range o.units {
				u = append(u, fmt.Sprintf("(%d, %d, %s, %s)", i, o.rank, SQLString(o.level), SQLString(unit)))
			}
		}
	}
	return strings.Join(k, ", "), strings.Join(m, ", "), strings.Join(u, ", "), nil
}

// unitOption is one way to make a region of the units a published table
// gives its numbers for: rank 0 the region's own row, then whole län,
// whole FA regions, and kommuner.
type unitOption struct {
	rank  int
	level string // "own", "lan", "fa" or "kommun"
	units []string
}

// Unit levels in the order a region is made of them, own row first.
const (
	UnitOwn    = "own"
	UnitLan    = "lan"
	UnitFA     = "fa"
	UnitKommun = "kommun"
)

// unitOptions lists the ways to make a region of published units: its own
// code for a region of a built-in level (kommun, län, FA, riket "00"),
// then the län or FA regions it is a union of, when it is one, then its
// kommuner. A grouping region has no row of its own in SCB's tables.
func unitOptions(level codes.Level, code string, builtin bool, kommuner []string) []unitOption {
	if len(kommuner) == 0 {
		return nil // the level's all-regions key
	}
	var out []unitOption
	if builtin {
		out = append(out, unitOption{0, UnitOwn, []string{code}})
	}
	for rank, l := range []codes.Level{codes.LevelLan, codes.LevelFA} {
		if units, whole := wholeUnits(l, kommuner); whole {
			out = append(out, unitOption{rank + 1, string(l), units})
		}
	}
	return append(out, unitOption{3, UnitKommun, kommuner})
}

// wholeUnits returns the units of level l that the kommuner make up, and
// whether they make them up whole (every kommun of each unit is there).
func wholeUnits(l codes.Level, kommuner []string) ([]string, bool) {
	have := map[string]int{}
	var units []string
	for _, k := range kommuner {
		u, _ := codes.RollUp(l, k)
		if have[u] == 0 {
			units = append(units, u)
		}
		have[u]++
	}
	for _, k := range codes.Kommuner() {
		if u, _ := codes.RollUp(l, k.Code); slices.Contains(units, u) {
			have[u]--
		}
	}
	for _, n := range have {
		if n != 0 {
			return nil, false
		}
	}
	slices.Sort(units)
	return units, true
}
