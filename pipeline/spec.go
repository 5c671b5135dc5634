package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"

	"lmi/codes"
	"lmi/forecast"
	"lmi/indicators"
	"lmi/ingest/af"
	"lmi/ingest/canonical"
	"lmi/ingest/formats"
	"lmi/ingest/load"
)

// DefaultOutputDir is where a run's data files go, relative to the run
// folder, when the spec's [outputs] dir is not given.
const DefaultOutputDir = "outputs"

// Spec is a parsed, checked run spec. Every path in it is absolute,
// resolved against the folder of the spec file (Dir).
type Spec struct {
	Name   string
	File   string // the spec file, as named to ParseSpec or LoadSpec
	Dir    string // absolute folder relative paths were resolved against
	SHA256 string // of the spec file's bytes

	Inputs []Input

	Levels     []codes.Level
	Groupings  []string // grouping files
	Indicators []string // built-in indicator names; empty = all
	OwnSQL     []string // the user's indicator SQL files
	// NoIndicators is [indicators] compute = false: the run makes only
	// its forecast (the spec then has a [forecast] table).
	NoIndicators bool
	Basis        indicators.Basis
	By           []string
	AgeMin       int
	AgeMax       int
	K            int
	Alphas       []float64
	Key          indicators.KeySpec // MapFile absolute, or ""
	// Horizon is [indicators] horizon, years ahead for expected exits
	// (age_structure) and the shortage family's expected openings; 0 when
	// the spec does not set it (indicators.DefaultParams' then).
	Horizon int
	// Shortage is [indicators.shortage], every default filled in; nil
	// when the spec has no such table (the defaults then).
	Shortage *indicators.ShortageParams

	OutDir string // relative to the run folder, clean, never ".."
	Seed   int64

	// Forecast is the spec's [forecast] table; nil when it has none and
	// the run makes no forecast.
	Forecast *ForecastSpec

	groupings []*codes.Grouping
	own       []*indicators.Indicator
}

// Input is one extract to load, with the choices lmi ingest takes as
// flags (--table, --format, --taxonomy, --category, --period, --round), or a
// PX-Web query (Query) that the run fetches into its folder and loads.
type Input struct {
	Path  string // absolute; "" for a query
	Table string // canonical table; "" = detected from the columns and file name
	// Format is csv, parquet or one of load.Kinds (lmi ingest --format);
	// "" = recognised from the name and first bytes.
	Format string
	// Taxonomy is the JobTech taxonomy dump (absolute) mapping job ads'
	// concepts to codes; "" = none.
	Taxonomy string
	// Category and Period are for Arbetsförmedlingen's statistics sheets
	// that do not say what they count or which month (load.Options).
	Category string
	Period   string
	// Round is the publication round of an assessment file that does
	// not carry it (the 5-year bristindex file): "2018H".
	Round string

	// Query, when not nil, is a PX-Web query fetched instead of a file
	// read (every other field is empty).
	Query *PXWebQuery

	taxonomy       *af.Taxonomy // Taxonomy, read while checking the spec
	taxonomySHA256 string       // of the bytes taxonomy was read from
	// offline is the fetched copy a query input loads instead of asking
	// the server: lmi verify's re-run, from the run folder.
	offline string
}

// ForecastSpec is the spec's [forecast] table, every default filled in.
type ForecastSpec struct {
	// Levels as the spec names them, in its order: lan, fa, riket (built-in
	// levels win over a grouping of the same name) or a grouping's name.
	Levels []string
	// Params are the forecast's parameters, Levels and Groupings resolved
	// from Levels.
	Params forecast.Params
}

// SpecError is a bad run spec: an unknown key, a value of the wrong type or
// out of range, a file that cannot be read. Line is 1-based, 0 when the key
// is missing altogether.
type SpecError struct {
	File   string
	Line   int
	Key    string // dotted, with [i] for array elements: indicators.levels[1]
	Reason string
}

func (e *SpecError) Error() string {
	file := e.File
	if file == "" {
		file = "run spec"
	}
	if e.Line > 0 {
		file += ":" + strconv.Itoa(e.Line)
	}
	if e.Key == "" {
		return file + ": " + e.Reason
	}
	return file + ": " + e.Key + ": " + e.Reason
}

// SpecErrors is every problem found in one spec, in line order.
type SpecErrors []*SpecError

func (es SpecErrors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "\n")
}

