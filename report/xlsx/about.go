package xlsx

import (
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"

	"lmi/report"
)

// defaultTime is the document time when the provenance has none.
var defaultTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// line is one row of a fixed sheet: its cells and the style of the row.
type line struct {
	style string // "", "title", "section", "header"
	cells []interface{}
}

// finish fills the fixed sheets and the document properties.
func (w *Workbook) finish() error {
	if err := w.shareStrings(); err != nil {
		return err
	}
	if err := w.fill(AboutSheet, w.aboutLines(), []float64{34, 40, 30, 66, 40}); err != nil {
		return err
	}
	if err := w.fill(SymbolsSheet, symbolLines(), []float64{16, 100}); err != nil {
		return err
	}
	p := w.opt.Provenance
	at := p.Created
	if at.IsZero() {
		at = defaultTime
	}
	stamp := at.UTC().Format(time.RFC3339)
	title := p.Title
	if title == "" {
		title = "Tabeller från lmi"
	}
	if err := w.f.SetDocProps(&excelize.DocProperties{
		Title: title, Creator: creator(p), LastModifiedBy: creator(p), Created: stamp, Modified: stamp,
		Language: "sv-SE", Description: "Tabeller framtagna med lmi", Version: p.LMIVersion,
	}); err != nil {
		return fmt.Errorf("xlsx: document properties: %w", err)
	}
	if w.first != "" {
		idx, err := w.f.GetSheetIndex(w.first)
		if err == nil && idx >= 0 {
			w.f.SetActiveSheet(idx)
		}
	}
	return nil
}

// shareStrings puts the tables' texts into excelize's shared string table,
// which excelize writes: the table is empty until now (nothing but the
// tables' sheets, written by this package, has texts yet), and excelize
// numbers texts in the order they first come, so each gets the index its
// cells already refer to. They are set, one after another, in a cell of
// "Om tabellerna" that is filled afterwards.
func (w *Workbook) shareStrings() error {
	for _, s := range w.sst.list {
		if err := w.f.SetCellStr(AboutSheet, "A1", s); err != nil {
			return fmt.Errorf("xlsx: shared strings: %w", err)
		}
	}
	return nil
}

func creator(p report.Provenance) string {
	if p.Producer != "" {
		return p.Producer
	}
	return "lmi"
}

func (w *Workbook) fill(sheet string, lines []line, widths []float64) error {
	for i, wd := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := w.f.SetColWidth(sheet, col, col, wd); err != nil {
			return fmt.Errorf("xlsx: %s: %w", sheet, err)
		}
	}
	for r, l := range lines {
		if len(l.cells) == 0 {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := w.f.SetSheetRow(sheet, cell, &l.cells); err != nil {
			return fmt.Errorf("xlsx: %s: %w", sheet, err)
		}
		key := styleKey{fixed: l.style}
		if l.style == "" {
			key.fixed = "wrap"
		}
		id, err := w.style(key)
		if err != nil {
			return err
		}
		end, _ := excelize.CoordinatesToCellName(len(l.cells), r+1)
		if err := w.f.SetCellStyle(sheet, cell, end, id); err != nil {
			return fmt.Errorf("xlsx: %s: %w", sheet, err)
		}
	}
	return nil
}

func cells(v ...interface{}) []interface{} { return v }

// aboutLines is the content of "Om tabellerna".
func (w *Workbook) aboutLines() []line {
	p := w.opt.Provenance
	title := p.Title
	if title == "" {
		title = "Tabeller från lmi"
	}
	ls := []line{{"title", cells(title)}, {}}
	made := "Framtagen med lmi"
	if p.LMIVersion != "" {
		made += " version " + p.LMIVersion
	}
	if p.VCSRevision != "" {
		made += " (revision " + p.VCSRevision + ")"
	}
	if p.Producer != "" {
		made += " av " + p.Producer
	}
	ls = append(ls, line{"", cells(made + ".")})
	if !p.Created.IsZero() {
		ls = append(ls, line{"", cells("Körningen gjordes " + p.Created.UTC().Format("2006-01-02 15:04") + " (UTC).")})
	}
	ls = append(ls, line{"", cells("Symbolerna i tabellerna förklaras på bladet " + SymbolsSheet + ".")}, line{},
		line{"section", cells("Tabeller")}, line{"header", cells("Blad", "Tabell", "Rader")})
	for _, ti := range w.tables {
		name := ti.table.Title
		if name == "" {
			name = ti.table.Name
		}
		for _, s := range ti.sheets {
			ls = append(ls, line{"", cells(s.Name, name, s.Rows)})
		}
		for _, n := range ti.table.Notes {
			ls = append(ls, line{"", cells("", "Anm.: "+n)})
		}
	}
	if len(p.Sources) > 0 {
		ls = append(ls, line{}, line{"section", cells("Källor")},
			line{"header", cells("Källa", "Tabell-id", "Fil", "SHA-256", "Anmärkning")})
		for _, s := range p.Sources {
			ls = append(ls, line{"", cells(s.Name, s.TableID, s.File, s.SHA256, s.Note)})
		}
	}
	if len(p.Parameters) > 0 {
		ls = append(ls, line{}, line{"section", cells("Parametrar")}, line{"header", cells("Parameter", "Värde")})
		for _, pr := range p.Parameters {
			ls = append(ls, line{"", cells(pr.Name, pr.Value)})
		}
	}
	if len(p.Notes) > 0 {
		ls = append(ls, line{}, line{"section", cells("Anmärkningar")})
		for _, n := range p.Notes {
			ls = append(ls, line{"", cells(n)})
		}
	}
	return ls
}

// symbolLines is the content of "Teckenförklaring".
func symbolLines() []line {
	ls := []line{{"title", cells("Teckenförklaring")}, {}, {"header", cells("Symbol", "Betydelse")}}
	for _, s := range report.Symbols() {
		sym := s.Symbol
		if sym == "" {
			sym = "(tom)"
		}
		ls = append(ls, line{"", cells(sym, s.Meaning)})
	}
	ls = append(ls, line{}, line{"section", cells("Avrundning")},
		line{"", cells("", "Cellerna har full precision; talformatet avrundar det som visas. Summor av avrundade tal kan därför skilja sig från den visade summan.")},
		line{"header", cells("Enhet", "Decimaler som visas")})
	for _, k := range []report.Kind{report.KindCount, report.KindPercent, report.KindPercentagePoints,
		report.KindShare, report.KindRatio, report.KindLogRatio, report.KindIndex, report.KindClass,
		report.KindEstimate, report.KindStdErr} {
		desc := fmt.Sprintf("%d", k.Decimals())
		switch k {
		case report.KindPercent:
			desc += " (procent, 0-100)"
		case report.KindShare:
			desc += " (andel, 0-1)"
		}
		ls = append(ls, line{"", cells(k.Unit(), desc)})
	}
	return ls
}
