package cubefile

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"lmi/ingest/cube"
	"lmi/ingest/jsonstat"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func vals(codes ...string) []cube.Value {
	var v []cube.Value
	for _, c := range codes {
		v = append(v, cube.Value{Code: c, Label: "label " + c})
	}
	return v
}

// part makes a table over the given region and year codes whose cells are
// region*10000+year, with region 99 missing.
func part(regions, years []string) *cube.Table {
	t := cube.New([]cube.Dimension{
		{Code: "Region", Label: "region", Role: cube.RoleGeo, Values: vals(regions...)},
		{Code: "Tid", Label: "år", Role: cube.RoleTime, Values: vals(years...)},
	})
	t.ID, t.Updated, t.Title = "T", "2025-01-01", "title"
	for i, r := range regions {
		for j, y := range years {
			if r == "99" {
				t.SetStatus(i*len(years)+j, cube.StatusMissing)
				continue
			}
			t.Set(i*len(years)+j, num(r)*10000+num(y))
		}
	}
	return t
}

func num(s string) float64 {
	v := 0.0
	for _, c := range s {
		v = v*10 + float64(c-'0')
	}
	return v
}

// sameCells reports how two tables differ in their dimensions or cells.
func sameCells(a, b *cube.Table) error {
	if len(a.Dimensions) != len(b.Dimensions) {
		return fmt.Errorf("%d dimensions vs %d", len(a.Dimensions), len(b.Dimensions))
	}
	for i := range a.Dimensions {
		if !slices.Equal(a.Dimensions[i].Values, b.Dimensions[i].Values) || a.Dimensions[i].Code != b.Dimensions[i].Code {
			return fmt.Errorf("dimension %d: %v vs %v", i, a.Dimensions[i], b.Dimensions[i])
		}
	}
	for i := range a.Values {
		if a.Status[i] != b.Status[i] || (a.Status[i] == "" && a.Values[i] != b.Values[i]) || (a.Status[i] != "" && !math.IsNaN(b.Values[i])) {
			return fmt.Errorf("cell %d: %v %q vs %v %q", i, a.Values[i], a.Status[i], b.Values[i], b.Status[i])
		}
	}
	return nil
}

func TestWriteCSV(t *testing.T) {
	tb := part([]string{"01", "99"}, []string{"2023"})
	tb.Dimensions[0].Values[0].Label = `Stockholms län, "huvudstaden"`
	x := 0.1
	tb.Set(1, x+0.2)
	var buf bytes.Buffer
	if err := WriteCSV(&buf, tb); err != nil {
		t.Fatal(err)
	}
	want := "Region,Region_label,Tid,Tid_label,value,status\n" +
		"01,\"Stockholms län, \"\"huvudstaden\"\"\",2023,label 2023,12023,\n" +
		"99,label 99,2023,label 2023,0.30000000000000004,\n"
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
	tb.SetStatus(1, "..")
	buf.Reset()
	WriteCSV(&buf, tb)
	if !strings.HasSuffix(buf.String(), "99,label 99,2023,label 2023,,..\n") {
		t.Errorf("status row: %s", buf.String())
	}
	clash := cube.New([]cube.Dimension{{Code: "value", Values: vals("a")}})
	if err := WriteCSV(&buf, clash); err == nil {
		t.Error("a dimension named value was accepted")
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	tb := part([]string{"01", "99"}, []string{"2022", "2023"})
	for _, name := range []string{"t.csv", "t.json"} {
		path := filepath.Join(dir, name)
		sum, err := WriteFile(path, tb)
		if err != nil {
			t.Fatal(err)
		}
		data, _ := os.ReadFile(path)
		h := sha256.Sum256(data)
		if sum != hex.EncodeToString(h[:]) {
			t.Errorf("%s: sum %s is not of the file", name, sum)
		}
		sum2, _ := WriteFile(path, tb)
		if sum2 != sum {
			t.Errorf("%s: two writes of one table differ", name)
		}
	}
	data, _ := os.ReadFile(filepath.Join(dir, "t.json"))
	back, err := jsonstat.Decode(bytes.NewReader(data), "t.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := sameCells(tb, back); err != nil {
		t.Error(err)
	}
	if _, err := WriteFile(filepath.Join(dir, "t.xlsx"), tb); err == nil {
		t.Error(".xlsx accepted")
	}
	if _, err := WriteFile(filepath.Join(dir, "missing", "sub", "t.csv"), tb); err != nil {
		t.Errorf("a new folder: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}
