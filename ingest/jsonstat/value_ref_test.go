package jsonstat

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	"lmi/ingest/internal/pxtext"
)

// refParseValue is parseValue before its fast number path: FuzzParseValue checks
// the two agree on every input.
func refParseValue(raw json.RawMessage) (cellValue, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return cellValue{}, nil
	}
	if raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return cellValue{}, fmt.Errorf("%w: %s", ErrValue, raw)
		}
		s = strings.TrimSpace(s)
		switch {
		case s == "":
			return cellValue{}, nil
		case IsSymbol(s):
			return cellValue{symbol: s}, nil
		case pxtext.IsDecimal(s):
			v, err := strconv.ParseFloat(s, 64)
			if err != nil || math.IsInf(v, 0) {
				return cellValue{}, fmt.Errorf("%w: %q is out of range", ErrValue, s)
			}
			return cellValue{set: true, num: v}, nil
		}
		return cellValue{}, fmt.Errorf("%w: %q is neither a number nor a status symbol", ErrValue, s)
	}
	if !pxtext.IsDecimal(string(raw)) {
		return cellValue{}, fmt.Errorf("%w: %s", ErrValue, raw)
	}
	v, err := strconv.ParseFloat(string(raw), 64)
	if err != nil || math.IsInf(v, 0) {
		return cellValue{}, fmt.Errorf("%w: %s is out of range", ErrValue, raw)
	}
	return cellValue{set: true, num: v}, nil
}

func FuzzParseValue(f *testing.F) {
	for _, s := range []string{"1", "-0", "0.5", "12345.678", `"12.5"`, `" 7 "`, `".."`, "1e5", "123456789012345", "1234567890123456",
		"0.000000000000001", "-12.25", "1.", ".5", "+1", "null", `""`, "99999999999999.9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := parseValue(json.RawMessage(s))
		w, werr := refParseValue(json.RawMessage(s))
		if fmt.Sprint(err) != fmt.Sprint(werr) || v.set != w.set || v.symbol != w.symbol || math.Float64bits(v.num) != math.Float64bits(w.num) {
			t.Fatalf("%q: %+v %v, reference %+v %v", s, v, err, w, werr)
		}
	})
}
