package formats

import (
	"bufio"
	"context"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"lmi/codes"
	"lmi/ingest/af"
	"lmi/ingest/af/assess"
	"lmi/ingest/af/stats"
	"lmi/ingest/cube"
)

// Arbetsförmedlingen's published series that are neither assessments nor
// flows of lmi's tables: the yrkesprognos index history and varsel per
// month. They are kept as published, in published_cells (the history's
// mapped occupations also in occupation_map).
var (
	historikFormat = &Format{Name: "yrkesprognos-historik", Title: "Arbetsförmedlingen's yrkesprognos historik, index series per prognosyrke (CSV)",
		Options: []Option{OptOccupationMap},
		Sniff: func(h *Head) bool {
			return strings.Contains(h.Line, "conceptidprognosyrke") && strings.Contains(h.Line, "antal")
		},
		Decode: decodeHistorik}
	varselFormat = &Format{Name: "af-varsel", Title: "Arbetsförmedlingen's varsel (notified redundancies) per month (CSV)",
		Sniff:  varselHeader,
		Decode: decodeVarsel}
)

// The table ids of the series in published_cells.
const (
	TableHistorik = "af-yrkesprognos-historik"
	TableVarsel   = "af-varsel"
)

// DimPrognosyrke is the history's dimension of occupations (prognosyrke
// concept ids) in published_cells.
const DimPrognosyrke = "conceptidprognosyrke"

// varselHeader reports a varsel file: named so, or a first line with a
// varsel column, or Region Dalarna's tid, region and antal (a statistics
// sheet's Månad;Län;Antal says nothing of what it counts, and is not).
func varselHeader(h *Head) bool {
	if h.Ext != ".csv" && h.Ext != ".txt" {
		return false
	}
	if strings.Contains(h.Base, "varsel") {
		return true
	}
	has := map[string]bool{}
	for _, f := range strings.FieldsFunc(h.Line, func(r rune) bool { return r == ',' || r == ';' }) {
		has[strings.Trim(strings.TrimSpace(f), `"`)] = true
	}
	return has["varsel"] || has["tid"] && has["region"] && has["antal"] && !has["ssyk"] && !has["ssyk4"]
}

// cellRow is one published cell: its codes and labels by dimension.
type cellRow struct {
	codes, labels []string
	value         float64 // NaN when status is set
	status        string
}

// cellsBatch builds published_cells rows of one table.
func cellsBatch(tableID, title string, dims []string, rows []cellRow, mem memory.Allocator) batch {
	b := array.NewRecordBuilder(mem, publishedSchema)
	defer b.Release()
	dimsB := b.Field(2).(*array.ListBuilder)
	codesB := b.Field(3).(*array.ListBuilder)
	labelsB := b.Field(4).(*array.ListBuilder)
	for _, r := range rows {
		b.Field(0).(*array.StringBuilder).Append(tableID)
		appendNullable(b.Field(1).(*array.StringBuilder), title)
		dimsB.Append(true)
		codesB.Append(true)
		labelsB.Append(true)
		for i, d := range dims {
			dimsB.ValueBuilder().(*array.StringBuilder).Append(d)
			codesB.ValueBuilder().(*array.StringBuilder).Append(r.codes[i])
			labelsB.ValueBuilder().(*array.StringBuilder).Append(r.labels[i])
		}
		appendValue(b.Field(5).(*array.Float64Builder), b.Field(6).(*array.StringBuilder), r.value, r.status)
	}
	return batch{table: "published_cells", tableID: tableID, rec: b.NewRecordBatch()}
}

// decodeHistorik reads historik.csv: one published cell per occupation,
// year and index column; mapped occupations also into occupation_map.
func decodeHistorik(ctx context.Context, in Input) (*Decoded, error) {
	rep := &Report{Unit: "file rows"}
	f, err := os.Open(in.Path)
	if err != nil {
		return &Decoded{Report: rep}, err
	}
	defer f.Close()
	h, err := assess.ReadPrognosHistorik(bufio.NewReader(f), in.Path,
		assess.HistorikOptions{Concepts: in.Occupations.concepts(), Reject: rejecter(rep)})
	if err != nil {
		return &Decoded{Report: rep}, err
	}
	rep.RowsRead = int64(h.Rows + len(rep.Rejects))
	if err := checkRejects(in, rep); err != nil {
		return &Decoded{Report: rep}, err
	}
	rows := make([]cellRow, len(h.Points))
	var maps []af.OccupationMap
	done := map[string]bool{}
	for i, p := range h.Points {
		y := strconv.Itoa(p.Year)
		rows[i] = cellRow{codes: []string{p.Occupation, y, p.Measure}, labels: []string{p.Occupation, y, p.Measure}, value: p.Value}
		if done[p.Occupation] {
			continue
		}
		done[p.Occupation] = true
		for _, s := range p.SSYK {
			maps = append(maps, af.OccupationMap{Source: af.SourceYrkesprognos, Occupation: p.Occupation, SSYK: s, Share: math.NaN()})
		}
	}
	// Occupations counted as for the assessments, one per occupation.
	rep.Occupations = mappingOf(func(yield func(af.Assessment) bool) {
		for _, p := range h.Points {
			if !yield(af.Assessment{Occupation: p.Occupation, SSYK: p.SSYK}) {
				return
			}
		}
	}, in.Occupations.source)
	batches := []batch{cellsBatch(TableHistorik, "Arbetsförmedlingen: yrkesprognos, index per prognosyrke (2015 = 1,00)",
		[]string{DimPrognosyrke, "ar", "measure"}, rows, in.alloc())}
	if len(maps) > 0 {
		batches = append(batches, occupationBatch(maps, in.alloc()))
	}
	return decodedRecords(rep, batches)
}

// decodeVarsel reads varsel per month into published cells by region
// and month, "<5" kept as censored.
func decodeVarsel(ctx context.Context, in Input) (*Decoded, error) {
	rep := &Report{Unit: "rows"}
	f, err := os.Open(in.Path)
	if err != nil {
		return &Decoded{Report: rep}, err
	}
	defer f.Close()
	cs, err := stats.ReadVarsel(bufio.NewReader(f), in.Path, stats.VarselOptions{Reject: rejecter(rep)})
	if err != nil {
		return &Decoded{Report: rep}, err
	}
	rep.RowsRead = int64(len(cs) + len(rep.Rejects))
	if err := checkRejects(in, rep); err != nil {
		return &Decoded{Report: rep}, err
	}
	names := regionNames()
	rows := make([]cellRow, len(cs))
	for i, c := range cs {
		rows[i] = cellRow{codes: []string{c.Region, c.Period}, labels: []string{names[c.Region], c.Period}, value: c.N}
		if c.Censored {
			rows[i].value, rows[i].status = math.NaN(), cube.StatusCensored
		}
	}
	return decodedRecords(rep, []batch{cellsBatch(TableVarsel, "Arbetsförmedlingen: varsel per månad", []string{"region", "period"}, rows, in.alloc())})
}

// regionNames holds the län and kommun names by code.
func regionNames() map[string]string {
	m := map[string]string{}
	for _, e := range codes.Lan() {
		m[e.Code] = e.Name
	}
	for _, k := range codes.Kommuner() {
		m[k.Code] = k.Name
	}
	return m
}
