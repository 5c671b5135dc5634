package html

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"lmi/internal/atomicfile"
	"lmi/report"
)

// Document is an HTML report.
type Document struct {
	Title    string // the report's title: <title> and <h1>
	Subtitle string // shown under the title
	Byline   string // e.g. the producing organisation and date, as text
	Sections []Section
	// NoTOC leaves out the table of contents.
	NoTOC bool
}

// Section is a numbered part of the report with a heading.
type Section struct {
	Title    string
	ID       string // anchor; made from the title when empty
	Blocks   []Block
	Sections []Section // subsections, one level down (h3, h4)
}

// Block is a part of a section's content: Paragraph, List, Note, Figure,
// Table or Symbols.
type Block interface{ render(r *renderer) error }

// Paragraph is a paragraph of plain text.
type Paragraph string

// List is a bulleted list of plain texts.
type List []string

// Note is a highlighted remark, e.g. about method or data quality.
type Note string

// Figure is an inline SVG with a caption.
type Figure struct {
	SVG     []byte // from report/chart or report/geo
	Caption string // "Figur N. " is put before it
	Source  string // shown as "Källa: ..." under the caption
}

// Table is a table from the table model, rendered as an HTML table.
type Table struct {
	Table   *report.Table // its Title is the caption when Caption is empty
	Caption string        // "Tabell N. " is put before it
	// MaxRows is how many rows are shown, 200 when 0; the note under the
	// table says how many more there were.
	MaxRows int
	// Refs, when set, names the sources of the shown cells, by row and
	// column: a cell with a reference carries it as data-ref and, when it
	// is a number, the number in full precision (report.Machine) as
	// data-value (".." when suppressed), so that each number shown can be
	// checked against the row it came from.
	Refs [][]string
}

// Links is a list of links, each with a text after it.
type Links []Link

// Link is a link to a document: a relative path, an http(s) address or an
// anchor in the report. Other schemes are refused.
type Link struct {
	Text string // the link's text
	Href string
	Note string // plain text after the link
}

// Symbols is the legend of the symbols cells may show (report.Symbols).
type Symbols struct{}

// ErrUnsafeSVG is returned by Render for a figure whose SVG could run code
// or load something.
var ErrUnsafeSVG = errors.New("svg figure with script, event handler or external reference")

