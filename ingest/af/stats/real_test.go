package stats

import (
	"bytes"
	"fmt"
	"strings"
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

// TestVarselLatin1: a varsel file saved in Windows-1252 reads as its
// UTF-8 original.
func TestVarselLatin1(t *testing.T) {
	utf := []byte("tid,region,antal,manad_long\n2024-01,Dalarna,87,januari\n2024-02,Jämtland,<5,februari\n")
	latin := aftest.ToCP1252(string(utf))
	want, wantErr := ReadVarselCSV(bytes.NewReader(utf), "v.csv")
	got, gotErr := ReadVarselCSV(bytes.NewReader(latin), "v.csv")
	aftest.SameOutcome(t, "varsel", got, gotErr, want, wantErr)
	if wantErr != nil || len(got) != 2 || got[1].Region != "23" || !got[1].Censored {
		t.Fatalf("%v %+v", wantErr, got)
	}
}

// TestVarselReject: a bad row is left out with its position, the rest
// read.
func TestVarselReject(t *testing.T) {
	in := "tid,region,antal\n2024-01,Dalarna,87\n2024-02,Dalarna,-3\n2024-03,Dalarna,90\n"
	var got []string
	cs, err := ReadVarsel(strings.NewReader(in), "v.csv", VarselOptions{Reject: func(e *af.Error) error {
		got = append(got, fmt.Sprintf("%d %s %s", e.Line, e.Column, e.Value))
		return nil
	}})
	if err != nil || len(cs) != 2 || cs[1].Period != "2024-03" || len(got) != 1 || got[0] != "3 antal -3" {
		t.Errorf("%v: %+v, rejects %q", err, cs, got)
	}
}
