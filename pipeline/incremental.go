package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"lmi/forecast"
	"lmi/indicators"
	"lmi/internal/atomicfile"
	"lmi/store"
)

// Incremental refresh. A refresh loads every input into a fresh database,
// as lmi run does, then recomputes only the output families (each
// indicator family, and the forecast) that read a store table whose loaded
// inputs differ from the previous run's; the other families' files are
// copied from the previous run, byte for byte, each checked against the
// hash its manifest records. Everything is recomputed when the previous
// run cannot vouch for its outputs: no previous run, another lmi
// executable or software version, or a change to the spec outside
// [inputs] (and outside [forecast], which recomputes only the forecast,
// [indicators.shortage], which recomputes only the shortage family, and
// [indicators] horizon, which recomputes only the families reading the
// exit profile), to a grouping, an own-SQL file or the match map.

// Actions of a FamilyRefresh.
const (
	ActionRecomputed  = "recomputed"
	ActionCarriedOver = "carried_over"
)

// ForecastFamily names the forecast's outputs (forecast, shortage_list,
// forecast_models) as one family in a refresh record.
const ForecastFamily = "forecast"

// forecastOutputs are the forecast's output families in a manifest.
var forecastOutputs = []string{forecast.FileForecast, forecast.FileShortage, forecast.FileSelection}

// FamilyRefresh is what a refresh did with one output family.
type FamilyRefresh struct {
	Family  string   `json:"family"` // an indicator family, or "forecast"
	Action  string   `json:"action"` // recomputed or carried_over
	Reason  string   `json:"reason"`
	Inputs  []string `json:"inputs"`  // the store tables it reads
	Outputs []string `json:"outputs"` // its files, as in the manifest's outputs
}

// incremental is what a refresh gives a build: the previous run, to
// compare with and copy from.
type incremental struct {
	prev    *Manifest // nil: no previous run
	prevDir string    // its folder (RUN_DIR, through the link)
	prevExe string    // the executable hash its refresh record gives, or ""
	exe     string    // this executable's hash
	exeErr  error
	log     *slog.Logger
	plan    *plan // set by the build
	// fetched are the query inputs the refresh fetched to compare, by
	// input index, already in the build's folder: loaded, not fetched again.
	fetched map[int]*fetched
}

// plan is what a build recomputes and what it carries over.
type plan struct {
	full      string              // why everything is recomputed; "" = only what depends on a change
	changed   []string            // store tables whose loaded inputs differ from the previous run's
	recompute map[string]string   // family (or ForecastFamily) -> why
	carry     map[string]string   // family (or ForecastFamily) -> why it may be kept
	inputs    map[string][]string // family (or ForecastFamily) -> the store tables it reads
	// What the previous run wrote for each carried family: its output
	// records and (indicator families) its indicator names.
	prevOutputs map[string][]OutputRecord
	prevNames   map[string][]string
	// allIndicators: compute the spec's indicators unrestricted (every
	// indicator family is recomputed).
	allIndicators bool
	families      []FamilyRefresh // filled once the outputs are known
}

// newPlan is a plan for spec's families with nothing decided yet.
func newPlan(spec *Spec, fams []string) *plan {
	pl := &plan{recompute: map[string]string{}, carry: map[string]string{},
		prevOutputs: map[string][]OutputRecord{}, prevNames: map[string][]string{}, inputs: map[string][]string{}}
	for _, f := range fams {
		pl.inputs[f] = familyInputs(spec, f)
	}
	if p, ok := spec.ForecastParams(); ok {
		pl.inputs[ForecastFamily] = forecast.Inputs(p)
	}
	return pl
}

// fullPlan recomputes every family of spec, for reason why.
func fullPlan(spec *Spec, fams []string, why string) *plan {
	pl := newPlan(spec, fams)
	pl.full, pl.allIndicators = why, true
	for f := range pl.inputs {
		pl.recompute[f] = why
	}
	return pl
}

func (pl *plan) recomputes(family string) bool { _, ok := pl.recompute[family]; return ok }

