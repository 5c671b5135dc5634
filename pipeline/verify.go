package pipeline

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	_ "embed"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"lmi/store"
)

// Check statuses.
const (
	StatusSame      = "same"      // inputs: unchanged
	StatusChanged   = "changed"   // inputs: another SHA-256
	StatusMissing   = "missing"   // the file is gone
	StatusIdentical = "identical" // outputs: byte for byte
	StatusDiffers   = "differs"   // outputs: not the same bytes
	StatusExtra     = "extra"     // outputs: the re-run wrote a file the manifest does not list
)

// VerifyReport is what Verify found.
type VerifyReport struct {
	RunDir  string
	Inputs  []InputCheck
	Outputs []OutputCheck
	ReRun   bool     // false when inputs were missing or changed and nothing was re-run
	Notes   []string // differences in software versions and the like: not failures
}

// InputCheck is one file the run read: an extract, a taxonomy dump, a
// grouping, an own indicator file or the match map.
type InputCheck struct {
	Kind      string // input, taxonomy, grouping, own_sql, map_file
	Path      string // as in the manifest
	Status    string // same, changed, missing
	OldSHA256 string
	NewSHA256 string
}

// OutputCheck is one output file.
type OutputCheck struct {
	Path           string // relative to the run folder
	Status         string // identical, differs, missing, extra
	RecordedSHA256 string // in the manifest
	CurrentSHA256  string // of the file in the run folder now
	RerunSHA256    string // of the re-run's file ("" when not re-run)
	// CSV: the first differing line (1 = header) and both lines; the
	// run folder's first.
	Line                   int
	CurrentLine, RerunLine string
	// Parquet: the first differing row (1-based, by file row number), 0
	// when not found.
	Row    int64
	Detail string
}

// OK reports whether every input is unchanged and every output identical.
func (r *VerifyReport) OK() bool {
	for _, c := range r.Inputs {
		if c.Status != StatusSame {
			return false
		}
	}
	for _, c := range r.Outputs {
		if c.Status != StatusIdentical {
			return false
		}
	}
	return r.ReRun
}

// Write prints the report: every problem, then a one-line verdict.
func (r *VerifyReport) Write(w io.Writer) {
	for _, c := range r.Inputs {
		switch c.Status {
		case StatusMissing:
			fmt.Fprintf(w, "%s %s: missing (recorded sha256 %s)\n", c.Kind, c.Path, c.OldSHA256)
		case StatusChanged:
			fmt.Fprintf(w, "%s %s: changed: sha256 was %s, is %s\n", c.Kind, c.Path, c.OldSHA256, c.NewSHA256)
		}
	}
	if !r.ReRun {
		fmt.Fprintf(w, "not re-run: inputs differ from the manifest\n")
	}
	for _, c := range r.Outputs {
		switch c.Status {
		case StatusIdentical:
			continue
		case StatusMissing:
			fmt.Fprintf(w, "output %s: missing from the run folder\n", c.Path)
		case StatusExtra:
			fmt.Fprintf(w, "output %s: written by the re-run but not in the manifest\n", c.Path)
		default:
			fmt.Fprintf(w, "output %s: differs", c.Path)
			if c.RerunSHA256 != "" {
				fmt.Fprintf(w, ": sha256 %s in the run folder, %s re-run", c.CurrentSHA256, c.RerunSHA256)
			} else {
				fmt.Fprintf(w, ": sha256 %s in the run folder, %s recorded", c.CurrentSHA256, c.RecordedSHA256)
			}
			fmt.Fprintln(w)
			if c.Line > 0 {
				fmt.Fprintf(w, "  first difference at line %d\n  run folder: %s\n  re-run:     %s\n", c.Line, c.CurrentLine, c.RerunLine)
			}
			if c.Row > 0 {
				fmt.Fprintf(w, "  first differing row: %d\n", c.Row)
			}
			if c.Detail != "" {
				fmt.Fprintf(w, "  %s\n", c.Detail)
			}
		}
	}
	for _, n := range r.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
	if r.OK() {
		fmt.Fprintf(w, "%s: identical: %d inputs unchanged, %d outputs reproduced byte for byte\n", r.RunDir, len(r.Inputs), len(r.Outputs))
	} else {
		fmt.Fprintf(w, "%s: DIFFERS\n", r.RunDir)
	}
}

