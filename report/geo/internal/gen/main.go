// Command gen writes the boundary data that package report/geo embeds.
//
// It reads the project's shared reference data and writes
// report/geo/data/kommun.bin. Run it from the repository root:
//
//	go run ./report/geo/internal/gen -data ../shared/data -out report/geo/data
//
// or through `go generate ./report/geo/`.
//
// Sources, by what they are:
//
//   - SCB's kommun boundaries as published by Valmyndigheten (the election
//     authority's open data), simplified to 2 % with mapshaper, which keeps
//     the topology: neighbouring kommuner share the vertices of their common
//     border (geo/kommun_boundaries_simplified.geojson, property id = the
//     4-digit kommun code). These are drawn.
//   - The län boundaries (geo/lan_boundaries_simplified.geojson, property
//     l_id = the län code as a number) and Tillväxtverket's FA15 regions
//     (geo/fa15_boundaries.geojson, property rmi_region_code = FA01..FA60).
//     These are only compared with: lmi draws län and FA regions by
//     dissolving their kommuner (package codes gives each kommun's län and
//     FA region), so that their borders are exactly the kommun borders. The
//     generator prints, per län and FA region, the area of the dissolved
//     outline against the area in these files.
//
// Every coordinate is projected to SWEREF 99 TM (EPSG:3006) and rounded to
// a 100 m grid; consecutive points that fall on one grid point are merged.
// The generator checks that all 290 kommuner are there and that every
// län, FA region and riket dissolves with no more inner rings than its
// kommuner have holes (six kommuner have holes, lakes in the source); an
// extra inner ring would be a kommun border whose two sides have different
// vertices. It stops with an error otherwise. Since riket dissolves
// cleanly, every shared kommun border matches, and so does the dissolve of
// any grouping of kommuner. Rings under shapes.MinArea (2 km²) are
// dropped: slivers where some kommun borders that are also län borders do
// not quite meet in the source. Output is deterministic: regions sorted by code, no
// timestamps.
package main

import (
	"cmp"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"

	"lmi/codes"
	"lmi/internal/atomicfile"
	"lmi/report/geo/internal/shapes"
	"lmi/report/geo/internal/sweref"
)

// Grid is the size of a grid unit in metres.
const Grid = 100

