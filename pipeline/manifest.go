package pipeline

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	"lmi/ingest/pxweb"
	"lmi/internal/atomicfile"
)

// ManifestFile is the manifest's name inside a run folder.
const ManifestFile = "manifest.json"

// DatabaseFile is the run's DuckDB database inside a run folder.
const DatabaseFile = "lmi.duckdb"

// ManifestFormat is the version of the manifest layout written here.
const ManifestFormat = 1

// Manifest records everything a run used and produced. Paths are relative
// to the run folder (slash-separated) where possible, absolute otherwise.
// Field order is fixed, so the JSON is written in a stable key order.
type Manifest struct {
	Format     int               `json:"manifest_format"`
	Name       string            `json:"name"`
	SpecFile   string            `json:"spec_file"`
	SpecSHA256 string            `json:"spec_sha256"`
	Spec       SpecRecord        `json:"spec"`
	Software   Software          `json:"software"`
	Execution  Execution         `json:"execution"`
	Inputs     []InputRecord     `json:"inputs"`
	Parameters Parameters        `json:"parameters"`
	Indicators []IndicatorRecord `json:"indicators"`
	Outputs    []OutputRecord    `json:"outputs"`
	Timings    []TimingRecord    `json:"timings"`
}

// SpecRecord is the spec as parsed, every default filled in.
type SpecRecord struct {
	Name      string      `json:"name"`
	Inputs    []InputSpec `json:"inputs"`
	Levels    []string    `json:"levels"`
	Groupings []string    `json:"groupings"`
	// Compute is [indicators] compute: false for a forecast-only run,
	// absent otherwise, so such manifests are as before.
	Compute    *bool     `json:"compute,omitempty"`
	Indicators []string  `json:"indicators"`
	OwnSQL     []string  `json:"own_sql"`
	Basis      string    `json:"basis"`
	By         []string  `json:"by"`
	Age        string    `json:"age"`
	K          int       `json:"k"`
	Alphas     []float64 `json:"alphas"`
	// Horizon is [indicators] horizon; absent (0) when the spec does not
	// set it, so such manifests are as before.
	Horizon  int            `json:"horizon,omitempty"`
	MatchKey MatchKeyRecord `json:"match_key"`
	// Shortage is [indicators.shortage], every default filled in; absent
	// for a spec without the table.
	Shortage   *ShortageRecord `json:"shortage,omitempty"`
	OutputsDir string          `json:"outputs_dir"`
	Seed       int64           `json:"seed"`
	// CSVDialect is [outputs] csv_dialect; absent for the default, so
	// such manifests are as before.
	CSVDialect string `json:"csv_dialect,omitempty"`
	// Forecast is the [forecast] table; absent for a run without one, so
	// such manifests are as before.
	Forecast *ForecastSpecRecord `json:"forecast,omitempty"`
}

// ForecastSpecRecord is the spec's [forecast] table, every default filled
// in.
type ForecastSpecRecord struct {
	Levels    []string `json:"levels"` // lan, fa, riket or a grouping's name
	Basis     string   `json:"basis"`
	Horizon   int      `json:"horizon"`
	Origin    int      `json:"origin"` // 0 = the latest year
	Models    []string `json:"models"` // [] = all
	Combine   bool     `json:"combine"`
	BottomUp  bool     `json:"bottom_up"`
	PerSeries bool     `json:"per_series"`
	Margin    float64  `json:"margin"`
	Coverage  float64  `json:"coverage"`
	// Thresholds: clear_shortage, shortage, surplus, clear_surplus.
	Thresholds          []float64 `json:"thresholds"`
	EntrantYears        int       `json:"entrant_years"`
	JobseekerCategories []string  `json:"jobseeker_categories"`
	K                   int       `json:"k"`
	// Breaks is [forecast] breaks; absent when the spec does not set it
	// (SCB's known YREG breaks then, for published employment).
	Breaks *[]int `json:"breaks,omitempty"`
}

// ShortageRecord is the shortage composite's parameters (indicators.ShortageParams).
type ShortageRecord struct {
	Weights    map[string]float64 `json:"weights"` // every part
	Window     int                `json:"window"`
	Thresholds []float64          `json:"thresholds"` // the four class bounds
}

// InputSpec is one input as the spec gives it; the keys beside path and
// table are absent when not given.
type InputSpec struct {
	// Path is the file; for a query, the fetched copy in the run folder
	// (inputs/TAB6368.json).
	Path     string `json:"path"`
	Table    string `json:"table,omitempty"`    // "" = detected
	Format   string `json:"format,omitempty"`   // "" = recognised from the name and first bytes
	Taxonomy string `json:"taxonomy,omitempty"` // JobTech taxonomy dump
	Category string `json:"category,omitempty"`
	Period   string `json:"period,omitempty"`
	Round    string `json:"round,omitempty"`
	// PXWeb is the query of a query input, every default filled in;
	// absent for a file.
	PXWeb *PXWebQueryRecord `json:"pxweb,omitempty"`
}

