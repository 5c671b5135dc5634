package scbcsv

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"

	"lmi/ingest/cube"
)

// small is a valid download; the broken samples are edits of it.
const small = `"region","kön","2023","2024"
"01 Stockholms län","män",100,110
"01 Stockholms län","kvinnor",120,..
"06 Jönköpings län","män",30,31
"06 Jönköpings län","kvinnor",32,33
`

func decodeString(s string, opts Options) (*cube.Table, error) {
	return Decode(strings.NewReader(s), "t.csv", opts)
}

func TestSmall(t *testing.T) {
	tb, err := decodeString(small, Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkTable(t, tb, []dimWant{
		{"region", cube.RoleGeo, 2, map[string]string{"06": "Jönköpings län"}},
		{"kön", "", 2, nil},
		{"period", cube.RoleTime, 2, nil},
	}, []cellWant{
		{n("01", "män", "2024"), 110, ""},
		{n("01", "kvinnor", "2024"), math.NaN(), ".."},
		{n("06", "kvinnor", "2023"), 32, ""},
	})
}

func TestBroken(t *testing.T) {
	cases := []struct {
		name     string
		text     string
		opts     Options
		want     error
		line     int
		col      int
		value    string
		contains string
	}{
		{
			name: "truncated inside a row",
			text: small[:strings.Index(small, ",31")],
			want: ErrRaggedRow, line: 4, contains: "3 fields, the header (line 1) has 4",
		},
		{
			name: "truncated after a separator",
			text: small[:strings.Index(small, ",31")+1],
			want: ErrBadNumber, line: 4, col: 4, contains: "empty",
		},
		{
			name: "truncated inside a quoted field",
			text: small[:strings.Index(small, "Jönköpings")],
			want: ErrBadQuote, line: 4, contains: "the input ends inside a quoted field",
		},
		{
			name: "ragged row",
			text: strings.Replace(small, `"män",30,31`, `"män",30,31,32`, 1),
			want: ErrRaggedRow, line: 4,
		},
		{
			name: "wrong separator: a semicolon header over comma rows",
			text: strings.Replace(small, `"region","kön","2023","2024"`, `"region";"kön";"2023";"2024"`, 1),
			want: ErrRaggedRow, line: 2, contains: "the row separates fields with ',', the header (line 1) with ';'",
		},
		{
			name: "wrong separator forced",
			text: small, opts: Options{Separator: ';'},
			want: ErrNotCSV, line: 1, contains: "the header has no ';' (Options.Separator); it seems to use ','",
		},
		{
			name: "duplicate combination",
			text: strings.Replace(small, `"06 Jönköpings län","kvinnor"`, `"06 Jönköpings län","män"`, 1),
			want: ErrDuplicateRow, line: 5, contains: "the same region, kön as line 4",
		},
		{
			name: "bad number",
			text: strings.Replace(small, "30,31", "30,3x1", 1),
			want: ErrBadNumber, line: 4, col: 4, value: "3x1", contains: `column 4 ("2024")`,
		},
		{
			name: "mixed decimal marks",
			text: strings.Replace(strings.Replace(small, "30,31", `"30,5",31`, 1), "32,33", "32.5,33", 1),
			want: ErrBadNumber, line: 5, col: 3, contains: "decimal mark '.', but the file uses ',' (line 4)",
		},
		{
			name: "space that is not a thousands separator",
			text: strings.Replace(small, "30,31", `"30 00",31`, 1),
			want: ErrBadNumber, line: 4, col: 3,
		},
		{
			name: "an HTML error page",
			text: "<!DOCTYPE html>\n<html><body><h1>Tabellen kunde inte hittas</h1></body></html>\n",
			want: ErrNotCSV, line: 1, contains: "HTML",
		},
		{
			name: "JSON",
			text: `{"columns":[]}`,
			want: ErrNotCSV, line: 1,
		},
		{
			name: "a px file",
			text: "CHARSET=\"ANSI\";\nMATRIX=\"X\";\n",
			want: ErrNotCSV,
		},
		{
			name: "empty",
			text: "\n\n",
			want: ErrEmpty,
		},
		{
			name: "a header but no rows",
			text: `"region","2023"` + "\n",
			want: ErrEmpty, line: 1,
		},
		{
			name: "wrong encoding: Latin-1 and UTF-8 lines mixed",
			text: strings.Replace(small, "Stockholms län", "Stockholms l\xe4n", 2),
			want: ErrEncoding, line: 2, contains: "line 1 is UTF-8",
		},
		{
			name: "a Latin-1 title over UTF-8 data",
			text: "Sysselsatta efter l\xe4n\n" + small,
			want: ErrEncoding, line: 1, contains: "line 2 is UTF-8",
		},
		{
			name: "declared UTF-8, written in Latin-1",
			text: strings.ReplaceAll(small, "ä", "\xe4"), opts: Options{Encoding: "utf-8"},
			want: ErrEncoding, line: 2,
		},
		{
			name: "duplicate column",
			text: strings.Replace(small, `"2024"`, `"2023"`, 1),
			want: ErrBadHeader, line: 1, col: 4,
		},
		{
			name: "text after a closing quote",
			text: strings.Replace(small, `"män",30`, `"män"x,30`, 1),
			want: ErrBadQuote, line: 4, col: 2,
		},
		{
			name: "data after footnotes",
			text: small + "\n\"Source: SCB\"\n\"07 Kronobergs län\",\"män\",1,2\n",
			want: ErrRaggedRow, line: 8, contains: "after the footnotes",
		},
		{
			name: "too many cells",
			text: small, opts: Options{MaxCells: 7},
			want: ErrTooLarge,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tb, err := decodeString(c.text, c.opts)
			if err == nil {
				t.Fatalf("no error; a table with %d cells", len(tb.Values))
			}
			if !errors.Is(err, c.want) {
				t.Errorf("error %q is not %q", err, c.want)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("not a *ParseError: %T %v", err, err)
			}
			if pe.File != "t.csv" {
				t.Errorf("File %q", pe.File)
			}
			if c.line != 0 && pe.Line != c.line {
				t.Errorf("Line = %d, want %d (%v)", pe.Line, c.line, err)
			}
			if c.col != 0 && pe.Column != c.col {
				t.Errorf("Column = %d, want %d (%v)", pe.Column, c.col, err)
			}
			if c.value != "" && pe.Value != c.value {
				t.Errorf("Value = %q, want %q", pe.Value, c.value)
			}
			if c.contains != "" && !strings.Contains(err.Error(), c.contains) {
				t.Errorf("message %q does not say %q", err, c.contains)
			}
		})
	}
}

