package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"lmi/ingest/pxweb"
	"lmi/report"
	"lmi/report/publish"
	"lmi/report/results"
)

// ReportFamily is the family of the workbook and the report in a
// manifest's reports.
const ReportFamily = "report"

// writeReport writes the run's workbook and report (report/publish) from
// its output files into the run folder and records both in the
// manifest's reports. Everything they show comes from the outputs and the
// manifest, with no time stamp, so a re-run writes the same bytes. A
// region level too large for a sheet is left out of the workbook (both
// say so) rather than failing the run after everything is computed.
func (b *builder) writeReport(ctx context.Context) error {
	start := time.Now()
	p := &b.spec.params
	in := publish.Input{Dirs: []string{filepath.Join(b.runDir, b.spec.OutDir)}, Provenance: b.provenance(),
		Levels: p.Levels, Groupings: p.Groupings, OutDir: b.runDir, LeaveOutOversized: true}
	in.Indicators, in.Families = results.Metadata(p.Catalog, p.Own...)
	files, err := results.Publish(ctx, b.db.SQL(), in)
	if err != nil {
		return fmt.Errorf("write the workbook and report: %w", err)
	}
	b.timing("write workbook and report", start)
	var rows int64
	for _, s := range files.Sheets {
		rows += int64(s.Rows)
	}
	for _, f := range []struct {
		path string
		rows int64
	}{{files.Workbook, rows}, {files.Report, 0}} {
		sum, size, err := hashFile(f.path)
		if err != nil {
			return fmt.Errorf("output %s: %w", f.path, err)
		}
		b.m.Reports = append(b.m.Reports, OutputRecord{Path: relPath(b.runDir, f.path), Family: ReportFamily,
			Format: formatOf(f.path), SHA256: sum, Size: size, Rows: f.rows})
	}
	return nil
}

// provenance is what the workbook's "Om tabellerna" and the report's last
// section say about the run: its inputs by file name and SHA-256, its
// parameters and the lmi that made it (for a verify, the lmi the
// manifest records, so that the re-run's report can be the same bytes).
func (b *builder) provenance() report.Provenance {
	m := b.m
	sw := m.Software
	if b.software != nil {
		sw = *b.software
	}
	pr := report.Provenance{Title: m.Name, LMIVersion: sw.LMIVersion}
	if sw.VCSRevision != "unknown" {
		pr.VCSRevision = sw.VCSRevision
	}
	for _, in := range m.Inputs {
		src := report.Source{Name: in.Table, File: filepath.Base(filepath.FromSlash(in.Path)), SHA256: in.SHA256,
			Note: fmt.Sprintf("%d rader inlästa, %d avvisade", in.RowsLoaded, in.RowsRejected)}
		if q := in.PXWeb; q != nil {
			title, updated := b.fetchedAbout(in)
			src.TableID, src.Name = q.Table, title
			src.Note += ", senast uppdaterad " + updated
		}
		pr.Sources = append(pr.Sources, src)
	}
	pr.Parameters = b.parameterList()
	return pr
}

// parameterList names the run's choices in Swedish for the provenance.
func (b *builder) parameterList() []report.Param {
	mp := b.m.Parameters
	basis := map[string]string{"home": "bor", "workplace": "arbetar"}[mp.Basis]
	ps := []report.Param{param("Körning", b.m.Name), param("Regionala nivåer", strings.Join(mp.Levels, ", ")),
		param("Räknas där personerna", basis), param("Dimensioner", strings.Join(mp.By, ", ")),
		param("Ålder", fmt.Sprintf("%d-%d år", mp.AgeMin, mp.AgeMax)), param("k (minsta antal i en cell)", strconv.Itoa(mp.K))}
	for _, g := range mp.Groupings {
		ps = append(ps, param("Egen indelning "+g.Name, filepath.Base(filepath.FromSlash(g.Path))+" (SHA-256 "+g.SHA256+")"))
	}
	switch k := mp.MatchKey; k.Kind {
	case "statistical":
		ps = append(ps, param("Matchningsnyckel", fmt.Sprintf("statistisk, tröskel %g, basår %d", k.Threshold, k.BaseYear)))
	case "file":
		ps = append(ps, param("Matchningsnyckel", filepath.Base(filepath.FromSlash(k.MapFile))+" (SHA-256 "+k.MapFileSHA256+")"))
	}
	if f := mp.Forecast; f != nil {
		ps = append(ps, param("Prognos", fmt.Sprintf("från %d, %d år framåt, nivåer %s", f.Origin, f.Horizon, strings.Join(f.Levels, ", "))))
	}
	return ps
}

// param is one parameter of the provenance.
func param(name, value string) report.Param { return report.Param{Name: name, Value: value} }

// fetchedAbout is a query input's table title and the source's
// last-updated stamp: as fetched, or for a copy re-loaded without
// fetching (a verify's re-run) from the sidecar the fetch wrote beside it.
func (b *builder) fetchedAbout(in InputRecord) (title, updated string) {
	if q := in.PXWeb; q.Title != "" || q.Updated != "" {
		return q.Title, q.Updated
	}
	raw, err := os.ReadFile(resolve(b.runDir, in.Path) + ".meta.json")
	if err != nil {
		return "", ""
	}
	var prov pxweb.Provenance
	if json.Unmarshal(raw, &prov) != nil {
		return "", ""
	}
	return prov.Title, prov.Updated
}
