package geo

import (
	_ "embed"
	"fmt"
	"slices"
	"sync"

	"lmi/codes"
	"lmi/report/geo/internal/shapes"
	"lmi/report/geo/internal/sweref"
)

//go:embed data/kommun.bin
var kommunBin []byte

// Point is a point in SWEREF 99 TM: east and north in metres.
type Point struct{ E, N float64 }

// Shape is a region's boundary: rings of points, drawn with the even-odd
// rule (holes are rings inside others).
type Shape struct {
	Code  string // region code, or a grouping region's name
	Name  string // Swedish name
	Rings [][]Point
}

// Project returns the SWEREF 99 TM easting and northing (metres) of a
// longitude and latitude in degrees (WGS84 or SWEREF 99).
func Project(lon, lat float64) (east, north float64) { return sweref.Project(lon, lat) }

var loaded = sync.OnceValues(func() (*shapes.Set, error) {
	s, err := shapes.Decode(kommunBin)
	if err != nil {
		return nil, fmt.Errorf("embedded kommun boundaries: %w", err)
	}
	return s, nil
})

// kommunRings returns the grid rings of every kommun by code.
func kommunRings() (map[string][][]shapes.Point, int, error) {
	s, err := loaded()
	if err != nil {
		return nil, 0, err
	}
	m := make(map[string][][]shapes.Point, len(s.Regions))
	for _, r := range s.Regions {
		m[r.Code] = r.Rings
	}
	return m, s.Grid, nil
}

var levelCache sync.Map // codes.Level -> []Shape

// Shapes returns the regions of a level (kommun, län, FA or riket) sorted
// by code, with their Swedish names. Län, FA regions and riket are the
// dissolved outlines of their kommuner. The result is shared: do not
// modify it.
func Shapes(level codes.Level) ([]Shape, error) {
	if v, ok := levelCache.Load(level); ok {
		return v.([]Shape), nil
	}
	if _, err := codes.ParseLevel(string(level)); err != nil {
		return nil, fmt.Errorf("map shapes: %w", err)
	}
	groups := map[string][]string{}
	for _, k := range codes.Kommuner() {
		c, _ := codes.RollUp(level, k.Code)
		groups[c] = append(groups[c], k.Code)
	}
	out, err := dissolve(groups, func(c string) string { return codes.RegionName(level, c) })
	if err != nil {
		return nil, err
	}
	levelCache.Store(level, out)
	return out, nil
}

// GroupShapes returns the regions of a grouping of kommuner, in the
// grouping's order, each the dissolved outline of its kommuner; Code and
// Name are the region's name.
func GroupShapes(g *codes.Grouping) ([]Shape, error) {
	if g == nil || len(g.Regions) == 0 {
		return nil, fmt.Errorf("map shapes: empty grouping")
	}
	groups := map[string][]string{}
	order := make([]string, 0, len(g.Regions))
	for _, r := range g.Regions {
		if _, dup := groups[r.Name]; dup {
			return nil, fmt.Errorf("map shapes: grouping %s: region %q twice", g.Name, r.Name)
		}
		groups[r.Name] = slices.Clone(r.Kommuner)
		order = append(order, r.Name)
	}
	shapesByName, err := dissolve(groups, func(c string) string { return c })
	if err != nil {
		return nil, err
	}
	idx := map[string]Shape{}
	for _, s := range shapesByName {
		idx[s.Code] = s
	}
	out := make([]Shape, 0, len(order))
	for _, n := range order {
		out = append(out, idx[n])
	}
	return out, nil
}

// dissolve makes one shape per group of kommuner, sorted by code.
func dissolve(groups map[string][]string, name func(string) string) ([]Shape, error) {
	rings, grid, err := kommunRings()
	if err != nil {
		return nil, err
	}
	codesSorted := make([]string, 0, len(groups))
	for c := range groups {
		codesSorted = append(codesSorted, c)
	}
	slices.Sort(codesSorted)
	out := make([]Shape, 0, len(groups))
	for _, c := range codesSorted {
		var members [][][]shapes.Point
		for _, k := range groups[c] {
			r, ok := rings[k]
			if !ok {
				return nil, fmt.Errorf("map shapes: region %s: no boundary for kommun %q", c, k)
			}
			members = append(members, r)
		}
		var grid2 [][]shapes.Point
		if len(members) == 1 {
			grid2 = members[0]
		} else {
			grid2 = shapes.Dissolve(members)
		}
		out = append(out, Shape{Code: c, Name: name(c), Rings: toMetres(grid2, grid)})
	}
	return out, nil
}

func toMetres(rings [][]shapes.Point, grid int) [][]Point {
	out := make([][]Point, len(rings))
	g := float64(grid)
	for i, r := range rings {
		out[i] = make([]Point, len(r))
		for j, p := range r {
			out[i][j] = Point{float64(p.X) * g, float64(p.Y) * g}
		}
	}
	return out
}
