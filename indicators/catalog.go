package indicators

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"lmi/disclosure/tables"
	"lmi/store"
)

// A family is a folder: family.toml declares it (indicators/README.md
// describes every key), its cells SQL builds the cell table FAMILY_cells,
// and every other .sql file in the folder is one of its indicators.
// Adding a family touches its folder and nothing else.

//go:embed families macros
var sqlFiles embed.FS

// family is one indicator family as its folder declares it.
type family struct {
	name        string
	order       int
	title       string // Swedish heading for reports
	description string
	dims        []string
	// headline is the indicator a report shows first for the family.
	headline string
	// needs are steps run before the cells, once per computation:
	// match_key (the matchmap table), exit_profile (exit_profile), panel
	// (templateParams.PanelPairs).
	needs []string
	// sources are the ways to build the cells, first usable first; each
	// declares the store tables it reads.
	sources []source
	// cellsFrom names another family whose cells SQL builds this one's
	// cell table too (the commuting matrix, built with commuting).
	cellsFrom string
	// cellsSources names the sources of that family that build this
	// one's cells; empty means all of them. With another source chosen
	// the family is skipped (SCB's U2 has no commuting matrix).
	cellsSources []string
	// cellsGo names a Go step (goSteps) that builds the cells instead of
	// SQL: models fitted outside SQL.
	cellsGo string
	// afterSuppression names a Go step (goSteps) run on the result table
	// once secondary suppression has flagged it, before suppressed rows
	// lose their numbers: rules the general machinery cannot express.
	afterSuppression string
	// steps are SQL files of the folder that the Go steps run, not
	// indicators.
	steps []string
	// relations are the additive identities among the family's quantities
	// (total = sum of parts) for secondary suppression; relationsSQL adds
	// relations that matching cells on equal dimensions cannot find (the
	// commuting matrix's second region).
	relations    []relation
	relationsSQL string
	// shared, periods and matrix are the rest of what disclosure control
	// knows of the family (Catalog.Disclosure): counts shared with other
	// families, identities across periods, a second region dimension.
	shared       []tables.Shared
	periods      []tables.PeriodIdentity
	matrix       *tables.Matrix
	regionsApart []string
	wholeLevels  bool

	fsys fs.FS  // the folder's file system
	dir  string // the folder within fsys
}

// source is one way to build a family's cells.
type source struct {
	name  string
	cells string   // SQL file of the folder; "" when cellsGo builds them
	reads []string // store tables (store.Tables)
	// needs are steps this source runs first, besides the family's.
	needs []string
	// available is a SQL condition true when the store holds this
	// source's data; "" means: one of reads has a row.
	available string
	// units are the published tables whose regions the source sums to
	// the requested regions (macros/units.sql); a source with units is a
	// published one: its cells carry each row's source tables and its
	// unpublished parts, and SCB's numbers are not suppressed again.
	units []string
	// unitSets divide the one units table into sets of rows (an
	// occupation level, say): each region is made of the first set whose
	// units make it (macros/units.sql, units_TABLE_SET), and refused only
	// when none does. None: the whole table is one set, units_TABLE.
	unitSets []unitSet
	// finer says where the units come from that its tables lack
	// (kommuner), for the message refusing a region made of them.
	finer string
	// notSums are requirements (indicators' requires headers) whose
	// numbers are not sums of the units': flows across a region's
	// border, shares of a count the table does not publish. With an
	// indicator requiring one chosen, a region made of more than one unit
	// is refused, saying why (the value).
	notSums map[string]string
	// what says in words what the source reads, for the message saying
	// the store holds none of it.
	what string
}

// unitSet is a set of a units table's rows: Where, a SQL condition on
// them.
type unitSet struct {
	Name  string `toml:"name"`
	Where string `toml:"where"`
}

// published reports whether the source sums SCB's published tables.
func (s source) published() bool { return len(s.units) > 0 }

// relation says total = sum of parts - sum of minus, within one cell of
// a family.
type relation struct {
	total        string
	parts, minus []string
}

