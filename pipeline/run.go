package pipeline

import (
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"lmi/forecast"
	"lmi/indicators"
	"lmi/ingest/load"
	"lmi/internal/progress"
	"lmi/report/csvout"
	"lmi/report/results"
	"lmi/store"
)

// Options tune how a run executes without changing what it computes.
type Options struct {
	// Threads sets DuckDB's worker threads (SET threads); 0 keeps DuckDB's
	// default (one per core).
	Threads int
	// Progress shows how far the loads and computations have come; nil
	// shows nothing.
	Progress *progress.Reporter
	// AllowEmpty accepts outputs that come out empty, as [outputs]
	// allow_empty does (lmi run --allow-empty).
	AllowEmpty bool
	// software, when set, is the lmi the workbook and the report name
	// instead of this one: Verify's re-run names the run's.
	software *Software
}

// DefaultRunDir is the run folder of a spec when none is given:
// runs/<name-slug> under the working directory, not beside the spec, so
// that a spec kept with documentation or in a checkout (docs/) never gets
// its run folders written there.
func DefaultRunDir(s *Spec) string { return filepath.Join("runs", s.Slug()) }

// Run executes spec in runDir ("" = DefaultRunDir): a fresh DuckDB file
// RUN_DIR/lmi.duckdb, every input loaded (each query input first fetched
// into RUN_DIR/inputs/), the indicators computed and written to
// RUN_DIR/<outputs dir>/, and RUN_DIR/manifest.json written last.
// If anything fails, the run folder is left without a manifest and the
// error names the failing input or step; an output asked for that comes
// out empty fails the run after its manifest is written (*EmptyError).
func Run(ctx context.Context, spec *Spec, runDir string) (*Manifest, error) {
	return RunWith(ctx, spec, runDir, Options{})
}

// RunWith is Run with execution options.
func RunWith(ctx context.Context, spec *Spec, runDir string, opts Options) (*Manifest, error) {
	return runWith(ctx, spec, runDir, opts, nil)
}

// runWith is RunWith, incremental when inc is not nil (a refresh).
func runWith(ctx context.Context, spec *Spec, runDir string, opts Options, inc *incremental) (*Manifest, error) {
	if runDir == "" {
		runDir = DefaultRunDir(spec)
	}
	if err := os.MkdirAll(runDir, 0o755); err != nil {
		return nil, fmt.Errorf("run folder: %w", err)
	}
	if err := clearRun(runDir); err != nil {
		return nil, fmt.Errorf("run folder %s: %w", runDir, err)
	}
	m, err := build(ctx, spec, runDir, opts, inc)
	if err != nil {
		return nil, err
	}
	if err := m.write(runDir); err != nil {
		return nil, fmt.Errorf("write manifest: %w", err)
	}
	return m, m.checkEmpty(opts.AllowEmpty)
}

// clearRun removes what a previous run in the folder left: its manifest
// first (so a failure from here on leaves none), the outputs, fetched
// inputs and copies it lists and the database.
func clearRun(runDir string) error {
	if old, err := ReadManifest(runDir); err == nil {
		if err := removeFetched(runDir, old); err != nil {
			return err
		}
		if err := removeCopies(runDir, old); err != nil {
			return err
		}
		for _, o := range slices.Concat(old.Outputs, old.Reports) {
			p := resolve(runDir, o.Path)
			if rel, err := filepath.Rel(runDir, p); err == nil && !strings.HasPrefix(rel, "..") {
				if err := os.Remove(p); err != nil && !os.IsNotExist(err) {
					return err
				}
			}
		}
	}
	for _, f := range []string{ManifestFile, DatabaseFile, DatabaseFile + ".wal"} {
		if err := os.Remove(filepath.Join(runDir, f)); err != nil && !os.IsNotExist(err) {
			return err
		}
	}
	return nil
}

// execute does the work of a run in runDir and returns its manifest
// without writing it.
func execute(ctx context.Context, spec *Spec, runDir string, opts Options) (*Manifest, error) {
	return build(ctx, spec, runDir, opts, nil)
}