// Unwrap lets errors.As find the first *SpecError.
func (es SpecErrors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// rawSpec mirrors the TOML document. Pointers tell "absent" (the default)
// from an explicit zero or empty list.
type rawSpec struct {
	Name   *string `toml:"name"`
	Inputs struct {
		Files []any `toml:"files"`
	} `toml:"inputs"`
	Indicators struct {
		Compute    *bool      `toml:"compute"`
		Levels     *[]string  `toml:"levels"`
		Groupings  []string   `toml:"groupings"`
		Indicators []string   `toml:"indicators"`
		OwnSQL     []string   `toml:"own_sql"`
		Basis      *string    `toml:"basis"`
		By         *[]string  `toml:"by"`
		Age        *string    `toml:"age"`
		K          *int       `toml:"k"`
		Alphas     *[]float64 `toml:"alphas"`
		Horizon    *int       `toml:"horizon"`
		MatchKey   struct {
			MapFile   string   `toml:"map_file"`
			Threshold *float64 `toml:"threshold"`
			BaseYear  *int     `toml:"base_year"`
		} `toml:"match_key"`
		Shortage *rawShortage `toml:"shortage"`
	} `toml:"indicators"`
	Outputs struct {
		Dir  *string `toml:"dir"`
		Seed *int64  `toml:"seed"`
	} `toml:"outputs"`
	Forecast *rawForecast `toml:"forecast"`
}

// rawShortage mirrors [indicators.shortage]; nil fields (and parts
// missing from weights) take indicators.DefaultShortageParams.
type rawShortage struct {
	// Weights are any: go-toml names only the table in a type error,
	// shortage names the part.
	Weights    *map[string]any `toml:"weights"`
	Window     *int            `toml:"window"`
	Thresholds *[]float64      `toml:"thresholds"`
}

// rawForecast mirrors [forecast]; nil fields take forecast.DefaultParams
// (k the spec's [indicators] k).
type rawForecast struct {
	Levels              *[]string  `toml:"levels"`
	Basis               *string    `toml:"basis"`
	Horizon             *int       `toml:"horizon"`
	Origin              *int       `toml:"origin"`
	Models              *[]string  `toml:"models"`
	Combine             *bool      `toml:"combine"`
	BottomUp            *bool      `toml:"bottom_up"`
	PerSeries           *bool      `toml:"per_series"`
	Margin              *float64   `toml:"margin"`
	Coverage            *float64   `toml:"coverage"`
	Thresholds          *[]float64 `toml:"thresholds"`
	EntrantYears        *int       `toml:"entrant_years"`
	JobseekerCategories *[]string  `toml:"jobseeker_categories"`
	K                   *int       `toml:"k"`
}

// want says what each key takes, for type errors.
var want = map[string]string{
	"name":                           "a string",
	"inputs":                         "a table",
	"inputs.files":                   `an array of paths, { path = "...", table = "...", format = "...", ... } tables or { pxweb = "TABLE", select = { VAR = ["CODE", ...] }, ... } queries`,
	"indicators":                     "a table",
	"indicators.compute":             "true or false (false: no indicators, only the [forecast])",
	"indicators.levels":              "an array of strings (kommun, lan, fa, riket)",
	"indicators.groupings":           "an array of file paths",
	"indicators.indicators":          "an array of indicator names",
	"indicators.own_sql":             "an array of file paths",
	"indicators.basis":               `"home" or "workplace"`,
	"indicators.by":                  "an array of dimension names",
	"indicators.age":                 `a string "FROM-TO", like "20-64"`,
	"indicators.k":                   "an integer",
	"indicators.alphas":              "an array of numbers",
	"indicators.horizon":             "an integer (years ahead, 1 to 20)",
	"indicators.shortage":            "a table",
	"indicators.shortage.weights":    "a table of part = weight (" + strings.Join(indicators.ShortageParts, ", ") + ")",
	"indicators.shortage.window":     "an integer (years)",
	"indicators.shortage.thresholds": "an array of four numbers",
	"indicators.match_key":           "a table",
	"indicators.match_key.map_file":  "a file path",
	"indicators.match_key.threshold": "a number",
	"indicators.match_key.base_year": "an integer (a year, or 0 for the latest)",
	"outputs":                        "a table",
	"outputs.dir":                    "a folder path relative to the run folder",
	"outputs.seed":                   "an integer",
	"forecast":                       "a table",
	"forecast.levels":                "an array of strings (lan, fa, riket or a grouping's name)",
	"forecast.basis":                 `"home" or "workplace"`,
	"forecast.horizon":               "an integer (years ahead)",
	"forecast.origin":                "an integer (a year, or 0 for the latest)",
	"forecast.models":                "an array of model names",
	"forecast.combine":               "true or false",
	"forecast.bottom_up":             "true or false",
	"forecast.per_series":            "true or false",
	"forecast.margin":                "a number",
	"forecast.coverage":              "a number",
	"forecast.thresholds":            "an array of four numbers",
	"forecast.entrant_years":         "an integer",
	"forecast.jobseeker_categories":  "an array of strings",
	"forecast.k":                     "an integer",
}

// LoadSpec reads and checks the run spec at path.
func LoadSpec(path string) (*Spec, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ParseSpec(f, path)
}

// ParseSpec reads and checks a run spec. name is the spec's file name: it
// appears in errors, and relative paths resolve against its folder. Every
// file the spec names is read (inputs are only checked to exist; PX-Web
// queries are checked, not fetched); errors are a *SpecError, or
// SpecErrors when there are several.
func ParseSpec(r io.Reader, name string) (*Spec, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	sum := sha256.Sum256(data)
	var raw rawSpec
	dec := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields()
	if err := dec.Decode(&raw); err != nil {
		return nil, tomlError(name, err)
	}
	pos, err := keyLines(data)
	if err != nil {
		return nil, tomlError(name, err)
	}
	dir, err := filepath.Abs(filepath.Dir(name))
	if err != nil {
		return nil, err
	}
	c := &checker{file: name, pos: pos, dir: dir}
	s := c.spec(&raw)
	s.File, s.SHA256 = name, hex.EncodeToString(sum[:])
	if err := c.err(); err != nil {
		return nil, err
	}
	return s, nil
}

// tomlError turns go-toml's errors into SpecErrors with line and key.
func tomlError(file string, err error) error {
	var sm *toml.StrictMissingError
	if errors.As(err, &sm) {
		var es SpecErrors
		for _, e := range sm.Errors {
			line, _ := e.Position()
			es = append(es, &SpecError{File: file, Line: line, Key: joinKey(e.Key()), Reason: "unknown key"})
		}
		if len(es) == 1 {
			return es[0]
		}
		return es
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		line, _ := de.Position()
		key := joinKey(de.Key())
		reason := strings.TrimPrefix(de.Error(), "toml: ")
		if m := typeErr.FindStringSubmatch(reason); m != nil {
			reason = "got a TOML " + m[1]
			if w, ok := want[key]; ok {
				reason += ", want " + w
			}
		}
		return &SpecError{File: file, Line: line, Key: key, Reason: reason}
	}
	var pe *unstable.ParserError
	if errors.As(err, &pe) {
		return &SpecError{File: file, Reason: pe.Error()}
	}
	return &SpecError{File: file, Reason: err.Error()}
}

var typeErr = regexp.MustCompile(`^cannot decode TOML (\S+) into`)

func joinKey(k toml.Key) string { return strings.Join(k, ".") }

// keyLines maps every key, and every array element as key[i], to the line
// it starts on.
func keyLines(data []byte) (map[string]int, error) {
	pos := map[string]int{}
	var p unstable.Parser
	p.Reset(data)
	var table []string
	line := func(n *unstable.Node) int { return p.Shape(n.Raw).Start.Line }
	keyOf := func(n *unstable.Node) ([]string, int) {
		var parts []string
		l := 0
		it := n.Key()
		for it.Next() {
			k := it.Node()
			if l == 0 {
				l = line(k)
			}
			parts = append(parts, string(k.Data))
		}
		return parts, l
	}
	var value func(prefix string, v *unstable.Node)
	value = func(prefix string, v *unstable.Node) {
		switch v.Kind {
		case unstable.Array:
			i := 0
			it := v.Children()
			for it.Next() {
				el := it.Node()
				k := fmt.Sprintf("%s[%d]", prefix, i)
				if el.Raw.Length > 0 {
					pos[k] = line(el)
				}
				value(k, el)
				i++
			}
		case unstable.InlineTable:
			it := v.Children()
			for it.Next() {
				kv := it.Node()
				parts, l := keyOf(kv)
				k := prefix + "." + strings.Join(parts, ".")
				pos[k] = l
				if _, ok := pos[prefix]; !ok {
					pos[prefix] = l
				}
				value(k, kv.Value())
			}
		}
	}
	// Elements of an array of tables ([[inputs.files]], handy for long
	// queries) are named key[i] as in an inline array: count[k] is how
	// many [[k]] headers were read, and a header below one ([k.sub])
	// belongs to the last.
	count := map[string]int{}
	header := func(parts []string, array bool) []string {
		named := slices.Clone(parts)
		for i := range parts {
			k := strings.Join(parts[:i+1], ".")
			if array && i == len(parts)-1 {
				count[k]++
			}
			if n := count[k]; n > 0 {
				named[i] = fmt.Sprintf("%s[%d]", parts[i], n-1)
			}
		}
		return named
	}
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			parts, l := keyOf(e)
			table = header(parts, e.Kind == unstable.ArrayTable)
			pos[strings.Join(table, ".")] = l
			if _, ok := pos[strings.Join(parts, ".")]; !ok {
				pos[strings.Join(parts, ".")] = l
			}
		case unstable.KeyValue:
			parts, l := keyOf(e)
			k := strings.Join(append(slices.Clone(table), parts...), ".")
			pos[k] = l
			value(k, e.Value())
		}
	}
	return pos, p.Error()
}

