package jsonstat

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzDecode: no input makes Parse panic; every failure is a *ParseError;
// every table accepted is valid and survives Encode and Decode unchanged.
func FuzzDecode(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.json")
	for _, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{"", `,"status":"-"`, `,"status":["..."]`, `,"status":{"3":"-"}`, `,"status":[null,"p",null,"."]`} {
		f.Add([]byte(tinyWith(s)))
	}
	f.Add([]byte(`{"version":"2.0","class":"dataset","id":["A"],"size":[1],"dimension":{"A":{"category":{"label":{"a":"x"}}}},"value":{"0":"1e3"}}`))
	f.Add([]byte("<!doctype html><title>502</title>"))
	defer func(n int) { MaxCells = n }(MaxCells)
	MaxCells = 1 << 16
	f.Fuzz(func(t *testing.T, in []byte) {
		tb, err := Decode(bytes.NewReader(in), "fuzz.json")
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error is not a *ParseError: %v", err)
			}
			return
		}
		if err := tb.Validate(); err != nil {
			t.Fatalf("accepted an invalid table: %v", err)
		}
		var buf bytes.Buffer
		if err := Encode(&buf, tb); err != nil {
			t.Fatalf("cannot encode an accepted table: %v", err)
		}
		back, err := Decode(bytes.NewReader(buf.Bytes()), "fuzz.json")
		if err != nil {
			t.Fatalf("cannot decode the encoded table: %v\n%s", err, buf.Bytes())
		}
		if !sameTable(tb, back) {
			t.Fatalf("round trip changed the table\n%s", buf.Bytes())
		}
	})
}

// FuzzValueArray: whenever the fast path reads a value array, it reads it
// as the general path (a RawMessage a cell, then parseValue) does.
func FuzzValueArray(f *testing.F) {
	for _, s := range []string{`[]`, `[1,null,"..", "2.5" ,-3]`, ` [ 1 , 2 ] `, `["a\"b",1]`, `[1e3]`, `[true]`, `[[1]]`, `[{"a":1}]`, `["", " 7 ", "x"]`, `[0.1,2,3]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		in = bytes.TrimSpace(in)
		if !json.Valid(in) || len(in) == 0 || in[0] != '[' {
			return
		}
		var arr []json.RawMessage
		if json.Unmarshal(in, &arr) != nil {
			return
		}
		for _, n := range []int{len(arr), len(arr) + 1, max(len(arr)-1, 0)} {
			vals := make([]cellValue, n)
			if !valueArray(in, vals) {
				continue
			}
			if n != len(arr) {
				t.Fatalf("%s: read as %d cells, has %d", in, n, len(arr))
			}
			for i, raw := range arr {
				want, err := parseValue(raw)
				got := vals[i]
				if err != nil || got.set != want.set || got.symbol != want.symbol || (got.set && got.num != want.num) {
					t.Fatalf("%s: cell %d is %+v, the general path %+v (err %v)", in, i, got, want, err)
				}
			}
		}
	})
}
