package html

import (
	"time"

	"lmi/report"
)

// ProvenanceSection returns a section "Om rapporten" built from a
// provenance: lmi's version, the run's time, the sources with their table
// ids, files and SHA-256, the parameters and the notes, as tables, and the
// symbol legend. The same content as the workbook's "Om tabellerna" sheet.
func ProvenanceSection(p report.Provenance) Section {
	s := Section{Title: "Om rapporten"}
	made := "Rapporten är framtagen med lmi"
	if p.LMIVersion != "" {
		made += " version " + p.LMIVersion
	}
	if p.VCSRevision != "" {
		made += " (revision " + p.VCSRevision + ")"
	}
	if p.Producer != "" {
		made += " av " + p.Producer
	}
	s.Blocks = append(s.Blocks, Paragraph(made+"."))
	if !p.Created.IsZero() {
		s.Blocks = append(s.Blocks, Paragraph("Körningen gjordes "+p.Created.UTC().Format(time.DateTime[:16])+" (UTC)."))
	}
	if len(p.Sources) > 0 {
		rows := make([][]report.Cell, len(p.Sources))
		for i, src := range p.Sources {
			rows[i] = []report.Cell{report.Str(src.Name), report.Str(src.TableID), report.Str(src.File), report.Str(src.SHA256), report.Str(src.Note)}
		}
		s.Blocks = append(s.Blocks, Table{Caption: "Källor", MaxRows: len(rows), Table: &report.Table{Name: "kallor",
			Columns: []report.Column{{Key: "name", Header: "Källa"}, {Key: "table_id", Header: "Tabell-id", Kind: report.KindCode},
				{Key: "file", Header: "Fil"}, {Key: "sha256", Header: "SHA-256", Kind: report.KindCode}, {Key: "note", Header: "Anmärkning"}},
			Rows: report.SliceRows(rows)}})
	}
	if len(p.Parameters) > 0 {
		rows := make([][]report.Cell, len(p.Parameters))
		for i, pr := range p.Parameters {
			rows[i] = []report.Cell{report.Str(pr.Name), report.Str(pr.Value)}
		}
		s.Blocks = append(s.Blocks, Table{Caption: "Parametrar", MaxRows: len(rows), Table: &report.Table{Name: "parametrar",
			Columns: []report.Column{{Key: "name", Header: "Parameter"}, {Key: "value", Header: "Värde"}},
			Rows:    report.SliceRows(rows)}})
	}
	if len(p.Notes) > 0 {
		s.Blocks = append(s.Blocks, List(p.Notes))
	}
	s.Blocks = append(s.Blocks, Symbols{})
	return s
}
