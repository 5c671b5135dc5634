package geo

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"lmi/codes"
	"lmi/report"
	"lmi/report/internal/svg"
)

// Map is a choropleth map of one regional level or a grouping.
type Map struct {
	Title  string   // above the map and its accessible title
	Desc   string   // accessible description; a summary is made when empty
	Source string   // "Källa: ..." line, without "Källa: "
	Notes  []string // lines under the map
	Width  float64  // of the map itself in CSS pixels, 400 when 0; the legend adds 240
	ID     string   // id prefix for the SVG's ids; derived from the title when empty

	Level    codes.Level     // kommun, lan or fa
	Grouping *codes.Grouping // when set, its regions are drawn instead of Level's
	// Values by region code (or grouping region name). A region without an
	// entry is missing.
	Values map[string]report.Cell
	// Refs, when set, names each value's source by the same key: written
	// as data-ref, with the value in full precision as data-value, on the
	// region, so that every number shown can be traced to its row.
	Refs map[string]string
	Kind report.Kind // the values' unit: decimals in tooltips
	Unit string      // legend heading, e.g. "Matchningsgrad, %"
	// Classes; the zero value is 5 quantile classes.
	Classes Classes
	// LanBorders draws the län borders over a kommun or grouping map.
	LanBorders bool
}

// Colours and pattern of regions without a value.
const (
	missingFill = "#BDBDBD"
	outsideFill = "#F2F2F2"
	hatchInk    = "#333333"
)

const legendW = 240.0

// ErrNoRegions is returned when a map has no region to draw.
var ErrNoRegions = errors.New("map has no regions")

// SVG draws the map.
func (m *Map) SVG() ([]byte, error) {
	regions, err := m.regions()
	if err != nil {
		return nil, err
	}
	var vals []float64
	for _, r := range regions {
		if c, ok := m.Values[r.Code]; ok && c.State == report.Value {
			vals = append(vals, c.Num)
		}
	}
	var breaks []float64
	dec := 0
	if len(vals) > 0 {
		if breaks, dec, err = m.Classes.Compute(vals); err != nil {
			return nil, fmt.Errorf("map %q: %w", m.Title, err)
		}
	}
	mapW := m.Width
	if mapW < 150 {
		mapW = 400
	}
	pr, mapH := fit(regions, mapW)
	b := svg.New(mapW+legendW, 0, m.ID, m.Title, "")
	top := m.header(b, mapW+legendW)
	b.Raw(hatchPattern(b.Ref("hatch")))
	colors := palettes[len(breaks)+1]
	st := stats{counts: make([]int, len(breaks)+1)}
	if err := m.drawRegions(b, regions, pr, top, breaks, colors, &st); err != nil {
		return nil, err
	}
	if err := m.drawBorders(b, pr, top); err != nil {
		return nil, err
	}
	ly := m.legend(b, mapW+20, top, breaks, dec, colors, st)
	y := max(top+mapH, ly) + 6
	y = m.footer(b, y, mapW+legendW)
	b.H = y
	b.SetDesc(m.desc(len(regions), st))
	return b.Bytes(), nil
}