// Verify checks a finished run: every file it read still has the recorded
// SHA-256, and a re-run from the manifest, in a temporary folder with a
// fresh database, writes the same bytes as the outputs in the run folder.
// A query input is re-loaded from the copy the run fetched into its
// folder (its hash checked like a file's), so no network is needed.
// The error is for a run that cannot be checked (no manifest, the re-run
// failed); differences are in the report.
func Verify(ctx context.Context, runDir string) (*VerifyReport, error) {
	return VerifyWith(ctx, runDir, Options{})
}

// VerifyWith is Verify with execution options for the re-run; zero
// options re-run the way the manifest records.
func VerifyWith(ctx context.Context, runDir string, opts Options) (*VerifyReport, error) {
	m, err := ReadManifest(runDir)
	if err != nil {
		return nil, err
	}
	rep := &VerifyReport{RunDir: runDir}
	check := func(kind, path, old string) {
		c := InputCheck{Kind: kind, Path: path, OldSHA256: old, Status: StatusSame}
		sum, _, err := hashFile(resolve(runDir, path))
		switch {
		case os.IsNotExist(err):
			c.Status = StatusMissing
		case err != nil:
			c.Status, c.NewSHA256 = StatusMissing, "unreadable: "+err.Error()
		case sum != old:
			c.Status, c.NewSHA256 = StatusChanged, sum
		default:
			c.NewSHA256 = sum
		}
		rep.Inputs = append(rep.Inputs, c)
	}
	taxonomies := map[string]bool{}
	for _, in := range m.Inputs {
		check("input", in.Path, in.SHA256)
		if in.Taxonomy != "" && !taxonomies[in.Taxonomy] {
			taxonomies[in.Taxonomy] = true
			check(KindTaxonomy, in.Taxonomy, in.TaxonomySHA256)
		}
	}
	for _, g := range m.Parameters.Groupings {
		check("grouping", g.Path, g.SHA256)
	}
	for _, f := range m.Parameters.OwnSQL {
		check("own_sql", f.Path, f.SHA256)
	}
	if k := m.Parameters.MatchKey; k.MapFile != "" {
		check("map_file", k.MapFile, k.MapFileSHA256)
	}

	rep.ReRun = !slices.ContainsFunc(rep.Inputs, func(c InputCheck) bool { return c.Status != StatusSame })
	if !rep.ReRun {
		// Still say whether the outputs are the ones recorded.
		for _, o := range m.Outputs {
			c := OutputCheck{Path: o.Path, RecordedSHA256: o.SHA256, Status: StatusIdentical}
			sum, _, err := hashFile(resolve(runDir, o.Path))
			switch {
			case err != nil:
				c.Status, c.Detail = StatusMissing, err.Error()
			case sum != o.SHA256:
				c.Status, c.CurrentSHA256 = StatusDiffers, sum
			default:
				c.CurrentSHA256 = sum
			}
			rep.Outputs = append(rep.Outputs, c)
		}
		return rep, nil
	}

	spec, err := specFromManifest(m, runDir)
	if err != nil {
		return nil, fmt.Errorf("re-run: %w", err)
	}
	tmp, err := os.MkdirTemp("", "lmi-verify-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	if opts.Threads == 0 {
		opts.Threads = m.Execution.DuckDBThreads
	}
	again, err := execute(ctx, spec, tmp, opts)
	if err != nil {
		return nil, fmt.Errorf("re-run: %w", err)
	}
	sw := software()
	if again.Software.DuckDBVersion != m.Software.DuckDBVersion {
		rep.Notes = append(rep.Notes, fmt.Sprintf("DuckDB %s now, %s in the run", again.Software.DuckDBVersion, m.Software.DuckDBVersion))
	}
	if sw.VCSRevision != m.Software.VCSRevision || sw.LMIVersion != m.Software.LMIVersion {
		rep.Notes = append(rep.Notes, fmt.Sprintf("lmi %s (revision %s) now, %s (revision %s) in the run",
			sw.LMIVersion, sw.VCSRevision, m.Software.LMIVersion, m.Software.VCSRevision))
	}
	if sw.GoVersion != m.Software.GoVersion {
		rep.Notes = append(rep.Notes, fmt.Sprintf("Go %s now, %s in the run", sw.GoVersion, m.Software.GoVersion))
	}

	rerun := map[string]OutputRecord{}
	for _, o := range again.Outputs {
		rerun[o.Path] = o
	}
	var duck *store.DB // opened on the first Parquet difference
	defer func() {
		if duck != nil {
			duck.Close()
		}
	}()
	for _, o := range m.Outputs {
		c := OutputCheck{Path: o.Path, RecordedSHA256: o.SHA256, Status: StatusIdentical}
		cur := resolve(runDir, o.Path)
		sum, _, err := hashFile(cur)
		if err != nil {
			c.Status, c.Detail = StatusMissing, err.Error()
			rep.Outputs = append(rep.Outputs, c)
			continue
		}
		c.CurrentSHA256 = sum
		r, ok := rerun[o.Path]
		if !ok {
			c.Status, c.Detail = StatusDiffers, "the re-run did not write this file"
			rep.Outputs = append(rep.Outputs, c)
			continue
		}
		delete(rerun, o.Path)
		c.RerunSHA256 = r.SHA256
		if sum == r.SHA256 && sum == o.SHA256 {
			rep.Outputs = append(rep.Outputs, c)
			continue
		}
		c.Status = StatusDiffers
		other := resolve(tmp, r.Path)
		switch {
		case sum == r.SHA256:
			c.Detail = "the run folder's file and the re-run agree, but the manifest records sha256 " + o.SHA256
		case strings.EqualFold(filepath.Ext(o.Path), ".csv"):
			c.Line, c.CurrentLine, c.RerunLine, err = firstDiffLine(cur, other)
			if err != nil {
				c.Detail = err.Error()
			}
		case strings.EqualFold(filepath.Ext(o.Path), ".parquet"):
			if duck == nil {
				if duck, err = store.Open(ctx, ""); err != nil {
					return nil, err
				}
			}
			c.Row, c.Detail = firstDiffRow(ctx, duck.SQL(), cur, other)
		}
		rep.Outputs = append(rep.Outputs, c)
	}
	extra := make([]string, 0, len(rerun))
	for p := range rerun {
		extra = append(extra, p)
	}
	slices.Sort(extra)
	for _, p := range extra {
		rep.Outputs = append(rep.Outputs, OutputCheck{Path: p, Status: StatusExtra, RerunSHA256: rerun[p].SHA256})
	}
	return rep, nil
}

