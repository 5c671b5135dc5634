package assess

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"lmi/codes"
	"lmi/ingest/af"
	"lmi/ingest/af/internal/aftest"
)

func TestReadConceptMap(t *testing.T) {
	cases := []struct {
		name, in string
		want     string // fmt of the map, sorted by Go's map printing
	}{
		{"plain", "concept_id,ssyk4\n1JfT_7TR_tqA,2512\n", "map[1JfT_7TR_tqA:[2512]]"},
		{"two SSYK, sorted", "concept_id,ssyk4\n1JfT_7TR_tqA,2516\n1JfT_7TR_tqA,2512\n", "map[1JfT_7TR_tqA:[2512 2516]]"},
		{"semicolons, label, comment, CRLF", "# from the yrkesprognos team\r\nssyk4;label;concept_id\r\n2512;Mjukvaruutvecklare;1JfT_7TR_tqA\r\n\r\n0310;Soldater;bZ4J_riZ_zK6\r\n",
			"map[1JfT_7TR_tqA:[2512] bZ4J_riZ_zK6:[0310]]"},
		{"Latin-1 label", "concept_id,ssyk4,namn\n1JfT_7TR_tqA,2512,Utvecklare \xe5\n", "map[1JfT_7TR_tqA:[2512]]"},
	}
	for _, c := range cases {
		m, err := ReadConceptMap(strings.NewReader(c.in), "m.csv")
		if err != nil || fmt.Sprint(m) != c.want {
			t.Errorf("%s: %v %v, want %s", c.name, err, m, c.want)
		}
	}
	h := "concept_id,ssyk4\n"
	broken := []aftest.BrokenCase{
		{Name: "unknown SSYK", In: []byte(h + "1JfT_7TR_tqA,2599\n"), Kind: af.ErrUnknownCode, Line: 2, Column: "ssyk4", Msg: "unit group"},
		{Name: "SSYK 3", In: []byte(h + "1JfT_7TR_tqA,251\n"), Kind: af.ErrUnknownCode, Line: 2, Column: "ssyk4"},
		{Name: "not a concept", In: []byte(h + "Mjukvaruutvecklare,2512\n"), Kind: af.ErrValue, Line: 2, Column: "concept_id", Msg: "concept id"},
		{Name: "same pair twice", In: []byte(h + "1JfT_7TR_tqA,2512\n# again\n1JfT_7TR_tqA,2512\n"), Kind: af.ErrDuplicate, Line: 4, Column: "ssyk4", Msg: "already at line 2"},
		{Name: "no ssyk4 column", In: []byte("concept_id,yrke\n1JfT_7TR_tqA,x\n"), Kind: af.ErrHeader, Msg: "ssyk4"},
		{Name: "header only", In: []byte(h), Kind: af.ErrNotData, Msg: "no concepts"},
		{Name: "only comments", In: []byte("# nothing\n"), Kind: af.ErrNotData, Msg: "no header"},
		{Name: "html", In: []byte(aftest.HTMLPage), Kind: af.ErrNotData, Msg: "HTML"},
	}
	aftest.CheckBroken(t, broken, func(in []byte) error {
		_, err := ReadConceptMap(bytes.NewReader(in), "m.csv")
		return err
	})
}

func FuzzConceptMap(f *testing.F) {
	aftest.AddSeeds(f, []byte("concept_id,ssyk4\n1JfT_7TR_tqA,2512\n1JfT_7TR_tqA,2516\n"),
		[]byte("#c\nssyk4;concept_id;x\n0310;bZ4J_riZ_zK6;\"a;b\"\n"), []byte("concept_id,ssyk4\n\"1JfT_7TR_tqA\",\"2512\"\n"),
		[]byte(aftest.HTMLPage), []byte("concept_id,concept_id,ssyk4\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		m, err := ReadConceptMap(bytes.NewReader(in), "f.csv")
		if err != nil {
			aftest.CheckErr(t, err, m == nil)
			return
		}
		if len(m) == 0 {
			t.Fatal("an empty map without an error")
		}
		for c, ss := range m {
			if !af.IsConcept(c) || len(ss) == 0 {
				t.Fatalf("%q: %v", c, ss)
			}
			for i, s := range ss {
				if !codes.IsSSYK4(s) || i > 0 && ss[i-1] >= s {
					t.Fatalf("%q: %v not sorted distinct unit groups", c, ss)
				}
			}
		}
	})
}