// familyFile mirrors family.toml.
type familyFile struct {
	Order            int      `toml:"order"`
	Title            string   `toml:"title"`
	Description      string   `toml:"description"`
	Headline         string   `toml:"headline"`
	Dimensions       []string `toml:"dimensions"`
	Needs            []string `toml:"needs"`
	CellsFrom        string   `toml:"cells_from"`
	CellsSources     []string `toml:"cells_sources"`
	CellsGo          string   `toml:"cells_go"`
	AfterSuppression string   `toml:"after_suppression"`
	Steps            []string `toml:"steps"`
	Source           []struct {
		Name      string            `toml:"name"`
		Cells     string            `toml:"cells"`
		Reads     []string          `toml:"reads"`
		Needs     []string          `toml:"needs"`
		Available string            `toml:"available"`
		Units     []string          `toml:"units"`
		UnitSets  []unitSet         `toml:"unit_sets"`
		Finer     string            `toml:"finer"`
		What      string            `toml:"what"`
		NotSums   map[string]string `toml:"not_sums"`
	} `toml:"source"`
	Suppression struct {
		RelationsSQL string `toml:"relations_sql"`
		Relations    []struct {
			Total string   `toml:"total"`
			Parts []string `toml:"parts"`
			Minus []string `toml:"minus"`
		} `toml:"relations"`
		Shared []struct {
			Quantity string `toml:"quantity"`
			Family   string `toml:"family"`
			As       string `toml:"as"`
			Part     bool   `toml:"part"`
		} `toml:"shared"`
		Periods []struct {
			Quantity string `toml:"quantity"`
			Equals   string `toml:"equals"`
			Lag      int    `toml:"lag"`
		} `toml:"periods"`
		Matrix *struct {
			RegionDimension string `toml:"region_dimension"`
			Family          string `toml:"family"`
			Row             string `toml:"row"`
			Column          string `toml:"column"`
			Diagonal        string `toml:"diagonal"`
		} `toml:"matrix"`
		RegionsApart []string `toml:"regions_apart"`
		WholeLevels  bool     `toml:"whole_levels"`
	} `toml:"suppression"`
}

// needSteps are the steps a family may need first, with the store tables
// each reads.
var needSteps = map[string][]string{
	"match_key":      {"persons"}, // the statistical key (macros/statistical_key.sql); a map file reads none
	"exit_profile":   {"persons"}, // session.EstimateExitProfile: the panel's exit rates
	"panel":          {"persons"}, // session.PanelPairs
	"published_keys": nil,         // published_keys: the breakdowns of SCB's RMI tables, classified (published.go)
}

// FamilyError reports a family folder whose declaration or files are
// wrong.
type FamilyError struct {
	Dir    string
	Reason string
}

func (e *FamilyError) Error() string { return e.Dir + ": " + e.Reason }

// readFamily reads the family in folder dir of fsys (its name the
// folder's) and its indicators.
func readFamily(fsys fs.FS, dir string) (*family, []*Indicator, error) {
	b, err := fs.ReadFile(fsys, path.Join(dir, "family.toml"))
	if err != nil {
		return nil, nil, &FamilyError{dir, err.Error()}
	}
	var ff familyFile
	if err := toml.NewDecoder(bytes.NewReader(b)).DisallowUnknownFields().Decode(&ff); err != nil {
		return nil, nil, &FamilyError{path.Join(dir, "family.toml"), strings.TrimPrefix(err.Error(), "toml: ")}
	}
	f := &family{name: path.Base(dir), order: ff.Order, title: strings.TrimSpace(ff.Title), headline: ff.Headline,
		description: strings.Join(strings.Fields(ff.Description), " "), dims: ff.Dimensions, needs: ff.Needs,
		cellsFrom: ff.CellsFrom, cellsSources: ff.CellsSources, cellsGo: ff.CellsGo, afterSuppression: ff.AfterSuppression,
		steps: ff.Steps, relationsSQL: ff.Suppression.RelationsSQL, fsys: fsys, dir: dir}
	for _, s := range ff.Source {
		f.sources = append(f.sources, source{name: s.Name, cells: s.Cells, reads: s.Reads, needs: s.Needs,
			available: strings.TrimSpace(s.Available), units: s.Units, unitSets: s.UnitSets, finer: strings.Join(strings.Fields(s.Finer), " "),
			what: strings.Join(strings.Fields(s.What), " "), notSums: words(s.NotSums)})
	}
	for _, r := range ff.Suppression.Relations {
		f.relations = append(f.relations, relation{total: r.Total, parts: r.Parts, minus: r.Minus})
	}
	for _, sh := range ff.Suppression.Shared {
		f.shared = append(f.shared, tables.Shared{Quantity: sh.Quantity, Family: sh.Family, As: sh.As, Part: sh.Part})
	}
	for _, pi := range ff.Suppression.Periods {
		f.periods = append(f.periods, tables.PeriodIdentity{Quantity: pi.Quantity, Equals: pi.Equals, Lag: pi.Lag})
	}
	f.regionsApart, f.wholeLevels = ff.Suppression.RegionsApart, ff.Suppression.WholeLevels
	if m := ff.Suppression.Matrix; m != nil {
		f.matrix = &tables.Matrix{RegionDim: m.RegionDimension, Family: m.Family, Row: m.Row, Column: m.Column, Diagonal: m.Diagonal}
	}
	if err := f.check(); err != nil {
		return nil, nil, &FamilyError{dir, err.Error()}
	}
	inds, err := f.readIndicators()
	if err == nil && f.headline != "" && !slices.ContainsFunc(inds, func(ind *Indicator) bool { return ind.Name == f.headline }) {
		return nil, nil, &FamilyError{path.Join(dir, "family.toml"), fmt.Sprintf("headline %q: not an indicator of the family", f.headline)}
	}
	return f, inds, err
}