// PXWebQueryRecord is a query input's query: lmi fetch's arguments.
type PXWebQueryRecord struct {
	Table     string            `json:"table"`
	API       string            `json:"api"`
	BaseURL   string            `json:"base_url"`
	Lang      string            `json:"lang"`
	Selection []pxweb.Selection `json:"selection"` // by variable name
}

// PXWebFetchRecord is what a run fetched for a query input: the query,
// and from the answer the table's title and the source's last-updated
// stamp; when, and the provenance sidecar lmi fetch writes too.
type PXWebFetchRecord struct {
	PXWebQueryRecord
	Title    string `json:"title"`
	Updated  string `json:"updated"`  // the source's last update, as it gives it
	Fetched  string `json:"fetched"`  // RFC 3339 UTC
	Metadata string `json:"metadata"` // the sidecar: inputs/TAB6368.json.meta.json
}

// MatchKeyRecord is the spec's [indicators.match_key].
type MatchKeyRecord struct {
	MapFile   string  `json:"map_file"`
	Threshold float64 `json:"threshold"`
	BaseYear  int     `json:"base_year"`
}

// Software is what computed the run.
type Software struct {
	LMIVersion    string `json:"lmi_version"`  // module version, "unknown" if not stamped
	VCSRevision   string `json:"vcs_revision"` // "unknown" if not stamped
	VCSModified   bool   `json:"vcs_modified"`
	GoVersion     string `json:"go_version"`
	Platform      string `json:"platform"`
	DuckDBVersion string `json:"duckdb_version"`
}

// Execution records how the run executed (Options). Verify re-runs the
// same way.
type Execution struct {
	DuckDBThreads int `json:"duckdb_threads"` // 0 = DuckDB's default, one per core
}

// InputRecord is one loaded extract.
type InputRecord struct {
	Path          string `json:"path"`
	SHA256        string `json:"sha256"`
	Size          int64  `json:"size"`
	Table         string `json:"table"`
	Format        string `json:"format"`
	RowsRead      int64  `json:"rows_read"`
	RowsLoaded    int64  `json:"rows_loaded"`
	RowsRejected  int64  `json:"rows_rejected"`
	AlreadyLoaded bool   `json:"already_loaded,omitempty"` // same content as an earlier input
	// Unit is what rows_read counts when not rows: "ads" (job ads;
	// rows_loaded counts the table rows they were summed into,
	// rows_rejected the ads left out) or "cells" (a statistics sheet).
	Unit string `json:"unit,omitempty"`
	// Taxonomy is the JobTech taxonomy dump the input was read with, and
	// its SHA-256: a file the run read, checked by lmi verify.
	Taxonomy       string `json:"taxonomy,omitempty"`
	TaxonomySHA256 string `json:"taxonomy_sha256,omitempty"`
	// PXWeb is set for a query input: Path and SHA256 are then the
	// fetched copy's in the run folder.
	PXWeb *PXWebFetchRecord `json:"pxweb,omitempty"`
}

// FileRef is a file the computation read, with its hash.
type FileRef struct {
	Name   string `json:"name,omitempty"`
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
}

// Parameters are the computation's choices, as used.
type Parameters struct {
	K         int       `json:"k"`
	Levels    []string  `json:"levels"`
	Groupings []FileRef `json:"groupings"`
	OwnSQL    []FileRef `json:"own_sql"`
	Basis     string    `json:"basis"`
	By        []string  `json:"by"`
	AgeMin    int       `json:"age_min"`
	AgeMax    int       `json:"age_max"`
	Alphas    []float64 `json:"alphas"`
	// Horizon and Shortage are present when the spec sets them (else
	// the defaults were used), so older manifests are unchanged.
	Horizon  int             `json:"horizon,omitempty"`
	Shortage *ShortageRecord `json:"shortage,omitempty"`
	MatchKey KeyRecord       `json:"match_key"`
	Seed     int64           `json:"seed"`
	// Forecast is absent for a run without one.
	Forecast *ForecastParameters `json:"forecast,omitempty"`
}

