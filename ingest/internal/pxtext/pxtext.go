// Package pxtext holds the small text rules SCB's formats share: which
// strings are symbols for a cell without a number, which are plain decimal
// numbers, and parsing them fast.
package pxtext

import (
	"io"
	"io/fs"
	"math"
	"strconv"

	"lmi/ingest/cube"
)

// IsSymbol reports whether s is one of PX-Web's symbols for a cell without
// a number: one to seven dots (".", "..", "...", the DATASYMBOL defaults)
// or "-" (DATASYMBOLNIL, nothing to report).
func IsSymbol(s string) bool {
	if s == cube.StatusZero {
		return true
	}
	if len(s) == 0 || len(s) > 7 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] != '.' {
			return false
		}
	}
	return true
}

// IsDecimal accepts [+-]digits[.digits][e[+-]digits] (at least one digit
// in the mantissa); it rejects the hexadecimal, underscore, Inf and NaN
// forms strconv would also take.
func IsDecimal(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}

// ParseNumber parses a decimal number: optional sign, digits with an
// optional fraction, an optional exponent. No hex, no inf, no nan, no
// underscores.
func ParseNumber(b []byte) (float64, bool) {
	i, n := 0, len(b)
	neg := false
	if i < n && (b[i] == '-' || b[i] == '+') {
		neg = b[i] == '-'
		i++
	}
	var mant uint64
	digits, frac := 0, 0
	for ; i < n && b[i] >= '0' && b[i] <= '9'; i++ {
		mant = mant*10 + uint64(b[i]-'0')
		digits++
	}
	if i < n && b[i] == '.' {
		i++
		for ; i < n && b[i] >= '0' && b[i] <= '9'; i++ {
			mant = mant*10 + uint64(b[i]-'0')
			digits++
			frac++
		}
	}
	if digits == 0 {
		return 0, false
	}
	if i == n && digits <= 15 {
		// Exact: the mantissa and the power of ten are both exact doubles,
		// so one division rounds correctly.
		f := float64(mant)
		if frac > 0 {
			f /= pow10[frac]
		}
		if neg {
			f = -f
		}
		return f, true
	}
	if i < n {
		if b[i] != 'e' && b[i] != 'E' {
			return 0, false
		}
		i++
		if i < n && (b[i] == '-' || b[i] == '+') {
			i++
		}
		start := i
		for ; i < n && b[i] >= '0' && b[i] <= '9'; i++ {
		}
		if i == start || i != n {
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// InputSize is the size of the input behind r when it can be known
// without reading it (a *bytes.Reader's Len, a regular file's Stat), or 0:
// decoders reserve their table up front from it instead of growing it.
func InputSize(r io.Reader) int64 {
	switch l := r.(type) {
	case interface{ Len() int }:
		return int64(l.Len())
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := l.Stat(); err == nil && fi.Mode().IsRegular() {
			return fi.Size()
		}
	}
	return 0
}