func main() {
	data := flag.String("data", "../shared/data", "the shared reference data folder")
	out := flag.String("out", "report/geo/data", "the folder to write kommun.bin into")
	flag.Parse()
	if err := run(*data, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(data, out string) error {
	kommun, err := load(filepath.Join(data, "geo", "kommun_boundaries_simplified.geojson"), kommunCode)
	if err != nil {
		return err
	}
	if err := checkKommuner(kommun); err != nil {
		return err
	}
	set := &shapes.Set{Grid: Grid, Regions: kommun}
	b := shapes.Encode(set)
	if err := atomicfile.WriteFile(filepath.Join(out, "kommun.bin"), b, 0o644); err != nil {
		return err
	}
	fmt.Printf("kommun.bin: %d kommuner, %d rings, %d points, %d bytes\n", len(kommun), countRings(kommun), countPoints(kommun), len(b))
	lan, err := load(filepath.Join(data, "geo", "lan_boundaries_simplified.geojson"), lanCode)
	if err != nil {
		return err
	}
	fa, err := load(filepath.Join(data, "geo", "fa15_boundaries.geojson"), faCode)
	if err != nil {
		return err
	}
	byCode := map[string][][]shapes.Point{}
	for _, r := range kommun {
		byCode[r.Code] = r.Rings
	}
	if err := compare("län", byCode, lan, func(k codes.Kommun) string { return k.Lan }); err != nil {
		return err
	}
	if err := compare("FA", byCode, fa, func(k codes.Kommun) string { return k.FA }); err != nil {
		return err
	}
	return compare("riket", byCode, nil, func(codes.Kommun) string { return codes.Riket })
}

// featureCollection is the part of a GeoJSON feature collection the
// generator reads. (github.com/paulmach/orb's geojson package would do
// too, but it brings in the MongoDB driver's BSON package as a dependency;
// three fields do not need it.)
type featureCollection struct {
	Features []struct {
		Properties map[string]any `json:"properties"`
		Geometry   struct {
			Type        string          `json:"type"`
			Coordinates json.RawMessage `json:"coordinates"`
		} `json:"geometry"`
	} `json:"features"`
}

// ring is a GeoJSON linear ring of [longitude, latitude] positions; a
// position's extra members (height) are not read.
type ring [][2]float64

// load reads a GeoJSON feature collection into regions keyed by code.
func load(path string, code func(map[string]any) (string, error)) ([]shapes.Region, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var fc featureCollection
	if err := json.Unmarshal(raw, &fc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	seen := map[string]bool{}
	var out []shapes.Region
	for i, f := range fc.Features {
		c, err := code(f.Properties)
		if err != nil {
			return nil, fmt.Errorf("%s: feature %d: %w", path, i, err)
		}
		if seen[c] {
			return nil, fmt.Errorf("%s: region %s twice", path, c)
		}
		seen[c] = true
		var polys [][]ring
		switch f.Geometry.Type {
		case "Polygon":
			var p []ring
			err = json.Unmarshal(f.Geometry.Coordinates, &p)
			polys = [][]ring{p}
		case "MultiPolygon":
			err = json.Unmarshal(f.Geometry.Coordinates, &polys)
		default:
			return nil, fmt.Errorf("%s: region %s: geometry %q, want Polygon or MultiPolygon", path, c, f.Geometry.Type)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: region %s: %w", path, c, err)
		}
		r := shapes.Region{Code: c}
		for _, p := range polys {
			for _, rg := range p {
				if q := quantize(rg); len(q) >= 3 {
					r.Rings = append(r.Rings, q)
				}
			}
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b shapes.Region) int { return cmp.Compare(a.Code, b.Code) })
	return out, nil
}

// quantize projects a ring to the grid, merging points that fall on one
// grid point and dropping the closing repeat of the first point.
func quantize(r ring) []shapes.Point {
	var q []shapes.Point
	for _, p := range r {
		e, n := sweref.Project(p[0], p[1])
		g := shapes.Point{X: int32(roundDiv(e)), Y: int32(roundDiv(n))}
		if len(q) > 0 && q[len(q)-1] == g {
			continue
		}
		q = append(q, g)
	}
	for len(q) > 1 && q[len(q)-1] == q[0] {
		q = q[:len(q)-1]
	}
	return q
}

func roundDiv(v float64) int64 {
	if v < 0 {
		return -int64(-v/Grid + 0.5)
	}
	return int64(v/Grid + 0.5)
}

func kommunCode(p map[string]any) (string, error) {
	c, ok := p["id"].(string)
	if !ok || !codes.IsKommun(c) {
		return "", fmt.Errorf("property id %v is not a kommun code", p["id"])
	}
	return c, nil
}

func lanCode(p map[string]any) (string, error) {
	v, ok := p["l_id"].(float64)
	if !ok {
		return "", fmt.Errorf("property l_id %v is not a number", p["l_id"])
	}
	c := fmt.Sprintf("%02d", int(v))
	if !codes.IsLan(c) {
		return "", fmt.Errorf("l_id %v is not a län", v)
	}
	return c, nil
}

func faCode(p map[string]any) (string, error) {
	c, ok := p["rmi_region_code"].(string)
	if !ok || codes.RegionName(codes.LevelFA, c) == "" {
		return "", fmt.Errorf("property rmi_region_code %v is not an FA region", p["rmi_region_code"])
	}
	return c, nil
}

func checkKommuner(rs []shapes.Region) error {
	have := map[string]bool{}
	for _, r := range rs {
		if len(r.Rings) == 0 {
			return fmt.Errorf("kommun %s has no ring left on the grid", r.Code)
		}
		have[r.Code] = true
	}
	var missing []string
	for _, k := range codes.Kommuner() {
		if !have[k.Code] {
			missing = append(missing, k.Code)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("kommuner without a boundary: %v", missing)
	}
	return nil
}

// compare dissolves the kommuner of each region of a level and prints its
// area against the level's own file (when given).
func compare(level string, kommun map[string][][]shapes.Point, file []shapes.Region, of func(codes.Kommun) string) error {
	members := map[string][][][]shapes.Point{}
	holes := map[string]int{}
	for _, k := range codes.Kommuner() {
		members[of(k)] = append(members[of(k)], kommun[k.Code])
		holes[of(k)] += shapes.Holes(kommun[k.Code])
	}
	fileArea := map[string]float64{}
	for _, r := range file {
		fileArea[r.Code] = shapes.Area(r.Rings)
	}
	regions := make([]string, 0, len(members))
	for c := range members {
		regions = append(regions, c)
	}
	sort.Strings(regions)
	var diffs []float64
	var failed []string
	for _, c := range regions {
		rings := shapes.Dissolve(members[c])
		if h := shapes.Holes(rings); h > holes[c] {
			failed = append(failed, fmt.Sprintf("%s (%d inner rings, its kommuner have %d holes)", c, h, holes[c]))
			continue
		}
		if fa, ok := fileArea[c]; ok && fa > 0 {
			d := (shapes.Area(rings) - fa) / fa * 100
			diffs = append(diffs, d)
			fmt.Printf("%s %s: %d rings, dissolved area %.0f km², file %.0f km², %+.1f %%\n", level, c, len(rings),
				shapes.Area(rings)*Grid*Grid/1e6, fa*Grid*Grid/1e6, d)
		}
	}
	if len(failed) > 0 {
		return errors.New(level + ": kommun borders that do not match leave rings inside " + fmt.Sprint(failed))
	}
	if len(diffs) > 0 {
		abs := make([]float64, len(diffs))
		for i, d := range diffs {
			abs[i] = max(d, -d)
		}
		slices.Sort(abs)
		fmt.Printf("%s: %d regions dissolve cleanly; area against the file: median |diff| %s %%, max %s %%\n", level,
			len(regions), strconv.FormatFloat(abs[len(abs)/2], 'f', 1, 64), strconv.FormatFloat(abs[len(abs)-1], 'f', 1, 64))
	} else {
		fmt.Printf("%s: %d regions dissolve cleanly\n", level, len(regions))
	}
	return nil
}

func countRings(rs []shapes.Region) int {
	n := 0
	for _, r := range rs {
		n += len(r.Rings)
	}
	return n
}

func countPoints(rs []shapes.Region) int {
	n := 0
	for _, r := range rs {
		for _, ring := range r.Rings {
			n += len(ring)
		}
	}
	return n
}
