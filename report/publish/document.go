package publish

import (
	"fmt"
	"slices"
	"strings"

	"lmi/codes"
	"lmi/report"
	"lmi/report/html"
)

// doc builds the HTML report from what the passes over the files kept.
type doc struct {
	in        Input
	fams      []*family
	tots      map[*family]*totals
	fd        *forecastData // nil without forecast.csv
	agrSum    *flat         // nil without agreement_summary.csv
	agrRows   *flat         // nil without agreement.csv
	differ    []agreeRow
	levels    []string // the levels to map, the first the report's own
	groupings map[string]*codes.Grouping
	focus     string // the region in focus at the first level, "" for none
	notes     []string
	sheets    map[string][]string // the workbook's sheets of each family
}

// sheetsOf names a family's sheets in the workbook: "bladet Matchning", or
// "bladen Matchning lan och Matchning riket" when it was split.
func (d *doc) sheetsOf(f *family) string {
	names := d.sheets[f.name]
	switch len(names) {
	case 0:
		return "bladet " + sheetName(f.name)
	case 1:
		return "bladet " + names[0]
	}
	return "bladen " + strings.Join(names[:len(names)-1], ", ") + " och " + names[len(names)-1]
}

// primary is the level of the report's tables, charts and bars.
func (d *doc) primary() string {
	if len(d.levels) == 0 {
		return ""
	}
	return d.levels[0]
}

func (d *doc) note(s string) { d.notes = append(d.notes, s) }

// document makes the report.
func (d *doc) document() (*html.Document, error) {
	title := d.in.Provenance.Title
	if title == "" {
		title = "Regional arbetsmarknad"
	}
	doc := &html.Document{Title: title, Subtitle: "Indikatorer, prognos och bristyrken från lmi", Byline: byline(d.in)}
	first, err := d.summary()
	if err != nil {
		return nil, err
	}
	doc.Sections = append(doc.Sections, first)
	for _, f := range d.fams {
		s, err := d.familySection(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.file, err)
		}
		doc.Sections = append(doc.Sections, s)
	}
	if d.fd != nil {
		s, err := d.forecastSection()
		if err != nil {
			return nil, err
		}
		doc.Sections = append(doc.Sections, s)
		if s, ok, err := d.shortageSection(); err != nil {
			return nil, err
		} else if ok {
			doc.Sections = append(doc.Sections, s)
		}
	}
	if d.agrSum != nil || d.agrRows != nil {
		s, err := d.agreementSection()
		if err != nil {
			return nil, err
		}
		doc.Sections = append(doc.Sections, s)
	}
	doc.Sections = append(doc.Sections, d.methodSection(), html.ProvenanceSection(d.provenance()))
	return doc, nil
}

func (d *doc) provenance() report.Provenance {
	p := d.in.Provenance
	p.Created = d.in.Created
	return p
}

func byline(in Input) string {
	parts := []string{}
	if in.Provenance.Producer != "" {
		parts = append(parts, in.Provenance.Producer)
	}
	s := "Framtagen med lmi"
	if in.Provenance.LMIVersion != "" {
		s += " " + in.Provenance.LMIVersion
	}
	parts = append(parts, s)
	if !in.Created.IsZero() {
		parts = append(parts, in.Created.UTC().Format("2006-01-02"))
	}
	return strings.Join(parts, " · ")
}

// regionName is a region's name at a level as the files name it.
func (d *doc) regionName(t *totals, level, region string) string {
	if n := t.names[level][region]; n != "" {
		return n
	}
	return region
}

// summary is the first page: each family's headline per region against
// riket, what could not be shown, and the focus region's first shortage
// occupations.
func (d *doc) summary() (html.Section, error) {
	s := html.Section{Title: "Sammanfattning", ID: "sammanfattning"}
	s.Blocks = append(s.Blocks, html.Paragraph("Nyckeltalen är rader där alla dimensioner är totaler (TOT), i senaste period, per region och för riket. "+
		"Varje tal i rapporten är ett tal ur lmi:s utdatafiler, avrundat för visning; alla celler finns i arbetsboken och i CSV-filerna."))
	cols, missing := d.headlineCols()
	s.Blocks = append(s.Blocks, d.headlineTables(cols)...)
	if len(missing) > 0 {
		s.Blocks = append(s.Blocks, html.Paragraph("Nyckeltal som utdata inte har:"), html.List(missing))
	}
	if d.fd != nil && len(d.fd.top) > 0 {
		fig, err := d.shortageFigure(d.fd.top[:min(len(d.fd.top), shortageFirst)], "first")
		if err != nil {
			return s, err
		}
		s.Blocks = append(s.Blocks, fig)
	} else if d.fd == nil {
		s.Blocks = append(s.Blocks, html.Note("Utdata har ingen prognos ("+ForecastFile+"): rapporten visar inga bristyrken."))
	}
	return s, nil
}

// headCol is one family's headline in the first page's tables.
type headCol struct {
	f      *family
	t      *totals
	in     *indInfo
	period string
}

