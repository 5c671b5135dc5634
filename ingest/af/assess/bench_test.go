package assess

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"lmi/codes"
	"lmi/ingest/af/internal/aftest"
)

// The real 1-year bristindex file: 3,969 rows, one assessment each.
func BenchmarkBristindexCSV(b *testing.B) {
	aftest.BenchShared(b, "bristindex_2018h_1ar_lan.csv", 3969, func(d []byte) (int, error) {
		s, err := ReadBristindexCSV(bytes.NewReader(d), "b.csv", BristindexOptions{})
		if err != nil {
			return 0, err
		}
		return len(s.Assessments), nil
	})
}

// The real bedömning file: 10,614 rows of occupation x FA region. The
// benchmark also walks the rows' 71,335 assessments, as the loader
// does.
func BenchmarkPrognosCSV(b *testing.B) {
	aftest.BenchShared(b, "yrkesprognos_v3_bedomning.csv", 10614, func(d []byte) (int, error) {
		p, err := ReadPrognosCSV(bytes.NewReader(d), "p.csv", PrognosOptions{})
		if err != nil {
			return 0, err
		}
		n := 0
		for range p.All() {
			n++
		}
		if n != 71335 {
			return 0, fmt.Errorf("%d assessments, want 71,335", n)
		}
		return len(p.Rows), nil
	})
}

// The real historik file: 2,089 rows (one blank: an id only).
func BenchmarkPrognosHistorikCSV(b *testing.B) {
	aftest.BenchShared(b, "yrkesprognos_v3_historik.csv", 2089, func(d []byte) (int, error) {
		h, err := ReadPrognosHistorikCSV(bytes.NewReader(d), "h.csv", nil)
		if err != nil {
			return 0, err
		}
		years := map[[2]any]bool{}
		for _, p := range h.Points {
			years[[2]any{p.Occupation, p.Year}] = true
		}
		return len(years) + len(h.Blank), nil
	})
}

// ybGen is a generated yrkesbarometer: occupations x 22 geographies ("00"
// and the 21 län), one SSYK a record, every fifth occupation split over
// two SSYK (two records a geography), with the real file's free texts.
type ybGen struct {
	header []string
	rows   [][]any
	groups int // occupation x geography: three assessments each
}

func genYrkesbarometer(occupations int) ybGen {
	g := ybGen{header: []string{"yrkesomrade", "yb_yrke", "yb_concept_id", "lan", "antal_ssyk", "del_av_ssyk", "ssyk", "ssyk_text",
		"yb_beskrivning", "jobbmojligheter", "rekryteringssituation", "paradox", "prognos", "text_jobbmojligheter",
		"text_rekryteringssituation", "hogsta_bedomningsniva", "delvis_helt", "omgang", "taxonomi_version"}}
	ssyk := codes.SSYK(4)
	geo := []string{"00"}
	for _, l := range codes.Lan() {
		geo = append(geo, l.Code)
	}
	job := []string{"små", "medelstora", "stora"}
	rek := []string{"överskott", "balans", "brist", "paradox"}
	prog := []string{"minska", "vara oförändrad", "öka"}
	for o := 0; o < occupations; o++ {
		occ := fmt.Sprintf("Yb%02d_%03d_abc", o%100, o)
		s := []codes.Entry{ssyk[o%len(ssyk)]}
		if o%5 == 0 {
			s = append(s, ssyk[(o+7)%len(ssyk)])
		}
		for gi, l := range geo {
			g.groups++
			j, r, p := job[(o+gi)%3], rek[(o*3+gi)%4], prog[(o+2*gi)%3]
			for _, e := range s {
				del := 0
				if len(s) > 1 {
					del = 1
				}
				g.rows = append(g.rows, []any{"Administration, ekonomi, juridik", fmt.Sprintf("Yrke %d", o), occ, l, len(s), del, e.Code, e.Name,
					nil, j, r, nil, p,
					"Möjligheterna till arbete som " + e.Name + " bedöms vara " + j + " i regionen. På fem års sikt förväntas efterfrågan " + p + ".",
					"Rekryteringssituationen för " + e.Name + " bedöms kännetecknas av " + r + ". På fem års sikt förväntas efterfrågan " + p + ".",
					"nationellt", "helt", "2025-2", 27})
			}
		}
	}
	return g
}

