package pxjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"lmi/ingest/cube"
)

// realDir holds 80 real PX-Web v1 json responses (see SOURCES.md in the
// shared data folder), relative to this package.
const realDir = "../../../shared/data/scb/pxweb_v1_json"

func realFiles(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(realDir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Skipf("../shared/data not present: the real SCB v1 responses cannot be decoded (%s: %v)", realDir, err)
	}
	return files
}

func decodeFile(t *testing.T, path string, meta *Metadata) *cube.Table {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tb, err := Decode(f, strings.TrimSuffix(filepath.Base(path), ".json"), meta)
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

// cell finds the cell of the given codes, one per dimension.
func cell(t *testing.T, tb *cube.Table, codes ...string) (float64, string) {
	t.Helper()
	idx := make([]int, len(codes))
	for i, c := range codes {
		j, ok := tb.Dimensions[i].Index(c)
		if !ok {
			t.Fatalf("%s: no %s=%s", tb.ID, tb.Dimensions[i].Code, c)
		}
		idx[i] = j
	}
	off := tb.Offset(idx)
	return tb.Values[off], tb.Status[off]
}

// TestRealResponses decodes every real response and checks each cell
// against the file, read independently with encoding/json.
func TestRealResponses(t *testing.T) {
	var cells, missing int
	for _, path := range realFiles(t) {
		tb := decodeFile(t, path, nil)
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var resp struct {
			Columns []struct{ Code, Text, Type string }
			Data    []struct{ Key, Values []string }
		}
		if err := json.Unmarshal(raw, &resp); err != nil {
			t.Fatal(err)
		}
		var contents []string
		for _, c := range resp.Columns {
			if c.Type == "c" {
				contents = append(contents, c.Code)
			}
		}
		metric := tb.Dimensions[len(tb.Dimensions)-1]
		if metric.Code != MetricCode || metric.Role != cube.RoleMetric || len(metric.Values) != len(contents) {
			t.Fatalf("%s: metric dimension %+v, want %d contents", tb.ID, metric, len(contents))
		}
		if tb.Len() != len(resp.Data)*len(contents) {
			t.Errorf("%s: %d cells for %d rows x %d contents (the real files are complete)", tb.ID, tb.Len(), len(resp.Data), len(contents))
		}
		if _, _, ok := tb.Dimension("Tid"); !ok || tb.Dimensions[len(tb.Dimensions)-2].Role != cube.RoleTime {
			t.Errorf("%s: Tid is not the time dimension", tb.ID)
		}
		if tb.Title == "" || tb.Updated == "" || tb.Source == "" {
			t.Errorf("%s: title %q updated %q source %q", tb.ID, tb.Title, tb.Updated, tb.Source)
		}
		for _, row := range resp.Data {
			for k, s := range row.Values {
				v, st := cell(t, tb, append(append([]string{}, row.Key...), contents[k])...)
				cells++
				if s == ".." {
					missing++
					if st != ".." || !math.IsNaN(v) {
						t.Fatalf("%s %v: got %v %q, want ..", tb.ID, row.Key, v, st)
					}
					continue
				}
				want, err := strconv.ParseFloat(s, 64)
				if err != nil || st != "" || v != want {
					t.Fatalf("%s %v: got %v %q, want %s", tb.ID, row.Key, v, st, s)
				}
			}
		}
	}
	// SOURCES.md counts 10,851 ".." in the 80 files.
	if missing != 10851 {
		t.Errorf("%d missing cells, SOURCES.md says 10,851", missing)
	}
	t.Logf("%d cells checked, %d missing", cells, missing)
}

func TestWageTableContents(t *testing.T) {
	realFiles(t)
	tb := decodeFile(t, filepath.Join(realDir, "LoneSpridSektorYrk4A_ssyk3334.json"), nil)
	if tb.Source != "Medlingsinstitutet" || tb.Updated != "2021-05-25T05:39:00Z" {
		t.Errorf("source %q updated %q", tb.Source, tb.Updated)
	}
	m := tb.Dimensions[len(tb.Dimensions)-1]
	want := []cube.Value{{Code: "000000C5", Label: "Månadslön"}, {Code: "000000C7", Label: "10:e percentilen"}, {Code: "000000CA", Label: "90:e percentilen"}}
	for i, w := range want {
		if m.Values[i] != w {
			t.Errorf("content %d = %+v, want %+v", i, m.Values[i], w)
		}
	}
	if v, st := cell(t, tb, "0", "3334", "1", "2018", "000000C7"); v != 29400 || st != "" {
		t.Errorf("P10 men 2018 = %v %q, want 29400", v, st)
	}
	if _, st := cell(t, tb, "0", "3334", "1", "2014", "000000C5"); st != cube.StatusMissing {
		t.Errorf("mean men 2014 status %q, want ..", st)
	}
	notes := strings.Join(tb.Notes, "\n")
	if !strings.Contains(notes, "000000C7: 10 procent av de anställda") || !strings.Contains(notes, "infofile: AM0110") {
		t.Errorf("notes lack the column comments or infofile:\n%s", notes)
	}
	// Codes without metadata are their own labels.
	if d, _, _ := tb.Dimension("Kon"); d.Values[2] != (cube.Value{Code: "1+2", Label: "1+2"}) {
		t.Errorf("Kon values %+v", d.Values)
	}
}

func TestMetadataLabelsAndOrder(t *testing.T) {
	realFiles(t)
	f, err := os.Open("testdata/YREG60_meta.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	meta, err := DecodeMetadata(f, "YREG60_meta.json")
	if err != nil {
		t.Fatal(err)
	}
	tb := decodeFile(t, filepath.Join(realDir, "YREG60_ssyk3334.json"), meta)
	region, _, _ := tb.Dimension("Region")
	if region.Role != cube.RoleGeo || len(region.Values) != 22 || region.Values[0] != (cube.Value{Code: "01", Label: "Stockholms län"}) {
		t.Errorf("Region: role %q, %d values, first %+v (Riket 00 is in the metadata but not the data, so not a value)", region.Role, len(region.Values), region.Values[0])
	}
	if d, _, _ := tb.Dimension("Yrke2012"); d.Values[0].Label != "Fastighetsmäklare" {
		t.Errorf("Yrke2012 label %+v", d.Values)
	}
	if m := tb.Dimensions[4]; m.Code != "ContentsCode" || m.Label != "tabellinnehåll" {
		t.Errorf("metric dimension %q %q", m.Code, m.Label)
	}
	if v, st := cell(t, tb, "01", "3334", "1", "2014", "000000RV"); v != 654 || st != "" {
		t.Errorf("Stockholm men 2014 = %v %q, want 654", v, st)
	}

	// Metadata order wins over the order of the rows.
	meta.Variables[2].Values = []string{"2", "1"}
	meta.Variables[2].ValueTexts = []string{"kvinnor", "män"}
	tb2 := decodeFile(t, filepath.Join(realDir, "YREG60_ssyk3334.json"), meta)
	kon, _, _ := tb2.Dimension("Kon")
	if kon.Values[0] != (cube.Value{Code: "2", Label: "kvinnor"}) {
		t.Errorf("Kon in metadata order: %+v", kon.Values)
	}
	for _, c := range []string{"01", "25", "99"} {
		for _, k := range []string{"1", "2"} {
			a, _ := cell(t, tb, c, "3334", k, "2017", "000000RV")
			b, _ := cell(t, tb2, c, "3334", k, "2017", "000000RV")
			if a != b {
				t.Errorf("%s %s: %v in row order, %v in metadata order", c, k, a, b)
			}
		}
	}
}

func TestBOMSparseAndSymbols(t *testing.T) {
	tb := decodeFile(t, "testdata/bom_sparse.json", nil)
	if tb.Len() != 2*2*2 {
		t.Fatalf("%d cells, want 8", tb.Len())
	}
	want := []struct {
		region, period, content string
		v                       float64
		status                  string
	}{
		{"25", "2024K2", "AM0401A1", 120.5, ""},
		{"25", "2024K2", "AM0401A2", math.NaN(), "-"},
		{"01", "2024K1", "AM0401A1", 1234, ""},
		{"01", "2024K1", "AM0401A2", math.NaN(), "..."},
		{"25", "2024K1", "AM0401A1", math.NaN(), ".."}, // null
		{"25", "2024K1", "AM0401A2", math.NaN(), ".."}, // ""
		{"01", "2024K2", "AM0401A1", math.NaN(), ".."}, // no row
	}
	for _, w := range want {
		v, st := cell(t, tb, w.region, w.period, w.content)
		if st != w.status || (w.status == "" && v != w.v) {
			t.Errorf("%s %s %s = %v %q, want %v %q", w.region, w.period, w.content, v, st, w.v, w.status)
		}
	}
	if got := strings.Join(tb.Notes, "|"); got != "infofile: AM0401|AM0401A2: Enligt ILO.|Region=25: Ny indelning 2020." {
		t.Errorf("notes %q", got)
	}
}

func TestErrors(t *testing.T) {
	good := `{"columns":[{"code":"Region","text":"region","type":"d"},{"code":"C1","text":"antal","type":"c"}],"data":[{"key":["01"],"values":["1"]}],"metadata":[]}`
	cases := []struct {
		name, in string
		want     error
		path     string
	}{
		{"empty", "", ErrEmpty, ""},
		{"bom only", "\xef\xbb\xbf  \n", ErrEmpty, ""},
		{"html", "<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head></html>", ErrHTML, ""},
		{"truncated", good[:len(good)/2], ErrTruncated, ""},
		{"syntax", `{"columns":[}`, ErrSyntax, ""},
		{"trailing", good + `{}`, ErrSyntax, ""},
		{"wrong type", `{"columns":"Region"}`, ErrShape, "columns"},
		{"no columns", `{"data":[]}`, ErrShape, "columns"},
		{"no content", `{"columns":[{"code":"Region","type":"d"}],"data":[{"key":["01"],"values":[]}]}`, ErrShape, "columns"},
		{"bad type", `{"columns":[{"code":"Region","type":"x"}]}`, ErrShape, "columns[0].type"},
		{"dup column", `{"columns":[{"code":"A","type":"d"},{"code":"A","type":"c"}]}`, ErrDuplicate, "columns[1]"},
		{"no data", `{"columns":[{"code":"A","type":"d"},{"code":"C","type":"c"}],"data":[]}`, ErrNoData, "data"},
		{"short key", strings.Replace(good, `"key":["01"]`, `"key":[]`, 1), ErrShape, "data[0].key"},
		{"long values", strings.Replace(good, `"values":["1"]`, `"values":["1","2"]`, 1), ErrShape, "data[0].values"},
		{"dup key", strings.Replace(good, `]}],"metadata"`, `]},{"key":["01"],"values":["2"]}],"metadata"`, 1), ErrDuplicate, "data[1].key"},
		{"bad value", strings.Replace(good, `"values":["1"]`, `"values":["12,5"]`, 1), ErrValue, "data[0].values[0]"},
		{"hex value", strings.Replace(good, `"values":["1"]`, `"values":["0x10"]`, 1), ErrValue, "data[0].values[0]"},
		{"inf value", strings.Replace(good, `"values":["1"]`, `"values":["1e999"]`, 1), ErrValue, "data[0].values[0]"},
		{"object value", strings.Replace(good, `"values":["1"]`, `"values":[{}]`, 1), ErrValue, "data[0].values[0]"},
		{"variable named ContentsCode", `{"columns":[{"code":"ContentsCode","type":"d"},{"code":"C","type":"c"}],"data":[{"key":["a"],"values":["1"]}]}`, ErrDuplicate, "columns"},
	}
	for _, c := range cases {
		_, err := Decode(strings.NewReader(c.in), "x.json", nil)
		var pe *ParseError
		if !errors.As(err, &pe) || !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want a *ParseError wrapping %v", c.name, err, c.want)
			continue
		}
		if pe.File != "x.json" || pe.Path != c.path {
			t.Errorf("%s: file %q path %q, want path %q (%v)", c.name, pe.File, pe.Path, c.path, err)
		}
		if !strings.HasPrefix(err.Error(), "pxjson: x.json: ") {
			t.Errorf("%s: message %q", c.name, err)
		}
	}
	if _, err := Decode(strings.NewReader(good), "ok", nil); err != nil {
		t.Errorf("good input: %v", err)
	}
	_, err := Decode(strings.NewReader("<html><title>Bad   Gateway</title>"), "x", nil)
	if err == nil || !strings.Contains(err.Error(), `"Bad Gateway"`) {
		t.Errorf("HTML error does not quote the page title: %v", err)
	}
	_, err = Decode(strings.NewReader(`{"columns":[{"code":"A","type":"d"}`), "x", nil)
	var pe *ParseError
	if errors.As(err, &pe) && pe.Offset <= 0 {
		t.Errorf("truncated input: offset %d", pe.Offset)
	}
}

func TestTooLarge(t *testing.T) {
	defer func(n int) { MaxCells = n }(MaxCells)
	MaxCells = 100
	var b bytes.Buffer
	b.WriteString(`{"columns":[{"code":"A","type":"d"},{"code":"B","type":"d"},{"code":"C","type":"c"}],"data":[`)
	for i := 0; i < 11; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`{"key":["` + strconv.Itoa(i) + `","` + strconv.Itoa(i) + `"],"values":["1"]}`)
	}
	b.WriteString(`]}`)
	if _, err := Decode(&b, "big", nil); !errors.Is(err, ErrTooLarge) {
		t.Errorf("11 x 11 cells with MaxCells 100: %v", err)
	}
}

func TestDecodeMetadataErrors(t *testing.T) {
	cases := []struct {
		in   string
		want error
	}{
		{`{"title":"t","variables":[]}`, ErrShape},
		{`{"variables":[{"code":"A","values":["1"]},{"code":"A","values":["2"]}]}`, ErrDuplicate},
		{`{"variables":[{"code":"A","values":["1","1"]}]}`, ErrDuplicate},
		{`{"variables":[{"code":"A","values":["1","2"],"valueTexts":["x"]}]}`, ErrShape},
		{`<html>`, ErrHTML},
	}
	for _, c := range cases {
		if _, err := DecodeMetadata(strings.NewReader(c.in), "m"); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.in, err, c.want)
		}
	}
	m, err := DecodeMetadata(strings.NewReader(`{"variables":[{"code":"A","values":["1"]}]}`), "m")
	if err != nil || m.Variables[0].ValueTexts[0] != "1" {
		t.Errorf("value texts default to codes: %+v %v", m, err)
	}
}
