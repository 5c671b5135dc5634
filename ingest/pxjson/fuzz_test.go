package pxjson

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzDecode feeds responses and metadata to the decoders: they must never
// panic, must fail with a *ParseError, and what they accept must be a valid
// table. Seeds are the real SCB responses (when ../shared/data is present)
// and the hand-written files in testdata.
func FuzzDecode(f *testing.F) {
	meta, err := os.ReadFile("testdata/YREG60_meta.json")
	if err != nil {
		f.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(realDir, "*.json"))
	hand, _ := filepath.Glob("testdata/*.json")
	for _, path := range append(files, hand...) {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		if strings.Contains(path, "YREG60_") {
			f.Add(data, meta)
		} else {
			f.Add(data, []byte(nil))
		}
	}
	f.Add([]byte(`{"columns":[{"code":"A","type":"t"},{"code":"C","type":"c"}],"data":[{"key":["2020"],"values":["1e3"]},{"key":["2021"],"values":[".."]}]}`), []byte(`{"variables":[{"code":"A","values":["2021","2020"],"valueTexts":["b","a"],"time":true}]}`))
	f.Add([]byte("\xef\xbb\xbf<html><title>x</title>"), []byte(nil))
	f.Add([]byte(`{"columns":[{"code":"A","type":"d"},{"code":"C","type":"c"}],"data":[{"key":["a"],"values":["1"]},{"key":["a"],"values":["2"]}]}`), []byte(nil))
	defer func(n int) { MaxCells = n }(MaxCells)
	MaxCells = 1 << 16
	f.Fuzz(func(t *testing.T, resp, metaIn []byte) {
		var m *Metadata
		if len(metaIn) > 0 {
			var err error
			m, err = DecodeMetadata(bytes.NewReader(metaIn), "meta.json")
			if err != nil {
				var pe *ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("metadata error is not a *ParseError: %v", err)
				}
				m = nil
			}
		}
		tb, err := Decode(bytes.NewReader(resp), "fuzz.json", m)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error is not a *ParseError: %v", err)
			}
			if pe.Err == nil || err.Error() == "" {
				t.Fatalf("empty error %#v", pe)
			}
			return
		}
		if err := tb.Validate(); err != nil {
			t.Fatalf("accepted an invalid table: %v", err)
		}
		if tb.Len() == 0 || tb.Dimensions[len(tb.Dimensions)-1].Code == "" {
			t.Fatalf("accepted a table without cells or metric dimension")
		}
	})
}