// recomputeInstead moves a carried family to the recomputed ones.
func (pl *plan) recomputeInstead(family, why string) {
	delete(pl.carry, family)
	delete(pl.prevOutputs, family)
	delete(pl.prevNames, family)
	pl.recompute[family] = why
}

// specFamilies lists the indicator families a run of spec writes, in
// output order, with each family's indicators in the order Compute runs
// them: the selected built-ins by name, then the spec's own.
func specFamilies(spec *Spec) ([]string, map[string][]string) {
	names := map[string][]string{}
	if spec.NoIndicators {
		return nil, names
	}
	for _, ind := range indicators.All() {
		if len(spec.params.Indicators) == 0 || slices.Contains(spec.params.Indicators, ind.Name) {
			names[ind.Family] = append(names[ind.Family], ind.Name)
		}
	}
	for _, own := range spec.params.Own {
		names[own.Family] = append(names[own.Family], own.Name)
	}
	var fams []string
	for _, f := range indicators.Families() {
		if len(names[f]) > 0 {
			fams = append(fams, f)
		}
	}
	return fams, names
}

// familyInputs is what a family reads: its built-in SQL's tables and
// those the spec's own indicators of the family name.
func familyInputs(spec *Spec, family string) []string {
	in := indicators.FamilyInputs(family)
	for _, own := range spec.params.Own {
		if own.Family == family {
			in = append(in, indicators.SQLInputs(own.SQL)...)
		}
	}
	slices.Sort(in)
	return slices.Compact(in)
}

// decide compares the build's manifest so far (spec, software, inputs
// loaded, parameters) with the previous run's and plans what to
// recompute.
func (inc *incremental) decide(spec *Spec, m *Manifest, fams []string, names map[string][]string) *plan {
	prev := inc.prev
	switch {
	case prev == nil:
		return fullPlan(spec, fams, "no previous run")
	case inc.exeErr != nil:
		return fullPlan(spec, fams, "cannot hash the lmi executable: "+inc.exeErr.Error())
	case inc.prevExe == "":
		return fullPlan(spec, fams, "the previous run does not record its lmi executable (made by lmi run or an older lmi)")
	case inc.prevExe != inc.exe:
		return fullPlan(spec, fams, "another lmi executable than the previous run's")
	case prev.Software != m.Software:
		return fullPlan(spec, fams, "other software versions than the previous run's")
	case !sameJSON(specCore(prev.Spec), specCore(m.Spec)):
		return fullPlan(spec, fams, "the spec changed outside [inputs], [forecast], [indicators.shortage] and [indicators] horizon")
	case !sameJSON(paramsCore(prev.Parameters), paramsCore(m.Parameters)):
		return fullPlan(spec, fams, "a grouping, own-SQL or match-map file changed")
	}

	pl := newPlan(spec, fams)
	pl.changed = changedTables(prev, m)
	// Families a change of parameters outside the tables recomputes.
	changedParams := map[string]string{}
	if !sameJSON(shortageOf(prev.Spec), shortageOf(m.Spec)) {
		changedParams[ShortageFamily] = "the [indicators.shortage] table changed"
	}
	if horizonOf(prev.Spec) != horizonOf(m.Spec) {
		for _, f := range horizonFamilies(spec, fams) {
			changedParams[f] = "the [indicators] horizon changed"
		}
	}
	prevNames := map[string][]string{}
	for _, ind := range prev.Indicators {
		prevNames[ind.Family] = append(prevNames[ind.Family], ind.Name)
	}
	prevOutputs := map[string][]OutputRecord{}
	for _, o := range prev.Outputs {
		f := o.Family
		if slices.Contains(forecastOutputs, f) {
			f = ForecastFamily
		}
		prevOutputs[f] = append(prevOutputs[f], o)
	}
	decideOne := func(f string) {
		var hit []string
		for _, t := range pl.inputs[f] {
			if slices.Contains(pl.changed, t) {
				hit = append(hit, t)
			}
		}
		switch {
		case len(hit) > 0:
			pl.recompute[f] = "reads " + strings.Join(hit, ", ") + ": changed"
		case changedParams[f] != "":
			pl.recompute[f] = changedParams[f]
		case len(prevOutputs[f]) == 0:
			pl.recompute[f] = "not in the previous run's outputs"
		case f != ForecastFamily && !slices.Equal(prevNames[f], names[f]):
			pl.recompute[f] = "the previous run computed other indicators"
		default:
			why := "reads " + strings.Join(pl.inputs[f], ", ") + ": unchanged"
			if len(pl.inputs[f]) == 0 {
				why = "reads no input table"
			}
			pl.carry[f] = why
			pl.prevOutputs[f] = prevOutputs[f]
			pl.prevNames[f] = prevNames[f]
		}
	}
	for _, f := range fams {
		decideOne(f)
	}
	if spec.Forecast != nil {
		if !sameJSON(prev.Spec.Forecast, m.Spec.Forecast) || prev.Parameters.Forecast == nil {
			pl.recompute[ForecastFamily] = "the [forecast] table changed"
		} else {
			decideOne(ForecastFamily)
		}
	}
	pl.settle("", spec, fams, names)
	return pl
}

