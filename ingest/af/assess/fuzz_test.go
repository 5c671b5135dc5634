package assess

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"lmi/codes"
	"lmi/ingest/af"
	"lmi/ingest/af/internal/aftest"
)

func FuzzYrkesbarometer(f *testing.F) {
	aftest.AddSeeds(f, aftest.SharedHead("yrkesbarometer_2025-2_excerpt.json", 45),
		[]byte("[\n"+ybRecord1+"\n]"), []byte("["+ybRecord1+","+strings.Replace(ybRecord1, "4119", "4112", 1)+"]"),
		[]byte("["+ybRecord1+","+ybRecord1+"]"), []byte(aftest.HTMLPage), []byte("[null]"), []byte("[{\"lan\":[]}]"))
	f.Fuzz(func(t *testing.T, in []byte) {
		s, err := ReadYrkesbarometer(bytes.NewReader(in), "f.json")
		if err != nil {
			aftest.CheckErr(t, err, s == nil)
			return
		}
		aftest.CheckAssessments(t, s)
	})
}

func FuzzYrkesbarometerXLSX(f *testing.F) {
	f.Add("yb_concept_id\tlan\tssyk\tjobbmojligheter\trekryteringssituation\tprognos\tomgang\tdel_av_ssyk\nPDNm_NZ2_WRh\t00\t4119\tsmå\töverskott\tvara oförändrad\t2025-2\t0\nPDNm_NZ2_WRh\t1\t4119\tstora\tbrist\töka\t2025-2\t1")
	f.Add("Titel\nyb_concept_id\tlan\tssyk\tomgang\nX\t02\t310\t2025-1")
	f.Fuzz(func(t *testing.T, in string) {
		s, err := ReadYrkesbarometerXLSX(bytes.NewReader(aftest.CellsToXLSX(t, in, nil)), "f.xlsx")
		if err != nil {
			aftest.CheckErr(t, err, s == nil)
			return
		}
		aftest.CheckAssessments(t, s)
	})
}

func FuzzBristindexCSV(f *testing.F) {
	aftest.AddSeeds(f, aftest.SharedHead("bristindex_2018h_1ar_lan.csv", 8), aftest.SharedHead("bristindex_2018h_5ar_riket.csv", 8),
		[]byte(bristHeader+bristRow), []byte(bristHeader+bristRow+bristRow),
		[]byte(bristHeader+"03 Uppsala län,Admin,4223,Telefonister,-,-,-,0,\n"),
		[]byte("Yrkesområde,SSYK,Prognosyrke,omfem\nX,310,Soldater,3.79\nY,\"2223, 2226\",Z,4.74\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		for _, round := range []string{"", "2018H"} {
			s, err := ReadBristindexCSV(bytes.NewReader(in), "f.csv", BristindexOptions{Round: round})
			if err != nil {
				aftest.CheckErr(t, err, s == nil)
				continue
			}
			aftest.CheckAssessments(t, s)
		}
	})
}

func FuzzBristindexXLSX(f *testing.F) {
	f.Add("Län\tYrkesområde\tSSYK\tPrognosyrke\t(18H Om 1 år)\t(18H Klartext, Om 1 år)\t(18H Om 1 år)\t(18H Antal Kommuner Om 1 år)\tKorrigerat från\n01 Stockholms län\tAdm\t2411\tRevisorer\t3.42545\tViss brist\t4\t20\t \nInga val")
	f.Add("Yrkesområde\tSSYK\tPrognosyrke\tomfem\nA\t261\tJurister\t3.13")
	f.Fuzz(func(t *testing.T, in string) {
		s, err := ReadBristindexXLSX(bytes.NewReader(aftest.CellsToXLSX(t, in, nil)), "f.xlsx", BristindexOptions{Round: "2018H"})
		if err != nil {
			aftest.CheckErr(t, err, s == nil)
			return
		}
		aftest.CheckAssessments(t, s)
	})
}