// checker collects the problems of one spec.
type checker struct {
	file string
	pos  map[string]int
	dir  string
	errs SpecErrors
}

func (c *checker) addf(key, format string, a ...any) {
	line := c.pos[key]
	// An element or a sub-key without a recorded line: use its parent's.
	for k := key; line == 0 && k != ""; {
		i := strings.LastIndexAny(k, ".[")
		if i < 0 {
			break
		}
		k = k[:i]
		line = c.pos[k]
	}
	c.errs = append(c.errs, &SpecError{File: c.file, Line: line, Key: key, Reason: fmt.Sprintf(format, a...)})
}

func (c *checker) err() error {
	switch len(c.errs) {
	case 0:
		return nil
	case 1:
		return c.errs[0]
	}
	slices.SortStableFunc(c.errs, func(a, b *SpecError) int { return a.Line - b.Line })
	return c.errs
}

// path resolves p against the spec's folder and checks it is a readable
// file.
func (c *checker) path(key, p string) string {
	if strings.TrimSpace(p) == "" {
		c.addf(key, "empty path")
		return ""
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(c.dir, p)
	}
	p = filepath.Clean(p)
	fi, err := os.Stat(p)
	switch {
	case errors.Is(err, os.ErrNotExist):
		c.addf(key, "file %s does not exist", p)
	case err != nil:
		c.addf(key, "%v", err)
	case fi.IsDir():
		c.addf(key, "%s is a folder, want a file", p)
	}
	return p
}

