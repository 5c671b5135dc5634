package jsonstat

import (
	"bytes"
	"errors"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"

	"lmi/ingest/cube"
)

func open(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func cell(t *testing.T, tb *cube.Table, codes ...string) (float64, string) {
	t.Helper()
	idx := make([]int, len(codes))
	for i, c := range codes {
		j, ok := tb.Dimensions[i].Index(c)
		if !ok {
			t.Fatalf("no %s=%s", tb.Dimensions[i].Code, c)
		}
		idx[i] = j
	}
	off := tb.Offset(idx)
	return tb.Values[off], tb.Status[off]
}

func TestDecodeData(t *testing.T) {
	tb, err := Decode(open(t, "testdata/TAB6369_data_sv.json"), "TAB6369_data_sv.json")
	if err != nil {
		t.Fatal(err)
	}
	if tb.ID != "TAB6369" || tb.Language != "sv" || tb.Source != "SCB" || tb.Updated != "2025-03-27T06:00:00Z" || !strings.HasPrefix(tb.Title, "Pendlare 16-74") {
		t.Errorf("table metadata: %q %q %q %q %q", tb.ID, tb.Language, tb.Source, tb.Updated, tb.Title)
	}
	wantDims := []struct {
		code  string
		role  cube.Role
		n     int
		first cube.Value
	}{
		{"Region", cube.RoleGeo, 3, cube.Value{Code: "00", Label: "Riket"}},
		{"Kon", cube.RoleNone, 3, cube.Value{Code: "1", Label: "män"}},
		{"ContentsCode", cube.RoleMetric, 2, cube.Value{Code: "000007FU", Label: "Utpendlare"}},
		{"Tid", cube.RoleTime, 2, cube.Value{Code: "2022", Label: "2022"}},
	}
	for i, w := range wantDims {
		d := tb.Dimensions[i]
		if d.Code != w.code || d.Role != w.role || len(d.Values) != w.n || d.Values[0] != w.first {
			t.Errorf("dimension %d: %s %q %d %+v", i, d.Code, d.Role, len(d.Values), d.Values[0])
		}
	}
	checks := []struct {
		codes  []string
		v      float64
		status string
	}{
		{[]string{"00", "1", "000007FU", "2022"}, 213200, ""},
		{[]string{"00", "1", "000007FV", "2022"}, math.NaN(), ".."},
		{[]string{"20", "2", "000007FV", "2023"}, 6997, ""},
		{[]string{"2080", "1+2", "000007FV", "2022"}, math.NaN(), ".."},
		{[]string{"2080", "1+2", "000007FV", "2023"}, 9937, ""},
	}
	for _, c := range checks {
		v, st := cell(t, tb, c.codes...)
		if st != c.status || (c.status == "" && v != c.v) {
			t.Errorf("%v = %v %q, want %v %q", c.codes, v, st, c.v, c.status)
		}
	}
	if notes := strings.Join(tb.Notes, "\n"); !strings.Contains(notes, "AGI") || !strings.Contains(notes, "ContentsCode: Pendlare räknas över regiongräns.") {
		t.Errorf("notes: %s", notes)
	}
}

func TestParseMetadata(t *testing.T) {
	ds, err := Parse(open(t, "testdata/TAB6369_metadata_sv.json"), "meta")
	if err != nil {
		t.Fatal(err)
	}
	if ds.Values != nil || ds.Len() != 7*3*2*5 {
		t.Errorf("metadata: values %v, %d cells", ds.Values != nil, ds.Len())
	}
	region, ok := ds.Dimension("Region")
	if !ok || !region.Elimination || len(region.Codelists) != 2 || region.Codelists[1] != (Codelist{ID: "agg_RegionFA2015", Label: "FA-regioner 2015", Type: "Aggregation"}) {
		t.Errorf("Region: %+v", region)
	}
	tid, _ := ds.Dimension("Tid")
	if tid.Elimination || tid.Role != cube.RoleTime || tid.Codes[4] != "2023" {
		t.Errorf("Tid: %+v", tid)
	}
	cc, _ := ds.Dimension("ContentsCode")
	if u := cc.Units["000007FU"]; u.Base != "antal" || u.Decimals == nil || *u.Decimals != 0 {
		t.Errorf("unit %+v", u)
	}
	if !ds.PX.OfficialStatistics || ds.PX.SubjectCode != "AM" || ds.ID != "TAB6369" {
		t.Errorf("px extension %+v id %q", ds.PX, ds.ID)
	}
	if _, err := ds.Table(); !errors.Is(err, ErrNoData) {
		t.Errorf("Table() of metadata: %v", err)
	}
	for _, v := range []string{`[]`, `null`} {
		raw, _ := os.ReadFile("testdata/TAB6369_metadata_sv.json")
		raw = bytes.Replace(raw, []byte(`"role":`), []byte(`"value":`+v+`,"role":`), 1)
		if ds, err := Parse(bytes.NewReader(raw), "m"); err != nil || ds.Values != nil {
			t.Errorf("metadata with value %s: %v", v, err)
		}
	}
}

func TestSpecForms(t *testing.T) {
	tb, err := Decode(open(t, "testdata/sparse_spec.json"), "sparse_spec.json")
	if err != nil {
		t.Fatal(err)
	}
	if tb.ID != "sparse_spec.json" {
		t.Errorf("ID %q: without extension.px.tableid the name given is the ID", tb.ID)
	}
	if d := tb.Dimensions[0]; d.Role != cube.RoleMetric || len(d.Values) != 1 || d.Values[0] != (cube.Value{Code: "000001S9", Label: "Lediga jobb"}) {
		t.Errorf("single category without index: %+v", d)
	}
	if d := tb.Dimensions[2]; d.Role != cube.RoleTime || d.Values[1] != (cube.Value{Code: "2024K2", Label: "2024K2"}) {
		t.Errorf("Tid without role or labels: %+v", d)
	}
	want := []struct {
		v      float64
		status string
	}{{51234, ""}, {49870, ""}, {0, ".."}, {0, ".."}, {0, "..."}, {12003.5, ""}}
	for i, w := range want {
		if tb.Status[i] != w.status || (w.status == "" && tb.Values[i] != w.v) || (w.status != "" && !math.IsNaN(tb.Values[i])) {
			t.Errorf("cell %d = %v %q, want %v %q", i, tb.Values[i], tb.Status[i], w.v, w.status)
		}
	}
	if len(tb.Notes) != 1 || !strings.Contains(tb.Notes[0], `1 cells have status "p"`) {
		t.Errorf("notes %q", tb.Notes)
	}
}

const tiny = `{"version":"2.0","class":"dataset","id":["A","B"],"size":[2,2],
"dimension":{"A":{"category":{"index":["a1","a2"]}},"B":{"category":{"index":{"b1":0,"b2":1}}}},
"value":[1,2,3,null]%s}`

func tinyWith(status string) string { return strings.Replace(tiny, "%s", status, 1) }

func TestStatusForms(t *testing.T) {
	cases := []struct {
		status string
		want   []string
	}{
		{``, []string{"", "", "", ".."}},
		{`,"status":".."`, []string{"", "", "", ".."}},
		{`,"status":"-"`, []string{"", "", "", "-"}},
		{`,"status":["..."]`, []string{"", "", "", "..."}},
		{`,"status":[null,null,null,"."]`, []string{"", "", "", "."}},
		{`,"status":{"3":"-"}`, []string{"", "", "", "-"}},
		{`,"status":null`, []string{"", "", "", ".."}},
	}
	for _, c := range cases {
		tb, err := Decode(strings.NewReader(tinyWith(c.status)), "tiny")
		if err != nil {
			t.Errorf("%s: %v", c.status, err)
			continue
		}
		if !reflect.DeepEqual(tb.Status, c.want) || tb.Values[2] != 3 {
			t.Errorf("%s: status %q values %v", c.status, tb.Status, tb.Values)
		}
	}
}

func TestErrors(t *testing.T) {
	cases := []struct {
		name, in string
		want     error
		path     string
	}{
		{"empty", "", ErrEmpty, ""},
		{"html", "\xef\xbb\xbf\n<html><head><title>Error</title></head><body>Service unavailable</body></html>", ErrHTML, ""},
		{"truncated", tinyWith("")[:60], ErrTruncated, ""},
		{"syntax", `{"version":"2.0",]`, ErrSyntax, ""},
		{"trailing", tinyWith("") + "x", ErrSyntax, ""},
		{"json-stat 1", `{"dataset":{"dimension":{}}}`, ErrVersion, "version"},
		{"version 3", strings.Replace(tinyWith(""), `"2.0"`, `"3.0"`, 1), ErrVersion, "version"},
		{"collection", strings.Replace(tinyWith(""), `"dataset"`, `"collection"`, 1), ErrVersion, "class"},
		{"problem details", `{"type":"https://tools.ietf.org/html/rfc9110#section-15.5.1","title":"Bad Request","status":400}`, ErrVersion, "version"},
		{"no ids", `{"version":"2.0","class":"dataset","id":[],"size":[]}`, ErrShape, "id"},
		{"id size", strings.Replace(tinyWith(""), `"size":[2,2]`, `"size":[2]`, 1), ErrShape, "size"},
		{"size wrong", strings.Replace(tinyWith(""), `"size":[2,2]`, `"size":[2,3]`, 1), ErrShape, "size[1]"},
		{"size negative", strings.Replace(tinyWith(""), `"size":[2,2]`, `"size":[2,-2]`, 1), ErrShape, "size[1]"},
		{"size type", strings.Replace(tinyWith(""), `"size":[2,2]`, `"size":["2",2]`, 1), ErrShape, "size"},
		{"dup id", strings.Replace(tinyWith(""), `"id":["A","B"]`, `"id":["A","A"]`, 1), ErrDuplicate, "id[1]"},
		{"missing dim", strings.Replace(tinyWith(""), `"id":["A","B"]`, `"id":["A","C"]`, 1), ErrShape, "dimension.C"},
		{"dup code", strings.Replace(tinyWith(""), `["a1","a2"]`, `["a1","a1"]`, 1), ErrDuplicate, "dimension.A"},
		{"dup position", strings.Replace(tinyWith(""), `{"b1":0,"b2":1}`, `{"b1":0,"b2":0}`, 1), ErrDuplicate, "dimension.B"},
		{"position out of range", strings.Replace(tinyWith(""), `{"b1":0,"b2":1}`, `{"b1":0,"b2":2}`, 1), ErrShape, "dimension.B"},
		{"index string", strings.Replace(tinyWith(""), `{"b1":0,"b2":1}`, `"b1"`, 1), ErrShape, "dimension.B"},
		{"no index", strings.Replace(tinyWith(""), `{"index":["a1","a2"]}`, `{"label":{"a1":"x","a2":"y"}}`, 1), ErrShape, "dimension.A"},
		{"stray label", strings.Replace(tinyWith(""), `{"index":["a1","a2"]}`, `{"index":["a1","a2"],"label":{"a3":"z"}}`, 1), ErrShape, "dimension.A"},
		{"role unknown", strings.Replace(tinyWith(""), `"id":`, `"role":{"time":["Tid"]},"id":`, 1), ErrShape, "role"},
		{"two roles", strings.Replace(tinyWith(""), `"id":`, `"role":{"time":["A"],"geo":["A"]},"id":`, 1), ErrShape, "role"},
		{"few values", strings.Replace(tinyWith(""), `[1,2,3,null]`, `[1,2,3]`, 1), ErrShape, "value"},
		{"bad value", strings.Replace(tinyWith(""), `[1,2,3,null]`, `[1,2,"3,5",null]`, 1), ErrValue, "value[2]"},
		{"bool value", strings.Replace(tinyWith(""), `[1,2,3,null]`, `[1,2,true,null]`, 1), ErrValue, "value[2]"},
		{"value key", strings.Replace(tinyWith(""), `[1,2,3,null]`, `{"4":1}`, 1), ErrShape, "value"},
		{"value key form", strings.Replace(tinyWith(""), `[1,2,3,null]`, `{"01":1}`, 1), ErrShape, "value"},
		{"value string", strings.Replace(tinyWith(""), `[1,2,3,null]`, `"1"`, 1), ErrShape, "value"},
		{"status count", tinyWith(`,"status":["a","b"]`), ErrShape, "status"},
		{"status key", tinyWith(`,"status":{"-1":"a"}`), ErrShape, "status"},
		{"status number", tinyWith(`,"status":5`), ErrShape, "status"},
		{"status without values", strings.Replace(tinyWith(`,"status":{"1":"a"}`), `"value":[1,2,3,null]`, `"value":[]`, 1), ErrShape, "status"},
	}
	for _, c := range cases {
		_, err := Decode(strings.NewReader(c.in), "x.json")
		var pe *ParseError
		if !errors.As(err, &pe) || !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want a *ParseError wrapping %v", c.name, err, c.want)
			continue
		}
		if pe.Path != c.path {
			t.Errorf("%s: path %q, want %q (%v)", c.name, pe.Path, c.path, err)
		}
		if !strings.HasPrefix(err.Error(), "jsonstat: x.json: ") {
			t.Errorf("%s: message %q", c.name, err)
		}
	}
	_, err := Decode(strings.NewReader(`{"version":"2.0","class":"dataset","id":["A"],"size":[1],"dimension":{"A":{"category":{"index":["a"]}}}}`), "meta")
	if !errors.Is(err, ErrNoData) {
		t.Errorf("Decode of a dataset without values: %v", err)
	}
}

