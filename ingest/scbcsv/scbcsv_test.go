package scbcsv

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lmi/ingest/cube"
)

// realDir is where the real SCB CSV downloads are, beside the repository.
const realDir = "../../../shared/data/scb/csv_latin1"

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
	code   string
	role   cube.Role
	n      int
	labels map[string]string // code -> label, for some values
}

type cellWant struct {
	codes  []string
	value  float64
	status string
}

func n(codes ...string) []string { return codes }

func checkTable(t *testing.T, tb *cube.Table, dims []dimWant, cells []cellWant) {
	t.Helper()
	if err := tb.Validate(); err != nil {
		t.Fatal(err)
	}
	if dims != nil && len(tb.Dimensions) != len(dims) {
		var got []string
		for _, d := range tb.Dimensions {
			got = append(got, d.Code)
		}
		t.Fatalf("dimensions %q, want %d", got, len(dims))
	}
	for i, w := range dims {
		d := tb.Dimensions[i]
		if d.Code != w.code || d.Label != w.code || d.Role != w.role || len(d.Values) != w.n {
			t.Errorf("dimension %d = %q/%q role %q with %d values, want %q role %q with %d", i, d.Code, d.Label, d.Role, len(d.Values), w.code, w.role, w.n)
		}
		for code, label := range w.labels {
			j, ok := d.Index(code)
			if !ok {
				t.Errorf("dimension %s: no code %q (first %q)", d.Code, code, d.Values[0])
			} else if d.Values[j].Label != label {
				t.Errorf("dimension %s: code %q has label %q, want %q", d.Code, code, d.Values[j].Label, label)
			}
		}
	}
	for _, w := range cells {
		v, st := cell(t, tb, w.codes...)
		if st != w.status || !(v == w.value || math.IsNaN(v) && math.IsNaN(w.value)) {
			t.Errorf("cell %q = %v %q, want %v %q", w.codes, v, st, w.value, w.status)
		}
	}
}

func TestRealFiles(t *testing.T) {
	needReal(t)
	years := func(from, to int) map[string]string {
		m := map[string]string{}
		for y := from; y <= to; y++ {
			s := string(rune('0'+y/1000)) + string(rune('0'+y/100%10)) + string(rune('0'+y/10%10)) + string(rune('0'+y%10))
			m[s] = s
		}
		return m
	}
	cases := []struct {
		file  string
		dims  []dimWant
		cells []cellWant
	}{
		{
			// Pure ASCII; the totals row "0000 All" comes first and is kept;
			// many "..". The header's double space is kept as written.
			file: "00000031.csv",
			dims: []dimWant{
				{"occuptional  (SSYK 2012)", "", 151, map[string]string{"0000": "All", "011": "Commissioned armed forces officers", "0002": "occupations unidentifiable"}},
				{"age", "", 1, map[string]string{"total": "total"}},
				{"sex", "", 1, nil},
				{"period", cube.RoleTime, 5, years(2014, 2018)},
			},
			cells: []cellWant{
				{n("0000", "total", "total", "2014"), 39200, ""},
				{n("0000", "total", "total", "2018"), 42900, ""},
				{n("011", "total", "total", "2014"), math.NaN(), ".."},
				{n("111", "total", "total", "2015"), 54000, ""},
				{n("111", "total", "total", "2017"), math.NaN(), ".."},
				{n("111", "total", "total", "2018"), 50200, ""},
				{n("212", "total", "total", "2018"), 55200, ""},
				{n("0002", "total", "total", "2018"), 36000, ""},
			},
		},
		{
			// Latin-1 English labels; 21 län and "99 County unknown"; ages
			// "16-24 years" are not split (every label would be "years").
			file: "000000NK.csv",
			dims: []dimWant{
				{"region", cube.RoleGeo, 22, map[string]string{"06": "Jönköping county", "05": "Östergötland county", "99": "County unknown"}},
				{"occupation (SSYK 2012)", "", 1, map[string]string{"214": "Engineering professionals"}},
				{"age", "", 9, map[string]string{"16-24 years": "16-24 years", "60-64 years": "60-64 years"}},
				{"sex", "", 2, map[string]string{"men": "men", "women": "women"}},
				{"period", cube.RoleTime, 4, years(2014, 2017)},
			},
			cells: []cellWant{
				{n("06", "214", "16-24 years", "men", "2014"), 16, ""},
				{n("06", "214", "16-24 years", "men", "2017"), 11, ""},
				{n("06", "214", "25-29 years", "men", "2017"), 157, ""},
				{n("01", "214", "16-24 years", "women", "2017"), 58, ""},
				{n("99", "214", "25-29 years", "men", "2015"), 4, ""},
				{n("99", "214", "60-64 years", "women", "2014"), 0, ""},
			},
		},
		{
			file: "000000RM.csv",
			dims: []dimWant{
				{"region", cube.RoleGeo, 22, map[string]string{"09": "Gotland county"}},
				{"occupation (SSYK 2012)", "", 1, nil},
				{"sector", "", 1, map[string]string{"joint-stock corporations not controlled by the government sector": "joint-stock corporations not controlled by the government sector"}},
				{"sex", "", 2, nil},
				{"period", cube.RoleTime, 1, years(2017, 2017)},
			},
			cells: []cellWant{
				{n("01", "214", "joint-stock corporations not controlled by the government sector", "men", "2017"), 17071, ""},
				{n("06", "214", "joint-stock corporations not controlled by the government sector", "men", "2017"), 1427, ""},
				{n("06", "214", "joint-stock corporations not controlled by the government sector", "women", "2017"), 300, ""},
				{n("09", "214", "joint-stock corporations not controlled by the government sector", "women", "2017"), 5, ""},
				{n("05", "214", "joint-stock corporations not controlled by the government sector", "men", "2017"), 4960, ""},
			},
		},
		{
			// Swedish headers and labels in Latin-1; one year column.
			file: "UF0506A1.csv",
			dims: []dimWant{
				{"region", cube.RoleGeo, 21, map[string]string{"06": "Jönköpings län", "25": "Norrbottens län"}},
				{"ålder", "", 1, map[string]string{"totalt 16-74 år": "totalt 16-74 år"}},
				{"utbildningsnivå", "", 8, map[string]string{"förgymnasial utbildning, 9 (10) år": "förgymnasial utbildning, 9 (10) år"}},
				{"kön", "", 2, map[string]string{"män": "män", "kvinnor": "kvinnor"}},
				{"period", cube.RoleTime, 1, nil},
			},
			cells: []cellWant{
				{n("01", "totalt 16-74 år", "förgymnasial utbildning kortare än 9 år", "män", "2017"), 25559, ""},
				{n("01", "totalt 16-74 år", "förgymnasial utbildning, 9 (10) år", "kvinnor", "2017"), 87078, ""},
				{n("06", "totalt 16-74 år", "förgymnasial utbildning kortare än 9 år", "män", "2017"), 8619, ""},
				{n("06", "totalt 16-74 år", "förgymnasial utbildning, 9 (10) år", "män", "2017"), 21438, ""},
				{n("25", "totalt 16-74 år", "uppgift om utbildningsnivå saknas", "kvinnor", "2017"), 1334, ""},
			},
		},
		{
			// SCB utbildningsgrupp codes with letters ("55C").
			file: "AM0110D2.csv",
			dims: []dimWant{
				{"utbildningsgrupp SUN 2000", "", 5, map[string]string{"55C": "civilingenjörsutbildning; väg- ochvatten, byggnad, lantmäteri", "55G": "civilingenjörsutbildning; okändinriktning"}},
				{"kön", "", 1, map[string]string{"totalt": "totalt"}},
				{"period", cube.RoleTime, 14, years(2004, 2017)},
			},
			cells: []cellWant{
				{n("55C", "totalt", "2004"), 36700, ""},
				{n("55D", "totalt", "2010"), 48300, ""},
				{n("55E", "totalt", "2017"), 50000, ""},
				{n("55F", "totalt", "2013"), 47900, ""},
				{n("55G", "totalt", "2017"), 43000, ""},
			},
		},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			tb, err := DecodeFile(filepath.Join(realDir, c.file))
			if err != nil {
				t.Fatal(err)
			}
			id := strings.TrimSuffix(c.file, ".csv")
			if tb.ID != id || tb.Source != "SCB" || tb.Title != "" {
				t.Errorf("ID %q Source %q Title %q", tb.ID, tb.Source, tb.Title)
			}
			checkTable(t, tb, c.dims, c.cells)
		})
	}
}

