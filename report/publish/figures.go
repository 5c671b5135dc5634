package publish

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"lmi/codes"
	"lmi/report"
	"lmi/report/chart"
	"lmi/report/geo"
	"lmi/report/html"
)

// How much of a family the report shows.
const (
	lineRegions = 5  // regions in a line chart besides riket
	barsMax     = 40 // bars in a chart; more regions show the highest and lowest half each
	tableInds   = 6  // indicators in a family's table
)

// familySection shows a family's headline over time, ranked in the latest
// period and on a map per level, and its indicators in a table; a family
// without totals gets a note instead.
func (d *doc) familySection(f *family) (html.Section, error) {
	s := html.Section{Title: f.title, ID: "familj-" + f.name}
	t := d.tots[f]
	in := f.byName[f.headline]
	sheet := d.sheetsOf(f)
	for _, l := range slices.Sorted(maps.Keys(f.skip)) {
		s.Blocks = append(s.Blocks, html.Note(fmt.Sprintf("Nivån %s har fler rader än ett blad i Excel rymmer och finns inte i arbetsboken; "+
			"raderna finns i %s, och rapportens siffror för nivån kommer därifrån.", levelName(l), f.file)))
	}
	if in == nil || len(f.tot) == 0 {
		s.Blocks = append(s.Blocks, html.Note(fmt.Sprintf("Utdata för familjen (%s) har inga totalrader, rader där alla dimensioner (%s) är TOT. "+
			"Rapporten räknar inte fram totaler ur cellerna, så den visar inga diagram eller kartor här. Alla celler finns på %s i arbetsboken och i %s.",
			f.file, strings.Join(dimKeys(f), ", "), sheet, f.file)))
		d.note(fmt.Sprintf("%s: no rows with every dimension TOT; the report shows no figures for it", f.file))
		return s, nil
	}
	level := d.primary()
	latest := t.latest(in, level)
	if latest == "" {
		s.Blocks = append(s.Blocks, html.Note(fmt.Sprintf("Utdata för familjen har inga totaler med värde för nivån %s.", levelName(level))))
		d.note(fmt.Sprintf("%s: no totals with a value at level %s", f.file, level))
		return s, nil
	}
	s.Blocks = append(s.Blocks, html.Paragraph(fmt.Sprintf("Huvudindikator: %s. Alla celler, per dimension, finns på %s i arbetsboken.",
		indicatorHeader(in.label, in.unit), sheet)))
	if !t.hasRiket() {
		s.Blocks = append(s.Blocks, html.Note("Utdata har inga rader för riket (körningen beräknade inte nivån riket), så diagrammen saknar riket som jämförelse."))
		d.note(fmt.Sprintf("%s: no riket rows", f.file))
	}
	blocks, err := d.familyFigures(f, t, in, latest)
	if err != nil {
		return s, err
	}
	s.Blocks = append(s.Blocks, blocks...)
	tb, refs := d.familyTable(f, t, latest)
	s.Blocks = append(s.Blocks, html.Table{Table: tb, Refs: refs, MaxRows: len(refs)})
	return s, nil
}

func dimKeys(f *family) []string {
	var out []string
	for _, dm := range f.lay.dims {
		out = append(out, dm.key)
	}
	return out
}

func (d *doc) familyFigures(f *family, t *totals, in *indInfo, latest string) ([]html.Block, error) {
	var blocks []html.Block
	src := "lmi, " + f.file
	if fig, err := d.lineFigure(f, t, in, latest); err != nil {
		return nil, err
	} else if fig != nil {
		blocks = append(blocks, *fig)
	}
	if f.byName["beveridge_u"] != nil && f.byName["beveridge_v"] != nil {
		if fig, err := d.beveridgeFigure(f, t, latest); err != nil {
			return nil, err
		} else if fig != nil {
			blocks = append(blocks, *fig)
		}
	}
	if fig, err := d.barsFigure(f, t, in, latest); err != nil {
		return nil, err
	} else if fig != nil {
		blocks = append(blocks, *fig)
	}
	for _, level := range d.levels {
		p := t.latest(in, level)
		if p == "" {
			continue
		}
		svg, err := d.mapSVG(f, t, in, level, p)
		if err != nil {
			return nil, err
		}
		blocks = append(blocks, html.Figure{SVG: svg, Source: src,
			Caption: fmt.Sprintf("%s per %s, %s. Mörkare färg är högre värde; streckade regioner är undertryckta.", in.label, levelSingular(level), p)})
	}
	return blocks, nil
}

