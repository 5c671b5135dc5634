package publish

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"lmi/codes"
	"lmi/report"
)

// How much of the forecast the report shows.
const (
	fanCharts     = 4  // fan charts: the focus region's largest occupations
	shortageTop   = 20 // the focus region's shortage list
	shortageFirst = 10 // on the first page
	regionTop     = 3  // each region's first occupations
	agreementRows = 25 // occupations where the classes differ most
)

// fcCell is a number of a forecast file with its source.
type fcCell struct {
	v   report.Cell
	ref string
}

// fcPoint is one horizon of an occupation's projection.
type fcPoint struct {
	year                      string
	employment, lower, upper  fcCell
	openings, supply, balance fcCell
	class                     fcCell
}

// occupation is one SSYK 4 group of the focus region in forecast.csv.
type occupation struct {
	ssyk, name string
	origin     string
	employed   fcCell
	points     []fcPoint
	hist       []histPoint // employment before the origin year
}

// histPoint is a year of history for a fan chart.
type histPoint struct {
	period string
	v      fcCell
}

// shortRow is a row of shortage_list.csv.
type shortRow struct {
	level, region, regionName string
	rank                      fcCell
	ssyk, occupation          string
	light                     string
	class, pShortage, balance fcCell
	openings, supply          fcCell
	year                      string
}

// forecastData is what the report shows of the forecast.
type forecastData struct {
	file                      *flat
	level, region, regionName string // the focus region
	occupations               []*occupation
	fans                      []*occupation
	list                      *flat
	top                       []shortRow // the focus region's list
	perRegion                 []shortRow // each region's first occupations
}

// readForecast reads what the report shows of forecast.csv: the focus
// region's SSYK 4 projections, of which the largest get fan charts. An
// empty level is the first level that has the region.
func readForecast(t *flat, level, region string) (*forecastData, error) {
	if err := t.has("region_level", "region", "region_name", "ssyk_level", "ssyk", "occupation", "origin_year", "year",
		"employed", "employment", "employment_lower", "employment_upper", "openings", "supply", "balance", "class"); err != nil {
		return nil, err
	}
	fd := &forecastData{file: t, level: level, region: region}
	byCode := map[string]*occupation{}
	c := t.col
	err := t.each(func(rec [][]byte, line int) error {
		if fd.level == "" && string(rec[c["region"]]) == fd.region {
			fd.level = string(rec[c["region_level"]]) // the first level with the region
		}
		if string(rec[c["region_level"]]) != fd.level || string(rec[c["region"]]) != fd.region || string(rec[c["ssyk_level"]]) != "4" {
			return nil
		}
		fd.regionName = string(rec[c["region_name"]])
		code := string(rec[c["ssyk"]])
		o := byCode[code]
		if o == nil {
			o = &occupation{ssyk: code, name: string(rec[c["occupation"]]), origin: string(rec[c["origin_year"]])}
			byCode[code] = o
			fd.occupations = append(fd.occupations, o)
		}
		get := func(col string) (fcCell, error) {
			v, err := t.cell(rec, c[col])
			return fcCell{v: v, ref: ref(t.file, line, col)}, err
		}
		var p fcPoint
		var err error
		p.year = string(rec[c["year"]])
		for _, x := range []struct {
			col string
			to  *fcCell
		}{{"employed", &o.employed}, {"employment", &p.employment}, {"employment_lower", &p.lower},
			{"employment_upper", &p.upper}, {"openings", &p.openings}, {"supply", &p.supply},
			{"balance", &p.balance}, {"class", &p.class}} {
			if *x.to, err = get(x.col); err != nil {
				return err
			}
		}
		o.points = append(o.points, p)
		return nil
	})
	if err != nil {
		return nil, err
	}
	fd.chooseFans()
	return fd, nil
}

// chooseFans picks the largest occupations by employment in the origin
// year, leaving out suppressed ones.
func (fd *forecastData) chooseFans() {
	var cands []*occupation
	for _, o := range fd.occupations {
		if o.employed.v.State == report.Value && len(o.points) > 0 {
			cands = append(cands, o)
		}
	}
	slices.SortStableFunc(cands, func(a, b *occupation) int {
		if r := cmp.Compare(b.employed.v.Num, a.employed.v.Num); r != 0 {
			return r
		}
		return cmp.Compare(a.ssyk, b.ssyk)
	})
	fd.fans = cands[:min(len(cands), fanCharts)]
}

// historyWanted are the indicator rows that may give the fan charts their
// history: the same region (riket for the forecast's total) and SSYK 4.
func (fd *forecastData) historyWanted() map[histKey]bool {
	want := map[histKey]bool{}
	level, region := fd.indicatorRegion()
	for _, o := range fd.fans {
		want[histKey{level, region, o.ssyk}] = true
	}
	return want
}

// indicatorRegion is the focus region as the indicator files name it.
func (fd *forecastData) indicatorRegion() (level, region string) {
	if fd.region == "*" {
		return string(codes.LevelRiket), codes.Riket
	}
	return fd.level, fd.region
}

// attachHistory gives each fan chart the employment before the origin year
// from the indicator files, when they count the employed as the forecast
// does: the indicator's value in the origin year must be the forecast's
// employed. Otherwise the chart's history is the forecast's own employed.
func (fd *forecastData) attachHistory(fams []*family) {
	level, region := fd.indicatorRegion()
	for _, o := range fd.fans {
		o.hist = []histPoint{{period: o.origin, v: o.employed}}
		for _, name := range []string{"antal_sysselsatta_yrke", "brist_sysselsatta"} {
			if h := historyOf(fams, name, histKey{level, region, o.ssyk}, o); h != nil {
				o.hist = h
				break
			}
		}
	}
}

