package canonical

import (
	"errors"
	"strings"
	"testing"
)

// A file cut short ends in a line without a newline. When that line does
// not parse, the file is refused as truncated, whatever the reject share;
// a last line without a newline that parses is an ordinary last row.
func TestTruncatedLastLine(t *testing.T) {
	head := "year,home_kommun,work_kommun,status,ssyk4,sex,age,birth_region,n\n"
	good := "2021,0180,,employed,2512,1,30,1,1\n"
	many := strings.Repeat(good, 200)
	cases := []struct {
		name, body string
		rows       int64 // rows loaded before the end
		truncLine  int64 // 0: not truncated
	}{
		{"complete", many + "2021,0180,,employed,2512,1,30,1,1", 201, 0},
		{"cut in a field", many + "2021,0180,,empl", 200, 202},
		{"cut before the last fields", many + "2021,0180,,employed,25", 200, 202},
		{"cut in a quoted field", many + `2021,0180,,"employ`, 200, 202},
		{"bad last line with newline", many + "2021,0180,,empl\n", 200, 0},
		{"cut after carriage return", many + "2021,0180,,empl\r", 200, 202},
		{"only line cut", "2021,01", 0, 2},
		{"cut in the last code", "", 200, 202},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := head + c.body
			if c.body == "" { // the last column a code, cut to an unknown one
				in = "year,home_kommun,work_kommun,status,sex,age,birth_region,n,ssyk4\n" +
					strings.Repeat("2021,0180,,employed,1,30,1,1,2512\n", 200) + "2021,0180,,employed,1,30,1,1,25"
			}
			r, err := NewCSVReader(Persons, strings.NewReader(in), "p.csv", Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer r.Release()
			var loaded int64
			for r.Next() {
				loaded += r.RecordBatch().NumRows()
			}
			var te *TruncatedError
			switch {
			case c.truncLine == 0 && r.Err() != nil:
				t.Fatalf("error %v, want none", r.Err())
			case c.truncLine != 0 && !errors.As(r.Err(), &te):
				t.Fatalf("error %v, want a truncated file", r.Err())
			case c.truncLine != 0 && (te.Line != c.truncLine || te.File != "p.csv"):
				t.Errorf("truncated at %s:%d, want p.csv:%d", te.File, te.Line, c.truncLine)
			case c.truncLine == 0 && loaded != c.rows:
				t.Errorf("loaded %d rows, want %d", loaded, c.rows)
			}
		})
	}
}
