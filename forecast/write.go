package forecast

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"lmi/store"
)

// Output files, each written as .parquet and .csv.
const (
	FileForecast  = "forecast"      // every row of Result.Rows
	FileShortage  = "shortage_list" // the ranked traffic-light list at the horizon
	FileSelection = "forecast_models"
)

// rowColumns are the forecast columns after the keys, in output order.
var rowColumns = []struct {
	name string
	get  func(*Row) float64
}{
	{"employed", func(r *Row) float64 { return r.Employed }},
	{"employment", func(r *Row) float64 { return r.Employment }},
	{"employment_lower", func(r *Row) float64 { return r.Lower }},
	{"employment_upper", func(r *Row) float64 { return r.Upper }},
	{"expansion", func(r *Row) float64 { return r.Expansion }},
	{"replacement", func(r *Row) float64 { return r.Replacement }},
	{"openings", func(r *Row) float64 { return r.Openings }},
	{"entrants", func(r *Row) float64 { return r.Entrants }},
	{"jobseekers", func(r *Row) float64 { return r.Jobseekers }},
	{"supply", func(r *Row) float64 { return r.Supply }},
	{"balance", func(r *Row) float64 { return r.Balance }},
	{"p_shortage", func(r *Row) float64 { return r.PShortage }},
}

func rowsSchema() *arrow.Schema {
	fs := []arrow.Field{
		{Name: "region_level", Type: arrow.BinaryTypes.String},
		{Name: "region", Type: arrow.BinaryTypes.String},
		{Name: "region_name", Type: arrow.BinaryTypes.String},
		{Name: "ssyk_level", Type: arrow.PrimitiveTypes.Int16},
		{Name: "ssyk", Type: arrow.BinaryTypes.String},
		{Name: "occupation", Type: arrow.BinaryTypes.String},
		{Name: "origin_year", Type: arrow.PrimitiveTypes.Int16},
		{Name: "year", Type: arrow.PrimitiveTypes.Int16},
		{Name: "h", Type: arrow.PrimitiveTypes.Int16},
	}
	for _, c := range rowColumns {
		fs = append(fs, arrow.Field{Name: c.name, Type: arrow.PrimitiveTypes.Float64, Nullable: true})
	}
	fs = append(fs,
		arrow.Field{Name: "class", Type: arrow.PrimitiveTypes.Int16, Nullable: true},
		arrow.Field{Name: "model", Type: arrow.BinaryTypes.String},
		arrow.Field{Name: "reason", Type: arrow.BinaryTypes.String},
		arrow.Field{Name: "path", Type: arrow.BinaryTypes.String},
		arrow.Field{Name: "ages", Type: arrow.BinaryTypes.String},
		arrow.Field{Name: "suppressed", Type: arrow.FixedWidthTypes.Boolean},
	)
	return arrow.NewSchema(fs, nil)
}

// record builds the Arrow record of rows. Suppressed rows keep their keys
// and lose every number; a balance without openings is null.
func record(mem memory.Allocator, rows []Row) arrow.RecordBatch {
	b := array.NewRecordBuilder(mem, rowsSchema())
	defer b.Release()
	for i := range rows {
		r := &rows[i]
		b.Field(0).(*array.StringBuilder).Append(r.Level)
		b.Field(1).(*array.StringBuilder).Append(r.Region)
		b.Field(2).(*array.StringBuilder).Append(r.RegionName)
		b.Field(3).(*array.Int16Builder).Append(int16(r.SSYKLevel))
		b.Field(4).(*array.StringBuilder).Append(r.SSYK)
		b.Field(5).(*array.StringBuilder).Append(r.Occupation)
		b.Field(6).(*array.Int16Builder).Append(int16(r.Origin))
		b.Field(7).(*array.Int16Builder).Append(int16(r.Origin + r.H))
		b.Field(8).(*array.Int16Builder).Append(int16(r.H))
		for j, c := range rowColumns {
			fb := b.Field(9 + j).(*array.Float64Builder)
			if v := c.get(r); r.Suppressed || math.IsNaN(v) || math.IsInf(v, 0) {
				fb.AppendNull()
			} else {
				fb.Append(v)
			}
		}
		n := 9 + len(rowColumns)
		if r.Suppressed || r.Class == 0 {
			b.Field(n).(*array.Int16Builder).AppendNull()
		} else {
			b.Field(n).(*array.Int16Builder).Append(int16(r.Class))
		}
		b.Field(n + 1).(*array.StringBuilder).Append(r.Model)
		b.Field(n + 2).(*array.StringBuilder).Append(r.Reason)
		b.Field(n + 3).(*array.StringBuilder).Append(r.Path)
		b.Field(n + 4).(*array.StringBuilder).Append(r.Ages)
		b.Field(n + 5).(*array.BooleanBuilder).Append(r.Suppressed)
	}
	return b.NewRecordBatch()
}