func TestLayouts(t *testing.T) {
	t.Run("totals row mixed in", func(t *testing.T) {
		// A "00 Riket" row between the län is an ordinary value: kept, in
		// order of appearance.
		text := strings.Replace(small, `"06 Jönköpings län","män"`, `"00 Riket","män",1000,1100`+"\n"+`"00 Riket","kvinnor",1200,1300`+"\n"+`"06 Jönköpings län","män"`, 1)
		tb, err := decodeString(text, Options{})
		if err != nil {
			t.Fatal(err)
		}
		checkTable(t, tb, []dimWant{
			{"region", cube.RoleGeo, 3, map[string]string{"00": "Riket"}},
			{"kön", "", 2, nil},
			{"period", cube.RoleTime, 2, nil},
		}, []cellWant{
			{n("00", "kvinnor", "2024"), 1300, ""},
			{n("06", "män", "2023"), 30, ""},
			{n("01", "kvinnor", "2023"), 120, ""},
		})
		if tb.Dimensions[0].Values[1].Code != "00" {
			t.Errorf("order %v", tb.Dimensions[0].Values)
		}
	})
	t.Run("semicolons and decimal commas", func(t *testing.T) {
		text := "\"region\";\"kön\";\"2023\";\"2024\"\n\"01 Stockholms län\";\"män\";1,5;2 345,25\n\"01 Stockholms län\";\"kvinnor\";-0,5;\"..\"\n"
		tb, err := decodeString(text, Options{})
		if err != nil {
			t.Fatal(err)
		}
		checkTable(t, tb, nil, []cellWant{
			{n("01", "män", "2023"), 1.5, ""},
			{n("01", "män", "2024"), 2345.25, ""},
			{n("01", "kvinnor", "2023"), -0.5, ""},
			{n("01", "kvinnor", "2024"), math.NaN(), ".."},
		})
	})
	t.Run("thousands with no-break spaces, tabs, quoted dot codes", func(t *testing.T) {
		text := "region\tkön\t2024M01\t2024M02\n01 Stockholms län\tmän\t1\u00a0234\t\"-\"\n01 Stockholms län\tkvinnor\t\"....\"\t<5\n"
		tb, err := decodeString(text, Options{})
		if err != nil {
			t.Fatal(err)
		}
		checkTable(t, tb, []dimWant{
			{"region", cube.RoleGeo, 1, nil},
			{"kön", "", 2, nil},
			{"period", cube.RoleTime, 2, map[string]string{"2024M01": "2024M01"}},
		}, []cellWant{
			{n("01", "män", "2024M01"), 1234, ""},
			{n("01", "män", "2024M02"), math.NaN(), "-"},
			{n("01", "kvinnor", "2024M01"), math.NaN(), "...."},
			{n("01", "kvinnor", "2024M02"), math.NaN(), "<5"},
		})
	})
	t.Run("single value column, long layout", func(t *testing.T) {
		text := "\"region\",\"kvartal\",\"antal\"\n\"25 Norrbottens län\",\"2024K1\",12\n\"25 Norrbottens län\",\"2024K2\",14\n\"24 Västerbottens län\",\"2024K1\",9\n"
		tb, err := decodeString(text, Options{})
		if err != nil {
			t.Fatal(err)
		}
		checkTable(t, tb, []dimWant{
			{"region", cube.RoleGeo, 2, nil},
			{"kvartal", cube.RoleTime, 2, nil},
			{"measure", cube.RoleMetric, 1, map[string]string{"antal": "antal"}},
		}, []cellWant{
			{n("25", "2024K2", "antal"), 14, ""},
			{n("24", "2024K1", "antal"), 9, ""},
			{n("24", "2024K2", "antal"), math.NaN(), ".."}, // no row
		})
	})
	t.Run("title line and footnotes", func(t *testing.T) {
		text := "Sysselsatta efter region, kön och år\n\n" + small + "\n\"Uppgifterna avser november.\"\n\"Källa: SCB\"\n"
		tb, err := decodeString(text, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if tb.Title != "Sysselsatta efter region, kön och år" {
			t.Errorf("Title %q", tb.Title)
		}
		if len(tb.Notes) != 2 || tb.Notes[1] != "Källa: SCB" {
			t.Errorf("Notes %q", tb.Notes)
		}
		if v, _ := cell(t, tb, "06", "kvinnor", "2024"); v != 33 {
			t.Errorf("06/kvinnor/2024 = %v", v)
		}
	})
	t.Run("UTF-16 with BOM", func(t *testing.T) {
		var b []byte
		b = append(b, 0xFF, 0xFE)
		for _, r := range strings.ReplaceAll(small, ",", "\t") {
			b = append(b, byte(r), byte(r>>8))
		}
		tb, err := Decode(strings.NewReader(string(b)), "t.csv", Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := tb.Dimensions[0].Values[1].Label; got != "Jönköpings län" {
			t.Errorf("label %q", got)
		}
	})
	t.Run("whole text forced", func(t *testing.T) {
		tb, err := decodeString(small, Options{WholeText: []string{"region"}})
		if err != nil {
			t.Fatal(err)
		}
		if v := tb.Dimensions[0].Values[0]; v.Code != "01 Stockholms län" || v.Label != v.Code {
			t.Errorf("value %v", v)
		}
	})
	t.Run("codes that do not split", func(t *testing.T) {
		// One text without a code: the column keeps whole texts.
		text := strings.Replace(small, `"06 Jönköpings län"`, `"Jönköpings län"`, 2)
		tb, err := decodeString(text, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if v := tb.Dimensions[0].Values[0]; v.Code != "01 Stockholms län" {
			t.Errorf("value %v", v)
		}
	})
}

// Rows in any order, some missing, land in their cells.
func TestPermutation(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := 0; round < 200; round++ {
		na, nb, ny := 1+rng.IntN(6), 1+rng.IntN(5), 1+rng.IntN(3)
		type row struct{ a, b int }
		var rows []row
		for a := 0; a < na; a++ {
			for b := 0; b < nb; b++ {
				rows = append(rows, row{a, b})
			}
		}
		rng.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
		if round%2 == 1 && len(rows) > 1 {
			rows = rows[:1+rng.IntN(len(rows)-1)]
		}
		var sb strings.Builder
		sb.WriteString(`"a","b"`)
		for y := 0; y < ny; y++ {
			fmt.Fprintf(&sb, `,"%d"`, 2000+y)
		}
		sb.WriteString("\n")
		for _, r := range rows {
			fmt.Fprintf(&sb, `"A%d x%d","B%d y%d"`, r.a, r.a, r.b, r.b)
			for y := 0; y < ny; y++ {
				fmt.Fprintf(&sb, ",%d", r.a*100+r.b*10+y)
			}
			sb.WriteString("\n")
		}
		tb, err := decodeString(sb.String(), Options{})
		if err != nil {
			t.Fatalf("round %d: %v\n%s", round, err, sb.String())
		}
		if err := tb.Validate(); err != nil {
			t.Fatal(err)
		}
		present := map[[2]string]bool{}
		for _, r := range rows {
			ca, cb := fmt.Sprintf("A%d", r.a), fmt.Sprintf("B%d", r.b)
			present[[2]string{ca, cb}] = true
			for y := 0; y < ny; y++ {
				v, st := cell(t, tb, ca, cb, fmt.Sprint(2000+y))
				if st != "" || v != float64(r.a*100+r.b*10+y) {
					t.Fatalf("round %d: %s %s %d = %v %q", round, ca, cb, y, v, st)
				}
			}
		}
		for _, va := range tb.Dimensions[0].Values {
			for _, vb := range tb.Dimensions[1].Values {
				if present[[2]string{va.Code, vb.Code}] {
					continue
				}
				for y := 0; y < ny; y++ {
					if _, st := cell(t, tb, va.Code, vb.Code, fmt.Sprint(2000+y)); st != ".." {
						t.Fatalf("round %d: absent %s %s has status %q", round, va.Code, vb.Code, st)
					}
				}
			}
		}
	}
}

// The samples in testdata decode to the errors their names say, or (the
// totals file) to a correct table.
func TestTestdata(t *testing.T) {
	cases := map[string]error{
		"truncated.csv":       ErrRaggedRow,
		"html_error_page.csv": ErrNotCSV,
		"mixed_encoding.csv":  ErrEncoding,
		"duplicate_rows.csv":  ErrDuplicateRow,
		"wrong_separator.csv": ErrRaggedRow,
		"decimal_mixed.csv":   ErrBadNumber,
	}
	for file, want := range cases {
		_, err := DecodeFile(filepath.Join("testdata", file))
		var pe *ParseError
		if !errors.Is(err, want) || !errors.As(err, &pe) || pe.Line == 0 {
			t.Errorf("%s: err = %v, want %v with a line", file, err, want)
		}
	}
	tb, err := DecodeFile(filepath.Join("testdata", "totals_mixed_in.csv"))
	if err != nil {
		t.Fatal(err)
	}
	checkTable(t, tb, nil, []cellWant{
		{n("0000", "totalt", "2023"), 5000, ""},
		{n("2512", "totalt", "2023"), 300, ""},
		{n("2512", "kvinnor", "2024"), math.NaN(), ".."},
	})
}
