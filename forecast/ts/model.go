package ts

import (
	"errors"
	"fmt"
)

// Series is a regularly spaced series of observations, oldest first, with
// no gaps. Values must be finite.
type Series struct {
	Values []float64
	// Period is the number of observations per seasonal cycle: 1 for
	// yearly series, 4 for quarterly, 12 for monthly.
	Period int
	// Reference is an optional aggregate that contains the series (for
	// example the region's total employment when Values is one occupation
	// in that region), with one value per observation of Values. Models
	// that do not use it ignore it.
	Reference []float64
}

// Len is the number of observations.
func (s Series) Len() int { return len(s.Values) }

// Head returns the first n observations (and the first n of the
// reference). The result shares no capacity beyond n with s, so a model
// given Head(n) cannot read later observations even by reslicing.
func (s Series) Head(n int) Series {
	h := Series{Values: s.Values[:n:n], Period: s.Period}
	if s.Reference != nil {
		h.Reference = s.Reference[:n:n]
	}
	return h
}

// Forecast is a projection h = 1..len(Mean) steps after the last
// observation.
type Forecast struct {
	Mean []float64
	// SD is the model's own standard deviation of the forecast error at
	// each step, or nil when the model gives none. Intervals built from
	// backtest errors do not need it.
	SD []float64
}

// A Model fits a series and projects it. Implementations are stateless
// values, safe for concurrent use.
type Model interface {
	// Name is a short stable identifier ("naive", "drift", ...), used in
	// outputs and on the command line.
	Name() string
	// MinLength is the fewest observations the model needs for a series
	// of the given period.
	MinLength(period int) int
	// Forecast fits the model to s and projects it h >= 1 steps ahead.
	// It reads only s. A series shorter than MinLength gives a
	// *TooShortError.
	Forecast(s Series, h int) (Forecast, error)
}

// ErrTooShort is matched by every *TooShortError (errors.Is).
var ErrTooShort = errors.New("series too short")

// TooShortError says a series has fewer observations than a model needs.
type TooShortError struct {
	Model string
	Have  int
	Need  int
}

func (e *TooShortError) Error() string {
	return fmt.Sprintf("%s: series too short: %d observations, need %d", e.Model, e.Have, e.Need)
}

// Is makes errors.Is(err, ErrTooShort) true.
func (e *TooShortError) Is(target error) bool { return target == ErrTooShort }
