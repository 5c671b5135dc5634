package report

import (
	"math"
	"strconv"
	"strings"
)

// NumberFormat says how numbers are written as text.
type NumberFormat struct {
	Decimal   string // decimal separator: "," or "."
	Thousands string // put between groups of three digits; "" for none
	Minus     string // the minus sign
}

// The number formats lmi uses.
var (
	// Machine is for machine-read files: "1234567.5", "-0.25".
	Machine = NumberFormat{Decimal: ".", Minus: "-"}
	// SwedishPlain is for files that Swedish Excel parses (CSV excel-sv):
	// decimal comma, no thousands separator, ASCII minus: "1234567,5".
	SwedishPlain = NumberFormat{Decimal: ",", Minus: "-"}
	// Swedish is for people (HTML, charts, maps): decimal comma, a
	// no-break space (U+00A0) between thousands and the minus sign U+2212:
	// "1 234 567,5", "−0,25".
	Swedish = NumberFormat{Decimal: ",", Thousands: "\u00a0", Minus: "\u2212"}
)

// Number writes v rounded to decimals (0 or more) decimals. Rounding is
// half away from zero on v's shortest decimal representation, as a person
// (and Excel) rounds what they see: 0.125 to two decimals is 0,13, 2.45 to
// one is 2,5. A value that rounds to zero is written without a minus sign.
// NaN and infinities give "".
func (f NumberFormat) Number(v float64, decimals int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	if decimals < 0 {
		decimals = 0
	}
	intPart, frac := roundDecimal(math.Abs(v), decimals)
	neg := v < 0 && strings.Trim(intPart+frac, "0") != ""
	return f.assemble(neg, intPart, frac)
}

// Full writes v with every digit needed to read it back exactly (Go's
// shortest representation), in f's separators but without thousands
// separators: 25.806451612903224 or 25,806451612903224. NaN and infinities
// give "".
func (f NumberFormat) Full(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	g := f
	g.Thousands = ""
	return g.assemble(v < 0, intPart, frac)
}

// Cell writes a cell of column col for display: a value rounded by its kind
// (Column.DecimalsFor), a text as it is, and the symbol of a cell without
// a value ("..", ".", "-", or "" when missing).
func (f NumberFormat) Cell(c Cell, col Column) string {
	if c.State != Value {
		return c.State.Symbol()
	}
	k := c.KindIn(col)
	if !k.Numeric() {
		return c.Str
	}
	return f.Number(c.Num, col.DecimalsFor(k))
}

func (f NumberFormat) assemble(neg bool, intPart, frac string) string {
	var b strings.Builder
	b.Grow(len(intPart) + len(frac) + 8)
	if neg {
		b.WriteString(f.Minus)
	}
	if f.Thousands == "" || len(intPart) <= 3 {
		b.WriteString(intPart)
	} else {
		first := len(intPart) % 3
		if first == 0 {
			first = 3
		}
		b.WriteString(intPart[:first])
		for i := first; i < len(intPart); i += 3 {
			b.WriteString(f.Thousands)
			b.WriteString(intPart[i : i+3])
		}
	}
	if frac != "" {
		b.WriteString(f.Decimal)
		b.WriteString(frac)
	}
	return b.String()
}

// roundDecimal rounds a non-negative finite v to decimals decimals, half
// away from zero on its shortest decimal representation, and returns the
// integer digits and exactly decimals fraction digits.
func roundDecimal(v float64, decimals int) (intPart, frac string) {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	ip, fp, _ := strings.Cut(s, ".")
	if len(fp) <= decimals {
		return ip, fp + strings.Repeat("0", decimals-len(fp))
	}
	up := fp[decimals] >= '5'
	digits := []byte(ip + fp[:decimals])
	if up {
		i := len(digits) - 1
		for ; i >= 0; i-- {
			if digits[i] == '9' {
				digits[i] = '0'
				continue
			}
			digits[i]++
			break
		}
		if i < 0 {
			digits = append([]byte{'1'}, digits...)
		}
	}
	n := len(digits) - decimals
	return string(digits[:n]), string(digits[n:])
}
