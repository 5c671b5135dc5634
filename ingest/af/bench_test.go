package af

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"
	"testing"

	"lmi/codes"
)

// The benchmarks report MB/s (b.SetBytes) and allocs/op. Run with
//
//	go test ./ingest/af -run '^$' -bench . -benchmem

func BenchmarkReadAds(b *testing.B) {
	fixture := readFixture(b)
	var in bytes.Buffer
	for in.Len() < 8<<20 {
		in.Write(fixture)
	}
	data := in.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadAds(bytes.NewReader(data), "bench.jsonl", AdOptions{Taxonomy: fixtureTaxonomy}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadAdsGenerated reads 64 MB of generated 2 KB ads spread over
// all kommuner (the shape of TestAdsBoundedMemory). The reference
// sub-benchmark reads them as the reader did before its single-pass
// scanner (encoding/json, string-keyed cells).
func BenchmarkReadAdsGenerated(b *testing.B) {
	var in bytes.Buffer
	if _, err := in.ReadFrom(newAdGen(64 << 20)); err != nil {
		b.Fatal(err)
	}
	data := in.Bytes()
	for _, reference := range []bool{false, true} {
		name := "scan"
		if reference {
			name = "reference"
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				a := newAdAgg(AdOptions{})
				a.reference = reference
				if err := a.read(bytes.NewReader(data), "bench.jsonl"); err != nil {
					b.Fatal(err)
				}
				a.result()
			}
		})
	}
}

// benchShared times read over a file of ../shared/data/af (skipped when
// absent); records is the number of rows it must return.
func benchShared(b *testing.B, name string, records int, read func([]byte) (int, error)) {
	benchRecords(b, sharedBytes(b, name), records, "row", read)
}