// headlineCols are the families' headlines with a value at the first
// level; missing says which families' files have no totals or no riket.
func (d *doc) headlineCols() (cols []headCol, missing []string) {
	level := d.primary()
	for _, f := range d.fams {
		t := d.tots[f]
		in := f.byName[f.headline]
		switch {
		case in == nil:
			continue
		case len(f.tot) == 0:
			missing = append(missing, fmt.Sprintf("%s: utdata har inga totalrader (alla dimensioner TOT), så inga nyckeltal visas.", f.title))
			continue
		case !t.hasRiket():
			missing = append(missing, fmt.Sprintf("%s: utdata har inga rader för riket; regionerna visas utan riket.", f.title))
		}
		if p := t.latest(in, level); p != "" {
			cols = append(cols, headCol{f, t, in, p})
		}
	}
	return cols, missing
}

// headlineTables show the headlines in their latest period for the first
// level's regions and riket, a few families to a table so that it fits a
// page.
func (d *doc) headlineTables(cols []headCol) []html.Block {
	const perTable = 4
	var out []html.Block
	for i := 0; i < len(cols); i += perTable {
		tb, refs := d.headlineTable(cols[i:min(i+perTable, len(cols))])
		out = append(out, html.Table{Table: tb, Refs: refs, MaxRows: len(refs)})
	}
	return out
}

func (d *doc) headlineTable(cols []headCol) (*report.Table, [][]string) {
	level := d.primary()
	var regions []string
	for _, c := range cols {
		for _, r := range c.t.codes[level] {
			if !slices.Contains(regions, r) {
				regions = append(regions, r)
			}
		}
	}
	slices.SortFunc(regions, compareRegions)
	tb := &report.Table{Name: "nyckeltal", Title: "Nyckeltal per " + levelSingular(level) + ", senaste period",
		Columns: []report.Column{{Key: "region", Header: "Region"}}}
	for _, c := range cols {
		tb.Columns = append(tb.Columns, report.Column{Key: c.f.name, Header: indicatorHeader(c.in.label, c.in.unit) + ", " + c.period, Kind: c.in.kind})
	}
	var rows [][]report.Cell
	var refs [][]string
	add := func(name string, get func(c headCol) *totRow) {
		row, ref := []report.Cell{report.Str(name)}, []string{""}
		for _, c := range cols {
			v, r := c.t.cell(get(c))
			row, ref = append(row, v), append(ref, r)
		}
		rows, refs = append(rows, row), append(refs, ref)
	}
	for _, r := range regions {
		add(d.nameAcross(level, r), func(c headCol) *totRow { return c.t.get(c.in, level, r, c.period) })
	}
	for _, c := range cols {
		if c.t.riket(c.in, c.period) != nil {
			add("Riket", func(c headCol) *totRow { return c.t.riket(c.in, c.period) })
			break
		}
	}
	tb.Rows = report.SliceRows(rows)
	return tb, refs
}

// nameAcross is a region's name from the first family that has it.
func (d *doc) nameAcross(level, region string) string {
	for _, f := range d.fams {
		if n := d.tots[f].names[level][region]; n != "" {
			return n
		}
	}
	return region
}

// levelSingular is the word for one region of a level, as in "per län".
func levelSingular(level string) string {
	switch level {
	case "kommun":
		return "kommun"
	case "lan":
		return "län"
	case "fa":
		return "FA-region"
	}
	return "region (" + level + ")"
}

// methodSection links every family to the indicator reference and names
// its indicators' METHODS.md sections.
func (d *doc) methodSection() html.Section {
	s := html.Section{Title: "Metod och indikatorer", ID: "metod"}
	s.Blocks = append(s.Blocks, html.Paragraph("Indikatorerna definieras i lmi:s metodbeskrivning (METHODS.md) och beskrivs i indikatorreferensen. "+
		"Celler med för få personer är undertryckta (..): de visas aldrig som noll, och inga tal räknas fram ur dem."))
	docs := d.in.IndicatorDocs
	if docs == "" {
		docs = "docs/indicators.md"
	}
	for _, f := range d.fams {
		sub := html.Section{Title: f.title, ID: "metod-" + f.name}
		sub.Blocks = append(sub.Blocks, html.Links{{Text: "Indikatorreferensen: " + f.name, Href: docs + "#" + f.name,
			Note: "(fil " + f.file + ")"}})
		if f.description != "" {
			sub.Blocks = append(sub.Blocks, html.Note("Beskrivning (engelska, ur lmi:s familjedefinition): "+strings.Join(strings.Fields(f.description), " ")))
		}
		var items []string
		for _, in := range f.inds {
			it := in.label
			if in.unit != "" {
				it += " (" + in.unit + ")"
			}
			it += ", " + in.name
			if in.section != "" {
				it += ", METHODS.md avsnitt " + in.section
			}
			items = append(items, it)
		}
		sub.Blocks = append(sub.Blocks, html.List(items))
		s.Sections = append(s.Sections, sub)
	}
	if d.fd != nil {
		s.Sections = append(s.Sections, html.Section{Title: "Prognos och bristlista", ID: "metod-prognos",
			Blocks: []html.Block{html.Paragraph("Prognosen och bristlistan beskrivs i lmi:s prognosdokumentation (docs/forecast.md) och METHODS.md avsnitt 5: " +
				"sysselsättningen per region och yrke skrivs fram med modeller valda genom backtest, rekryteringsbehovet är expansion plus ersättning, " +
				"tillgången nytillträdande plus inskrivna arbetssökande, och balansen ger klassen 1 (överskott) till 5 (brist).")}})
	}
	return s
}
