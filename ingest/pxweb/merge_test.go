package pxweb

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"lmi/ingest/cube"
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

func TestMerge(t *testing.T) {
	whole := part([]string{"01", "03", "20", "99"}, []string{"2022", "2023", "2024"})

	// Cut along both dimensions, in query order.
	m, err := Merge(
		part([]string{"01", "03"}, []string{"2022", "2023"}), part([]string{"01", "03"}, []string{"2024"}),
		part([]string{"20", "99"}, []string{"2022", "2023"}), part([]string{"20", "99"}, []string{"2024"}))
	if err != nil {
		t.Fatal(err)
	}
	if err := sameCells(whole, m); err != nil {
		t.Error(err)
	}
	if m.ID != "T" || m.Updated != "2025-01-01" || m.Dimensions[0].Role != cube.RoleGeo {
		t.Errorf("metadata %q %q %+v", m.ID, m.Updated, m.Dimensions[0])
	}

	// Parts whose values come in another order still land by code; values
	// keep the order they first appear in.
	m, err = Merge(part([]string{"03", "01"}, []string{"2023", "2022"}), part([]string{"20"}, []string{"2022", "2023"}))
	if err != nil {
		t.Fatal(err)
	}
	if got := codesOf(m.Dimensions[0]); !slices.Equal(got, []string{"03", "01", "20"}) {
		t.Errorf("regions %v", got)
	}
	if v, _ := cellAt(m, "01", "2023"); v != 12023 {
		t.Errorf("01 2023 = %v", v)
	}

	// A hole no part covers is missing; an overlap that agrees is fine.
	m, err = Merge(part([]string{"01"}, []string{"2022"}), part([]string{"03"}, []string{"2023"}), part([]string{"01"}, []string{"2022"}))
	if err != nil {
		t.Fatal(err)
	}
	if _, st := cellAt(m, "01", "2023"); st != cube.StatusMissing {
		t.Errorf("uncovered cell has status %q", st)
	}

	// Disagreements are errors.
	other := part([]string{"01"}, []string{"2022"})
	other.Set(0, 1)
	if _, err := Merge(part([]string{"01"}, []string{"2022"}), other); !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "[01 2022]") {
		t.Errorf("conflicting cell: %v", err)
	}
	later := part([]string{"03"}, []string{"2022"})
	later.Updated = "2025-02-01"
	if _, err := Merge(part([]string{"01"}, []string{"2022"}), later); !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "changed while it was fetched") {
		t.Errorf("two versions: %v", err)
	}
	swapped := part([]string{"01"}, []string{"2022"})
	swapped.Dimensions[0], swapped.Dimensions[1] = swapped.Dimensions[1], swapped.Dimensions[0]
	if _, err := Merge(part([]string{"01"}, []string{"2022"}), swapped); !errors.Is(err, ErrConflict) {
		t.Errorf("different dimensions: %v", err)
	}
	if _, err := Merge(); err == nil {
		t.Error("merging nothing")
	}
}

func codesOf(d cube.Dimension) []string {
	var c []string
	for _, v := range d.Values {
		c = append(c, v.Code)
	}
	return c
}

func cellAt(t *cube.Table, codes ...string) (float64, string) {
	idx := make([]int, len(codes))
	for i, c := range codes {
		idx[i], _ = t.Dimensions[i].Index(c)
	}
	off := t.Offset(idx)
	return t.Values[off], t.Status[off]
}

func TestChunkSizes(t *testing.T) {
	cases := []struct {
		counts     []int
		splittable []bool
		limit      int
		want       []int
		calls      int
	}{
		{[]int{10, 2, 5}, []bool{true, true, true}, 100, []int{10, 2, 5}, 1},
		{[]int{290, 5, 2, 100}, []bool{true, true, true, true}, 150000, []int{150, 5, 2, 100}, 2},
		{[]int{8, 2, 2, 10}, []bool{true, true, true, true}, 100, []int{8, 2, 2, 3}, 4},
		{[]int{8, 2, 2, 10}, []bool{true, true, true, false}, 100, []int{2, 2, 2, 10}, 4},
		{[]int{8, 2, 2, 10}, []bool{true, true, true, true}, 7, []int{1, 2, 2, 1}, 80},
		{[]int{3}, []bool{true}, 1, []int{1}, 3},
		{[]int{1 << 40, 1 << 40}, []bool{true, true}, 150000, []int{1, 150000}, 0},
	}
	for _, c := range cases {
		got, err := ChunkSizes(c.counts, c.splittable, c.limit)
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("%v under %d: %v %v, want %v", c.counts, c.limit, got, err, c.want)
			continue
		}
		calls := 1
		for i := range got {
			calls *= (c.counts[i] + got[i] - 1) / got[i]
		}
		if c.calls > 0 && calls != c.calls {
			t.Errorf("%v under %d: %d calls, want %d", c.counts, c.limit, calls, c.calls)
		}
		if product(got) > c.limit {
			t.Errorf("%v under %d: chunks of %d cells", c.counts, c.limit, product(got))
		}
	}
	if _, err := ChunkSizes([]int{10, 20}, []bool{false, true}, 5); !errors.Is(err, ErrTooManyCells) {
		t.Errorf("unsplittable: %v", err)
	}
}

func TestParseSelections(t *testing.T) {
	sel, err := ParseSelections(
		[]string{"Region=01,03", "Tid=range(2019,2023)", "Region=03, 20", "Kon=*"},
		[]string{"Region=vs_RegionLän07", "Alder=agg_Ålder5år"})
	if err != nil {
		t.Fatal(err)
	}
	want := []Selection{
		{Variable: "Region", Values: []string{"01", "03", "20"}, Codelist: "vs_RegionLän07"},
		{Variable: "Tid", Values: []string{"range(2019,2023)"}},
		{Variable: "Kon", Values: []string{"*"}},
		{Variable: "Alder", Values: []string{"*"}, Codelist: "agg_Ålder5år"},
	}
	if len(sel) != len(want) {
		t.Fatalf("%+v", sel)
	}
	for i := range want {
		if sel[i].Variable != want[i].Variable || !slices.Equal(sel[i].Values, want[i].Values) || sel[i].Codelist != want[i].Codelist {
			t.Errorf("%d: %+v, want %+v", i, sel[i], want[i])
		}
	}
	for _, bad := range [][2][]string{
		{{"Region"}, nil}, {{"=01"}, nil}, {{"Region="}, nil}, {nil, {"Region"}}, {nil, {"Region=vs_A", "Region=vs_B"}},
	} {
		if _, err := ParseSelections(bad[0], bad[1]); !errors.Is(err, ErrSelection) {
			t.Errorf("%q: %v", bad, err)
		}
	}
}
