package formats

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"lmi/codes"
	"lmi/ingest"
	"lmi/ingest/af"
	"lmi/ingest/af/ads"
	"lmi/ingest/af/stats"
	"lmi/ingest/canonical"
)

// Reasons a statistics sheet's cell is left out or noted.
const (
	ReasonRiket    = "riket"            // the sheet has no regions: the flow tables hold län and kommun counts only
	ReasonSSYK96   = "ssyk_before_2014" // a SSYK code in a month before 2014 (SSYK 96, not comparable)
	ReasonCensored = "censored"         // published as "<5": loaded with n empty and censored true
)

// adReasons says what each ads.Reason* meant for the ad, in report order.
var adReasons = []struct{ reason, effect, detail string }{
	{ads.ReasonNoDate, EffectLeftOut, "no readable publication date"},
	{ads.ReasonNoLan, EffectLeftOut, "no kommun, län or place name (abroad, unspecified)"},
	{ads.ReasonUnknownLan, EffectLeftOut, "a region code that is not a län, and no kommun"},
	{ads.ReasonSeveralLan, EffectLeftOut, "places in more than one län"},
	{ads.ReasonNoKommun, EffectLanOnly, "län known, no kommun"},
	{ads.ReasonUnknownKommun, EffectLanOnly, "a kommun code lmi does not know"},
	{ads.ReasonNoSSYK, EffectNoSSYK, "no occupation"},
	{ads.ReasonUnknownSSYK, EffectNoSSYK, "an occupation not mapped to SSYK 4 (an occupation name, or a concept not in --taxonomy)"},
	{ads.ReasonLanConflict, EffectNote, "region code not the kommun's län: the kommun's used"},
	{ads.ReasonSSYKConflict, EffectNote, "SSYK code and concept disagree: the code used"},
	{ads.ReasonDefaulted, EffectNote, "number of vacancies missing or 0: counted as 1"},
}

// ErrNothingToLoad is returned for a file none of whose records can be
// placed in a table (every ad abroad, a statistics sheet for riket only).
var ErrNothingToLoad = errors.New("nothing to load")

// flowRow is one row of a flow table.
type flowRow struct {
	period, region, ssyk, category string
	n                              int32
	censored                       bool
}

// Arbetsförmedlingen's files of flows: job ads (JobTech's JobSearch and
// historical ads, AF's own and scraped postings) into vacancies, and the
// monthly statistics sheets into jobseekers, vacancies or hires. Records
// that cannot be placed are counted in the report's tallies, not refused:
// they are a property of the source (ads abroad, a national sheet), so the
// reject limit does not apply.
var (
	adsFormat = &Format{Name: "jobtech-ads", Title: "JobTech's and Arbetsförmedlingen's job ads (JSON lines, JSON, .gz, .zip)",
		Options: []Option{OptTable, OptTaxonomy},
		Sniff: func(h *Head) bool {
			switch h.Ext {
			case ".zip", ".jsonl", ".ndjson", ".gz":
				return true
			}
			return (bytes.HasPrefix(h.Trimmed, []byte("[")) || bytes.HasPrefix(h.Trimmed, []byte("{"))) && adFields(h.Bytes)
		},
		Decode: decodeFlows(adRows)}
	statsFormat = &Format{Name: "af-stats", Title: "Arbetsförmedlingen's monthly statistics sheet (CSV)",
		Options: []Option{OptTable, OptCategory, OptPeriod},
		Sniff:   func(h *Head) bool { return afStatsHeader(h.Bytes) },
		Decode:  decodeFlows(statsRows(false))}
	statsXLSXFormat = &Format{Name: "af-stats-xlsx", Title: "Arbetsförmedlingen's monthly statistics sheet (xlsx)",
		Options: []Option{OptTable, OptCategory, OptPeriod},
		Sniff:   func(h *Head) bool { return h.Ext == ".xlsx" },
		Decode:  decodeFlows(statsRows(true))}
)

// decodeFlows reads a file of flows with rows into the flow tables.
func decodeFlows(rows func(in Input, rep *Report) (map[string][]flowRow, error)) func(context.Context, Input) (*Decoded, error) {
	return func(ctx context.Context, in Input) (*Decoded, error) {
		rep := &Report{}
		byTable, err := rows(in, rep)
		if err != nil {
			return &Decoded{Report: rep}, err
		}
		var batches []batch
		var tables []string
		for _, name := range []string{"jobseekers", "vacancies", "hires"} {
			if len(byTable[name]) == 0 {
				continue
			}
			table, _ := canonical.Lookup(name)
			batches = append(batches, batch{table: name, rec: flowRecord(table, byTable[name], in.alloc())})
			tables = append(tables, name)
		}
		rep.Table = strings.Join(tables, "+")
		if len(batches) == 0 {
			return &Decoded{Report: rep}, fmt.Errorf("%s: %w: none of its %d %s can be placed in a flow table", in.Path, ErrNothingToLoad, rep.RowsRead, rep.Unit)
		}
		d, err := decoded(rep, batches)
		if err == nil {
			d.Finish = nil // RowsRead counts the file's records, set by rows
		}
		return d, err
	}
}