// specFromManifest rebuilds the spec the run used, its paths resolved
// against the run folder, through the same checks as a spec file.
func specFromManifest(m *Manifest, runDir string) (*Spec, error) {
	// Absolute: the checks below resolve relative paths against the run
	// folder again, which would double a relative RUN_DIR.
	absRun, err := filepath.Abs(runDir)
	if err != nil {
		return nil, err
	}
	r := m.Spec
	abs := func(ps []string) []string {
		out := make([]string, len(ps))
		for i, p := range ps {
			out[i] = resolve(absRun, p)
		}
		return out
	}
	table := map[string]any{"name": r.Name, "inputs": map[string]any{"files": inputTables(r.Inputs, absRun)},
		"indicators": indicatorsTableOf(r, abs, absRun),
		"outputs":    map[string]any{"dir": r.OutputsDir, "seed": r.Seed}}
	if r.CSVDialect != "" {
		table["outputs"].(map[string]any)["csv_dialect"] = r.CSVDialect
	}
	if f := r.Forecast; f != nil {
		// Every key set from the record, so defaults that change later
		// do not change the re-run.
		table["forecast"] = map[string]any{"levels": anys(f.Levels), "basis": f.Basis, "horizon": int64(f.Horizon),
			"origin": int64(f.Origin), "models": anys(f.Models), "combine": f.Combine, "bottom_up": f.BottomUp,
			"per_series": f.PerSeries, "margin": f.Margin, "coverage": f.Coverage, "thresholds": anys(f.Thresholds),
			"entrant_years": int64(f.EntrantYears), "jobseeker_categories": anys(f.JobseekerCategories), "k": int64(f.K)}
		if f.Breaks != nil {
			table["forecast"].(map[string]any)["breaks"] = anys(int64s(*f.Breaks))
		}
	}

	name := filepath.Join(runDir, ManifestFile)
	c := &checker{file: name, pos: map[string]int{}, dir: absRun}
	s := c.spec(table)
	if err := c.err(); err != nil {
		return nil, err
	}
	s.File, s.SHA256 = "", m.SpecSHA256
	for i, in := range r.Inputs {
		if q := s.Inputs[i].Query; q != nil && in.PXWeb != nil {
			// The copy the run fetched, never the server: verify checks
			// lmi's computation, not the source's data (the copy's hash
			// was checked against the manifest before).
			s.Inputs[i].offline, q.File = resolve(absRun, in.Path), in.Path
		}
	}
	if s.Forecast != nil && m.Parameters.Forecast != nil && m.Parameters.Forecast.MinTrain > 0 {
		// Not a spec key, but recorded: re-run with the run's value.
		s.Forecast.Params.MinTrain = m.Parameters.Forecast.MinTrain
	}
	return s, nil
}