func FuzzPrognosCSV(f *testing.F) {
	aftest.AddSeeds(f, aftest.SharedHead("yrkesprognos_v3_bedomning.csv", 8), aftest.SharedHead("yrkesprognos_v3_bedomning_2022.csv", 8),
		[]byte(prognosHeader+"1JfT_7TR_tqA;0;3;3;18053;1,13;;;;\n1JfT_7TR_tqA;6;;;;1,16;3;2;1;\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		p, err := ReadPrognosCSV(bytes.NewReader(in), "f.csv", PrognosOptions{Concepts: af.ConceptSSYK{"1JfT_7TR_tqA": {"2411"}}})
		if err != nil {
			aftest.CheckErr(t, err, p == nil)
			return
		}
		for _, r := range p.Rows {
			if len(r.Values) != len(p.Measures) {
				t.Fatalf("%d values for %d measures", len(r.Values), len(p.Measures))
			}
		}
		aftest.CheckAssessments(t, p.AssessmentSet())
	})
}

func FuzzPrognosHistorik(f *testing.F) {
	aftest.AddSeeds(f, aftest.SharedHead("yrkesprognos_v3_historik.csv", 30),
		[]byte("ar;antalEFT;conceptidprognosyrke\n2015;1,00;1JfT_7TR_tqA\n;;1JfT_7TR_tqA\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		h, err := ReadPrognosHistorikCSV(bytes.NewReader(in), "f.csv", nil)
		if err != nil {
			aftest.CheckErr(t, err, h == nil)
			return
		}
		for _, p := range h.Points {
			if p.Year < 1990 || p.Year > 2100 || p.Value < 0 || math.IsNaN(p.Value) || math.IsInf(p.Value, 0) {
				t.Fatalf("%+v", p)
			}
		}
	})
}

func FuzzPrognosTexter(f *testing.F) {
	aftest.AddSeeds(f, []byte(`{"prognoser":[{"ar":"2022","datatyp":"Bristindex","geografi":"Riket","ssyk":"7114","concept_id":"bZ4J_riZ_zK6","bristvarde":"4.0"},{"ar":"2026","geografi":"Riket","ssyk":"5322","concept_id":"no concept_id","bristvarde":"5.0"}]}`))
	if b := aftest.SharedHead("yrkesprognoser_2022_texter.json", 40); b != nil {
		f.Add(append(b, "}]}"...))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		s, m, err := ReadPrognosTexter(bytes.NewReader(in), "f.json")
		if err != nil {
			aftest.CheckErr(t, err, s == nil && m == nil)
			return
		}
		aftest.CheckAssessments(t, s)
		for _, v := range m {
			if len(v) != 1 || !codes.IsSSYK4(v[0]) {
				t.Fatalf("concept map %v", v)
			}
		}
	})
}

// FuzzXLSXBytes feeds raw (damaged) workbooks to the xlsx readers of
// assessments (stats has the same for its reader):
// excelize's errors and panics must come back as *Error.
func FuzzXLSXBytes(f *testing.F) {
	f.Add(aftest.CellsToXLSX(f, "Yrkesområde\tSSYK\tPrognosyrke\tomfem\nA\t261\tJurister\t3.13", nil))
	f.Add(aftest.CellsToXLSX(f, "Län\tArbetslösa\n01\t5\n03\t<5", [][2]string{{"A1", "A2"}}))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, in []byte) {
		if s, err := ReadBristindexXLSX(bytes.NewReader(in), "f.xlsx", BristindexOptions{Round: "2018H"}); err != nil {
			aftest.CheckErr(t, err, s == nil)
		} else {
			aftest.CheckAssessments(t, s)
		}
		if s, err := ReadYrkesbarometerXLSX(bytes.NewReader(in), "f.xlsx"); err != nil {
			aftest.CheckErr(t, err, s == nil)
		} else {
			aftest.CheckAssessments(t, s)
		}
	})
}