// check validates a declaration on its own; cellsFrom and the Go steps
// are checked against the catalog.
func (f *family) check() error {
	var errs []error
	if !validName(f.name) {
		errs = append(errs, fmt.Errorf("folder name %q: want lower-case letters, digits and _", f.name))
	}
	if f.description == "" {
		errs = append(errs, errors.New("description missing"))
	}
	errs = append(errs, checkNeeds("needs", f.needs)...)
	if (f.cellsFrom == "") == (len(f.sources) == 0) {
		errs = append(errs, errors.New("want [[source]] tables or cells_from, one of them"))
	}
	if len(f.cellsSources) > 0 && f.cellsFrom == "" {
		errs = append(errs, errors.New("cells_sources without cells_from"))
	}
	for _, s := range f.sources {
		if (s.cells == "") == (f.cellsGo == "") {
			errs = append(errs, fmt.Errorf("source %q: want cells (a SQL file) or the family's cells_go, one of them", s.name))
		}
		for _, t := range append(slices.Clone(s.reads), s.units...) {
			if !slices.Contains(store.Tables, t) {
				errs = append(errs, fmt.Errorf("source %q reads %q, not a store table", s.name, t))
			}
		}
		for _, t := range s.units {
			if !slices.Contains(s.reads, t) {
				errs = append(errs, fmt.Errorf("source %q: units table %q is not one it reads", s.name, t))
			}
		}
		errs = append(errs, s.checkUnitSets()...)
		errs = append(errs, checkNeeds(fmt.Sprintf("source %q needs", s.name), s.needs)...)
		if len(s.notSums) > 0 && !s.published() {
			errs = append(errs, fmt.Errorf("source %q: not_sums without units", s.name))
		}
	}
	for _, file := range f.sqlFiles() {
		if _, err := fs.Stat(f.fsys, path.Join(f.dir, file)); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", file, err))
		}
	}
	return errors.Join(errs...)
}

// checkUnitSets checks a source's unit sets: of one units table, each
// named and with a condition, no name twice.
func (s source) checkUnitSets() []error {
	if len(s.unitSets) == 0 {
		return nil
	}
	var errs []error
	if len(s.units) != 1 {
		errs = append(errs, fmt.Errorf("source %q: unit_sets divide one units table, and it has %d", s.name, len(s.units)))
	}
	seen := map[string]bool{}
	for _, u := range s.unitSets {
		if !validName(u.Name) || seen[u.Name] || strings.TrimSpace(u.Where) == "" {
			errs = append(errs, fmt.Errorf("source %q: unit set %q: want a unique name of lower-case letters, digits and _, and a where condition", s.name, u.Name))
		}
		seen[u.Name] = true
	}
	return errs
}

// words joins each value's words with single spaces.
func words(m map[string]string) map[string]string {
	if len(m) == 0 {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = strings.Join(strings.Fields(v), " ")
	}
	return out
}

// checkNeeds checks the steps a family or source needs.
func checkNeeds(key string, needs []string) []error {
	var errs []error
	for _, n := range needs {
		if _, ok := needSteps[n]; !ok {
			errs = append(errs, fmt.Errorf("%s %q: want match_key, exit_profile, panel or published_keys", key, n))
		}
	}
	return errs
}

// sqlFiles are the folder's SQL files that are not indicators.
func (f *family) sqlFiles() []string {
	files := slices.Clone(f.steps)
	for _, s := range f.sources {
		if s.cells != "" {
			files = append(files, s.cells)
		}
	}
	if f.relationsSQL != "" {
		files = append(files, f.relationsSQL)
	}
	return files
}