// build is execute, incremental when inc is not nil: after the inputs are
// loaded it plans (inc.plan) which families to recompute, copies the
// others' outputs from the previous run, and computes only the former.
func build(ctx context.Context, spec *Spec, runDir string, opts Options, inc *incremental) (*Manifest, error) {
	b := &builder{spec: spec, runDir: runDir, inc: inc, progress: opts.Progress, software: opts.software, m: &Manifest{Format: ManifestFormat, Name: spec.Name,
		Software: software(), Execution: Execution{DuckDBThreads: opts.Threads}}}
	m := b.m
	if spec.File != "" {
		m.SpecFile = relPath(runDir, spec.File)
	}
	m.SpecSHA256 = spec.SHA256
	m.Spec = spec.record(runDir)
	db, err := openRunDB(ctx, filepath.Join(runDir, DatabaseFile), opts)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	b.db = db
	if m.Software.DuckDBVersion, err = db.DuckDBVersion(ctx); err != nil {
		return nil, err
	}
	if err := b.loadInputs(ctx); err != nil {
		return nil, err
	}
	if m.Parameters, err = spec.parameters(runDir); err != nil {
		return nil, err
	}
	if err := b.copyDefinitions(); err != nil {
		return nil, err
	}
	pl, err := b.plan(ctx)
	if err != nil {
		return nil, err
	}
	s, err := indicators.NewSession(ctx, db)
	if err != nil {
		return nil, fmt.Errorf("compute: %w", err)
	}
	defer s.Close()
	if err := b.indicators(ctx, s, pl); err != nil {
		return nil, err
	}
	if _, ok := pl.carry[ForecastFamily]; ok {
		m.Outputs = append(m.Outputs, pl.prevOutputs[ForecastFamily]...)
		m.Parameters.Forecast = inc.prev.Parameters.Forecast
	} else if err := runForecast(ctx, spec, s, db, runDir, filepath.Join(runDir, spec.OutDir), m, b.timing, b.progress); err != nil {
		return nil, err
	}
	if err := b.writeReport(ctx); err != nil {
		return nil, err
	}
	if err := s.Close(); err != nil {
		return nil, err
	}
	if err := db.Close(); err != nil {
		return nil, fmt.Errorf("close database: %w", err)
	}
	if inc != nil {
		pl.families = pl.record(m)
	}
	return m, nil
}

// builder is one build's state.
type builder struct {
	spec   *Spec
	runDir string
	inc    *incremental
	db     *store.DB
	m      *Manifest
	// progress shows the loads and computations; nil shows nothing.
	progress *progress.Reporter
	// software is Options.software.
	software *Software
}

func (b *builder) timing(stage string, start time.Time) {
	b.m.Timings = append(b.m.Timings, TimingRecord{stage, time.Since(start).Seconds()})
}