func (c *checker) spec(raw *rawSpec) *Spec {
	d := indicators.DefaultParams()
	s := &Spec{Dir: c.dir, Basis: d.Basis, By: d.By, AgeMin: d.AgeMin, AgeMax: d.AgeMax,
		K: d.K, Alphas: d.Alphas, Key: d.Key, Levels: d.Levels, OutDir: DefaultOutputDir, Seed: 0}

	if raw.Name == nil || strings.TrimSpace(*raw.Name) == "" {
		c.addf("name", "required: a name for the run")
	} else {
		s.Name = strings.TrimSpace(*raw.Name)
		if slug(s.Name) == "" {
			c.addf("name", "%q has no letter or digit to name the run folder by", s.Name)
		}
	}

	taxonomies := map[string]taxonomyFile{} // by path: each dump read once
	for i, f := range raw.Inputs.Files {
		key := fmt.Sprintf("inputs.files[%d]", i)
		var in Input
		switch v := f.(type) {
		case string:
			in.Path = c.path(key, v)
		case map[string]any:
			if _, ok := v["pxweb"]; ok {
				c.query(key, v, &in)
			} else {
				c.input(key, v, &in, taxonomies)
			}
		default:
			c.addf(key, "got %T, want %s", f, want["inputs.files"])
		}
		s.Inputs = append(s.Inputs, in)
	}
	if len(raw.Inputs.Files) == 0 {
		c.addf("inputs.files", "no input files: a run needs at least the persons extract")
	}
	nameFetches(s.Inputs)

	ri := raw.Indicators
	if ri.Levels != nil {
		s.Levels = nil
		for i, l := range *ri.Levels {
			lvl, err := codes.ParseLevel(l)
			if err != nil {
				c.addf(fmt.Sprintf("indicators.levels[%d]", i), "%v", err)
				continue
			}
			if slices.Contains(s.Levels, lvl) {
				c.addf(fmt.Sprintf("indicators.levels[%d]", i), "level %s given twice", lvl)
				continue
			}
			s.Levels = append(s.Levels, lvl)
		}
	}
	for i, g := range ri.Groupings {
		key := fmt.Sprintf("indicators.groupings[%d]", i)
		n := len(c.errs)
		p := c.path(key, g)
		s.Groupings = append(s.Groupings, p)
		if len(c.errs) > n {
			continue
		}
		gr, err := codes.LoadGrouping(p)
		if err != nil {
			c.addf(key, "%v", err)
			continue
		}
		s.groupings = append(s.groupings, gr)
	}
	s.NoIndicators = ri.Compute != nil && !*ri.Compute
	if s.NoIndicators {
		// Keys that choose indicators would be ignored: refused. The
		// others ([indicators] k, groupings, ...) the forecast reads too.
		if _, ok := c.pos["forecast"]; !ok && raw.Forecast == nil {
			c.addf("indicators.compute", "false and no [forecast] table: the run would compute nothing")
		}
		if len(ri.Indicators) > 0 {
			c.addf("indicators.indicators", "chooses indicators, but compute = false computes none")
		}
		if len(ri.OwnSQL) > 0 {
			c.addf("indicators.own_sql", "adds indicators, but compute = false computes none")
		}
	} else if ri.Levels != nil && len(*ri.Levels) == 0 && len(ri.Groupings) == 0 {
		c.addf("indicators.levels", "no regional level and no grouping: nothing to compute")
	}
	for i, name := range ri.Indicators {
		if _, ok := indicators.Lookup(name); !ok {
			c.addf(fmt.Sprintf("indicators.indicators[%d]", i), "unknown indicator %q (see lmi indicators list)", name)
			continue
		}
		s.Indicators = append(s.Indicators, name)
	}
	for i, f := range ri.OwnSQL {
		key := fmt.Sprintf("indicators.own_sql[%d]", i)
		n := len(c.errs)
		p := c.path(key, f)
		s.OwnSQL = append(s.OwnSQL, p)
		if len(c.errs) > n {
			continue
		}
		ind, err := indicators.LoadIndicatorFile(p)
		if err != nil {
			c.addf(key, "%v", err)
			continue
		}
		s.own = append(s.own, ind)
	}
	if ri.Basis != nil {
		s.Basis = indicators.Basis(*ri.Basis)
		if s.Basis != indicators.Home && s.Basis != indicators.Workplace {
			c.addf("indicators.basis", "%q: want home or workplace", *ri.Basis)
		}
	}
	if ri.By != nil {
		s.By = []string{}
		for i, dim := range *ri.By {
			if dim != indicators.DimEdu && dim != indicators.DimSex && dim != indicators.DimBirth {
				c.addf(fmt.Sprintf("indicators.by[%d]", i), "unknown dimension %q: want %s, %s or %s",
					dim, indicators.DimEdu, indicators.DimSex, indicators.DimBirth)
				continue
			}
			s.By = append(s.By, dim)
		}
	}
	if ri.Age != nil {
		lo, hi, ok := strings.Cut(strings.TrimSpace(*ri.Age), "-")
		a, err1 := strconv.Atoi(strings.TrimSpace(lo))
		b, err2 := strconv.Atoi(strings.TrimSpace(hi))
		if !ok || err1 != nil || err2 != nil || a < 0 || b > 120 || a > b {
			c.addf("indicators.age", "%q: want FROM-TO with 0 <= FROM <= TO <= 120, like \"20-64\"", *ri.Age)
		} else {
			s.AgeMin, s.AgeMax = a, b
		}
	}
	if ri.K != nil {
		s.K = *ri.K
		if s.K < 0 {
			c.addf("indicators.k", "%d: must be 0 (no suppression) or more", s.K)
		}
	}
	if ri.Alphas != nil {
		s.Alphas = *ri.Alphas
		if len(s.Alphas) == 0 {
			c.addf("indicators.alphas", "empty: the mismatch indices need at least one alpha")
		}
		for i, a := range s.Alphas {
			if !(a > 0 && a < 1) {
				c.addf(fmt.Sprintf("indicators.alphas[%d]", i), "%v: must lie strictly between 0 and 1", a)
			}
		}
	}
	if ri.Horizon != nil {
		s.Horizon = *ri.Horizon
		validParams(c, "indicators.horizon", func(q *indicators.Params) { q.Horizon = s.Horizon })
	}
	rs := ri.Shortage
	if _, ok := c.pos["indicators.shortage"]; ok && rs == nil {
		rs = &rawShortage{} // [indicators.shortage] without keys: every default
	}
	if rs != nil {
		s.Shortage = c.shortage(rs)
	}
	mk := ri.MatchKey
	if mk.MapFile != "" {
		n := len(c.errs)
		s.Key.MapFile = c.path("indicators.match_key.map_file", mk.MapFile)
		if len(c.errs) == n {
			if f, err := os.Open(s.Key.MapFile); err != nil {
				c.addf("indicators.match_key.map_file", "%v", err)
			} else {
				if _, err := indicators.ReadMatchMap(f, s.Key.MapFile); err != nil {
					c.addf("indicators.match_key.map_file", "%v", err)
				}
				f.Close()
			}
		}
	}
	if mk.Threshold != nil {
		s.Key.Threshold = *mk.Threshold
		if !(s.Key.Threshold > 0 && s.Key.Threshold <= 1) {
			c.addf("indicators.match_key.threshold", "%v: must be in (0, 1]", s.Key.Threshold)
		}
	}
	if mk.BaseYear != nil {
		s.Key.BaseYear = *mk.BaseYear
		if s.Key.BaseYear != 0 && (s.Key.BaseYear < 1900 || s.Key.BaseYear > 2200) {
			c.addf("indicators.match_key.base_year", "%d: want a year, or 0 for the latest year in the data", s.Key.BaseYear)
		}
	}

	if raw.Outputs.Dir != nil {
		d := filepath.Clean(filepath.FromSlash(*raw.Outputs.Dir))
		switch {
		case strings.TrimSpace(*raw.Outputs.Dir) == "" || d == ".":
			c.addf("outputs.dir", "want a folder inside the run folder, like %q", DefaultOutputDir)
		case filepath.IsAbs(d) || d == ".." || strings.HasPrefix(d, ".."+string(filepath.Separator)):
			c.addf("outputs.dir", "%q: must be a folder inside the run folder", *raw.Outputs.Dir)
		default:
			s.OutDir = d
		}
	}
	if raw.Outputs.Seed != nil {
		s.Seed = *raw.Outputs.Seed
	}

	rf := raw.Forecast
	if _, ok := c.pos["forecast"]; ok && rf == nil {
		rf = &rawForecast{} // [forecast] without keys: every default
	}
	if rf != nil {
		s.Forecast = c.forecast(rf, s)
	}
	return s
}