// The real 1-year bristindex file: 3,969 rows, one assessment each.
func BenchmarkBristindexCSV(b *testing.B) {
	benchShared(b, "bristindex_2018h_1ar_lan.csv", 3969, func(d []byte) (int, error) {
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
	benchShared(b, "yrkesprognos_v3_bedomning.csv", 10614, func(d []byte) (int, error) {
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
	benchShared(b, "yrkesprognos_v3_historik.csv", 2089, func(d []byte) (int, error) {
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

// The real varsel file: 385 months of one län.
func BenchmarkVarselCSV(b *testing.B) {
	benchShared(b, "af_varsel_manad_dalarna_1992_2024.csv", 385, func(d []byte) (int, error) {
		cs, err := ReadVarselCSV(bytes.NewReader(d), "v.csv")
		return len(cs), err
	})
}

// BenchmarkStatsCSV reads a long-format sheet of 290 kommuner x 40 SSYK x
// 12 months (139,200 detail rows) with kommun total rows, checking totals.
func BenchmarkStatsCSV(b *testing.B) {
	rows, details := statsRows(12)
	var in bytes.Buffer
	for _, r := range rows {
		for i, v := range r {
			if i > 0 {
				in.WriteByte(';')
			}
			fmt.Fprint(&in, v)
		}
		in.WriteByte('\n')
	}
	benchRecords(b, in.Bytes(), len(rows)-4, "row", func(d []byte) (int, error) {
		res, err := ReadStatsCSV(bytes.NewReader(d), "s.csv", StatsOptions{Category: "inskrivna arbetslösa", CheckTotals: true})
		if err != nil {
			return 0, err
		}
		if len(res.Counts) != details {
			return 0, fmt.Errorf("%d counts, want %d", len(res.Counts), details)
		}
		return len(res.Counts) + res.Totals, nil
	})
}

// benchRecords times read over data, checks that it returns records
// records every time, and reports allocations per record (unit).
func benchRecords(b *testing.B, data []byte, records int, unit string, read func([]byte) (int, error)) {
	b.Helper()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for b.Loop() {
		n, err := read(data)
		if err != nil {
			b.Fatal(err)
		}
		if n != records {
			b.Fatalf("%d %ss, want %d", n, unit, records)
		}
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(b.N)/float64(records), "allocs/"+unit)
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
	return makeXLSX(b, xlsxSheet{name: "Yrkesbarometer", rows: rows})
}

// BenchmarkYrkesbarometerJSON reads 200 occupations x 22 geographies
// (5,280 records, 4.5 MB).
func BenchmarkYrkesbarometerJSON(b *testing.B) {
	g := genYrkesbarometer(200)
	benchRecords(b, g.json(), len(g.rows), "record", func(d []byte) (int, error) {
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
	benchRecords(b, g.xlsx(b), len(g.rows), "record", func(d []byte) (int, error) {
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
	data := makeXLSX(b, xlsxSheet{name: "Data", rows: append([][]any{head}, rows...)})
	benchRecords(b, data, len(rows), "row", func(d []byte) (int, error) {
		s, err := ReadBristindexXLSX(bytes.NewReader(d), "b.xlsx", BristindexOptions{})
		if err != nil {
			return 0, err
		}
		return len(s.Assessments), nil
	})
}

// statsRows is the long statistics sheet of BenchmarkStatsCSV: title
// lines, then months x 290 kommuner x (40 SSYK and a Totalt row), "<5"
// below five. It returns the rows and the number of detail cells.
func statsRows(months int) ([][]any, int) {
	rows := [][]any{{"Inskrivna arbetslösa efter kommun och yrke, 2024"}, {"Källa: Arbetsförmedlingen"}, nil, {"Månad", "Kommun", "Yrke (SSYK 4)", "Antal"}}
	ssyk := codes.SSYK(4)[:40]
	details := 0
	for m := 1; m <= months; m++ {
		for _, k := range codes.Kommuner() {
			tot := 0
			month, kom := fmt.Sprintf("2024-%02d", m), k.Code+" "+k.Name
			for i, s := range ssyk {
				n := (m*31 + i*7 + len(k.Name)) % 300
				tot += n
				var v any = n
				if n < 5 {
					v = "<5"
				}
				rows = append(rows, []any{month, kom, s.Code + " " + s.Name, v})
				details++
			}
			rows = append(rows, []any{month, kom, "Totalt", tot})
		}
	}
	return rows, details
}

// BenchmarkStatsXLSX reads the sheet of BenchmarkStatsCSV for three months
// (35,670 rows) as a workbook.
func BenchmarkStatsXLSX(b *testing.B) {
	rows, details := statsRows(3)
	data := makeXLSX(b, xlsxSheet{name: "Tabell 1", rows: rows})
	benchRecords(b, data, len(rows)-4, "row", func(d []byte) (int, error) {
		res, err := ReadStatsXLSX(bytes.NewReader(d), "s.xlsx", StatsOptions{Category: "inskrivna arbetslösa", CheckTotals: true})
		if err != nil {
			return 0, err
		}
		if len(res.Counts) != details {
			return 0, fmt.Errorf("%d counts, want %d", len(res.Counts), details)
		}
		return len(res.Counts) + res.Totals, nil
	})
}

// genTaxonomy writes a JobTech taxonomy dump shaped like
// jobtech_taxonomy_legacy_to_concept.json (2.2 MB and 13,373 concepts;
// the real one is 2.5 MB): every SSYK 4 group, kommun and län under its label, then
// foreign regions and other concept types lmi does not use. It returns
// the dump and its number of concepts.
func genTaxonomy() ([]byte, int) {
	types := []struct {
		name   string
		labels []string
	}{{"ssyk-level-4", nil}, {"municipality", nil}, {"region", nil}}
	for _, e := range codes.SSYK(4) {
		types[0].labels = append(types[0].labels, e.Name)
	}
	for _, k := range codes.Kommuner() {
		types[1].labels = append(types[1].labels, k.Name)
	}
	for _, l := range codes.Lan() {
		types[2].labels = append(types[2].labels, l.Name)
	}
	for i := 0; i < 1340; i++ {
		types[2].labels = append(types[2].labels, fmt.Sprintf("Utländsk region %d", i))
	}
	for _, o := range []struct {
		name string
		n    int
	}{{"country", 250}, {"isco-level-4", 436}, {"keyword", 550}, {"language", 435}, {"occupation-name", 3431}, {"skill", 5813}, {"sun-education-field-4", 377}} {
		t := struct {
			name   string
			labels []string
		}{name: o.name}
		for i := 0; i < o.n; i++ {
			t.labels = append(t.labels, fmt.Sprintf("%s %d", o.name, i))
		}
		types = append(types, t)
	}
	var buf bytes.Buffer
	n := 0
	buf.WriteString("{\n")
	for ti, t := range types {
		if ti > 0 {
			buf.WriteString(",\n")
		}
		fmt.Fprintf(&buf, "  %q : {\n", t.name)
		for i, l := range t.labels {
			if i > 0 {
				buf.WriteString(",\n")
			}
			id := fmt.Sprintf("%c%c%c%c_%03d_%03d", 'A'+ti%26, 'a'+i%26, 'A'+i/26%26, 'a'+i/676%26, i%1000, ti)
			fmt.Fprintf(&buf, "    \"%d\" : {\n      \"conceptId\" : %q,\n      \"legacyAmsTaxonomyId\" : \"%d\",\n      \"preferredLabel\" : %q,\n      \"type\" : %q\n    }", i, id, i, l, t.name)
			n++
		}
		buf.WriteString("\n  }")
	}
	buf.WriteString("\n}\n")
	return buf.Bytes(), n
}

// BenchmarkTaxonomy reads a generated taxonomy dump; a record is a
// concept of any type (ReadTaxonomy decodes them all).
func BenchmarkTaxonomy(b *testing.B) {
	data, concepts := genTaxonomy()
	benchRecords(b, data, concepts, "concept", func(d []byte) (int, error) {
		t, err := ReadTaxonomy(bytes.NewReader(d), "taxonomy.json")
		if err != nil {
			return 0, err
		}
		if len(t.Kommun) != 290 || len(t.Lan) != len(codes.Lan()) || len(t.SSYK) == 0 {
			return 0, fmt.Errorf("%d kommuner, %d län, %d SSYK matched", len(t.Kommun), len(t.Lan), len(t.SSYK))
		}
		return concepts, nil
	})
}