// lineFigure is the headline over time for the focus region and the
// regions highest and lowest in the latest period, with riket.
func (d *doc) lineFigure(f *family, t *totals, in *indInfo, latest string) (*html.Figure, error) {
	level := d.primary()
	periods := t.per[in]
	if len(periods) < 2 {
		return nil, nil
	}
	ranked := t.ranked(in, level, latest)
	n := t.valued(in, level, latest, ranked)
	var pick []string
	add := func(r string) {
		if len(pick) < lineRegions && !slices.Contains(pick, r) {
			pick = append(pick, r)
		}
	}
	if d.focus != "" && slices.Contains(ranked, d.focus) {
		add(d.focus)
	}
	for i := 0; i < n && len(pick) < lineRegions; i++ {
		add(ranked[i])
		if len(pick) < lineRegions {
			add(ranked[n-1-i])
		}
	}
	slices.SortStableFunc(pick, func(a, b string) int { return slices.Index(ranked, a) - slices.Index(ranked, b) })
	series := func(name string, get func(p string) *totRow) chart.Series {
		s := chart.Series{Name: name}
		for _, p := range periods {
			v, r := t.cell(get(p))
			s.Values, s.Refs = append(s.Values, v), append(s.Refs, r)
		}
		return s
	}
	c := &chart.Line{Common: chart.Common{Title: fmt.Sprintf("%s, %s–%s", in.label, periods[0], periods[len(periods)-1]),
		Source: "lmi, " + f.file, ID: "f-" + f.name + "-linje",
		Desc: fmt.Sprintf("Linjediagram över %s per period för utvalda regioner och riket.", in.label)},
		YLabel: in.kind.UnitLabel(), Kind: in.kind, Periods: periods}
	for _, r := range pick {
		c.Series = append(c.Series, series(d.regionName(t, level, r), func(p string) *totRow { return t.get(in, level, r, p) }))
	}
	if t.hasRiket() {
		ref := series("Riket", func(p string) *totRow { return t.riket(in, p) })
		c.Reference = &ref
	}
	svg, err := c.SVG()
	if errors.Is(err, chart.ErrNoData) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	caption := fmt.Sprintf("%s över tid: de regioner som ligger högst och lägst %s", in.label, latest)
	if d.focus != "" {
		caption += " och den valda regionen"
	}
	if t.hasRiket() {
		caption += ", med riket som streckad svart linje"
	}
	return &html.Figure{SVG: svg, Caption: caption + ".", Source: "lmi, " + f.file}, nil
}

// barsFigure ranks the first level's regions in the latest period; nil
// when the level has no region to rank.
func (d *doc) barsFigure(f *family, t *totals, in *indInfo, latest string) (*html.Figure, error) {
	level := d.primary()
	ranked := t.ranked(in, level, latest)
	if len(ranked) == 0 {
		return nil, nil
	}
	var notes []string
	if len(ranked) > barsMax {
		notes = append(notes, fmt.Sprintf("Visar de %d högsta och de %d lägsta regionerna; alla finns i tabellen och i arbetsboken.", barsMax/2, barsMax/2))
		ranked = append(ranked[:barsMax/2:barsMax/2], ranked[len(ranked)-barsMax/2:]...)
	}
	c := &chart.Bars{Common: chart.Common{Title: fmt.Sprintf("%s per %s, %s", in.label, levelSingular(level), latest),
		Source: "lmi, " + f.file, ID: "f-" + f.name + "-staplar", Notes: notes,
		Desc: fmt.Sprintf("Liggande stapeldiagram över %s per region, sorterat efter värde.", in.label)},
		ValueLabel: in.kind.UnitLabel(), Kind: in.kind}
	for _, r := range ranked {
		v, ref := t.cell(t.get(in, level, r, latest))
		c.Bars = append(c.Bars, chart.Bar{Label: d.regionName(t, level, r), Value: v, Ref: ref, Highlight: r == d.focus})
	}
	c.Reference, c.ReferenceRef = t.cell(t.riket(in, latest))
	svg, err := c.SVG()
	if errors.Is(err, chart.ErrNoData) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	caption := fmt.Sprintf("%s per region %s, högst överst.", in.label, latest)
	if c.Reference.State == report.Value {
		caption += " Den streckade linjen är riket."
	}
	return &html.Figure{SVG: svg, Caption: caption, Source: "lmi, " + f.file}, nil
}

// mapSVG draws the headline at one level, or a grouping, in a period.
func (d *doc) mapSVG(f *family, t *totals, in *indInfo, level, period string) ([]byte, error) {
	m := &geo.Map{Title: fmt.Sprintf("%s per %s, %s", in.label, levelSingular(level), period), Width: 320,
		Source: "lmi, " + f.file, ID: "f-" + f.name + "-karta-" + slugLevel(level),
		Values: map[string]report.Cell{}, Refs: map[string]string{}, Kind: in.kind, Unit: indicatorHeader(in.label, in.unit)}
	if g := d.groupings[level]; g != nil {
		m.Grouping = g
	} else {
		m.Level = codes.Level(level)
		m.LanBorders = level == string(codes.LevelKommun)
	}
	for _, r := range t.codes[level] {
		v, ref := t.cell(t.get(in, level, r, period))
		m.Values[r], m.Refs[r] = v, ref
	}
	return m.SVG()
}