// validParams checks one [indicators] value with indicators.Params.Validate
// on the defaults with only that value set, so the rules stay the
// indicators package's and the problem names the key; false when invalid.
func validParams(c *checker, key string, set func(q *indicators.Params)) bool {
	q := indicators.DefaultParams()
	set(&q)
	if err := q.Validate(); err != nil {
		c.addf(key, "%v", err)
		return false
	}
	return true
}

// shortage checks [indicators.shortage]. Weights may name only some
// parts: the others keep their default weight, as with lmi indicators
// compute --shortage-weights.
func (c *checker) shortage(rs *rawShortage) *indicators.ShortageParams {
	sp := indicators.DefaultShortageParams()
	n := len(c.errs)
	if rs.Weights != nil {
		w := *rs.Weights
		for _, part := range slices.Sorted(maps.Keys(w)) {
			key := "indicators.shortage.weights." + part
			if !slices.Contains(indicators.ShortageParts, part) {
				c.addf(key, "unknown part %q (want %s)", part, strings.Join(indicators.ShortageParts, ", "))
				continue
			}
			var x float64
			switch v := w[part].(type) {
			case int64:
				x = float64(v)
			case float64:
				x = v
			default:
				c.addf(key, "got %T, want a number (0 or more)", v)
				continue
			}
			if validParams(c, key, func(q *indicators.Params) { q.Shortage.Weights[part] = x }) {
				sp.Weights[part] = x
			}
		}
	}
	if rs.Window != nil {
		sp.Window = *rs.Window
		validParams(c, "indicators.shortage.window", func(q *indicators.Params) { q.Shortage.Window = sp.Window })
	}
	if rs.Thresholds != nil {
		sp.Thresholds = slices.Clone(*rs.Thresholds)
		if len(sp.Thresholds) != 4 {
			c.addf("indicators.shortage.thresholds", "%d numbers: want four increasing class bounds", len(sp.Thresholds))
		} else {
			validParams(c, "indicators.shortage.thresholds", func(q *indicators.Params) { q.Shortage.Thresholds = sp.Thresholds })
		}
	}
	if len(c.errs) == n {
		// Rules across keys: at least one positive weight.
		key := "indicators.shortage"
		if rs.Weights != nil {
			key = "indicators.shortage.weights"
		}
		validParams(c, key, func(q *indicators.Params) { q.Shortage = sp })
	}
	return &sp
}

