package forecast

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"lmi/forecast/ts"
	"lmi/ingest/canonical"
	"lmi/store"
)

func TestParsePeriod(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Period
		ok   bool
	}{
		{"2024", Period{2024, 0, 1}, true},
		{"2024K1", Period{2024, 1, 4}, true},
		{"2024Q4", Period{2024, 4, 4}, true},
		{"2024-01", Period{2024, 1, 12}, true},
		{"2024M12", Period{2024, 12, 12}, true},
		{"2024-1", Period{2024, 1, 12}, true},
		{" 2024M03 ", Period{2024, 3, 12}, true},
		{"2024K5", Period{}, false},
		{"2024M13", Period{}, false},
		{"2024-001", Period{}, false},
		{"24", Period{}, false},
		{"abcd", Period{}, false},
		{"2024X1", Period{}, false},
		{"", Period{}, false},
	} {
		got, err := ParsePeriod(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParsePeriod(%q) = %v, %v; want %v ok=%v", c.in, got, err, c.want, c.ok)
		}
	}
	if p := (Period{2024, 3, 12}); p.String() != "2024-03" || (Period{2024, 2, 4}).String() != "2024K2" {
		t.Errorf("String: %s", p)
	}
}

func TestReadSeriesCSV(t *testing.T) {
	cols := CSVColumns{Period: "period", Value: "value", Keys: []string{"region"}}
	good := "\ufeffregion;period;value\n01;2024M02;5,5\n01;2024M01;5,0\n02;2024M01;3\n02;2024M02;4\n01;2024M03;6\n"
	ss, err := ReadSeriesCSV(strings.NewReader(good), "u.csv", cols)
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 2 || ss[0].Key != "01" || ss[0].Start != (Period{2024, 1, 12}) || ss[0].Period != 12 ||
		len(ss[0].Values) != 3 || ss[0].Values[0] != 5 || ss[0].Values[1] != 5.5 || ss[0].Values[2] != 6 {
		t.Fatalf("got %+v", ss)
	}
	for _, c := range []struct{ name, text, want string }{
		{"gap", "region,period,value\n01,2024-01,1\n01,2024-03,2\n", "u.csv:3: series 01: missing period before 2024-03"},
		{"twice", "region,period,value\n01,2024-01,1\n01,2024-01,2\n", "u.csv:3: series 01: period 2024-01 given twice"},
		{"dots", "region,period,value\n01,2024-01,..\n", `u.csv:2: column value: ".." is not a number`},
		{"no column", "region,month,value\n01,2024-01,1\n", `u.csv:1: no column "period"`},
		{"mixed", "region,period,value\n01,2024-01,1\n01,2024K2,1\n", "u.csv:3: series 01: period 2024K2 is not of the frequency"},
		{"period", "region,period,value\n01,jan 2024,1\n", `u.csv:2: period "jan 2024"`},
		{"empty", "region,period,value\n", "u.csv: no observations"},
		{"html", "<html><body>Error</body></html>\n", `u.csv:1: no column "period"`},
	} {
		_, err := ReadSeriesCSV(strings.NewReader(c.text), "u.csv", cols)
		var se *SeriesError
		if !errors.As(err, &se) || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: %v, want a SeriesError starting %q", c.name, err, c.want)
		}
	}
}

func FuzzReadSeriesCSV(f *testing.F) {
	f.Add("region,period,value\n01,2024-01,1\n01,2024-02,2\n")
	f.Add("region;period;value\n01;2024K1;1,5\n01;2024K2;2\n")
	f.Add("region,period,value\n01,2024-01,1\n01,2024-01,2\n")
	f.Add("region,period,value\n\"01,2024-01,1\n")
	if b, err := os.ReadFile(basFile); err == nil {
		f.Add(string(b[:min(len(b), 2000)]))
	}
	cols := CSVColumns{Period: "period", Value: "value", Keys: []string{"region"}}
	f.Fuzz(func(t *testing.T, text string) {
		ss, err := ReadSeriesCSV(strings.NewReader(text), "f.csv", cols)
		if err != nil {
			return
		}
		for _, s := range ss {
			if s.Len() == 0 || s.Period != ss[0].Period {
				t.Fatalf("series %q: %d values, period %d", s.Key, s.Len(), s.Period)
			}
		}
	})
}

// basFile is SCB's monthly unemployment rate (BAS, ArbStatusM) per län.
const basFile = "../../shared/data/scb/bas_arbstatusm_arbetsloshet_lan_2020_2024.csv"

// TestRealMonthlySeries backtests the seasonal toolbox on SCB's monthly
// unemployment rates of riket and the 21 län, 2020-01 to 2024-01: the
// seasonal models must beat the random walk over the last 6 origins (up to
// 6 months ahead; unemployment has a strong seasonal pattern).
func TestRealMonthlySeries(t *testing.T) {
	f, err := os.Open(basFile)
	if err != nil {
		t.Skipf("SCB monthly unemployment series not available (%v): the shared reference data are not beside this checkout", err)
	}
	defer f.Close()
	ss, err := ReadSeriesCSV(f, basFile, CSVColumns{Period: "Period", Value: "arbetslöshet", Keys: []string{"regionkod"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 22 || ss[0].Key != "00" || ss[0].Len() != 49 || ss[0].Start != (Period{2020, 1, 12}) {
		t.Fatalf("%d series, first %q with %d values from %s", len(ss), ss[0].Key, ss[0].Len(), ss[0].Start)
	}
	res, err := BacktestSeries(ss, SeriesModels(12), 12, 6)
	if err != nil {
		t.Fatal(err)
	}
	m := ts.Evaluate(res, ts.MetricsConfig{})
	mase := map[string]float64{}
	for i, name := range m.Models {
		mase[name] = m.Pooled[i].All.MASE
		if n := m.Pooled[i].All.Forecasts; n != 22*(6+5+4+3+2+1) {
			t.Errorf("%s: %d forecasts", name, n)
		}
	}
	t.Logf("pooled MASE: %v", mase)
	for _, name := range []string{"snaive", "arima"} {
		if mase[name] >= mase["naive"] {
			t.Errorf("%s MASE %.3f does not beat naive %.3f", name, mase[name], mase["naive"])
		}
	}
}

// The flow tables hold only cells with a count: a month missing for one
// region is a zero, and every region spans the table's months.
func TestStoreSeriesFillsZeros(t *testing.T) {
	db, err := store.Open(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	loadCSV(t, db, canonical.Jobseekers, "js.csv", "period,region,ssyk4,category,n\n"+
		"2024-01,01,2512,openly_unemployed,5\n2024-01,01,5321,openly_unemployed,2\n"+
		"2024-03,01,2512,openly_unemployed,4\n2024-02,03,2512,openly_unemployed,1\n")
	ss, err := StoreSeries(t.Context(), db.SQL(), SourceJobseekers)
	if err != nil {
		t.Fatal(err)
	}
	if len(ss) != 2 || ss[0].Key != "01" || fmt.Sprint(ss[0].Values) != "[7 0 4]" ||
		ss[1].Key != "03" || fmt.Sprint(ss[1].Values) != "[0 1 0]" || ss[1].Start != (Period{2024, 1, 12}) {
		t.Errorf("got %+v", ss)
	}
	if _, err := StoreSeries(t.Context(), db.SQL(), SourceTightness); err == nil || !strings.Contains(err.Error(), "nothing in the store") {
		t.Errorf("tightness without vacancies: %v", err)
	}
	if _, err := StoreSeries(t.Context(), db.SQL(), "persons"); err == nil {
		t.Error("unknown source: no error")
	}
}
