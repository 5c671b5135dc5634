package geo

import (
	"fmt"
	"strings"

	"lmi/report"
	"lmi/report/internal/svg"
)

// header writes the title and returns the y where the map starts.
func (m *Map) header(b *svg.Builder, width float64) float64 {
	y := 8.0
	for _, l := range wrapText(m.Title, int((width-20)/(15*0.6))) {
		y += 19
		b.Text(10, y, l, "font-size", "15", "font-weight", "bold")
	}
	return y + 8
}

// legend writes the classes, with how many regions each has, and the
// symbols for regions without a value, at x, y; it returns the y below.
func (m *Map) legend(b *svg.Builder, x, y float64, breaks []float64, dec int, colors []string, st stats) float64 {
	y += 14
	if m.Unit != "" {
		for _, l := range wrapText(m.Unit, 30) {
			b.Text(x, y, l, "font-weight", "bold")
			y += 16
		}
	}
	y += 2
	labels := classLabels(breaks, dec)
	for i := len(labels) - 1; i >= 0; i-- { // high values first
		if sum(st.counts) > 0 {
			y = swatch(b, x, y, colors[i], fmt.Sprintf("%s (%d)", labels[i], st.counts[i]), "class", "scale")
		}
	}
	if st.suppressed > 0 {
		y = swatch(b, x, y, "url(#"+b.Ref("hatch")+")", fmt.Sprintf("%s undertryckt (%d)", report.SymbolSuppressed, st.suppressed))
	}
	if st.missing > 0 {
		y = swatch(b, x, y, missingFill, fmt.Sprintf("Uppgift saknas (%d)", st.missing))
	}
	if st.others > 0 {
		y = swatch(b, x, y, outsideFill, "Ingår inte i indelningen")
	}
	if sum(st.counts) > 0 {
		b.Text(x, y+10, "Antal regioner inom parentes.", "font-size", "10", "fill", svg.DarkGrey)
		y += 16
	}
	return y
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

func swatch(b *svg.Builder, x, y float64, fill, label string, attrs ...string) float64 {
	b.Elem("rect", "x", svg.F(x), "y", svg.F(y), "width", "22", "height", "14", "fill", fill, "stroke", "#666666", "stroke-width", "0.6")
	b.Text(x+30, y+11, label, attrs...)
	return y + 20
}

// classLabels writes each class's range: "under 45,0", "45,0–50,0", ...,
// "50,0 eller mer"; one class without breaks is "alla värden".
func classLabels(breaks []float64, dec int) []string {
	if len(breaks) == 0 {
		return []string{"alla värden"}
	}
	f := func(v float64) string { return report.Swedish.Number(v, dec) }
	out := make([]string, 0, len(breaks)+1)
	out = append(out, "under "+f(breaks[0]))
	for i := 1; i < len(breaks); i++ {
		out = append(out, f(breaks[i-1])+"–"+f(breaks[i]))
	}
	return append(out, f(breaks[len(breaks)-1])+" eller mer")
}

func (m *Map) footer(b *svg.Builder, y, width float64) float64 {
	var lines []string
	n := int((width - 20) / (11 * 0.6))
	for _, s := range m.Notes {
		lines = append(lines, wrapText(s, n)...)
	}
	if m.Source != "" {
		lines = append(lines, wrapText("Källa: "+m.Source, n)...)
	}
	for _, l := range lines {
		y += 15
		b.Text(10, y, l, "font-size", "11", "fill", svg.DarkGrey)
	}
	return y + 8
}

func (m *Map) desc(n int, st stats) string {
	if m.Desc != "" {
		return m.Desc
	}
	what := map[string]string{"kommun": "kommuner", "lan": "län", "fa": "FA-regioner"}[string(m.Level)]
	if m.Grouping != nil {
		what = "regioner i indelningen " + m.Grouping.Name
	}
	d := fmt.Sprintf("Karta över %d %s", n, what)
	if m.Unit != "" {
		d += ", " + m.Unit
	}
	d += fmt.Sprintf(", i %d klasser från ljus (lägre) till mörk (högre).", len(st.counts))
	if st.suppressed > 0 {
		d += fmt.Sprintf(" %d undertryckta (streckade).", st.suppressed)
	}
	if st.missing > 0 {
		d += fmt.Sprintf(" %d utan uppgift (grå).", st.missing)
	}
	return d
}

func wrapText(s string, n int) []string {
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
