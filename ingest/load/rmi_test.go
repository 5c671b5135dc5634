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
	db, rep := loadJSONStat(t, tab)
	if rep.Table != "published_cells+scb_rmi_e3" || len(rep.Checks) != 2 ||
		rep.Checks[0] != "SCB RMI E3: 6 published rates and totals recomputed from SCB's counts, 1 differ" ||
		!strings.Contains(rep.Checks[1], "Region=00,UtbildngGrupp=SAMT 2022: forvarvsgrad published 80.2, recomputed 80.0000") {
		t.Fatalf("table %s, checks %q", rep.Table, rep.Checks)
	}
	var got string
	err := db.SQL().QueryRow(`SELECT string_agg(concat_ws('/', region, breakdown, period, a, d, forvarvsgrad, status), ';' ORDER BY region)
		FROM scb_rmi_e3`).Scan(&got)
	if want := "00/UtbildngGrupp=SAMT/2022/50.0/5.0/80.2;20/UtbildngGrupp=SAMT/2022/50.0/80.0/d=.."; err != nil || got != want {
		t.Errorf("scb_rmi_e3: %q (%v), want %q", got, err, want)
	}
}

// e4Table is an RMI E4 table as SCB writes it: region x education x
// ämnesmatch x nivåmatch x one content x year, the match values known by
// their texts (the codes here are made up). Cell i holds i+1; the cell of
// Dalarna, field "inte", level "okand" is "..".
func e4Table() *cube.Table {
	values := func(texts ...string) []cube.Value {
		var vs []cube.Value
		for i, tx := range texts {
			vs = append(vs, cube.Value{Code: string(rune('1' + i)), Label: tx})
		}
		return vs
	}
	tab := cube.New([]cube.Dimension{
		{Code: "Region", Role: cube.RoleGeo, Values: []cube.Value{{Code: "00", Label: "Riket"}, {Code: "20", Label: "Dalarnas län"}}},
		{Code: "Utbildning", Values: []cube.Value{{Code: "SAMT", Label: "samtliga utbildningsgrupper"}}},
		{Code: "AmneMatch", Values: values("utb. inriktning stämmer inte med yrket", "utb. inriktning stämmer delvis med yrket",
			"utb. inriktning stämmer helt med yrket", "inte tillräckliga uppgifter")},
		{Code: "NivaMatch", Values: values("utb. nivå lägre än vad yrket kräver", "utb. nivå högre än vad yrket kräver",
			"utb. nivå rätt för yrket", "inte tillräckliga uppgifter")},
		{Code: "ContentsCode", Role: cube.RoleMetric, Values: []cube.Value{{Code: "0000059E", Label: "Anställda 20-64 år"}}},
		{Code: "Tid", Role: cube.RoleTime, Values: []cube.Value{{Code: "2022", Label: "2022"}}},
	})
	tab.ID, tab.Title = "RegionInd19E4N1", "Anställda efter ämnes- och nivåmatchning"
	for i := range tab.Values {
		tab.Set(i, float64(i+1))
	}
	tab.SetStatus(tab.Offset([]int{1, 0, 0, 3, 0, 0}), "..")
	return tab
}

// An RMI E4 table loads into published_cells and the typed scb_rmi_e4,
// the match texts in lmi's words.
func TestLoadRMIE4(t *testing.T) {
	db, rep := loadJSONStat(t, e4Table())
	if want := "SCB RMI E4: 32 counts by field and level match, 1 without a number"; rep.Table != "published_cells+scb_rmi_e4" || len(rep.Checks) != 1 || rep.Checks[0] != want {
		t.Fatalf("table %s, checks %q", rep.Table, rep.Checks)
	}
	// Riket: field inte x level lagre is cell 0 (1), field helt x level
	// ratt cell 2*4+2 (11); Dalarna's start at 17.
	var got string
	err := db.SQL().QueryRow(`SELECT string_agg(concat_ws('/', region, breakdown, period, field_match, level_match, coalesce(CAST(n AS VARCHAR), status)), ';'
			ORDER BY region, field_match, level_match)
		FROM scb_rmi_e4 WHERE (field_match, level_match) IN (('inte', 'lagre'), ('helt', 'ratt'), ('inte', 'okand'))`).Scan(&got)
	want := "00/Utbildning=SAMT/2022/helt/ratt/11.0;00/Utbildning=SAMT/2022/inte/lagre/1.0;00/Utbildning=SAMT/2022/inte/okand/4.0;" +
		"20/Utbildning=SAMT/2022/helt/ratt/27.0;20/Utbildning=SAMT/2022/inte/lagre/17.0;20/Utbildning=SAMT/2022/inte/okand/.."
	if err != nil || got != want {
		t.Errorf("scb_rmi_e4\n %q (%v)\nwant\n %q", got, err, want)
	}
}

