package check

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"lmi/codes"
	"lmi/disclosure/tables"
)

// outputDir finds the folder holding the family files: dir itself, or
// its outputs/ or indicators/ subfolder.
func outputDir(dir string, fams []*tables.Family) (string, []string, error) {
	for _, d := range []string{dir, filepath.Join(dir, "outputs"), filepath.Join(dir, "indicators")} {
		var files []string
		for _, f := range fams {
			for _, ext := range []string{".parquet", ".csv"} {
				p := filepath.Join(d, f.Name+ext)
				if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
					files = append(files, p)
					break
				}
			}
		}
		if len(files) > 0 {
			return d, files, nil
		}
	}
	return "", nil, fmt.Errorf("%w in %s (nor in its outputs or indicators folder)", ErrNoOutputs, quote(dir))
}

// ErrNoOutputs is returned for a folder without any family's output.
var ErrNoOutputs = errors.New("no indicator family's output")

// quote quotes a user's value for a message, cut to a length.
func quote(s string) string {
	const max = 120
	if len(s) > max {
		s = s[:max] + "..."
	}
	return fmt.Sprintf("%q", s)
}

// manifest is what the check reads of a run folder's manifest.json.
type manifest struct {
	SpecFile string `json:"spec_file"`
	Spec     struct {
		Groupings []string `json:"groupings"`
	} `json:"spec"`
	Parameters struct {
		K *int `json:"k"`
	} `json:"parameters"`
}

// readManifest reads dir/manifest.json when there is one: k and the
// groupings, each loaded from its path as recorded (relative paths
// against the spec file's folder). A grouping that does not load is a
// note, not an error.
func readManifest(dir string) (k int, gs []*codes.Grouping, notes []string) {
	b, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		return 0, nil, nil
	}
	var m manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return 0, nil, []string{"manifest.json does not read as a run manifest; k and groupings not taken from it"}
	}
	if m.Parameters.K != nil {
		k = *m.Parameters.K
	}
	for _, p := range m.Spec.Groupings {
		path := filepath.FromSlash(p)
		if !filepath.IsAbs(path) && m.SpecFile != "" {
			path = filepath.Join(filepath.Dir(filepath.FromSlash(m.SpecFile)), path)
		}
		g, err := codes.LoadGrouping(path)
		if err != nil {
			notes = append(notes, fmt.Sprintf("grouping %s from the manifest does not load", quote(p)))
			continue
		}
		gs = append(gs, g)
	}
	return k, gs, notes
}

// readFamily collects the rows of one family's output file.
func readFamily(ctx context.Context, db *sql.DB, path string, f *tables.Family, periods []string, c *tables.Collector) error {
	cols, err := columns(ctx, db, path)
	if err != nil {
		return err
	}
	need := append([]string{"indicator", "region_level", "region", "period", "numerator", "denominator", "suppressed"}, f.Dims...)
	for _, n := range need {
		if !slices.Contains(cols, n) {
			return fmt.Errorf("%s: %w: no column %s (lmi's CSV in the excel-sv dialect is not read: check the Parquet files)", quote(path), ErrNotOutput, quote(n))
		}
	}
	reason := "NULL"
	if slices.Contains(cols, "reason") {
		reason = "reason"
	}
	sel := []string{"CAST(indicator AS VARCHAR)", "CAST(region_level AS VARCHAR)", "CAST(region AS VARCHAR)", "CAST(period AS VARCHAR)",
		"CAST(numerator AS DOUBLE)", "CAST(denominator AS DOUBLE)", "coalesce(CAST(suppressed AS BOOLEAN), false)", "CAST(" + reason + " AS VARCHAR)"}
	for _, d := range f.Dims {
		sel = append(sel, "CAST("+ident(d)+" AS VARCHAR)")
	}
	q := "SELECT " + strings.Join(sel, ", ") + " FROM " + source(path)
	if len(periods) > 0 {
		q += " WHERE CAST(period AS VARCHAR) IN (" + sqlList(periods) + ")"
	}
	q += " ORDER BY ALL"
	rows, err := db.QueryContext(ctx, q)
	if err != nil {
		return fmt.Errorf("%s: %w", quote(path), err)
	}
	defer rows.Close()
	dims := make([]sql.NullString, len(f.Dims))
	for rows.Next() {
		var r tables.Row
		var num, den sql.NullFloat64
		var why sql.NullString
		dest := []any{&r.Indicator, &r.Level, &r.Region, &r.Period, &num, &den, &r.Suppressed, &why}
		for i := range dims {
			dest = append(dest, &dims[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return fmt.Errorf("%s: %w", quote(path), err)
		}
		r.Num, r.Den = orNaN(num), orNaN(den)
		r.Dims = make([]string, len(dims))
		for i, d := range dims {
			r.Dims[i] = d.String
		}
		r.Primary = strings.HasPrefix(why.String, "primary")
		r.Reasoned = why.Valid && why.String != ""
		if _, _, err := c.Add(f.Name, r); err != nil {
			return fmt.Errorf("%s: %w", quote(path), err)
		}
	}
	return rows.Err()
}

// ErrNotOutput is returned for a file that is not one of lmi's family
// outputs.
var ErrNotOutput = errors.New("not an lmi indicator output")

func columns(ctx context.Context, db *sql.DB, path string) ([]string, error) {
	rows, err := db.QueryContext(ctx, "DESCRIBE SELECT * FROM "+source(path))
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %w", quote(path), ErrNotOutput, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		vals := make([]any, 6)
		for i := range vals {
			vals[i] = new(any)
		}
		if err := rows.Scan(vals...); err != nil {
			return nil, err
		}
		out = append(out, fmt.Sprint(*vals[0].(*any)))
	}
	return out, rows.Err()
}

// source reads a Parquet file, or a CSV file in lmi's default dialect with
// every column as text.
func source(path string) string {
	lit := "'" + strings.ReplaceAll(path, "'", "''") + "'"
	if strings.EqualFold(filepath.Ext(path), ".parquet") {
		return "read_parquet(" + lit + ")"
	}
	return "read_csv(" + lit + ", header = true, all_varchar = true)"
}

func ident(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

func sqlList(vs []string) string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = "'" + strings.ReplaceAll(v, "'", "''") + "'"
	}
	return strings.Join(out, ", ")
}

func orNaN(x sql.NullFloat64) float64 {
	if !x.Valid {
		return math.NaN()
	}
	return x.Float64
}
