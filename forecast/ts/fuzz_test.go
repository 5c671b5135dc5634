package ts

import (
	"encoding/binary"
	"math"
	"testing"
)

// FuzzModels feeds arbitrary float64 slices to every yearly model. No
// input may panic; a NaN or Inf must give an error; a success must give
// h finite forecasts (and a finite SD or none). On tame input (|y| <=
// 1e100, a positive reference within [1e-100, 1e100]) every model except
// loglinear, whose growth may overflow, must succeed.
func FuzzModels(f *testing.F) {
	enc := func(v ...float64) []byte {
		b := make([]byte, 8*len(v))
		for i, x := range v {
			binary.LittleEndian.PutUint64(b[8*i:], math.Float64bits(x))
		}
		return b
	}
	f.Add(enc(1, 2, 3, 4, 5), uint8(3), true)
	f.Add(enc(5, 5, 5, 5), uint8(1), false)
	f.Add(enc(0, 0, 0, 0, 0, 0), uint8(5), true)
	f.Add(enc(1, math.NaN(), 3, 4), uint8(2), false)
	f.Add(enc(1, 2, math.Inf(1), 4), uint8(2), true)
	f.Add(enc(1e308, -1e308, 1e308, 1e-308), uint8(9), true)
	f.Fuzz(func(t *testing.T, data []byte, h8 uint8, withRef bool) {
		v := make([]float64, len(data)/8)
		for i := range v {
			v[i] = math.Float64frombits(binary.LittleEndian.Uint64(data[8*i:]))
		}
		h := int(h8%40) + 1
		s := Series{Values: v, Period: 1}
		tame := true
		nonFinite := false
		for _, x := range v {
			nonFinite = nonFinite || !isFinite(x)
			tame = tame && isFinite(x) && math.Abs(x) <= 1e100
		}
		if withRef {
			// A plausible reference: the series' magnitude plus one.
			s.Reference = make([]float64, len(v))
			for i, x := range v {
				s.Reference[i] = math.Abs(x) + 1
				if math.Abs(x) > 1e99 {
					tame = false
				}
			}
		}
		for _, m := range yearly {
			fc, err := m.Forecast(s, h)
			switch {
			case nonFinite:
				if err == nil {
					t.Fatalf("%s: no error for %v", m.Name(), v)
				}
			case err != nil:
				short := len(v) < m.MinLength(1)
				exempt := m.Name() == "loglinear" || (m.Name() == "share" && !withRef)
				if tame && !short && !exempt {
					t.Fatalf("%s: %v for %v", m.Name(), err, v)
				}
			default:
				if len(fc.Mean) != h || (fc.SD != nil && len(fc.SD) != h) {
					t.Fatalf("%s: %d means, %d SDs for h = %d", m.Name(), len(fc.Mean), len(fc.SD), h)
				}
				for i := range fc.Mean {
					if !isFinite(fc.Mean[i]) || (fc.SD != nil && (!isFinite(fc.SD[i]) || fc.SD[i] < 0)) {
						t.Fatalf("%s: %v, %v for %v", m.Name(), fc.Mean, fc.SD, v)
					}
				}
			}
		}
	})
}
