package results

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"lmi/forecast"
	"lmi/report"
	"lmi/report/csvout"
)

// The agreement files' names in the output folder.
const (
	AgreementFile        = "agreement.csv"
	AgreementSummaryFile = "agreement_summary.csv"
)

// WriteAgreement writes how lmi's balance classes agree with the
// publishers' (forecast.Agreements) to dir: agreement.csv, one line per
// region x SSYK 4 pair both classed, and agreement_summary.csv, one line
// per publisher, round and measure with the pairs, Cohen's kappa and the
// confusion matrix. Each file is replaced atomically and logged as an
// output of the forecast. With no agreements, the files of an earlier
// run are removed rather than left to be read as this run's.
func WriteAgreement(ctx context.Context, dir string, as []forecast.Agreement, o Options) ([]string, error) {
	pairs, summary := filepath.Join(dir, AgreementFile), filepath.Join(dir, AgreementSummaryFile)
	if len(as) == 0 {
		for _, p := range []string{pairs, summary} {
			if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return nil, err
			}
		}
		return nil, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var paths []string
	for _, t := range []struct {
		path  string
		table *report.Table
	}{{pairs, agreementPairs(as)}, {summary, agreementSummary(as)}} {
		d := o.dialect()
		d.Rounded = true // kappa to three decimals
		n, err := csvout.WriteFile(t.path, t.table, d)
		if err != nil {
			return nil, fmt.Errorf("write %s: %w", t.path, err)
		}
		if o.DB != nil {
			if err := o.DB.RecordOutput(ctx, t.path, "forecast", n); err != nil {
				return nil, err
			}
		}
		paths = append(paths, t.path)
	}
	return paths, nil
}

// agreementPairs is one row per pair compared; lmi's class is on the
// publisher's scale (collapsed to three classes for yrkesbarometer).
func agreementPairs(as []forecast.Agreement) *report.Table {
	cols := []report.Column{{Key: "publisher"}, {Key: "round"}, {Key: "measure"}, {Key: "h", Kind: report.KindCount},
		{Key: "region_level"}, {Key: "region"}, {Key: "ssyk4"}, {Key: "occupations"},
		{Key: "lmi_class", Kind: report.KindCount}, {Key: "their_class", Kind: report.KindCount}}
	var rows [][]report.Cell
	for _, a := range as {
		for _, p := range a.Pairs {
			rows = append(rows, []report.Cell{report.Str(a.Publisher), report.Str(a.Round), report.Str(a.Measure),
				report.Num(float64(a.H)), report.Str(p.Level), report.Str(p.Region), report.Str(p.SSYK),
				report.Str(strings.Join(p.Occupations, ";")), report.Num(float64(p.Ours)), report.Num(float64(p.Theirs))})
		}
	}
	return &report.Table{Name: "agreement", Columns: cols, Rows: report.SliceRows(rows)}
}

// agreementSummary is one row per publisher, round and measure: the
// years compared, the scale's classes, the pairs, the kappas and the
// confusion matrix as columns lmiI_themJ (lmi's class I, the
// publisher's J; on a three-class scale lmi's classes collapsed, and
// classes 4 and 5 blank).
func agreementSummary(as []forecast.Agreement) *report.Table {
	cols := []report.Column{{Key: "publisher"}, {Key: "round"}, {Key: "round_year", Kind: report.KindCount},
		{Key: "measure"}, {Key: "classes", Kind: report.KindCount}, {Key: "origin", Kind: report.KindCount}, {Key: "h", Kind: report.KindCount},
		{Key: "pairs", Kind: report.KindCount}, {Key: "agree", Kind: report.KindCount}, {Key: "ambiguous", Kind: report.KindCount},
		{Key: "kappa", Kind: report.KindDecimal, Decimals: 3}, {Key: "weighted_kappa", Kind: report.KindDecimal, Decimals: 3}}
	for i := 1; i <= 5; i++ {
		for j := 1; j <= 5; j++ {
			cols = append(cols, report.Column{Key: "lmi" + strconv.Itoa(i) + "_them" + strconv.Itoa(j), Kind: report.KindCount})
		}
	}
	var rows [][]report.Cell
	for _, a := range as {
		agree := 0
		for i := range a.Matrix {
			agree += a.Matrix[i][i]
		}
		year := report.Cell{} // blank: the round names no year
		if a.RoundYear > 0 {
			year = report.Num(float64(a.RoundYear))
		}
		r := []report.Cell{report.Str(a.Publisher), report.Str(a.Round), year, report.Str(a.Measure),
			report.Num(float64(a.Classes)), report.Num(float64(a.Origin)), report.Num(float64(a.H)), report.Num(float64(a.N)), report.Num(float64(agree)),
			report.Num(float64(a.Ambiguous)), report.Num(a.Kappa), report.Num(a.WeightedKappa)}
		for i := range a.Matrix {
			for j := range a.Matrix[i] {
				if i >= a.Classes || j >= a.Classes {
					r = append(r, report.Cell{}) // not on a three-class scale: blank
					continue
				}
				r = append(r, report.Num(float64(a.Matrix[i][j])))
			}
		}
		rows = append(rows, r)
	}
	return &report.Table{Name: "agreement_summary", Columns: cols, Rows: report.SliceRows(rows)}
}
