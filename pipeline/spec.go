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
	"slices"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"

	"lmi/forecast"
	"lmi/indicators"
	"lmi/ingest/af"
	"lmi/ingest/af/ads"
	"lmi/ingest/canonical"
	"lmi/ingest/formats"
	"lmi/ingest/load"
	"lmi/report/csvout"
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

	// Groupings and OwnSQL are the [indicators] groupings and own_sql
	// files; Params holds what they hold.
	Groupings []string
	OwnSQL    []string
	// NoIndicators is [indicators] compute = false: the run makes only
	// its forecast (the spec then has a [forecast] table).
	NoIndicators bool
	// HorizonSet and ShortageSet say the spec gives [indicators] horizon
	// and an [indicators.shortage] table: a manifest records them only
	// then, so manifests of specs without them stay as they were.
	HorizonSet, ShortageSet bool

	OutDir string // relative to the run folder, clean, never ".."
	Seed   int64
	// CSV is the dialect of the run's CSV files ([outputs] csv_dialect).
	CSV csvout.Dialect

	// Forecast is the spec's [forecast] table; nil when it has none and
	// the run makes no forecast.
	Forecast *ForecastSpec

	// params are the [indicators] choices, every default filled in, the
	// groupings and the user's indicators read from their files.
	params indicators.Params
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

	taxonomy       *ads.Taxonomy // Taxonomy, read while checking the spec
	taxonomySHA256 string        // of the bytes taxonomy was read from
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
	var table map[string]any
	if err := toml.NewDecoder(bytes.NewReader(data)).Decode(&table); err != nil {
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
	s := c.spec(table)
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
		return &SpecError{File: file, Line: line, Key: key, Reason: strings.TrimPrefix(de.Error(), "toml: ")}
	}
	var pe *unstable.ParserError
	if errors.As(err, &pe) {
		return &SpecError{File: file, Reason: pe.Error()}
	}
	return &SpecError{File: file, Reason: err.Error()}
}

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
				if tf.tax, tf.sha256, err = ads.ReadTaxonomyFile(in.Taxonomy); err != nil {
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
	tax    *ads.Taxonomy
	sha256 string
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