// The same download saved in UTF-8 (with and without a byte order mark),
// with semicolons and decimal commas, or with a title line, decodes to the
// same table.
func TestRealFileVariants(t *testing.T) {
	needReal(t)
	raw, err := os.ReadFile(filepath.Join(realDir, "000000NK.csv"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := Decode(strings.NewReader(string(raw)), "000000NK.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	utf := latin1(string(raw))
	variants := map[string]string{
		"utf-8":     utf,
		"bom":       "\xef\xbb\xbf" + utf,
		"crlf":      strings.ReplaceAll(utf, "\n", "\r\n"),
		"semicolon": strings.ReplaceAll(utf, ",", ";"),
		"tab":       strings.ReplaceAll(strings.ReplaceAll(utf, ",", "\t"), `"`, ""),
		"title":     "\"Employees 16-64 years by region, occupation, age and sex\"\n\n" + string(raw),
	}
	for name, text := range variants {
		t.Run(name, func(t *testing.T) {
			got, err := Decode(strings.NewReader(text), "000000NK.csv", Options{})
			if err != nil {
				t.Fatal(err)
			}
			if name == "title" && got.Title != "Employees 16-64 years by region, occupation, age and sex" {
				t.Errorf("Title %q", got.Title)
			}
			got.Title = ""
			if err := sameTable(got, want); err != nil {
				t.Error(err)
			}
		})
	}
}

func sameTable(a, b *cube.Table) error {
	if len(a.Dimensions) != len(b.Dimensions) || len(a.Values) != len(b.Values) {
		return errors.New("shapes differ")
	}
	for i := range a.Dimensions {
		da, db := a.Dimensions[i], b.Dimensions[i]
		if da.Code != db.Code || da.Role != db.Role || len(da.Values) != len(db.Values) {
			return errors.New("dimension " + da.Code + " differs from " + db.Code)
		}
		for j := range da.Values {
			if da.Values[j] != db.Values[j] {
				return errors.New("value " + da.Values[j].Code + "/" + da.Values[j].Label + " differs from " + db.Values[j].Code + "/" + db.Values[j].Label)
			}
		}
	}
	for i := range a.Values {
		if a.Status[i] != b.Status[i] || !(a.Values[i] == b.Values[i] || math.IsNaN(a.Values[i]) && math.IsNaN(b.Values[i])) {
			return errors.New("cells differ")
		}
	}
	return nil
}