// inputTables are a spec's inputs.files as its record keeps them.
func inputTables(inputs []InputSpec, absRun string) []any {
	var files []any
	for _, in := range inputs {
		if in.PXWeb != nil {
			files = append(files, in.PXWeb.raw())
			continue
		}
		f := map[string]any{"path": resolve(absRun, in.Path)}
		for k, v := range map[string]string{"table": in.Table, "format": in.Format, "taxonomy": resolve(absRun, in.Taxonomy),
			"category": in.Category, "period": in.Period, "round": in.Round} {
			if v != "" {
				f[k] = v
			}
		}
		files = append(files, f)
	}
	return files
}

// indicatorsTableOf is a spec's [indicators] as its record keeps it: every
// key, so defaults that change later do not change the re-run.
func indicatorsTableOf(r SpecRecord, abs func([]string) []string, absRun string) map[string]any {
	t := map[string]any{"levels": anys(r.Levels), "by": anys(r.By), "alphas": anys(r.Alphas),
		"groupings": anys(abs(r.Groupings)), "indicators": anys(r.Indicators), "own_sql": anys(abs(r.OwnSQL)),
		"basis": r.Basis, "age": r.Age, "k": int64(r.K),
		"match_key": map[string]any{"map_file": resolve(absRun, r.MatchKey.MapFile),
			"threshold": r.MatchKey.Threshold, "base_year": int64(r.MatchKey.BaseYear)}}
	if r.MatchKey.MapFile == "" {
		delete(t["match_key"].(map[string]any), "map_file")
	}
	if r.Compute != nil {
		t["compute"] = *r.Compute
	}
	if r.Horizon != 0 {
		t["horizon"] = int64(r.Horizon)
	}
	if sh := r.Shortage; sh != nil {
		w := map[string]any{}
		for part, x := range sh.Weights {
			w[part] = x
		}
		t["shortage"] = map[string]any{"weights": w, "window": int64(sh.Window), "thresholds": anys(sh.Thresholds)}
	}
	return t
}

// int64s turns ints into the int64s a decoded TOML array holds.
func int64s(xs []int) []int64 {
	out := make([]int64, len(xs))
	for i, x := range xs {
		out[i] = int64(x)
	}
	return out
}

// anys turns a slice into the []any a decoded TOML array is.
func anys[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// firstDiffLine finds the first line where two text files differ.
func firstDiffLine(a, b string) (int, string, string, error) {
	fa, err := os.ReadFile(a)
	if err != nil {
		return 0, "", "", err
	}
	fb, err := os.ReadFile(b)
	if err != nil {
		return 0, "", "", err
	}
	sa, sb := bufio.NewScanner(bytes.NewReader(fa)), bufio.NewScanner(bytes.NewReader(fb))
	sa.Buffer(nil, 1<<24)
	sb.Buffer(nil, 1<<24)
	for line := 1; ; line++ {
		okA, okB := sa.Scan(), sb.Scan()
		switch {
		case !okA && !okB:
			// Same lines: the difference is in line ends or the final newline.
			return 0, "", "", fmt.Errorf("same lines, different bytes (line ends or the final newline)")
		case !okA:
			return line, "(end of file)", sb.Text(), nil
		case !okB:
			return line, sa.Text(), "(end of file)", nil
		case sa.Text() != sb.Text():
			return line, sa.Text(), sb.Text(), nil
		}
	}
}

//go:embed sql/first_diff_row.sql
var firstDiffRowSQL string

// firstDiffRow finds the first row (1-based, in file order) where two
// Parquet files differ, reading both with DuckDB (sql/first_diff_row.sql).
func firstDiffRow(ctx context.Context, db *sql.DB, a, b string) (int64, string) {
	var row sql.NullInt64
	if err := db.QueryRowContext(ctx, firstDiffRowSQL, a, b).Scan(&row); err != nil {
		return 0, "cannot compare the rows: " + err.Error()
	}
	if !row.Valid {
		return 0, "same rows, different bytes (Parquet encoding or metadata); compare the CSV twin"
	}
	return row.Int64 + 1, ""
}

func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