// inputKeys are the keys of an input table, in the order errors list them.
var inputKeys = []string{"path", "table", "format", "taxonomy", "category", "period", "round"}

// input checks one { path = "...", ... } entry of inputs.files into in.
// The keys beside path and table are lmi ingest's flags of the same name;
// each is refused for a format that does not use it, so a spec never
// says something the load then ignores.
func (c *checker) input(key string, v map[string]any, in *Input, taxonomies map[string]taxonomyFile) {
	str := map[string]string{}
	for _, k := range sortedKeys(v) {
		if slices.Contains(queryKeys, k) {
			c.addf(key+"."+k, "only for a PX-Web query, an entry with pxweb = \"TABLE\" and no path")
			continue
		}
		if !slices.Contains(inputKeys, k) {
			c.addf(key+"."+k, "unknown key (want path and, optionally, %s; or a PX-Web query: pxweb and %s)",
				strings.Join(inputKeys[1:], ", "), strings.Join(queryKeys[1:], ", "))
			continue
		}
		if s, ok := v[k].(string); ok {
			str[k] = s
		} else {
			c.addf(key+"."+k, "got %T, want a string", v[k])
		}
	}
	n := len(c.errs)
	if _, ok := v["path"]; !ok {
		c.addf(key, "the path is missing: want path (a file) or pxweb (a PX-Web query)")
	} else {
		in.Path = c.path(key+".path", str["path"])
	}
	pathOK := len(c.errs) == n
	if t, ok := str["table"]; ok {
		in.Table = t
		if _, ok := canonical.Lookup(t); !ok {
			c.addf(key+".table", "unknown table %q (want %s)", t, strings.Join(tableNames(), ", "))
		}
	}
	if f, ok := str["format"]; ok {
		in.Format = f
		if err := formats.Known(f); err != nil {
			c.addf(key+".format", "%v", err)
		}
	}
	if p, ok := str["taxonomy"]; ok {
		n := len(c.errs)
		in.Taxonomy = c.path(key+".taxonomy", p)
		if len(c.errs) == n {
			tf, ok := taxonomies[in.Taxonomy]
			if !ok {
				var err error
				if tf.tax, tf.sha256, err = af.ReadTaxonomyFile(in.Taxonomy); err != nil {
					c.addf(key+".taxonomy", "%v", err)
				} else {
					taxonomies[in.Taxonomy] = tf
				}
			}
			in.taxonomy, in.taxonomySHA256 = tf.tax, tf.sha256
		}
	}
	if cat, ok := str["category"]; ok {
		in.Category = cat
		if strings.TrimSpace(cat) == "" {
			c.addf(key+".category", "empty: want what the sheet counts, like \"nyinskrivna arbetssökande\"")
		}
	}
	if p, ok := str["period"]; ok {
		in.Period = p
		if !isMonth(p) {
			c.addf(key+".period", "%q: want a month like 2024-01", p)
		}
	}

	if r, ok := str["round"]; ok {
		in.Round = r
		if !af.IsRound(r) {
			c.addf(key+".round", "%q: want a year, with H or V for a half-year or -N for a round of the year, like 2018H or 2025-2", r)
		}
	}

	// Which keys the file's format uses.
	var given []formats.Option
	for _, o := range []formats.Option{formats.OptTaxonomy, formats.OptCategory, formats.OptPeriod, formats.OptRound} {
		if _, ok := str[string(o)]; ok {
			given = append(given, o)
		}
	}
	if len(given) == 0 || (in.Format == "" && !pathOK) {
		return // nothing to check, or the path's error is reported
	}
	// Only these entries are opened while checking: to tell which keys
	// apply, as the load will.
	f, err := formats.Resolve(in.Path, in.Format)
	if err != nil {
		if in.Format == "" {
			c.addf(key+".path", "%v", err)
		}
		return
	}
	how := "format " + strconv.Quote(in.Format)
	if in.Format == "" {
		how = fmt.Sprintf("recognised as %s; give format to say otherwise", f.Name)
	}
	for _, o := range given {
		if !f.Takes(o) {
			c.addf(key+"."+string(o), "%s; this entry is not one (%s)", formats.Takers(o), how)
		}
	}
}