// restrict gives the built-in and own indicators of the families to
// recompute, for indicators.Params; ok is false when that cannot be said
// (Params.Indicators empty means every built-in, so families with only
// own indicators cannot be computed alone).
func (pl *plan) restrict(spec *Spec, fams []string, names map[string][]string) (builtins []string, own []*indicators.Indicator, ok bool) {
	for _, f := range fams {
		if !pl.recomputes(f) {
			continue
		}
		for _, n := range names[f] {
			if _, isBuiltin := indicators.Lookup(n); isBuiltin {
				builtins = append(builtins, n)
			}
		}
		for _, ind := range spec.params.Own {
			if ind.Family == f {
				own = append(own, ind)
			}
		}
	}
	return builtins, own, len(builtins) > 0
}

// carryOver copies the outputs of every carried family from the previous
// run into runDir and records them in the build's database. A file that
// is missing or no longer has its recorded hash makes its family
// recomputed instead; any other failure (a full disk) fails the build.
func (inc *incremental) carryOver(ctx context.Context, db *store.DB, runDir string, pl *plan) error {
	families := make([]string, 0, len(pl.carry))
	for f := range pl.carry {
		families = append(families, f)
	}
	slices.Sort(families)
	for _, f := range families {
		var copied []string
		var damaged error
		for _, o := range pl.prevOutputs[f] {
			dst := resolve(runDir, o.Path)
			if rel, err := filepath.Rel(runDir, dst); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
				damaged = fmt.Errorf("%s is outside the run folder", o.Path)
				break
			}
			err := copyVerified(resolve(inc.prevDir, o.Path), dst, o.SHA256)
			if errors.Is(err, errDamaged) || errors.Is(err, os.ErrNotExist) {
				damaged = err
				break
			}
			if err != nil {
				return fmt.Errorf("carry over %s: %w", o.Path, err)
			}
			copied = append(copied, dst)
		}
		if damaged != nil {
			for _, p := range copied {
				os.Remove(p)
			}
			pl.recomputeInstead(f, "the previous run's output is damaged: "+damaged.Error())
			continue
		}
		for _, o := range pl.prevOutputs[f] {
			family := o.Family
			if f == ForecastFamily {
				family = ForecastFamily // as forecast.Write records it
			}
			if err := db.RecordOutput(ctx, resolve(runDir, o.Path), family, o.Rows); err != nil {
				return fmt.Errorf("carry over %s: %w", o.Path, err)
			}
		}
	}
	return nil
}

// logPlan logs what the build recomputes, why, and what it carries over.
func (inc *incremental) logPlan(pl *plan, fams []string, took time.Duration) {
	recompute := map[string]string{}
	var carried []string
	for _, f := range append(slices.Clone(fams), ForecastFamily) {
		if why, ok := pl.recompute[f]; ok {
			recompute[f] = why
		} else if _, ok := pl.carry[f]; ok {
			carried = append(carried, f)
		}
	}
	attrs := []any{"recompute", recompute, "carry_over", nonNil(carried), "changed_tables", nonNil(pl.changed)}
	if pl.full != "" {
		attrs = append(attrs, "full", pl.full)
	}
	inc.log.Info("plan", append(attrs, "seconds", math.Round(took.Seconds()*1000)/1000)...)
}

