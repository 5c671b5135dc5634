package publish

import (
	"errors"
	"fmt"

	"lmi/report"
	"lmi/report/chart"
	"lmi/report/html"
)

// focusName is the forecast's focus region's name.
func (d *doc) focusName() string {
	if d.fd.regionName != "" {
		return d.fd.regionName
	}
	return d.fd.region
}

// forecastSection shows fan charts of the focus region's largest
// occupations and their projections at the horizon.
func (d *doc) forecastSection() (html.Section, error) {
	fd := d.fd
	s := html.Section{Title: "Prognos: sysselsättning per yrke", ID: "prognos"}
	if len(fd.fans) == 0 {
		s.Blocks = append(s.Blocks, html.Note(fmt.Sprintf("%s har inga yrken (SSYK 4) med redovisad sysselsättning för %s.", ForecastFile, d.fd.region)))
		d.note(fmt.Sprintf("%s: no SSYK 4 occupation with employment for region %s", ForecastFile, fd.region))
		return s, nil
	}
	s.Blocks = append(s.Blocks, html.Paragraph(fmt.Sprintf("Prognosen för %s: de största yrkena efter sysselsatta basåret %s. "+
		"Utfallet före basåret kommer ur indikatorfilerna när de räknar de sysselsatta som prognosen gör (samma antal basåret), annars visas bara basåret. "+
		"Skuggat fält är prognosintervallet.", d.focusName(), fd.fans[0].origin)))
	for i, o := range fd.fans {
		c := &chart.Fan{Common: chart.Common{Title: fmt.Sprintf("%s %s, %s", o.ssyk, o.name, d.focusName()),
			Source: "lmi, " + ForecastFile, ID: fmt.Sprintf("prognos-%d", i+1),
			Desc: fmt.Sprintf("Prognosdiagram för sysselsatta i %s: utfall, prognos och prognosintervall.", o.name)},
			YLabel: "Sysselsatta", Kind: report.KindCount, YZero: true}
		for _, h := range o.hist {
			c.History = append(c.History, chart.Observed{Period: h.period, Value: h.v.v, Ref: h.v.ref})
		}
		for _, p := range o.points {
			c.Forecast = append(c.Forecast, chart.Projected{Period: p.year, Value: p.employment.v, Ref: p.employment.ref,
				Lower: p.lower.v, Upper: p.upper.v})
		}
		svg, err := c.SVG()
		if errors.Is(err, chart.ErrNoData) {
			continue
		}
		if err != nil {
			return s, err
		}
		s.Blocks = append(s.Blocks, html.Figure{SVG: svg, Source: "lmi, " + ForecastFile,
			Caption: fmt.Sprintf("Sysselsatta i %s, %s: utfall och prognos.", o.name, d.focusName())})
	}
	tb, refs := d.fanTable()
	s.Blocks = append(s.Blocks, html.Table{Table: tb, Refs: refs, MaxRows: len(refs)})
	return s, nil
}

// fanTable is the fan charts' occupations at the last horizon.
func (d *doc) fanTable() (*report.Table, [][]string) {
	cols := []string{"employed", "employment", "employment_lower", "employment_upper", "openings", "supply", "balance"}
	last := d.fd.fans[0].points[len(d.fd.fans[0].points)-1].year
	tb := &report.Table{Name: "prognos", Title: fmt.Sprintf("De största yrkena %s, prognos för %s med intervall, behov och tillgång under perioden", d.focusName(), last),
		Columns: []report.Column{{Key: "occupation", Header: "Yrke (SSYK)"}}}
	for _, c := range cols {
		tb.Columns = append(tb.Columns, flatColumn(c))
	}
	var rows [][]report.Cell
	var refs [][]string
	for _, o := range d.fd.fans {
		p := o.points[len(o.points)-1]
		cells := []fcCell{o.employed, p.employment, p.lower, p.upper, p.openings, p.supply, p.balance}
		row := []report.Cell{report.Str(o.ssyk + " " + o.name)}
		rr := []string{""}
		for _, c := range cells {
			row, rr = append(row, c.v), append(rr, c.ref)
		}
		rows, refs = append(rows, row), append(refs, rr)
	}
	tb.Rows = report.SliceRows(rows)
	return tb, refs
}

