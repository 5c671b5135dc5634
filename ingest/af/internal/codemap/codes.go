package codemap

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"lmi/codes"
	"lmi/ingest/af/internal/input"
)

// Names holds the lookups built once from lmi/codes.
type Names struct {
	LanName      map[string]string   // code -> "Stockholms län"
	LanByName    map[string]string   // folded full or short name -> code
	KommunByName map[string]string   // folded name -> code
	KommunLan    map[string]string   // kommun code -> län code
	ssyk3        map[string][]string // SSYK 3 -> its SSYK 4 unit groups
	SSYKLevel    map[string]int      // any SSYK code -> level
	FA           map[string]bool

	// The ad reader checks a kommun (and finds its län) and a SSYK code
	// in every ad: four map lookups, 5% of ReadAds. The codes are four
	// digits, so arrays indexed by the number do it (kommunLanOf,
	// isSSYK4).
	kommunAt   [10000]uint16 // 4-digit kommun code -> 1 + index in kommunLans
	kommunLans []string
	ssyk4At    [10000]bool
	// slow4 is set when a kommun or SSYK 4 code is not four digits (not
	// so in lmi/codes): the lookups then ask lmi/codes.
	slow4 bool
}

// Lookups returns the lookups, built on first use.
var Lookups = sync.OnceValue(func() *Names {
	n := &Names{
		LanName:      map[string]string{},
		LanByName:    map[string]string{},
		KommunByName: map[string]string{},
		KommunLan:    map[string]string{},
		ssyk3:        map[string][]string{},
		SSYKLevel:    map[string]int{},
		FA:           map[string]bool{},
	}
	for _, e := range codes.Lan() {
		n.LanName[e.Code] = e.Name
		n.LanByName[input.Fold(e.Name)] = e.Code
		n.LanByName[input.Fold(lanShort(e.Name))] = e.Code
	}
	for _, k := range codes.Kommuner() {
		n.KommunByName[input.Fold(k.Name)] = k.Code
		n.KommunLan[k.Code] = k.Lan
		if v := code4(k.Code); v >= 0 {
			n.kommunLans = append(n.kommunLans, k.Lan)
			n.kommunAt[v] = uint16(len(n.kommunLans))
		} else {
			n.slow4 = true
		}
	}
	for _, e := range codes.SSYK(0) {
		n.SSYKLevel[e.Code] = e.Level
		if e.Level == 4 {
			n.ssyk3[e.Parent] = append(n.ssyk3[e.Parent], e.Code)
			if v := code4(e.Code); v >= 0 {
				n.ssyk4At[v] = true
			} else {
				n.slow4 = true
			}
		}
	}
	for _, e := range codes.FA() {
		n.FA[e.Code] = true
	}
	return n
})

// code4 returns the number a code of four ASCII digits stands for, or -1.
func code4(c string) int {
	if len(c) != 4 {
		return -1
	}
	v := 0
	for i := range 4 {
		d := c[i] - '0'
		if d > 9 {
			return -1
		}
		v = v*10 + int(d)
	}
	return v
}

// KommunLanOf returns the län of kommun code c and whether c is one:
// codes.IsKommun and kommunLan[c] in one lookup.
func (n *Names) KommunLanOf(c string) (lan string, ok bool) {
	if n.slow4 {
		return n.KommunLan[c], codes.IsKommun(c)
	}
	v := code4(c)
	if v < 0 || n.kommunAt[v] == 0 {
		return "", false
	}
	return n.kommunLans[n.kommunAt[v]-1], true
}

// IsSSYK4 is codes.IsSSYK4.
func (n *Names) IsSSYK4(c string) bool {
	if n.slow4 {
		return codes.IsSSYK4(c)
	}
	v := code4(c)
	return v >= 0 && n.ssyk4At[v]
}

// lanShort turns "Dalarnas län" into "Dalarna", "Kalmar län" into
// "Kalmar" (the short names AF and Region Dalarna use).
func lanShort(name string) string {
	s := strings.TrimSuffix(name, " län")
	if s != name {
		s = strings.TrimSuffix(s, "s")
	}
	return s
}

// SSYKList reads a published SSYK field: one code or a list separated by
// commas, semicolons or spaces. A 3-digit SSYK group is expanded to its
// unit groups ("261" -> 2611..2619); a 3-digit code that is a unit group
// once its lost leading zero is restored becomes that group ("310" ->
// 0310). expanded reports whether the field needed either. Codes must be
// in lmi/codes.
func SSYKList(s string) (out []string, expanded bool, msg string) {
	n := Lookups()
	toks := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '/' || r == '\t' })
	if len(toks) == 0 {
		return nil, false, "empty SSYK field"
	}
	if len(toks) > 1 {
		expanded = true
	}
	for _, t := range toks {
		t = strings.TrimSuffix(t, ".0") // a code stored as a float in a spreadsheet
		switch {
		case !input.Digits(t):
			return nil, false, fmt.Sprintf("SSYK code %q is not digits", t)
		case len(t) == 4 && n.SSYKLevel[t] == 4:
			out = append(out, t)
		case len(t) == 3 && n.SSYKLevel[t] == 3:
			out = append(out, n.ssyk3[t]...)
			expanded = true
		case len(t) == 3 && n.SSYKLevel["0"+t] == 4:
			out = append(out, "0"+t)
			expanded = true
		default:
			return nil, false, fmt.Sprintf("SSYK code %q is not a SSYK 2012 unit group (4 digits) or group (3 digits) in lmi/codes", t)
		}
	}
	slices.Sort(out)
	out = slices.Compact(out)
	return out, expanded, ""
}

// LanField reads a län as "01 Stockholms län", "01", "Stockholms län" or
// "Stockholm". A code with a name must agree with lmi/codes.
func LanField(s string) (string, string) {
	n := Lookups()
	s = strings.Join(strings.Fields(s), " ")
	code, name, _ := strings.Cut(s, " ")
	if len(code) == 1 && input.Digits(code) {
		code = "0" + code
	}
	if !input.Digits(code) {
		if c, ok := n.LanByName[input.Fold(s)]; ok {
			return c, ""
		}
		return "", fmt.Sprintf("%q is not a län code or name", s)
	}
	if !codes.IsLan(code) {
		return "", fmt.Sprintf("län code %q is not in lmi/codes", code)
	}
	if name != "" {
		if c, ok := n.LanByName[input.Fold(name)]; !ok || c != code {
			return "", fmt.Sprintf("län %q: code %s is %q", s, code, n.LanName[code])
		}
	}
	return code, ""
}
