package load

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"lmi/ingest/cube"
	"lmi/ingest/jsonstat"
	"lmi/store"
)

// An RMI E3 table downloaded from PxWebApi 2.0 (JSON-stat) loads into
// published_cells and the typed scb_rmi_e3, and lmi recomputes SCB's
// rates from SCB's counts on the way in: riket's förvärvsgrad published
// as 80.2 where the counts give 80.0 is reported, and kept as published.
func TestLoadRMIE3(t *testing.T) {
	texts := []string{
		"Anställda, helt matchade, antal (A)",
		"Anställda, delvis matchade, antal (B)",
		"Anställda, inte matchade, antal (C)",
		"Anställda utan tillräckliga uppgifter, antal (D)",
		"Totalt antal personer (justerat), antal (E)",
		"Förvärvsgrad (justerad), procent ((A+B+C)/E)",
		"Matchad förvärvsgrad, procent (A/E)",
		"Skillnad förvärvsgrad och matchad förvärvsgrad, procentenheter",
	}
	var contents []cube.Value
	for i, tx := range texts {
		contents = append(contents, cube.Value{Code: "000006" + string(rune('A'+i)), Label: tx})
	}
	tab := cube.New([]cube.Dimension{
		{Code: "Region", Role: cube.RoleGeo, Values: []cube.Value{{Code: "00", Label: "Riket"}, {Code: "20", Label: "Dalarnas län"}}},
		{Code: "UtbildngGrupp", Values: []cube.Value{{Code: "SAMT", Label: "samtliga utbildningsgrupper"}}},
		{Code: "ContentsCode", Role: cube.RoleMetric, Values: contents},
		{Code: "Tid", Role: cube.RoleTime, Values: []cube.Value{{Code: "2022", Label: "2022"}}},
	})
	tab.ID, tab.Title = "TAB6368", "Matchad förvärvsgrad"
	for r := range 2 {
		v := []float64{50, 20, 10, 5, 100, 80, 50, 30}
		if r == 0 {
			v[5] = 80.2
		}
		if r == 1 {
			v[3] = math.NaN()
		}
		for c, x := range v {
			off := tab.Offset([]int{r, 0, c, 0})
			if math.IsNaN(x) {
				tab.SetStatus(off, "..")
			} else {
				tab.Set(off, x)
			}
		}
	}
	path := filepath.Join(t.TempDir(), "tab6368.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := jsonstat.Encode(f, tab); err != nil {
		t.Fatal(err)
	}
	f.Close()
	db, err := store.Open(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rep, err := Any(t.Context(), db, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Table != "published_cells+scb_rmi_e3" || len(rep.Checks) != 2 ||
		rep.Checks[0] != "SCB RMI E3: 6 published rates and totals recomputed from SCB's counts, 1 differ" ||
		!strings.Contains(rep.Checks[1], "Region=00,UtbildngGrupp=SAMT 2022: forvarvsgrad published 80.2, recomputed 80.0000") {
		t.Fatalf("table %s, checks %q", rep.Table, rep.Checks)
	}
	var got string
	err = db.SQL().QueryRow(`SELECT string_agg(concat_ws('/', region, breakdown, period, a, d, forvarvsgrad, status), ';' ORDER BY region)
		FROM scb_rmi_e3`).Scan(&got)
	if want := "00/UtbildngGrupp=SAMT/2022/50.0/5.0/80.2;20/UtbildngGrupp=SAMT/2022/50.0/80.0/d=.."; err != nil || got != want {
		t.Errorf("scb_rmi_e3: %q (%v), want %q", got, err, want)
	}
}