// An RMI M2 table (matchningsgrad, one rate and no counts: region x sex x
// age or birth group x year, as RegionInd19M2N) loads into the typed
// scb_rmi_m2 as published.
func TestLoadRMIM2(t *testing.T) {
	tab := cube.New([]cube.Dimension{
		{Code: "Region", Role: cube.RoleGeo, Values: []cube.Value{{Code: "00", Label: "Riket"}, {Code: "20", Label: "Dalarnas län"}}},
		{Code: "Kon", Values: []cube.Value{{Code: "SAMANST", Label: "totalt"}}},
		{Code: "AlderFodelselandgr", Values: []cube.Value{{Code: "20-64", Label: "20-64 år"}}},
		{Code: "ContentsCode", Role: cube.RoleMetric, Values: []cube.Value{{Code: "000005SF", Label: "Matchningsgrad, procent "}}},
		{Code: "Tid", Role: cube.RoleTime, Values: []cube.Value{{Code: "2022", Label: "2022"}}},
	})
	tab.ID = "RegionInd19M2N"
	tab.Set(0, 68.4)
	tab.SetStatus(1, "..")
	db, rep := loadJSONStat(t, tab)
	if want := "SCB RMI M2: 2 rates as published (M2 has no counts to recompute them from)"; rep.Table != "published_cells+scb_rmi_m2" || len(rep.Checks) != 1 || rep.Checks[0] != want {
		t.Fatalf("table %s, checks %q", rep.Table, rep.Checks)
	}
	var got string
	err := db.SQL().QueryRow(`SELECT string_agg(concat_ws('/', region, breakdown, period, matchningsgrad, status), ';' ORDER BY region)
		FROM scb_rmi_m2`).Scan(&got)
	if want := "00/Kon=SAMANST,AlderFodelselandgr=20-64/2022/68.4;20/Kon=SAMANST,AlderFodelselandgr=20-64/2022/matchningsgrad=.."; err != nil || got != want {
		t.Errorf("scb_rmi_m2: %q (%v), want %q", got, err, want)
	}
}

// loadJSONStat writes tab as a JSON-stat file, as PxWebApi 2.0 gives it,
// and loads it into a new in-memory store.
func loadJSONStat(t *testing.T, tab *cube.Table) (*store.DB, *Report) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "table.json")
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
	t.Cleanup(func() { db.Close() })
	rep, err := Any(t.Context(), db, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return db, rep
}