// json writes the records as AF's yrkesbarometer.json does (a pretty
// printed array, paradox an empty list, yb_beskrivning null).
func (g ybGen) json() []byte {
	var buf bytes.Buffer
	buf.WriteString("[\n")
	for i, row := range g.rows {
		if i > 0 {
			buf.WriteString(",\n")
		}
		buf.WriteString(" {\n")
		for c, h := range g.header {
			if c > 0 {
				buf.WriteString(",\n")
			}
			var v []byte
			switch {
			case h == "paradox":
				v = []byte("[]")
			case row[c] == nil:
				v = []byte("null")
			default:
				v, _ = json.Marshal(row[c])
			}
			fmt.Fprintf(&buf, "  %q: %s", h, v)
		}
		buf.WriteString("\n }")
	}
	buf.WriteString("\n]\n")
	return buf.Bytes()
}

// xlsx writes the records under a title row and a header row.
func (g ybGen) xlsx(b testing.TB) []byte {
	head := make([]any, len(g.header))
	for i, h := range g.header {
		head[i] = h
	}
	rows := append([][]any{{"Yrkesbarometer omgång 2025-2"}, nil, head}, g.rows...)
	return aftest.MakeXLSX(b, aftest.XLSXSheet{Name: "Yrkesbarometer", Rows: rows})
}

// BenchmarkYrkesbarometerJSON reads 200 occupations x 22 geographies
// (5,280 records, 4.5 MB).
func BenchmarkYrkesbarometerJSON(b *testing.B) {
	g := genYrkesbarometer(200)
	aftest.BenchRecords(b, g.json(), len(g.rows), "record", func(d []byte) (int, error) {
		s, err := ReadYrkesbarometer(bytes.NewReader(d), "yb.json")
		if err != nil {
			return 0, err
		}
		if len(s.Assessments) != 3*g.groups {
			return 0, fmt.Errorf("%d assessments, want %d", len(s.Assessments), 3*g.groups)
		}
		return len(g.rows), nil
	})
}

// BenchmarkYrkesbarometerXLSX reads the same records as a workbook.
func BenchmarkYrkesbarometerXLSX(b *testing.B) {
	g := genYrkesbarometer(200)
	aftest.BenchRecords(b, g.xlsx(b), len(g.rows), "record", func(d []byte) (int, error) {
		s, err := ReadYrkesbarometerXLSX(bytes.NewReader(d), "yb.xlsx")
		if err != nil {
			return 0, err
		}
		if len(s.Assessments) != 3*g.groups {
			return 0, fmt.Errorf("%d assessments, want %d", len(s.Assessments), 3*g.groups)
		}
		return len(g.rows), nil
	})
}

// bristRows is a bristindex 1-year file by län: occupations x 21 län, in
// the layout of bristindex_2018h_1ar_lan (one row in 40 not assessed).
func bristRows(occupations int) [][]any {
	labels := map[int]string{}
	for l, c := range BristindexClasses {
		labels[c] = l
	}
	ssyk := codes.SSYK(4)
	var rows [][]any
	x := uint32(7)
	for _, l := range codes.Lan() {
		for o := 0; o < occupations; o++ {
			x ^= x << 13
			x ^= x >> 17
			x ^= x << 5
			v := 1 + float64(x%400000)/100000
			row := []any{l.Code + " " + l.Name, "Administration, ekonomi och juridik", ssyk[o%len(ssyk)].Code, fmt.Sprintf("Prognosyrke %d", o)}
			if x%40 == 0 {
				row = append(row, "-", "-", "-", 20, nil)
			} else {
				c := BristindexClass(v)
				row = append(row, v, labels[c], c, 20, nil)
			}
			rows = append(rows, row)
		}
	}
	return rows
}

// BenchmarkBristindexXLSX reads 190 occupations x 21 län (3,990 rows) in
// the original workbook's headers.
func BenchmarkBristindexXLSX(b *testing.B) {
	rows := bristRows(190)
	head := []any{"Län", "Yrkesområde", "SSYK", "Prognosyrke", "(18H Om 1 år)", "(18H Klartext, Om 1 år)", "(18H Om 1 år)", "(18H Antal Kommuner Om 1 år)", "Korrigerat från"}
	data := aftest.MakeXLSX(b, aftest.XLSXSheet{Name: "Data", Rows: append([][]any{head}, rows...)})
	aftest.BenchRecords(b, data, len(rows), "row", func(d []byte) (int, error) {
		s, err := ReadBristindexXLSX(bytes.NewReader(d), "b.xlsx", BristindexOptions{})
		if err != nil {
			return 0, err
		}
		return len(s.Assessments), nil
	})
}
