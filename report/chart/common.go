package chart

import (
	"errors"
	"math"
	"strings"

	"lmi/report"
	"lmi/report/internal/svg"
)

// ErrNoData is returned for a chart with nothing to draw.
var ErrNoData = errors.New("chart has no data")

// Common holds what every chart has.
type Common struct {
	Title  string // shown above the chart and as its accessible title
	Desc   string // accessible description; a summary is made when empty
	Source string // "Källa: ..." line under the chart, without the "Källa: "
	Notes  []string
	Width  float64 // in CSS pixels; each chart has a default
	ID     string  // id prefix for the SVG's ids; derived from the title when empty
}

func (c Common) width(def float64) float64 {
	if c.Width >= 200 {
		return c.Width
	}
	return def
}

// scale maps values lo..hi onto pixels p0..p1.
type scale struct{ lo, hi, p0, p1 float64 }

func (s scale) at(v float64) float64 {
	if s.hi == s.lo {
		return (s.p0 + s.p1) / 2
	}
	return s.p0 + (v-s.lo)/(s.hi-s.lo)*(s.p1-s.p0)
}

// valueRange is the range of values seen.
type valueRange struct {
	lo, hi float64
	ok     bool
}

func (r *valueRange) add(c report.Cell) {
	if c.State != report.Value || math.IsNaN(c.Num) || math.IsInf(c.Num, 0) {
		return
	}
	r.addNum(c.Num)
}

func (r *valueRange) addNum(v float64) {
	if !r.ok {
		r.lo, r.hi, r.ok = v, v, true
		return
	}
	r.lo, r.hi = math.Min(r.lo, v), math.Max(r.hi, v)
}

// padded widens the range by 5 % on each side, so points off the edges
// keep room for their labels.
func (r valueRange) padded() valueRange {
	d := (r.hi - r.lo) * 0.05
	r.lo, r.hi = r.lo-d, r.hi+d
	return r
}

// axis returns nice ticks for the range, widened to include zero when
// zero is set.
func (r valueRange) axis(n int, zero bool) ([]float64, int) {
	lo, hi := r.lo, r.hi
	if zero {
		lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	}
	ticks, step := svg.Ticks(lo, hi, n)
	return ticks, svg.StepDecimals(step)
}

// wrap splits s into lines of at most n characters at spaces.
func wrap(s string, n int) []string {
	var lines []string
	var cur []string
	length := 0
	for _, w := range strings.Fields(s) {
		wl := len([]rune(w))
		if length > 0 && length+1+wl > n {
			lines = append(lines, strings.Join(cur, " "))
			cur, length = nil, 0
		}
		if length > 0 {
			length++
		}
		cur = append(cur, w)
		length += wl
	}
	if len(cur) > 0 {
		lines = append(lines, strings.Join(cur, " "))
	}
	return lines
}

// header writes the title lines and returns the y where the chart starts.
func header(b *svg.Builder, title string, width float64) float64 {
	y := 8.0
	for _, l := range wrap(title, int((width-20)/(15*0.6))) {
		y += 19
		b.Text(10, y, l, "font-size", "15", "font-weight", "bold")
	}
	return y + 12
}

// footerHeight is the height the footer lines need.
func footerHeight(c Common, extra []string, width float64) float64 {
	return float64(len(footerLines(c, extra, width)))*15 + 8
}

func footerLines(c Common, extra []string, width float64) []string {
	var lines []string
	n := int((width - 20) / (11 * 0.6))
	for _, s := range append(append([]string{}, extra...), c.Notes...) {
		lines = append(lines, wrap(s, n)...)
	}
	if c.Source != "" {
		lines = append(lines, wrap("Källa: "+c.Source, n)...)
	}
	return lines
}

// footer writes the notes and the source from y down.
func footer(b *svg.Builder, c Common, extra []string, y, width float64) {
	for _, l := range footerLines(c, extra, width) {
		y += 15
		b.Text(10, y, l, "font-size", "11", "fill", svg.DarkGrey)
	}
}

// gapNote is the note charts with suppressed or missing values carry.
const gapNote = "Luckor: uppgiften är undertryckt (..) eller saknas; den visas inte som noll."

func fmtNum(v float64, decimals int) string { return report.Swedish.Number(v, decimals) }

// displayDecimals returns the decimals a value of kind k shows (the kind's
// default; text kinds show two).
func displayDecimals(k report.Kind) int {
	if !k.Numeric() {
		return 2
	}
	return k.Decimals()
}

// legendItem is one entry of a legend.
type legendItem struct {
	label string
	style svg.Style
	width float64 // stroke width
}

// legend writes items in rows from y and returns the y below them.
func legend(b *svg.Builder, items []legendItem, x0, y, width float64) float64 {
	x := x0
	y += 14
	for _, it := range items {
		w := 34 + svg.TextWidth(it.label, 12) + 18
		if x > x0 && x+w > width-10 {
			x, y = x0, y+20
		}
		b.Elem("line", "x1", svg.F(x), "y1", svg.F(y-4), "x2", svg.F(x+28), "y2", svg.F(y-4),
			"stroke", it.style.Color, "stroke-width", svg.F(it.width), "stroke-dasharray", it.style.Dash)
		if it.style.Marker != "none" && it.style.Marker != "" {
			b.Marker(it.style.Marker, x+14, y-4, 4, it.style.Color)
		}
		b.Text(x+34, y, it.label)
		x += w
	}
	return y + 8
}

// legendHeight estimates the height legend needs.
func legendHeight(items []legendItem, x0, width float64) float64 {
	x, rows := x0, 1
	for _, it := range items {
		w := 34 + svg.TextWidth(it.label, 12) + 18
		if x > x0 && x+w > width-10 {
			x, rows = x0, rows+1
		}
		x += w
	}
	return float64(rows)*20 + 2
}

// dataAttrs returns the attributes that tie a number shown in a chart to
// where it came from: data-value, the values in full precision
// (report.Machine; ".." for a suppressed one), and data-ref, the caller's
// references to their sources, both space-separated in the order the
// numbers are shown. Without a reference it returns none.
func dataAttrs(ref string, vals ...report.Cell) []string {
	if ref == "" {
		return nil
	}
	parts := make([]string, 0, len(vals))
	for _, v := range vals {
		switch {
		case v.State == report.Value:
			parts = append(parts, report.Machine.Full(v.Num))
		case v.State == report.Suppressed:
			parts = append(parts, report.SymbolSuppressed)
		default:
			parts = append(parts, "")
		}
	}
	return []string{"data-value", strings.Join(parts, " "), "data-ref", ref}
}

// yAxis draws horizontal grid lines with labels left of the plot.
func yAxis(b *svg.Builder, ticks []float64, dec int, s scale, left, right float64, label string) {
	for _, t := range ticks {
		y := s.at(t)
		b.Elem("line", "x1", svg.F(left), "y1", svg.F(y), "x2", svg.F(right), "y2", svg.F(y), "stroke", svg.GridGrey)
		b.Text(left-6, y+4, fmtNum(t, dec), "text-anchor", "end", "fill", svg.DarkGrey, "class", "scale")
	}
	if label != "" {
		b.Text(left, s.at(ticks[len(ticks)-1])-10, label, "fill", svg.DarkGrey)
	}
}

// yLabelWidth is the room the y axis labels need.
func yLabelWidth(ticks []float64, dec int) float64 {
	w := 0.0
	for _, t := range ticks {
		w = math.Max(w, svg.TextWidth(fmtNum(t, dec), 12))
	}
	return w + 14
}
