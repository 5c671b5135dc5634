package ts

// Tests shared by the seasonal models (SeasonalNaive, ETS, AutoARIMA):
// edge cases, the fuzz target, the real SCB series and the benchmarks.

import (
	"encoding/binary"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var seasonalModels = []Model{SeasonalNaive{}, ETS{}, AutoARIMA{}}

// seasCheckForecast fails unless fc has h finite means and, when given,
// h finite non-negative SDs.
func seasCheckForecast(t testing.TB, what string, fc Forecast, h int) {
	t.Helper()
	if len(fc.Mean) != h {
		t.Fatalf("%s: %d means, want %d", what, len(fc.Mean), h)
	}
	if fc.SD != nil && len(fc.SD) != h {
		t.Fatalf("%s: %d SDs, want %d", what, len(fc.SD), h)
	}
	for i, v := range fc.Mean {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("%s: mean[%d] = %v", what, i, v)
		}
	}
	for i, v := range fc.SD {
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			t.Fatalf("%s: sd[%d] = %v", what, i, v)
		}
	}
}

func TestSeasonalEdgeCases(t *testing.T) {
	ramp := func(n int) []float64 {
		y := make([]float64, n)
		for i := range y {
			y[i] = float64(i)
		}
		return y
	}
	constant := func(n int, v float64) []float64 {
		y := make([]float64, n)
		for i := range y {
			y[i] = v
		}
		return y
	}
	for _, tc := range []struct {
		name string
		y    []float64
	}{
		{"constant", constant(40, 7.5)},
		{"zeros", constant(40, 0)},
		{"negative constant", constant(30, -3)},
		{"ramp", ramp(40)},
		{"short", []float64{1, 2, 1, 3, 2, 4}},
		{"tiny", []float64{1e-300, 2e-300, 1e-300, 3e-300, 2e-300, 4e-300, 1e-300, 2e-300}},
		{"huge", []float64{1e300, -1e300, 5e299, 1e300, -1e300, 5e299, 1e300, -1e300, 5e299, 1e300}},
		{"one spike", append(constant(30, 1), 1000)},
		{"alternating", []float64{1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1}},
	} {
		for _, period := range []int{1, 4, 12} {
			for _, m := range seasonalModels {
				s := Series{Values: tc.y, Period: period}
				if s.Len() < m.MinLength(period) {
					continue
				}
				what := fmt.Sprintf("%s/%s/period %d", m.Name(), tc.name, period)
				fc, err := m.Forecast(s, 13)
				if err != nil {
					// Only a projection leaving the float64 range may fail.
					if !strings.Contains(err.Error(), "overflows") {
						t.Errorf("%s: %v", what, err)
					}
					continue
				}
				seasCheckForecast(t, what, fc, 13)
				if strings.HasPrefix(tc.name, "constant") || tc.name == "zeros" || tc.name == "negative constant" {
					for i, v := range fc.Mean {
						if math.Abs(v-tc.y[0]) > 1e-9*math.Max(1, math.Abs(tc.y[0])) {
							t.Errorf("%s: mean[%d] = %v, want the constant %v", what, i, v, tc.y[0])
							break
						}
					}
					for i, v := range fc.SD {
						if v > 1e-6*math.Max(1, math.Abs(tc.y[0])) {
							t.Errorf("%s: sd[%d] = %v, want ~0", what, i, v)
							break
						}
					}
				}
			}
		}
	}
}

func TestSeasonalErrors(t *testing.T) {
	good := Series{Values: []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, Period: 4}
	for _, m := range seasonalModels {
		for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
			y := slices.Clone(good.Values)
			y[3] = bad
			if _, err := m.Forecast(Series{Values: y, Period: 4}, 3); err == nil {
				t.Errorf("%s: no error for %v in the values", m.Name(), bad)
			}
		}
		if _, err := m.Forecast(good, 0); err == nil {
			t.Errorf("%s: no error for h = 0", m.Name())
		}
		need := m.MinLength(12)
		_, err := m.Forecast(Series{Values: make([]float64, need-1), Period: 12}, 3)
		var tse *TooShortError
		if !errors.Is(err, ErrTooShort) || !errors.As(err, &tse) || tse.Need != need || tse.Model != m.Name() {
			t.Errorf("%s: %d observations gave %v, want a TooShortError needing %d", m.Name(), need-1, err, need)
		}
		if need > 1 {
			if _, err := m.Forecast(Series{Values: make([]float64, need), Period: 12}, 3); err != nil {
				t.Errorf("%s: %d observations: %v", m.Name(), need, err)
			}
		}
	}
}

