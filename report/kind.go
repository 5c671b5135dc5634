package report

import (
	"fmt"
	"strings"
)

// Kind is what a column holds: its type and, for numbers, its unit. The
// kind decides how a value is rounded for display, its Excel number format
// and its alignment. The zero Kind means "the column's kind" in a Cell.
type Kind uint8

// The kinds. The comment gives the lmi unit (docs/indicators.md) and the
// decimals shown.
const (
	KindText             Kind = iota + 1 // free text, such as a region name; left-aligned
	KindCode                             // a code kept as text with its leading zeros ("0114", "FA01", "2015")
	KindCount                            // antal: whole numbers
	KindDecimal                          // a plain number: 2 decimals unless the column says otherwise
	KindPercent                          // procent, 0-100: 1 decimal
	KindPercentagePoints                 // procentenheter: 1 decimal
	KindShare                            // andel, 0-1: 3 decimals
	KindRatio                            // kvot: 2 decimals
	KindLogRatio                         // logkvot: 2 decimals
	KindIndex                            // index: 3 decimals
	KindClass                            // klass (1-5): whole numbers
	KindEstimate                         // skattning (a model estimate): 3 decimals
	KindStdErr                           // standardfel: 3 decimals
	kindEnd
)

var kindInfo = [...]struct {
	name, unit string
	decimals   int
}{
	KindText:             {"text", "", 0},
	KindCode:             {"code", "", 0},
	KindCount:            {"count", "antal", 0},
	KindDecimal:          {"decimal", "", 2},
	KindPercent:          {"percent", "procent", 1},
	KindPercentagePoints: {"percentage-points", "procentenheter", 1},
	KindShare:            {"share", "andel", 3},
	KindRatio:            {"ratio", "kvot", 2},
	KindLogRatio:         {"log-ratio", "logkvot", 2},
	KindIndex:            {"index", "index", 3},
	KindClass:            {"class", "klass", 0},
	KindEstimate:         {"estimate", "skattning", 3},
	KindStdErr:           {"standard-error", "standardfel", 3},
}

// Valid reports whether k is one of the kinds above.
func (k Kind) Valid() bool { return k > 0 && k < kindEnd }

// String returns the kind's English name ("percent"), or "Kind(N)".
func (k Kind) String() string {
	if !k.Valid() {
		return fmt.Sprintf("Kind(%d)", int(k))
	}
	return kindInfo[k].name
}

// Numeric reports whether the kind holds numbers.
func (k Kind) Numeric() bool { return k.Valid() && k != KindText && k != KindCode }

// Decimals returns the number of decimals shown for the kind: 0 for counts
// and classes, 1 for percent and percentage points, 2 for ratios, log
// ratios and plain decimals, 3 for shares, indices, estimates and standard
// errors; 0 for text and codes.
func (k Kind) Decimals() int {
	if !k.Valid() {
		return 0
	}
	return kindInfo[k].decimals
}

// Unit returns lmi's Swedish unit word for the kind ("procent"), or "" for
// text, codes and plain decimals.
func (k Kind) Unit() string {
	if !k.Valid() {
		return ""
	}
	return kindInfo[k].unit
}

// UnitLabel returns a short Swedish label for axes and legends: "%" for
// percent, "procentenheter", "antal", "andel" and so on; "" when the kind
// has no unit.
func (k Kind) UnitLabel() string {
	if k == KindPercent {
		return "%"
	}
	return k.Unit()
}

// KindOfUnit returns the kind of an lmi indicator unit, as in
// docs/indicators.md: antal, procent, procentenheter, andel, kvot, logkvot,
// index, klass, skattning, standardfel. Letter case and surrounding space
// are forgiven.
func KindOfUnit(unit string) (Kind, error) {
	u := strings.ToLower(strings.TrimSpace(unit))
	for k := KindText; k < kindEnd; k++ {
		if kindInfo[k].unit != "" && kindInfo[k].unit == u {
			return k, nil
		}
	}
	return 0, fmt.Errorf("unknown unit %q (valid: antal, procent, procentenheter, andel, kvot, logkvot, index, klass, skattning, standardfel)", unit)
}
