package indicators

import (
	"context"

	"lmi/codes"
)

// PrepareRegions builds the session's region tables for these levels, for
// packages that run their own SQL over the store (forecast): region_keys
// (region_key, level_id, level, region, region_name), region_map
// (region_key, level_id, kommun) and flow_region_map (code, region_key),
// which places the kommun and län codes of the flow tables.
func (s *Session) PrepareRegions(ctx context.Context, levels []codes.Level, groupings []*codes.Grouping) error {
	if err := s.buildRegionMap(ctx, Params{Levels: levels, Groupings: groupings}); err != nil {
		return err
	}
	return s.execTemplate(ctx, "sql/flow_regions.sql", templateParams{})
}