// shortHeaders are the report's narrower headers of forecast columns; the
// tables' titles say what the numbers are.
var shortHeaders = map[string]string{
	"employed": "Sysselsatta basåret", "employment": "Prognos", "employment_lower": "Nedre", "employment_upper": "Övre",
	"openings": "Rekryterings\u00adbehov", "supply": "Tillgång", "balance": "Balans", "class": "Klass", "rank": "Rang",
}

// flatColumn is a forecast column as the report's tables show it.
func flatColumn(key string) report.Column {
	s := specOf(key)
	h := s.header
	if sh := shortHeaders[key]; sh != "" {
		h = sh
	}
	return report.Column{Key: key, Header: h, Kind: s.kind, Decimals: s.decimals}
}

// shortageFigure is a traffic-light list of shortage_list.csv rows.
func (d *doc) shortageFigure(rows []shortRow, id string) (html.Figure, error) {
	c := &chart.Shortage{Common: chart.Common{Title: fmt.Sprintf("Yrken med störst risk för brist, %s %s", d.focusName(), rows[0].year),
		Source: "lmi, " + ShortageListFile, ID: "brist-" + id,
		Desc: "Trafikljuslista över yrken i fem klasser från överskott till brist, rangordnade efter sannolikheten för brist."}}
	for _, r := range rows {
		class := 0
		if r.class.v.State == report.Value && r.class.v.Num >= 1 && r.class.v.Num <= 5 {
			class = int(r.class.v.Num)
		}
		c.Items = append(c.Items, chart.ShortageItem{Code: r.ssyk, Name: r.occupation, Class: class, Ref: r.class.ref})
	}
	svg, err := c.SVG()
	if err != nil {
		return html.Figure{}, err
	}
	return html.Figure{SVG: svg, Source: "lmi, " + ShortageListFile,
		Caption: fmt.Sprintf("Bristlistan för %s vid prognosens slut: klass 5 är tydlig brist, 1 tydligt överskott.", d.focusName())}, nil
}

// shortageSection shows the focus region's shortage list with its
// components, and each region's first occupations.
func (d *doc) shortageSection() (html.Section, bool, error) {
	fd := d.fd
	if fd.list == nil {
		d.note("no " + ShortageListFile + ": the report shows no shortage list")
		return html.Section{}, false, nil
	}
	s := html.Section{Title: "Bristlista", ID: "bristlista"}
	if len(fd.top) == 0 {
		s.Blocks = append(s.Blocks, html.Note(fmt.Sprintf("%s har inga yrken för %s.", ShortageListFile, d.focusName())))
		return s, true, nil
	}
	fig, err := d.shortageFigure(fd.top, "lista")
	if err != nil {
		return s, false, err
	}
	s.Blocks = append(s.Blocks, fig)
	cols := []string{"rank", "class", "p_shortage", "balance", "openings", "supply"}
	tb, refs := shortTable("bristlista", fmt.Sprintf("Bristlistan för %s %s: klass, sannolikhet för brist, balans, rekryteringsbehov och tillgång",
		d.focusName(), fd.top[0].year), fd.top, cols, false)
	s.Blocks = append(s.Blocks, html.Table{Table: tb, Refs: refs, MaxRows: len(refs)})
	if len(fd.perRegion) > 0 {
		tb, refs := shortTable("bristlista-regioner", fmt.Sprintf("De %d yrkena överst på varje regions bristlista", regionTop), fd.perRegion,
			[]string{"rank", "class", "p_shortage"}, true)
		s.Blocks = append(s.Blocks, html.Table{Table: tb, Refs: refs, MaxRows: len(refs)})
	}
	return s, true, nil
}