// TestLoadRMISupply: RMI U1a, U1b, U3 and E2B tables load into
// published_cells and their typed tables, each checked against its own
// totals on the way in; a difference is reported and the number kept as
// published.
func TestLoadRMISupply(t *testing.T) {
	for _, c := range []struct {
		kind, table string
		texts       []string
		values      []float64 // the second region's; the first has the last value off by one
		check       string
		query, want string
	}{
		{"U1a", "scb_rmi_u1a", []string{"Förvärvsarbetande (A)", "- Varav studerande som förvärvsarbetar", "- Varav anställda",
			"- Varav egenföretagare", "Inskrivna arbetslösa på Arbetsförmedlingen (B)", "Inte i arbetskraften (C)", "- Varav studerande",
			"- Varav övriga", "Totalt antal personer (A+B+C)"},
			[]float64{70, 5, 60, 10, 10, 20, 8, 12, 100},
			"SCB RMI U1a: 4 published totals checked against their parts, 1 differ",
			"concat_ws('/', forvarvsarbetande, inskrivna_arbetslosa, studerande, totalt)", "70.0/10.0/8.0/101.0;70.0/10.0/8.0/100.0"},
		{"U1b", "scb_rmi_u1b", []string{"I arbetskraften", "Inte i arbetskraften", "Totalt antal personer"},
			[]float64{80, 20, 100},
			"SCB RMI U1b: 2 published totals checked against their parts, 1 differ",
			"concat_ws('/', i_arbetskraften, inte_i_arbetskraften, totalt)", "80.0/20.0/101.0;80.0/20.0/100.0"},
		// 1000 to 1010: 30 - 25 + 40 - 45 + 6 + 4 = 10.
		{"U3", "scb_rmi_u3", []string{"Befolkning år 1, 18-64 år", "Befolkning år 2, 18-64 år", "Nettoförändring mellan år 1 och 2",
			"- Varav åldersinträden (18-åringar)", "- Varav åldersutträden (65-åringar)", "- Varav inflyttare till regionen",
			"- Varav utflyttare från regionen", "- Varav examinerade inom regionen", "- Varav vidareutbildade inom regionen"},
			[]float64{1000, 1010, 10, 30, 25, 40, 45, 6, 4},
			// The value off is a part: the net change differs from the
			// sum of the parts, not from the populations'.
			"SCB RMI U3: 4 published totals checked against their parts, 1 differ",
			"concat_ws('/', befolkning_ar1, nettoforandring, utflyttare, vidareutbildade)", "1000.0/10.0/45.0/5.0;1000.0/10.0/45.0/4.0"},
		{"E2B", "scb_rmi_e2b", []string{"Nya förvärvsarbetande, antal", "Jobbytare, antal", "Totalt jobbinflöde, antal",
			"Andel nya förvärvsarbetande, procent", "Andel jobbytare, procent", "Andel totalt jobbinflöde, procent"},
			[]float64{30, 50, 80, 3.1, 5.0, 8.1},
			"SCB RMI E2B: 4 published totals checked against their parts, 1 differ",
			"concat_ws('/', jobbinflode, andel_jobbinflode)", "80.0/9.1;80.0/8.1"},
	} {
		var contents []cube.Value
		for i, tx := range c.texts {
			contents = append(contents, cube.Value{Code: "00000" + string(rune('A'+i)), Label: tx})
		}
		tab := cube.New([]cube.Dimension{
			{Code: "Region", Role: cube.RoleGeo, Values: []cube.Value{{Code: "00", Label: "Riket"}, {Code: "20", Label: "Dalarnas län"}}},
			{Code: "UtbildngGrupp", Values: []cube.Value{{Code: "SAMT", Label: "samtliga utbildningsgrupper"}}},
			{Code: "Kon", Values: []cube.Value{{Code: "1+2", Label: "totalt"}}},
			{Code: "ContentsCode", Role: cube.RoleMetric, Values: contents},
			{Code: "Tid", Role: cube.RoleTime, Values: []cube.Value{{Code: "2022", Label: "2022"}}},
		})
		tab.ID = "RegionInd19" + c.kind
		for r := range 2 {
			for i, x := range c.values {
				if r == 0 && i == len(c.values)-1 {
					x++
				}
				tab.Set(tab.Offset([]int{r, 0, 0, i, 0}), x)
			}
		}
		db, rep := loadJSONStat(t, tab)
		if rep.Table != "published_cells+"+c.table || len(rep.Checks) != 2 || rep.Checks[0] != c.check || !strings.Contains(rep.Checks[1], "Region=00,") {
			t.Errorf("%s: table %s, checks %q", c.kind, rep.Table, rep.Checks)
			continue
		}
		var got string
		err := db.SQL().QueryRow(`SELECT string_agg(` + c.query + `, ';' ORDER BY region) FROM ` + c.table +
			` WHERE breakdown = 'UtbildngGrupp=SAMT,Kon=1+2' AND breakdown_label = 'samtliga utbildningsgrupper, totalt' AND period = '2022'`).Scan(&got)
		if err != nil || got != c.want {
			t.Errorf("%s: %q (%v), want %q", c.table, got, err, c.want)
		}
	}
}
