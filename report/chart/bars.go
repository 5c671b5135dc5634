package chart

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"lmi/report"
	"lmi/report/internal/svg"
)

// Bar is one region's bar.
type Bar struct {
	Label     string      // the region's name
	Value     report.Cell // not a Value: no bar, ".." or "saknas" instead
	Highlight bool        // the reader's own region: darker bar, bold label
	// Ref, when set, names the value's source: it is written as data-ref,
	// with the value as data-value, on the bar and its label, so that a
	// reader (or a test) can trace every number shown to its row.
	Ref string
}

// Bars is a ranked horizontal bar chart of an indicator across regions,
// with an optional reference value (riket) as a vertical line. Bars are
// sorted by value, largest first (Ascending: smallest first), ties by
// label; bars without a value come last.
type Bars struct {
	Common
	ValueLabel     string      // axis label, e.g. "Matchningsgrad, %"
	Kind           report.Kind // the values' unit: decimals of the value labels
	Bars           []Bar
	Reference      report.Cell // riket's value; not a Value for none
	ReferenceLabel string      // "Riket" when empty
	ReferenceRef   string      // the reference value's source, as Bar.Ref
	Ascending      bool
}

const barHeight, barGap = 16.0, 6.0

// SVG draws the chart.
func (c *Bars) SVG() ([]byte, error) {
	if len(c.Bars) == 0 {
		return nil, fmt.Errorf("bar chart %q: %w", c.Title, ErrNoData)
	}
	bars := c.sorted()
	var r valueRange
	gaps := false
	for _, x := range bars {
		r.add(x.Value)
		gaps = gaps || x.Value.State != report.Value
	}
	r.add(c.Reference)
	if !r.ok {
		return nil, fmt.Errorf("bar chart %q: %w: every value is suppressed or missing", c.Title, ErrNoData)
	}
	width := c.width(720)
	var extra []string
	if gaps {
		extra = append(extra, "Staplar utan värde: .. = undertryckt (för få personer), saknas = ingen uppgift; de visas inte som noll.")
	}
	refLabel := c.ReferenceLabel
	if refLabel == "" {
		refLabel = "Riket"
	}
	dec := displayDecimals(c.Kind)
	labelW := 0.0
	for _, x := range bars {
		labelW = math.Max(labelW, svg.TextWidth(x.Label, 12)*1.1) // room for bold
	}
	labelW = math.Min(labelW, width*0.4)
	b := svg.New(width, 0, c.ID, c.Title, c.desc(bars, refLabel, dec))
	top := header(b, c.Title, width)
	if c.Reference.State == report.Value {
		top += 16
	}
	ticks, tdec := r.axis(6, true)
	left, right := 10+labelW+8, width-20-svg.TextWidth("00000000", 12)
	xs := scale{ticks[0], ticks[len(ticks)-1], left, right}
	plotH := float64(len(bars))*(barHeight+barGap) + barGap
	bottom := top + plotH
	for _, t := range ticks {
		x := xs.at(t)
		b.Elem("line", "x1", svg.F(x), "y1", svg.F(top), "x2", svg.F(x), "y2", svg.F(bottom), "stroke", svg.GridGrey)
		b.Text(x, bottom+16, fmtNum(t, tdec), "text-anchor", "middle", "fill", svg.DarkGrey, "class", "scale")
	}
	if c.ValueLabel != "" {
		b.Text((left+right)/2, bottom+34, c.ValueLabel, "text-anchor", "middle", "fill", svg.DarkGrey)
	}
	// Bars, then riket's line over them, then the labels over the line.
	for i, x := range bars {
		c.drawBar(b, x, xs, top+barGap+float64(i)*(barHeight+barGap), dec)
	}
	if c.Reference.State == report.Value {
		x := xs.at(c.Reference.Num)
		b.Elem("line", "x1", svg.F(x), "y1", svg.F(top-4), "x2", svg.F(x), "y2", svg.F(bottom), "stroke", svg.Black,
			"stroke-width", "2", "stroke-dasharray", svg.Reference.Dash)
		b.Text(x, top-8, refLabel+" "+fmtNum(c.Reference.Num, dec), append([]string{"text-anchor", "middle", "font-weight", "bold"},
			dataAttrs(c.ReferenceRef, c.Reference)...)...)
	}
	for i, x := range bars {
		c.labelBar(b, x, xs, top+barGap+float64(i)*(barHeight+barGap), left, dec)
	}
	y := bottom + 40
	footer(b, c.Common, extra, y, width)
	height := y + footerHeight(c.Common, extra, width)
	b.H = height
	return b.Bytes(), nil
}

