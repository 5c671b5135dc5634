package indicators

import (
	"bufio"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"strconv"
	"strings"
	"text/template"
)

// SQL files are Go templates. Each declares the parameters it uses in a
// header line "-- params: AgeMin, AgeMax" and is given those and no
// others: a template that reads an undeclared one fails to render, so a
// file's header is a complete list of what it depends on.

// templateParams are every value a template may declare; render passes on
// only the declared ones.
type templateParams struct {
	Workplace, ByEdu, BySex, ByBirth bool
	AgeMin, AgeMax, K                int
	BaseYear                         int
	Threshold                        float64
	Body                             string
	Dims                             []string
	Alphas                           []string // formatted for SQL
	// Requires are the optional cell columns the family's selected
	// indicators read (their "requires" header), by name.
	Requires map[string]bool
	// PanelPairs are the first years of the pairs of consecutive years
	// the person panel has, for the families that follow persons from
	// one year to the next one pair at a time (bounded memory).
	PanelPairs []int
	Shortage   shortageTemplate
	// Table is the family's result table (ResultTable) for the SQL run on
	// it once it is made: secondary suppression, a family's rules after
	// it, clearing the suppressed rows, the ranking.
	Table string
	// Row is the indicator macros/indicator_rows.sql wraps.
	Row indicatorRow
	// Secondary is what secondary suppression needs (suppress.go).
	Secondary secondaryTemplate
	// Rows are the rows of the small tables built from Go's data.
	Rows tableRows
}

// indicatorRow is one indicator for macros/indicator_rows.sql: its name as
// a SQL string literal, its version and its SELECT without the header.
type indicatorRow struct {
	Name    string
	Version int
	SQL     string
}

// tableRows are rows built in Go from code lists, files and fitted models,
// formatted as SQL VALUES rows "(...), (...)", for the files that create
// the session's small tables.
type tableRows struct {
	ExitProfile string // macros/exit_profile.sql
	// MatchMap: macros/matchmap_file.sql, one INSERT per chunk of rows.
	MatchMap []string
	// MatchingFunction: the matching_function family's cells, one INSERT
	// per row.
	MatchingFunction []string
}

// renderFS renders file of fsys with the parameters its header declares.
func renderFS(fsys fs.FS, file string, tp templateParams) (string, error) {
	b, err := fs.ReadFile(fsys, file)
	if err != nil {
		return "", err
	}
	data, err := declared(string(b), tp)
	if err != nil {
		return "", fmt.Errorf("%s: %w", file, err)
	}
	t, err := template.New(path.Base(file)).Option("missingkey=error").Parse(string(b))
	if err != nil {
		return "", fmt.Errorf("%s: %w", file, err)
	}
	var sb strings.Builder
	if err := t.Execute(&sb, data); err != nil {
		return "", fmt.Errorf("%s: %w", file, err)
	}
	return sb.String(), nil
}

// renderMacro renders one of the macros/ files.
func renderMacro(file string, tp templateParams) (string, error) {
	return renderFS(sqlFiles, "macros/"+file, tp)
}

// render renders one of the family's SQL files.
func (f *family) render(file string, tp templateParams) (string, error) {
	return renderFS(f.fsys, path.Join(f.dir, file), tp)
}

// declared picks the parameters a template's "-- params:" header names
// out of tp.
func declared(text string, tp templateParams) (map[string]any, error) {
	data := map[string]any{}
	v := reflect.ValueOf(tp)
	for _, name := range paramsHeader(text) {
		fv := v.FieldByName(name)
		if !fv.IsValid() {
			return nil, fmt.Errorf("params: %s is not a template parameter", strconv.Quote(name))
		}
		data[name] = fv.Interface()
	}
	return data, nil
}

// paramsHeader reads the names of the "-- params:" line among a file's
// leading comment lines.
func paramsHeader(text string) []string {
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if !strings.HasPrefix(line, "--") {
			break
		}
		if rest, ok := strings.CutPrefix(strings.TrimSpace(strings.TrimPrefix(line, "--")), "params:"); ok {
			return splitHeaderList(rest)
		}
	}
	return nil
}