// readIndicators parses every other .sql file of the folder as one of
// the family's indicators.
func (f *family) readIndicators() ([]*Indicator, error) {
	entries, err := fs.ReadDir(f.fsys, f.dir)
	if err != nil {
		return nil, &FamilyError{f.dir, err.Error()}
	}
	steps := f.sqlFiles()
	var out []*Indicator
	for _, e := range entries {
		if e.IsDir() || path.Ext(e.Name()) != ".sql" || slices.Contains(steps, e.Name()) {
			continue
		}
		file := path.Join(f.dir, e.Name())
		b, err := fs.ReadFile(f.fsys, file)
		if err != nil {
			return nil, err
		}
		ind, err := parseIndicator(file, string(b), nil)
		if err != nil {
			return nil, err
		}
		if ind.Family != f.name {
			return nil, &MetadataError{File: file, Reason: fmt.Sprintf("family %q, but the file is in family %s's folder", ind.Family, f.name)}
		}
		if strings.Join(ind.Dimensions, ",") != strings.Join(f.dims, ",") {
			return nil, &MetadataError{File: file, Reason: fmt.Sprintf("dimensions %q: family %s has %q",
				strings.Join(ind.Dimensions, ", "), f.name, strings.Join(f.dims, ", "))}
		}
		out = append(out, ind)
	}
	return out, nil
}

// file reads one of the family's SQL files.
func (f *family) file(name string) (string, error) {
	b, err := fs.ReadFile(f.fsys, path.Join(f.dir, name))
	return string(b), err
}

// cellsOwner is the family whose sources build f's cells: f, or the
// family it takes them from.
func (c *Catalog) cellsOwner(f *family) *family {
	if f.cellsFrom != "" {
		if g, ok := c.family(f.cellsFrom); ok {
			return g
		}
	}
	return f
}

// Catalog is a set of indicator families and their indicators: the
// built-in ones (Builtin), and families of the user's own from folders
// (With).
type Catalog struct {
	families   []*family    // in output order
	indicators []*Indicator // sorted by name
}

// loadCatalog reads every family folder under root of fsys.
func loadCatalog(fsys fs.FS, root string) (*Catalog, error) {
	c := &Catalog{}
	return c, c.add(fsys, root)
}

