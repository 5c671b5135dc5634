package ts

import (
	"fmt"
	"math"
	"testing"
)

func TestSeasonalNaiveByHand(t *testing.T) {
	// Quarterly, two years: 10 20 30 40 | 12 22 33 41.
	s := Series{Values: []float64{10, 20, 30, 40, 12, 22, 33, 41}, Period: 4}
	fc, err := SeasonalNaive{}.Forecast(s, 6)
	if err != nil {
		t.Fatal(err)
	}
	checkClose(t, "mean", fc.Mean, []float64{12, 22, 33, 41, 12, 22}, 0)
	// Seasonal differences 2 2 3 1: sigma = sqrt(18/4); steps 1-4 one
	// cycle back, steps 5-6 two.
	sigma := math.Sqrt(18.0 / 4)
	checkClose(t, "sd", fc.SD, []float64{sigma, sigma, sigma, sigma, sigma * math.Sqrt2, sigma * math.Sqrt2}, 1e-15)

	// Period 1 is the naive forecast: differences 1 -2 4, sigma sqrt(7).
	fc, err = SeasonalNaive{}.Forecast(Series{Values: []float64{3, 4, 2, 6}, Period: 1}, 3)
	if err != nil {
		t.Fatal(err)
	}
	checkClose(t, "naive mean", fc.Mean, []float64{6, 6, 6}, 0)
	checkClose(t, "naive sd", fc.SD, []float64{math.Sqrt(7), math.Sqrt(14), math.Sqrt(21)}, 1e-15)

	// Exactly one cycle: the forecast repeats it, without an SD.
	fc, err = SeasonalNaive{}.Forecast(Series{Values: []float64{1, 2, 3, 4}, Period: 4}, 5)
	if err != nil {
		t.Fatal(err)
	}
	checkClose(t, "one cycle", fc.Mean, []float64{1, 2, 3, 4, 1}, 0)
	if fc.SD != nil {
		t.Errorf("one cycle: SD %v, want nil", fc.SD)
	}

	// Period 0 means 1.
	if got := (SeasonalNaive{}).MinLength(0); got != 1 {
		t.Errorf("MinLength(0) = %d, want 1", got)
	}
	if got := (SeasonalNaive{}).MinLength(12); got != 12 {
		t.Errorf("MinLength(12) = %d, want 12", got)
	}
}

func ExampleSeasonalNaive() {
	// Two years of quarterly values.
	s := Series{Values: []float64{10, 20, 30, 40, 12, 22, 33, 41}, Period: 4}
	fc, err := SeasonalNaive{}.Forecast(s, 5)
	if err != nil {
		fmt.Println(err)
		return
	}
	for i := range fc.Mean {
		fmt.Printf("h=%d %.0f ± %.2f\n", i+1, fc.Mean[i], fc.SD[i])
	}
	// Output:
	// h=1 12 ± 2.12
	// h=2 22 ± 2.12
	// h=3 33 ± 2.12
	// h=4 41 ± 2.12
	// h=5 12 ± 3.00
}
