package codemap

import (
	"fmt"
	"testing"

	"lmi/codes"
)

// TestCodeLookups: the ad reader's array lookups answer as lmi/codes and
// the kommunLan map do, for every string of four digits, every code and
// some that are not.
func TestCodeLookups(t *testing.T) {
	n := Lookups()
	if n.slow4 {
		t.Error("a kommun or SSYK 4 code in lmi/codes is not four digits: the lookups go to lmi/codes")
	}
	check := func(c string) {
		lan, ok := n.KommunLanOf(c)
		if ok != codes.IsKommun(c) || lan != n.KommunLan[c] {
			t.Fatalf("kommunLanOf(%q) = %q, %v", c, lan, ok)
		}
		if n.IsSSYK4(c) != codes.IsSSYK4(c) {
			t.Fatalf("isSSYK4(%q) = %v", c, n.IsSSYK4(c))
		}
	}
	for v := range 10000 {
		check(fmt.Sprintf("%04d", v))
	}
	for _, e := range codes.SSYK(0) {
		check(e.Code)
	}
	for _, e := range codes.Lan() {
		check(e.Code)
	}
	for _, s := range []string{"", "0", "01", "018", "01800", " 0180", "0180 ", "O180", "0x10", "\x00180", "٠١٨٠", "+180", "-180"} {
		check(s)
	}
}