// TestSeasonalDeterministic fits the same series twice, concurrently,
// and wants identical results.
func TestSeasonalDeterministic(t *testing.T) {
	y := etsSim(5, 60, 12, 0.4, 0, 0.2, 1, 20, 0, etsPattern, 1)
	s := Series{Values: y, Period: 12}
	for _, m := range seasonalModels {
		res := make([]Forecast, 4)
		errs := make(chan error, len(res))
		for i := range res {
			go func() {
				fc, err := m.Forecast(s, 12)
				res[i] = fc
				errs <- err
			}()
		}
		for range res {
			if err := <-errs; err != nil {
				t.Fatalf("%s: %v", m.Name(), err)
			}
		}
		for i := 1; i < len(res); i++ {
			if !slices.Equal(res[i].Mean, res[0].Mean) || !slices.Equal(res[i].SD, res[0].SD) {
				t.Errorf("%s: run %d differs from run 0", m.Name(), i)
			}
		}
	}
}

// FuzzSeasonal feeds arbitrary finite series and the periods 1, 4 and 12
// to the three seasonal models: they must not panic, and a forecast
// without error must be finite.
func FuzzSeasonal(f *testing.F) {
	enc := func(period byte, h byte, y ...float64) []byte {
		b := []byte{period, h}
		for _, v := range y {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
		}
		return b
	}
	f.Add(enc(0, 5, 1, 2, 3, 4, 5, 6, 7))
	f.Add(enc(1, 8, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1))
	f.Add(enc(2, 12, etsSim(1, 30, 12, 0.3, 0, 0.1, 1, 10, 0, etsPattern, 1)...))
	f.Add(enc(1, 4, 0, 0, 0, 0, 0, 0, 0, 0, 1e300, -1e300, 0, 0))
	f.Add(enc(2, 3, 5, 4, 3, 2, 1, 0, -1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12, -13, -14, -15, -16, -17, -18, -19, -20, -21))
	periods := []int{1, 4, 12}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 {
			return
		}
		period := periods[int(data[0])%3]
		h := int(data[1])%24 + 1
		var y []float64
		for b := data[2:]; len(b) >= 8 && len(y) < 200; b = b[8:] {
			v := math.Float64frombits(binary.LittleEndian.Uint64(b))
			if math.IsNaN(v) || math.IsInf(v, 0) {
				continue
			}
			y = append(y, v)
		}
		s := Series{Values: y, Period: period}
		for _, m := range seasonalModels {
			fc, err := m.Forecast(s, h)
			if err != nil {
				if len(y) >= m.MinLength(period) && !strings.Contains(err.Error(), "overflows") {
					t.Fatalf("%s: unexpected error %v", m.Name(), err)
				}
				continue
			}
			seasCheckForecast(t, m.Name(), fc, h)
		}
	})
}

// scbUnemployment is SCB's monthly unemployment rate (percent) for Riket
// and the 21 län, 2020-01..2024-01, in the shared project folder.
const scbUnemployment = "../../../shared/data/scb/bas_arbstatusm_arbetsloshet_lan_2020_2024.csv"

type scbSeries struct {
	code, name string
	values     []float64
}