func slugLevel(level string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(level) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			b.WriteRune(c)
		} else {
			b.WriteByte('-')
		}
	}
	return b.String()
}

// familyTable is the family's indicators in the latest period for the
// first level's regions and riket: the headline, then rates, then counts.
func (d *doc) familyTable(f *family, t *totals, latest string) (*report.Table, [][]string) {
	level := d.primary()
	var inds []*indInfo
	for _, pass := range []func(*indInfo) bool{
		func(x *indInfo) bool { return x.name == f.headline },
		func(x *indInfo) bool { return x.name != f.headline && isRate(x.unit) },
		func(x *indInfo) bool { return x.name != f.headline && !isRate(x.unit) },
	} {
		for _, x := range f.inds {
			if pass(x) && len(inds) < tableInds && len(t.per[x]) > 0 {
				inds = append(inds, x)
			}
		}
	}
	tb := &report.Table{Name: f.name, Title: fmt.Sprintf("%s per %s, %s", f.title, levelSingular(level), latest),
		Columns: []report.Column{{Key: "region", Header: "Region"}}}
	for _, x := range inds {
		tb.Columns = append(tb.Columns, report.Column{Key: x.name, Header: indicatorHeader(x.label, x.unit), Kind: x.kind})
	}
	var rows [][]report.Cell
	var refs [][]string
	add := func(name string, get func(x *indInfo) *totRow) {
		row, rr := []report.Cell{report.Str(name)}, []string{""}
		for _, x := range inds {
			v, r := t.cell(get(x))
			row, rr = append(row, v), append(rr, r)
		}
		rows, refs = append(rows, row), append(refs, rr)
	}
	for _, r := range t.codes[level] {
		add(d.regionName(t, level, r), func(x *indInfo) *totRow { return t.get(x, level, r, latest) })
	}
	if t.hasRiket() {
		add("Riket", func(x *indInfo) *totRow { return t.riket(x, latest) })
	}
	tb.Rows = report.SliceRows(rows)
	return tb, refs
}

// beveridgeFigure draws Beveridge curves for the line chart's regions and
// riket.
func (d *doc) beveridgeFigure(f *family, t *totals, latest string) (*html.Figure, error) {
	u, v := f.byName["beveridge_u"], f.byName["beveridge_v"]
	level := d.primary()
	ranked := t.ranked(u, level, latest)
	var curves []chart.BeveridgeCurve
	curve := func(name, lvl, region string) chart.BeveridgeCurve {
		cv := chart.BeveridgeCurve{Name: name}
		for _, p := range t.per[u] {
			uc, ur := t.cell(t.get(u, lvl, region, p))
			vc, vr := t.cell(t.get(v, lvl, region, p))
			cv.Points = append(cv.Points, chart.BeveridgePoint{Label: p, U: uc, V: vc, URef: ur, VRef: vr})
		}
		return cv
	}
	if t.hasRiket() {
		curves = append(curves, curve("Riket", string(codes.LevelRiket), codes.Riket))
	}
	pick := ranked[:min(len(ranked), 3)]
	if d.focus != "" && slices.Contains(ranked, d.focus) && !slices.Contains(pick, d.focus) {
		pick = append(pick[:len(pick)-1:len(pick)-1], d.focus)
	}
	for _, r := range pick {
		curves = append(curves, curve(d.regionName(t, level, r), level, r))
	}
	c := &chart.Beveridge{Common: chart.Common{Title: "Beveridgekurvor: arbetslöshet och vakansgrad", Source: "lmi, " + f.file,
		ID: "f-" + f.name + "-beveridge", Desc: "Beveridgekurvor, arbetslöshet mot vakansgrad per år, för riket och utvalda regioner."},
		Kind: u.kind, Curves: curves}
	svg, err := c.SVG()
	if errors.Is(err, chart.ErrNoData) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &html.Figure{SVG: svg, Source: "lmi, " + f.file,
		Caption: "Beveridgekurvor: varje punkt är ett år; högre arbetslöshet åt höger, fler lediga platser uppåt."}, nil
}

// sheetNames are the workbook's sheet names for lmi's families.
var sheetNames = map[string]string{
	"matching": "Matchning", "status": "Arbetsmarknadsstatus", "commuting": "Pendling", "commuting_matrix": "Pendlingsmatris",
	"demography": "Befolkning", "age_structure": "Åldersstruktur", "population_flows": "Befolkningsflöden",
	"job_inflows": "Jobbinflöden", "tightness": "Arbetsmarknadsläge", "beveridge": "Beveridge", "mismatch": "Obalans",
	"matching_function": "Matchningsfunktion", "shortage": "Brist",
	"forecast": "Prognos", "shortage_list": "Bristlista", "forecast_models": "Prognosmodeller",
	"agreement": "Jämförelse AF", "agreement_summary": "Jämförelse AF, sammanfattning",
}

func sheetName(name string) string {
	if s := sheetNames[name]; s != "" {
		return s
	}
	return name
}
