package px

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lmi/ingest/cube"
)

// realDir is where the real PX files are, beside the repository.
const realDir = "../../../shared/data/scb/px"

func needReal(t testing.TB) {
	t.Helper()
	if _, err := os.Stat("../../../shared/data"); err != nil {
		t.Skipf("the shared reference data (../shared/data beside the repository) is absent: %v", err)
	}
}

// cell returns the number and status of the cell with these value codes,
// one per dimension in order.
func cell(t *testing.T, tb *cube.Table, codes ...string) (float64, string) {
	t.Helper()
	if len(codes) != len(tb.Dimensions) {
		t.Fatalf("%d codes for %d dimensions", len(codes), len(tb.Dimensions))
	}
	idx := make([]int, len(codes))
	for i, c := range codes {
		j, ok := tb.Dimensions[i].Index(c)
		if !ok {
			t.Fatalf("dimension %s has no code %q", tb.Dimensions[i].Code, c)
		}
		idx[i] = j
	}
	off := tb.Offset(idx)
	return tb.Values[off], tb.Status[off]
}

type dimWant struct {
	code, label string
	role        cube.Role
	n           int
	labels      map[string]string // code -> label, for some values
}

type cellWant struct {
	codes  []string
	value  float64
	status string
}

type fileCase struct {
	file                             string
	opts                             Options
	id, title, source, updated, lang string
	dims                             []dimWant
	cells                            []cellWant
	notes                            []string // each must be one of the notes, or a prefix of one
}

func n(codes ...string) []string { return codes }

