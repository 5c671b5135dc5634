package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"lmi/internal/atomicfile"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// Refresh layout. RUN_DIR is a symbolic link to a sibling folder
// RUN_DIR.<stamp> that holds a complete run; a refresh builds the next run
// in RUN_DIR.tmp-XXXX, renames it to RUN_DIR.<stamp>, and flips RUN_DIR to
// it by renaming a new link RUN_DIR.lnk-XXXX over it: rename(2) replaces
// the link atomically, so a reader resolving RUN_DIR sees the old run or
// the new one, never a mix. The previous RUN_DIR.<stamp> is removed after
// the flip. RUN_DIR.lock is the lock file.
const (
	// RefreshStampLayout names the run folders a refresh builds
	// (RUN_DIR.20261127T040000.123456789Z), in UTC.
	RefreshStampLayout = "20060102T150405.000000000Z"
	// LockSuffix is added to RUN_DIR to name its lock file.
	LockSuffix = ".lock"
)

// Change kinds and statuses of a RefreshRecord.
const (
	KindSpec     = "spec"
	KindInput    = "input"
	KindTaxonomy = "taxonomy" // a JobTech taxonomy dump an input is read with
	KindGrouping = "grouping"
	KindOwnSQL   = "own_sql"
	KindMapFile  = "map_file"

	StatusAdded   = "added"   // read by the new run, not by the previous one
	StatusRemoved = "removed" // read by the previous run, not by the new one
	// StatusChanged: another SHA-256 (defined with verify's statuses).
)

// RefreshOptions tune a refresh.
type RefreshOptions struct {
	Options
	// Logger gets one line per step; nil discards.
	Logger *slog.Logger
}

// FileChange is one file whose content differs from the previous run's.
type FileChange struct {
	Kind      string `json:"kind"` // spec, input, taxonomy, grouping, own_sql, map_file
	Path      string `json:"path"` // as in the manifest
	Status    string `json:"status"`
	OldSHA256 string `json:"old_sha256,omitempty"`
	NewSHA256 string `json:"new_sha256,omitempty"`
}

// RefreshRecord is what a refresh adds to the manifest it writes, as the
// key "refresh" after every other key.
type RefreshRecord struct {
	BuiltAt time.Time `json:"built_at"` // when the run was swapped in (UTC)
	// Previous is the manifest the changes are against: "" for a first
	// build (or when RUN_DIR held no readable manifest).
	Previous string `json:"previous"`
	// Executable is the SHA-256 of the lmi binary that built the run;
	// outputs are carried over only from a run of the same binary.
	Executable string `json:"executable_sha256"`
	// Recomputed says how many output families were recomputed: "all",
	// "some" or "none" (the others carried over from the previous run;
	// see docs/operations.md). Every input is loaded into a fresh
	// database either way.
	Recomputed string `json:"recomputed"`
	// FullRebuild says why every family was recomputed whatever changed
	// ("no previous run", "the spec changed outside [inputs], [forecast],
	// [indicators.shortage] and [indicators] horizon", ...); empty when
	// only what depends on a change was.
	FullRebuild string       `json:"full_rebuild,omitempty"`
	Changes     []FileChange `json:"changes"`
	// ChangedTables are the store tables whose loaded inputs differ from
	// the previous run's.
	ChangedTables []string `json:"changed_tables"`
	// Families says, per output family in the order of the outputs,
	// whether it was recomputed or carried over, and why.
	Families []FamilyRefresh `json:"families"`
}

// RefreshResult is what a refresh did.
type RefreshResult struct {
	RunDir  string
	Target  string    // the folder RUN_DIR points to now
	Built   bool      // false: nothing changed, nothing done
	Since   time.Time // when the current run was built (also when nothing changed)
	Changes []FileChange
	// Families: what the build did with each output family (nil when
	// nothing was built); FullRebuild why every one was recomputed ("" when
	// only those depending on a change were).
	Families    []FamilyRefresh
	FullRebuild string
	// Manifest of the run RUN_DIR shows now.
	Manifest *Manifest
}

