// Package results writes what lmi computes (the indicator families' result
// tables, the forecast, the backtest's scores) as lmi's output files,
// Parquet and CSV, from the tables the computing packages leave on a
// session's connection. Every file is replaced atomically and durably
// (internal/atomicfile) and logged in the store's outputs table.
package results

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"

	"lmi/forecast"
	"lmi/forecast/ts"
	"lmi/indicators"
	"lmi/report"
	"lmi/report/csvout"
	"lmi/store"
)

// Options say how results are written.
type Options struct {
	// Dialect is the CSV dialect (report/csvout); the zero value is lmi's
	// default, which DuckDB writes itself.
	Dialect csvout.Dialect
	// DB, when set, logs every file written in its outputs table.
	DB *store.DB
}

func (o Options) dialect() csvout.Dialect {
	if o.Dialect.Name == "" {
		return csvout.Default
	}
	return o.Dialect
}

// Write writes the rows of query, ordered, as NAME.parquet and NAME.csv in
// dir, logged as outputs of family. It returns the paths and the rows.
func Write(ctx context.Context, db report.DB, query, dir, name, family string, o Options) ([]string, int64, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, 0, err
	}
	var paths []string
	var rows int64
	for _, ext := range []string{".parquet", ".csv"} {
		path := filepath.Join(dir, name+ext)
		n, err := writeOne(ctx, db, query, path, name, o)
		if err != nil {
			return nil, 0, err
		}
		if o.DB != nil {
			if err := o.DB.RecordOutput(ctx, path, family, n); err != nil {
				return nil, 0, err
			}
		}
		paths, rows = append(paths, path), n
	}
	return paths, rows, nil
}

func writeOne(ctx context.Context, db report.DB, query, path, name string, o Options) (int64, error) {
	d := o.dialect()
	if filepath.Ext(path) == ".parquet" || d.Name == csvout.Default.Name {
		return report.Export(ctx, db, query, path)
	}
	t, rows, err := report.QueryTable(ctx, db, name, query)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n, err := csvout.WriteFile(path, t, d)
	if err != nil {
		return 0, fmt.Errorf("export %s: %w", path, err)
	}
	return n, nil
}

// Families returns a writer for indicators.Params.Write: each family's
// result table, as soon as it is computed, to dir as FAMILY.parquet and
// FAMILY.csv, sorted.
func Families(dir string, o Options) indicators.Writer {
	return func(ctx context.Context, s *indicators.Session, fr indicators.FamilyResult) ([]string, error) {
		query := "SELECT * FROM " + fr.Table + " ORDER BY " + indicators.OutputOrder(fr.Dims)
		paths, _, err := Write(ctx, s.Conn(), query, dir, fr.Family, fr.Family, o)
		return paths, err
	}
}

// WriteFamilies writes every family of res (its result tables on s) to
// dir, and returns the paths.
func WriteFamilies(ctx context.Context, s *indicators.Session, res *indicators.Result, dir string, o Options) ([]string, error) {
	w := Families(dir, o)
	var paths []string
	for _, fr := range res.Families {
		p, err := w(ctx, s, fr)
		if err != nil {
			return nil, err
		}
		paths = append(paths, p...)
	}
	return paths, nil
}

// WriteForecast writes the forecast, the shortage list and the model
// choices (forecast.Result.Tables) to dir, and returns the paths.
func WriteForecast(ctx context.Context, s forecast.Session, res *forecast.Result, dir string, o Options) ([]string, error) {
	tables, err := res.Tables(ctx, s)
	if err != nil {
		return nil, err
	}
	var paths []string
	for _, t := range tables {
		p, _, err := Write(ctx, s.Conn(), t.Query, dir, t.Name, "forecast", o)
		if err != nil {
			return nil, err
		}
		paths = append(paths, p...)
	}
	return paths, nil
}

// WriteScores writes a backtest's scores as CSV to path, one line per
// series (named by keys, in the order of m.Series) and model: the
// forecasts scored, MASE, directional accuracy, the 80% interval's
// coverage and scaled Winkler score, to three decimals.
func WriteScores(path string, keys []string, m *ts.Metrics) (int64, error) {
	cols := []report.Column{{Key: "series"}, {Key: "model"}, {Key: "forecasts", Kind: report.KindCount},
		{Key: "mase", Kind: report.KindDecimal, Decimals: 3}, {Key: "directional", Kind: report.KindDecimal, Decimals: 3},
		{Key: "coverage80", Kind: report.KindDecimal, Decimals: 3}, {Key: "winkler80", Kind: report.KindDecimal, Decimals: 3}}
	var rows [][]report.Cell
	for i, s := range m.Series {
		for j, name := range m.Models {
			a := s[j].All
			cov, wk := math.NaN(), math.NaN()
			if len(a.Intervals) > 0 {
				cov, wk = a.Intervals[0].Coverage, a.Intervals[0].Winkler
			}
			rows = append(rows, []report.Cell{report.Str(keys[i]), report.Str(name), report.Num(float64(a.Forecasts)),
				report.Num(a.MASE), report.Num(a.Directional), report.Num(cov), report.Num(wk)})
		}
	}
	d := csvout.Default
	d.Rounded = true
	return csvout.WriteFile(path, &report.Table{Name: "scores", Columns: cols, Rows: report.SliceRows(rows)}, d)
}
