package jsonscan

import (
	"encoding/json"
	"testing"
)

// Records gives each record the line it starts on, as input.LineOf counts
// it from the start of the input.
func TestJSONRecordLines(t *testing.T) {
	in := []byte("[\n {\"a\": 1},\n\n {\"a\": 2}, {\"a\": 3},\n {\n  \"a\": 4\n }\r\n,{\"a\":5}]")
	want := []int64{2, 4, 4, 5, 8}
	var got []int64
	err := Records(in, "t.json", "", func(n, line int64, m map[string]json.RawMessage) error {
		got = append(got, line)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("lines %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("lines %v, want %v", got, want)
		}
	}
}
