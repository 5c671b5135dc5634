package results

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"lmi/indicators"
	"lmi/report"
	"lmi/report/publish"
)

// Metadata copies the metadata of a catalog's indicators and families
// (nil: lmi's built-in catalog), and of the own indicators given, into
// report/publish's form: labels, units, method sections and versions
// from each indicator's SQL header, titles, descriptions, dimensions and
// headlines from each family's family.toml.
func Metadata(c *indicators.Catalog, own ...*indicators.Indicator) ([]publish.Indicator, []publish.Family) {
	if c == nil {
		c = indicators.Builtin()
	}
	var inds []publish.Indicator
	for _, ind := range append(c.All(), own...) {
		inds = append(inds, publish.Indicator{Name: ind.Name, Label: ind.Label, Unit: ind.Unit, Family: ind.Family,
			Section: ind.Section, Version: ind.Version, Description: ind.Description})
	}
	var fams []publish.Family
	for _, f := range c.FamilyInfos() {
		fams = append(fams, publish.Family{Name: f.Name, Title: f.Title, Description: f.Description,
			Dimensions: f.Dimensions, Headline: f.Headline})
	}
	return inds, fams
}

// Publish writes the workbook and the report (report/publish.Build) of the
// outputs in in.Dirs, the indicator and family metadata from lmi's
// registry when in has none. report/publish reads CSV in lmi's default
// dialect: a folder whose CSV files are in another (a BOM marks
// excel-sv) is read from its Parquet files instead, each copied as CSV
// in the default dialect, by db, into a temporary folder that is removed
// afterwards. db may be nil when every folder is in the default dialect.
func Publish(ctx context.Context, db report.DB, in publish.Input) (publish.Files, error) {
	if in.Indicators == nil && in.Families == nil {
		in.Indicators, in.Families = Metadata(nil)
	}
	dirs := make([]string, len(in.Dirs))
	for i, dir := range in.Dirs {
		other, err := otherDialect(dir)
		if err != nil {
			return publish.Files{}, err
		}
		if !other {
			dirs[i] = dir
			continue
		}
		if db == nil {
			return publish.Files{}, fmt.Errorf("%s: CSV files in a dialect other than the default, and no database to read the Parquet files with", dir)
		}
		tmp, err := os.MkdirTemp(in.TmpDir, "lmi-report-csv-*")
		if err != nil {
			return publish.Files{}, err
		}
		defer os.RemoveAll(tmp)
		if err := defaultCSVs(ctx, db, dir, tmp); err != nil {
			return publish.Files{}, err
		}
		dirs[i] = tmp
	}
	in.Dirs = dirs
	return publish.Build(in)
}

// utf8BOM starts every CSV file of the excel-sv dialect; lmi's default
// dialect has none.
var utf8BOM = []byte("\xef\xbb\xbf")

// otherDialect reports whether a CSV file of dir starts with a BOM.
func otherDialect(dir string) (bool, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.csv"))
	if err != nil {
		return false, err
	}
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			return false, err
		}
		head := make([]byte, len(utf8BOM))
		_, err = io.ReadFull(fh, head)
		fh.Close()
		if err == nil && bytes.Equal(head, utf8BOM) {
			return true, nil
		}
	}
	return false, nil
}

// defaultCSVs writes each CSV file of dir that has a Parquet twin to tmp
// as CSV in the default dialect, from the Parquet file.
func defaultCSVs(ctx context.Context, db report.DB, dir, tmp string) error {
	files, err := filepath.Glob(filepath.Join(dir, "*.csv"))
	if err != nil {
		return err
	}
	for _, f := range files {
		pq := strings.TrimSuffix(f, filepath.Ext(f)) + ".parquet"
		if _, err := os.Stat(pq); err != nil {
			continue
		}
		query := "SELECT * FROM read_parquet('" + strings.ReplaceAll(pq, "'", "''") + "')"
		if _, err := report.Export(ctx, db, query, filepath.Join(tmp, filepath.Base(f))); err != nil {
			return err
		}
	}
	return nil
}
