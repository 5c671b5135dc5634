package chart

import (
	"fmt"
	"strings"

	"lmi/report"
	"lmi/report/internal/svg"
)

// BeveridgePoint is one period of a Beveridge curve.
type BeveridgePoint struct {
	Label string      // the period, shown beside the point: "2019"
	U, V  report.Cell // unemployment and vacancy rate; a point without both is left out
	// URef and VRef, when set, are the sources of U and V (see Bar.Ref),
	// written on the point.
	URef, VRef string
}

// BeveridgeCurve is one region's points in time order.
type BeveridgeCurve struct {
	Name   string
	Points []BeveridgePoint
}

// Beveridge draws Beveridge curves: unemployment u on the x axis, the
// vacancy rate v on the y axis, one curve per region (at most 6) joining
// its points in time order, every point labelled with its period.
type Beveridge struct {
	Common
	Kind   report.Kind // unit of u and v (lmi's beveridge_u and beveridge_v are andel)
	XLabel string      // "Arbetslöshet (u)" when empty
	YLabel string      // "Vakansgrad (v)" when empty
	Curves []BeveridgeCurve
	Height float64 // default 480
}

// SVG draws the chart.
func (c *Beveridge) SVG() ([]byte, error) {
	if len(c.Curves) == 0 {
		return nil, fmt.Errorf("beveridge chart %q: %w", c.Title, ErrNoData)
	}
	if len(c.Curves) > svg.MaxSeries {
		return nil, fmt.Errorf("beveridge chart %q: %d regions, at most %d are readable: draw several charts", c.Title, len(c.Curves), svg.MaxSeries)
	}
	var ru, rv valueRange
	gaps := false
	for _, cv := range c.Curves {
		for _, p := range cv.Points {
			if p.U.State == report.Value && p.V.State == report.Value {
				ru.add(p.U)
				rv.add(p.V)
			} else {
				gaps = true
			}
		}
	}
	if !ru.ok {
		return nil, fmt.Errorf("beveridge chart %q: %w: no point has both u and v", c.Title, ErrNoData)
	}
	width, height := c.width(720), c.Height
	if height < 250 {
		height = 480
	}
	xl, yl := c.XLabel, c.YLabel
	if xl == "" {
		xl = "Arbetslöshet (u)"
	}
	if yl == "" {
		yl = "Vakansgrad (v)"
	}
	var extra []string
	if gaps {
		extra = append(extra, "Punkter utan både u och v (undertryckta eller saknade) visas inte.")
	}
	items := make([]legendItem, len(c.Curves))
	for i, cv := range c.Curves {
		items[i] = legendItem{cv.Name, svg.SeriesStyle(i), 1.8}
	}
	b := svg.New(width, height, c.ID, c.Title, c.desc())
	top := header(b, c.Title, width) + 14
	bottom := height - footerHeight(c.Common, extra, width) - legendHeight(items, 10, width) - 44
	yt, ydec := rv.padded().axis(6, false)
	xt, xdec := ru.padded().axis(7, false)
	left, right := 10+yLabelWidth(yt, ydec), width-40
	ys := scale{yt[0], yt[len(yt)-1], bottom, top}
	xs := scale{xt[0], xt[len(xt)-1], left, right}
	yAxis(b, yt, ydec, ys, left, right, yl)
	for _, t := range xt {
		x := xs.at(t)
		b.Elem("line", "x1", svg.F(x), "y1", svg.F(top), "x2", svg.F(x), "y2", svg.F(bottom), "stroke", svg.GridGrey)
		b.Text(x, bottom+16, fmtNum(t, xdec), "text-anchor", "middle", "fill", svg.DarkGrey, "class", "scale")
	}
	b.Text(right, bottom+34, xl, "text-anchor", "end", "fill", svg.DarkGrey)
	dec := displayDecimals(c.Kind)
	for i, cv := range c.Curves {
		drawCurve(b, cv, xs, ys, svg.SeriesStyle(i), dec, i)
	}
	y := legend(b, items, 10, bottom+44, width)
	footer(b, c.Common, extra, y, width)
	return b.Bytes(), nil
}

func drawCurve(b *svg.Builder, cv BeveridgeCurve, xs, ys scale, st svg.Style, dec, n int) {
	var d strings.Builder
	b.Open("g", "class", "curve")
	b.Title(cv.Name)
	pen := false
	for _, p := range cv.Points {
		if p.U.State != report.Value || p.V.State != report.Value {
			pen = false
			continue
		}
		cmd := "L"
		if !pen {
			cmd = "M"
		}
		fmt.Fprintf(&d, "%s%s %s", cmd, svg.F(xs.at(p.U.Num)), svg.F(ys.at(p.V.Num)))
		pen = true
	}
	if d.Len() > 0 {
		b.Elem("path", "d", d.String(), "fill", "none", "stroke", st.Color, "stroke-width", "1.8", "stroke-dasharray", st.Dash)
	}
	for j, p := range cv.Points {
		if p.U.State != report.Value || p.V.State != report.Value {
			continue
		}
		x, y := xs.at(p.U.Num), ys.at(p.V.Num)
		var data []string
		if p.URef != "" && p.VRef != "" {
			data = dataAttrs(p.URef+" "+p.VRef, p.U, p.V)
		}
		b.Open("g", data...)
		b.Title(fmt.Sprintf("%s %s: u %s, v %s", cv.Name, p.Label, fmtNum(p.U.Num, dec), fmtNum(p.V.Num, dec)))
		b.Marker(st.Marker, x, y, 4, st.Color)
		b.Close("g")
		// Labels alternate above and below the point, shifted per curve, so
		// neighbours overlap less.
		dy := -7.0
		if (j+n)%2 == 1 {
			dy = 15
		}
		b.Text(x+6, y+dy, p.Label, "font-size", "10", "fill", st.Color, "stroke", "#FFFFFF", "stroke-width", "2.5",
			"paint-order", "stroke")
	}
	b.Close("g")
}

func (c *Beveridge) desc() string {
	if c.Desc != "" {
		return c.Desc
	}
	names := make([]string, len(c.Curves))
	for i, cv := range c.Curves {
		names[i] = cv.Name
	}
	return "Beveridgekurvor, arbetslöshet (u) mot vakansgrad (v) över tid, en kurva per region: " + strings.Join(names, ", ") + "."
}
