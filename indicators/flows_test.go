package indicators

import (
	"context"
	"math"
	"strings"
	"testing"

	"lmi/codes"
	"lmi/ingest/canonical"
	"lmi/store"
)

// loadCSV loads a CSV extract of a canonical table into db.
func loadCSV(t *testing.T, db *store.DB, table *canonical.Table, text string) {
	t.Helper()
	r, err := canonical.NewCSVReader(table, strings.NewReader(text), table.Name+".csv", canonical.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
	_, err = db.Load(context.Background(), table.Name, table.Name+"-test", r, func(int64) (store.Source, error) {
		if len(r.Rejects()) > 0 {
			return store.Source{}, r.Rejects()[0]
		}
		return store.Source{File: table.Name + ".csv", Format: "csv", RowsRead: r.RowsRead()}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// flowCase: one month, 2024-01, in Stockholms län (01) and Uppsala län (03).
//
//	          U    V    H    E (register, employed living there)
//	01 2512  10   20    5   70
//	01 5223  30   10    6   60
//	03 2512  20   10    4   80
func flowCase(t *testing.T) *store.DB {
	db := openWith(t, header+
		"2024,0180,0180,employed,2512,5-48,1,30,1,70\n"+
		"2024,0180,0180,employed,5223,3-34,2,30,1,60\n"+
		"2024,0380,0380,employed,2512,5-48,1,30,1,80\n")
	loadCSV(t, db, canonical.Jobseekers, "period,region,ssyk4,category,n\n"+
		"2024-01,01,2512,openly_unemployed,10\n2024-01,01,5223,openly_unemployed,30\n2024-01,03,2512,openly_unemployed,20\n")
	loadCSV(t, db, canonical.Vacancies, "period,region,ssyk4,n\n2024-01,01,2512,20\n2024-01,01,5223,10\n2024-01,03,2512,10\n")
	loadCSV(t, db, canonical.Hires, "period,region,ssyk4,n\n2024-01,01,2512,5\n2024-01,01,5223,6\n2024-01,03,2512,4\n")
	return db
}

func TestFlowFamiliesHandComputed(t *testing.T) {
	db := flowCase(t)
	p := DefaultParams()
	p.Levels = []codes.Level{codes.LevelLan, codes.LevelFA, codes.LevelRiket}
	p.K = 1
	got := computeAll(t, db, p)
	u01, v01 := 40.0/170, 30.0/160
	cases := map[string]float64{
		"tightness|arbetsmarknadslage|lan|01|2512":    2,
		"tightness|jobbchans|lan|01|2512":             0.5,
		"tightness|tillsattningsgrad|lan|01|2512":     0.25,
		"tightness|arbetsmarknadslage|riket|00|2512":  1,
		"tightness|jobbchans|riket|00|2512":           0.3,
		"tightness|antal_arbetssokande|riket|00|5223": 30,
		"beveridge|beveridge_u|lan|01|":               u01,
		"beveridge|beveridge_v|lan|01|":               v01,
		"beveridge|effektiv_arbetsloshet|lan|01|":     math.Sqrt(u01 * v01),
		"beveridge|arbetsloshetsgap|lan|01|":          u01 - math.Sqrt(u01*v01),
		// occupations within Stockholms län
		"mismatch|mismatch_jackman_roper|lan|01|TOT|TOT":  5.0 / 12,
		"mismatch|mismatch_layard_nickell|lan|01|TOT|TOT": 0.09765625,
		"mismatch|mismatch_sahin|lan|01|TOT|0.50":         1 - math.Sqrt(2.0/3*0.25) - math.Sqrt(1.0/3*0.75),
		// regions within 2512 at län level: u = (1/3, 2/3), v = (2/3, 1/3)
		"mismatch|mismatch_jackman_roper|lan|*|2512|TOT": 1.0 / 3,
		// a single region: no mismatch across regions
		"mismatch|mismatch_jackman_roper|riket|*|2512|TOT": 0,
	}
	for key, want := range cases {
		c, ok := got[key]
		if !ok {
			t.Errorf("%s: no such cell", key)
			continue
		}
		if c.value == nil || math.Abs(*c.value-want) > 1e-12 {
			t.Errorf("%s = %s, want %v", key, fmtPtr(c.value), want)
		}
	}
	// Flows given by län cannot be placed in FA regions (län and FA cut
	// across each other), except Gotland's.
	for key := range got {
		if strings.HasPrefix(key, "tightness|") && strings.Contains(key, "|fa|") {
			t.Errorf("län flows placed in an FA region: %s", key)
		}
	}
}