// settle recomputes every indicator family when those to recompute
// cannot be computed alone (restrict), removing copies already made.
func (pl *plan) settle(runDir string, spec *Spec, fams []string, names map[string][]string) {
	if pl.allIndicators || !slices.ContainsFunc(fams, pl.recomputes) {
		return
	}
	if _, _, ok := pl.restrict(spec, fams, names); ok {
		return
	}
	for _, f := range fams {
		if !pl.recomputes(f) {
			pl.uncarry(runDir, f, "recomputed with families of own indicators only, which cannot be computed alone")
		}
	}
	pl.allIndicators = true
}

// uncarry removes the copies of a carried family from runDir ("" before
// any copy) and recomputes it.
func (pl *plan) uncarry(runDir, family, why string) {
	for _, o := range pl.prevOutputs[family] {
		if runDir != "" {
			os.Remove(resolve(runDir, o.Path))
		}
	}
	pl.recomputeInstead(family, why)
}

// errDamaged: a previous output no longer has its recorded hash.
var errDamaged = errors.New("SHA-256 differs from the manifest's")

// copyVerified copies src to dst, hashing on the way; when the hash is
// not want, dst is removed and the error is errDamaged.
func copyVerified(src, dst, want string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	_, err := atomicfile.CopyFile(dst, src, 0o644, want)
	if errors.Is(err, atomicfile.ErrChecksum) {
		return fmt.Errorf("%s: %w", src, errDamaged)
	}
	return err
}

// record describes what the build did with each family, in the order of
// the manifest's outputs.
func (pl *plan) record(m *Manifest) []FamilyRefresh {
	byFamily := map[string][]string{}
	var order []string
	for _, o := range m.Outputs {
		f := o.Family
		if slices.Contains(forecastOutputs, f) {
			f = ForecastFamily
		}
		if _, ok := byFamily[f]; !ok {
			order = append(order, f)
		}
		byFamily[f] = append(byFamily[f], o.Path)
	}
	out := []FamilyRefresh{}
	for _, f := range order {
		fr := FamilyRefresh{Family: f, Inputs: nonNil(pl.inputs[f]), Outputs: byFamily[f]}
		if why, ok := pl.recompute[f]; ok {
			fr.Action, fr.Reason = ActionRecomputed, why
		} else {
			fr.Action, fr.Reason = ActionCarriedOver, pl.carry[f]
		}
		out = append(out, fr)
	}
	return out
}

// summary is "all", "none" or "some": how many families were recomputed.
func summary(fs []FamilyRefresh) string {
	n := 0
	for _, f := range fs {
		if f.Action == ActionRecomputed {
			n++
		}
	}
	switch n {
	case len(fs):
		return "all"
	case 0:
		return "none"
	}
	return "some"
}

// tableLoads says, per store table, what was loaded into it: the
// content hash and rows of each input feeding it, and the choices it was
// read with (format, taxonomy, category, period, round), in order. specs are
// the spec record's inputs, one per input.
func tableLoads(inputs []InputRecord, specs []InputSpec) map[string]string {
	out := map[string]string{}
	for i, in := range inputs {
		tables := strings.Split(in.Table, "+") // a published file feeds several
		if in.Table == "" {
			tables = store.Tables // unknown: count it against every table
		}
		var sp InputSpec
		if i < len(specs) {
			sp = specs[i]
		}
		for _, t := range tables {
			out[t] += fmt.Sprintf("%s:%d:%t:%q:%s:%q:%q:%q;", in.SHA256, in.RowsLoaded, in.AlreadyLoaded,
				in.Format, in.TaxonomySHA256, sp.Category, sp.Period, sp.Round)
		}
	}
	return out
}