func TestTooLarge(t *testing.T) {
	defer func(n int) { MaxCells = n }(MaxCells)
	MaxCells = 1000
	in := `{"version":"2.0","class":"dataset","id":["A","B"],"size":[40,40],"dimension":{` +
		`"A":{"category":{"index":[` + codes(40) + `]}},"B":{"category":{"index":[` + codes(40) + `]}}},"value":{}}`
	if _, err := Decode(strings.NewReader(in), "big"); !errors.Is(err, ErrTooLarge) {
		t.Errorf("1600 cells with MaxCells 1000: %v", err)
	}
}

func codes(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(`"c`)
		b.WriteString(strings.Repeat("x", i))
		b.WriteString(`"`)
	}
	return b.String()
}

func TestEncodeRoundTrip(t *testing.T) {
	for _, path := range []string{"testdata/TAB6369_data_sv.json", "testdata/sparse_spec.json"} {
		tb, err := Decode(open(t, path), path)
		if err != nil {
			t.Fatal(err)
		}
		var a, b bytes.Buffer
		if err := Encode(&a, tb); err != nil {
			t.Fatal(err)
		}
		back, err := Decode(bytes.NewReader(a.Bytes()), "encoded")
		if err != nil {
			t.Fatalf("%s: decoding the encoded table: %v\n%s", path, err, a.String())
		}
		if err := Encode(&b, back); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: encoding is not stable:\n%s\n%s", path, a.String(), b.String())
		}
		if !sameTable(tb, back) {
			t.Errorf("%s: round trip changed the table:\n%+v\n%+v", path, tb, back)
		}
	}
	// <, > and & stay as they are.
	tb := cube.New([]cube.Dimension{{Code: "A", Label: "a & b", Values: []cube.Value{{Code: "<5", Label: "under 5"}}}})
	tb.SetStatus(0, cube.StatusCensored)
	var buf bytes.Buffer
	if err := Encode(&buf, tb); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"a & b"`) || !strings.Contains(buf.String(), `"status":{"0":"<5"}`) {
		t.Errorf("encoded: %s", buf.String())
	}
}

// sameTable compares two tables cell by cell (NaN equal to NaN).
func sameTable(a, b *cube.Table) bool {
	if a.ID != b.ID || a.Title != b.Title || a.Source != b.Source || a.Updated != b.Updated || a.Language != b.Language ||
		!reflect.DeepEqual(a.Dimensions, b.Dimensions) || !reflect.DeepEqual(a.Status, b.Status) || !reflect.DeepEqual(a.Notes, b.Notes) {
		return false
	}
	for i := range a.Values {
		if a.Values[i] != b.Values[i] && !(math.IsNaN(a.Values[i]) && math.IsNaN(b.Values[i])) {
			return false
		}
	}
	return true
}

// Metadata may describe a table far larger than MaxCells: only values are
// limited.
func TestLargeMetadata(t *testing.T) {
	defer func(n int) { MaxCells = n }(MaxCells)
	MaxCells = 1000
	in := `{"version":"2.0","class":"dataset","id":["A","B"],"size":[40,40],"dimension":{` +
		`"A":{"category":{"index":[` + codes(40) + `]}},"B":{"category":{"index":[` + codes(40) + `]}}}}`
	ds, err := Parse(strings.NewReader(in), "meta")
	if err != nil || ds.Len() != 1600 || ds.Values != nil {
		t.Errorf("large metadata: %v", err)
	}
}
