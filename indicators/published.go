package indicators

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"lmi/session"
)

// A published source builds a family's cells from SCB's published tables
// instead of person records: each requested region is summed from the
// units the table gives numbers for (macros/units.sql picks them: the
// region's own row, whole län, whole FA regions or kommuner), rates are
// computed from the summed counts, and a sum with an unpublished part has
// no number. published_keys classifies the tables' breakdowns into the
// families' dimensions.

// publishedTables are SCB's typed RMI tables, whose breakdowns
// published_keys classifies.
var publishedTables = []string{"scb_rmi_e3", "scb_rmi_e4", "scb_rmi_m2", "scb_rmi_u1a", "scb_rmi_u1b",
	"scb_rmi_u2", "scb_rmi_u3", "scb_rmi_e2b"}

// publishedKey is one breakdown of a published table in the families'
// dimensions: "TOT" where the breakdown spans all of a dimension. Age is
// the band a row counts ("20-64"), "" when the table has none; Skip marks
// a row that repeats another (a second "totalt").
type publishedKey struct {
	Edu, Sex, Birth, Age, SNI string
	Skip                      bool
}

var ageBandLabel = regexp.MustCompile(`^(\d+)-(\d+) år$`)

// classifyBreakdown reads a breakdown as splitRegion stored it: codes as
// "Dimension=code" joined by commas, labels joined by ", ". The education
// or industry label may itself hold ", ", so the labels of the dimensions
// before it are taken from the start and those after it from the end.
func classifyBreakdown(breakdown, label string) publishedKey {
	k := publishedKey{Edu: "TOT", Sex: "TOT", Birth: "TOT", SNI: "TOT"}
	if breakdown == "" {
		return k
	}
	dims := strings.Split(breakdown, ",")
	labels := dimensionLabels(dims, strings.Split(label, ", "))
	for i, d := range dims {
		name, code, _ := strings.Cut(d, "=")
		lname, text := strings.ToLower(name), strings.ToLower(strings.TrimSpace(labels[i]))
		switch {
		case strings.Contains(lname, "utbild"):
			if !strings.HasPrefix(text, "samtliga utbildningsgrupper") {
				k.Edu = code
			}
		case strings.Contains(lname, "sni"):
			if !strings.HasPrefix(text, "samtliga") && !strings.HasPrefix(text, "totalt") {
				k.SNI = code
			}
		case lname == "kon":
			k.Sex = sexOf(code, text)
		default:
			k.margin(text)
		}
	}
	return k
}

// margin reads a value of a dimension mixing sex, age and birth region
// (RMI's KonAlderFodelseland) or of an age dimension.
func (k *publishedKey) margin(text string) {
	switch {
	case text == "män" || text == "kvinnor":
		k.Sex = sexOf("", text)
	case text == "inrikes födda":
		k.Birth = "inrikes"
	case text == "utrikes födda":
		k.Birth = "utrikes"
	case text == "totalt":
		k.Skip = true // the same total as the table's widest age band
	default:
		if m := ageBandLabel.FindStringSubmatch(text); m != nil {
			k.Age = m[1] + "-" + m[2]
		}
	}
}

func sexOf(code, text string) string {
	switch {
	case text == "män" || text == "men" || code == "1":
		return "1"
	case text == "kvinnor" || text == "women" || code == "2":
		return "2"
	}
	return "TOT"
}

// dimensionLabels pairs each dimension with its label, labels having been
// split at every ", ": the one dimension whose labels may hold a comma
// (education, industry) takes what the others leave.
func dimensionLabels(dims, parts []string) []string {
	out := make([]string, len(dims))
	if len(parts) == len(dims) {
		return parts
	}
	wide := -1
	for i, d := range dims {
		l := strings.ToLower(d)
		if strings.Contains(l, "utbild") || strings.Contains(l, "sni") {
			wide = i
			break
		}
	}
	if wide < 0 || len(parts) < len(dims) {
		copy(out, parts)
		return out
	}
	copy(out, parts[:wide])
	after := len(dims) - wide - 1
	copy(out[wide+1:], parts[len(parts)-after:])
	out[wide] = strings.Join(parts[wide:len(parts)-after], ", ")
	return out
}

