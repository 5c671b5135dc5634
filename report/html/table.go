package html

import (
	"fmt"

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
	shown, total, symbols, err := r.rows(tb, max)
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
func (r *renderer) rows(tb *report.Table, max int) (shown, total int64, symbols bool, err error) {
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
			switch {
			case c.State == report.Suppressed:
				symbols = true
				r.printf("<td class=\"num sym\" title=\"undertryckt\">%s</td>", esc(text))
			case c.State != report.Value:
				r.printf("<td class=\"num sym\">%s</td>", esc(text))
			case i == 0:
				r.printf("<th scope=\"row\"%s>%s</th>", numClass(c.KindIn(col)), esc(text))
			default:
				r.printf("<td%s>%s</td>", numClass(c.KindIn(col)), esc(text))
			}
		}
		r.write("</tr>\n")
	}
	return shown, total, symbols, tb.Rows.Err()
}

func numClass(k report.Kind) string {
	if k.Numeric() {
		return " class=\"num\""
	}
	return ""
}
