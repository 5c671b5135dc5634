package geo

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"lmi/report/internal/svg"
)

// Method is how class breaks are chosen.
type Method int

// The methods.
const (
	Quantile      Method = iota // about equally many regions per class, breaks rounded
	EqualInterval               // classes of equal width on nice round steps
	Manual                      // Classes.Breaks as given
)

// Classes says how values are put into classes.
type Classes struct {
	Method Method
	N      int       // number of classes, 2-7; 5 when 0 (Quantile, EqualInterval)
	Breaks []float64 // Manual: the inner breaks, ascending; N is len(Breaks)+1
}

// MaxClasses is the most classes a map has: more shades are not told apart.
const MaxClasses = 7

// ErrClasses is wrapped by errors about classes.
var ErrClasses = errors.New("bad classes")

// Compute returns the inner class breaks for values and the decimals to
// write them with. A value v is in class i when breaks[i-1] <= v <
// breaks[i] (the first class has no lower bound, the last no upper one).
// There are never more classes than distinct values. Quantile breaks are
// rounded to about a tenth of the equal-interval step and may be fewer than
// asked when values repeat.
func (c Classes) Compute(values []float64) ([]float64, int, error) {
	vs := finite(values)
	if len(vs) == 0 {
		return nil, 0, fmt.Errorf("%w: no values", ErrClasses)
	}
	switch c.Method {
	case Manual:
		if len(c.Breaks) == 0 || len(c.Breaks) >= MaxClasses {
			return nil, 0, fmt.Errorf("%w: %d manual breaks, want 1-%d", ErrClasses, len(c.Breaks), MaxClasses-1)
		}
		dec := 0
		for i, b := range c.Breaks {
			if math.IsNaN(b) || math.IsInf(b, 0) || i > 0 && b <= c.Breaks[i-1] {
				return nil, 0, fmt.Errorf("%w: manual breaks %v are not ascending numbers", ErrClasses, c.Breaks)
			}
			dec = max(dec, svg.StepDecimals(b))
		}
		return slices.Clone(c.Breaks), min(dec, 6), nil
	case Quantile, EqualInterval:
	default:
		return nil, 0, fmt.Errorf("%w: unknown method %d", ErrClasses, c.Method)
	}
	n := c.N
	if n == 0 {
		n = 5
	}
	if n < 2 || n > MaxClasses {
		return nil, 0, fmt.Errorf("%w: %d classes, want 2-%d", ErrClasses, n, MaxClasses)
	}
	slices.Sort(vs)
	n = min(n, len(slices.Compact(slices.Clone(vs)))) // no more classes than distinct values
	lo, hi := vs[0], vs[len(vs)-1]
	if lo == hi {
		return nil, svg.StepDecimals(lo), nil // one class
	}
	step := niceStep((hi - lo) / float64(n))
	dec := svg.StepDecimals(step)
	if c.Method == EqualInterval {
		start := math.Floor(lo/step) * step
		var bs []float64
		for i := 1; i < n; i++ {
			b := roundTo(start+float64(i)*step, dec)
			if b > lo && b <= hi {
				bs = append(bs, b)
			}
		}
		return bs, dec, nil
	}
	dec++
	var bs []float64
	for i := 1; i < n; i++ {
		b := roundTo(quantile(vs, float64(i)/float64(n)), dec)
		if b > lo && b <= hi && (len(bs) == 0 || b > bs[len(bs)-1]) {
			bs = append(bs, b)
		}
	}
	return bs, dec, nil
}

// classOf returns the class of v for breaks.
func classOf(v float64, breaks []float64) int {
	i, _ := slices.BinarySearch(breaks, v)
	if i < len(breaks) && breaks[i] == v {
		i++
	}
	return i
}

func finite(values []float64) []float64 {
	out := make([]float64, 0, len(values))
	for _, v := range values {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			out = append(out, v)
		}
	}
	return out
}

// quantile interpolates between order statistics (type 7, as R's
// default).
func quantile(sorted []float64, p float64) float64 {
	h := p * float64(len(sorted)-1)
	i := int(math.Floor(h))
	if i+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[i] + (h-float64(i))*(sorted[i+1]-sorted[i])
}

// niceStep rounds a positive step up to 1, 2, 2.5 or 5 times a power of
// ten.
func niceStep(raw float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= raw*(1-1e-12) {
			return m * p
		}
	}
	return 10 * p
}

func roundTo(v float64, dec int) float64 {
	p := math.Pow(10, float64(dec))
	return math.Round(v*p) / p
}

// palettes are viridis sampled evenly for 2 to 7 classes, light (low) to
// dark (high); their lightness falls steadily, so they read in grey too.
var palettes = map[int][]string{
	1: {"#21918C"},
	2: {"#FDE725", "#3B528B"},
	3: {"#FDE725", "#21918C", "#440154"},
	4: {"#FDE725", "#35B779", "#31688E", "#440154"},
	5: {"#FDE725", "#5EC962", "#21918C", "#3B528B", "#440154"},
	6: {"#FDE725", "#7AD151", "#22A884", "#2A788E", "#414487", "#440154"},
	7: {"#FDE725", "#8FD744", "#35B779", "#21918C", "#31688E", "#443983", "#440154"},
}
