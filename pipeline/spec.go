package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"

	"lmi/codes"
	"lmi/indicators"
	"lmi/ingest/canonical"
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
	Basis      indicators.Basis
	By         []string
	AgeMin     int
	AgeMax     int
	K          int
	Alphas     []float64
	Key        indicators.KeySpec // MapFile absolute, or ""

	OutDir string // relative to the run folder, clean, never ".."
	Seed   int64

	groupings []*codes.Grouping
	own       []*indicators.Indicator
}

// Input is one extract to load.
type Input struct {
	Path  string // absolute
	Table string // canonical table; "" = detected from the columns and file name
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
		Levels     *[]string  `toml:"levels"`
		Groupings  []string   `toml:"groupings"`
		Indicators []string   `toml:"indicators"`
		OwnSQL     []string   `toml:"own_sql"`
		Basis      *string    `toml:"basis"`
		By         *[]string  `toml:"by"`
		Age        *string    `toml:"age"`
		K          *int       `toml:"k"`
		Alphas     *[]float64 `toml:"alphas"`
		MatchKey   struct {
			MapFile   string   `toml:"map_file"`
			Threshold *float64 `toml:"threshold"`
			BaseYear  *int     `toml:"base_year"`
		} `toml:"match_key"`
	} `toml:"indicators"`
	Outputs struct {
		Dir  *string `toml:"dir"`
		Seed *int64  `toml:"seed"`
	} `toml:"outputs"`
}

// want says what each key takes, for type errors.
var want = map[string]string{
	"name":                           "a string",
	"inputs":                         "a table",
	"inputs.files":                   `an array of paths or { path = "...", table = "..." } tables`,
	"indicators":                     "a table",
	"indicators.levels":              "an array of strings (kommun, lan, fa, riket)",
	"indicators.groupings":           "an array of file paths",
	"indicators.indicators":          "an array of indicator names",
	"indicators.own_sql":             "an array of file paths",
	"indicators.basis":               `"home" or "workplace"`,
	"indicators.by":                  "an array of dimension names",
	"indicators.age":                 `a string "FROM-TO", like "20-64"`,
	"indicators.k":                   "an integer",
	"indicators.alphas":              "an array of numbers",
	"indicators.match_key":           "a table",
	"indicators.match_key.map_file":  "a file path",
	"indicators.match_key.threshold": "a number",
	"indicators.match_key.base_year": "an integer (a year, or 0 for the latest)",
	"outputs":                        "a table",
	"outputs.dir":                    "a folder path relative to the run folder",
	"outputs.seed":                   "an integer",
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
// file the spec names is read (inputs are only checked to exist); errors
// are a *SpecError, or SpecErrors when there are several.
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
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			parts, l := keyOf(e)
			table = parts
			pos[strings.Join(parts, ".")] = l
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

	for i, f := range raw.Inputs.Files {
		key := fmt.Sprintf("inputs.files[%d]", i)
		var in Input
		switch v := f.(type) {
		case string:
			in.Path = c.path(key, v)
		case map[string]any:
			for _, k := range sortedKeys(v) {
				switch k {
				case "path", "table":
					if _, ok := v[k].(string); !ok {
						c.addf(key+"."+k, "got %T, want a string", v[k])
					}
				default:
					c.addf(key+"."+k, "unknown key (want path and, optionally, table)")
				}
			}
			p, _ := v["path"].(string)
			if _, ok := v["path"]; !ok {
				c.addf(key, "the path is missing")
			} else {
				in.Path = c.path(key+".path", p)
			}
			in.Table, _ = v["table"].(string)
			if _, ok := v["table"]; ok {
				if _, ok := canonical.Lookup(in.Table); !ok {
					c.addf(key+".table", "unknown table %q (want %s)", in.Table, strings.Join(tableNames(), ", "))
				}
			}
		default:
			c.addf(key, "got %T, want %s", f, want["inputs.files"])
		}
		s.Inputs = append(s.Inputs, in)
	}
	if len(raw.Inputs.Files) == 0 {
		c.addf("inputs.files", "no input files: a run needs at least the persons extract")
	}

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
	if ri.Levels != nil && len(*ri.Levels) == 0 && len(ri.Groupings) == 0 {
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
	return s
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
	return p
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
