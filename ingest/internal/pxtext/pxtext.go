// Package pxtext holds the small text rules PX-Web's JSON outputs share:
// which strings are symbols for a cell without a number, and which are
// plain decimal numbers.
package pxtext

import "lmi/ingest/cube"

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