// loadOptions are the options lmi ingest would load the input with.
func (in *Input) loadOptions() load.Options {
	o := load.Options{Format: in.Format, Table: in.Table, Taxonomy: in.taxonomy, Category: in.Category, Period: in.Period, Round: in.Round}
	if in.Query != nil {
		o.Format = "jsonstat" // what the fetch wrote, not recognised
	}
	return o
}

// taxonomyFile is a taxonomy dump as read, with its hash.
type taxonomyFile struct {
	tax    *af.Taxonomy
	sha256 string
}

// isMonth reports a month as lmi ingest --period documents it (2024-01);
// the loader reads more spellings, a spec keeps to one.
var isMonth = regexp.MustCompile(`^(19|2[0-2])[0-9]{2}-(0[1-9]|1[0-2])$`).MatchString

// forecast checks the [forecast] table. Each value is checked by
// forecast.Params.Validate on the defaults with only that value set, so
// the rules stay the forecast package's and each problem names its key;
// the whole is validated once more at the end.
func (c *checker) forecast(rf *rawForecast, s *Spec) *ForecastSpec {
	f := &ForecastSpec{Params: forecast.DefaultParams()}
	p := &f.Params
	p.K = s.K // one suppression threshold for the run unless the forecast sets its own
	n := len(c.errs)
	valid := func(key string, set func(q *forecast.Params)) bool {
		q := forecast.DefaultParams()
		set(&q)
		if err := q.Validate(); err != nil {
			c.addf(key, "%v", err)
			return false
		}
		return true
	}

	if rf.Levels == nil {
		for _, l := range p.Levels {
			f.Levels = append(f.Levels, string(l))
		}
	} else {
		p.Levels, f.Levels = nil, []string{}
		byName := map[string]*codes.Grouping{}
		for _, g := range s.groupings {
			if _, ok := byName[g.Name]; !ok {
				byName[g.Name] = g
			}
		}
		// Groupings whose file did not load are reported there already.
		broken := map[string]bool{}
		var names []string
		for _, path := range s.Groupings {
			name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
			names = append(names, name)
			if byName[name] == nil {
				broken[name] = true
			}
		}
		for i, l := range *rf.Levels {
			key := fmt.Sprintf("forecast.levels[%d]", i)
			lvl, err := codes.ParseLevel(l)
			g := byName[l]
			name := l
			switch {
			case err == nil:
				if !valid(key, func(q *forecast.Params) { q.Levels = []codes.Level{lvl} }) {
					continue
				}
				name = string(lvl)
			case g == nil && broken[l]:
				continue
			case g == nil:
				known := "none listed"
				if len(names) > 0 {
					known = strings.Join(names, ", ")
				}
				c.addf(key, "unknown level %q: want lan, fa, riket or the name of a grouping in indicators.groupings (%s)", l, known)
				continue
			}
			if slices.Contains(f.Levels, name) {
				c.addf(key, "level %s given twice", name)
				continue
			}
			f.Levels = append(f.Levels, name)
			if err == nil {
				p.Levels = append(p.Levels, lvl)
			} else {
				p.Groupings = append(p.Groupings, g)
			}
		}
		if len(*rf.Levels) == 0 {
			c.addf("forecast.levels", "empty: a forecast needs at least one level or grouping")
		}
	}
	if rf.Basis != nil {
		p.Basis = indicators.Basis(*rf.Basis)
		valid("forecast.basis", func(q *forecast.Params) { q.Basis = p.Basis })
	}
	if rf.Horizon != nil {
		p.Horizon = *rf.Horizon
		valid("forecast.horizon", func(q *forecast.Params) { q.Horizon = p.Horizon })
	}
	if rf.Origin != nil {
		p.Origin = *rf.Origin
		if p.Origin != 0 && (p.Origin < 1900 || p.Origin > 2200) {
			c.addf("forecast.origin", "%d: want a year, or 0 for the latest year in the data", p.Origin)
		} else {
			valid("forecast.origin", func(q *forecast.Params) { q.Origin = p.Origin })
		}
	}
	if rf.Models != nil {
		p.Models = []string{}
		for i, m := range *rf.Models {
			key := fmt.Sprintf("forecast.models[%d]", i)
			if !valid(key, func(q *forecast.Params) { q.Models = []string{m} }) {
				continue
			}
			if slices.Contains(p.Models, m) {
				c.addf(key, "model %s given twice", m)
				continue
			}
			p.Models = append(p.Models, m)
		}
	}
	if rf.Combine != nil {
		p.Combine = *rf.Combine
	}
	if rf.BottomUp != nil {
		p.BottomUp = *rf.BottomUp
	}
	if rf.PerSeries != nil {
		p.PerSeries = *rf.PerSeries
	}
	if rf.Margin != nil {
		p.Margin = *rf.Margin
		valid("forecast.margin", func(q *forecast.Params) { q.Margin = p.Margin })
	}
	if rf.Coverage != nil {
		p.Coverage = *rf.Coverage
		valid("forecast.coverage", func(q *forecast.Params) { q.Coverage = p.Coverage })
	}
	if rf.Thresholds != nil {
		if th := *rf.Thresholds; len(th) != 4 {
			c.addf("forecast.thresholds", "%d numbers: want four, clear_shortage, shortage, surplus and clear_surplus", len(th))
		} else {
			p.Thresholds = forecast.Thresholds{ClearShortage: th[0], Shortage: th[1], Surplus: th[2], ClearSurplus: th[3]}
			valid("forecast.thresholds", func(q *forecast.Params) { q.Thresholds = p.Thresholds })
		}
	}
	if rf.EntrantYears != nil {
		p.EntrantYears = *rf.EntrantYears
		valid("forecast.entrant_years", func(q *forecast.Params) { q.EntrantYears = p.EntrantYears })
	}
	if rf.JobseekerCategories != nil {
		p.JobseekerCategories = []string{}
		for i, cat := range *rf.JobseekerCategories {
			key := fmt.Sprintf("forecast.jobseeker_categories[%d]", i)
			if !valid(key, func(q *forecast.Params) { q.JobseekerCategories = []string{cat} }) {
				continue
			}
			// lmi ingest admits only such categories: another could never match.
			if !isCategory(cat) {
				c.addf(key, "%q: want lower-case letters, digits and _, like openly_unemployed", cat)
				continue
			}
			if slices.Contains(p.JobseekerCategories, cat) {
				c.addf(key, "category %s given twice", cat)
				continue
			}
			p.JobseekerCategories = append(p.JobseekerCategories, cat)
		}
	}
	if rf.K != nil {
		p.K = *rf.K
		if p.K < 0 {
			c.addf("forecast.k", "%d: must be 0 (no suppression) or more", p.K)
		}
	}
	if len(c.errs) == n {
		// A rule across keys, or one the checks above do not know yet.
		if err := p.Validate(); err != nil {
			c.addf("forecast", "%v", err)
		}
	}
	return f
}

