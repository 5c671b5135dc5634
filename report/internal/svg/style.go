package svg

import (
	"fmt"
	"math"
)

// Okabe and Ito's colour-blind-safe palette.
const (
	Black         = "#000000"
	Orange        = "#E69F00"
	SkyBlue       = "#56B4E9"
	BluishGreen   = "#009E73"
	Yellow        = "#F0E442"
	Blue          = "#0072B2"
	Vermillion    = "#D55E00"
	ReddishPurple = "#CC79A7"
	Grey          = "#BBBBBB" // missing regions, light
	DarkGrey      = "#555555" // axes and reference text
	GridGrey      = "#DDDDDD"
)

// Series styles, in the order series get them: a colour, a dash pattern
// and a marker, so that lines stay apart in black and white. Black is kept
// for the reference line (riket), yellow left out (too light on white).
var seriesStyles = []Style{
	{Blue, "", "circle"},
	{Vermillion, "7 3", "square"},
	{BluishGreen, "2 2", "triangle"},
	{ReddishPurple, "9 3 2 3", "diamond"},
	{Orange, "4 4", "triangle-down"},
	{SkyBlue, "12 3", "cross"},
}

// MaxSeries is the number of distinct series styles.
var MaxSeries = len(seriesStyles)

// Style is how one series is drawn.
type Style struct {
	Color  string
	Dash   string // stroke-dasharray, "" for solid
	Marker string // circle, square, triangle, diamond, triangle-down, cross
}

// SeriesStyle returns the style of the i-th series (0-based); it cycles
// after MaxSeries.
func SeriesStyle(i int) Style { return seriesStyles[i%len(seriesStyles)] }

// Reference is the style of a reference series such as riket.
var Reference = Style{Black, "10 4", "none"}

// Marker writes a marker of the given shape centred at x, y with radius r.
func (b *Builder) Marker(shape string, x, y, r float64, color string, extra ...string) {
	attrs := append([]string{"fill", color, "stroke", "#FFFFFF", "stroke-width", "0.8"}, extra...)
	switch shape {
	case "circle":
		b.Elem("circle", append([]string{"cx", F(x), "cy", F(y), "r", F(r)}, attrs...)...)
	case "square":
		b.Elem("rect", append([]string{"x", F(x - r), "y", F(y - r), "width", F(2 * r), "height", F(2 * r)}, attrs...)...)
	case "triangle":
		b.Elem("path", append([]string{"d", fmt.Sprintf("M%s %sL%s %sL%s %sZ", F(x), F(y-r*1.2), F(x+r*1.1), F(y+r*0.8), F(x-r*1.1), F(y+r*0.8))}, attrs...)...)
	case "triangle-down":
		b.Elem("path", append([]string{"d", fmt.Sprintf("M%s %sL%s %sL%s %sZ", F(x), F(y+r*1.2), F(x+r*1.1), F(y-r*0.8), F(x-r*1.1), F(y-r*0.8))}, attrs...)...)
	case "diamond":
		b.Elem("path", append([]string{"d", fmt.Sprintf("M%s %sL%s %sL%s %sL%s %sZ", F(x), F(y-r*1.3), F(x+r*1.3), F(y), F(x), F(y+r*1.3), F(x-r*1.3), F(y))}, attrs...)...)
	case "cross":
		d := fmt.Sprintf("M%s %sL%s %sM%s %sL%s %s", F(x-r), F(y-r), F(x+r), F(y+r), F(x-r), F(y+r), F(x+r), F(y-r))
		b.Elem("path", "d", d, "stroke", color, "stroke-width", "2", "fill", "none")
	}
}

// Ticks returns about n "nice" tick values (steps of 1, 2, 2.5 or 5 times
// a power of ten) covering lo..hi, and the step.
func Ticks(lo, hi float64, n int) ([]float64, float64) {
	if n < 2 {
		n = 2
	}
	if math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return []float64{0, 1}, 1
	}
	if hi < lo {
		lo, hi = hi, lo
	}
	if hi == lo {
		d := math.Max(math.Abs(lo)*0.1, 1)
		lo, hi = lo-d, hi+d
	}
	raw := (hi - lo) / float64(n-1)
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	step := p * 10
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= raw {
			step = m * p
			break
		}
	}
	start := math.Floor(lo/step+1e-9) * step
	var ticks []float64
	for v := start; v <= hi+step*(1-1e-9); v += step {
		ticks = append(ticks, math.Round(v/step)*step)
		if len(ticks) > 100 {
			break
		}
	}
	return ticks, step
}

// StepDecimals returns the decimals needed to write ticks of step apart.
func StepDecimals(step float64) int {
	d := 0
	for d < 10 && math.Abs(step*math.Pow(10, float64(d))-math.Round(step*math.Pow(10, float64(d)))) > 1e-9 {
		d++
	}
	return d
}
