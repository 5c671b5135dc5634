package chart

import (
	"fmt"
	"strconv"

	"lmi/report"
	"lmi/report/internal/svg"
)

// ClassNames are the Swedish words for the five shortage classes, 1 to 5.
// They are Arbetsförmedlingen's words in its bristindex and yrkesprognos
// files (klartext 1-5), which the analysts' readers know; lmi's own classes
// (brist_klass, the forecast's class) use the same scale.
var ClassNames = [5]string{
	"Mer påtagligt överskott",
	"Visst överskott",
	"Balans",
	"Viss brist",
	"Mer påtaglig brist",
}

// classStyle is how a class is drawn: a colour from Okabe and Ito's
// palette running from blue (surplus) to vermillion (shortage), the text
// colour on it, and a symbol so the class reads without colour: two or one
// triangles down for surplus, a bar for balance, one or two up for
// shortage.
var classStyle = [5]struct{ fill, text, symbol string }{
	{svg.Blue, "#FFFFFF", "vv"},
	{svg.SkyBlue, "#000000", "v"},
	{svg.Yellow, "#000000", "="},
	{svg.Orange, "#000000", "^"},
	{svg.Vermillion, "#FFFFFF", "^^"},
}

// ShortageItem is one occupation of a shortage list.
type ShortageItem struct {
	Code   string // SSYK code, shown before the name
	Name   string // the occupation
	Class  int    // 1-5; 0 when suppressed or unknown, shown as ".."
	Detail string // shown at the right, e.g. "Sannolikhet för brist 92 %"
	// Ref, when set, is the class's source (see Bar.Ref), written on its
	// badge.
	Ref string
}

// Shortage is a traffic-light list of occupations, drawn in the order
// given (lmi's shortage_list is ranked already).
type Shortage struct {
	Common
	Items []ShortageItem
	// Names overrides ClassNames when a word is set.
	Names [5]string
}

const shortageRow = 26.0

// SVG draws the list.
func (c *Shortage) SVG() ([]byte, error) {
	if len(c.Items) == 0 {
		return nil, fmt.Errorf("shortage list %q: %w", c.Title, ErrNoData)
	}
	for _, it := range c.Items {
		if it.Class < 0 || it.Class > 5 {
			return nil, fmt.Errorf("shortage list %q: %s %s: class %d, want 1-5 (0 for unknown)", c.Title, it.Code, it.Name, it.Class)
		}
	}
	width := c.width(720)
	b := svg.New(width, 0, c.ID, c.Title, c.desc())
	y := header(b, c.Title, width)
	y = c.legend(b, y, width)
	b.Elem("line", "x1", "10", "y1", svg.F(y), "x2", svg.F(width-10), "y2", svg.F(y), "stroke", svg.DarkGrey)
	unknown := false
	detailW := 0.0
	for _, it := range c.Items {
		if it.Detail != "" {
			detailW = max(detailW, svg.TextWidth(it.Detail, 11)+16)
		}
	}
	for i, it := range c.Items {
		c.row(b, it, y+float64(i)*shortageRow, width, detailW, i%2 == 1)
		unknown = unknown || it.Class == 0
	}
	y += float64(len(c.Items))*shortageRow + 6
	var extra []string
	if unknown {
		extra = append(extra, "..: klassen redovisas inte (undertryckt eller okänd).")
	}
	footer(b, c.Common, extra, y, width)
	b.H = y + footerHeight(c.Common, extra, width)
	return b.Bytes(), nil
}

func (c *Shortage) name(class int) string {
	if c.Names[class-1] != "" {
		return c.Names[class-1]
	}
	return ClassNames[class-1]
}

// legend writes the five classes, strongest shortage first, and returns
// the y below.
func (c *Shortage) legend(b *svg.Builder, y, width float64) float64 {
	x := 10.0
	y += 4
	for class := 5; class >= 1; class-- {
		label := c.name(class)
		w := 44 + svg.TextWidth(label, 11) + 14
		if x > 10 && x+w > width-10 {
			x, y = 10, y+22
		}
		badge(b, class, x+9, y+9)
		symbol(b, class, x+22, y+9)
		b.Text(x+42, y+13, label, "font-size", "11")
		x += w
	}
	return y + 28
}

