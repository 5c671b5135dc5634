package px

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDecode feeds the decoder the real files, the test samples and what
// the fuzzer makes of them: it must never panic, every error must be a
// *ParseError, and every table must pass Validate.
func FuzzDecode(f *testing.F) {
	for _, dir := range []string{realDir, "testdata"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.px")) // none when the shared data are absent
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data)
			}
		}
	}
	f.Add([]byte(small))
	f.Add([]byte(keysSparse))
	f.Add([]byte(strings.Replace(small, "1 2\n3 4;", "1,2\t\"..\" ..;", 1)))
	f.Add([]byte(strings.Replace(small, `TLIST(A1),"2023","2024"`, `TLIST(A1,"2023"-"2024")`, 1)))
	f.Add([]byte("\xef\xbb\xbf" + strings.Replace(small, "Stockholm", "Jönköping", 1)))
	f.Add([]byte(`LANGUAGE="en";LANGUAGES="en","sv";STUB="a";STUB[sv]="b";VALUES("a")="x";VALUES[sv]("b")="y";DATA=1;`))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, opts := range []Options{
			{MaxCells: 1 << 16},
			{MaxCells: 1 << 16, Language: "sv", DataSymbols: true, AbsentKeysMissing: true},
		} {
			tb, err := Decode(bytes.NewReader(data), "fuzz.px", opts)
			if err != nil {
				var pe *ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("error is not a *ParseError: %T %v", err, err)
				}
				if tb != nil {
					t.Fatal("a table returned with an error")
				}
				_ = err.Error()
				continue
			}
			if err := tb.Validate(); err != nil {
				t.Fatalf("decoded table does not validate: %v", err)
			}
			texts := append([]string{tb.ID, tb.Title, tb.Source, tb.Updated}, tb.Notes...)
			for _, d := range tb.Dimensions {
				texts = append(texts, d.Code, d.Label)
				for _, v := range d.Values {
					texts = append(texts, v.Code, v.Label)
				}
			}
			for _, s := range texts {
				if !utf8.ValidString(s) {
					t.Fatalf("text %q is not UTF-8", s)
				}
			}
		}
	})
}
