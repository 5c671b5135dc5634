package pipeline

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"lmi/codes"
	"lmi/forecast"
	"lmi/indicators"
	"lmi/ingest/canonical"
	"lmi/report/csvout"
	"lmi/settings"
)

// A run spec is read in two steps: settings.Decode types the TOML into
// specFile, whose [indicators] and [forecast] tables are the settings
// structs of their packages (indicators.Params, forecast.Params) with
// their defaults, and each package's Validate checks its own settings.
// What the checker below adds is only about the spec itself: paths
// resolved against its folder and read, the inputs, the levels of the
// forecast named by grouping, and the rules across tables.

// specFile mirrors a run spec's tables.
type specFile struct {
	Name   *string `toml:"name"`
	Inputs struct {
		Files []any `toml:"files" want:"an array of paths, { path = \"...\", table = \"...\", format = \"...\", ... } tables or { pxweb = \"TABLE\", select = { VAR = [\"CODE\", ...] }, ... } queries"`
	} `toml:"inputs"`
	Indicators indicatorsTable `toml:"indicators"`
	Outputs    struct {
		Dir        *string `toml:"dir" want:"a folder path relative to the run folder"`
		Seed       int64   `toml:"seed"`
		CSVDialect string  `toml:"csv_dialect" want:"\"default\" or \"excel-sv\""`
	} `toml:"outputs"`
}

// indicatorsTable is [indicators]: indicators.Params and the keys about
// the run.
type indicatorsTable struct {
	indicators.Params
	Compute   *bool    `toml:"compute" want:"true or false (false: no indicators, only the [forecast])"`
	Groupings []string `toml:"groupings" want:"an array of file paths"`
	OwnSQL    []string `toml:"own_sql" want:"an array of file paths"`
}

// forecastTable is [forecast]: forecast.Params and the levels by name.
type forecastTable struct {
	forecast.Params
	Levels *[]string `toml:"levels" want:"an array of strings (lan, fa, riket or a grouping's name)"`
}

// fieldErrors adds settings errors, their keys under prefix.
func (c *checker) fieldErrors(prefix string, es settings.Errors, skip func(key string) bool) {
	for _, e := range es {
		if skip != nil && skip(e.Key) {
			continue
		}
		key := e.Key
		if prefix != "" {
			key = prefix + "." + key
		}
		c.addf(key, "%s", e.Reason)
	}
}

func (c *checker) spec(table map[string]any) *Spec {
	f := specFile{Indicators: indicatorsTable{Params: indicators.DefaultParams()}}
	rest := maps.Clone(table)
	delete(rest, "forecast")
	es := settings.Decode(rest, &f)
	// [forecast] takes the run's k unless it sets its own.
	ft := forecastTable{Params: forecast.DefaultParams()}
	ft.K = f.Indicators.K
	if v, ok := table["forecast"]; ok {
		if t, ok := v.(map[string]any); ok {
			es.Add("forecast", settings.Decode(t, &ft))
		} else {
			c.addf("forecast", "got a TOML %s, want a table", settings.TypeName(v))
			return &Spec{Dir: c.dir}
		}
	}
	// A table not of the spec's shape (a key it has not, a value of the
	// wrong type) is said alone: checks of its values would mislead.
	if shapes := es.Shapes(); len(shapes) > 0 {
		c.fieldErrors("", shapes, nil)
		return &Spec{Dir: c.dir}
	}
	c.fieldErrors("", es, nil)

	s := &Spec{Dir: c.dir, OutDir: DefaultOutputDir, Seed: f.Outputs.Seed}
	if f.Name == nil || strings.TrimSpace(*f.Name) == "" {
		c.addf("name", "required: a name for the run")
	} else {
		s.Name = strings.TrimSpace(*f.Name)
		if slug(s.Name) == "" {
			c.addf("name", "%q has no letter or digit to name the run folder by", s.Name)
		}
	}
	c.inputs(s, f.Inputs.Files)
	c.indicators(s, &f.Indicators, table)
	if f.Outputs.Dir != nil {
		c.outputsDir(s, *f.Outputs.Dir)
	}
	s.CSV = csvout.Default
	if f.Outputs.CSVDialect != "" {
		d, err := csvout.DialectByName(f.Outputs.CSVDialect)
		if err != nil {
			c.addf("outputs.csv_dialect", "%v", err)
		}
		s.CSV = d
	}
	if _, ok := table["forecast"]; ok {
		s.Forecast = c.forecast(&ft, s)
	}
	return s
}

