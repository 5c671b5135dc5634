package scbcsv

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDecode feeds the decoder the real downloads, the test samples and
// what the fuzzer makes of them: it must never panic, every error must be
// a *ParseError, and every table must pass Validate.
func FuzzDecode(f *testing.F) {
	for _, dir := range []string{realDir, "testdata"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.csv")) // none when the shared data are absent
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data)
			}
		}
	}
	f.Add([]byte(small))
	f.Add([]byte("\"region\";\"kön\";\"2023\";\"2024\"\n\"01 Stockholms län\";\"män\";1,5;2 345,25\n\"01 Stockholms län\";\"kvinnor\";-0,5;\"..\"\n"))
	f.Add([]byte("region\tkön\t2024M01\t2024M02\n01 Stockholms län\tmän\t1\u00a0234\t\"-\"\n01 Stockholms län\tkvinnor\t\"....\"\t<5\n"))
	f.Add([]byte("\"region\",\"kvartal\",\"antal\"\n\"25 Norrbottens län\",\"2024K1\",12\n\"24 Västerbottens län\",\"2024K1\",9\n"))
	f.Add([]byte("Sysselsatta efter region, kön och år\n\n" + small + "\n\"Källa: SCB\"\n"))
	f.Add([]byte("\xff\xfe\"\x00a\x00\"\x00,\x002\x000\x002\x004\x00\n\x00"))
	f.Add([]byte(strings.Replace(small, `"06 Jönköpings län","kvinnor"`, `"06 Jönköpings län","män"`, 1)))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, opts := range []Options{{MaxCells: 1 << 16}, {MaxCells: 1 << 16, Separator: ';', Decimal: ','}} {
			tb, err := Decode(bytes.NewReader(data), "fuzz.csv", opts)
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
