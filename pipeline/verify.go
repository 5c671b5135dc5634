package pipeline

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	_ "embed"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

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
	// InputDirs are the folders searched for files by content.
	InputDirs []string
}

// InputCheck is one file the run read: an extract, a taxonomy dump, a
// grouping, an own indicator file or the match map.
type InputCheck struct {
	Kind string // input, taxonomy, grouping, own_sql, map_file
	Path string // as in the manifest
	Copy string // the copy the manifest records, "" when none
	// File is the file checked: Copy when it is in the run folder, else
	// Path, or a file of the same content found in a folder searched;
	// "" when none was found. Via says which (ViaCopy, ViaPath,
	// ViaSearch).
	File      string
	Via       string
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
			fmt.Fprintf(w, "%s %s: missing (recorded sha256 %s): %s\n", c.Kind, c.Path, c.OldSHA256, c.missingWhy(r.InputDirs))
		case StatusChanged:
			fmt.Fprintf(w, "%s %s: changed: sha256 was %s, is %s\n", c.Kind, c.where(), c.OldSHA256, c.NewSHA256)
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
// Each file read is taken from the copy the run kept in its folder, or,
// when the run kept none or the copy is gone, from the path it was read
// from. A query input is re-loaded from the copy the run fetched into its
// folder (its hash checked like a file's), so no network is needed.
// The error is for a run that cannot be checked (no manifest, the re-run
// failed); differences are in the report.
func Verify(ctx context.Context, runDir string) (*VerifyReport, error) {
	return VerifyWith(ctx, runDir, VerifyOptions{})
}

// VerifyOptions are Verify's choices: execution options for the re-run
// (zero options re-run the way the manifest records) and folders to
// search for files the run folder has no copy of.
type VerifyOptions struct {
	Options
	// InputDirs are searched, with their subfolders, for a file with the
	// recorded SHA-256 when the run folder has no copy of it and its
	// recorded path is gone or holds other bytes.
	InputDirs []string
}

// VerifyWith is Verify with options.
func VerifyWith(ctx context.Context, runDir string, opts VerifyOptions) (*VerifyReport, error) {
	m, err := ReadManifest(runDir)
	if err != nil {
		return nil, err
	}
	rep := &VerifyReport{RunDir: runDir, InputDirs: opts.InputDirs}
	rep.Inputs = checkInputs(m, &locator{runDir: runDir, dirs: opts.InputDirs})
	for _, c := range rep.Inputs {
		if c.Via == ViaSearch {
			rep.Notes = append(rep.Notes, fmt.Sprintf("%s %s: found by its content as %s", c.Kind, c.Path, c.File))
		}
	}
	rep.ReRun = !slices.ContainsFunc(rep.Inputs, func(c InputCheck) bool { return c.Status != StatusSame })
	if !rep.ReRun {
		// Still say whether the outputs are the ones recorded.
		rep.Outputs = checkRecorded(m, runDir)
		return rep, nil
	}
	tmp, err := os.MkdirTemp("", "lmi-verify-*")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	rerunDir := filepath.Join(tmp, "run")
	again, err := rerun(ctx, m, runDir, tmp, rerunDir, rep.Inputs, opts)
	if err != nil {
		return nil, fmt.Errorf("re-run: %w", err)
	}
	rep.Notes = append(rep.Notes, softwareNotes(again.Software, m.Software)...)
	if rep.Outputs, err = compareOutputs(ctx, m, again, runDir, rerunDir); err != nil {
		return nil, err
	}
	return rep, nil
}

// checkRecorded says whether the run folder's outputs are the ones its
// manifest records, without a re-run.
func checkRecorded(m *Manifest, runDir string) []OutputCheck {
	var out []OutputCheck
	for _, o := range slices.Concat(m.Outputs, m.Reports) {
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
		out = append(out, c)
	}
	return out
}

// rerun runs the manifest's spec again into rerunDir, its inputs read
// from where the checks found them (copied into tmp where needed), with
// the run's DuckDB threads unless told otherwise.
func rerun(ctx context.Context, m *Manifest, runDir, tmp, rerunDir string, inputs []InputCheck, opts VerifyOptions) (*Manifest, error) {
	absRun, err := filepath.Abs(runDir)
	if err != nil {
		return nil, err
	}
	found, err := readFrom(inputs, absRun, tmp)
	if err != nil {
		return nil, err
	}
	spec, err := specFromManifest(m, runDir, found)
	if err != nil {
		return nil, err
	}
	if opts.Threads == 0 {
		opts.Threads = m.Execution.DuckDBThreads
	}
	if err := os.Mkdir(rerunDir, 0o755); err != nil {
		return nil, err
	}
	o := opts.Options
	o.software = &m.Software
	return execute(ctx, spec, rerunDir, o)
}

// softwareNotes say how the software of the re-run differs from the run's.
func softwareNotes(again, was Software) []string {
	var notes []string
	sw := software()
	if again.DuckDBVersion != was.DuckDBVersion {
		notes = append(notes, fmt.Sprintf("DuckDB %s now, %s in the run", again.DuckDBVersion, was.DuckDBVersion))
	}
	if sw.VCSRevision != was.VCSRevision || sw.LMIVersion != was.LMIVersion {
		notes = append(notes, fmt.Sprintf("lmi %s (revision %s) now, %s (revision %s) in the run",
			sw.LMIVersion, sw.VCSRevision, was.LMIVersion, was.VCSRevision))
	}
	if sw.GoVersion != was.GoVersion {
		notes = append(notes, fmt.Sprintf("Go %s now, %s in the run", sw.GoVersion, was.GoVersion))
	}
	return notes
}

// compareOutputs compares each recorded output, the run folder's file and
// the re-run's, and lists the re-run's files the run did not write.
func compareOutputs(ctx context.Context, m, again *Manifest, runDir, rerunDir string) ([]OutputCheck, error) {
	rerun := map[string]OutputRecord{}
	for _, o := range slices.Concat(again.Outputs, again.Reports) {
		rerun[o.Path] = o
	}
	var duck *store.DB // opened on the first Parquet difference
	defer func() {
		if duck != nil {
			duck.Close()
		}
	}()
	var out []OutputCheck
	for _, o := range slices.Concat(m.Outputs, m.Reports) {
		c := OutputCheck{Path: o.Path, RecordedSHA256: o.SHA256, Status: StatusIdentical}
		cur := resolve(runDir, o.Path)
		r, ok := rerun[o.Path]
		sum, _, err := hashFile(cur)
		if err == nil {
			delete(rerun, o.Path)
		}
		switch {
		case err != nil:
			c.Status, c.Detail = StatusMissing, err.Error()
		case !ok:
			c.CurrentSHA256, c.Status, c.Detail = sum, StatusDiffers, "the re-run did not write this file"
		default:
			c.CurrentSHA256, c.RerunSHA256 = sum, r.SHA256
			if sum != r.SHA256 || sum != o.SHA256 {
				c.Status = StatusDiffers
				if err := diffDetail(ctx, &c, cur, resolve(rerunDir, r.Path), &duck); err != nil {
					return nil, err
				}
			}
		}
		out = append(out, c)
	}
	for _, p := range slices.Sorted(maps.Keys(rerun)) {
		out = append(out, OutputCheck{Path: p, Status: StatusExtra, RerunSHA256: rerun[p].SHA256})
	}
	return out, nil
}

// diffDetail says where an output differs from the re-run's: the first
// differing line of a CSV file or the report, the first row of a Parquet
// file (opening duck for it), or that only the manifest's record differs.
func diffDetail(ctx context.Context, c *OutputCheck, cur, other string, duck **store.DB) error {
	var err error
	switch ext := strings.ToLower(filepath.Ext(c.Path)); {
	case c.CurrentSHA256 == c.RerunSHA256:
		c.Detail = "the run folder's file and the re-run agree, but the manifest records sha256 " + c.RecordedSHA256
	case ext == ".csv":
		if c.Line, c.CurrentLine, c.RerunLine, err = firstDiffLine(cur, other); err != nil {
			c.Detail = err.Error()
		}
	case ext == ".html":
		// The report's lines can be long (inline SVG): shown cut.
		if c.Line, c.CurrentLine, c.RerunLine, err = firstDiffLine(cur, other); err != nil {
			c.Detail = err.Error()
		}
		c.CurrentLine, c.RerunLine = cutLine(c.CurrentLine), cutLine(c.RerunLine)
	case ext == ".parquet":
		if *duck == nil {
			if *duck, err = store.Open(ctx, ""); err != nil {
				return err
			}
		}
		c.Row, c.Detail = firstDiffRow(ctx, (*duck).SQL(), cur, other)
	}
	return nil
}

// checkInputs checks every file the manifest records reading, each
// taxonomy dump and occupation map once.
func checkInputs(m *Manifest, l *locator) []InputCheck {
	var out []InputCheck
	taxonomies := map[string]bool{}
	for _, in := range m.Inputs {
		out = append(out, l.check(KindInput, in.Path, in.SHA256, in.Copy, in.Size))
		if in.Taxonomy != "" && !taxonomies[in.Taxonomy] {
			taxonomies[in.Taxonomy] = true
			out = append(out, l.check(KindTaxonomy, in.Taxonomy, in.TaxonomySHA256, in.TaxonomyCopy, 0))
		}
		if in.OccupationMap != "" && !taxonomies[in.OccupationMap] {
			taxonomies[in.OccupationMap] = true
			out = append(out, l.check(KindOccupationMap, in.OccupationMap, in.OccupationMapSHA256, in.OccupationMapCopy, 0))
		}
	}
	for _, g := range m.Parameters.Groupings {
		out = append(out, l.check(KindGrouping, g.Path, g.SHA256, g.Copy, 0))
	}
	for _, f := range m.Parameters.OwnSQL {
		out = append(out, l.check(KindOwnSQL, f.Path, f.SHA256, f.Copy, 0))
	}
	if k := m.Parameters.MatchKey; k.MapFile != "" {
		out = append(out, l.check(KindMapFile, k.MapFile, k.MapFileSHA256, k.MapFileCopy, 0))
	}
	return out
}

// specFromManifest rebuilds the spec the run used, its paths resolved
// against the run folder, through the same checks as a spec file. Each
// file read is the run folder's copy when it has one, else the one found
// (by manifest path) or the recorded path.
func specFromManifest(m *Manifest, runDir string, found map[string]string) (*Spec, error) {
	// Absolute: the checks below resolve relative paths against the run
	// folder again, which would double a relative RUN_DIR.
	absRun, err := filepath.Abs(runDir)
	if err != nil {
		return nil, err
	}
	r := m.Spec
	file := func(p string) string {
		if f, ok := found[p]; ok {
			return f
		}
		return resolve(absRun, p)
	}
	table := map[string]any{"name": r.Name, "inputs": map[string]any{"files": inputTables(r.Inputs, file)},
		"indicators": indicatorsTableOf(r, file),
		"outputs":    map[string]any{"dir": r.OutputsDir, "seed": r.Seed}}
	if r.CSVDialect != "" {
		table["outputs"].(map[string]any)["csv_dialect"] = r.CSVDialect
	}
	if r.AllowEmpty {
		table["outputs"].(map[string]any)["allow_empty"] = true
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
	s.NoCopyInputs = true // the re-run is compared, not kept
	for i, in := range r.Inputs {
		if q := s.Inputs[i].Query; q != nil && in.PXWeb != nil {
			// The copy the run fetched, never the server: verify checks
			// lmi's computation, not the source's data (the copy's hash
			// was checked against the manifest before).
			s.Inputs[i].offline, q.File = file(in.Path), in.Path
		}
	}
	if s.Forecast != nil && m.Parameters.Forecast != nil && m.Parameters.Forecast.MinTrain > 0 {
		// Not a spec key, but recorded: re-run with the run's value.
		s.Forecast.Params.MinTrain = m.Parameters.Forecast.MinTrain
	}
	return s, nil
}

// inputTables are a spec's inputs.files as its record keeps them, each
// manifest path turned into the file to read by file.
func inputTables(inputs []InputSpec, file func(string) string) []any {
	var files []any
	for _, in := range inputs {
		if in.PXWeb != nil {
			files = append(files, in.PXWeb.raw())
			continue
		}
		f := map[string]any{"path": file(in.Path)}
		for k, v := range map[string]string{"table": in.Table, "format": in.Format, "taxonomy": file(in.Taxonomy),
			"occupation_map": file(in.OccupationMap), "category": in.Category, "period": in.Period, "round": in.Round} {
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
func indicatorsTableOf(r SpecRecord, file func(string) string) map[string]any {
	abs := func(ps []string) []string {
		out := make([]string, len(ps))
		for i, p := range ps {
			out[i] = file(p)
		}
		return out
	}
	t := map[string]any{"levels": anys(r.Levels), "by": anys(r.By), "alphas": anys(r.Alphas),
		"groupings": anys(abs(r.Groupings)), "indicators": anys(r.Indicators), "own_sql": anys(abs(r.OwnSQL)),
		"basis": r.Basis, "age": r.Age, "k": int64(r.K),
		"match_key": map[string]any{"map_file": file(r.MatchKey.MapFile),
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
	if r.Source != "" {
		t["source"] = r.Source
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

// cutLine shortens a line to its first 200 bytes, cut at a character.
func cutLine(s string) string {
	const n = 200
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + " ..."
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
