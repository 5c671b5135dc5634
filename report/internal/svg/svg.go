package svg

import (
	"fmt"
	"hash/fnv"
	"math"
	"strconv"
	"strings"
)

// FontFamily is the font stack of every chart and map.
const FontFamily = "'DejaVu Sans', Verdana, Arial, Helvetica, sans-serif"

// Builder accumulates an SVG document. Its size may change while it is
// drawn (set W and H); the <svg> element is written by Bytes.
type Builder struct {
	b           strings.Builder
	id          string
	title, desc string
	W, H        float64
}

// New starts an SVG document of w x h user units (CSS pixels) with an
// accessible title and description. id prefixes every id in the document
// (title, desc, patterns) so that several SVGs can be inlined into one HTML
// page; when empty it is derived from title and desc.
func New(w, h float64, id, title, desc string) *Builder {
	if id == "" {
		id = ID(title, desc)
	}
	return &Builder{id: id, title: title, desc: desc, W: w, H: h}
}

// SetDesc replaces the accessible description, for drawings that know it
// only once drawn.
func (b *Builder) SetDesc(desc string) { b.desc = desc }

// ID returns a short id derived from the given texts: "lmi-" and eight hex
// digits of their FNV-1a hash.
func ID(parts ...string) string {
	h := fnv.New32a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return fmt.Sprintf("lmi-%08x", h.Sum32())
}

// Ref returns the document-unique id for name: the document's id, "-",
// name.
func (b *Builder) Ref(name string) string { return b.id + "-" + name }

// Raw writes s as it is; s must be valid SVG.
func (b *Builder) Raw(s string) { b.b.WriteString(s) }

// Open writes a start tag with attributes given as name, value pairs.
func (b *Builder) Open(tag string, attrs ...string) {
	b.b.WriteByte('<')
	b.b.WriteString(tag)
	b.attrs(attrs)
	b.b.WriteString(">")
}

// Close writes an end tag.
func (b *Builder) Close(tag string) {
	b.b.WriteString("</")
	b.b.WriteString(tag)
	b.b.WriteString(">\n")
}

// Elem writes an empty element.
func (b *Builder) Elem(tag string, attrs ...string) {
	b.b.WriteByte('<')
	b.b.WriteString(tag)
	b.attrs(attrs)
	b.b.WriteString("/>\n")
}

// Text writes a text element with its content escaped.
func (b *Builder) Text(x, y float64, s string, attrs ...string) {
	b.b.WriteString(`<text x="`)
	b.b.WriteString(F(x))
	b.b.WriteString(`" y="`)
	b.b.WriteString(F(y))
	b.b.WriteByte('"')
	b.attrs(attrs)
	b.b.WriteByte('>')
	b.b.WriteString(Esc(s))
	b.b.WriteString("</text>\n")
}

// Title writes a <title> child (a tooltip when hovering the parent).
func (b *Builder) Title(s string) {
	b.b.WriteString("<title>")
	b.b.WriteString(Esc(s))
	b.b.WriteString("</title>")
}

func (b *Builder) attrs(attrs []string) {
	for i := 0; i+1 < len(attrs); i += 2 {
		if attrs[i+1] == "" {
			continue
		}
		b.b.WriteByte(' ')
		b.b.WriteString(attrs[i])
		b.b.WriteString(`="`)
		b.b.WriteString(Esc(attrs[i+1]))
		b.b.WriteByte('"')
	}
}

// Bytes returns the document.
func (b *Builder) Bytes() []byte {
	var out strings.Builder
	out.Grow(b.b.Len() + 512)
	fmt.Fprintf(&out, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" width="%s" height="%s" role="img" aria-labelledby="%s-title %s-desc" font-family="%s" font-size="12">`,
		F(b.W), F(b.H), F(b.W), F(b.H), Esc(b.id), Esc(b.id), Esc(FontFamily))
	fmt.Fprintf(&out, "\n<title id=\"%s-title\">%s</title>\n<desc id=\"%s-desc\">%s</desc>\n", Esc(b.id), Esc(b.title), Esc(b.id), Esc(b.desc))
	out.WriteString(b.b.String())
	out.WriteString("</svg>\n")
	return []byte(out.String())
}

// Esc escapes s for text content and double-quoted attributes, and drops
// characters XML does not allow.
func Esc(s string) string {
	var sb strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			sb.WriteString("&amp;")
		case '<':
			sb.WriteString("&lt;")
		case '>':
			sb.WriteString("&gt;")
		case '"':
			sb.WriteString("&quot;")
		case '\'':
			sb.WriteString("&#39;")
		default:
			if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
				continue
			}
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// F writes a coordinate with at most two decimals and no trailing zeros:
// 12.5, 3, -0.25. NaN and infinities give 0.
func F(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "0"
	}
	v = math.Round(v*100) / 100
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// TextWidth estimates the width of s in user units at font size size: an
// average advance of 0.6 em per character, enough to lay out labels.
func TextWidth(s string, size float64) float64 {
	return float64(len([]rune(s))) * size * 0.6
}
