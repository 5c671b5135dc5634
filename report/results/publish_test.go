package results

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lmi/indicators"
	"lmi/report/csvout"
	"lmi/report/publish"
	"lmi/store"
)

// TestMetadata: labels, units and sections from the indicators' headers,
// titles and headlines from family.toml, own indicators added.
func TestMetadata(t *testing.T) {
	own := &indicators.Indicator{Name: "eget", Label: "Eget mått", Unit: "procent", Family: "matching", Section: "2", Version: 3}
	inds, fams := Metadata(nil, own)
	if len(inds) != len(indicators.All())+1 || len(fams) != len(indicators.Families()) {
		t.Fatalf("%d indicators and %d families", len(inds), len(fams))
	}
	byName := map[string]publish.Indicator{}
	for _, ind := range inds {
		byName[ind.Name] = ind
	}
	want := publish.Indicator{Name: "beveridge_u", Label: "Arbetslöshet, Beveridgepunkt (u = U/(E+U))", Unit: "andel",
		Family: "beveridge", Section: "4", Version: 1,
		Description: "Average monthly registered job seekers over employment plus job seekers."}
	if got := byName["beveridge_u"]; got != want {
		t.Errorf("beveridge_u: %+v\nwant %+v", got, want)
	}
	if got := byName["eget"]; got.Label != "Eget mått" || got.Version != 3 {
		t.Errorf("own indicator: %+v", got)
	}
	m := fams[0]
	if m.Name != "matching" || m.Title != "Matchning mellan utbildning och yrke" || m.Headline != "matchningsgrad" ||
		strings.Join(m.Dimensions, ",") != "edu_group,sex,birth_region" || !strings.HasPrefix(m.Description, "Persons in the age band") {
		t.Errorf("matching: %+v", m)
	}
}

// TestPublishExcelSv: outputs in the excel-sv dialect are read from their
// Parquet twins; without a database that is an error.
func TestPublishExcelSv(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	dir := t.TempDir()
	const query = `SELECT * FROM (VALUES
		('beveridge_u', 1, '2024', 'lan', '25', 'Norrbottens län', 0.0437, NULL::BIGINT, NULL::BIGINT, 1200, false),
		('beveridge_u', 1, '2024', 'riket', '00', 'Riket', 0.0351, NULL, NULL, 90000, false))
		AS t(indicator, version, period, region_level, region, region_name, value, numerator, denominator, n, suppressed)`
	if _, _, err := Write(ctx, db.SQL(), query, dir, "beveridge", "beveridge", Options{Dialect: csvout.ExcelSv}); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	in := publish.Input{Dirs: []string{dir}, OutDir: out, TmpDir: out}
	if _, err := Publish(ctx, nil, in); err == nil || !strings.Contains(err.Error(), "no database to read the Parquet files") {
		t.Errorf("without a database: %v", err)
	}
	files, err := Publish(ctx, db.SQL(), in)
	if err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(files.Report)
	if err != nil {
		t.Fatal(err)
	}
	// 0,044 and 0,035: shares to three decimals, in Swedish; the title
	// from family.toml, the label from the indicator's header.
	for _, want := range []string{"Beveridgekurvan", "Arbetslöshet, Beveridgepunkt (u = U/(E+U))", `data-value="0.0437"`, "0,044", "0,035"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if len(files.Read) != 1 || files.Read[0].Rows != 2 {
		t.Errorf("read %+v", files.Read)
	}
	// The temporary CSV copies are gone.
	if left, _ := filepath.Glob(filepath.Join(out, "lmi-report-csv-*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
	if _, err := os.Stat(files.Workbook); err != nil {
		t.Error(err)
	}
}
