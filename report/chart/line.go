package chart

import (
	"fmt"
	"strings"

	"lmi/report"
	"lmi/report/internal/svg"
)

// Series is one line: a region's values, one per period of the chart.
type Series struct {
	Name   string        // legend label, the region's name
	Values []report.Cell // one per Line.Periods; not Value cells are gaps
	// Refs, when set, holds each value's source (see Bar.Ref), one per
	// value; the markers carry them as data-ref.
	Refs []string
}

// Line is an indicator over time per region, with an optional reference
// series (riket) drawn as a black dashed line.
type Line struct {
	Common
	YLabel    string      // axis label, e.g. "Matchningsgrad, %"
	Kind      report.Kind // the values' unit, for decimals in tooltips
	Periods   []string    // x axis, in order: "2015", "2016" or "2015-01"
	Series    []Series    // at most 6: more are unreadable
	Reference *Series     // riket; nil for none
	YZero     bool        // start the y axis at zero
	Height    float64     // default 400
}

// SVG draws the chart.
func (c *Line) SVG() ([]byte, error) {
	if err := c.check(); err != nil {
		return nil, err
	}
	width := c.width(720)
	height := c.Height
	if height < 200 {
		height = 400
	}
	var r valueRange
	all := c.all()
	gaps := false
	for _, s := range all {
		for _, v := range s.Values {
			r.add(v)
			gaps = gaps || v.State != report.Value
		}
	}
	if !r.ok {
		return nil, fmt.Errorf("line chart %q: %w: every value is suppressed or missing", c.Title, ErrNoData)
	}
	b := svg.New(width, height, c.ID, c.Title, c.desc())
	top := header(b, c.Title, width) + 14
	items := c.legendItems()
	var extra []string
	if gaps {
		extra = append(extra, gapNote)
	}
	bottom := height - footerHeight(c.Common, extra, width) - legendHeight(items, 10, width) - 28
	ticks, dec := r.axis(6, c.YZero)
	left := 10 + yLabelWidth(ticks, dec)
	right := width - 20
	ys := scale{ticks[0], ticks[len(ticks)-1], bottom, top}
	yAxis(b, ticks, dec, ys, left, right, c.YLabel)
	xs := scale{0, float64(len(c.Periods) - 1), left + 14, right - 14}
	c.xAxis(b, xs, bottom)
	for i, s := range c.Series {
		drawLine(b, s, c.Periods, xs, ys, svg.SeriesStyle(i), 2.2, c.Kind)
	}
	if c.Reference != nil {
		drawLine(b, *c.Reference, c.Periods, xs, ys, svg.Reference, 2.6, c.Kind)
	}
	y := legend(b, items, 10, bottom+28, width)
	footer(b, c.Common, extra, y, width)
	return b.Bytes(), nil
}

func (c *Line) check() error {
	if len(c.Periods) == 0 || len(c.Series) == 0 && c.Reference == nil {
		return fmt.Errorf("line chart %q: %w", c.Title, ErrNoData)
	}
	if len(c.Series) > svg.MaxSeries {
		return fmt.Errorf("line chart %q: %d series, at most %d are readable: draw several charts", c.Title, len(c.Series), svg.MaxSeries)
	}
	for _, s := range c.all() {
		if len(s.Values) != len(c.Periods) {
			return fmt.Errorf("line chart %q: series %q has %d values for %d periods", c.Title, s.Name, len(s.Values), len(c.Periods))
		}
	}
	return nil
}

func (c *Line) all() []Series {
	all := append([]Series{}, c.Series...)
	if c.Reference != nil {
		all = append(all, *c.Reference)
	}
	return all
}

func (c *Line) desc() string {
	if c.Desc != "" {
		return c.Desc
	}
	names := make([]string, 0, len(c.Series))
	for _, s := range c.Series {
		names = append(names, s.Name)
	}
	d := fmt.Sprintf("Linjediagram, %s till %s: %s.", c.Periods[0], c.Periods[len(c.Periods)-1], strings.Join(names, ", "))
	if c.Reference != nil {
		d += " Streckad svart linje: " + c.Reference.Name + "."
	}
	return d
}

func (c *Line) legendItems() []legendItem {
	var items []legendItem
	for i, s := range c.Series {
		items = append(items, legendItem{s.Name, svg.SeriesStyle(i), 2.2})
	}
	if c.Reference != nil {
		items = append(items, legendItem{c.Reference.Name, svg.Reference, 2.6})
	}
	return items
}

// xAxis labels the periods, thinned so that labels do not overlap.
func (c *Line) xAxis(b *svg.Builder, xs scale, bottom float64) {
	b.Elem("line", "x1", svg.F(xs.p0-14), "y1", svg.F(bottom), "x2", svg.F(xs.p1+14), "y2", svg.F(bottom), "stroke", svg.DarkGrey)
	widest := 0.0
	for _, p := range c.Periods {
		widest = max(widest, svg.TextWidth(p, 12)+8)
	}
	every := 1
	if n := len(c.Periods); n > 1 {
		gap := (xs.p1 - xs.p0) / float64(n-1)
		for float64(every)*gap < widest {
			every++
		}
	}
	for i, p := range c.Periods {
		x := xs.at(float64(i))
		b.Elem("line", "x1", svg.F(x), "y1", svg.F(bottom), "x2", svg.F(x), "y2", svg.F(bottom+4), "stroke", svg.DarkGrey)
		if i%every == 0 || i == len(c.Periods)-1 && every == 1 {
			b.Text(x, bottom+17, p, "text-anchor", "middle", "fill", svg.DarkGrey)
		}
	}
}

// drawLine draws a series as path pieces between gaps, with markers that
// show the period and value on hover (the reference line has no markers).
func drawLine(b *svg.Builder, s Series, periods []string, xs, ys scale, st svg.Style, width float64, k report.Kind) {
	var d strings.Builder
	pen := false
	for i, v := range s.Values {
		if v.State != report.Value {
			pen = false
			continue
		}
		cmd := "L"
		if !pen {
			cmd = "M"
		}
		fmt.Fprintf(&d, "%s%s %s", cmd, svg.F(xs.at(float64(i))), svg.F(ys.at(v.Num)))
		pen = true
	}
	b.Open("g", "class", "series")
	b.Title(s.Name)
	if d.Len() > 0 {
		b.Elem("path", "d", d.String(), "fill", "none", "stroke", st.Color, "stroke-width", svg.F(width),
			"stroke-dasharray", st.Dash, "stroke-linejoin", "round")
	}
	if st.Marker != "none" {
		dec := displayDecimals(k)
		for i, v := range s.Values {
			if v.State == report.Value {
				ref := ""
				if i < len(s.Refs) {
					ref = s.Refs[i]
				}
				b.Open("g", dataAttrs(ref, v)...)
				b.Title(fmt.Sprintf("%s %s: %s", s.Name, periods[i], fmtNum(v.Num, dec)))
				b.Marker(st.Marker, xs.at(float64(i)), ys.at(v.Num), 3.5, st.Color)
				b.Close("g")
			}
		}
	}
	b.Close("g")
}