func historyOf(fams []*family, ind string, k histKey, o *occupation) []histPoint {
	for _, f := range fams {
		var pts []histPoint
		agrees := false
		for _, r := range f.histRows {
			if r.ind != ind || r.key != k || r.period > o.origin {
				continue
			}
			pts = append(pts, histPoint{period: r.period, v: fcCell{v: r.v, ref: ref(f.file, r.line, "value")}})
			if r.period == o.origin && r.v.State == report.Value && o.employed.v.State == report.Value && r.v.Num == o.employed.v.Num {
				agrees = true
			}
		}
		if agrees {
			slices.SortFunc(pts, func(a, b histPoint) int { return cmp.Compare(a.period, b.period) })
			return pts
		}
	}
	return nil
}

// readShortageList reads the focus region's list and every region's first
// occupations at the focus region's level.
func (fd *forecastData) readShortageList(t *flat) error {
	if err := t.has("region_level", "region", "region_name", "rank", "ssyk", "occupation", "year", "light", "class",
		"p_shortage", "balance", "openings", "supply"); err != nil {
		return err
	}
	fd.list = t
	c := t.col
	return t.each(func(rec [][]byte, line int) error {
		if fd.level != "" && string(rec[c["region_level"]]) != fd.level {
			return nil
		}
		rank, err := strconv.Atoi(string(rec[c["rank"]]))
		if err != nil {
			return err
		}
		focus := string(rec[c["region"]]) == fd.region
		if !(focus && rank <= shortageTop || rank <= regionTop && string(rec[c["region"]]) != "*") {
			return nil
		}
		get := func(col string) (fcCell, error) {
			v, err := t.cell(rec, c[col])
			return fcCell{v: v, ref: ref(t.file, line, col)}, err
		}
		r := shortRow{level: string(rec[c["region_level"]]), region: string(rec[c["region"]]), regionName: string(rec[c["region_name"]]),
			ssyk: string(rec[c["ssyk"]]), occupation: string(rec[c["occupation"]]), light: string(rec[c["light"]]), year: string(rec[c["year"]])}
		for _, x := range []struct {
			col string
			to  *fcCell
		}{{"rank", &r.rank}, {"class", &r.class}, {"p_shortage", &r.pShortage}, {"balance", &r.balance},
			{"openings", &r.openings}, {"supply", &r.supply}} {
			if *x.to, err = get(x.col); err != nil {
				return err
			}
		}
		if focus && rank <= shortageTop {
			fd.top = append(fd.top, r)
		}
		if rank <= regionTop && r.region != "*" {
			fd.perRegion = append(fd.perRegion, r)
		}
		return nil
	})
}

// agreement is what the report shows of the comparison with
// Arbetsförmedlingen.
type agreement struct {
	summary *flat
	sumRows [][]fcCell // publisher, round as text cells; n, agree, kappa
	rows    *flat
	differ  []agreeRow
}

type agreeRow struct {
	publisher, round, region, ssyk, occupation string
	af, lmi                                    fcCell
	dist                                       float64
}

func readAgreement(t *flat) ([]agreeRow, error) {
	// lmi forecast's agreement.csv names the region by code, the SSYK 4
	// code ssyk4, the publisher's occupations and class their_class; the
	// names of the other form are read too.
	c := maps.Clone(t.col)
	for name, alt := range map[string]string{"region_name": "region", "ssyk": "ssyk4", "occupation": "occupations", "af_class": "their_class"} {
		if _, ok := c[name]; !ok {
			if i, ok := c[alt]; ok {
				c[name] = i
			}
		}
	}
	afKey := "af_class"
	if _, ok := t.col[afKey]; !ok {
		afKey = "their_class"
	}
	for _, name := range []string{"publisher", "round", "region_name", "ssyk", "occupation", "af_class", "lmi_class"} {
		if _, ok := c[name]; !ok {
			return nil, fmt.Errorf("%s: no %q column", t.file, name)
		}
	}
	var out []agreeRow
	err := t.each(func(rec [][]byte, line int) error {
		af, err := t.cell(rec, c["af_class"])
		if err != nil {
			return err
		}
		lm, err := t.cell(rec, c["lmi_class"])
		if err != nil {
			return err
		}
		if af.State != report.Value || lm.State != report.Value || af.Num == lm.Num {
			return nil
		}
		r := agreeRow{publisher: string(rec[c["publisher"]]), round: string(rec[c["round"]]), region: string(rec[c["region_name"]]),
			ssyk: string(rec[c["ssyk"]]), occupation: string(rec[c["occupation"]]),
			af: fcCell{af, ref(t.file, line, afKey)}, lmi: fcCell{lm, ref(t.file, line, "lmi_class")}}
		r.dist = abs(af.Num - lm.Num)
		out = append(out, r)
		if len(out) > 4*agreementRows { // keep the most different only
			out = topAgree(out)
		}
		return nil
	})
	return topAgree(out), err
}

func topAgree(rs []agreeRow) []agreeRow {
	slices.SortStableFunc(rs, func(a, b agreeRow) int { return cmp.Compare(b.dist, a.dist) })
	return rs[:min(len(rs), agreementRows)]
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
