package panel

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lmi/forecast/ts"
)

// sharedData is ../shared/data relative to the repository root.
const sharedData = "../../../../shared/data"

var (
	yregFile = filepath.Join(sharedData, "scb", "yreg60_lan_ssyk4_kon_2014_2021.csv")
	basFile  = filepath.Join(sharedData, "scb", "bas_arbstatusm_arbetsloshet_lan_2020_2024.csv")
)

func readTable(t testing.TB, path string, cols Columns) *Table {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("SCB reference file not present (%v): this checkout has no ../shared/data beside the repository", err)
	}
	defer f.Close()
	tab, err := ReadLong(f, cols)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

// yregPanels builds SCB YREG60's employment by län x SSYK 4 (summed over
// sex, the series with mean >= 20) and riket x SSYK 4 (summed over län,
// mean >= 20), with the 2019 and 2020 breaks declared.
func yregPanels(t testing.TB) (lan, riket *Panel) {
	tab := readTable(t, yregFile, Columns{Keys: []string{"lan", "ssyk4"}, Time: "ar", Value: "anstallda"})
	all, err := FromTable(tab, func(k []string) Key { return Key{Region: k[0], Occupation: k[1]} })
	if err != nil {
		t.Fatal(err)
	}
	nat, err := FromTable(tab, func(k []string) Key { return Key{Region: "00", Occupation: k[1]} })
	if err != nil {
		t.Fatal(err)
	}
	lan = all.Filter(func(i int) bool { return all.Mean(i) >= 20 })
	riket = nat.Filter(func(i int) bool { return nat.Mean(i) >= 20 })
	for _, p := range []*Panel{lan, riket} {
		if err := p.SetBreaks("2019", "2020"); err != nil {
			t.Fatal(err)
		}
	}
	return lan, riket
}

// sizeBands groups series by mean employed: 20-49, 50-199, 200+.
func sizeBands(p *Panel) ([]int, []string) {
	g := make([]int, len(p.Values))
	for i := range g {
		switch m := p.Mean(i); {
		case m >= 200:
			g[i] = 2
		case m >= 50:
			g[i] = 1
		}
	}
	return g, []string{"20-49", "50-199", "200+"}
}

func printComparison(t testing.TB, title string, c *ts.Comparison) {
	var b strings.Builder
	fmt.Fprintf(&b, "\n%s (ratio to %s on shared forecasts)\n", title, c.Reference)
	fmt.Fprintf(&b, "%-12s %-7s %-3s %7s %7s %6s %6s %6s %6s %6s %8s %8s\n", "model", "band", "h", "n", "MASE", "ratio", "dir", "dir>5%", "cov80", "cov95", "W80", "W95")
	for m, name := range c.Models {
		for g, gname := range c.Groups {
			for h := range c.Cells[m][g] {
				s := c.Cells[m][g][h]
				hs := "all"
				if h > 0 {
					hs = fmt.Sprint(h)
				}
				fmt.Fprintf(&b, "%-12s %-7s %-3s %7d %7.3f %6.3f %6.3f %6.3f %6.3f %6.3f %8.3g %8.3g\n", name, gname, hs,
					s.Forecasts, s.MASE, s.Ratio, s.Directional, s.MovedDirectional,
					s.Intervals[0].Coverage, s.Intervals[1].Coverage, s.Intervals[0].Winkler, s.Intervals[1].Winkler)
			}
		}
	}
	t.Log(b.String())
}

func yearlyCandidates() []Model {
	return []Model{
		PerSeries{Model: ts.Naive{}},
		PerSeries{Model: ts.Drift{}},
		PerSeries{Model: ts.Theta{}},
		PerSeries{Model: ts.Damped{}},
		PerSeries{Model: ts.ETS{}},
		Growth{Label: "natshare", Phi: 0.5},
		Growth{Label: "growth", Region: true, Phi: 0.5, Revert: true},
		Growth{Label: "growth-8", Region: true, Phi: 0.8, Revert: true},
		Median("median", PerSeries{Model: ts.Naive{}}, PerSeries{Model: ts.Theta{}}, Growth{Region: true, Phi: 0.5, Revert: true}),
	}
}

func TestExploreYREG(t *testing.T) {
	lan, riket := yregPanels(t)
	t.Logf("län x SSYK 4: %d series, riket x SSYK 4: %d, times %v, breaks %v", len(lan.Keys), len(riket.Keys), lan.Times, lan.Breaks)
	models := yearlyCandidates()
	for _, c := range []struct {
		name string
		p    *Panel
	}{{"län", lan}, {"riket", riket}} {
		res, err := Backtest(c.p, models, Config{Horizon: 4})
		if err != nil {
			t.Fatal(err)
		}
		res, _, err = Publish(c.p, res, ChooseConfig{})
		if err != nil {
			t.Fatal(err)
		}
		iv := NewIntervals(c.p, res, []float64{0.8, 0.95})
		g, gn := sizeBands(c.p)
		cmp, err := ts.Compare(res, ts.CompareConfig{Group: g, Groups: gn, Origins: []int{4, 5, 6, 7}, MinChange: 0.05, Interval: iv.Interval})
		if err != nil {
			t.Fatal(err)
		}
		printComparison(t, c.name, cmp)
		for _, nw := range []bool{false} {
			iv := NewIntervals(c.p, res, []float64{0.8, 0.95})
			for o := 4; o <= 7; o++ {
				cmp, _ := ts.Compare(res, ts.CompareConfig{Models: []string{"naive", "growth", "lmi"}, Origins: []int{o}, Interval: iv.Interval})
				line := ""
				for m := range cmp.Models {
					for h := 1; h <= 4; h++ {
						if o+h <= 8 {
							s := cmp.Cells[m][0][h]
							line += fmt.Sprintf(" %.2f/%.2f", s.Intervals[0].Coverage, s.Intervals[1].Coverage)
						}
					}
					line += " |"
				}
				cal := iv.Calibration(res.Model("lmi"), o)
				t.Logf("nowiden %v origin %d: %s  neff %v sd %v", nw, o, line, []float64{cal.Steps[0].NEff, cal.Steps[1].NEff}, cal.Steps[0].SpreadSD)
			}
		}
	}
}