func (c *checker) inputs(s *Spec, files []any) {
	taxonomies := map[string]taxonomyFile{} // by path: each dump read once
	for i, f := range files {
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
			c.addf(key, "got a TOML %s, want an array of paths, { path = \"...\" } tables or { pxweb = \"TABLE\", ... } queries", settings.TypeName(f))
		}
		s.Inputs = append(s.Inputs, in)
	}
	if len(files) == 0 {
		c.addf("inputs.files", "no input files: a run needs at least the persons extract")
	}
	nameFetches(s.Inputs)
}

// indicators reads the files [indicators] names, checks the rules of
// compute = false and has indicators.Params validate the rest.
func (c *checker) indicators(s *Spec, it *indicatorsTable, table map[string]any) {
	p := it.Params
	for i, g := range it.Groupings {
		key := fmt.Sprintf("indicators.groupings[%d]", i)
		path, ok := c.readable(key, g)
		s.Groupings = append(s.Groupings, path)
		if ok {
			if gr, err := codes.LoadGrouping(path); err != nil {
				c.addf(key, "%v", err)
			} else {
				p.Groupings = append(p.Groupings, gr)
			}
		}
	}
	for i, f := range it.OwnSQL {
		key := fmt.Sprintf("indicators.own_sql[%d]", i)
		path, ok := c.readable(key, f)
		s.OwnSQL = append(s.OwnSQL, path)
		if ok {
			if ind, err := indicators.LoadIndicatorFile(path); err != nil {
				c.addf(key, "%v", err)
			} else {
				p.Own = append(p.Own, ind)
			}
		}
	}
	if p.Key.MapFile != "" {
		p.Key.MapFile = c.matchMap(p.Key.MapFile)
	}
	s.NoIndicators = it.Compute != nil && !*it.Compute
	if s.NoIndicators {
		c.computeFalse(it, table)
	}
	if ind, ok := table["indicators"].(map[string]any); ok {
		_, s.HorizonSet = ind["horizon"]
		_, s.ShortageSet = ind["shortage"]
	}
	// A level list left empty is a problem only for a run that computes
	// indicators and has no grouping (a grouping whose file failed is
	// reported there).
	noLevels := func(key string) bool { return key == "levels" && (s.NoIndicators || len(it.Groupings) > 0) }
	if err := p.Validate(); err != nil {
		c.fieldErrors("indicators", err.(settings.Errors), noLevels)
	}
	s.params = p
}

// computeFalse refuses [indicators] keys that choose indicators when the
// run computes none: they would be ignored.
func (c *checker) computeFalse(it *indicatorsTable, table map[string]any) {
	if _, ok := table["forecast"]; !ok {
		c.addf("indicators.compute", "false and no [forecast] table: the run would compute nothing")
	}
	if len(it.Indicators) > 0 {
		c.addf("indicators.indicators", "chooses indicators, but compute = false computes none")
	}
	if len(it.OwnSQL) > 0 {
		c.addf("indicators.own_sql", "adds indicators, but compute = false computes none")
	}
}

// matchMap resolves and reads a match map file.
func (c *checker) matchMap(file string) string {
	const key = "indicators.match_key.map_file"
	path, ok := c.readable(key, file)
	if !ok {
		return path
	}
	f, err := os.Open(path)
	if err != nil {
		c.addf(key, "%v", err)
		return path
	}
	defer f.Close()
	if _, err := indicators.ReadMatchMap(f, path); err != nil {
		c.addf(key, "%v", err)
	}
	return path
}