// adRows reads job ads into vacancies rows: every placed ad once, in its
// kommun, else its län (ads.Vacancies.ByPlace). Storing both the kommun
// totals and the län x SSYK cells would count each ad twice in every
// region made of whole län; in the finest region each ad is counted once
// wherever flow_region_map places it (a kommun everywhere, a län in
// regions of whole län). Ads without a SSYK code keep ssyk4 empty.
func adRows(in Input, rep *Report) (map[string][]flowRow, error) {
	path := in.Path
	if in.Table != "" && in.Table != "vacancies" {
		return nil, fmt.Errorf("%s: job ads load into vacancies, not %s", path, in.Table)
	}
	v, err := ads.ReadAdsFiles(ads.AdOptions{Taxonomy: in.Taxonomy, ByPlace: true}, path)
	if err != nil {
		return nil, err
	}
	rep.Unit, rep.RowsRead = "ads", v.Report.Ads
	for _, r := range adReasons {
		if c, ok := v.Report.Reasons[r.reason]; ok {
			rep.Tallies = append(rep.Tallies, Tally{Reason: r.reason, Effect: r.effect, Records: c.Ads,
				Weight: c.Vacancies, WeightUnit: "vacancies", Detail: r.detail})
		}
	}
	rows := make([]flowRow, 0, len(v.ByPlace))
	for _, c := range v.ByPlace {
		n, err := whole(c.N)
		if err != nil {
			return nil, fmt.Errorf("%s: %s %s %s: %w", path, c.Period, c.Region, c.SSYK, err)
		}
		rows = append(rows, flowRow{period: c.Period, region: c.Region, ssyk: c.SSYK, n: n})
	}
	return map[string][]flowRow{"vacancies": rows}, nil
}

// statsRows reads a monthly statistics sheet into flow rows. Each measure
// (value column) goes to the table its name says (or the title, or
// --table): job seekers, vacancies, or job seekers who left for work
// (hires). Job seekers keep the measure as their category; vacancies and
// hires have no category, so a sheet may hold one measure of each.
func statsRows(xlsx bool) func(in Input, rep *Report) (map[string][]flowRow, error) {
	return func(in Input, rep *Report) (map[string][]flowRow, error) {
		f, err := os.Open(in.Path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		so := stats.StatsOptions{Category: in.Category, Period: in.Period}
		var res *stats.StatsResult
		if xlsx {
			res, err = stats.ReadStatsXLSX(bufio.NewReader(f), in.Path, so)
		} else {
			res, err = stats.ReadStatsCSV(bufio.NewReader(f), in.Path, so)
		}
		if err != nil {
			return nil, withFlagHint(err)
		}
		return sheetRows(in.Path, in.Table, res, rep)
	}
}

// sheetRows places a statistics sheet's counts in the flow tables.
func sheetRows(path, table string, res *stats.StatsResult, rep *Report) (map[string][]flowRow, error) {
	rep.Unit, rep.RowsRead = "cells", int64(len(res.Counts))
	tableOf, err := sheetTables(path, table, res)
	if err != nil {
		return nil, err
	}
	tally := map[string]*Tally{}
	note := func(reason, effect, detail string, c af.Count) {
		t := tally[reason]
		if t == nil {
			t = &Tally{Reason: reason, Effect: effect, Detail: detail}
			tally[reason] = t
		}
		t.Records++
		if !c.Censored {
			t.Weight += c.N
		}
	}
	rows := map[string][]flowRow{}
	for _, c := range res.Counts {
		if c.Region == codes.Riket {
			note(ReasonRiket, EffectLeftOut, "a cell without a region (riket): the flow tables hold län and kommun counts", c)
			continue
		}
		if y, _ := strconv.Atoi(c.Period[:4]); c.SSYK != "" && y < 2014 {
			note(ReasonSSYK96, EffectLeftOut, "a SSYK code in a month before 2014 (SSYK 96 is not comparable)", c)
			continue
		}
		r := flowRow{period: c.Period, region: c.Region, ssyk: c.SSYK, category: categorySlug(c.Category), censored: c.Censored}
		if c.Censored {
			note(ReasonCensored, EffectNote, `published as "<5": n empty, censored true`, c)
		} else {
			n, err := whole(c.N)
			if err != nil {
				return nil, fmt.Errorf("%s: %s, region %s, SSYK %q, %s: %w", path, c.Period, c.Region, c.SSYK, c.Category, err)
			}
			r.n = n
		}
		if c.SSYK == "" {
			note("no_ssyk", EffectNoSSYK, "not broken down by occupation, or an unknown occupation", c)
		}
		rows[tableOf[c.Category]] = append(rows[tableOf[c.Category]], r)
	}
	for _, reason := range []string{ReasonRiket, ReasonSSYK96, "no_ssyk", ReasonCensored} {
		if t := tally[reason]; t != nil {
			rep.Tallies = append(rep.Tallies, *t)
		}
	}
	return rows, nil
}

// sheetTables finds the flow table of each of a sheet's measures: the
// table option, or what the measure's name or the sheet's title says.
// Job seekers keep the measure as their category; vacancies and hires
// have no category, so a sheet may hold one measure of each.
func sheetTables(path, table string, res *stats.StatsResult) (map[string]string, error) {
	title := strings.ToLower(strings.Join(res.Notes, " "))
	tableOf := map[string]string{}
	perTable := map[string][]string{}
	for _, c := range res.Counts {
		if _, ok := tableOf[c.Category]; ok {
			continue
		}
		t := table
		if t == "" {
			t = flowTable(strings.ToLower(c.Category))
		}
		if t == "" {
			t = flowTable(title)
		}
		switch t {
		case "jobseekers", "vacancies", "hires":
		case "":
			return nil, fmt.Errorf("%s: the measure %q does not say whether it counts job seekers, vacancies or hires: name the table with --table", path, c.Category)
		default:
			return nil, fmt.Errorf("%s: a statistics sheet loads into jobseekers, vacancies or hires, not %s", path, t)
		}
		if strings.HasPrefix(strings.ToLower(c.Category), "varav") {
			return nil, fmt.Errorf("%s: the column %q is a part of another (\"varav\"): loading both would count it twice; remove it from the sheet", path, c.Category)
		}
		tableOf[c.Category] = t
		perTable[t] = append(perTable[t], fmt.Sprintf("%q", c.Category))
	}
	for _, t := range []string{"vacancies", "hires"} {
		if in := perTable[t]; len(in) > 1 {
			return nil, fmt.Errorf("%s: %d measures for %s (%s), which has no category to tell them apart: load one per file", path, len(in), t, strings.Join(in, ", "))
		}
	}
	return tableOf, nil
}

// flowTable finds the flow table a measure or title names: hires ("till
// arbete") before job seekers, whose words it may contain.
func flowTable(text string) string {
	for _, t := range []struct {
		table string
		words []string
	}{
		{"hires", []string{"till arbete", "fått arbete", "fick arbete"}},
		{"vacancies", []string{"lediga platser", "ledig plats", "platser", "vakans"}},
		{"jobseekers", []string{"arbetssökande", "arbetslös", "inskriv", "sökande"}},
	} {
		for _, w := range t.words {
			if strings.Contains(text, w) {
				return t.table
			}
		}
	}
	return ""
}

// categorySlug turns a measure ("Inskrivna arbetslösa") into a jobseekers
// category as lmi's tables spell them (inskrivna_arbetslosa): lower-case
// ASCII letters, digits and _, at most 40 characters.
func categorySlug(s string) string {
	s = strings.NewReplacer("å", "a", "ä", "a", "ö", "o", "é", "e", "ü", "u").Replace(strings.ToLower(s))
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "_"):
			b.WriteByte('_')
		}
	}
	out := b.String()
	if len(out) > 40 {
		out = out[:40]
	}
	if out = strings.TrimRight(out, "_"); out == "" {
		out = "unnamed"
	}
	return out
}