func TestRealFiles(t *testing.T) {
	needReal(t)
	cases := []fileCase{
		{
			file: "BE0101F1pnosymbol.px", id: "BE0101F1",
			title:  "Inmigrated by region, age, period and sex",
			source: "Statistics Sweden", updated: "20040212 16:28", lang: "en",
			dims: []dimWant{
				{"region", "region", cube.RoleGeo, 4, map[string]string{"00": "00 Sweden", "0114": "0114 Upplands Väsby"}},
				{"age", "age", "", 3, map[string]string{"20": "20"}},
				{"period", "period", cube.RoleTime, 1, nil},
				{"sex", "sex", "", 2, map[string]string{"1": "men", "2": "women"}},
			},
			cells: []cellWant{
				{n("00", "20", "2003", "1"), 456, ""},
				{n("00", "20", "2003", "2"), math.NaN(), "."},
				{n("00", "21", "2003", "2"), math.NaN(), ".."},
				{n("01", "20", "2003", "2"), math.NaN(), "...."},
				{n("01", "22", "2003", "2"), math.NaN(), "......"},
				{n("0114", "20", "2003", "1"), 14, ""},
				{n("0115", "22", "2003", "2"), 23, ""},
			},
			notes: []string{
				"Mandatory English note",
				"region: Since 1 January 1999, a new regional division has been established. Parts of Södertälje municipality (code 0181) have formed a new municipality called Nykvarn (code 0140).",
				"region, 00 Sweden: Request value note for Sweden",
			},
		},
		{
			file: "BE0101F1nildotsymbols.px", id: "BE0101F1",
			title: "Migration by region, age, period, type and sex", updated: "20040212 16:28",
			dims: []dimWant{
				{"region", "region", cube.RoleGeo, 4, nil},
				{"age", "age", "", 3, nil},
				{"period", "period", cube.RoleTime, 1, nil},
				{"type", "type", cube.RoleMetric, 2, map[string]string{"BE0101F1": "Inmigrated", "BE0101F2": "Outmigrated"}},
				{"sex", "sex", "", 2, nil},
			},
			cells: []cellWant{
				{n("00", "20", "2003", "BE0101F1", "1"), math.NaN(), "-"},
				{n("00", "20", "2003", "BE0101F2", "2"), math.NaN(), "..."},
				{n("00", "21", "2003", "BE0101F1", "1"), 0, ""},
				{n("00", "22", "2003", "BE0101F1", "2"), math.NaN(), "-"},
				{n("01", "20", "2003", "BE0101F2", "2"), math.NaN(), "...."},
				{n("01", "22", "2003", "BE0101F1", "2"), math.NaN(), "......"},
				{n("0114", "20", "2003", "BE0101F2", "2"), 43, ""},
				{n("0115", "22", "2003", "BE0101F2", "2"), 35, ""},
			},
			notes: []string{
				`DATASYMBOL1: "." is shown as "n.a."`,
				`DATASYMBOLNIL: "-" is shown as "nothing"`,
				"type, Inmigrated: Migration cannot be added with regard to regions. When, for instance, municipalities are added",
			},
		},
		{
			// The same file read with the file's own symbol texts.
			file: "BE0101F1nildotsymbols.px", opts: Options{DataSymbols: true}, id: "BE0101F1",
			cells: []cellWant{
				{n("00", "20", "2003", "BE0101F1", "1"), math.NaN(), "nothing"},
				{n("00", "20", "2003", "BE0101F1", "2"), math.NaN(), "n.a."},
				{n("00", "20", "2003", "BE0101F2", "1"), math.NaN(), "unknown"},
				{n("00", "20", "2003", "BE0101F2", "2"), math.NaN(), "hidden"},
				{n("01", "20", "2003", "BE0101F2", "2"), math.NaN(), "secret"},
				{n("01", "22", "2003", "BE0101F1", "2"), math.NaN(), "not used"},
				{n("0114", "20", "2003", "BE0101F1", "2"), math.NaN(), "nothing"},
				{n("0114", "21", "2003", "BE0101F1", "1"), 21, ""},
			},
		},
		{
			file: "BE0101F1allKeywords.px", id: "matrix",
			title:  "Contentstext by var1stub, var2stub, var3head, var4head and var5head",
			source: "Source name", updated: "20040212 16:28", lang: "en",
			dims: []dimWant{
				{"var1stub", "var1stub", cube.RoleGeo, 4, map[string]string{"11": "var1val1"}}, // MAP("var1stub")
				{"var2stub", "var2stub", "", 3, nil},
				{"var3head", "var3head", cube.RoleTime, 1, map[string]string{"2003": "2003"}}, // no CODES: values are codes
				{"var4head", "var4head", cube.RoleMetric, 2, nil},
				{"var5head", "var5head", "", 2, nil},
			},
			cells: []cellWant{
				{n("11", "21", "2003", "41", "51"), 456, ""},
				{n("11", "21", "2003", "41", "52"), math.NaN(), "."},
				{n("12", "23", "2003", "41", "52"), math.NaN(), "......"},
				{n("13", "21", "2003", "41", "52"), math.NaN(), "-"},
				{n("14", "23", "2003", "42", "52"), 35, ""},
			},
			notes: []string{
				`DATASYMBOLSUM: a sum of cells with different symbols is shown as "sum"`,
				"Optional table note",
				"cell (*, var2val1, *, var4val1, *): Mandatory cellnote for variable 2 value 1 and variable 4 value 1",
			},
		},
		{
			// KEYS("region")=VALUES, KEYS("age")=VALUES: each row starts
			// with its keys.
			file: "BE0101F1symbnotkeys.px", id: "BE0101F1", updated: "20040212 16:28",
			dims: []dimWant{
				{"region", "region", cube.RoleGeo, 4, nil},
				{"age", "age", "", 3, nil},
				{"period", "period", cube.RoleTime, 1, nil},
				{"type", "type", cube.RoleMetric, 2, nil},
				{"sex", "sex", "", 2, nil},
			},
			cells: []cellWant{
				{n("00", "20", "2003", "BE0101F1", "1"), 456, ""},
				{n("00", "20", "2003", "BE0101F1", "2"), math.NaN(), "."},
				{n("01", "21", "2003", "BE0101F1", "2"), math.NaN(), "....."},
				{n("0114", "20", "2003", "BE0101F1", "2"), 38, ""},
				{n("0114", "22", "2003", "BE0101F2", "1"), 34, ""},
				{n("0115", "22", "2003", "BE0101F2", "2"), 35, ""},
			},
		},
		{
			file: "BE0101F1langensvfiolikacelln.px", id: "BE0101F1",
			title: "Migration by region, age, period, type and sex", source: "Statistics Sweden", lang: "en",
			dims: []dimWant{
				{"region", "region", cube.RoleGeo, 4, map[string]string{"00": "00 Sweden", "01": "01 Stockholm county"}},
				{"age", "age", "", 3, nil},
				{"period", "period", cube.RoleTime, 1, nil},
				{"type", "type", cube.RoleMetric, 2, map[string]string{"BE0101F1": "Inmigrated"}},
				{"sex", "sex", "", 2, map[string]string{"1": "men"}},
			},
			cells: []cellWant{
				{n("01", "22", "2003", "BE0101F1", "1"), 924, ""},
				{n("01", "22", "2003", "BE0101F1", "2"), 1273, ""},
				{n("00", "20", "2003", "BE0101F1", "2"), 938, ""},
				{n("0115", "22", "2003", "BE0101F2", "2"), 35, ""},
				{n("0114", "21", "2003", "BE0101F2", "1"), 34, ""},
			},
			notes: []string{"Test English note", "cell (*, 20, *, Inmigrated, *): Cellnote inmigrated 20 years"},
		},
		{
			// The Swedish variant of the same file: labels, titles and
			// notes change; codes and cells do not.
			file: "BE0101F1langensvfiolikacelln.px", opts: Options{Language: "sv"}, id: "BE0101F1",
			title: "Flyttningar efter region, ålder, tid, typ och kön", source: "Statistiska centralbyrån (SCB)",
			updated: "20040212 16:28", lang: "sv",
			dims: []dimWant{
				{"region", "region", cube.RoleGeo, 4, map[string]string{"00": "00 Riket", "01": "01 Stockholms län", "0114": "0114 Upplands Väsby"}},
				{"age", "ålder", "", 3, nil},
				{"period", "tid", cube.RoleTime, 1, nil},
				{"type", "typ", cube.RoleMetric, 2, map[string]string{"BE0101F1": "Inflyttade", "BE0101F2": "Utflyttade"}},
				{"sex", "kön", "", 2, map[string]string{"1": "män", "2": "kvinnor"}},
			},
			cells: []cellWant{
				{n("01", "22", "2003", "BE0101F1", "1"), 924, ""},
				{n("01", "22", "2003", "BE0101F1", "2"), 1273, ""},
				{n("0115", "22", "2003", "BE0101F2", "2"), 35, ""},
			},
			notes: []string{"Test svensk not", "ålder: Obligatorisk fotnot för ålder.", "cell (*, 20, *, Utflyttade, *): Cellnot för utflyttade 20 år."},
		},
		{
			file: "BE0101F1langensvfiolikacelln.px", opts: Options{Language: "fi"}, lang: "fi",
			title: "Väestönmuutokset muuttujina kunta, ikä, aika, tyypi ja sukupuoli",
			dims: []dimWant{
				{"region", "kunta", cube.RoleGeo, 4, map[string]string{"00": "Ruotsi"}},
				{"age", "ikä", "", 3, nil},
				{"period", "aika", cube.RoleTime, 1, nil},
				{"type", "tyypi", cube.RoleMetric, 2, map[string]string{"BE0101F2": "Lähtömuutto"}},
				{"sex", "sukupuoli", "", 2, nil},
			},
		},
		{
			// Quarterly TLIST(Q1); a cp1252 0x85 ("…") in a note.
			file: "HA0201E8.px", id: "HA0201E8",
			// The file continues "…by Commodity" with "group SITC…" and
			// no space: continued strings are joined as they are.
			title:   "Volume of imports of goods, base year 2000=100, index by Commoditygroup SITC and period",
			updated: "20090604 09:58",
			dims: []dimWant{
				{"Commodity group SITC", "Commodity group SITC", "", 9, map[string]string{"0-9": "0-9 Total", "8+9": "8+9 Other manufactured articles"}},
				{"period", "period", cube.RoleTime, 13, map[string]string{"2006K1": "2006K1", "2009K1": "2009K1"}},
			},
			cells: []cellWant{
				{n("0+1", "2006K1"), 146, ""},
				{n("0+1", "2009K1"), 176, ""},
				{n("0-9", "2009K1"), 117, ""},
				{n("3", "2007K2"), 85, ""},
				{n("8+9", "2009K1"), 124, ""},
			},
			notes: []string{"Values are shown in thousands of Swedish krona (SEK) in current prices if nothing else is stated. Weights are shown in metric tons, for some goods other quatities are shown such as cubic meters or pieces. Secrecy in the database is marked with … For foreign trade"},
		},
		{
			// Monthly TLIST(M1), DECIMALS=2, no closing semicolon.
			file: "PR0101B3.px", id: "PR0101B3", updated: "20090708 12:44",
			dims: []dimWant{
				{"Product group", "Product group", "", 12, map[string]string{"01.1.3": "01.1.3 Fish"}},
				{"period", "period", cube.RoleTime, 27, nil},
			},
			cells: []cellWant{
				{n("01", "2006M10"), 240.25, ""},
				{n("01.1.3", "2007M01"), 335.77, ""},
				{n("01.1.6", "2007M04"), 238.60, ""},
				{n("01.2", "2008M12"), 182.84, ""},
				{n("01.2", "2006M10"), 172.88, ""},
			},
		},
		{
			// Realistic size; a non-ASCII code (ÄNKL).
			file: "BE0101A1.px", id: "BE0101A1",
			title:   "Population by region, marital status, age, sex and period",
			updated: "20060209 15:20",
			dims: []dimWant{
				{"region", "region", cube.RoleGeo, 21, map[string]string{"06": "06 Jönköping county", "05": "05 Östergötland county"}},
				{"marital status", "marital status", "", 4, map[string]string{"ÄNKL": "widowers/widows", "OG": "single"}},
				{"age", "age", "", 101, map[string]string{"100+": "100+"}},
				{"sex", "sex", "", 2, nil},
				{"period", "period", cube.RoleTime, 2, nil},
			},
			cells: []cellWant{
				{n("01", "OG", "0", "1", "2004"), 13201, ""},
				{n("01", "OG", "0", "1", "2005"), 13079, ""},
				{n("06", "ÄNKL", "80", "2", "2004"), 701, ""},
				{n("06", "ÄNKL", "80", "2", "2005"), 671, ""},
				{n("25", "SK", "100+", "2", "2005"), 0, ""},
			},
		},
		{
			// Swedish main language; quarters "2001K2" with TLIST(Q1)
			// "20012"; DECIMALS=5 kept as written; one value a line.
			file: "ENdecround1.px", id: "EN0106A1",
			title:  "Bränsleförbrukning, 1000 toe efter näringsgren SNI92, bränsletyp och tid",
			source: "Statens energimyndighet (STEM)", updated: "20020612 13:12", lang: "sv",
			dims: []dimWant{
				{"näringsgren SNI92", "näringsgren SNI92", "", 3, map[string]string{"15+16": "15+16 livsmedels-, dryckesvaru-, o tobaksind"}},
				{"bränsletyp", "bränsletyp", "", 3, map[string]string{"skol": "stenkol"}},
				{"tid", "tid", cube.RoleTime, 3, nil},
			},
			cells: []cellWant{
				{n("C+D", "EO1", "2001K2"), 57.15, ""},
				{n("C+D", "EO1", "2001K4"), 72.35, ""},
				{n("C", "EO1", "2001K2"), 12.15, ""},
				{n("C", "skol", "2001K2"), 10.00007, ""},
				{n("15+16", "EO2-5", "2001K4"), 28.00015, ""},
				{n("15+16", "skol", "2001K4"), math.NaN(), ".."},
			},
			notes: []string{"cell (*, stenkol, *): 1 ton = 0,65 toe"},
		},
	}
	for _, c := range cases {
		name := c.file
		if c.opts.Language != "" {
			name += "/" + c.opts.Language
		}
		if c.opts.DataSymbols {
			name += "/symbols"
		}
		t.Run(name, func(t *testing.T) {
			tb, err := DecodeFile(filepath.Join(realDir, c.file), c.opts)
			if err != nil {
				t.Fatal(err)
			}
			if err := tb.Validate(); err != nil {
				t.Fatal(err)
			}
			check := func(what, got, want string) {
				if want != "" && got != want {
					t.Errorf("%s = %q, want %q", what, got, want)
				}
			}
			check("ID", tb.ID, c.id)
			check("Title", tb.Title, c.title)
			check("Source", tb.Source, c.source)
			check("Updated", tb.Updated, c.updated)
			check("Language", tb.Language, c.lang)
			if c.dims != nil && len(tb.Dimensions) != len(c.dims) {
				t.Fatalf("%d dimensions, want %d", len(tb.Dimensions), len(c.dims))
			}
			for i, w := range c.dims {
				d := tb.Dimensions[i]
				if d.Code != w.code || d.Label != w.label || d.Role != w.role || len(d.Values) != w.n {
					t.Errorf("dimension %d = %q/%q role %q with %d values, want %q/%q role %q with %d", i, d.Code, d.Label, d.Role, len(d.Values), w.code, w.label, w.role, w.n)
				}
				for code, label := range w.labels {
					j, ok := d.Index(code)
					if !ok {
						t.Errorf("dimension %s: no code %q", d.Code, code)
					} else if d.Values[j].Label != label {
						t.Errorf("dimension %s: code %q has label %q, want %q", d.Code, code, d.Values[j].Label, label)
					}
				}
			}
			for _, w := range c.cells {
				v, st := cell(t, tb, w.codes...)
				if st != w.status || !(v == w.value || math.IsNaN(v) && math.IsNaN(w.value)) {
					t.Errorf("cell %v = %v %q, want %v %q", w.codes, v, st, w.value, w.status)
				}
			}
			for _, want := range c.notes {
				found := false
				for _, got := range tb.Notes {
					if strings.HasPrefix(got, want) {
						found = true
					}
				}
				if !found {
					t.Errorf("no note starting %q in %q", want, tb.Notes)
				}
			}
		})
	}
}

