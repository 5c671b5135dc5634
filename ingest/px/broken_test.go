package px

import (
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"lmi/ingest/cube"
)

// small is a valid file; the broken samples are edits of it.
const small = `CHARSET="ANSI";
MATRIX="T1";
TITLE="Employed by region and year";
STUB="region";
HEADING="year";
VALUES("region")="01 Stockholm","03 Uppsala";
VALUES("year")="2023","2024";
CODES("region")="01","03";
TIMEVAL("year")=TLIST(A1),"2023","2024";
DATA=
1 2
3 4;
`

func decodeString(s string, opts Options) (*cube.Table, error) {
	return Decode(strings.NewReader(s), "t.px", opts)
}

func TestSmall(t *testing.T) {
	tb, err := decodeString(small, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := cell(t, tb, "03", "2023"); v != 3 {
		t.Errorf("03/2023 = %v, want 3", v)
	}
}

func TestBroken(t *testing.T) {
	cases := []struct {
		name     string
		text     string
		opts     Options
		want     []error // every one must match
		line     int
		col      int    // 0: not checked
		contains string // in the message
	}{
		{
			name: "truncated in the data",
			text: small[:strings.Index(small, "3 4")+1],
			want: []error{ErrTruncated, ErrDataCount}, line: 12, contains: "3 values for 4 cells (2 × 2)",
		},
		{
			name: "truncated in the header",
			text: small[:strings.Index(small, "DATA")],
			want: []error{ErrTruncated, ErrNoData}, line: 10,
		},
		{
			name: "truncated inside a string",
			text: small[:strings.Index(small, "Uppsala")],
			want: []error{ErrTruncated, ErrUnterminated}, line: 6, col: 33,
		},
		{
			name: "unterminated string on its line",
			text: strings.Replace(small, `TITLE="Employed by region and year";`, `TITLE="Employed by region and year;`, 1),
			want: []error{ErrUnterminated}, line: 3, col: 7,
		},
		{
			name: "too many values",
			text: strings.Replace(small, "3 4;", "3 4 5;", 1),
			want: []error{ErrDataCount}, line: 12, col: 5, contains: `the value "5" is one too many`,
		},
		{
			// STUB and HEADING as the writer meant them have 2 × 3 cells,
			// but the data lines were written for a 2 × 2 table.
			name: "data written for other dimensions",
			text: strings.Replace(small, `VALUES("year")="2023","2024";`, `VALUES("year")="2022","2023","2024";`, 1),
			want: []error{ErrDataCount}, line: 12, contains: "4 values for 6 cells (2 × 3)",
		},
		{
			name: "bad value",
			text: strings.Replace(small, "3 4;", "3 x4;", 1),
			want: []error{ErrBadValue}, line: 12, col: 3, contains: `"x4" is neither a number nor a dot code`,
		},
		{
			name: "duplicate codes",
			text: strings.Replace(small, `CODES("region")="01","03";`, `CODES("region")="01","01";`, 1),
			want: []error{ErrDuplicateCode}, line: 8, contains: `"01" is both value 1 and value 2`,
		},
		{
			name: "duplicate values without codes",
			text: strings.Replace(strings.Replace(small, `CODES("region")="01","03";`+"\n", "", 1), `"03 Uppsala"`, `"01 Stockholm"`, 1),
			want: []error{ErrDuplicateCode}, line: 6,
		},
		{
			name: "codes and values differ in number",
			text: strings.Replace(small, `CODES("region")="01","03";`, `CODES("region")="01","03","04";`, 1),
			want: []error{ErrCodes}, line: 8, contains: "3 codes for 2 values",
		},
		{
			name: "a STUB variable without VALUES",
			text: strings.Replace(small, `VALUES("region")="01 Stockholm","03 Uppsala";`, "", 1),
			want: []error{ErrNoValues}, line: 4, contains: `VALUES("region")`,
		},
		{
			name: "data before the header",
			text: "DATA=\n1 2 3 4;\n" + small[:strings.Index(small, "DATA")],
			want: []error{ErrDataBeforeHeader}, line: 1,
		},
		{
			name: "an HTML error page",
			text: "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head></html>\n",
			want: []error{ErrHTML}, line: 1, col: 1,
		},
		{
			name: "a CSV file",
			text: "\"region\",\"2017\"\n\"01 Stockholm\",1\n",
			want: []error{ErrNotPX}, line: 1,
		},
		{
			name: "empty",
			text: "",
			want: []error{ErrNotPX},
		},
		{
			name: "wrong encoding: declared UTF-8, written in Latin-1",
			text: strings.Replace(strings.Replace(small, `CHARSET="ANSI";`, `CODEPAGE="utf-8";`, 1), "Stockholm", "J\xf6nk\xf6ping", 1),
			want: []error{ErrEncoding}, line: 6, contains: "not valid UTF-8",
		},
		{
			name: "a semicolon missing",
			text: strings.Replace(small, `MATRIX="T1";`, `MATRIX="T1"`, 1),
			want: []error{ErrSyntax}, line: 3, contains: "is the ; of this statement missing?",
		},
		{
			name: "a keyword after DATA",
			text: small + "NOTE=\"late\";\n",
			want: []error{ErrTrailing}, line: 13, col: 1,
		},
		{
			name: "VALUES given twice",
			text: strings.Replace(small, `CODES("region")`, `VALUES("region")`, 1),
			want: []error{ErrDuplicateKeyword}, line: 8, contains: "first on line 6",
		},
		{
			name: "bad time unit",
			text: strings.Replace(small, "TLIST(A1)", "TLIST(X9)", 1),
			want: []error{ErrTimeval}, line: 9,
		},
		{
			name: "the same variable twice",
			text: strings.Replace(small, `HEADING="year";`, `HEADING="region";`, 1),
			want: []error{ErrDuplicateVariable},
		},
		{
			name: "semicolons between values",
			text: strings.Replace(small, "1 2\n3 4;", "1;2;3;4;", 1),
			want: []error{ErrDataCount}, line: 11, contains: "1 values for 4 cells",
		},
		{
			name: "two variables with one VARIABLE-CODE",
			text: strings.Replace(small, "DATA=", `VARIABLE-CODE("year")="region";`+"\nDATA=", 1),
			want: []error{ErrDuplicateVariable}, line: 10, contains: `two variables have the code "region"`,
		},
		{
			name: "too many cells",
			text: small, opts: Options{MaxCells: 3},
			want: []error{ErrTooLarge},
		},
		{
			name: "unknown CODEPAGE",
			text: `CODEPAGE="klingon";` + "\n" + small,
			want: []error{ErrEncoding}, line: 1,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tb, err := decodeString(c.text, c.opts)
			if err == nil {
				t.Fatalf("no error; got a table with %d cells", len(tb.Values))
			}
			for _, w := range c.want {
				if !errors.Is(err, w) {
					t.Errorf("error %q is not %q", err, w)
				}
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("not a *ParseError: %T %v", err, err)
			}
			if pe.File != "t.px" {
				t.Errorf("File = %q", pe.File)
			}
			if c.line != 0 && pe.Line != c.line {
				t.Errorf("Line = %d, want %d (%v)", pe.Line, c.line, err)
			}
			if c.col != 0 && pe.Column != c.col {
				t.Errorf("Column = %d, want %d (%v)", pe.Column, c.col, err)
			}
			if c.contains != "" && !strings.Contains(err.Error(), c.contains) {
				t.Errorf("message %q does not say %q", err, c.contains)
			}
			if msg := err.Error(); msg != strings.ToValidUTF8(msg, "") {
				t.Errorf("message is not UTF-8: %q", msg)
			}
		})
	}
}