// refreshHook, when set (by tests), is called at each step of a refresh:
// locked, building, built, renamed, flipped.
var refreshHook func(step string)

func hook(step string) {
	if refreshHook != nil {
		refreshHook(step)
	}
}

// Refresh brings the run folder runDir up to date with spec: under an
// exclusive lock on runDir+".lock", it fetches every query input again
// (a fetch that fails fails the refresh), hashes every file the spec
// reads and, when all equal those in runDir's manifest, does nothing; otherwise
// it builds a complete new run beside runDir and swaps it in atomically.
// The new run loads every input into a fresh database but recomputes only
// the output families that read a changed table; the others' files are
// copied from the previous run (docs/operations.md says when everything
// is recomputed instead).
// On any failure runDir is left as it was and the partial build is
// removed. A refresh killed at any point leaves runDir complete; the next
// refresh removes what it left.
func Refresh(ctx context.Context, spec *Spec, runDir string, opts RefreshOptions) (*RefreshResult, error) {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if runDir == "" {
		runDir = DefaultRunDir(spec)
	}
	runDir = filepath.Clean(runDir)
	begin := time.Now()
	res := &RefreshResult{RunDir: runDir}
	if err := os.MkdirAll(filepath.Dir(runDir), 0o755); err != nil {
		return nil, fmt.Errorf("run folder: %w", err)
	}

	start := time.Now()
	lock, err := AcquireLock(runDir + LockSuffix)
	if err != nil {
		log.Error("lock", "lock", runDir+LockSuffix, "error", err.Error())
		return nil, err
	}
	defer lock.Release()
	log.Info("lock", "lock", lock.Path, "seconds", since(start))
	hook("locked")

	if n, err := cleanLeftovers(runDir); err != nil {
		log.Warn("clean", "error", err.Error())
	} else if n > 0 {
		log.Info("clean", "removed", n)
	}

	parent, base := filepath.Dir(runDir), filepath.Base(runDir)
	var tmp string // the build's folder, once made
	ok := false
	defer func() {
		if !ok && tmp != "" {
			os.RemoveAll(tmp)
		}
	}()
	mkTmp := func() error {
		var err error
		if tmp, err = os.MkdirTemp(parent, base+".tmp-"); err != nil {
			return fmt.Errorf("build: %w", err)
		}
		// MkdirTemp makes the folder private; a run folder is for readers too.
		if err := os.Chmod(tmp, 0o755); err != nil {
			return fmt.Errorf("build: %w", err)
		}
		return nil
	}

	// Query inputs are fetched again, into the build's folder: their
	// hashes say whether the source changed, and a build loads those very
	// bytes rather than asking twice.
	var got map[int]*fetched
	if spec.hasQueries() {
		start = time.Now()
		if err := mkTmp(); err != nil {
			log.Error("fetch", "error", err.Error())
			return nil, err
		}
		f := fetcher{log: log}
		if got, err = f.fetchAll(ctx, spec, tmp); err != nil {
			log.Error("fetch", "error", err.Error(), "seconds", since(start))
			return nil, err
		}
	}

	start = time.Now()
	cur, err := currentFiles(spec, runDir, got)
	if err != nil {
		log.Error("hash", "error", err.Error(), "seconds", since(start))
		return nil, err
	}
	prev, prevErr := ReadManifest(runDir)
	var changes []FileChange
	if prevErr == nil {
		changes = diffFiles(manifestFiles(prev), cur)
	}
	log.Info("hash", "files", len(cur.keys), "changed", len(changes), "previous", prevErr == nil, "seconds", since(start))
	if prevErr == nil && len(changes) == 0 {
		res.Since = builtAt(runDir)
		res.Target, _ = filepath.EvalSymlinks(runDir)
		res.Manifest = prev
		log.Info("nothing changed", "since", res.Since.Format(time.RFC3339), "run_dir", runDir)
		log.Info("done", "built", false, "seconds", since(begin))
		return res, nil
	}

	start = time.Now()
	if tmp == "" {
		if err := mkTmp(); err != nil {
			log.Error("build", "error", err.Error())
			return nil, err
		}
	}
	log.Info("build", "into", tmp, "reason", reason(prevErr, changes))
	hook("building")
	inc := &incremental{prevDir: runDir, log: log, fetched: got}
	inc.exe, inc.exeErr = executableSHA256()
	if prevErr == nil {
		inc.prev = prev
		if r, err := ReadRefreshRecord(runDir); err == nil && r != nil {
			inc.prevExe = r.Executable
		}
	}
	m, err := runWith(ctx, spec, tmp, opts.Options, inc)
	if err != nil {
		log.Error("build", "error", err.Error(), "seconds", since(start))
		return nil, err
	}
	// The changes against the hashes the build actually loaded.
	if prevErr == nil {
		changes = diffFiles(manifestFiles(prev), manifestFiles(m))
	}
	pl := inc.plan
	rec := RefreshRecord{BuiltAt: time.Now().UTC(), Executable: inc.exe, Recomputed: summary(pl.families),
		FullRebuild: pl.full, Changes: nonNil(changes), ChangedTables: nonNil(pl.changed), Families: pl.families}
	if prevErr == nil {
		rec.Previous = prev.SpecFile
		if t, err := filepath.EvalSymlinks(runDir); err == nil {
			rec.Previous = filepath.Base(t) + "/" + ManifestFile
		}
	}
	if err := writeRefreshManifest(tmp, m, &rec); err != nil {
		log.Error("build", "error", err.Error(), "seconds", since(start))
		return nil, fmt.Errorf("write manifest: %w", err)
	}
	log.Info("built", "outputs", len(m.Outputs), "seconds", since(start))
	hook("built")

	start = time.Now()
	target, err := swapIn(runDir, tmp, rec.BuiltAt)
	if err != nil {
		log.Error("swap", "error", err.Error(), "seconds", since(start))
		return nil, fmt.Errorf("swap in the new run: %w (%s is unchanged)", err, runDir)
	}
	ok = true
	log.Info("swap", "run_dir", runDir, "target", target, "seconds", since(start))

	res.Built, res.Target, res.Since, res.Changes, res.Manifest = true, target, rec.BuiltAt, changes, m
	res.Families, res.FullRebuild = pl.families, pl.full
	log.Info("done", "built", true, "changed", len(changes), "recomputed", rec.Recomputed, "seconds", since(begin))
	return res, nil
}