// openRunDB opens the run's fresh database with the run's DuckDB threads.
func openRunDB(ctx context.Context, path string, opts Options) (*store.DB, error) {
	db, err := store.Open(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	if opts.Threads > 0 {
		if _, err := db.SQL().ExecContext(ctx, fmt.Sprintf("SET threads = %d", opts.Threads)); err != nil {
			db.Close()
			return nil, fmt.Errorf("set DuckDB threads: %w", err)
		}
	}
	return db, nil
}

// loadInputs fetches the spec's queries and loads every input in order,
// recording each in the manifest.
func (b *builder) loadInputs(ctx context.Context) error {
	b.m.Inputs = []InputRecord{}
	var fetch fetcher
	for i, in := range b.spec.Inputs {
		start := time.Now()
		path := in.Path
		var got *fetched
		if q := in.Query; q != nil {
			var err error
			switch {
			case in.offline != "":
				path = in.offline
			case b.inc != nil && b.inc.fetched[i] != nil:
				got = b.inc.fetched[i] // a refresh fetched it to compare
			default:
				if got, err = fetch.fetch(ctx, q, b.runDir); err != nil {
					return fmt.Errorf("input %s: %w", q.File, err)
				}
			}
			if got != nil {
				path = got.path
				b.m.Timings = append(b.m.Timings, TimingRecord{"fetch " + q.File, got.seconds})
				start = time.Now()
			}
		}
		rec, err := b.loadInput(ctx, in, path, got)
		if err != nil {
			return err
		}
		b.m.Inputs = append(b.m.Inputs, rec)
		b.timing("load "+rec.Path, start)
	}
	return nil
}

// loadInput loads one input from path and returns its manifest record.
func (b *builder) loadInput(ctx context.Context, in Input, path string, got *fetched) (InputRecord, error) {
	o := in.loadOptions()
	var done func()
	o.Progress, done = b.progress.AmountFunc("loading "+filepath.Base(path), progress.Unit(path))
	rep, err := load.Any(ctx, b.db, path, o)
	done()
	if err != nil {
		return InputRecord{}, fmt.Errorf("input %s: %w", path, err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return InputRecord{}, fmt.Errorf("input %s: %w", path, err)
	}
	rec := InputRecord{Path: relPath(b.runDir, path), Name: filepath.Base(path), SHA256: rep.SHA256, Size: fi.Size(), Table: rep.Table,
		Format: rep.Format, RowsRead: rep.RowsRead, RowsLoaded: rep.RowsLoaded,
		RowsRejected: rep.LeftOut(), AlreadyLoaded: rep.AlreadyLoaded, Occupations: occupationsRecord(rep.Occupations)}
	if !rep.OneToOne() {
		rec.Unit = rep.Unit
	}
	if in.Taxonomy != "" {
		rec.Taxonomy, rec.TaxonomySHA256 = relPath(b.runDir, in.Taxonomy), in.taxonomySHA256
	}
	if in.occupations != nil {
		rec.OccupationMap, rec.OccupationMapSHA256 = relPath(b.runDir, in.OccupationMap), in.occupations.SHA256
	}
	if in.Query != nil {
		rec.PXWeb = fetchRecord(in.Query, got, b.runDir)
	}
	if err := b.copyInput(in, path, &rec); err != nil {
		return InputRecord{}, err
	}
	if rep.AlreadyLoaded {
		// Same content as an earlier input: report that one's table and format.
		for _, prev := range b.m.Inputs {
			if prev.SHA256 == rep.SHA256 {
				rec.Table, rec.Format, rec.RowsRejected, rec.Unit = prev.Table, prev.Format, prev.RowsRejected, prev.Unit
			}
		}
	}
	return rec, nil
}

// copyInput keeps a copy of a file input, its taxonomy dump and its
// occupation map in the run folder, unless the spec says not to; a query input's fetched copy is
// there already.
func (b *builder) copyInput(in Input, path string, rec *InputRecord) error {
	if b.spec.NoCopyInputs || in.Query != nil {
		return nil
	}
	var err error
	if rec.Copy, err = b.keepCopy(path, rec.SHA256); err != nil {
		return fmt.Errorf("input %s: %w", path, err)
	}
	if in.Taxonomy != "" {
		if rec.TaxonomyCopy, err = b.keepCopy(in.Taxonomy, in.taxonomySHA256); err != nil {
			return fmt.Errorf("input %s: taxonomy: %w", path, err)
		}
	}
	if in.occupations != nil {
		if rec.OccupationMapCopy, err = b.keepCopy(in.OccupationMap, in.occupations.SHA256); err != nil {
			return fmt.Errorf("input %s: occupation map: %w", path, err)
		}
	}
	return nil
}

// plan decides which families to compute: all of them, or for a refresh
// those whose inputs changed, the others' outputs carried over.
func (b *builder) plan(ctx context.Context) (*plan, error) {
	fams, names := specFamilies(b.spec)
	if b.inc == nil {
		return fullPlan(b.spec, fams, "lmi run"), nil
	}
	start := time.Now()
	pl := b.inc.decide(b.spec, b.m, fams, names)
	b.inc.plan = pl
	if err := b.inc.carryOver(ctx, b.db, b.runDir, pl); err != nil {
		return nil, err
	}
	pl.settle(b.runDir, b.spec, fams, names) // again: a damaged output may have moved a family
	if len(pl.carry) > 0 {
		b.timing("carry over", start)
	}
	b.inc.logPlan(pl, fams, time.Since(start))
	return pl, nil
}

// indicators computes the families the plan recomputes, writes their
// outputs and records them, with those carried over, in the manifest.
func (b *builder) indicators(ctx context.Context, s *indicators.Session, pl *plan) error {
	m, spec := b.m, b.spec
	fams, names := specFamilies(spec)
	p := spec.Params()
	todo := slices.ContainsFunc(fams, pl.recomputes)
	if todo && !pl.allIndicators {
		p.Indicators, p.Own, _ = pl.restrict(spec, fams, names) // settle made sure it can
	}
	res := &indicators.Result{}
	if todo {
		var err error
		var done func()
		p.Progress, done = b.progress.StepsFunc("computing")
		res, err = s.Compute(ctx, p)
		done()
		if err != nil {
			return fmt.Errorf("compute: %w%s", err, onlyCellsHint(ctx, b.db, spec))
		}
	}
	for _, t := range res.Timings {
		m.Timings = append(m.Timings, TimingRecord{"compute " + t.Stage, t.Elapsed.Seconds()})
	}
	b.recordKey(res.Key, pl)
	start := time.Now()
	outDir := filepath.Join(b.runDir, spec.OutDir)
	paths, err := results.WriteFamilies(ctx, s, res, outDir, results.Options{DB: b.db, Dialect: spec.CSV})
	if err != nil {
		return fmt.Errorf("write outputs to %s: %w", outDir, err)
	}
	b.timing("write outputs", start)
	computed, err := b.outputRecords(res, paths)
	if err != nil {
		return err
	}
	computedNames := map[string][]string{}
	for _, fr := range res.Families {
		computedNames[fr.Family] = fr.Indicators
	}
	// In output order, each family computed now or carried over.
	var indNames []string
	m.Outputs = []OutputRecord{}
	for _, f := range indicators.Families() {
		if recs, ok := computed[f]; ok {
			m.Outputs = append(m.Outputs, recs...)
			indNames = append(indNames, computedNames[f]...)
		} else if _, ok := pl.carry[f]; ok {
			m.Outputs = append(m.Outputs, pl.prevOutputs[f]...)
			indNames = append(indNames, pl.prevNames[f]...)
		}
	}
	for _, g := range res.Gaps() {
		m.Empty = append(m.Empty, EmptyRecord{Output: g.Output(), Reason: g.Reason, Requested: g.Requested})
	}
	m.Indicators, err = spec.indicatorRecords(b.runDir, indNames)
	return err
}

// recordKey records the match key the computation used or, for families
// carried over, the previous run's (the spec, persons and map file behind
// it are unchanged).
func (b *builder) recordKey(k indicators.KeyInfo, pl *plan) {
	mk := &b.m.Parameters.MatchKey
	switch {
	case k.Kind != "":
		mk.Kind, mk.Pairs = k.Kind, k.Pairs
		if k.Kind == "statistical" {
			mk.BaseYear, mk.Threshold = k.BaseYear, k.Threshold
		}
	case len(pl.carry) > 0:
		pk := &b.inc.prev.Parameters.MatchKey
		mk.Kind, mk.Pairs, mk.BaseYear, mk.Threshold = pk.Kind, pk.Pairs, pk.BaseYear, pk.Threshold
	}
}

// outputRecords hashes the files written and groups their records by
// family.
func (b *builder) outputRecords(res *indicators.Result, paths []string) (map[string][]OutputRecord, error) {
	computed := map[string][]OutputRecord{}
	for _, p := range paths {
		sum, size, err := hashFile(p)
		if err != nil {
			return nil, fmt.Errorf("output %s: %w", p, err)
		}
		family := strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))
		var rows int64
		for _, fr := range res.Families {
			if fr.Family == family {
				rows = fr.Rows
			}
		}
		computed[family] = append(computed[family], OutputRecord{Path: relPath(b.runDir, p), Family: family,
			Format: formatOf(p), SHA256: sum, Size: size, Rows: rows})
	}
	return computed, nil
}

