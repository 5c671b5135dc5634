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
	keys, kommuner, err := regionRows(levels, groupings)
	if err != nil {
		return fmt.Errorf("region map: %w", err)
	}
	if err := s.exec(ctx, "region_tables.sql", struct{ RegionKeys, RegionMap string }{keys, kommuner}); err != nil {
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
// tables.
func regionRows(levels []codes.Level, groupings []*codes.Grouping) (keys, kommuner string, err error) {
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
				return "", "", fmt.Errorf("kommun %s has no %s", k.Code, lvl)
			}
			add(region{l, string(lvl), code, codes.RegionName(lvl, code)}, k.Code)
		}
	}
	for g, gr := range groupings {
		if slices.Contains(levels, codes.Level(gr.Name)) {
			return "", "", fmt.Errorf("grouping %q has the name of a built-in level", gr.Name)
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
	var k, m []string
	for i, r := range regions {
		k = append(k, fmt.Sprintf("(%d, %d, %s, %s, %s)", i, r.levelID, SQLString(r.level), SQLString(r.code), SQLString(r.name)))
		for _, km := range members[i] {
			m = append(m, fmt.Sprintf("(%d, %d, %s)", i, r.levelID, SQLString(km)))
		}
	}
	return strings.Join(k, ", "), strings.Join(m, ", "), nil
}