func (c *Bars) sorted() []Bar {
	bars := slices.Clone(c.Bars)
	slices.SortStableFunc(bars, func(a, b Bar) int {
		av, bv := a.Value.State == report.Value, b.Value.State == report.Value
		switch {
		case av && !bv:
			return -1
		case !av && bv:
			return 1
		case av && bv && a.Value.Num != b.Value.Num:
			if c.Ascending {
				return cmp.Compare(a.Value.Num, b.Value.Num)
			}
			return cmp.Compare(b.Value.Num, a.Value.Num)
		}
		return cmp.Compare(a.Label, b.Label)
	})
	return bars
}

// barText is what a bar's value label says.
func barText(v report.Cell, dec int) string {
	if v.State == report.Value {
		return fmtNum(v.Num, dec)
	}
	if s := v.State.Symbol(); s != "" {
		return s
	}
	return "saknas"
}

func (c *Bars) drawBar(b *svg.Builder, x Bar, xs scale, y float64, dec int) {
	if x.Value.State != report.Value {
		return
	}
	x0, x1 := xs.at(0), xs.at(x.Value.Num)
	fill, stroke := svg.SkyBlue, ""
	if x.Highlight {
		fill, stroke = svg.Blue, svg.Black
	}
	b.Open("g", dataAttrs(x.Ref, x.Value)...)
	b.Title(x.Label + ": " + barText(x.Value, dec))
	b.Elem("rect", "x", svg.F(math.Min(x0, x1)), "y", svg.F(y), "width", svg.F(math.Abs(x1-x0)), "height", svg.F(barHeight),
		"fill", fill, "stroke", stroke)
	b.Close("g")
}

func (c *Bars) labelBar(b *svg.Builder, x Bar, xs scale, y, left float64, dec int) {
	weight := ""
	if x.Highlight {
		weight = "bold"
	}
	text := barText(x.Value, dec)
	data := dataAttrs(x.Ref, x.Value)
	if x.Value.State != report.Value { // a bar has the tooltip otherwise
		b.Open("g", data...)
		b.Title(x.Label + ": " + text)
	} else {
		b.Open("g")
	}
	b.Text(left-8, y+barHeight-4, x.Label, "text-anchor", "end", "font-weight", weight)
	if x.Value.State != report.Value {
		b.Text(xs.at(0)+4, y+barHeight-4, text, "fill", svg.DarkGrey)
	} else {
		b.Text(math.Max(xs.at(0), xs.at(x.Value.Num))+4, y+barHeight-4, text, append([]string{"font-weight", weight,
			"stroke", "#FFFFFF", "stroke-width", "3", "paint-order", "stroke"}, data...)...)
	}
	b.Close("g")
}

func (c *Bars) desc(bars []Bar, refLabel string, dec int) string {
	if c.Desc != "" {
		return c.Desc
	}
	d := fmt.Sprintf("Liggande stapeldiagram med %d regioner, sorterade efter värde.", len(bars))
	if bars[0].Value.State == report.Value {
		d += fmt.Sprintf(" Högst: %s %s.", bars[0].Label, fmtNum(bars[0].Value.Num, dec))
	}
	if c.Reference.State == report.Value {
		d += fmt.Sprintf(" %s: %s.", refLabel, fmtNum(c.Reference.Num, dec))
	}
	return d
}