// isCategory is lmi ingest's rule for job seeker categories.
func isCategory(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func tableNames() []string {
	var out []string
	for _, t := range canonical.Tables() {
		out = append(out, t.Name)
	}
	return out
}

// Params gives the indicator parameters of the spec.
func (s *Spec) Params() indicators.Params {
	p := indicators.DefaultParams()
	p.Levels = slices.Clone(s.Levels)
	p.Groupings = slices.Clone(s.groupings)
	p.Basis = s.Basis
	p.By = slices.Clone(s.By)
	p.AgeMin, p.AgeMax = s.AgeMin, s.AgeMax
	p.K = s.K
	p.Indicators = slices.Clone(s.Indicators)
	p.Own = slices.Clone(s.own)
	p.Key = s.Key
	p.Alphas = slices.Clone(s.Alphas)
	if s.Horizon != 0 {
		p.Horizon = s.Horizon
	}
	if s.Shortage != nil {
		p.Shortage = indicators.ShortageParams{Weights: maps.Clone(s.Shortage.Weights),
			Window: s.Shortage.Window, Thresholds: slices.Clone(s.Shortage.Thresholds)}
	}
	return p
}

// ForecastParams gives the forecast parameters of the spec, false when it
// has no [forecast] table.
func (s *Spec) ForecastParams() (forecast.Params, bool) {
	if s.Forecast == nil {
		return forecast.Params{}, false
	}
	p := s.Forecast.Params
	p.Levels = slices.Clone(p.Levels)
	p.Groupings = slices.Clone(p.Groupings)
	p.Models = slices.Clone(p.Models)
	p.JobseekerCategories = slices.Clone(p.JobseekerCategories)
	return p, true
}

// Slug is the run's name as a folder name: lower case ASCII letters and
// digits, runs of anything else turned into one '-' (å, ä -> a, ö -> o).
func (s *Spec) Slug() string { return slug(s.Name) }

func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch r {
		case 'å', 'ä', 'á', 'à':
			r = 'a'
		case 'ö', 'ø', 'ó':
			r = 'o'
		case 'é', 'è':
			r = 'e'
		case 'ü':
			r = 'u'
		}
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}