func since(t time.Time) float64 { return math.Round(time.Since(t).Seconds()*1000) / 1000 }

func reason(prevErr error, changes []FileChange) string {
	if prevErr != nil {
		return "no previous run: " + prevErr.Error()
	}
	var parts []string
	for _, c := range changes {
		parts = append(parts, c.Kind+" "+c.Path+" "+c.Status)
	}
	return strings.Join(parts, "; ")
}

// swapIn turns the finished build tmp into RUN_DIR.<stamp> and points
// runDir at it, removing the folder runDir pointed to before. It returns
// the new target.
func swapIn(runDir, tmp string, at time.Time) (string, error) {
	parent, base := filepath.Dir(runDir), filepath.Base(runDir)
	target := filepath.Join(parent, base+"."+at.Format(RefreshStampLayout))
	if err := os.Rename(tmp, target); err != nil {
		return "", err
	}
	fail := func(err error) (string, error) {
		os.RemoveAll(target)
		return "", err
	}
	link := filepath.Join(parent, base+".lnk-"+strings.TrimPrefix(filepath.Base(tmp), base+".tmp-"))
	if err := os.Symlink(filepath.Base(target), link); err != nil {
		return fail(err)
	}
	hook("renamed")

	fi, err := os.Lstat(runDir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.Rename(link, runDir); err != nil {
			os.Remove(link)
			return fail(err)
		}
	case err != nil:
		os.Remove(link)
		return fail(err)
	case fi.Mode()&fs.ModeSymlink != 0:
		old, _ := os.Readlink(runDir)
		if err := os.Rename(link, runDir); err != nil {
			os.Remove(link)
			return fail(err)
		}
		hook("flipped")
		if old != "" && old != filepath.Base(target) && ownFolder(base, old) {
			os.RemoveAll(filepath.Join(parent, old))
		}
	case fi.IsDir():
		// A run folder made by lmi run, not yet a link: move it aside and
		// put the link in its place. Between the two renames RUN_DIR does
		// not exist (once, on the first refresh of such a folder).
		old := filepath.Join(parent, base+".old-"+strings.TrimPrefix(filepath.Base(tmp), base+".tmp-"))
		if err := os.Rename(runDir, old); err != nil {
			os.Remove(link)
			return fail(err)
		}
		if err := os.Rename(link, runDir); err != nil {
			os.Rename(old, runDir)
			os.Remove(link)
			return fail(err)
		}
		hook("flipped")
		os.RemoveAll(old)
	default:
		os.Remove(link)
		return fail(fmt.Errorf("%s is neither a folder nor a link to one", runDir))
	}
	return target, nil
}

