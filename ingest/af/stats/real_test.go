package stats

import (
	"testing"

	"lmi/ingest/af"
	"lmi/ingest/af/internal/aftest"
)

func TestVarselReal(t *testing.T) {
	cs, err := ReadVarselCSV(aftest.Shared(t, "af_varsel_manad_dalarna_1992_2024.csv"), "af_varsel_manad_dalarna_1992_2024.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 385 || cs[0] != (af.Count{Period: "1992-01", Region: "20", N: 490, Category: CategoryVarsel}) {
		t.Errorf("%d counts, first %+v", len(cs), cs[0])
	}
	for _, c := range cs {
		if c.Period == "2008-12" && c.N != 962 {
			t.Errorf("2008-12: %+v", c)
		}
	}
	if last := cs[len(cs)-1]; last.Period != "2024-01" || last.N != 87 {
		t.Errorf("last %+v", last)
	}
}