// Legal data that looks odd.
func TestLegalOddities(t *testing.T) {
	t.Run("negative counts and decimals", func(t *testing.T) {
		tb, err := decodeString(strings.Replace(small, "3 4;", "-3 4.5e1;", 1), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if v, _ := cell(t, tb, "03", "2023"); v != -3 {
			t.Errorf("03/2023 = %v, want -3", v)
		}
		if v, _ := cell(t, tb, "03", "2024"); v != 45 {
			t.Errorf("03/2024 = %v, want 45", v)
		}
	})
	t.Run("STUB and HEADING swapped", func(t *testing.T) {
		// The same numbers with the variables the other way round: the
		// data are read in the order STUB and HEADING give.
		swapped := strings.Replace(strings.Replace(small, `STUB="region";`, `STUB="year";`, 1), `HEADING="year";`, `HEADING="region";`, 1)
		tb, err := decodeString(swapped, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if tb.Dimensions[0].Code != "year" || tb.Dimensions[1].Code != "region" {
			t.Fatalf("dimensions %s, %s", tb.Dimensions[0].Code, tb.Dimensions[1].Code)
		}
		if v, _ := cell(t, tb, "2024", "01"); v != 3 {
			t.Errorf("2024/01 = %v, want 3", v)
		}
		if v, _ := cell(t, tb, "2023", "03"); v != 2 {
			t.Errorf("2023/03 = %v, want 2", v)
		}
	})
	t.Run("commas, tabs and one line", func(t *testing.T) {
		tb, err := decodeString(strings.Replace(small, "1 2\n3 4;", "1,2\t\"..\" ..;", 1), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if _, st := cell(t, tb, "03", "2023"); st != ".." {
			t.Errorf("03/2023 status %q", st)
		}
		if _, st := cell(t, tb, "03", "2024"); st != ".." {
			t.Errorf("03/2024 status %q (unquoted dot code)", st)
		}
	})
	t.Run("UTF-8 with BOM and CRLF", func(t *testing.T) {
		text := "\xef\xbb\xbf" + strings.ReplaceAll(strings.Replace(small, "Stockholm", "Jönköping", 1), "\n", "\r\n")
		tb, err := decodeString(text, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := tb.Dimensions[0].Values[0].Label; got != "01 Jönköping" {
			t.Errorf("label %q", got)
		}
	})
	t.Run("declared ANSI, written in UTF-8", func(t *testing.T) {
		tb, err := decodeString(strings.Replace(small, "Stockholm", "Jönköping", 1), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := tb.Dimensions[0].Values[0].Label; got != "01 Jönköping" {
			t.Errorf("label %q", got)
		}
		if len(tb.Notes) == 0 || !strings.Contains(tb.Notes[0], "read as UTF-8") {
			t.Errorf("no note on the encoding: %q", tb.Notes)
		}
	})
	t.Run("a note continued over 10,000 lines", func(t *testing.T) {
		piece := strings.Repeat("x", 78)
		note := "NOTE=\"" + strings.Repeat(piece+"\"\n\"", 10000) + "end\";\n"
		tb, err := decodeString(strings.Replace(small, "DATA=", note+"DATA=", 1), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(tb.Notes) != 1 || len(tb.Notes[0]) != 78*10000+3 {
			t.Errorf("%d notes", len(tb.Notes))
		}
	})
	t.Run("ranges in TIMEVAL", func(t *testing.T) {
		tb, err := decodeString(strings.Replace(small, `TLIST(A1),"2023","2024"`, `TLIST(A1,"2023"-"2024")`, 1), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if tb.Dimensions[1].Role != cube.RoleTime {
			t.Errorf("role %q", tb.Dimensions[1].Role)
		}
	})
}

// keysSparse is BE0101F1symbnotkeys.px's layout with rows left out and
// rows out of order, keys as CODES for region and VALUES for age.
const keysSparse = `CHARSET="ANSI";
MATRIX="K1";
STUB="region","age";
HEADING="sex";
VALUES("region")="00 Sweden","01 Stockholm county","0114 Upplands V` + "\xe4" + `sby";
VALUES("age")="20","21";
VALUES("sex")="men","women";
CODES("region")="00","01","0114";
CODES("sex")="1","2";
KEYS("region")=CODES;
KEYS("age")=VALUES;
DATA=
"0114","21",7 ".."
"00","20",1 2
"01","21",-5 6;
`

func TestKeys(t *testing.T) {
	for _, missing := range []bool{false, true} {
		tb, err := decodeString(keysSparse, Options{AbsentKeysMissing: missing})
		if err != nil {
			t.Fatal(err)
		}
		want := []cellWant{
			{n("00", "20", "1"), 1, ""},
			{n("00", "20", "2"), 2, ""},
			{n("01", "21", "1"), -5, ""},
			{n("0114", "21", "1"), 7, ""},
			{n("0114", "21", "2"), math.NaN(), ".."},
		}
		for _, codes := range [][]string{n("00", "21", "1"), n("01", "20", "2"), n("0114", "20", "1")} {
			if missing {
				want = append(want, cellWant{codes, math.NaN(), ".."})
			} else {
				want = append(want, cellWant{codes, 0, ""})
			}
		}
		for _, w := range want {
			v, st := cell(t, tb, w.codes...)
			if st != w.status || !(v == w.value || math.IsNaN(v) && math.IsNaN(w.value)) {
				t.Errorf("missing=%v: cell %v = %v %q, want %v %q", missing, w.codes, v, st, w.value, w.status)
			}
		}
		if got := tb.Dimensions[0].Values[2].Label; got != "0114 Upplands Väsby" {
			t.Errorf("label %q", got)
		}
	}
	broken := []struct {
		name, text string
		want       error
		line       int
		contains   string
	}{
		{"unknown key", strings.Replace(keysSparse, `"01","21"`, `"02","21"`, 1), ErrUnknownKey, 15, `"02" is not one of the CODES of "region"`},
		{"keys as values, given as codes", strings.Replace(keysSparse, `KEYS("region")=CODES`, `KEYS("region")=VALUES`, 1), ErrUnknownKey, 13, ""},
		{"duplicate row", strings.Replace(keysSparse, `"01","21"`, `"00","20"`, 1), ErrDuplicateKey, 15, "the same keys as line 14"},
		{"short row", strings.Replace(keysSparse, `-5 6;`, `-5;`, 1), ErrDataCount, 15, "has 2 of its 2 keys and 2 cells"},
		{"KEYS on a HEADING variable", strings.Replace(keysSparse, `KEYS("age")=VALUES;`, `KEYS("sex")=VALUES;`, 1), ErrSyntax, 11, ""},
	}
	for _, c := range broken {
		_, err := decodeString(c.text, Options{})
		var pe *ParseError
		if !errors.Is(err, c.want) || !errors.As(err, &pe) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.want)
			continue
		}
		if pe.Line != c.line || !strings.Contains(err.Error(), c.contains) {
			t.Errorf("%s: %v: want line %d saying %q", c.name, err, c.line, c.contains)
		}
	}
}

// The samples in testdata decode to the errors their names say, or (the
// last two) to correct tables.
func TestTestdata(t *testing.T) {
	cases := map[string]error{
		"truncated.px":            ErrTruncated,
		"html_error_page.px":      ErrHTML,
		"latin1_declared_utf8.px": ErrEncoding,
		"duplicate_codes.px":      ErrDuplicateCode,
	}
	for file, want := range cases {
		_, err := DecodeFile(filepath.Join("testdata", file))
		var pe *ParseError
		if !errors.Is(err, want) || !errors.As(err, &pe) || pe.Line == 0 {
			t.Errorf("%s: err = %v, want %v with a line", file, err, want)
		}
	}
	tb, err := DecodeFile(filepath.Join("testdata", "negative.px"))
	if err != nil {
		t.Fatalf("negative.px: %v", err)
	}
	if v, _ := cell(t, tb, "01", "2024"); v != -2 {
		t.Errorf("negative.px 01/2024 = %v, want -2", v)
	}
	if _, st := cell(t, tb, "03", "2024"); st != "-" {
		t.Errorf("negative.px 03/2024 status %q, want -", st)
	}
	// HEADING and STUB the other way round from the data's line layout:
	// the declared order decides.
	tb, err = DecodeFile(filepath.Join("testdata", "stub_heading_swapped.px"))
	if err != nil {
		t.Fatalf("stub_heading_swapped.px: %v", err)
	}
	if v, _ := cell(t, tb, "2023", "03"); v != 2 {
		t.Errorf("stub_heading_swapped.px 2023/03 = %v, want 2", v)
	}
}
