package chart

import (
	"fmt"
	"math"
	"strings"

	"lmi/report"
	"lmi/report/internal/svg"
)

// Observed is one period of history.
type Observed struct {
	Period string
	Value  report.Cell
	Ref    string // the value's source (see Bar.Ref)
}

// Projected is one period of a forecast with its interval.
type Projected struct {
	Period       string
	Value        report.Cell // the projection
	Lower, Upper report.Cell // the interval bounds
	Ref          string      // the projection's source (see Bar.Ref)
}

// Fan is a forecast fan chart: the observed history as a solid line, the
// projection as a dashed line from the last observation, and the
// prediction interval as a shaded band.
type Fan struct {
	Common
	YLabel   string      // e.g. "Sysselsatta, antal"
	Kind     report.Kind // unit of the values
	History  []Observed
	Forecast []Projected
	Coverage float64 // the interval's coverage, 0.8 for 80 %; 0 leaves it unnamed
	YZero    bool    // start the y axis at zero
	Height   float64 // default 400
}

// Fan colours: history blue, projection vermillion, the band a light
// vermillion that prints as light grey.
const fanBand = "#F4C7A9"

// SVG draws the chart.
func (c *Fan) SVG() ([]byte, error) {
	if len(c.History)+len(c.Forecast) == 0 {
		return nil, fmt.Errorf("fan chart %q: %w", c.Title, ErrNoData)
	}
	var r valueRange
	gaps := false
	for _, h := range c.History {
		r.add(h.Value)
		gaps = gaps || h.Value.State != report.Value
	}
	for _, f := range c.Forecast {
		r.add(f.Value)
		r.add(f.Lower)
		r.add(f.Upper)
		gaps = gaps || f.Value.State != report.Value
	}
	if !r.ok {
		return nil, fmt.Errorf("fan chart %q: %w: every value is suppressed or missing", c.Title, ErrNoData)
	}
	width, height := c.width(720), c.Height
	if height < 200 {
		height = 400
	}
	periods := make([]string, 0, len(c.History)+len(c.Forecast))
	for _, h := range c.History {
		periods = append(periods, h.Period)
	}
	for _, f := range c.Forecast {
		periods = append(periods, f.Period)
	}
	var extra []string
	if gaps {
		extra = append(extra, gapNote)
	}
	items := c.legendItems()
	b := svg.New(width, height, c.ID, c.Title, c.desc())
	top := header(b, c.Title, width) + 14
	bottom := height - footerHeight(c.Common, extra, width) - legendHeight(items, 10, width) - 28
	ticks, dec := r.axis(6, c.YZero)
	left, right := 10+yLabelWidth(ticks, dec), width-20
	ys := scale{ticks[0], ticks[len(ticks)-1], bottom, top}
	xs := scale{0, float64(max(len(periods)-1, 1)), left + 14, right - 14}
	yAxis(b, ticks, dec, ys, left, right, c.YLabel)
	(&Line{Periods: periods}).xAxis(b, xs, bottom)
	c.draw(b, periods, xs, ys, top, bottom)
	y := legend(b, items, 10, bottom+28, width)
	footer(b, c.Common, extra, y, width)
	return b.Bytes(), nil
}

func (c *Fan) draw(b *svg.Builder, periods []string, xs, ys scale, top, bottom float64) {
	nh := len(c.History)
	last := -1 // index of the last observed value, where the fan starts
	for i, h := range c.History {
		if h.Value.State == report.Value {
			last = i
		}
	}
	// The band: upper bounds left to right, lower bounds back.
	var up, down []string
	if last >= 0 {
		p := fmt.Sprintf("%s %s", svg.F(xs.at(float64(last))), svg.F(ys.at(c.History[last].Value.Num)))
		up, down = append(up, p), append(down, p)
	}
	for i, f := range c.Forecast {
		if f.Lower.State != report.Value || f.Upper.State != report.Value {
			continue
		}
		x := svg.F(xs.at(float64(nh + i)))
		up = append(up, x+" "+svg.F(ys.at(f.Upper.Num)))
		down = append(down, x+" "+svg.F(ys.at(f.Lower.Num)))
	}
	if len(up) > 1 {
		for i := len(down) - 1; i >= 0; i-- {
			up = append(up, down[i])
		}
		b.Elem("path", "d", "M"+strings.Join(up, "L")+"Z", "fill", fanBand, "stroke", svg.Vermillion,
			"stroke-width", "0.8", "stroke-dasharray", "1 2")
	}
	if nh > 0 && len(c.Forecast) > 0 {
		x := xs.at(float64(nh) - 0.5)
		b.Elem("line", "x1", svg.F(x), "y1", svg.F(top), "x2", svg.F(x), "y2", svg.F(bottom), "stroke", svg.DarkGrey, "stroke-dasharray", "2 3")
		b.Text(x+4, top+12, "Prognos", "fill", svg.DarkGrey)
	}
	hist := Series{Name: "Utfall", Values: make([]report.Cell, 0, nh), Refs: make([]string, 0, nh)}
	for _, h := range c.History {
		hist.Values = append(hist.Values, h.Value)
		hist.Refs = append(hist.Refs, h.Ref)
	}
	drawLine(b, hist, periods, xs, ys, svg.Style{Color: svg.Blue, Marker: "circle"}, 2.2, c.Kind)
	proj := Series{Name: "Prognos", Values: make([]report.Cell, nh+len(c.Forecast)), Refs: make([]string, nh+len(c.Forecast))}
	if last == nh-1 && last >= 0 {
		proj.Values[last] = c.History[last].Value
		proj.Refs[last] = c.History[last].Ref
	}
	for i, f := range c.Forecast {
		proj.Values[nh+i] = f.Value
		proj.Refs[nh+i] = f.Ref
	}
	drawLine(b, proj, periods, xs, ys, svg.Style{Color: svg.Vermillion, Dash: "7 3", Marker: "square"}, 2.2, c.Kind)
}

func (c *Fan) legendItems() []legendItem {
	band := "Prognosintervall"
	if c.Coverage > 0 && c.Coverage < 1 {
		band = fmt.Sprintf("Prognosintervall, %s %%", fmtNum(math.Round(c.Coverage*1000)/10, svg.StepDecimals(math.Round(c.Coverage*1000)/10)))
	}
	return []legendItem{
		{"Utfall", svg.Style{Color: svg.Blue, Marker: "circle"}, 2.2},
		{"Prognos", svg.Style{Color: svg.Vermillion, Dash: "7 3", Marker: "square"}, 2.2},
		{band, svg.Style{Color: fanBand, Marker: "none"}, 10},
	}
}

func (c *Fan) desc() string {
	if c.Desc != "" {
		return c.Desc
	}
	d := "Prognosdiagram: utfall som heldragen linje, prognos som streckad linje med prognosintervall som skuggat fält."
	if n := len(c.Forecast); n > 0 {
		f := c.Forecast[n-1]
		if f.Value.State == report.Value {
			dec := displayDecimals(c.Kind)
			d += fmt.Sprintf(" %s: %s", f.Period, fmtNum(f.Value.Num, dec))
			if f.Lower.State == report.Value && f.Upper.State == report.Value {
				d += fmt.Sprintf(" (%s–%s)", fmtNum(f.Lower.Num, dec), fmtNum(f.Upper.Num, dec))
			}
			d += "."
		}
	}
	return d
}
