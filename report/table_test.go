package report

import (
	"errors"
	"fmt"
	"testing"
)

func fmtSscan(s string, v *float64) (int, error) { return fmt.Sscan(s, v) }

func TestTableCheck(t *testing.T) {
	ok := Table{Name: "t", Columns: []Column{{Key: "a"}, {Key: "b", Kind: KindPercent}}}
	if err := ok.Check(); err != nil {
		t.Fatal(err)
	}
	bad := []Table{
		{Name: "none"},
		{Name: "nokey", Columns: []Column{{Header: "A"}}},
		{Name: "twice", Columns: []Column{{Key: "a"}, {Key: "a"}}},
		{Name: "kind", Columns: []Column{{Key: "a", Kind: 200}}},
	}
	for _, tb := range bad {
		if err := tb.Check(); err == nil {
			t.Errorf("%s: no error", tb.Name)
		}
	}
	if err := bad[0].Check(); !errors.Is(err, ErrNoColumns) {
		t.Errorf("want ErrNoColumns, got %v", err)
	}
	if ok.ColumnIndex("b") != 1 || ok.ColumnIndex("z") != -1 {
		t.Error("ColumnIndex")
	}
	if (Column{Key: "k"}).Title() != "k" || (Column{Key: "k", Header: "K"}).Title() != "K" {
		t.Error("Title")
	}
}

func TestSliceRowsPadsAndClears(t *testing.T) {
	rows := SliceRows([][]Cell{{Str("a"), Num(1)}, {Str("b")}})
	buf := make([]Cell, 2)
	var got []string
	for rows.Next(buf) {
		got = append(got, Machine.Cell(buf[0], Column{})+"|"+Machine.Cell(buf[1], Column{Kind: KindCount}))
	}
	if fmt.Sprint(got) != "[a|1 b|]" || rows.Err() != nil {
		t.Errorf("got %v, %v", got, rows.Err())
	}
}

func TestFuncRowsError(t *testing.T) {
	boom := errors.New("boom")
	n := 0
	rows := FuncRows(func(row []Cell) (bool, error) {
		n++
		if n == 3 {
			return false, boom
		}
		row[0] = Num(float64(n))
		return true, nil
	})
	buf := make([]Cell, 1)
	count := 0
	for rows.Next(buf) {
		count++
	}
	if count != 2 || !errors.Is(rows.Err(), boom) || rows.Next(buf) {
		t.Errorf("count %d err %v", count, rows.Err())
	}
}

func TestSymbols(t *testing.T) {
	s := Symbols()
	if len(s) != 4 || s[0].Symbol != ".." || s[1].Symbol != "." || s[2].Symbol != "-" || s[3].Symbol != "" {
		t.Errorf("symbols %v", s)
	}
	if Suppressed.Symbol() != ".." || Missing.Symbol() != "" || Value.Symbol() != "" {
		t.Error("State.Symbol")
	}
}