// ownFolder reports whether name (a link target) is a folder a refresh of
// base made: base.<stamp>, in the same parent.
func ownFolder(base, name string) bool {
	return !strings.ContainsRune(name, filepath.Separator) && leftover(base).MatchString(name)
}

func leftover(base string) *regexp.Regexp {
	return regexp.MustCompile(`^` + regexp.QuoteMeta(base) + `\.(tmp-.+|lnk-.+|old-.+|\d{8}T\d{6}\.\d{9}Z)$`)
}

// cleanLeftovers removes what killed refreshes left beside runDir:
// temporary builds, links and moved-aside folders, and RUN_DIR.<stamp>
// folders runDir does not point to. Only called under the lock.
func cleanLeftovers(runDir string) (int, error) {
	parent, base := filepath.Dir(runDir), filepath.Base(runDir)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return 0, err
	}
	current := ""
	if t, err := os.Readlink(runDir); err == nil {
		current = filepath.Base(t)
	}
	re := leftover(base)
	n := 0
	var errs []error
	for _, e := range entries {
		if !re.MatchString(e.Name()) || e.Name() == current {
			continue
		}
		if err := os.RemoveAll(filepath.Join(parent, e.Name())); err != nil {
			errs = append(errs, err)
			continue
		}
		n++
	}
	return n, errors.Join(errs...)
}

// fileKey identifies a file a run reads.
type fileKey struct{ kind, path string }

type fileSet struct {
	keys []fileKey // in the spec's order
	sums map[fileKey]string
}

func (s *fileSet) add(kind, path, sum string) {
	if s.sums == nil {
		s.sums = map[fileKey]string{}
	}
	k := fileKey{kind, path}
	if _, ok := s.sums[k]; !ok {
		s.keys = append(s.keys, k)
	}
	s.sums[k] = sum
}

// manifestFiles is every file a run recorded reading, with its hash.
func manifestFiles(m *Manifest) *fileSet {
	s := &fileSet{}
	s.add(KindSpec, m.SpecFile, m.SpecSHA256)
	for _, in := range m.Inputs {
		s.add(KindInput, in.Path, in.SHA256)
		if in.Taxonomy != "" {
			s.add(KindTaxonomy, in.Taxonomy, in.TaxonomySHA256)
		}
	}
	for _, g := range m.Parameters.Groupings {
		s.add(KindGrouping, g.Path, g.SHA256)
	}
	for _, f := range m.Parameters.OwnSQL {
		s.add(KindOwnSQL, f.Path, f.SHA256)
	}
	if m.Parameters.MatchKey.MapFile != "" {
		s.add(KindMapFile, m.Parameters.MatchKey.MapFile, m.Parameters.MatchKey.MapFileSHA256)
	}
	return s
}

