package panel

import (
	"strings"
	"testing"
)

// FuzzReadLong reads arbitrary text as a long table: no panic; an error
// comes with no table; a table has one value per series and time and
// consecutive, well-formed times of one period.
func FuzzReadLong(f *testing.F) {
	f.Add("lan,ssyk4,kon,ar,anstallda\n01,0110,1,2014,195\n01,0110,2,2014,3\n01,0111,1,2015,7\n")
	f.Add("regionkod;Period;arbetslöshet\n00;2020-01;6,1\n00;2020-03;..\n")
	f.Add("k\tar\tv\na\t2024K1\t1\n")
	f.Add("lan,ar,anstallda\n\"01\",2014,\"1,5\"\n")
	f.Fuzz(func(t *testing.T, in string) {
		tab, err := ReadLong(strings.NewReader(in), Columns{Keys: []string{"lan"}, Time: "ar", Value: "anstallda"})
		if err != nil {
			if tab != nil {
				t.Fatalf("table and error %v", err)
			}
			return
		}
		if len(tab.Times) == 0 || len(tab.Times) > maxPeriods || len(tab.Keys) != len(tab.Values) {
			t.Fatalf("shape: %d times, %d keys, %d series", len(tab.Times), len(tab.Keys), len(tab.Values))
		}
		for i, tl := range tab.Times {
			ix, per, err := parseTime(tl)
			if err != nil || per != tab.Period {
				t.Fatalf("time %q: %v, period %d", tl, err, per)
			}
			if i > 0 {
				prev, _, _ := parseTime(tab.Times[i-1])
				if ix != prev+1 {
					t.Fatalf("times %q, %q not consecutive", tab.Times[i-1], tl)
				}
			}
		}
		for _, v := range tab.Values {
			if len(v) != len(tab.Times) {
				t.Fatalf("series of %d values for %d times", len(v), len(tab.Times))
			}
		}
	})
}