// readSCBUnemployment reads the file (UTF-8, comma-separated, header
// regionkod,region,kön,ålder,födelseregion,arbetslöshet,ar,manad_long,
// Period), ordering each region's values by Period (YYYY-MM).
func readSCBUnemployment(t *testing.T) []scbSeries {
	t.Helper()
	fh, err := os.Open(scbUnemployment)
	if err != nil {
		t.Skipf("SCB unemployment series not present (%s): this checkout has no ../shared/data: %v", scbUnemployment, err)
	}
	defer fh.Close()
	r := csv.NewReader(fh)
	head, err := r.Read()
	if err != nil {
		t.Fatalf("%s: header: %v", scbUnemployment, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimPrefix(h, "\ufeff")] = i
	}
	for _, c := range []string{"regionkod", "region", "arbetslöshet", "Period"} {
		if _, ok := col[c]; !ok {
			t.Fatalf("%s: no column %q in %v", scbUnemployment, c, head)
		}
	}
	type obs struct {
		period string
		v      float64
	}
	byRegion := map[string][]obs{}
	names := map[string]string{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", scbUnemployment, err)
		}
		v, err := strconv.ParseFloat(rec[col["arbetslöshet"]], 64)
		if err != nil {
			t.Fatalf("%s: %v", scbUnemployment, err)
		}
		code := rec[col["regionkod"]]
		names[code] = rec[col["region"]]
		byRegion[code] = append(byRegion[code], obs{rec[col["Period"]], v})
	}
	var out []scbSeries
	for _, code := range slices.Sorted(maps.Keys(byRegion)) {
		o := byRegion[code]
		slices.SortFunc(o, func(a, b obs) int { return strings.Compare(a.period, b.period) })
		s := scbSeries{code: code, name: names[code]}
		for _, x := range o {
			s.values = append(s.values, x.v)
		}
		out = append(out, s)
	}
	return out
}

// TestSeasonalSCBUnemployment fits the three models on the first 37
// months of each of the 22 series and forecasts the remaining 12.
func TestSeasonalSCBUnemployment(t *testing.T) {
	series := readSCBUnemployment(t)
	if len(series) != 22 {
		t.Fatalf("%d regions, want 22", len(series))
	}
	const fit, h = 37, 12
	names := []string{"naive", "snaive", "ets", "arima"}
	mae := map[string][]float64{}
	for _, s := range series {
		if len(s.values) != fit+h {
			t.Fatalf("region %s: %d months, want %d", s.code, len(s.values), fit+h)
		}
		train := Series{Values: s.values[:fit], Period: 12}
		test := s.values[fit:]
		fcs := map[string][]float64{"naive": slices.Repeat([]float64{s.values[fit-1]}, h)}
		for _, m := range seasonalModels {
			fc, err := m.Forecast(train, h)
			if err != nil {
				t.Fatalf("%s %s: %v", s.code, m.Name(), err)
			}
			seasCheckForecast(t, s.code+" "+m.Name(), fc, h)
			for i, v := range fc.Mean {
				if v < 0 || v > 30 {
					t.Errorf("%s %s: forecast %d = %.2f%%, outside 0..30", s.code, m.Name(), i+1, v)
				}
			}
			fcs[m.Name()] = fc.Mean
		}
		ef, _ := ETS{}.Fit(train)
		af, _ := AutoARIMA{}.Fit(train)
		line := fmt.Sprintf("%s %-16s", s.code, s.name)
		for _, name := range names {
			var sum float64
			for i, v := range fcs[name] {
				sum += math.Abs(v - test[i])
			}
			mae[name] = append(mae[name], sum/h)
			line += fmt.Sprintf(" %s %.2f", name, sum/h)
		}
		t.Logf("%s  [%v, %v]", line, ef, af)
	}
	line := "mean MAE over 22 series (percentage points):"
	for _, name := range names {
		line += fmt.Sprintf(" %s %.3f", name, seasMean(mae[name]))
	}
	t.Log(line)
	wins := "better/tied/worse than naive (ties within 0.005):"
	for _, name := range names[1:] {
		var b, e, w int
		for i := range mae[name] {
			switch d := mae[name][i] - mae["naive"][i]; {
			case d < -0.005:
				b++
			case d > 0.005:
				w++
			default:
				e++
			}
		}
		wins += fmt.Sprintf(" %s %d/%d/%d", name, b, e, w)
	}
	t.Log(wins)
}

// seasBenchSeries is a 120-point monthly series with trend, seasonality
// and noise.
func seasBenchSeries() Series {
	y := etsSim(11, 120, 12, 0.4, 0.02, 0.15, 0.95, 50, 0.2, etsPattern, 1)
	return Series{Values: y, Period: 12}
}

func BenchmarkETS(b *testing.B) {
	s := seasBenchSeries()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := (ETS{}).Forecast(s, 12); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAutoARIMA(b *testing.B) {
	s := seasBenchSeries()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := (AutoARIMA{}).Forecast(s, 12); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSeasonalNaive(b *testing.B) {
	s := seasBenchSeries()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := (SeasonalNaive{}).Forecast(s, 12); err != nil {
			b.Fatal(err)
		}
	}
}
