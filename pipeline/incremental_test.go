package pipeline

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"lmi/forecast"
	"lmi/indicators"
)

// editSpec replaces old by new in the spec file.
func editSpec(t *testing.T, specPath, old, new string) {
	t.Helper()
	b, err := os.ReadFile(specPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("the spec has no %q", old)
	}
	if err := os.WriteFile(specPath, bytes.Replace(b, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// actions maps each family of the run's refresh record to its action.
func actions(t *testing.T, runDir string) (*RefreshRecord, map[string]string) {
	t.Helper()
	rec, err := ReadRefreshRecord(runDir)
	if err != nil || rec == nil {
		t.Fatalf("refresh record: %v, %v", rec, err)
	}
	out := map[string]string{}
	for _, f := range rec.Families {
		out[f.Family] = f.Action
	}
	return rec, out
}

// wantActions checks the families listed recomputed and every other one
// carried over, and that every indicator family and the forecast are
// there.
func wantActions(t *testing.T, got map[string]string, recomputed ...string) {
	t.Helper()
	if len(got) != len(indicators.Families())+1 {
		t.Errorf("families %v, want every indicator family and the forecast", got)
	}
	for f, a := range got {
		want := ActionCarriedOver
		if slices.Contains(recomputed, f) {
			want = ActionRecomputed
		}
		if a != want {
			t.Errorf("family %s: %s, want %s", f, a, want)
		}
	}
}

// readers lists the families (and the forecast) that read any of tables,
// checking those named in must are among them and those in mustNot are not.
func readers(t *testing.T, tables, must, mustNot []string) []string {
	t.Helper()
	var out []string
	reads := func(in []string) bool {
		return slices.ContainsFunc(in, func(s string) bool { return slices.Contains(tables, s) })
	}
	for _, f := range indicators.Families() {
		if reads(indicators.FamilyInputs(f)) {
			out = append(out, f)
		}
	}
	if reads(forecast.Inputs(forecast.DefaultParams())) {
		out = append(out, ForecastFamily)
	}
	for _, f := range must {
		if !slices.Contains(out, f) {
			t.Errorf("%s does not read %v", f, tables)
		}
	}
	for _, f := range mustNot {
		if slices.Contains(out, f) {
			t.Errorf("%s reads %v", f, tables)
		}
	}
	return out
}

var (
	personsFamilies = []string{"matching", "status", "commuting", "commuting_matrix", "demography",
		"age_structure", "population_flows", "job_inflows"}
	flowFamilies = []string{"tightness", "beveridge", "mismatch", "matching_function"}
	allFamilies  = append([]string{ForecastFamily}, indicators.Families()...)
)

// sameAsFullRun checks the refreshed run against a fresh full run of the
// same spec: the same outputs, byte for byte, and the same indicators and
// parameters in the manifest; and that lmi verify passes.
func sameAsFullRun(t *testing.T, specPath, runDir string) {
	t.Helper()
	got, err := ReadManifest(runDir)
	if err != nil {
		t.Fatal(err)
	}
	// At the run folder's depth, so relative paths compare.
	full := mustRun(t, specPath, filepath.Join(filepath.Dir(filepath.Dir(runDir)), "full-"+got.SpecSHA256[:8], "run"), Options{})
	if !sameJSON(got.Outputs, full.Outputs) {
		for i := range max(len(got.Outputs), len(full.Outputs)) {
			var a, b OutputRecord
			if i < len(got.Outputs) {
				a = got.Outputs[i]
			}
			if i < len(full.Outputs) {
				b = full.Outputs[i]
			}
			if a != b {
				t.Errorf("output %d: refreshed %+v, full run %+v", i, a, b)
			}
		}
	}
	if !sameJSON(got.Indicators, full.Indicators) {
		t.Errorf("indicators differ from a full run's")
	}
	if !sameJSON(got.Parameters, full.Parameters) {
		t.Errorf("parameters %+v, a full run's %+v", got.Parameters, full.Parameters)
	}
	rep, err := Verify(context.Background(), runDir)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() {
		var buf bytes.Buffer
		rep.Write(&buf)
		t.Errorf("lmi verify of the refreshed run:\n%s", buf.String())
	}
}

// computedFamilies lists the families whose cells the build computed,
// from the manifest's timings.
func computedFamilies(m *Manifest) []string {
	var out []string
	for _, tr := range m.Timings {
		if f, ok := strings.CutSuffix(strings.TrimPrefix(tr.Stage, "compute "), " cells"); ok && strings.HasPrefix(tr.Stage, "compute ") {
			out = append(out, f)
		}
	}
	return out
}

// A refresh recomputes exactly the families that read a changed table,
// carries the others over byte for byte, and gives what a full run gives.
func TestRefreshIncremental(t *testing.T) {
	specPath, runDir := refreshSetup(t)
	f, err := os.OpenFile(specPath, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("[forecast]\nlevels = [\"lan\"]\nhorizon = 2\n")
	f.Close()
	data := filepath.Join(filepath.Dir(specPath), "data")

	first := mustRefresh(t, specPath, runDir)
	rec, got := actions(t, runDir)
	if rec.Recomputed != "all" || rec.FullRebuild != "no previous run" || rec.Executable == "" {
		t.Errorf("first build: recomputed %q, full %q, executable %q", rec.Recomputed, rec.FullRebuild, rec.Executable)
	}
	wantActions(t, got, allFamilies...)

	// Other job seekers: the flow families and the forecast recomputed,
	// the persons families carried over.
	copyFile(t, filepath.Join(refreshFixtures, "2", "jobseekers.parquet"), filepath.Join(data, "jobseekers.parquet"))
	second := mustRefresh(t, specPath, runDir)
	if !second.Built {
		t.Fatal("not rebuilt")
	}
	rec, got = actions(t, runDir)
	if rec.Recomputed != "some" || rec.FullRebuild != "" || !slices.Equal(rec.ChangedTables, []string{"jobseekers"}) {
		t.Errorf("recomputed %q, full %q, changed tables %v", rec.Recomputed, rec.FullRebuild, rec.ChangedTables)
	}
	jobseekers := readers(t, []string{"jobseekers"}, append(slices.Clone(flowFamilies), ForecastFamily), personsFamilies)
	wantActions(t, got, jobseekers...)
	for _, fr := range rec.Families {
		if fr.Family == "tightness" && fr.Reason != "reads jobseekers: changed" {
			t.Errorf("tightness: reason %q", fr.Reason)
		}
		if fr.Family == "matching" && (fr.Reason != "reads persons, scb_rmi_e3, scb_rmi_e4: unchanged" || !slices.Equal(fr.Outputs, []string{"outputs/matching.parquet", "outputs/matching.csv"})) {
			t.Errorf("matching: %+v", fr)
		}
	}
	if c := computedFamilies(second.Manifest); !slices.Equal(c, slices.DeleteFunc(slices.Clone(jobseekers), func(f string) bool { return f == ForecastFamily })) {
		t.Errorf("cells computed for %v, want %v", c, jobseekers)
	}
	// Carried over: the previous run's bytes.
	for _, o := range second.Manifest.Outputs {
		if !slices.Contains(personsFamilies, o.Family) {
			continue
		}
		i := slices.IndexFunc(first.Manifest.Outputs, func(p OutputRecord) bool { return p.Path == o.Path })
		if i < 0 || first.Manifest.Outputs[i] != o {
			t.Errorf("carried-over %s: %+v, previously %+v", o.Path, o, first.Manifest.Outputs[i])
		}
	}
	checkRun(t, runDir)
	sameAsFullRun(t, specPath, runDir)

	// Another persons extract: everything reading persons recomputed.
	copyFile(t, filepath.Join(refreshFixtures, "2", "persons.parquet"), filepath.Join(data, "persons.parquet"))
	third := mustRefresh(t, specPath, runDir)
	_, got = actions(t, runDir)
	persons := readers(t, []string{"persons"}, append(append(slices.Clone(personsFamilies), "beveridge", "mismatch"), ForecastFamily),
		[]string{"tightness", "matching_function"})
	wantActions(t, got, persons...)
	// commuting_matrix shares commuting's cells.
	if c := computedFamilies(third.Manifest); slices.Contains(c, "tightness") || slices.Contains(c, "matching_function") ||
		!slices.Contains(c, "matching") || !slices.Contains(c, "beveridge") {
		t.Errorf("cells computed for %v, want %v", c, persons)
	}
	sameAsFullRun(t, specPath, runDir)

	// A change to [forecast] alone: only the forecast.
	editSpec(t, specPath, "horizon = 2", "horizon = 3")
	mustRefresh(t, specPath, runDir)
	_, got = actions(t, runDir)
	wantActions(t, got, ForecastFamily)
	sameAsFullRun(t, specPath, runDir)

	// A comment in the spec: rebuilt (the spec's hash is recorded), nothing
	// recomputed.
	touchSpec(t, specPath)
	res := mustRefresh(t, specPath, runDir)
	rec, got = actions(t, runDir)
	if !res.Built || rec.Recomputed != "none" || len(computedFamilies(res.Manifest)) != 0 {
		t.Errorf("built %v, recomputed %q", res.Built, rec.Recomputed)
	}
	wantActions(t, got)
	checkRun(t, runDir)

	// A damaged output of the current run is not carried over.
	status := filepath.Join(runDir, "outputs", "status.csv")
	b, err := os.ReadFile(status)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(status, append(b, "tampered\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	copyFile(t, filepath.Join(refreshFixtures, "1", "jobseekers.parquet"), filepath.Join(data, "jobseekers.parquet"))
	mustRefresh(t, specPath, runDir)
	rec, got = actions(t, runDir)
	wantActions(t, got, append(slices.Clone(jobseekers), "status")...)
	for _, fr := range rec.Families {
		if fr.Family == "status" && !strings.Contains(fr.Reason, "damaged") {
			t.Errorf("status: reason %q", fr.Reason)
		}
	}
	checkRun(t, runDir)

	// Any other spec change: everything, saying why.
	editSpec(t, specPath, `by = ["edu_group"]`, `by = ["edu_group", "sex"]`)
	mustRefresh(t, specPath, runDir)
	rec, got = actions(t, runDir)
	if rec.Recomputed != "all" || rec.FullRebuild != "the spec changed outside [inputs], [forecast], [indicators.shortage] and [indicators] horizon" {
		t.Errorf("recomputed %q, full %q", rec.Recomputed, rec.FullRebuild)
	}
	wantActions(t, got, allFamilies...)
	sameAsFullRun(t, specPath, runDir)
}

// A run made by lmi run records no executable: the first refresh that
// builds recomputes everything.
func TestRefreshAfterRunRecomputesAll(t *testing.T) {
	specPath, runDir := refreshSetup(t)
	mustRun(t, specPath, runDir, Options{})
	copyFile(t, filepath.Join(refreshFixtures, "2", "jobseekers.parquet"), filepath.Join(filepath.Dir(specPath), "data", "jobseekers.parquet"))
	mustRefresh(t, specPath, runDir)
	rec, _ := actions(t, runDir)
	if rec.Recomputed != "all" || !strings.Contains(rec.FullRebuild, "does not record its lmi executable") {
		t.Errorf("recomputed %q, full %q", rec.Recomputed, rec.FullRebuild)
	}
}

// Families of own indicators only cannot be computed alone: with such a
// family to recompute, every indicator family is.
func TestRefreshOwnIndicatorOnly(t *testing.T) {
	specPath, runDir := refreshSetup(t)
	own := filepath.Join(filepath.Dir(specPath), "u_plus_v.sql")
	if err := os.WriteFile(own, []byte(`-- name: u_plus_v
-- label: U + V
-- version: 1
-- unit: antal
-- section: 4
-- family: tightness
-- dimensions: ssyk4
SELECT region_level, region, period, ssyk4, u + v AS value, u + v AS numerator, NULL::BIGINT AS denominator, u + v AS n
FROM tightness_cells
`), 0o644); err != nil {
		t.Fatal(err)
	}
	editSpec(t, specPath, `by = ["edu_group"]`, `by = ["edu_group"]
indicators = ["forvarvsgrad", "antal_invanare"]
own_sql = ["u_plus_v.sql"]`)
	mustRefresh(t, specPath, runDir)
	copyFile(t, filepath.Join(refreshFixtures, "2", "jobseekers.parquet"), filepath.Join(filepath.Dir(specPath), "data", "jobseekers.parquet"))
	res := mustRefresh(t, specPath, runDir)
	rec, got := actions(t, runDir)
	if rec.Recomputed != "all" || len(got) != 3 {
		t.Errorf("recomputed %q, families %v", rec.Recomputed, got)
	}
	if c := computedFamilies(res.Manifest); !slices.Equal(c, []string{"matching", "demography", "tightness"}) {
		t.Errorf("cells computed for %v", c)
	}
	sameAsFullRun(t, specPath, runDir)
}

// fill writes a file into dir leaving about leave bytes free on its file
// system, and returns its path.
func fill(t *testing.T, dir string, leave int64) string {
	t.Helper()
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		t.Fatal(err)
	}
	n := int64(st.Bavail)*st.Bsize - leave
	path := filepath.Join(dir, "filler")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 1<<16)
	for ; n > 0; n -= int64(len(chunk)) {
		if _, err := f.Write(chunk[:min(int64(len(chunk)), n)]); err != nil {
			break // full already
		}
	}
	return path
}

// A full disk fails the refresh, wherever the build is (loading, copying
// the outputs carried over, computing), and leaves the previous run as it
// was; with room again the refresh completes.
func TestRefreshFullDisk(t *testing.T) {
	specPath, _ := refreshSetup(t)
	disk := filepath.Join(t.TempDir(), "disk")
	if err := os.MkdirAll(disk, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", disk).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small file system here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", disk).Run() })
	runDir := filepath.Join(disk, "out", "run")
	mustRefresh(t, specPath, runDir)
	before := checkRun(t, runDir)
	m, err := ReadManifest(runDir)
	if err != nil {
		t.Fatal(err)
	}
	var outputs int64
	for _, o := range m.Outputs {
		outputs += o.Size
	}
	db, err := os.Stat(filepath.Join(runDir, DatabaseFile))
	if err != nil {
		t.Fatal(err)
	}
	copyFile(t, filepath.Join(refreshFixtures, "2", "jobseekers.parquet"), filepath.Join(filepath.Dir(specPath), "data", "jobseekers.parquet"))
	spec, err := LoadSpec(specPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, leave := range []int64{0, db.Size(), db.Size() + outputs/2} {
		filler := fill(t, disk, leave)
		if _, err := Refresh(context.Background(), spec, runDir, RefreshOptions{}); err == nil {
			t.Errorf("%d bytes free: the refresh succeeded", leave)
		} else {
			t.Logf("%d bytes free: %v", leave, err)
		}
		if !bytes.Equal(checkRun(t, runDir), before) {
			t.Fatal("the previous run changed")
		}
		if l := leftovers(t, runDir); len(l) != 0 {
			t.Errorf("left beside the run folder: %v", l)
		}
		os.Remove(filler)
	}
	if res := mustRefresh(t, specPath, runDir); !res.Built {
		t.Fatal("with room again, nothing was built")
	}
	rec, _ := actions(t, runDir)
	if rec.Recomputed != "some" {
		t.Errorf("recomputed %q, want some", rec.Recomputed)
	}
	checkRun(t, runDir)
}

// wantIndicatorActions is wantActions for a spec without [forecast].
func wantIndicatorActions(t *testing.T, got map[string]string, recomputed ...string) {
	t.Helper()
	if len(got) != len(indicators.Families()) {
		t.Errorf("families %v, want every indicator family", got)
	}
	for f, a := range got {
		want := ActionCarriedOver
		if slices.Contains(recomputed, f) {
			want = ActionRecomputed
		}
		if a != want {
			t.Errorf("family %s: %s, want %s", f, a, want)
		}
	}
}

// A change to [indicators.shortage] recomputes only the shortage family,
// one to [indicators] horizon only the families reading the exit
// profile; the others are carried over and the run is a full run's.
func TestRefreshShortageAndHorizon(t *testing.T) {
	specPath, runDir := refreshSetup(t)
	// k 0: on 2,000 persons over two years k 5 leaves few composites of
	// more than one part, which no weight changes.
	editSpec(t, specPath, `by = ["edu_group"]`, "by = [\"edu_group\"]\nk = 0")
	first := mustRefresh(t, specPath, runDir)

	// The defaults spelled out: a new run, nothing recomputed.
	f, err := os.OpenFile(specPath, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("[indicators.shortage]\nwindow = 5\n")
	f.Close()
	res := mustRefresh(t, specPath, runDir)
	rec, got := actions(t, runDir)
	if !res.Built || rec.Recomputed != "none" {
		t.Errorf("defaults spelled out: built %v, recomputed %q", res.Built, rec.Recomputed)
	}
	wantIndicatorActions(t, got)

	editSpec(t, specPath, "window = 5", "window = 5\nweights = { aged_60 = 3, tightness = 0 }")
	res = mustRefresh(t, specPath, runDir)
	rec, got = actions(t, runDir)
	if rec.Recomputed != "some" || rec.FullRebuild != "" || len(rec.ChangedTables) != 0 {
		t.Errorf("recomputed %q, full %q, changed tables %v", rec.Recomputed, rec.FullRebuild, rec.ChangedTables)
	}
	wantIndicatorActions(t, got, ShortageFamily)
	for _, fr := range rec.Families {
		if fr.Family == ShortageFamily && fr.Reason != "the [indicators.shortage] table changed" {
			t.Errorf("shortage: reason %q", fr.Reason)
		}
	}
	if c := computedFamilies(res.Manifest); !slices.Equal(c, []string{ShortageFamily}) {
		t.Errorf("cells computed for %v", c)
	}
	before, after := outputsByFamily(first.Manifest), outputsByFamily(res.Manifest)
	for fam, files := range after {
		if (files != before[fam]) != (fam == ShortageFamily) {
			t.Errorf("family %s: outputs changed %v", fam, files != before[fam])
		}
	}
	sameAsFullRun(t, specPath, runDir)

	editSpec(t, specPath, "k = 0", "k = 0\nhorizon = 3")
	mustRefresh(t, specPath, runDir)
	rec, got = actions(t, runDir)
	wantIndicatorActions(t, got, "age_structure", ShortageFamily)
	for _, fr := range rec.Families {
		if fr.Action == ActionRecomputed && fr.Reason != "the [indicators] horizon changed" {
			t.Errorf("%s: reason %q", fr.Family, fr.Reason)
		}
	}
	// Exact: the families carried over are a full run's with the new
	// horizon, byte for byte.
	sameAsFullRun(t, specPath, runDir)
}
