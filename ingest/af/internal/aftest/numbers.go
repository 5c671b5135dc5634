package aftest

import (
	"math"
	"strconv"
	"strings"

	"lmi/ingest/af/internal/input"
)

// RefParseNumber is input.ParseNumber as it was before smallDecimal: the
// reference of FuzzParseNumber and of the prognos reference reader. It
// reads a published number: optional sign, digits, a decimal
// point or comma, spaces or no-break spaces as thousands separators, and
// (for raw xlsx values) an exponent. NaN and infinities are refused.
func RefParseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if input.PlainNumber(s) {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			return 0, false
		}
		return v, true
	}
	var buf [64]byte
	b := buf[:0]
	dec := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9', c == '+', c == '-', c == 'e', c == 'E':
			b = append(b, c)
		case c == '.' || c == ',':
			if dec {
				return 0, false
			}
			dec = true
			b = append(b, '.')
		case c == ' ':
		case c == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0: // no-break space
			i++
		case c == 0xE2 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0xAF: // narrow no-break space
			i += 2
		default:
			return 0, false
		}
	}
	if len(b) == 0 || b[0] == 'e' || b[0] == 'E' {
		return 0, false
	}
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, false
	}
	return v, true
}