//go:embed sql/persons_makeup.sql
var personsMakeupSQL string

// onlyCellsHint explains a failed computation over a persons table of
// SCB's published employment cells alone: the indicators need register
// rows, while the forecast can do without them.
func onlyCellsHint(ctx context.Context, db *store.DB, spec *Spec) string {
	var register, cells int64
	if err := db.SQL().QueryRowContext(ctx, personsMakeupSQL).Scan(&register, &cells); err != nil || register > 0 || cells == 0 {
		return ""
	}
	hint := " (the persons table holds only SCB's published employment cells, and the indicators asked for need register rows or SCB's RMI and YREG tables"
	if spec.Forecast != nil {
		hint += "; [indicators] compute = false makes only the forecast"
	}
	return hint + ")"
}

// runForecast makes the spec's forecast, if it has one, on the session
// that computed the indicators, writes it beside them and adds its
// parameters, files and timings to m.
func runForecast(ctx context.Context, spec *Spec, s *indicators.Session, db *store.DB, runDir, outDir string,
	m *Manifest, timing func(string, time.Time), r *progress.Reporter) error {
	p, ok := spec.ForecastParams()
	if !ok {
		return nil
	}
	start := time.Now()
	var done func()
	p.Progress, done = r.StepsFunc("forecast")
	res, err := forecast.Compute(ctx, s, p)
	done()
	if err != nil {
		return fmt.Errorf("forecast: %w", err)
	}
	timing("forecast", start)
	m.Parameters.Forecast = spec.Forecast.parameters(res)

	start = time.Now()
	o := results.Options{DB: db, Dialect: spec.CSV}
	paths, err := results.WriteForecast(ctx, s, res, outDir, o)
	if err != nil {
		return fmt.Errorf("write forecast to %s: %w", outDir, err)
	}
	// The agreement with the publishers' classes, beside it.
	agree, err := forecast.Agreements(ctx, s.Conn(), res)
	if err != nil {
		return fmt.Errorf("forecast: agreement: %w", err)
	}
	more, err := results.WriteAgreement(ctx, outDir, agree, o)
	if err != nil {
		return fmt.Errorf("write forecast to %s: %w", outDir, err)
	}
	paths = append(paths, more...)
	for _, a := range agree {
		// One warning per round: its one-year and five-year measures
		// judge the same years.
		if w := a.YearWarning(); w != "" && !slices.Contains(m.Warnings, w) {
			m.Warnings = append(m.Warnings, w)
		}
	}
	nc, err := forecast.Uncompared(ctx, s.Conn(), res, agree)
	if err != nil {
		return fmt.Errorf("forecast: agreement: %w", err)
	}
	for _, n := range nc {
		m.Warnings = append(m.Warnings, n.String())
	}
	timing("write forecast", start)
	// forecast.Write logs each file with its row count in the store.
	logged, err := db.Outputs(ctx)
	if err != nil {
		return fmt.Errorf("write forecast: %w", err)
	}
	rows := map[string]int64{}
	for _, o := range logged {
		rows[o.Path] = o.Rows
	}
	for _, p := range paths {
		rel := relPath(runDir, p)
		// Own indicators may only use the built-in families, so this
		// cannot happen today; a manifest listing one path twice would.
		if slices.ContainsFunc(m.Outputs, func(o OutputRecord) bool { return o.Path == rel }) {
			return fmt.Errorf("write forecast: %s overwrote an indicator output", rel)
		}
		sum, size, err := hashFile(p)
		if err != nil {
			return fmt.Errorf("output %s: %w", p, err)
		}
		n, ok := rows[p]
		if !ok {
			return fmt.Errorf("write forecast: %s: no row count in the store's outputs", p)
		}
		file := strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))
		m.Outputs = append(m.Outputs, OutputRecord{Path: rel, Family: file, Format: formatOf(p), SHA256: sum, Size: size, Rows: n})
		if n == 0 && formatOf(p) == "csv" {
			m.Empty = append(m.Empty, EmptyRecord{Output: file, Reason: res.EmptyReason(file), Requested: true})
		}
	}
	return nil
}