func TestUnknownLanguage(t *testing.T) {
	needReal(t)
	_, err := DecodeFile(filepath.Join(realDir, "BE0101F1langensvfiolikacelln.px"), Options{Language: "de"})
	if !errors.Is(err, ErrLanguage) {
		t.Fatalf("err = %v, want ErrLanguage", err)
	}
	if !strings.Contains(err.Error(), `"en", "sv", "fi"`) {
		t.Errorf("the message does not list the languages: %v", err)
	}
}

// A truncated file is an error wherever it is cut, until the cut reaches
// the last data value (the files need not end with a semicolon, so a cut
// inside the last number cannot be told from a shorter number).
func TestTruncatedRealFiles(t *testing.T) {
	needReal(t)
	files, err := filepath.Glob(filepath.Join(realDir, "*.px"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no px files: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		last := strings.LastIndexAny(strings.TrimRight(string(data), " \r\n;"), " \n\"") // start of the last value, roughly
		step := 1
		if len(data) > 5000 {
			step = len(data) / 300
		}
		for cut := 0; cut < len(data); cut += step {
			tb, err := Decode(strings.NewReader(string(data[:cut])), filepath.Base(f), Options{})
			if err == nil {
				if vErr := tb.Validate(); vErr != nil {
					t.Fatalf("%s cut at %d: %v", f, cut, vErr)
				}
				if cut < last {
					t.Fatalf("%s cut at %d of %d decoded without error", filepath.Base(f), cut, len(data))
				}
				continue
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("%s cut at %d: error is not a *ParseError: %v", f, cut, err)
			}
		}
	}
}