func shortTable(name, title string, rs []shortRow, cols []string, withRegion bool) (*report.Table, [][]string) {
	tb := &report.Table{Name: name, Title: title}
	if withRegion {
		tb.Columns = append(tb.Columns, report.Column{Key: "region_name", Header: "Region"})
	}
	tb.Columns = append(tb.Columns, report.Column{Key: "occupation", Header: "Yrke (SSYK)"})
	for _, c := range cols {
		tb.Columns = append(tb.Columns, flatColumn(c))
	}
	var rows [][]report.Cell
	var refs [][]string
	for _, r := range rs {
		var row []report.Cell
		var rr []string
		if withRegion {
			row, rr = append(row, report.Str(r.regionName)), append(rr, "")
		}
		row, rr = append(row, report.Str(r.ssyk+" "+r.occupation)), append(rr, "")
		all := map[string]fcCell{"rank": r.rank, "class": r.class, "p_shortage": r.pShortage, "balance": r.balance,
			"openings": r.openings, "supply": r.supply}
		for _, c := range cols {
			row, rr = append(row, all[c].v), append(rr, all[c].ref)
		}
		rows, refs = append(rows, row), append(refs, rr)
	}
	tb.Rows = report.SliceRows(rows)
	return tb, refs
}

// agreementSection shows lmi's agreement with Arbetsförmedlingen's
// classes, and the occupations where they differ most.
func (d *doc) agreementSection() (html.Section, error) {
	s := html.Section{Title: "Jämförelse med Arbetsförmedlingen", ID: "jamforelse-af"}
	s.Blocks = append(s.Blocks, html.Paragraph("lmi:s bristklasser jämförs med Arbetsförmedlingens bedömningar i samma fem klasser för samma yrke och region. "+
		"Cohens kappa är 1 vid full överensstämmelse och 0 när den inte är bättre än slumpen."))
	if d.agrSum != nil {
		tb, refs, err := summaryTable(d.agrSum)
		if err != nil {
			return s, err
		}
		s.Blocks = append(s.Blocks, html.Table{Table: tb, Refs: refs, MaxRows: len(refs)})
	}
	if d.agrRows != nil && len(d.differ) > 0 {
		tb := &report.Table{Name: "jamforelse", Title: "Yrken och regioner där klasserna skiljer mest",
			Columns: []report.Column{{Key: "publisher", Header: "Utgivare"}, {Key: "round", Header: "Omgång", Kind: report.KindCode},
				{Key: "region_name", Header: "Region"}, {Key: "occupation", Header: "Yrke (SSYK)"},
				flatColumn("af_class"), flatColumn("lmi_class")}}
		var rows [][]report.Cell
		var refs [][]string
		for _, r := range d.differ {
			rows = append(rows, []report.Cell{report.Str(r.publisher), report.Str(r.round), report.Str(r.region),
				report.Str(r.ssyk + " " + r.occupation), r.af.v, r.lmi.v})
			refs = append(refs, []string{"", "", "", "", r.af.ref, r.lmi.ref})
		}
		tb.Rows = report.SliceRows(rows)
		s.Blocks = append(s.Blocks, html.Table{Table: tb, Refs: refs, MaxRows: len(refs)})
	} else if d.agrRows != nil {
		s.Blocks = append(s.Blocks, html.Paragraph("lmi och Arbetsförmedlingen ger samma klass för alla jämförda yrken och regioner."))
	}
	return s, nil
}

// summaryTable is agreement_summary.csv as it is.
func summaryTable(t *flat) (*report.Table, [][]string, error) {
	tb := &report.Table{Name: "jamforelse-sammanfattning", Title: "Överensstämmelse per utgivare och omgång", Columns: t.cols}
	var rows [][]report.Cell
	var refs [][]string
	err := t.each(func(rec [][]byte, line int) error {
		row := make([]report.Cell, len(t.cols))
		rr := make([]string, len(t.cols))
		for i, src := range t.src {
			c, err := t.cell(rec, src)
			if err != nil {
				return err
			}
			row[i] = c
			if t.cols[i].Kind.Numeric() {
				rr[i] = ref(t.file, line, t.header[src])
			}
		}
		rows, refs = append(rows, row), append(refs, rr)
		return nil
	})
	tb.Rows = report.SliceRows(rows)
	return tb, refs, err
}
