package publish

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"lmi/report"
)

// colSpec is how the workbook and the report show a column of the
// forecast's and the agreement's files.
type colSpec struct {
	header   string
	kind     report.Kind
	decimals int // report.Column.Decimals
}

// Forecast numbers are expectations, not whole persons: one decimal.
var (
	persons  = colSpec{kind: report.KindDecimal, decimals: 1}
	flatCols = map[string]colSpec{
		"region_level":     {"Regionnivå", report.KindCode, 0},
		"region":           {"Region", report.KindCode, 0},
		"region_name":      {"Regionnamn", report.KindText, 0},
		"ssyk_level":       {"SSYK-nivå", report.KindCode, 0},
		"ssyk":             {"Yrke (SSYK)", report.KindCode, 0},
		"occupation":       {"Yrke", report.KindText, 0},
		"origin_year":      {"Basår", report.KindCode, 0},
		"year":             {"Prognosår", report.KindCode, 0},
		"h":                {"År framåt", report.KindCount, 0},
		"rank":             {"Rang", report.KindCount, 0},
		"light":            {"Signal", report.KindText, 0},
		"employed":         {"Sysselsatta basåret", report.KindDecimal, 1},
		"employment":       {"Sysselsatta, prognos", report.KindDecimal, 1},
		"employment_lower": {"Sysselsatta, prognosintervall nedre", report.KindDecimal, 1},
		"employment_upper": {"Sysselsatta, prognosintervall övre", report.KindDecimal, 1},
		"expansion":        {"Expansionsbehov", report.KindDecimal, 1},
		"replacement":      {"Ersättningsbehov (pensionsavgångar m.m.)", report.KindDecimal, 1},
		"openings":         {"Rekryteringsbehov", report.KindDecimal, 1},
		"entrants":         {"Nytillträdande", report.KindDecimal, 1},
		"jobseekers":       {"Inskrivna arbetssökande", report.KindDecimal, 1},
		"supply":           {"Tillgång", report.KindDecimal, 1},
		"balance":          {"Balans ((tillgång − behov) / behov)", report.KindRatio, 0},
		"p_shortage":       {"Sannolikhet för brist", report.KindShare, 2},
		"class":            {"Klass (1 överskott – 5 brist)", report.KindClass, 0},
		"model":            {"Modell", report.KindText, 0},
		"reason":           {"Motivering", report.KindText, 0},
		"weights":          {"Vikter", report.KindText, 0},
		"origins":          {"Antal startår i backtest", report.KindCount, 0},
		"publisher":        {"Utgivare", report.KindText, 0},
		"round":            {"Omgång", report.KindCode, 0},
		"af_class":         {"Arbetsförmedlingens klass", report.KindClass, 0},
		"their_class":      {"Utgivarens klass", report.KindClass, 0},
		"ssyk4":            {"Yrke (SSYK 4)", report.KindCode, 0},
		"occupations":      {"Utgivarens yrken", report.KindText, 0},
		"measure":          {"Mått", report.KindText, 0},
		"round_year":       {"Omgångens år", report.KindCount, 0},
		"classes":          {"Antal klasser", report.KindCount, 0},
		"origin":           {"Prognosens basår", report.KindCount, 0},
		"pairs":            {"Antal yrken och regioner", report.KindCount, 0},
		"ambiguous":        {"Tvetydiga", report.KindCount, 0},
		"lmi_class":        {"lmi:s klass", report.KindClass, 0},
		"n":                {"Antal yrken och regioner", report.KindCount, 0},
		"agree":            {"Samma klass", report.KindCount, 0},
		"kappa":            {"Cohens kappa", report.KindDecimal, 2},
		"weighted_kappa":   {"Viktad kappa", report.KindDecimal, 2},
	}
	lights = map[string]string{"red": "röd", "yellow": "gul", "green": "grön"}
)

// specOf is a column's spec: a known column's, a backtest score's (mase_),
// else a code.
func specOf(key string) colSpec {
	if s, ok := flatCols[key]; ok {
		return s
	}
	if m, ok := strings.CutPrefix(key, "mase_"); ok {
		return colSpec{header: "MASE, " + m, kind: report.KindDecimal, decimals: 3}
	}
	return colSpec{header: key, kind: report.KindCode}
}

