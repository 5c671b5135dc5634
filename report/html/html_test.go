package html

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"lmi/report"
)

func table(n int) *report.Table {
	rows := make([][]report.Cell, n)
	for i := range rows {
		rows[i] = []report.Cell{report.Str("Län <" + string(rune('A'+i%26)) + ">"), report.Num(55.04 + float64(i)), report.Num(1234 + float64(i))}
	}
	rows[0][1] = report.Mark(report.Suppressed)
	return &report.Table{Name: "t", Title: "Matchningsgrad & antal",
		Columns: []report.Column{{Key: "region", Header: "Region"}, {Key: "value", Header: "Procent", Kind: report.KindPercent},
			{Key: "n", Header: "Antal", Kind: report.KindCount}},
		Rows: report.SliceRows(rows), Notes: []string{"Anm. <1>"}}
}

const okSVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" role="img"><title>t</title><rect width="10" height="10" fill="url(#p)"/></svg>`

func doc() *Document {
	return &Document{
		Title: "Arbetsmarknaden i <Region>", Subtitle: "Matchning & brist", Byline: "lmi, mars 2025",
		Sections: []Section{
			{Title: "Sammanfattning", Blocks: []Block{Paragraph("Text med <b>taggar</b> & \"citat\"."), List{"ett", "två"}, Note("Obs!")}},
			{Title: "Matchning", Blocks: []Block{Figure{SVG: []byte(okSVG), Caption: "Staplar", Source: "SCB"}, Table{Table: table(3)}},
				Sections: []Section{{Title: "Län", Blocks: []Block{Symbols{}}}, {Title: "Matchning"}}},
			{Title: "Matchning"},
		},
	}
}

func render(t *testing.T, d *Document) string {
	t.Helper()
	var b bytes.Buffer
	if err := d.Render(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestRender(t *testing.T) {
	s := render(t, doc())
	for _, want := range []string{
		"<!DOCTYPE html>\n<html lang=\"sv\">", "<title>Arbetsmarknaden i &lt;Region&gt;</title>",
		"<p>Text med &lt;b&gt;taggar&lt;/b&gt; &amp; &quot;citat&quot;.</p>",
		`<a href="#sammanfattning"><span class="num">1</span> Sammanfattning</a>`,
		`<a href="#lan"><span class="num">2.1</span> Län</a>`,
		`<section id="matchning-2" class="level3">`, `<section id="matchning-3" class="level2">`,
		`<h3><span class="num">2.1</span> Län</h3>`,
		"<figure>\n<svg", `<span class="label">Figur 1.</span> Staplar<span class="source">Källa: SCB</span>`,
		`<span class="label">Tabell 1.</span> Matchningsgrad &amp; antal`,
		`<th scope="row">Län &lt;A&gt;</th><td class="num sym" title="undertryckt">..</td><td class="num">1` + "\u00a0" + `234</td>`,
		`<td class="num">56,0</td>`, "Anm. &lt;1&gt;", ".. = uppgiften redovisas inte",
		`<td class="sym">..</td><td>Uppgiften redovisas inte`, "break-inside: avoid", "break-before: page", "@page { size: A4;",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("no %q", want)
		}
	}
	for _, bad := range []string{"<script", "http://", "https://", "<link", "@import"} {
		if strings.Contains(strings.ReplaceAll(s, "http://www.w3.org/2000/svg", ""), bad) {
			t.Errorf("output has %q", bad)
		}
	}
	if s != render(t, doc()) {
		t.Error("not deterministic")
	}
}

func TestTableLimit(t *testing.T) {
	d := &Document{Title: "x", NoTOC: true, Sections: []Section{{Title: "T", Blocks: []Block{Table{Table: table(30), MaxRows: 10}}}}}
	s := render(t, d)
	if n := strings.Count(s, "<tr><th scope=\"row\">"); n != 10 {
		t.Errorf("%d rows shown, want 10", n)
	}
	if !strings.Contains(s, "Tabellen visar de första 10 av 30 raderna.") || strings.Contains(s, "Innehåll") {
		t.Error("limit note or NoTOC")
	}
}

func TestUnsafeSVG(t *testing.T) {
	for _, svg := range []string{
		`<svg><script>alert(1)</script></svg>`, `<svg onload="x()"></svg>`, `<svg><a href="javascript:x()"/></svg>`,
		`<svg><image href="https://example.org/x.png"/></svg>`, `<svg><foreignObject/></svg>`,
		`<svg><style>@import url(x.css)</style></svg>`, `<svg><rect fill="url( 'https://x/y#p')"/></svg>`,
	} {
		d := &Document{Title: "x", Sections: []Section{{Title: "a", Blocks: []Block{Figure{SVG: []byte(svg)}}}}}
		if err := d.Render(&bytes.Buffer{}); !errors.Is(err, ErrUnsafeSVG) {
			t.Errorf("%s: %v", svg, err)
		}
	}
	d := &Document{Title: "x", Sections: []Section{{Title: "a", Blocks: []Block{Figure{SVG: []byte("<p>no</p>")}}}}}
	if err := d.Render(&bytes.Buffer{}); err == nil {
		t.Error("non-SVG figure accepted")
	}
}

func TestWriteFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "r.html")
	if err := doc().WriteFile(p); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	if !bytes.HasPrefix(b, []byte("<!DOCTYPE html>")) {
		t.Error("file")
	}
}

