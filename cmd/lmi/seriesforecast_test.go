package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// lmi forecast --series on a long CSV: two straight lines, where drift
// is exact and chosen at every step, written as forecast and
// forecast_models (.parquet and .csv), with what it did on standard
// error.
func TestForecastSeriesCSV(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "lines.csv")
	var b strings.Builder
	b.WriteString("region;year;count\n")
	for y := 2010; y <= 2019; y++ {
		t := y - 2010
		b.WriteString("01;" + strconv.Itoa(y) + ";" + strconv.Itoa(10+2*t) + "\n")
		b.WriteString("03;" + strconv.Itoa(y) + ";" + strconv.Itoa(100+5*t) + "\n")
	}
	if err := os.WriteFile(src, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	_, errOut, code := lmi(t, "forecast", "--series", src, "--period-col", "year", "--value-col", "count", "--key-col", "region",
		"--horizon", "2", "--origins", "0", "--out", out)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"forecast of 2 series from " + src + ", 2 periods ahead", "2 series over 2010..2019: backtested from 7 origins (7 scored)",
		"h=1: drift; backtest of the published forecast: MASE 0.143 of naive's", "wrote " + filepath.Join(out, "forecast_models.parquet")} {
		if !strings.Contains(errOut, want) {
			t.Errorf("standard error lacks %q:\n%s", want, errOut)
		}
	}
	got, err := os.ReadFile(filepath.Join(out, "forecast.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(got)), "\n")
	if len(lines) != 5 || lines[0] != "series,origin,period,h,last,forecast,lower_80,upper_80,lower_95,upper_95,model,reason" {
		t.Fatalf("forecast.csv:\n%s", got)
	}
	for i, want := range []string{"01,2019,2020,1,28.0,30.0,", "01,2019,2021,2,28.0,32.0,", "03,2019,2020,1,145.0,150.0,", "03,2019,2021,2,145.0,155.0,"} {
		if !strings.HasPrefix(lines[i+1], want) || !strings.Contains(lines[i+1], ",drift,") {
			t.Errorf("line %d: %s, want %s...drift", i+2, lines[i+1], want)
		}
	}
	models, err := os.ReadFile(filepath.Join(out, "forecast_models.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(models), "periods,model,h,chosen,forecasts,mase,naive_mase,ratio,directional,coverage_80,winkler_80,coverage_95,winkler_95\n") ||
		!strings.Contains(string(models), "2010..2019,drift,1,true,14,0.0,1.0,0.0,") {
		t.Errorf("forecast_models.csv:\n%s", models)
	}
	// lmi backtest --series scores the published forecast per step: at
	// step h it is naive's at the first origin and exact after, 1/(8-h)
	// of naive's MASE (naive's is 1 at every step here).
	bt, errOut, code := lmi(t, "backtest", "--series", src, "--period-col", "year", "--value-col", "count", "--key-col", "region",
		"--horizon", "2", "--origins", "0")
	if code != exitOK {
		t.Fatalf("backtest: exit %d: %s", code, errOut)
	}
	want := map[string][]string{
		"1": {"lmi", "1", "14", "0.143", "0.143"},
		"2": {"lmi", "2", "12", "0.333", "0.167"},
	}
	for _, line := range strings.Split(bt, "\n") {
		f := strings.Fields(line)
		if len(f) > 4 && f[0] == "lmi" && want[f[1]] != nil {
			if strings.Join(f[:5], " ") != strings.Join(want[f[1]], " ") {
				t.Errorf("backtest: %q, want %v", line, want[f[1]])
			}
			delete(want, f[1])
		}
	}
	if len(want) > 0 || !strings.Contains(bt, "with intervals calibrated on each model's backtest errors") {
		t.Errorf("backtest lacks the published forecast's steps %v:\n%s", want, bt)
	}
	if _, errOut, code := lmi(t, "forecast", "--series", src, "--period-col", "year", "--value-col", "count", "--key-col", "region", "--model", "prophet", "--out", out); code != exitUsage || !strings.Contains(errOut, "naive, drift") {
		t.Errorf("unknown model: exit %d, %s", code, errOut)
	}
}

// lmi forecast --series on SCB's monthly unemployment rates per län (BAS
// ArbStatusM, 2020-01 to 2024-01), with the fast candidates: twelve
// months ahead of 2024-01 for each of the 22 regions.
func TestForecastSeriesMonthlyCSV(t *testing.T) {
	const src = "../../../shared/data/scb/bas_arbstatusm_arbetsloshet_lan_2020_2024.csv"
	if _, err := os.Stat(src); err != nil {
		t.Skipf("SCB monthly unemployment series not available (%v): the shared reference data are not beside this checkout", err)
	}
	out := t.TempDir()
	_, errOut, code := lmi(t, "forecast", "--series", src, "--period-col", "Period", "--value-col", "arbetslöshet", "--key-col", "regionkod",
		"--model", "snaive,drift", "--out", out)
	if code != exitOK || !strings.Contains(errOut, "22 series over 2020-01..2024-01: backtested from 24 origins (12 scored)") {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	got, err := os.ReadFile(filepath.Join(out, "forecast.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(got)), "\n")
	if len(lines) != 1+22*12 || !strings.HasPrefix(lines[1], "00,2024-01,2024-02,1,") || !strings.HasPrefix(lines[12], "00,2024-01,2025-01,12,") {
		t.Errorf("forecast.csv: %d lines, %s ... %s", len(lines), lines[1], lines[12])
	}
}