// currentFiles hashes every file spec reads now, with paths as a run in
// runDir records them; a query input is the copy just fetched (got, by
// input index), under the path it has in a run folder. A file that cannot
// be read is an error naming it.
func currentFiles(spec *Spec, runDir string, got map[int]*fetched) (*fileSet, error) {
	s := &fileSet{}
	s.add(KindSpec, relPath(runDir, spec.File), spec.SHA256)
	hash := func(kind, p string) error {
		sum, _, err := hashFile(p)
		if err != nil {
			return fmt.Errorf("%s %s: %w", strings.ReplaceAll(kind, "_", " "), p, err)
		}
		s.add(kind, relPath(runDir, p), sum)
		return nil
	}
	for i, in := range spec.Inputs {
		if in.Query != nil {
			s.add(KindInput, in.Query.File, got[i].sha256)
			continue
		}
		if err := hash(KindInput, in.Path); err != nil {
			return nil, err
		}
		if in.Taxonomy != "" {
			if err := hash(KindTaxonomy, in.Taxonomy); err != nil {
				return nil, err
			}
		}
	}
	for _, g := range spec.Groupings {
		if err := hash(KindGrouping, g); err != nil {
			return nil, err
		}
	}
	for _, f := range spec.OwnSQL {
		if err := hash(KindOwnSQL, f); err != nil {
			return nil, err
		}
	}
	if spec.params.Key.MapFile != "" {
		if err := hash(KindMapFile, spec.params.Key.MapFile); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// diffFiles lists how cur differs from old: changed and added files in
// cur's order, then removed ones in old's.
func diffFiles(old, cur *fileSet) []FileChange {
	var out []FileChange
	name := func(k fileKey) string { return k.path }
	for _, k := range cur.keys {
		was, ok := old.sums[k]
		switch {
		case !ok:
			out = append(out, FileChange{Kind: k.kind, Path: name(k), Status: StatusAdded, NewSHA256: cur.sums[k]})
		case was != cur.sums[k]:
			out = append(out, FileChange{Kind: k.kind, Path: name(k), Status: StatusChanged, OldSHA256: was, NewSHA256: cur.sums[k]})
		}
	}
	for _, k := range old.keys {
		if _, ok := cur.sums[k]; !ok {
			out = append(out, FileChange{Kind: k.kind, Path: name(k), Status: StatusRemoved, OldSHA256: old.sums[k]})
		}
	}
	return out
}

// refreshManifest is a manifest with the refresh record as its last key.
type refreshManifest struct {
	*Manifest
	Refresh *RefreshRecord `json:"refresh"`
}

// writeRefreshManifest rewrites runDir's manifest with rec added,
// atomically and durably.
func writeRefreshManifest(runDir string, m *Manifest, rec *RefreshRecord) error {
	b, err := json.MarshalIndent(refreshManifest{m, rec}, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(filepath.Join(runDir, ManifestFile), append(b, '\n'), 0o644)
}

// ReadRefreshRecord reads the refresh record of runDir's manifest; nil
// when the run was not made by a refresh.
func ReadRefreshRecord(runDir string) (*RefreshRecord, error) {
	b, err := os.ReadFile(filepath.Join(runDir, ManifestFile))
	if err != nil {
		return nil, err
	}
	var v struct {
		Refresh *RefreshRecord `json:"refresh"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(runDir, ManifestFile), err)
	}
	return v.Refresh, nil
}

// builtAt is when runDir's run was built: its refresh record's time, or
// the manifest's modification time for a run made by lmi run.
func builtAt(runDir string) time.Time {
	if r, err := ReadRefreshRecord(runDir); err == nil && r != nil {
		return r.BuiltAt
	}
	if fi, err := os.Stat(filepath.Join(runDir, ManifestFile)); err == nil {
		return fi.ModTime().UTC()
	}
	return time.Time{}
}