// record is the [forecast] table as the manifest keeps it.
func (f *ForecastSpec) record() *ForecastSpecRecord {
	p := f.Params
	t := p.Thresholds
	return &ForecastSpecRecord{Levels: nonNil(f.Levels), Basis: string(p.Basis), Horizon: p.Horizon, Origin: p.Origin,
		Models: nonNil(p.Models), Combine: p.Combine, BottomUp: p.BottomUp, PerSeries: p.PerSeries,
		Margin: p.Margin, Coverage: p.Coverage, Thresholds: []float64{t.ClearShortage, t.Shortage, t.Surplus, t.ClearSurplus},
		EntrantYears: p.EntrantYears, JobseekerCategories: nonNil(p.JobseekerCategories), K: p.K,
		Breaks: breaksRecord(p.Breaks)}
}

// breaksRecord keeps [forecast] breaks for the manifest: nil when not
// set, the list (maybe empty) when set.
func breaksRecord(b []int) *[]int {
	if b == nil {
		return nil
	}
	c := slices.Clone(b)
	return &c
}

// parameters are the forecast's choices as res used them.
func (f *ForecastSpec) parameters(res *forecast.Result) *ForecastParameters {
	p := res.Params
	t := p.Thresholds
	fp := &ForecastParameters{Levels: nonNil(f.Levels), Basis: string(p.Basis), Horizon: p.Horizon, Origin: res.Origin,
		Models: []string{}, Combine: p.Combine, BottomUp: p.BottomUp, PerSeries: p.PerSeries,
		Margin: p.Margin, Coverage: p.Coverage,
		Thresholds:   ThresholdsRecord{ClearShortage: t.ClearShortage, Shortage: t.Shortage, Surplus: t.Surplus, ClearSurplus: t.ClearSurplus},
		EntrantYears: p.EntrantYears, JobseekerCategories: nonNil(p.JobseekerCategories), K: p.K, MinTrain: p.MinTrain,
		Panel: res.Panel, Breaks: res.Breaks}
	if res.Path == forecast.PathPublished {
		fp.Path = res.Path // absent for the register, so such manifests are as before
	}
	if len(res.Years) > 0 {
		fp.FirstYear = res.Years[0]
	}
	if res.Backtest != nil {
		fp.Models = slices.Clone(res.Backtest.Models)
	}
	return fp
}