// whole turns a count into the tables' INTEGER.
func whole(v float64) (int32, error) {
	if v != math.Trunc(v) || v < 0 || v > math.MaxInt32 {
		return 0, fmt.Errorf("%v is not a whole count", v)
	}
	return int32(v), nil
}

// flowRecord builds one record of a flow table's rows in its record
// schema (ingest.FlowRecordSchema).
func flowRecord(table *canonical.Table, rows []flowRow, mem memory.Allocator) arrow.RecordBatch {
	b := array.NewRecordBuilder(mem, table.Schema)
	defer b.Release()
	for _, r := range rows {
		for i, f := range table.Schema.Fields() {
			fb := b.Field(i)
			switch f.Name {
			case ingest.ColPeriod:
				fb.(*array.StringBuilder).Append(r.period)
			case ingest.ColRegion:
				fb.(*array.BinaryDictionaryBuilder).AppendString(r.region)
			case ingest.ColSSYK4:
				if r.ssyk == "" {
					fb.AppendNull()
				} else {
					fb.(*array.BinaryDictionaryBuilder).AppendString(r.ssyk)
				}
			case ingest.ColCategory:
				fb.(*array.BinaryDictionaryBuilder).AppendString(r.category)
			case ingest.ColN:
				if r.censored {
					fb.AppendNull()
				} else {
					fb.(*array.Int32Builder).Append(r.n)
				}
			case ingest.ColCensored:
				fb.(*array.BooleanBuilder).Append(r.censored)
			default:
				panic("load: no value for flow column " + f.Name) // a build defect, caught by tests
			}
		}
	}
	return b.NewRecordBatch()
}

// withFlagHint adds the lmi ingest flag to the statistics reader's errors
// that name a StatsOptions field.
func withFlagHint(err error) error {
	for field, flag := range map[string]string{"StatsOptions.Category": "--category", "StatsOptions.Period": "--period"} {
		if strings.Contains(err.Error(), field) {
			return fmt.Errorf("%w (lmi ingest %s)", err, flag)
		}
	}
	return err
}