// flat is one of the forecast's or the agreement's files: a plain table,
// one row per line.
type flat struct {
	kind, path, file string
	header           []string
	cols             []report.Column // the workbook's, without suppressed
	src              []int           // the field of each column
	sup              int             // the suppressed field, -1 without
	col              map[string]int  // field by name
	rows             int64
	levels           []levelCount    // rows per region level, in file order
	skip             map[string]bool // region levels left out of the workbook
}

// leaveOut leaves a region level out of the workbook.
func (t *flat) leaveOut(level string) {
	if t.skip == nil {
		t.skip = map[string]bool{}
	}
	t.skip[level] = true
}

func openFlat(path, kind string) (*flat, error) {
	f, _, header, err := readHeader(path)
	if err != nil {
		return nil, err
	}
	f.Close()
	t := &flat{kind: kind, path: path, file: filepath.Base(path), header: header, sup: -1, col: map[string]int{}}
	for i, h := range header {
		t.col[h] = i
		if h == "suppressed" {
			t.sup = i
			continue
		}
		s := specOf(h)
		t.cols = append(t.cols, report.Column{Key: h, Header: s.header, Kind: s.kind, Decimals: s.decimals})
		t.src = append(t.src, i)
	}
	return t, nil
}

// has says whether the file has every one of the columns.
func (t *flat) has(cols ...string) error {
	for _, c := range cols {
		if _, ok := t.col[c]; !ok {
			return fmt.Errorf("%s: no %q column", t.file, c)
		}
	}
	return nil
}

// each calls fn for every record, with its line, and counts rows per
// region level.
func (t *flat) each(fn func(rec [][]byte, line int) error) error {
	f, cr, _, err := readHeader(t.path)
	if err != nil {
		return err
	}
	defer f.Close()
	lv, hasLevel := t.col["region_level"]
	t.rows, t.levels = 0, nil
	for {
		rec, err := cr.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", t.file, err)
		}
		if len(rec) != len(t.header) {
			return fmt.Errorf("%s: line %d: %d fields, the header has %d", t.file, cr.recLine, len(rec), len(t.header))
		}
		t.rows++
		if hasLevel {
			if n := len(t.levels); n == 0 || t.levels[n-1].level != string(rec[lv]) {
				t.levels = append(t.levels, levelCount{level: string(rec[lv])})
			}
			t.levels[len(t.levels)-1].rows++
		}
		if fn != nil {
			if err := fn(rec, cr.recLine); err != nil {
				return fmt.Errorf("%s: line %d: %w", t.file, cr.recLine, err)
			}
		}
	}
}

// cell reads field i of a record as column spec s shows it.
func (t *flat) cell(rec [][]byte, i int) (report.Cell, error) {
	s := specOf(t.header[i])
	if !s.kind.Numeric() {
		return report.Str(string(rec[i])), nil
	}
	var sup []byte
	if t.sup >= 0 {
		sup = rec[t.sup]
	}
	c, err := numCell(rec[i], sup)
	if err != nil {
		return c, fmt.Errorf("%s: %w", t.header[i], err)
	}
	return c, nil
}

// table streams the file as the workbook's table.
func (t *flat) table(name, title string) (*report.Table, *os.File, error) {
	f, cr, _, err := readHeader(t.path)
	if err != nil {
		return nil, nil, err
	}
	intern := interner{}
	light, hasLight := t.col["light"]
	lv, hasLevel := t.col["region_level"]
	rows := report.FuncRows(func(row []report.Cell) (bool, error) {
		rec, err := cr.next()
		for err == nil && hasLevel && len(t.skip) > 0 && len(rec) == len(t.header) && t.skip[string(rec[lv])] {
			rec, err = cr.next()
		}
		if err == io.EOF {
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("%s: %w", t.file, err)
		}
		if len(rec) != len(t.header) {
			return false, fmt.Errorf("%s: line %d: %d fields, the header has %d", t.file, cr.recLine, len(rec), len(t.header))
		}
		for i, src := range t.src {
			if !t.cols[i].Kind.Numeric() {
				s := intern.get(rec[src])
				if hasLight && src == light && lights[s] != "" {
					s = lights[s]
				}
				row[i] = report.Str(s)
				continue
			}
			c, err := t.cell(rec, src)
			if err != nil {
				return false, fmt.Errorf("%s: line %d: %w", t.file, cr.recLine, err)
			}
			row[i] = c
		}
		return true, nil
	})
	return &report.Table{Name: name, Title: title, Columns: t.cols, Rows: rows}, f, nil
}
