package px

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"lmi/ingest/cube"
	"lmi/ingest/internal/pxtext"
)

// Options tune decoding. The zero value reads the file's main language,
// keeps SCB's dot codes as statuses and allows DefaultMaxCells cells.
type Options struct {
	// Language picks a language of a multilingual file ("sv", "en"): its
	// titles, variable names, value labels and notes. Empty means the
	// file's main LANGUAGE. A language the file does not have is an error.
	Language string

	// DataSymbols puts the file's own symbol texts (DATASYMBOL1..6,
	// DATASYMBOLNIL) in Status instead of the dot codes they stand for.
	// Either way the texts are listed in Notes.
	DataSymbols bool

	// AbsentKeysMissing marks the cells of rows a KEYS file leaves out as
	// missing (".."). By default they are 0: the PX format leaves out rows
	// that are all zeros.
	AbsentKeysMissing bool

	// MaxCells bounds the number of cells the dimensions may span; 0
	// means DefaultMaxCells. A table is about 24 bytes a cell.
	MaxCells int
}

// DefaultMaxCells is the cell limit when Options.MaxCells is 0 (about
// 1.6 GB of table).
const DefaultMaxCells = 1 << 26

// DecodeFile decodes the px file at path. Only the first Options, if any,
// is used.
func DecodeFile(path string, opts ...Options) (*cube.Table, error) {
	var o Options
	if len(opts) > 0 {
		o = opts[0]
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Decode(f, path, o)
}

// Decode reads a PC-Axis file from r. name is used in errors and, when the
// file has no MATRIX, as the table ID (its base name without extension).
// The input is read once through a fixed buffer; nothing partial is
// returned: either a table that passes Validate, or a *ParseError.
func Decode(r io.Reader, name string, opts Options) (*cube.Table, error) {
	return newDecoder(r, name, opts, pxtext.InputSize(r)).decode()
}

type decoder struct {
	name     string
	opts     Options
	s        *scanner
	scratch  []byte
	sizeHint int64 // bytes of input, when known; 0 when not

	stmts []*stmt
	index map[string]*stmt
	main  string // the file's main language
	lang  string // the language read

	utf8 bool             // text is UTF-8
	cm   *charmap.Charmap // else this single-byte character set

	notes []string
}

func newDecoder(r io.Reader, name string, opts Options, size int64) *decoder {
	if opts.MaxCells <= 0 {
		opts.MaxCells = DefaultMaxCells
	}
	return &decoder{name: name, opts: opts, s: newScanner(r, size), sizeHint: size}
}

// variable is a STUB or HEADING variable.
type variable struct {
	name   string // in the main language
	nameL  string // in the language read
	values []string
	dim    cube.Dimension
	keys   string // "VALUES" or "CODES" in a KEYS file
	keyIdx map[string]int
}

func (d *decoder) decode() (*cube.Table, error) {
	var dataStmt *stmt
	for first := true; ; first = false {
		st, isData, err := d.readStatement(first)
		if err != nil {
			return nil, err
		}
		if isData {
			dataStmt = st
			break
		}
		d.stmts = append(d.stmts, st)
	}
	if err := d.decodeText(); err != nil {
		return nil, err
	}
	if err := d.buildIndex(); err != nil {
		return nil, err
	}
	vars, nStub, err := d.variables(dataStmt)
	if err != nil {
		return nil, err
	}
	dims := make([]cube.Dimension, len(vars))
	for i, v := range vars {
		dims[i] = v.dim
	}
	t := &cube.Table{Dimensions: dims}
	t.ID = d.text("MATRIX")
	if t.ID == "" {
		base := filepath.Base(d.name)
		t.ID = strings.TrimSuffix(base, filepath.Ext(base))
	}
	t.Title = d.text("TITLE")
	if t.Title == "" {
		t.Title = d.text("DESCRIPTION")
	}
	if t.Title == "" {
		t.Title = d.text("CONTENTS")
	}
	t.Source = d.text("SOURCE")
	t.Language = d.lang
	t.Updated = d.updated()
	symbols := d.symbols()
	d.collectNotes()

	cells := 1
	for _, dim := range dims {
		cells *= len(dim.Values) // bounded: checked in variables
	}
	keyed := false
	for _, v := range vars[:nStub] {
		if v.keys != "" {
			keyed = true
		}
	}
	if keyed {
		err = d.readKeyed(t, vars, nStub, cells, symbols)
	} else {
		err = d.readDense(t, cells, dims, symbols)
	}
	if err != nil {
		return nil, err
	}
	t.Notes = d.notes
	if err := t.Validate(); err != nil {
		return nil, d.errAt(dataStmt.line, 0, "DATA", err)
	}
	return t, nil
}

// decodeText settles the character set and turns every header string into
// UTF-8.
func (d *decoder) decodeText() error {
	var charset, codepage string
	for _, st := range d.stmts {
		if st.lang != "" || len(st.args) > 0 || len(st.toks) == 0 {
			continue
		}
		switch st.kw {
		case "CHARSET":
			charset = strings.ToUpper(strings.TrimSpace(st.toks[0].text))
		case "CODEPAGE":
			codepage = strings.ToLower(strings.TrimSpace(st.toks[0].text))
		}
	}
	declared := ""
	switch {
	case d.s.bom:
		d.utf8 = true
	case codepage != "":
		switch strings.ReplaceAll(strings.ReplaceAll(codepage, "_", "-"), " ", "") {
		case "utf-8", "utf8":
			d.utf8 = true
		case "iso-8859-1", "iso8859-1", "latin1", "latin-1":
			d.cm = charmap.ISO8859_1
		case "windows-1252", "cp1252", "ansi":
			d.cm = charmap.Windows1252
		case "iso-8859-15", "iso8859-15", "latin9", "latin-9":
			d.cm = charmap.ISO8859_15
		case "ibm850", "cp850", "850":
			d.cm = charmap.CodePage850
		case "ibm437", "cp437", "437":
			d.cm = charmap.CodePage437
		default:
			st := d.first("CODEPAGE")
			return d.errAt(st.line, st.col, "CODEPAGE", fmt.Errorf("%w: unknown CODEPAGE %q", ErrEncoding, codepage))
		}
		declared = "CODEPAGE=" + codepage
	case charset == "ANSI":
		d.cm = charmap.Windows1252
		declared = `CHARSET="ANSI"`
	default:
		d.cm = charmap.Windows1252
	}
	if d.cm != nil {
		// Text that is valid UTF-8 with non-ASCII letters is UTF-8 whatever
		// the header says: Windows-1252 text is practically never valid
		// UTF-8 (it would need pairs like "Ã¶").
		nonASCII, valid := false, true
		d.eachText(func(s *string, _ *stmt, _ *token) bool {
			if !isASCII(*s) {
				nonASCII = true
				if !utf8.ValidString(*s) {
					valid = false
					return false
				}
			}
			return true
		})
		if nonASCII && valid {
			d.utf8, d.cm = true, nil
			if declared != "" {
				d.notes = append(d.notes, fmt.Sprintf("the file declares %s but its text is UTF-8; read as UTF-8", declared))
			}
		}
	}
	var bad *ParseError
	d.eachText(func(s *string, st *stmt, tok *token) bool {
		t, ok := d.convert(*s)
		if !ok {
			line, col := st.line, st.col
			if tok != nil {
				line, col = tok.line, tok.col
			}
			bad = d.errAt(line, col, st.kw, fmt.Errorf("%w: %q is not valid UTF-8 (the file declares UTF-8)", ErrEncoding, strings.ToValidUTF8(*s, "\uFFFD")))
			return false
		}
		*s = t
		return true
	})
	if bad != nil {
		return bad
	}
	return nil
}

func (d *decoder) eachText(f func(s *string, st *stmt, tok *token) bool) {
	for _, st := range d.stmts {
		for i := range st.args {
			if !f(&st.args[i], st, nil) {
				return
			}
		}
		for i := range st.toks {
			if !f(&st.toks[i].text, st, &st.toks[i]) {
				return
			}
		}
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// convert turns raw bytes of the file's character set into UTF-8.
func (d *decoder) convert(s string) (string, bool) {
	if isASCII(s) {
		return s, true
	}
	if d.utf8 {
		return s, utf8.ValidString(s)
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x80 {
			b.WriteByte(c)
		} else {
			b.WriteRune(d.cm.DecodeByte(c))
		}
	}
	return b.String(), true
}

func key(kw, lang string, args ...string) string {
	return kw + "\x00" + lang + "\x00" + strings.Join(args, "\x00")
}

// structural keywords may not be given twice.
var structural = map[string]bool{
	"STUB": true, "HEADING": true, "VALUES": true, "CODES": true, "KEYS": true,
	"TIMEVAL": true, "LANGUAGE": true, "LANGUAGES": true, "CONTVARIABLE": true,
	"CHARSET": true, "CODEPAGE": true,
}

func (d *decoder) buildIndex() error {
	for _, st := range d.stmts {
		if st.kw == "LANGUAGE" && st.lang == "" && len(st.toks) > 0 {
			d.main = st.toks[0].text
		}
	}
	var langs []string
	if st := d.first("LANGUAGES"); st != nil {
		langs = d.strList(st)
	}
	if d.main == "" && len(langs) > 0 {
		d.main = langs[0]
	}
	d.lang = d.main
	if l := d.opts.Language; l != "" && !strings.EqualFold(l, d.main) {
		found := false
		for _, x := range langs {
			if strings.EqualFold(x, l) {
				found, d.lang = true, x
			}
		}
		if !found {
			have := append([]string{d.main}, langs...)
			if d.main == "" {
				have = langs
			}
			return d.errAt(0, 0, "LANGUAGES", fmt.Errorf("%w: %q (the file has %s)", ErrLanguage, l, quoteList(have)))
		}
	}
	d.index = make(map[string]*stmt, len(d.stmts))
	for _, st := range d.stmts {
		if st.lang != "" && strings.EqualFold(st.lang, d.main) {
			st.lang = ""
		}
		k := key(st.kw, st.lang, st.args...)
		if prev, dup := d.index[k]; dup {
			if structural[st.kw] {
				return d.errAt(st.line, st.col, st.name(), fmt.Errorf("%w (first on line %d)", ErrDuplicateKeyword, prev.line))
			}
			continue
		}
		d.index[k] = st
	}
	return nil
}

func quoteList(xs []string) string {
	if len(xs) == 0 {
		return "no LANGUAGES"
	}
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, ", ")
}

// first returns the first statement with the keyword (any language, any
// arguments), or nil.
func (d *decoder) first(kw string) *stmt {
	for _, st := range d.stmts {
		if st.kw == kw && st.lang == "" && len(st.args) == 0 {
			return st
		}
	}
	return nil
}

// get finds KEYWORD[lang](args).
func (d *decoder) get(kw, lang string, args ...string) *stmt {
	if lang == d.main {
		lang = ""
	}
	return d.index[key(kw, lang, args...)]
}

// getL finds a keyword in the language read, falling back on the main
// language (with the variable arguments in the main language).
func (d *decoder) getL(kw string, argsL, args []string) *stmt {
	if st := d.get(kw, d.lang, argsL...); st != nil {
		return st
	}
	return d.get(kw, "", args...)
}

// text is the joined string value of a table-level keyword in the language
// read (falling back on the main language).
func (d *decoder) text(kw string) string {
	st := d.getL(kw, nil, nil)
	if st == nil {
		return ""
	}
	return strings.Join(d.strList(st), " ")
}

// strList returns the strings and words of a value list, skipping commas.
func (d *decoder) strList(st *stmt) []string {
	out := make([]string, 0, len(st.toks))
	for _, t := range st.toks {
		if t.kind != tokPunct {
			out = append(out, t.text)
		}
	}
	return out
}

// list reads a comma-separated list of strings (VALUES, CODES, STUB).
func (d *decoder) list(st *stmt) ([]string, error) {
	out := make([]string, 0, len(st.toks)/2+1)
	want := true
	for _, t := range st.toks {
		if want {
			if t.kind == tokPunct {
				return nil, d.errAt(t.line, t.col, st.name(), fmt.Errorf("%w: expected a quoted text, found %q", ErrSyntax, t.text))
			}
			out = append(out, t.text)
		} else if t.text != "," {
			return nil, d.errAt(t.line, t.col, st.name(), fmt.Errorf("%w: expected a comma between texts, found %q", ErrSyntax, t.text))
		}
		want = !want
	}
	if want && len(out) > 0 {
		t := st.toks[len(st.toks)-1]
		return nil, d.errAt(t.line, t.col, st.name(), fmt.Errorf("%w: the list ends with a comma", ErrSyntax))
	}
	return out, nil
}

var timeUnits = map[string]bool{"A1": true, "H1": true, "Q1": true, "M1": true, "W1": true}

// checkTimeval checks TIMEVAL("x")=TLIST(A1),"2003",... or
// TLIST(A1,"1994"-"1996").
func (d *decoder) checkTimeval(st *stmt) error {
	bad := func(t token, what string) error {
		return d.errAt(t.line, t.col, st.name(), fmt.Errorf("%w: %s", ErrTimeval, what))
	}
	toks := st.toks
	if len(toks) < 4 || !strings.EqualFold(toks[0].text, "TLIST") || toks[1].text != "(" {
		if len(toks) == 0 {
			return d.errAt(st.line, st.col, st.name(), fmt.Errorf("%w: empty", ErrTimeval))
		}
		return bad(toks[0], "expected TLIST(unit)")
	}
	if !timeUnits[strings.ToUpper(toks[2].text)] {
		return bad(toks[2], fmt.Sprintf("unknown time unit %q (want A1, H1, Q1, M1 or W1)", toks[2].text))
	}
	for _, t := range toks[3:] {
		if t.text == ")" {
			return nil
		}
	}
	return bad(toks[len(toks)-1], "TLIST( is not closed")
}

// variables builds the dimensions from STUB, HEADING, VALUES and CODES.
func (d *decoder) variables(data *stmt) ([]*variable, int, error) {
	stubSt, headSt := d.get("STUB", ""), d.get("HEADING", "")
	if stubSt == nil && headSt == nil {
		return nil, 0, d.errAt(data.line, data.col, "DATA", ErrDataBeforeHeader)
	}
	names := func(kw string, st *stmt) ([]string, []string, error) {
		if st == nil {
			return nil, nil, nil
		}
		main, err := d.list(st)
		if err != nil {
			return nil, nil, err
		}
		loc := main
		if stL := d.get(kw, d.lang); stL != nil && stL != st {
			if loc, err = d.list(stL); err != nil {
				return nil, nil, err
			}
			if len(loc) != len(main) {
				return nil, nil, d.errAt(stL.line, stL.col, stL.name(), fmt.Errorf("%w: %d variables, but %s has %d", ErrSyntax, len(loc), kw, len(main)))
			}
		}
		return main, loc, nil
	}
	stub, stubL, err := names("STUB", stubSt)
	if err != nil {
		return nil, 0, err
	}
	head, headL, err := names("HEADING", headSt)
	if err != nil {
		return nil, 0, err
	}
	all, allL := append(append([]string{}, stub...), head...), append(append([]string{}, stubL...), headL...)
	if len(all) == 0 {
		return nil, 0, d.errAt(data.line, data.col, "DATA", ErrDataBeforeHeader)
	}
	seen := map[string]bool{}
	for _, n := range all {
		if seen[n] {
			st := stubSt
			if st == nil {
				st = headSt
			}
			return nil, 0, d.errAt(st.line, st.col, "STUB/HEADING", fmt.Errorf("%w: %q", ErrDuplicateVariable, n))
		}
		seen[n] = true
	}
	contSt := d.getL("CONTVARIABLE", nil, nil)
	cont := ""
	if contSt != nil && len(contSt.toks) > 0 {
		cont = contSt.toks[0].text
	}
	cells := 1
	vars := make([]*variable, len(all))
	for i, name := range all {
		nameL := allL[i]
		v := &variable{name: name, nameL: nameL}
		valSt := d.get("VALUES", "", name)
		if valSt == nil {
			kwSt := stubSt
			if i >= len(stub) {
				kwSt = headSt
			}
			return nil, 0, d.errAt(kwSt.line, kwSt.col, fmt.Sprintf("VALUES(%q)", name), ErrNoValues)
		}
		if v.values, err = d.list(valSt); err != nil {
			return nil, 0, err
		}
		if len(v.values) == 0 {
			return nil, 0, d.errAt(valSt.line, valSt.col, valSt.name(), fmt.Errorf("%w: the list is empty", ErrNoValues))
		}
		labels := v.values
		if stL := d.get("VALUES", d.lang, nameL); stL != nil && stL != valSt {
			if labels, err = d.list(stL); err != nil {
				return nil, 0, err
			}
			if len(labels) != len(v.values) {
				return nil, 0, d.errAt(stL.line, stL.col, stL.name(), fmt.Errorf("%w: %d values, but VALUES(%q) has %d", ErrCodes, len(labels), name, len(v.values)))
			}
		}
		codes, codeSt := labels, d.getL("CODES", []string{nameL}, []string{name})
		kwCodes := "VALUES"
		if codeSt != nil {
			if codes, err = d.list(codeSt); err != nil {
				return nil, 0, err
			}
			if len(codes) != len(labels) {
				return nil, 0, d.errAt(codeSt.line, codeSt.col, codeSt.name(), fmt.Errorf("%w: %d codes for %d values", ErrCodes, len(codes), len(labels)))
			}
			kwCodes = "CODES"
		}
		if cells > d.opts.MaxCells/len(codes) {
			return nil, 0, d.errAt(data.line, data.col, "DATA", fmt.Errorf("%w: the variables span more than %d cells", ErrTooLarge, d.opts.MaxCells))
		}
		cells *= len(codes)
		dim := cube.Dimension{Code: name, Label: nameL, Values: make([]cube.Value, len(codes))}
		idx := make(map[string]int, len(codes))
		for j, c := range codes {
			if k, dup := idx[c]; dup {
				st := codeSt
				if st == nil {
					st = d.getL("VALUES", []string{nameL}, []string{name})
				}
				return nil, 0, d.errAt(st.line, st.col, st.name(), fmt.Errorf("%w: %q is both value %d and value %d (%s)", ErrDuplicateCode, c, k+1, j+1, kwCodes))
			}
			idx[c] = j
			dim.Values[j] = cube.Value{Code: c, Label: labels[j]}
		}
		if st := d.getL("VARIABLE-CODE", []string{nameL}, []string{name}); st != nil && len(st.toks) > 0 && st.toks[0].text != "" {
			dim.Code = st.toks[0].text
		}
		switch {
		case d.getL("TIMEVAL", []string{nameL}, []string{name}) != nil:
			if err := d.checkTimeval(d.getL("TIMEVAL", []string{nameL}, []string{name})); err != nil {
				return nil, 0, err
			}
			dim.Role = cube.RoleTime
		case isVarType(d.getL("VARIABLE-TYPE", []string{nameL}, []string{name}), "time"):
			dim.Role = cube.RoleTime
		case cont != "" && (cont == nameL || cont == name):
			dim.Role = cube.RoleMetric
		case d.getL("MAP", []string{nameL}, []string{name}) != nil || isVarType(d.getL("VARIABLE-TYPE", []string{nameL}, []string{name}), "geographical") || geoName(name):
			dim.Role = cube.RoleGeo
		}
		for _, prev := range vars[:i] {
			if prev.dim.Code == dim.Code {
				st := d.getL("VARIABLE-CODE", []string{nameL}, []string{name})
				if st == nil {
					st = valSt
				}
				return nil, 0, d.errAt(st.line, st.col, st.name(), fmt.Errorf("%w: two variables have the code %q", ErrDuplicateVariable, dim.Code))
			}
		}
		v.dim = dim
		if i < len(stub) {
			if st := d.get("KEYS", "", name); st != nil {
				if len(st.toks) != 1 || !(strings.EqualFold(st.toks[0].text, "VALUES") || strings.EqualFold(st.toks[0].text, "CODES")) {
					return nil, 0, d.errAt(st.line, st.col, st.name(), fmt.Errorf("%w: KEYS must be VALUES or CODES", ErrSyntax))
				}
				v.keys = strings.ToUpper(st.toks[0].text)
			}
		} else if st := d.get("KEYS", "", name); st != nil {
			return nil, 0, d.errAt(st.line, st.col, st.name(), fmt.Errorf("%w: KEYS is for STUB variables; %q is in HEADING", ErrSyntax, name))
		}
		vars[i] = v
	}
	return vars, len(stub), nil
}

func isVarType(st *stmt, want string) bool {
	return st != nil && len(st.toks) > 0 && strings.EqualFold(st.toks[0].text, want)
}

func geoName(name string) bool {
	switch strings.ToLower(name) {
	case "region", "län", "lan", "kommun", "county", "municipality":
		return true
	}
	return false
}

// updated is LAST-UPDATED, or the latest of the per-content LAST-UPDATED.
func (d *decoder) updated() string {
	if u := d.text("LAST-UPDATED"); u != "" {
		return u
	}
	latest := ""
	for _, st := range d.stmts {
		if st.kw == "LAST-UPDATED" && len(st.args) > 0 && (st.lang == "" || st.lang == d.lang) && len(st.toks) > 0 {
			if u := st.toks[0].text; u > latest {
				latest = u
			}
		}
	}
	return latest
}

// dotCodes are the symbols PX writes in DATA for a cell without a number,
// with the keyword that names how each is shown.
var dotCodes = []struct{ code, kw string }{
	{".", "DATASYMBOL1"},
	{"..", "DATASYMBOL2"},
	{"...", "DATASYMBOL3"},
	{"....", "DATASYMBOL4"},
	{".....", "DATASYMBOL5"},
	{"......", "DATASYMBOL6"},
	{"-", "DATASYMBOLNIL"},
}

// symbols returns the status to store for each dot code and notes the
// file's symbol texts.
func (d *decoder) symbols() map[string]string {
	m := make(map[string]string, len(dotCodes))
	for _, dc := range dotCodes {
		m[dc.code] = dc.code
		if txt := d.text(dc.kw); txt != "" {
			d.notes = append(d.notes, fmt.Sprintf("%s: %q is shown as %q", dc.kw, dc.code, txt))
			if d.opts.DataSymbols {
				m[dc.code] = txt
			}
		}
	}
	if txt := d.text("DATASYMBOLSUM"); txt != "" {
		d.notes = append(d.notes, fmt.Sprintf("DATASYMBOLSUM: a sum of cells with different symbols is shown as %q", txt))
	}
	return m
}

// collectNotes keeps NOTEX, NOTE, VALUENOTEX, VALUENOTE, CELLNOTEX and
// CELLNOTE of the language read, in file order.
func (d *decoder) collectNotes() {
	for _, st := range d.stmts {
		switch st.kw {
		case "NOTEX", "NOTE", "VALUENOTEX", "VALUENOTE", "CELLNOTEX", "CELLNOTE":
		default:
			continue
		}
		if !(st.lang == "" && d.lang == d.main || st.lang != "" && st.lang == d.lang) {
			continue
		}
		txt := strings.Join(d.strList(st), " ")
		if txt == "" {
			continue
		}
		switch {
		case len(st.args) == 0:
		case st.kw == "NOTE" || st.kw == "NOTEX":
			txt = st.args[0] + ": " + txt
		case st.kw == "VALUENOTE" || st.kw == "VALUENOTEX":
			txt = strings.Join(st.args, ", ") + ": " + txt
		default:
			txt = "cell (" + strings.Join(st.args, ", ") + "): " + txt
		}
		d.notes = append(d.notes, txt)
	}
}