// readable is path, resolved, and whether it names a readable file.
func (c *checker) readable(key, p string) (string, bool) {
	n := len(c.errs)
	path := c.path(key, p)
	return path, len(c.errs) == n
}

func (c *checker) outputsDir(s *Spec, dir string) {
	d := filepath.Clean(filepath.FromSlash(dir))
	switch {
	case strings.TrimSpace(dir) == "" || d == ".":
		c.addf("outputs.dir", "want a folder inside the run folder, like %q", DefaultOutputDir)
	case filepath.IsAbs(d) || d == ".." || strings.HasPrefix(d, ".."+string(filepath.Separator)):
		c.addf("outputs.dir", "%q: must be a folder inside the run folder", dir)
	default:
		s.OutDir = d
	}
}

// forecast checks the decoded [forecast] table: the levels by name, and
// forecast.Params' own checks.
func (c *checker) forecast(ft *forecastTable, s *Spec) *ForecastSpec {
	f := &ForecastSpec{Params: ft.Params}
	if ft.Levels == nil {
		for _, l := range f.Params.Levels {
			f.Levels = append(f.Levels, string(l))
		}
	} else {
		c.forecastLevels(f, *ft.Levels, s)
	}
	if err := f.Params.Validate(); err != nil {
		// Levels are named in the spec's own terms, checked above.
		c.fieldErrors("forecast", err.(settings.Errors), func(key string) bool { return strings.HasPrefix(key, "levels") })
	}
	return f
}

// forecastLevels resolves [forecast] levels: lan, fa, riket, or the name
// of a grouping in [indicators] groupings.
func (c *checker) forecastLevels(f *ForecastSpec, names []string, s *Spec) {
	p := &f.Params
	p.Levels, f.Levels = nil, []string{}
	byName := map[string]*codes.Grouping{}
	for _, g := range s.params.Groupings {
		if _, ok := byName[g.Name]; !ok {
			byName[g.Name] = g
		}
	}
	var known []string
	broken := map[string]bool{} // groupings whose file did not load, reported there
	for _, path := range s.Groupings {
		name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		known = append(known, name)
		broken[name] = byName[name] == nil
	}
	for i, l := range names {
		key := fmt.Sprintf("forecast.levels[%d]", i)
		lvl, err := codes.ParseLevel(l)
		g, name := byName[l], l
		switch {
		case err == nil:
			if err := forecast.CheckLevel(lvl); err != nil {
				c.addf(key, "%v", err)
				continue
			}
			name = string(lvl)
		case g == nil && broken[l]:
			continue
		case g == nil:
			list := "none listed"
			if len(known) > 0 {
				list = strings.Join(known, ", ")
			}
			c.addf(key, "unknown level %q: want lan, fa, riket or the name of a grouping in indicators.groupings (%s)", l, list)
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
	if len(names) == 0 {
		c.addf("forecast.levels", "empty: a forecast needs at least one level or grouping")
	}
}

// isMonth reports a month as lmi ingest --period documents it (2024-01);
// the loader reads more spellings, a spec keeps to one.
var isMonth = regexp.MustCompile(`^(19|2[0-2])[0-9]{2}-(0[1-9]|1[0-2])$`).MatchString

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
	p := s.params
	p.Levels = slices.Clone(p.Levels)
	p.Groupings = slices.Clone(p.Groupings)
	p.By = slices.Clone(p.By)
	p.Indicators = slices.Clone(p.Indicators)
	p.Own = slices.Clone(p.Own)
	p.Alphas = slices.Clone(p.Alphas)
	p.Shortage = indicators.ShortageParams{Weights: maps.Clone(p.Shortage.Weights),
		Window: p.Shortage.Window, Thresholds: slices.Clone(p.Shortage.Thresholds)}
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