func TestSlugEsc(t *testing.T) {
	for in, want := range map[string]string{"Överutbildning i Västra Götaland": "overutbildning-i-vastra-gotaland", "  ": "avsnitt", "1. Om data!": "1-om-data"} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
	if got := esc("a\x00b\x1bc'"); got != "abc&#39;" {
		t.Errorf("esc %q", got)
	}
}

func TestProvenanceSection(t *testing.T) {
	p := report.Provenance{LMIVersion: "v1.2.3", Producer: "Region Exempel", Created: time.Date(2025, 3, 1, 12, 30, 0, 0, time.UTC),
		Sources:    []report.Source{{Name: "SCB <AM>", TableID: "AM9906", File: "am.px", SHA256: "abc123"}},
		Parameters: []report.Param{{Name: "k", Value: "5"}}, Notes: []string{"Syntetiska data."}}
	s := render(t, &Document{Title: "x", Sections: []Section{ProvenanceSection(p)}})
	for _, want := range []string{"lmi version v1.2.3 av Region Exempel.", "Körningen gjordes 2025-03-01 12:30 (UTC).",
		"<th scope=\"row\">SCB &lt;AM&gt;</th><td>AM9906</td><td>am.px</td><td>abc123</td>", "Parametrar", "<li>Syntetiska data.</li>", "Teckenförklaring"} {
		if !strings.Contains(s, want) {
			t.Errorf("no %q", want)
		}
	}
}

func TestRefsAndLinks(t *testing.T) {
	tb := &report.Table{Name: "t", Columns: []report.Column{{Key: "region", Header: "Region"}, {Key: "v", Header: "Värde", Kind: report.KindPercent}},
		Rows: report.SliceRows([][]report.Cell{{report.Str("Uppsala län"), report.Num(58.25)}, {report.Str("Gotlands län"), report.Mark(report.Suppressed)}, {report.Str("Utan"), report.Num(1)}})}
	d := &Document{Title: "Refs", Sections: []Section{{Title: "A", Blocks: []Block{
		Table{Table: tb, Refs: [][]string{{"", "m.csv:2:value"}, {"", "m.csv:3:value"}}},
		Links{{Text: "Indikatorreferensen", Href: "docs/indicators.md#matching", Note: "(METHODS avsnitt 2)"}},
	}}}}
	var b bytes.Buffer
	if err := d.Render(&b); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	for _, want := range []string{`<td class="num" data-value="58.25" data-ref="m.csv:2:value">58,3</td>`,
		`<td class="num sym" title="undertryckt" data-value=".." data-ref="m.csv:3:value">..</td>`, `<td class="num">1,0</td>`,
		`<li><a href="docs/indicators.md#matching">Indikatorreferensen</a> (METHODS avsnitt 2)</li>`} {
		if !strings.Contains(s, want) {
			t.Errorf("no %s in\n%s", want, s)
		}
	}
	for _, bad := range []string{"javascript:alert(1)", "data:text/html,x", "file:///etc/passwd"} {
		d := &Document{Title: "x", Sections: []Section{{Title: "A", Blocks: []Block{Links{{Text: "x", Href: bad}}}}}}
		if err := d.Render(io.Discard); !errors.Is(err, ErrUnsafeLink) {
			t.Errorf("link %s: %v", bad, err)
		}
	}
}
