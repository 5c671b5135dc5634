package geo

import (
	"errors"
	"fmt"
	"testing"
)

func TestBreaks(t *testing.T) {
	vals := []float64{41.2, 44.9, 47.3, 50.0, 52.8, 55.1, 58.6, 61.0, 63.4, 67.9}
	tests := []struct {
		c    Classes
		want string
		dec  int
	}{
		// Range 26.7 / 5 = 5.34 -> step 10; from 40: 50, 60 (70 is past the max).
		{Classes{Method: EqualInterval}, "[50 60]", 0},
		// Range 26.7 / 4 = 6.675 -> step 10 again.
		{Classes{Method: EqualInterval, N: 3}, "[50 60]", 0},
		// Step for 5 classes is 10, so quantile breaks are rounded to 1
		// decimal: the 20/40/60/80 % quantiles of the ten values are
		// 46.82, 51.68, 56.5, 61.48.
		{Classes{Method: Quantile}, "[46.8 51.7 56.5 61.5]", 1},
		{Classes{Method: Manual, Breaks: []float64{45, 55.5}}, "[45 55.5]", 1},
	}
	for _, tt := range tests {
		got, dec, err := tt.c.Compute(vals)
		if err != nil || fmt.Sprint(got) != tt.want || dec != tt.dec {
			t.Errorf("%+v: %v dec %d err %v, want %s dec %d", tt.c, got, dec, err, tt.want, tt.dec)
		}
	}
	for _, bad := range []Classes{{Method: Manual}, {Method: Manual, Breaks: []float64{2, 1}}, {N: 9}, {N: 1}, {Method: 7}} {
		if _, _, err := bad.Compute(vals); !errors.Is(err, ErrClasses) {
			t.Errorf("%+v: %v", bad, err)
		}
	}
	if _, _, err := (Classes{}).Compute(nil); !errors.Is(err, ErrClasses) {
		t.Error("no values accepted")
	}
	if b, _, err := (Classes{}).Compute([]float64{3, 3, 3}); err != nil || len(b) != 0 {
		t.Errorf("equal values: %v %v", b, err)
	}
	// Repeated values give fewer quantile breaks, never equal ones.
	b, _, _ := (Classes{Method: Quantile}).Compute([]float64{1, 1, 1, 1, 1, 1, 1, 1, 2, 9})
	for i := 1; i < len(b); i++ {
		if b[i] <= b[i-1] {
			t.Errorf("breaks %v not increasing", b)
		}
	}
}

func TestClassOf(t *testing.T) {
	br := []float64{50, 60}
	for v, want := range map[float64]int{41: 0, 49.99: 0, 50: 1, 59.9: 1, 60: 2, 99: 2} {
		if got := classOf(v, br); got != want {
			t.Errorf("classOf(%v) = %d, want %d", v, got, want)
		}
	}
}