// changedTables lists the store tables whose loads differ between two
// runs, in store.Tables order (then any other, by name). Paths do not
// matter (rows keep the content hash, not the path); order does.
func changedTables(prev, cur *Manifest) []string {
	a, b := tableLoads(prev.Inputs, prev.Spec.Inputs), tableLoads(cur.Inputs, cur.Spec.Inputs)
	var out []string
	for t := range a {
		if a[t] != b[t] {
			out = append(out, t)
		}
	}
	for t := range b {
		if _, ok := a[t]; !ok && b[t] != "" {
			out = append(out, t)
		}
	}
	slices.SortFunc(out, func(x, y string) int {
		i, j := slices.Index(store.Tables, x), slices.Index(store.Tables, y)
		switch {
		case i >= 0 && j >= 0:
			return i - j
		case i >= 0:
			return -1
		case j >= 0:
			return 1
		}
		return strings.Compare(x, y)
	})
	return out
}

// specCore is the spec record without what a refresh handles itself: the
// name (in no output), the inputs (compared table by table), the forecast
// (which recomputes only the forecast), the shortage table and the
// horizon (which recompute only the families using them).
func specCore(r SpecRecord) SpecRecord {
	r.Name, r.Inputs, r.Forecast, r.Shortage, r.Horizon = "", nil, nil, nil, 0
	return r
}

// ShortageFamily is the indicator family [indicators.shortage] tunes.
const ShortageFamily = "shortage"

// shortageOf is a spec record's shortage parameters, the defaults when
// it has no [indicators.shortage]: a table that only spells out the
// defaults changes nothing.
func shortageOf(r SpecRecord) *ShortageRecord {
	if r.Shortage != nil {
		return r.Shortage
	}
	d := indicators.DefaultShortageParams()
	return &ShortageRecord{Weights: d.Weights, Window: d.Window, Thresholds: d.Thresholds}
}

// horizonOf is a spec record's horizon, the default when it sets none.
func horizonOf(r SpecRecord) int {
	if r.Horizon != 0 {
		return r.Horizon
	}
	return indicators.DefaultParams().Horizon
}

// horizonFamilies are the families of fams that read the horizon: those
// built on the exit profile (expected exits within the horizon), and any
// whose own indicators name the exit profile.
func horizonFamilies(spec *Spec, fams []string) []string {
	var out []string
	for _, f := range fams {
		uses := slices.Contains(exitProfileFamilies, f)
		for _, own := range spec.params.Own {
			uses = uses || own.Family == f && strings.Contains(strings.ToLower(own.SQL), "exit_profile")
		}
		if uses {
			out = append(out, f)
		}
	}
	return out
}

// exitProfileFamilies are the built-in families that read the exit
// profile, and with it Params.Horizon (indicators' families with
// needsExits; the shortage family also divides expected exits by the
// horizon). TestRefreshHorizon checks a refresh after a horizon change
// gives a full run's bytes, so a family missing here fails it.
var exitProfileFamilies = []string{"age_structure", ShortageFamily}

// paramsCore is the parameters without what the computation found (the
// match key's kind, pairs and resolved year), the forecast's, the
// shortage's and the horizon (compared in the spec record): what is left
// are the spec's choices and the hashes of the files behind them.
func paramsCore(p Parameters) Parameters {
	p.Forecast, p.Shortage, p.Horizon = nil, nil, 0
	p.MatchKey.Kind, p.MatchKey.Pairs, p.MatchKey.BaseYear, p.MatchKey.Threshold = "", 0, 0, 0
	return p
}

// sameJSON compares two values as the manifest writes them (so an empty
// list read back equals one never set).
func sameJSON(a, b any) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(ja, jb)
}

var (
	exeOnce sync.Once
	exeSum  string
	exeErr  error
)

// executableSHA256 is the SHA-256 of the running lmi binary, read once:
// outputs are carried over only between runs of the same binary, since
// any change to lmi may change them. /proc/self/exe is the binary
// running even if its file was replaced since.
func executableSHA256() (string, error) {
	exeOnce.Do(func() {
		path := "/proc/self/exe"
		if _, err := os.Stat(path); err != nil {
			if path, exeErr = os.Executable(); exeErr != nil {
				return
			}
		}
		exeSum, _, exeErr = hashFile(path)
	})
	return exeSum, exeErr
}