func (m *Map) regions() ([]Shape, error) {
	var rs []Shape
	var err error
	if m.Grouping != nil {
		rs, err = GroupShapes(m.Grouping)
	} else {
		switch m.Level {
		case codes.LevelKommun, codes.LevelLan, codes.LevelFA:
			rs, err = Shapes(m.Level)
		default:
			return nil, fmt.Errorf("map %q: level %q: want kommun, lan or fa, or a grouping", m.Title, m.Level)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("map %q: %w", m.Title, err)
	}
	if len(rs) == 0 {
		return nil, fmt.Errorf("map %q: %w", m.Title, ErrNoRegions)
	}
	return rs, nil
}

// projection maps SWEREF 99 TM metres onto the drawing.
type projection struct{ e0, n1, s, pad float64 }

func (p projection) xy(pt Point) (float64, float64) {
	return p.pad + (pt.E-p.e0)*p.s, p.pad + (p.n1-pt.N)*p.s
}

// fit scales all of Sweden (every kommun, so maps of any level share one
// frame) to width w and returns the projection and the map's height.
func fit(_ []Shape, w float64) (projection, float64) {
	all, _ := Shapes(codes.LevelRiket)
	e0, e1, n0, n1 := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, s := range all {
		for _, r := range s.Rings {
			for _, p := range r {
				e0, e1 = math.Min(e0, p.E), math.Max(e1, p.E)
				n0, n1 = math.Min(n0, p.N), math.Max(n1, p.N)
			}
		}
	}
	pad := 6.0
	s := (w - 2*pad) / (e1 - e0)
	return projection{e0, n1, s, pad}, (n1-n0)*s + 2*pad
}

// path writes rings as one SVG path: each ring's first point absolute,
// the others relative, all on a 0.1 px grid (the deltas are taken between
// rounded points, so no error builds up).
func path(rings [][]Point, pr projection, dy float64) string {
	var sb strings.Builder
	num := func(v int64) {
		if v < 0 {
			sb.WriteByte('-')
			v = -v
		}
		sb.WriteString(strconv.FormatInt(v/10, 10))
		if v%10 != 0 {
			sb.WriteByte('.')
			sb.WriteByte(byte('0' + v%10))
		}
	}
	for _, r := range rings {
		var px, py int64
		for i, p := range r {
			x, y := pr.xy(p)
			ix, iy := int64(math.Round(x*10)), int64(math.Round((y+dy)*10))
			switch {
			case i == 0:
				sb.WriteByte('M')
				num(ix)
				sb.WriteByte(' ')
				num(iy)
			case ix == px && iy == py:
				continue
			default:
				sb.WriteByte('l')
				num(ix - px)
				sb.WriteByte(' ')
				num(iy - py)
			}
			px, py = ix, iy
		}
		sb.WriteByte('Z')
	}
	return sb.String()
}

func hatchPattern(id string) string {
	return `<defs><pattern id="` + svg.Esc(id) + `" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">` +
		`<rect width="6" height="6" fill="#FFFFFF"/><line x1="0" y1="0" x2="0" y2="6" stroke="` + hatchInk + `" stroke-width="2"/></pattern></defs>` + "\n"
}

// stats counts what the map shows, for the legend and the description.
type stats struct {
	counts                      []int
	suppressed, missing, others int
}

func (m *Map) drawRegions(b *svg.Builder, regions []Shape, pr projection, top float64, breaks []float64, colors []string, st *stats) error {
	if m.Grouping != nil {
		if err := m.drawOutside(b, pr, top, st); err != nil {
			return err
		}
	}
	stroke, width := "#FFFFFF", "0.6"
	if m.Level == codes.LevelKommun && m.Grouping == nil {
		width = "0.3"
	}
	for _, r := range regions {
		c, ok := m.Values[r.Code]
		fill, text, line := missingFill, "uppgift saknas", stroke
		switch {
		case ok && c.State == report.Value:
			cl := classOf(c.Num, breaks)
			st.counts[cl]++
			fill = colors[cl]
			text = report.Swedish.Cell(c, report.Column{Kind: m.valueKind()})
		case ok && c.State == report.Suppressed:
			st.suppressed++
			fill, text = "url(#"+b.Ref("hatch")+")", report.SymbolSuppressed+" (undertryckt)"
			line = hatchInk // the hatch has white in it: outline it
		default:
			st.missing++
			if ok && c.State.Symbol() != "" {
				text = c.State.Symbol()
			}
		}
		attrs := []string{"d", path(r.Rings, pr, top), "fill", fill, "fill-rule", "evenodd", "stroke", line,
			"stroke-width", width, "stroke-linejoin", "round"}
		if ref := m.Refs[r.Code]; ref != "" && ok && (c.State == report.Value || c.State == report.Suppressed) {
			v := report.SymbolSuppressed
			if c.State == report.Value {
				v = report.Machine.Full(c.Num)
			}
			attrs = append(attrs, "data-value", v, "data-ref", ref)
		}
		b.Open("path", attrs...)
		b.Title(r.Name + ": " + text)
		b.Close("path")
	}
	return nil
}

// drawOutside draws the kommuner a grouping does not cover, pale.
func (m *Map) drawOutside(b *svg.Builder, pr projection, top float64, st *stats) error {
	ks, err := Shapes(codes.LevelKommun)
	if err != nil {
		return err
	}
	var rings [][]Point
	for _, k := range ks {
		if _, in := m.Grouping.RollUp(k.Code); !in {
			rings = append(rings, k.Rings...)
			st.others++
		}
	}
	if len(rings) > 0 {
		b.Elem("path", "d", path(rings, pr, top), "fill", outsideFill, "fill-rule", "evenodd", "stroke", "#FFFFFF", "stroke-width", "0.3")
	}
	return nil
}

// drawBorders draws the län borders, and Sweden's outline, over the
// regions.
func (m *Map) drawBorders(b *svg.Builder, pr projection, top float64) error {
	if m.LanBorders && (m.Level == codes.LevelKommun || m.Grouping != nil) {
		lan, err := Shapes(codes.LevelLan)
		if err != nil {
			return err
		}
		var rings [][]Point
		for _, l := range lan {
			rings = append(rings, l.Rings...)
		}
		b.Elem("path", "d", path(rings, pr, top), "fill", "none", "stroke", "#222222", "stroke-width", "0.9", "stroke-linejoin", "round")
	}
	return nil
}

// valueKind is the kind values are written in: Kind, or a plain decimal
// when Kind is not a numeric kind.
func (m *Map) valueKind() report.Kind {
	if m.Kind.Numeric() {
		return m.Kind
	}
	return report.KindDecimal
}
