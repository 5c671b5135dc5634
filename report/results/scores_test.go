package results

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lmi/forecast/ts"
	"lmi/report/csvout"
)

// TestWriteScores: a line per series and model, rounded to three
// decimals, an empty cell for a score without forecasts; the excel-sv
// dialect with decimal commas.
func TestWriteScores(t *testing.T) {
	acc := func(n int, mase, dir, cov, wk float64) ts.Breakdown {
		a := ts.Accuracy{Forecasts: n, N: n, MASE: mase, Directional: dir}
		if n > 0 {
			a.Intervals = []ts.IntervalScore{{Level: 0.8, N: n, Coverage: cov, WinklerN: n, Winkler: wk}}
		}
		return ts.Breakdown{All: a}
	}
	m := &ts.Metrics{Models: []string{"naive", "damped"}, Series: [][]ts.Breakdown{
		{acc(12, 1, 0.5, 0.75, 4.25), acc(12, 0.81234, 2.0/3, 0.8333, 3.9996)},
		{acc(0, math.NaN(), math.NaN(), 0, 0), acc(3, 1.5, 1, 1, 2)},
	}}
	dir := t.TempDir()
	for _, tc := range []struct {
		dialect csvout.Dialect
		want    string
	}{
		{csvout.Default, "series,model,forecasts,mase,directional,coverage80,winkler80\n" +
			"lan/25/2512,naive,12,1.000,0.500,0.750,4.250\n" +
			"lan/25/2512,damped,12,0.812,0.667,0.833,4.000\n" +
			"lan/24/2512,naive,0,,,,\n" +
			"lan/24/2512,damped,3,1.500,1.000,1.000,2.000\n"},
		{csvout.ExcelSv, "\ufeff"},
	} {
		path := filepath.Join(dir, tc.dialect.Name+".csv")
		n, err := WriteScores(path, []string{"lan/25/2512", "lan/24/2512"}, m, tc.dialect)
		if err != nil || n != 4 {
			t.Fatalf("%s: %d rows, %v", tc.dialect.Name, n, err)
		}
		b, _ := os.ReadFile(path)
		if tc.dialect.Name == csvout.Default.Name && string(b) != tc.want {
			t.Errorf("default:\n%s\nwant\n%s", b, tc.want)
		}
		if tc.dialect.Name == csvout.ExcelSv.Name && (!strings.HasPrefix(string(b), tc.want) || !strings.Contains(string(b), ";damped;12;0,812;0,667;0,833;4,000\r\n")) {
			t.Errorf("excel-sv:\n%s", b)
		}
	}
}
