package html

import (
	"fmt"
	"strings"

	"lmi/report"
)

// defaultMaxRows is how many rows a Table shows unless told.
const defaultMaxRows = 200

func (t Table) render(r *renderer) error {
	tb := t.Table
	if tb == nil {
		return fmt.Errorf("table block without a table")
	}
	if err := tb.Check(); err != nil {
		return err
	}
	max := t.MaxRows
	if max <= 0 {
		max = defaultMaxRows
	}
	caption := t.Caption
	if caption == "" {
		caption = tb.Title
	}
	r.tables++
	r.write("<div class=\"table-wrap\">\n<table>\n")
	r.printf("<caption><span class=\"label\">Tabell %d.</span> %s</caption>\n<thead><tr>", r.tables, esc(caption))
	for _, c := range tb.Columns {
		r.printf("<th scope=\"col\"%s>%s</th>", numClass(c.KindOr()), esc(c.Title()))
	}
	r.write("</tr></thead>\n<tbody>\n")
	shown, total, symbols, err := r.rows(tb, max, t.Refs)
	if err != nil {
		return fmt.Errorf("table %s: %w", tb.Name, err)
	}
	r.write("</tbody>\n</table>\n")
	if total > shown {
		r.printf("<p class=\"table-note\">Tabellen visar de första %s av %s raderna.</p>\n",
			report.Swedish.Number(float64(shown), 0), report.Swedish.Number(float64(total), 0))
	}
	for _, n := range tb.Notes {
		r.printf("<p class=\"table-note\">%s</p>\n", esc(n))
	}
	if symbols {
		r.printf("<p class=\"table-note\">.. = uppgiften redovisas inte (sekretess eller för osäker); se teckenförklaringen.</p>\n")
	}
	r.write("</div>\n")
	return nil
}

// rows writes up to max rows and counts the rest; symbols tells whether a
// cell showed a symbol.
func (r *renderer) rows(tb *report.Table, max int, refs [][]string) (shown, total int64, symbols bool, err error) {
	if tb.Rows == nil {
		return 0, 0, false, nil
	}
	row := make([]report.Cell, len(tb.Columns))
	for tb.Rows.Next(row) {
		total++
		if total > int64(max) {
			continue
		}
		shown++
		r.write("<tr>")
		for i, c := range row {
			col := tb.Columns[i]
			text := report.Swedish.Cell(c, col)
			data := dataAttrs(c, col, refAt(refs, int(shown-1), i))
			switch {
			case c.State == report.Suppressed:
				symbols = true
				r.printf("<td class=\"num sym\" title=\"undertryckt\"%s>%s</td>", data, esc(text))
			case c.State != report.Value:
				r.printf("<td class=\"num sym\">%s</td>", esc(text))
			case i == 0:
				r.printf("<th scope=\"row\"%s%s>%s</th>", numClass(c.KindIn(col)), data, esc(text))
			default:
				r.printf("<td%s%s>%s</td>", numClass(c.KindIn(col)), data, esc(text))
			}
		}
		r.write("</tr>\n")
	}
	return shown, total, symbols, tb.Rows.Err()
}

func refAt(refs [][]string, row, col int) string {
	if row < len(refs) && col < len(refs[row]) {
		return refs[row][col]
	}
	return ""
}

// dataAttrs returns the data-value (full precision; ".." for a suppressed
// cell) and data-ref attributes of a cell with a reference.
func dataAttrs(c report.Cell, col report.Column, ref string) string {
	if ref == "" {
		return ""
	}
	var b strings.Builder
	switch {
	case c.State == report.Value && c.KindIn(col).Numeric():
		b.WriteString(` data-value="` + report.Machine.Full(c.Num) + `"`)
	case c.State == report.Suppressed:
		b.WriteString(` data-value=".."`)
	}
	b.WriteString(` data-ref="` + esc(ref) + `"`)
	return b.String()
}

func numClass(k report.Kind) string {
	if k.Numeric() {
		return " class=\"num\""
	}
	return ""
}