// record is the spec as the manifest keeps it.
func (s *Spec) record(runDir string) SpecRecord {
	p := &s.params
	r := SpecRecord{Name: s.Name, Basis: string(p.Basis), Source: p.Source, By: nonNil(p.By),
		Age: p.Age.String(), K: p.K, Alphas: nonNil(p.Alphas),
		Indicators: nonNil(p.Indicators), OutputsDir: filepath.ToSlash(s.OutDir), Seed: s.Seed, CSVDialect: s.csvDialectName(), AllowEmpty: s.AllowEmpty,
		MatchKey: MatchKeyRecord{MapFile: relPath(runDir, p.Key.MapFile), Threshold: p.Key.Threshold, BaseYear: p.Key.BaseYear},
		Inputs:   []InputSpec{}, Levels: []string{}, Groupings: []string{}, OwnSQL: []string{}}
	if s.NoIndicators {
		r.Compute = new(bool)
	}
	for _, in := range s.Inputs {
		if q := in.Query; q != nil {
			r.Inputs = append(r.Inputs, InputSpec{Path: q.File, PXWeb: q.record()})
			continue
		}
		r.Inputs = append(r.Inputs, InputSpec{Path: relPath(runDir, in.Path), Table: in.Table, Format: in.Format,
			Taxonomy: relPath(runDir, in.Taxonomy), OccupationMap: relPath(runDir, in.OccupationMap),
			Category: in.Category, Period: in.Period, Round: in.Round})
	}
	r.Horizon, r.Shortage = s.horizon(), s.shortageRecord()
	for _, l := range p.Levels {
		r.Levels = append(r.Levels, string(l))
	}
	for _, g := range s.Groupings {
		r.Groupings = append(r.Groupings, relPath(runDir, g))
	}
	for _, f := range s.OwnSQL {
		r.OwnSQL = append(r.OwnSQL, relPath(runDir, f))
	}
	if s.Forecast != nil {
		r.Forecast = s.Forecast.record()
	}
	return r
}