// Table is one of a forecast's output tables on the session's
// connection: its file name and the query that reads it in output order.
type Table struct {
	Name  string
	Query string
}

// Tables puts the forecast, the shortage list and the model choices on
// the session's connection as temporary tables and returns the queries
// that read them in output order, for package report/results to write.
func (res *Result) Tables(ctx context.Context, s Session) ([]Table, error) {
	rec := record(memory.DefaultAllocator, res.Rows)
	rr, err := array.NewRecordReader(rec.Schema(), []arrow.RecordBatch{rec})
	rec.Release()
	if err != nil {
		return nil, err
	}
	err = store.TempTable(ctx, s.Conn(), "forecast_rows", rr)
	rr.Release()
	if err != nil {
		return nil, err
	}
	if err := selectionTable(ctx, s, res); err != nil {
		return nil, err
	}
	// The shortage list ranks the occupations at the horizon.
	shortageList, err := render("shortage_list", templateParams{Horizon: res.Params.Horizon})
	if err != nil {
		return nil, err
	}
	return []Table{
		{FileForecast, "SELECT * FROM forecast_rows ORDER BY region_level, region, ssyk_level DESC, ssyk, h"},
		{FileShortage, shortageList},
		{FileSelection, "SELECT * FROM forecast_selection ORDER BY region_level, region, ssyk"},
	}, nil
}

// selectionTable writes forecast_selection: per base series the chosen
// model(s) with weights, the reason and every candidate's backtest MASE.
func selectionTable(ctx context.Context, s Session, res *Result) error {
	fs := []arrow.Field{
		{Name: "region_level", Type: arrow.BinaryTypes.String},
		{Name: "region", Type: arrow.BinaryTypes.String},
		{Name: "ssyk", Type: arrow.BinaryTypes.String},
		{Name: "model", Type: arrow.BinaryTypes.String},
		{Name: "weights", Type: arrow.BinaryTypes.String},
		{Name: "reason", Type: arrow.BinaryTypes.String},
		{Name: "origins", Type: arrow.PrimitiveTypes.Int16},
	}
	models := res.Backtest.Models
	for _, m := range models {
		fs = append(fs, arrow.Field{Name: "mase_" + m, Type: arrow.PrimitiveTypes.Float64, Nullable: true})
	}
	b := array.NewRecordBuilder(memory.DefaultAllocator, arrow.NewSchema(fs, nil))
	defer b.Release()
	for _, sel := range res.Selections {
		b.Field(0).(*array.StringBuilder).Append(sel.Level)
		b.Field(1).(*array.StringBuilder).Append(sel.Region)
		b.Field(2).(*array.StringBuilder).Append(sel.SSYK)
		b.Field(3).(*array.StringBuilder).Append(modelName(sel.Selected))
		var ws []string
		for _, w := range sel.Weights {
			ws = append(ws, fmt.Sprintf("%.4f", w))
		}
		b.Field(4).(*array.StringBuilder).Append(strings.Join(ws, "+"))
		b.Field(5).(*array.StringBuilder).Append(sel.Reason)
		b.Field(6).(*array.Int16Builder).Append(int16(sel.Origins))
		for j, m := range models {
			fb := b.Field(7 + j).(*array.Float64Builder)
			if v, ok := sel.MASE[m]; ok && !math.IsNaN(v) && !math.IsInf(v, 0) {
				fb.Append(v)
			} else {
				fb.AppendNull()
			}
		}
	}
	rec := b.NewRecordBatch()
	defer rec.Release()
	rr, err := array.NewRecordReader(rec.Schema(), []arrow.RecordBatch{rec})
	if err != nil {
		return err
	}
	defer rr.Release()
	return store.TempTable(ctx, s.Conn(), "forecast_selection", rr)
}