// ForecastParameters are the forecast's choices as used.
type ForecastParameters struct {
	Levels    []string `json:"levels"`
	Basis     string   `json:"basis"`
	Horizon   int      `json:"horizon"`
	Origin    int      `json:"origin"`     // the last year used (the latest when the spec said 0)
	FirstYear int      `json:"first_year"` // the first year of the series
	// Models are the candidates backtested, naive always among them.
	Models              []string         `json:"models"`
	Combine             bool             `json:"combine"`
	BottomUp            bool             `json:"bottom_up"`
	PerSeries           bool             `json:"per_series"`
	Margin              float64          `json:"margin"`
	Coverage            float64          `json:"coverage"`
	Thresholds          ThresholdsRecord `json:"thresholds"`
	EntrantYears        int              `json:"entrant_years"`
	JobseekerCategories []string         `json:"jobseeker_categories"`
	K                   int              `json:"k"`
	MinTrain            int              `json:"min_train"` // shortest backtest training window, years
	// Panel: entrants and exit rates came from the person panel; false
	// means graduates and the default exit profile.
	Panel bool `json:"panel"`
	// Path is where the employment came from: register or published.
	Path string `json:"path,omitempty"`
	// Breaks are the years whose level shifts were taken out of the
	// employment series.
	Breaks []int `json:"breaks,omitempty"`
}

// ThresholdsRecord are the balance class bands.
type ThresholdsRecord struct {
	ClearShortage float64 `json:"clear_shortage"`
	Shortage      float64 `json:"shortage"`
	Surplus       float64 `json:"surplus"`
	ClearSurplus  float64 `json:"clear_surplus"`
}

// KeyRecord is the match key a computation used (Kind "" when no family
// needed one).
type KeyRecord struct {
	Kind          string  `json:"kind"`
	Threshold     float64 `json:"threshold"`
	BaseYear      int     `json:"base_year"` // as resolved (the latest year when the spec said 0)
	MapFile       string  `json:"map_file"`
	MapFileSHA256 string  `json:"map_file_sha256"`
	Pairs         int64   `json:"pairs"`
}

// IndicatorRecord is one indicator computed.
type IndicatorRecord struct {
	Name      string `json:"name"`
	Version   int    `json:"version"`
	Family    string `json:"family"`
	Own       bool   `json:"own,omitempty"`
	File      string `json:"file,omitempty"` // own indicators: the SQL file
	SQLSHA256 string `json:"sql_sha256"`
}

// OutputRecord is one data file written.
type OutputRecord struct {
	Path   string `json:"path"`
	Family string `json:"family"`
	Format string `json:"format"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
	Rows   int64  `json:"rows"`
}

// TimingRecord is how long a stage took. Timings live only here, never in
// data files.
type TimingRecord struct {
	Stage   string  `json:"stage"`
	Seconds float64 `json:"seconds"`
}

// ReadManifest reads RUN_DIR/manifest.json.
func ReadManifest(runDir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(runDir, ManifestFile))
	if err != nil {
		if os.IsNotExist(err) {
			return nil, fmt.Errorf("%s: no %s: not a finished run folder", runDir, ManifestFile)
		}
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(runDir, ManifestFile), err)
	}
	if m.Format != ManifestFormat {
		return nil, fmt.Errorf("%s: manifest format %d, this lmi reads %d", filepath.Join(runDir, ManifestFile), m.Format, ManifestFormat)
	}
	return &m, nil
}

// write writes the manifest indented and replaces it atomically and
// durably, so a reader or a power loss never sees half a manifest.
func (m *Manifest) write(runDir string) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(filepath.Join(runDir, ManifestFile), append(b, '\n'), 0o644)
}

// software reads lmi's version from the build information.
func software() Software {
	sw := Software{LMIVersion: "unknown", VCSRevision: "unknown", GoVersion: runtime.Version(),
		Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			sw.LMIVersion = v
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				sw.VCSRevision = s.Value
			case "vcs.modified":
				sw.VCSModified = s.Value == "true"
			}
		}
	}
	return sw
}

// relPath gives p relative to dir, slash-separated, or p itself when it
// has no relative form.
func relPath(dir, p string) string {
	if p == "" {
		return ""
	}
	absDir, err1 := filepath.Abs(dir)
	absP, err2 := filepath.Abs(p)
	if err1 != nil || err2 != nil {
		return filepath.ToSlash(p)
	}
	r, err := filepath.Rel(absDir, absP)
	if err != nil {
		return filepath.ToSlash(absP)
	}
	return filepath.ToSlash(r)
}

// resolve turns a manifest path back into a file path.
func resolve(runDir, p string) string {
	if p == "" {
		return ""
	}
	p = filepath.FromSlash(p)
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(runDir, p)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func formatOf(path string) string {
	return strings.TrimPrefix(strings.ToLower(filepath.Ext(path)), ".")
}