// badge draws a class's coloured circle with its number and symbol beside
// it at cx, cy.
func badge(b *svg.Builder, class int, cx, cy float64, data ...string) {
	if class == 0 {
		b.Elem("circle", "cx", svg.F(cx), "cy", svg.F(cy), "r", "9", "fill", "#FFFFFF", "stroke", svg.DarkGrey)
		b.Text(cx, cy+4, "..", append([]string{"text-anchor", "middle", "font-weight", "bold"}, data...)...)
		return
	}
	st := classStyle[class-1]
	b.Elem("circle", "cx", svg.F(cx), "cy", svg.F(cy), "r", "9", "fill", st.fill, "stroke", svg.Black, "stroke-width", "0.8")
	b.Text(cx, cy+4, strconv.Itoa(class), append([]string{"text-anchor", "middle", "font-weight", "bold", "fill", st.text}, data...)...)
}

// classCell is a class as a value: 0 is suppressed or unknown.
func classCell(class int) report.Cell {
	if class == 0 {
		return report.Mark(report.Suppressed)
	}
	return report.Num(float64(class))
}

// symbol draws a class's symbol at x, cy: triangles for surplus and
// shortage, a bar for balance.
func symbol(b *svg.Builder, class int, x, cy float64) {
	if class == 0 {
		return
	}
	tri := func(x float64, up bool) {
		d := fmt.Sprintf("M%s %sL%s %sL%s %sZ", svg.F(x), svg.F(cy+4), svg.F(x+8), svg.F(cy+4), svg.F(x+4), svg.F(cy-4))
		if !up {
			d = fmt.Sprintf("M%s %sL%s %sL%s %sZ", svg.F(x), svg.F(cy-4), svg.F(x+8), svg.F(cy-4), svg.F(x+4), svg.F(cy+4))
		}
		b.Elem("path", "d", d, "fill", svg.Black)
	}
	switch classStyle[class-1].symbol {
	case "vv":
		tri(x, false)
		tri(x+10, false)
	case "v":
		tri(x, false)
	case "=":
		b.Elem("rect", "x", svg.F(x), "y", svg.F(cy-1.5), "width", "8", "height", "3", "fill", svg.Black)
	case "^":
		tri(x, true)
	case "^^":
		tri(x, true)
		tri(x+10, true)
	}
}

// row draws one occupation; detailW is the room of the detail column.
func (c *Shortage) row(b *svg.Builder, it ShortageItem, y, width, detailW float64, shade bool) {
	word := ".."
	if it.Class > 0 {
		word = c.name(it.Class)
	}
	b.Open("g")
	b.Title(fmt.Sprintf("%s %s: %s", it.Code, it.Name, word))
	if shade {
		b.Elem("rect", "x", "10", "y", svg.F(y), "width", svg.F(width-20), "height", svg.F(shortageRow), "fill", "#F2F2F2")
	}
	cy := y + shortageRow/2
	badge(b, it.Class, 24, cy, dataAttrs(it.Ref, classCell(it.Class))...)
	symbol(b, it.Class, 38, cy)
	nameX := 62.0
	label := it.Name
	if it.Code != "" {
		label = it.Code + " " + it.Name
	}
	wordX := width - 10 - svg.TextWidth("Mer påtagligt överskott", 12) - 8 - detailW
	if maxChars := int((wordX - nameX - 8) / (12 * 0.6)); len([]rune(label)) > maxChars && maxChars > 3 {
		label = string([]rune(label)[:maxChars-1]) + "…"
	}
	b.Text(nameX, cy+4, label)
	b.Text(wordX, cy+4, word)
	if it.Detail != "" {
		b.Text(width-14, cy+4, it.Detail, "text-anchor", "end", "font-size", "11", "fill", svg.DarkGrey)
	}
	b.Close("g")
}

func (c *Shortage) desc() string {
	if c.Desc != "" {
		return c.Desc
	}
	counts := [6]int{}
	for _, it := range c.Items {
		counts[it.Class]++
	}
	d := fmt.Sprintf("Lista över %d yrken i fem klasser från överskott till brist.", len(c.Items))
	for class := 5; class >= 1; class-- {
		if counts[class] > 0 {
			d += fmt.Sprintf(" %s: %d.", c.name(class), counts[class])
		}
	}
	return d
}