// shortageRecord is [indicators.shortage] as the manifest keeps it; nil
// when the spec has none.
func (s *Spec) shortageRecord() *ShortageRecord {
	if !s.ShortageSet {
		return nil
	}
	sh := s.params.Shortage
	return &ShortageRecord{Weights: maps.Clone(sh.Weights), Window: sh.Window, Thresholds: slices.Clone(sh.Thresholds)}
}

// csvDialectName is [outputs] csv_dialect as the manifest keeps it: ""
// for the default.
func (s *Spec) csvDialectName() string {
	if s.CSV.Name == csvout.Default.Name {
		return ""
	}
	return s.CSV.Name
}

// horizon is [indicators] horizon as the manifest keeps it: 0 when the
// spec does not set it.
func (s *Spec) horizon() int {
	if !s.HorizonSet {
		return 0
	}
	return s.params.Horizon
}

// parameters records the computation's choices with the hashes of the
// files behind them.
func (s *Spec) parameters(runDir string) (Parameters, error) {
	sp := &s.params
	p := Parameters{K: sp.K, Levels: []string{}, Groupings: []FileRef{}, OwnSQL: []FileRef{},
		Basis: string(sp.Basis), By: nonNil(sp.By), AgeMin: sp.Age.Min, AgeMax: sp.Age.Max,
		Alphas: nonNil(sp.Alphas), Seed: s.Seed, Horizon: s.horizon(), Shortage: s.shortageRecord(),
		MatchKey: KeyRecord{Threshold: sp.Key.Threshold, BaseYear: sp.Key.BaseYear, MapFile: relPath(runDir, sp.Key.MapFile)}}
	for _, l := range sp.Levels {
		p.Levels = append(p.Levels, string(l))
	}
	for i, g := range s.Groupings {
		sum, _, err := hashFile(g)
		if err != nil {
			return p, fmt.Errorf("grouping %s: %w", g, err)
		}
		p.Groupings = append(p.Groupings, FileRef{Name: sp.Groupings[i].Name, Path: relPath(runDir, g), SHA256: sum})
	}
	for i, f := range s.OwnSQL {
		sum, _, err := hashFile(f)
		if err != nil {
			return p, fmt.Errorf("indicator file %s: %w", f, err)
		}
		p.OwnSQL = append(p.OwnSQL, FileRef{Name: s.params.Own[i].Name, Path: relPath(runDir, f), SHA256: sum})
	}
	if s.params.Key.MapFile != "" {
		sum, _, err := hashFile(s.params.Key.MapFile)
		if err != nil {
			return p, fmt.Errorf("match map %s: %w", s.params.Key.MapFile, err)
		}
		p.MatchKey.MapFileSHA256 = sum
	}
	return p, nil
}

// indicatorRecords describes the indicators a computation ran, in its
// order.
func (s *Spec) indicatorRecords(runDir string, names []string) ([]IndicatorRecord, error) {
	out := []IndicatorRecord{}
	for _, name := range names {
		var ind *indicators.Indicator
		for _, own := range s.params.Own {
			if own.Name == name {
				ind = own
			}
		}
		if ind == nil {
			var ok bool
			if ind, ok = indicators.Lookup(name); !ok {
				return nil, fmt.Errorf("compute: indicator %q is neither built in nor the spec's own", name)
			}
		}
		sum := sha256.Sum256([]byte(ind.SQL))
		rec := IndicatorRecord{Name: ind.Name, Version: ind.Version, Family: ind.Family, Own: ind.Own,
			SQLSHA256: hex.EncodeToString(sum[:])}
		if ind.Own {
			for i, own := range s.params.Own {
				if own == ind {
					rec.File = relPath(runDir, s.OwnSQL[i])
				}
			}
		}
		out = append(out, rec)
	}
	return out, nil
}

// hashFile returns a file's SHA-256 and size.
func hashFile(path string) (string, int64, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return "", 0, err
	}
	sum, err := load.FileSHA256(path)
	if err != nil {
		return "", 0, err
	}
	return sum, fi.Size(), nil
}