func (c *Catalog) add(fsys fs.FS, root string) error {
	entries, err := fs.ReadDir(fsys, root)
	if err != nil {
		return fmt.Errorf("families: %w", err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		f, inds, err := readFamily(fsys, path.Join(root, e.Name()))
		if err != nil {
			return err
		}
		if _, dup := c.family(f.name); dup {
			return &FamilyError{path.Join(root, e.Name()), fmt.Sprintf("family %s exists already", f.name)}
		}
		for _, ind := range inds {
			if _, dup := c.Lookup(ind.Name); dup {
				return &MetadataError{File: ind.File, Reason: fmt.Sprintf("indicator %s exists already", ind.Name)}
			}
		}
		c.families = append(c.families, f)
		c.indicators = append(c.indicators, inds...)
	}
	slices.SortStableFunc(c.families, func(a, b *family) int { return a.order - b.order })
	slices.SortFunc(c.indicators, func(a, b *Indicator) int { return strings.Compare(a.Name, b.Name) })
	return c.checkLinks()
}

// checkLinks checks the families another family's cells_from names,
// and the sources of theirs its cells_sources names.
func (c *Catalog) checkLinks() error {
	for _, f := range c.families {
		if f.cellsFrom == "" {
			continue
		}
		g, ok := c.family(f.cellsFrom)
		if !ok || len(g.sources) == 0 {
			return &FamilyError{f.dir, fmt.Sprintf("cells_from %q: not a family with cells of its own", f.cellsFrom)}
		}
		for _, name := range f.cellsSources {
			if !slices.ContainsFunc(g.sources, func(s source) bool { return s.name == name }) {
				return &FamilyError{f.dir, fmt.Sprintf("cells_sources %q: family %s has no such source", name, g.name)}
			}
		}
	}
	return nil
}

// builtBy reports whether src, a source of the family whose cells f
// takes, builds f's cells too.
func (f *family) builtBy(src source) bool {
	return len(f.cellsSources) == 0 || slices.Contains(f.cellsSources, src.name)
}

// checkGoSteps checks the Go steps the families name. It is not part of
// loading the built-in catalog, because the steps (goSteps) refer to it;
// init checks the built-in families.
func (c *Catalog) checkGoSteps() error {
	for _, f := range c.families {
		for _, step := range []string{f.cellsGo, f.afterSuppression} {
			if _, ok := goSteps[step]; step != "" && !ok {
				return &FamilyError{f.dir, fmt.Sprintf("Go step %q unknown (lmi has %s)", step, strings.Join(goStepNames(), ", "))}
			}
		}
	}
	return nil
}

// With returns a catalog of c's families and those in the folders under
// root of fsys (one folder per family), for a group's families of its own.
func (c *Catalog) With(fsys fs.FS, root string) (*Catalog, error) {
	out := &Catalog{families: slices.Clone(c.families), indicators: slices.Clone(c.indicators)}
	if err := out.add(fsys, root); err != nil {
		return nil, err
	}
	return out, out.checkGoSteps()
}

func (c *Catalog) family(name string) (*family, bool) {
	if c == nil {
		return nil, false
	}
	for _, f := range c.families {
		if f.name == name {
			return f, true
		}
	}
	return nil, false
}

// sourceNames are the names of the families' sources, sorted.
func (c *Catalog) sourceNames() []string {
	var names []string
	for _, f := range c.families {
		for _, s := range f.sources {
			names = append(names, s.name)
		}
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// Families returns the family names in output order.
func (c *Catalog) Families() []string {
	out := make([]string, len(c.families))
	for i, f := range c.families {
		out[i] = f.name
	}
	return out
}

// FamilyInfo is what a family's family.toml says about it for people:
// reports take their headings and first indicator from here.
type FamilyInfo struct {
	Name        string
	Title       string // Swedish heading; "" when family.toml gives none
	Description string
	Dimensions  []string
	Headline    string // the indicator to show first; "" when not declared
}

// FamilyInfos returns the catalog's families in output order.
func (c *Catalog) FamilyInfos() []FamilyInfo {
	out := make([]FamilyInfo, len(c.families))
	for i, f := range c.families {
		out[i] = FamilyInfo{Name: f.name, Title: f.title, Description: f.description,
			Dimensions: slices.Clone(f.dims), Headline: f.headline}
	}
	return out
}

// All returns the catalog's indicators sorted by name.
func (c *Catalog) All() []*Indicator { return slices.Clone(c.indicators) }

// Lookup finds an indicator by name.
func (c *Catalog) Lookup(name string) (*Indicator, bool) {
	for _, ind := range c.indicators {
		if ind.Name == name {
			return ind, true
		}
	}
	return nil, false
}

// FamilyInputs returns the store tables the family's computation reads,
// sorted, as its folder declares them: every source's tables (which one
// runs depends on what the store holds) and those of the steps it needs;
// nil for an unknown family.
func (c *Catalog) FamilyInputs(name string) []string {
	f, ok := c.family(name)
	if !ok {
		return nil
	}
	var tables []string
	for _, src := range c.cellsOwner(f).sources {
		if !f.builtBy(src) {
			continue
		}
		tables = append(tables, src.reads...)
		for _, n := range src.needs {
			tables = append(tables, needSteps[n]...)
		}
	}
	for _, n := range f.needs {
		tables = append(tables, needSteps[n]...)
	}
	slices.Sort(tables)
	return slices.Compact(tables)
}

// builtin is lmi's own catalog, from the embedded folders.
var builtin = mustBuiltin()

func mustBuiltin() *Catalog {
	c, err := loadCatalog(sqlFiles, "families")
	if err != nil {
		// The folders are compiled in; a bad one is a build defect that
		// every test of the package catches.
		panic(err)
	}
	return c
}

func init() {
	if err := builtin.checkGoSteps(); err != nil {
		panic(err) // a build defect, as in mustBuiltin
	}
	if err := builtin.checkDisclosure(); err != nil {
		panic(err) // a build defect, as in mustBuiltin
	}
}

// families are the built-in families in output order.
var families = builtin.families

// Builtin is lmi's own catalog of families and indicators.
func Builtin() *Catalog { return builtin }

// Families returns the built-in indicator families in output order: each
// writes FAMILY.parquet and FAMILY.csv.
func Families() []string { return builtin.Families() }

// All returns the built-in indicators sorted by name.
func All() []*Indicator { return builtin.All() }

// Lookup finds a built-in indicator by name.
func Lookup(name string) (*Indicator, bool) { return builtin.Lookup(name) }

// FamilyInputs returns the store tables a built-in family reads.
func FamilyInputs(name string) []string { return builtin.FamilyInputs(name) }

func familyByName(name string) (*family, bool) { return builtin.family(name) }