// Render writes the document.
func (d *Document) Render(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	r := &renderer{w: bw, ids: map[string]int{}}
	d.assignIDs(r, d.Sections)
	r.printf("<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n")
	r.printf("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
	r.printf("<meta name=\"generator\" content=\"lmi\">\n<title>%s</title>\n<style>\n%s</style>\n</head>\n<body>\n", esc(d.Title), css)
	r.printf("<header>\n<h1>%s</h1>\n", esc(d.Title))
	if d.Subtitle != "" {
		r.printf("<p class=\"subtitle\">%s</p>\n", esc(d.Subtitle))
	}
	if d.Byline != "" {
		r.printf("<p class=\"byline\">%s</p>\n", esc(d.Byline))
	}
	r.printf("</header>\n")
	if !d.NoTOC && len(d.Sections) > 0 {
		r.printf("<nav class=\"toc\" aria-labelledby=\"toc-heading\">\n<h2 id=\"toc-heading\">Innehåll</h2>\n")
		toc(r, d.Sections, "")
		r.printf("</nav>\n")
	}
	r.printf("<main>\n")
	for i, s := range d.Sections {
		if err := r.section(s, 2, fmt.Sprint(i+1)); err != nil {
			return err
		}
	}
	r.printf("</main>\n</body>\n</html>\n")
	if r.err != nil {
		return fmt.Errorf("html: %w", r.err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("html: %w", err)
	}
	return nil
}

// WriteFile writes the document to path atomically with permissions 0644.
func (d *Document) WriteFile(path string) error {
	return atomicfile.Write(path, 0o644, d.Render)
}

type renderer struct {
	w       *bufio.Writer
	err     error
	ids     map[string]int
	figures int
	tables  int
}

func (r *renderer) printf(format string, args ...any) {
	if r.err == nil {
		_, r.err = fmt.Fprintf(r.w, format, args...)
	}
}

func (r *renderer) write(s string) {
	if r.err == nil {
		_, r.err = r.w.WriteString(s)
	}
}

// assignIDs gives every section a unique id, made from its title when it
// has none.
func (d *Document) assignIDs(r *renderer, ss []Section) {
	for i := range ss {
		base := ss[i].ID
		if base == "" {
			base = slug(ss[i].Title)
		}
		r.ids[base]++
		if n := r.ids[base]; n > 1 {
			base = fmt.Sprintf("%s-%d", base, n)
		}
		ss[i].ID = base
		d.assignIDs(r, ss[i].Sections)
	}
}

func toc(r *renderer, ss []Section, prefix string) {
	r.write("<ol>\n")
	for i, s := range ss {
		num := prefix + fmt.Sprint(i+1)
		r.printf("<li><a href=\"#%s\"><span class=\"num\">%s</span> %s</a>", esc(s.ID), num, esc(s.Title))
		if len(s.Sections) > 0 {
			r.write("\n")
			toc(r, s.Sections, num+".")
		}
		r.write("</li>\n")
	}
	r.write("</ol>\n")
}

func (r *renderer) section(s Section, level int, num string) error {
	h := min(level, 6)
	r.printf("<section id=\"%s\" class=\"level%d\">\n<h%d><span class=\"num\">%s</span> %s</h%d>\n", esc(s.ID), level, h, num, esc(s.Title), h)
	for _, b := range s.Blocks {
		if b == nil {
			continue
		}
		if err := b.render(r); err != nil {
			return fmt.Errorf("section %q: %w", s.Title, err)
		}
	}
	for i, sub := range s.Sections {
		if err := r.section(sub, level+1, fmt.Sprintf("%s.%d", num, i+1)); err != nil {
			return err
		}
	}
	r.write("</section>\n")
	return nil
}

func (p Paragraph) render(r *renderer) error {
	r.printf("<p>%s</p>\n", esc(string(p)))
	return nil
}

func (l List) render(r *renderer) error {
	r.write("<ul>\n")
	for _, it := range l {
		r.printf("<li>%s</li>\n", esc(it))
	}
	r.write("</ul>\n")
	return nil
}

func (n Note) render(r *renderer) error {
	r.printf("<aside class=\"note\"><p>%s</p></aside>\n", esc(string(n)))
	return nil
}

var unsafeSVG = regexp.MustCompile(`(?i)<\s*script|<\s*foreignobject|\son[a-z]+\s*=|javascript:|(?:href|src)\s*=\s*["']\s*(?:https?:|//|data:)|@import|url\(\s*["']?\s*(?:https?:|//)`)

func (f Figure) render(r *renderer) error {
	svg := strings.TrimSpace(string(f.SVG))
	if !strings.HasPrefix(svg, "<svg") {
		return fmt.Errorf("figure %q: not an SVG document", f.Caption)
	}
	if unsafeSVG.MatchString(svg) {
		return fmt.Errorf("figure %q: %w", f.Caption, ErrUnsafeSVG)
	}
	r.figures++
	r.write("<figure>\n")
	r.write(svg)
	r.printf("\n<figcaption><span class=\"label\">Figur %d.</span> %s", r.figures, esc(f.Caption))
	if f.Source != "" {
		r.printf("<span class=\"source\">Källa: %s</span>", esc(f.Source))
	}
	r.write("</figcaption>\n</figure>\n")
	return nil
}

func (Symbols) render(r *renderer) error {
	r.write("<table class=\"symbols\">\n<caption>Teckenförklaring</caption>\n<thead><tr><th scope=\"col\">Symbol</th><th scope=\"col\">Betydelse</th></tr></thead>\n<tbody>\n")
	for _, s := range report.Symbols() {
		sym := s.Symbol
		if sym == "" {
			sym = "(tom)"
		}
		r.printf("<tr><td class=\"sym\">%s</td><td>%s</td></tr>\n", esc(sym), esc(s.Meaning))
	}
	r.write("</tbody>\n</table>\n")
	return nil
}

// ErrUnsafeLink is returned by Render for a link that is not a relative
// path, an anchor or an http(s) address.
var ErrUnsafeLink = errors.New("link is not a relative path, an anchor or an http(s) address")

var linkScheme = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)

func (l Links) render(r *renderer) error {
	r.write("<ul class=\"links\">\n")
	for _, k := range l {
		h := strings.TrimSpace(k.Href)
		if s := linkScheme.FindString(h); s != "" && !strings.EqualFold(s, "http:") && !strings.EqualFold(s, "https:") {
			return fmt.Errorf("link %q: %w", k.Href, ErrUnsafeLink)
		}
		r.printf("<li><a href=\"%s\">%s</a>", esc(h), esc(k.Text))
		if k.Note != "" {
			r.printf(" %s", esc(k.Note))
		}
		r.write("</li>\n")
	}
	r.write("</ul>\n")
	return nil
}

// esc escapes text for HTML content and double-quoted attributes, and
// drops control characters HTML does not allow.
func esc(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, c := range s {
		switch c {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&#39;")
		default:
			if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
				continue
			}
			b.WriteRune(c)
		}
	}
	return b.String()
}

// slug makes an anchor from a title: lower case ASCII letters and digits
// joined by "-", å ä to a, ö to o, é to e.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		switch c {
		case 'å', 'ä', 'à', 'á':
			c = 'a'
		case 'ö', 'ø', 'ó':
			c = 'o'
		case 'é', 'è', 'ë':
			c = 'e'
		case 'ü':
			c = 'u'
		}
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(c)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "avsnitt"
	}
	return b.String()
}