// buildPublishedKeys creates published_keys (table_id, breakdown,
// edu_group, sex, birth_region, age, sni, skip) for every breakdown of
// SCB's RMI tables in the store. Rows of a table with an age dimension
// that name no age (a sex or birth margin) count the table's widest band.
func (s *Session) buildPublishedKeys(ctx context.Context) error {
	var parts []string
	for _, t := range publishedTables {
		parts = append(parts, "SELECT DISTINCT table_id, breakdown, breakdown_label FROM "+t)
	}
	rows, err := s.conn.QueryContext(ctx, strings.Join(parts, " UNION ")+" ORDER BY 1, 2")
	if err != nil {
		return fmt.Errorf("published tables: %w", err)
	}
	defer rows.Close()
	type row struct {
		table, breakdown string
		key              publishedKey
	}
	var all []row
	widest := map[string]string{}
	for rows.Next() {
		var r row
		var label string
		if err := rows.Scan(&r.table, &r.breakdown, &label); err != nil {
			return err
		}
		r.key = classifyBreakdown(r.breakdown, label)
		if r.key.Age != "" && wider(r.key.Age, widest[r.table]) {
			widest[r.table] = r.key.Age
		}
		all = append(all, r)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	var values []string
	for _, r := range all {
		k := r.key
		if k.Age == "" {
			k.Age = widest[r.table]
		}
		values = append(values, fmt.Sprintf("(%s, %s, %s, %s, %s, %s, %s, %t)", sqlString(r.table), sqlString(r.breakdown),
			sqlString(k.Edu), sqlString(k.Sex), sqlString(k.Birth), sqlString(k.Age), sqlString(k.SNI), k.Skip))
	}
	q := `CREATE OR REPLACE TEMP TABLE published_keys (table_id VARCHAR, breakdown VARCHAR, edu_group VARCHAR,
    sex VARCHAR, birth_region VARCHAR, age VARCHAR, sni VARCHAR, skip BOOLEAN)`
	if _, err := s.Exec(ctx, q); err != nil {
		return err
	}
	for len(values) > 0 {
		n := min(len(values), 1000)
		if _, err := s.Exec(ctx, "INSERT INTO published_keys VALUES "+strings.Join(values[:n], ", ")); err != nil {
			return err
		}
		values = values[n:]
	}
	return nil
}

// wider reports whether age band a spans more years than b ("" spans none).
func wider(a, b string) bool {
	span := func(band string) int {
		var lo, hi int
		if _, err := fmt.Sscanf(band, "%d-%d", &lo, &hi); err != nil {
			return -1
		}
		return hi - lo
	}
	return span(a) > span(b)
}

// UnitsError refuses a level or grouping that cannot be made of the units
// a published table has: a grouping of kommuner from a table of län, say.
type UnitsError struct {
	Family  string
	Table   string   // the store table
	IDs     string   // SCB's table ids in it
	Level   string   // the level or grouping
	Regions []string // the regions refused, by name
	Needs   string   // the units they need: "kommun", "lan" or "fa"
	Has     []string // the levels the table has rows for
	Finer   string   // where the finer units come from
	// NotSum, when set, says why the regions, each made of several of
	// the table's regions, cannot be: a number the chosen indicators
	// read is not a sum over them (a flow across a region's border).
	NotSum string
}

func (e *UnitsError) Error() string {
	what := fmt.Sprintf("level %s", e.Level)
	if !isBuiltinLevel(e.Level) {
		what = fmt.Sprintf("grouping %q", e.Level)
	}
	regions := quoteCapped(e.Regions, 3)
	if e.NotSum != "" {
		return fmt.Sprintf("family %s: %s cannot be made from %s (%s): %s would be a sum of several of the table's regions, and %s",
			e.Family, what, e.Table, e.IDs, regions, e.NotSum)
	}
	msg := fmt.Sprintf("family %s: %s cannot be made from %s (%s): %s needs %s rows, and the table has %s rows only",
		e.Family, what, e.Table, e.IDs, regions, unitWords[e.Needs], strings.Join(e.Has, ", "))
	if e.Finer != "" {
		msg += "; " + e.Finer
	}
	return msg
}

var unitWords = map[string]string{session.UnitKommun: "kommun", session.UnitLan: "whole-län", session.UnitFA: "FA region"}

func isBuiltinLevel(l string) bool {
	switch l {
	case "kommun", "lan", "fa", "riket":
		return true
	}
	return false
}

// quoteCapped quotes the first n names and counts the rest.
func quoteCapped(names []string, n int) string {
	var q []string
	for i, name := range names {
		if i == n {
			q = append(q, fmt.Sprintf("and %d more", len(names)-n))
			break
		}
		q = append(q, fmt.Sprintf("%q", capText(name, 60)))
	}
	return strings.Join(q, ", ")
}

// capText shortens a user's text for a message.
func capText(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "..."
	}
	return s
}

