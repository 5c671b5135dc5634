// Package html builds a self-contained HTML report: one file in Swedish
// (lang="sv") with its CSS and figures (SVG from report/chart and
// report/geo) inline, no scripts, no fonts, images or styles from the
// network, so it opens anywhere, prints well and can be archived.
//
// The content model is generic; the caller decides what a report holds. A
// Document has a title and Sections; a Section has a heading, Blocks
// (Paragraph, List, Note, Figure, Table, Symbols) and subsections. The
// document gets a table of contents of its sections, and print CSS for A4:
// margins, a page break before each main section, figures and table rows
// kept whole, table headers repeated on each page.
//
// Every text is escaped. An SVG figure is inlined as it is, so it must be
// SVG that lmi drew; Render refuses SVG with scripts, event handlers,
// external references or foreignObject.
//
// Output is deterministic: the same document gives the same bytes.
package html
