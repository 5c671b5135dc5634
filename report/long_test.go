package report

import (
	"errors"
	"strings"
	"testing"
)

const longCSV = "\ufeffindicator,version,period,region_level,region,region_name,edu_group,sex,value,numerator,denominator,n,suppressed\n" +
	"andel_jobbinflode,1,2015-2016,fa,FA01,Malmö-Lund,A,1,25.806451612903224,8,31,31,false\n" +
	"andel_jobbinflode,1,2015-2016,fa,FA01,Malmö-Lund,A,2,,,,,true\n" +
	"antal_pendlare,1,2015,fa,FA01,\"Malmö, Lund\",FA01,1,3469.0,3469,,3469,false\n"

func units(ind string) (Kind, bool) {
	switch {
	case strings.HasPrefix(ind, "andel"):
		return KindPercent, true
	case strings.HasPrefix(ind, "antal"):
		return KindCount, true
	}
	return 0, false
}

func TestReadLong(t *testing.T) {
	tb, err := ReadLong(strings.NewReader(longCSV), "job_inflows", units)
	if err != nil {
		t.Fatal(err)
	}
	if len(tb.Columns) != 12 || tb.Columns[9].Header != "Täljare" || tb.Columns[6].Header != "Utbildningsgrupp" || tb.ColumnIndex("suppressed") != -1 {
		t.Fatalf("columns %+v", tb.Columns)
	}
	row := make([]Cell, len(tb.Columns))
	var got []string
	for tb.Rows.Next(row) {
		var f []string
		for i, c := range row {
			f = append(f, SwedishPlain.Cell(c, tb.Columns[i]))
		}
		got = append(got, strings.Join(f, "|"))
	}
	if err := tb.Rows.Err(); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"andel_jobbinflode|1|2015-2016|fa|FA01|Malmö-Lund|A|1|25,8|8|31|31",
		"andel_jobbinflode|1|2015-2016|fa|FA01|Malmö-Lund|A|2|..|..|..|..",
		"antal_pendlare|1|2015|fa|FA01|Malmö, Lund|FA01|1|3469|3469||3469",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestReadLongErrors(t *testing.T) {
	for _, in := range []string{"", "indicator,region,value\n", "indicator,region,value,suppressed,region\n"} {
		if _, err := ReadLong(strings.NewReader(in), "x", nil); !errors.Is(err, ErrLongHeader) {
			t.Errorf("%q: %v", in, err)
		}
	}
	for _, in := range []string{
		"indicator,region,value,suppressed\na,01,x,false\n",
		"indicator,region,value,suppressed\na,01,1,maybe\n",
		"indicator,region,value,suppressed\na,01,1\n",
	} {
		tb, err := ReadLong(strings.NewReader(in), "x", nil)
		if err != nil {
			t.Fatal(err)
		}
		row := make([]Cell, len(tb.Columns))
		for tb.Rows.Next(row) {
		}
		if tb.Rows.Err() == nil || !strings.Contains(tb.Rows.Err().Error(), "line 2") {
			t.Errorf("%q: %v", in, tb.Rows.Err())
		}
	}
}

func FuzzReadLong(f *testing.F) {
	f.Add(longCSV)
	f.Add("indicator,region,value,suppressed\na,01,1e3,false\n")
	f.Fuzz(func(t *testing.T, in string) {
		tb, err := ReadLong(strings.NewReader(in), "f", units)
		if err != nil {
			return
		}
		row := make([]Cell, len(tb.Columns))
		n := 0
		for tb.Rows.Next(row) {
			for i, c := range row {
				if c.State == Value && c.KindIn(tb.Columns[i]).Numeric() && c.Str != "" {
					t.Fatalf("numeric cell with text %q", c.Str)
				}
				_ = Machine.Cell(c, tb.Columns[i])
			}
			n++
		}
		if n > len(in) {
			t.Fatalf("%d rows from %d bytes", n, len(in))
		}
	})
}
