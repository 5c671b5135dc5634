package cube

import (
	"errors"
	"math"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

func sample() *Table {
	t := New([]Dimension{
		{Code: "Region", Label: "region", Role: RoleGeo, Values: []Value{{"01", "Stockholms län"}, {"03", "Uppsala län"}}},
		{Code: "Kon", Label: "kön", Values: []Value{{"1", "män"}, {"2", "kvinnor"}}},
		{Code: "Tid", Label: "år", Role: RoleTime, Values: []Value{{"2023", "2023"}}},
	})
	t.ID = "T1"
	t.Set(0, 10)
	t.Set(1, 11)
	t.Set(2, 30)
	t.SetStatus(3, StatusCensored)
	return t
}

func TestOffsetAndLen(t *testing.T) {
	tb := sample()
	if tb.Len() != 4 {
		t.Fatalf("Len = %d, want 4", tb.Len())
	}
	if got := tb.Offset([]int{1, 0, 0}); got != 2 {
		t.Errorf("Offset(Uppsala, men) = %d, want 2", got)
	}
	d, i, ok := tb.Dimension("Kon")
	if !ok || i != 1 {
		t.Fatal("no Kon dimension")
	}
	if j, ok := d.Index("2"); !ok || j != 1 {
		t.Errorf("Index(2) = %d, %v", j, ok)
	}
}

func TestValidate(t *testing.T) {
	if err := sample().Validate(); err != nil {
		t.Fatal(err)
	}
	tb := sample()
	tb.Values = tb.Values[:3]
	if err := tb.Validate(); !errors.Is(err, ErrShape) {
		t.Errorf("short values: %v", err)
	}
	tb = sample()
	tb.Dimensions[1].Values[1].Code = "1"
	if err := tb.Validate(); !errors.Is(err, ErrDuplicate) {
		t.Errorf("duplicate code: %v", err)
	}
	tb = sample()
	tb.Status[0] = StatusMissing
	if err := tb.Validate(); err == nil {
		t.Error("a cell with a status and a number passed")
	}
}

func TestLong(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	rec, err := sample().Long(mem)
	if err != nil {
		t.Fatal(err)
	}
	defer rec.Release()
	if rec.NumRows() != 4 || rec.NumCols() != 8 {
		t.Fatalf("shape %dx%d, want 4x8", rec.NumRows(), rec.NumCols())
	}
	region := rec.Column(0).(*array.Dictionary)
	label := rec.Column(1).(*array.Dictionary)
	kon := rec.Column(2).(*array.Dictionary)
	value := rec.Column(6).(*array.Float64)
	status := rec.Column(7).(*array.Dictionary)
	str := func(d *array.Dictionary, i int) string {
		return d.Dictionary().(*array.String).Value(d.GetValueIndex(i))
	}
	want := []struct {
		region, label, kon string
		value              float64
		status             string
	}{
		{"01", "Stockholms län", "1", 10, ""},
		{"01", "Stockholms län", "2", 11, ""},
		{"03", "Uppsala län", "1", 30, ""},
		{"03", "Uppsala län", "2", math.NaN(), "<5"},
	}
	for i, w := range want {
		if str(region, i) != w.region || str(label, i) != w.label || str(kon, i) != w.kon {
			t.Errorf("row %d: %s %s %s", i, str(region, i), str(label, i), str(kon, i))
		}
		if w.status == "" {
			if value.IsNull(i) || value.Value(i) != w.value || !status.IsNull(i) {
				t.Errorf("row %d: value %v status null %v", i, value.Value(i), status.IsNull(i))
			}
		} else if !value.IsNull(i) || status.IsNull(i) || str(status, i) != w.status {
			t.Errorf("row %d: want null value and status %s", i, w.status)
		}
	}
}

func TestLongClash(t *testing.T) {
	tb := New([]Dimension{{Code: "value", Values: []Value{{"a", "a"}}}})
	if _, err := tb.Long(nil); err == nil {
		t.Error("a dimension named value was accepted")
	}
}
