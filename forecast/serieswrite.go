package forecast

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"lmi/forecast/ts/panel"
	"lmi/store"
)

// levelName is a level as a column suffix: 0.8 is "80", 0.875 "87_5".
func levelName(l float64) string {
	return strings.ReplaceAll(fmt.Sprintf("%g", math.Round(l*1000)/10), ".", "_")
}

// appendFloat appends v, or null when it is not finite.
func appendFloat(b *array.Float64Builder, v float64) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		b.AppendNull()
		return
	}
	b.Append(v)
}

// Tables puts the series forecast and its models' backtest scores on
// conn as temporary tables and returns the queries that read them in
// output order: FileForecast (one row per series and step) and
// FileSelection (one row per time axis, model and step), for package
// report/results to write.
func (r *SeriesResult) Tables(ctx context.Context, conn *sql.Conn) ([]Table, error) {
	if err := tempTable(ctx, conn, "series_forecast", r.forecastRecord()); err != nil {
		return nil, err
	}
	if err := tempTable(ctx, conn, "series_models", r.modelsRecord()); err != nil {
		return nil, err
	}
	return []Table{
		{FileForecast, "SELECT * FROM series_forecast ORDER BY series, h"},
		{FileSelection, "SELECT * FROM series_models ORDER BY periods, model, h"},
	}, nil
}

func tempTable(ctx context.Context, conn *sql.Conn, name string, rec arrow.RecordBatch) error {
	defer rec.Release()
	rr, err := array.NewRecordReader(rec.Schema(), []arrow.RecordBatch{rec})
	if err != nil {
		return err
	}
	defer rr.Release()
	return store.TempTable(ctx, conn, name, rr)
}

func (r *SeriesResult) forecastRecord() arrow.RecordBatch {
	fs := []arrow.Field{
		{Name: "series", Type: arrow.BinaryTypes.String},
		{Name: "origin", Type: arrow.BinaryTypes.String},
		{Name: "period", Type: arrow.BinaryTypes.String},
		{Name: "h", Type: arrow.PrimitiveTypes.Int16},
		{Name: "last", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
		{Name: "forecast", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
	}
	for _, l := range r.Params.Levels {
		fs = append(fs,
			arrow.Field{Name: "lower_" + levelName(l), Type: arrow.PrimitiveTypes.Float64, Nullable: true},
			arrow.Field{Name: "upper_" + levelName(l), Type: arrow.PrimitiveTypes.Float64, Nullable: true})
	}
	fs = append(fs, arrow.Field{Name: "model", Type: arrow.BinaryTypes.String}, arrow.Field{Name: "reason", Type: arrow.BinaryTypes.String})
	b := array.NewRecordBuilder(memory.DefaultAllocator, arrow.NewSchema(fs, nil))
	defer b.Release()
	for _, row := range r.Rows {
		b.Field(0).(*array.StringBuilder).Append(row.Key)
		b.Field(1).(*array.StringBuilder).Append(row.Origin.String())
		b.Field(2).(*array.StringBuilder).Append(row.Target.String())
		b.Field(3).(*array.Int16Builder).Append(int16(row.H))
		appendFloat(b.Field(4).(*array.Float64Builder), row.Last)
		appendFloat(b.Field(5).(*array.Float64Builder), row.Forecast)
		for l := range r.Params.Levels {
			appendFloat(b.Field(6+2*l).(*array.Float64Builder), row.Lower[l])
			appendFloat(b.Field(7+2*l).(*array.Float64Builder), row.Upper[l])
		}
		n := 6 + 2*len(r.Params.Levels)
		b.Field(n).(*array.StringBuilder).Append(row.Model)
		b.Field(n + 1).(*array.StringBuilder).Append(row.Reason)
	}
	return b.NewRecordBatch()
}

// Periods names a group's time axis: "2020-01..2024-01".
func (g SeriesGroup) Periods() string { return g.First.String() + ".." + g.Last.String() }

// Chosen says whether model is published at step h (at any step when h
// is 0).
func (g SeriesGroup) Chosen(model string, h int) bool {
	for k, ms := range g.Choice.Models {
		if (h == 0 || h == k+1) && slices.Contains(ms, model) {
			return true
		}
	}
	return false
}

func (r *SeriesResult) modelsRecord() arrow.RecordBatch {
	fs := []arrow.Field{
		{Name: "periods", Type: arrow.BinaryTypes.String},
		{Name: "model", Type: arrow.BinaryTypes.String},
		{Name: "h", Type: arrow.PrimitiveTypes.Int16},
		{Name: "chosen", Type: arrow.FixedWidthTypes.Boolean},
		{Name: "forecasts", Type: arrow.PrimitiveTypes.Int64},
		{Name: "mase", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
		{Name: "naive_mase", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
		{Name: "ratio", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
		{Name: "directional", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
	}
	for _, l := range r.Params.Levels {
		fs = append(fs,
			arrow.Field{Name: "coverage_" + levelName(l), Type: arrow.PrimitiveTypes.Float64, Nullable: true},
			arrow.Field{Name: "winkler_" + levelName(l), Type: arrow.PrimitiveTypes.Float64, Nullable: true})
	}
	b := array.NewRecordBuilder(memory.DefaultAllocator, arrow.NewSchema(fs, nil))
	defer b.Release()
	for _, g := range r.Groups {
		c := g.Scores
		all := len(c.Groups) - 1
		for m, name := range c.Models {
			for h, s := range c.Cells[m][all] {
				b.Field(0).(*array.StringBuilder).Append(g.Periods())
				b.Field(1).(*array.StringBuilder).Append(name)
				b.Field(2).(*array.Int16Builder).Append(int16(h))
				b.Field(3).(*array.BooleanBuilder).Append(name != panel.Published && g.Chosen(name, h))
				b.Field(4).(*array.Int64Builder).Append(int64(s.Forecasts))
				appendFloat(b.Field(5).(*array.Float64Builder), s.MASE)
				appendFloat(b.Field(6).(*array.Float64Builder), s.RefMASE)
				appendFloat(b.Field(7).(*array.Float64Builder), s.Ratio)
				appendFloat(b.Field(8).(*array.Float64Builder), s.Directional)
				for l, iv := range s.Intervals {
					appendFloat(b.Field(9+2*l).(*array.Float64Builder), iv.Coverage)
					appendFloat(b.Field(10+2*l).(*array.Float64Builder), iv.Winkler)
				}
			}
		}
	}
	return b.NewRecordBatch()
}