// buildUnits resolves the units of one published table for every
// requested region, in each of the source's unit sets (or the whole
// table), and refuses the regions it cannot make: those no set has the
// units of, and, when the chosen indicators require (req) a number that
// is not a sum over units, those made of more than one. A table the store
// holds no rows of refuses none: a source's second table is optional (its
// available condition names the one it needs), and the indicators that
// read it have no rows.
func (s *Session) buildUnits(ctx context.Context, f *family, src source, table string, req map[string]bool) error {
	made, err := s.makeUnits(ctx, src, table)
	if err != nil {
		return err
	}
	var any bool
	if err := s.conn.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM "+table+")").Scan(&any); err != nil || !any {
		return err
	}
	rows, err := s.conn.QueryContext(ctx, `
        SELECT k.level, k.region_name, (SELECT min(rank) FROM region_units AS u
                                        WHERE u.region_key = k.region_key AND u.rank > 0) AS needs
        FROM region_keys AS k
        WHERE k.region <> '`+session.AllRegions+`'
          AND k.region_key NOT IN (`+unionKeys(made)+`)
        ORDER BY k.level_id, k.region`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var e *UnitsError
	for rows.Next() {
		var level, name string
		var rank int
		if err := rows.Scan(&level, &name, &rank); err != nil {
			return err
		}
		if e == nil {
			e = &UnitsError{Family: f.name, Table: table, Level: level, Finer: src.finer,
				Needs: []string{"", session.UnitLan, session.UnitFA, session.UnitKommun}[rank]}
		}
		if level == e.Level {
			e.Regions = append(e.Regions, name)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if e == nil {
		return s.refuseSums(ctx, f, src, table, made, req)
	}
	return s.describeUnits(ctx, e)
}

// makeUnits makes the units tables of table, one per unit set of the
// source (or one for the whole table), and returns their names.
func (s *Session) makeUnits(ctx context.Context, src source, table string) ([]string, error) {
	sets := src.unitSets
	if len(sets) == 0 {
		sets = []unitSet{{}}
	}
	var made []string
	for _, set := range sets {
		tp := templateParams{Source: sourceTemplate{Unit: table, UnitSet: set.Name, UnitWhere: set.Where}}
		if err := s.execMacro(ctx, "units.sql", tp); err != nil {
			return nil, err
		}
		made = append(made, unitsTable(table, set.Name))
	}
	return made, nil
}

// unionKeys is a query of the region keys in any of the units tables.
func unionKeys(tables []string) string {
	q := make([]string, len(tables))
	for i, t := range tables {
		q[i] = "SELECT region_key FROM " + t
	}
	return strings.Join(q, " UNION ALL ")
}

// refuseSums refuses the regions made of more than one unit of table
// (in any of its units tables) when a chosen indicator requires one of
// the source's not_sums.
func (s *Session) refuseSums(ctx context.Context, f *family, src source, table string, made []string, req map[string]bool) error {
	var why []string
	for _, r := range slices.Sorted(maps.Keys(src.notSums)) {
		if req[r] {
			why = append(why, src.notSums[r])
		}
	}
	if len(why) == 0 {
		return nil
	}
	rows, err := s.conn.QueryContext(ctx, `
        SELECT k.level, k.region_name
        FROM region_keys AS k
        WHERE k.region <> '`+session.AllRegions+`'
          AND k.region_key IN (`+manyUnits(made)+`)
        ORDER BY k.level_id, k.region`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var e *UnitsError
	for rows.Next() {
		var level, name string
		if err := rows.Scan(&level, &name); err != nil {
			return err
		}
		if e == nil {
			e = &UnitsError{Family: f.name, Table: table, Level: level, NotSum: strings.Join(why, "; ")}
		}
		if level == e.Level {
			e.Regions = append(e.Regions, name)
		}
	}
	if err := rows.Err(); err != nil || e == nil {
		return err
	}
	return s.describeUnits(ctx, e)
}

// unitsTable names the temporary table macros/units.sql makes for a
// published table, or one set of its rows.
func unitsTable(table, set string) string {
	if set == "" {
		return "units_" + table
	}
	return "units_" + table + "_" + set
}

// manyUnits is a query of the region keys made of more than one unit in
// one of the units tables.
func manyUnits(tables []string) string {
	q := make([]string, len(tables))
	for i, t := range tables {
		q[i] = "SELECT region_key FROM " + t + " GROUP BY region_key HAVING count(*) > 1"
	}
	return strings.Join(q, " UNION ALL ")
}

// describeUnits fills in the table's ids and the levels it has.
func (s *Session) describeUnits(ctx context.Context, e *UnitsError) error {
	var ids string
	var riket, fa, lan, kommun bool
	err := s.conn.QueryRowContext(ctx, `
        SELECT string_agg(DISTINCT table_id, ', ' ORDER BY table_id),
               bool_or(region = '00'), bool_or(region LIKE 'FA%'),
               -- SCB's unknown län and kommun ("99", "9999") are neither
               bool_or(regexp_full_match(region, '[0-9]{2}') AND region NOT IN ('00', '99')),
               bool_or(regexp_full_match(region, '[0-9]{4}') AND region <> '9999')
        FROM `+e.Table).Scan(&ids, &riket, &fa, &lan, &kommun)
	if err != nil {
		return err
	}
	e.IDs = ids
	for _, h := range []struct {
		ok   bool
		name string
	}{{riket, "riket"}, {fa, "FA region"}, {lan, "län"}, {kommun, "kommun"}} {
		if h.ok {
			e.Has = append(e.Has, h.name)
		}
	}
	return e
}
