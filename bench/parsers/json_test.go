package parsers

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"lmi/codes"
	"lmi/ingest/af/ads"
	"lmi/ingest/af/assess"
	"lmi/ingest/cube"
	"lmi/ingest/jsonstat"
	"lmi/ingest/pxjson"
)

// ---------------------------------------------------------------------------
// PxWeb responses: PX-JSON (v1 "json") and JSON-stat 2.0 (v2), both of
// employees by region x occupation x sex x year, one content, one ".."
// in 50 cells (the shapes of pxjson's and jsonstat's own benchmarks).

// pxJSON writes a v1 "json" response, every value a string as SCB sends
// them, and returns its cells.
func pxJSON(tb testing.TB, path string, regions, occupations, years int) (cells int64) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString(`{"columns":[{"code":"Region","text":"region","type":"d"},{"code":"Yrke2012","text":"Yrke (SSYK 2012)","type":"d"},` +
		`{"code":"Kon","text":"kön","type":"d"},{"code":"Tid","text":"år","type":"t"},` +
		`{"code":"000005G2","text":"Anställda (yrkesregistret) 16-64 år med arbetsplats i regionen (dagbef)","type":"c"}],"comments":[],"data":[`)
	x := uint32(7)
	for r := 0; r < regions; r++ {
		for o := 0; o < occupations; o++ {
			for s := 1; s <= 2; s++ {
				for y := 0; y < years; y++ {
					if cells > 0 {
						w.WriteByte(',')
					}
					cells++
					x ^= x << 13
					x ^= x >> 17
					x ^= x << 5
					v := fmt.Sprint(x % 100000)
					if x%50 == 0 {
						v = ".."
					}
					fmt.Fprintf(w, `{"key":["%02d","%04d","%d","%d"],"values":["%s"]}`, r, 1000+o, s, 2014+y, v)
				}
			}
		}
	}
	w.WriteString(`],"metadata":[{"label":"Anställda","source":"SCB","updated":"2021-05-25T08:00:00Z","infofile":"AM0208"}]}`)
	closeFile(tb, w, f)
	return cells
}

// jsonStat writes the same table as a JSON-stat 2.0 dataset with
// jsonstat.Encode (values an array with null where a cell has no number,
// statuses an object keyed by cell index) and returns its cells.
func jsonStat(tb testing.TB, path string, regions, occupations, years int) (cells int64) {
	tb.Helper()
	dim := func(code string, n int, format string, base int) cube.Dimension {
		d := cube.Dimension{Code: code, Label: code}
		for i := 0; i < n; i++ {
			c := fmt.Sprintf(format, base+i)
			d.Values = append(d.Values, cube.Value{Code: c, Label: "label " + c})
		}
		return d
	}
	t := cube.New([]cube.Dimension{
		dim("Region", regions, "%02d", 0),
		dim("Yrke2012", occupations, "%04d", 1000),
		dim("Kon", 2, "%d", 1),
		dim("Tid", years, "%d", 2014),
		dim("ContentsCode", 1, "0000%02d", 5),
	})
	t.ID, t.Title, t.Source = "TAB9999", "Anställda", "SCB"
	x := uint32(7)
	for i := range t.Values {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		if x%50 == 0 {
			t.SetStatus(i, cube.StatusMissing)
		} else {
			t.Set(i, float64(x%100000))
		}
	}
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if err := jsonstat.Encode(w, t); err != nil {
		tb.Fatal(err)
	}
	closeFile(tb, w, f)
	return int64(len(t.Values))
}

func lmiPXJSON(path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	t, err := pxjson.Decode(f, filepath.Base(path), nil)
	if err != nil {
		return 0, err
	}
	return int64(len(t.Values)), nil
}

func lmiJSONStat(path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	t, err := jsonstat.Decode(f, filepath.Base(path))
	if err != nil {
		return 0, err
	}
	return int64(len(t.Values)), nil
}

// pxJSONSQL unnests data into one row a cell: the four key codes and the
// value as a DOUBLE (NULL for ".."; lmi keeps it as a status).
func pxJSONSQL(path string) string {
	return `SELECT d.key[1] AS region, d.key[2] AS yrke, d.key[3] AS kon, d.key[4] AS tid, TRY_CAST(d."values"[1] AS DOUBLE) AS v
		FROM (SELECT unnest(data) AS d FROM read_json(` + sqlQuote(path) + `, format = 'unstructured', auto_detect = false,
		maximum_object_size = 1073741824, columns = {'data': 'STRUCT("key" VARCHAR[], "values" VARCHAR[])[]'}))`
}

// jsonStatSQL unnests value into one DOUBLE a cell, beside the status
// object's entries as (cell, status) pairs: unnest pads the shorter
// lists with NULL, so the table has one row a cell.
func jsonStatSQL(path string) string {
	return `SELECT unnest(value) AS value, TRY_CAST(unnest(map_keys(status)) AS INTEGER) AS status_cell, unnest(map_values(status)) AS status
		FROM read_json(` + sqlQuote(path) + `, format = 'unstructured', auto_detect = false, maximum_object_size = 1073741824,
		columns = {'value': 'DOUBLE[]', 'status': 'MAP(VARCHAR, VARCHAR)'})`
}

// BenchmarkPXJSON: a v1 response of 22 regions x 429 occupations x 2
// sexes x 8 years = 151,008 cells (just over SCB's 150,000-cell limit a
// call), 7.8 MB.
func BenchmarkPXJSON(b *testing.B) {
	path := filepath.Join(b.TempDir(), "yreg.json")
	cells := pxJSON(b, path, 22, 429, 8)
	compare(b, path, cells, cells, "cell", lmiPXJSON, pxJSONSQL(path), cells)
}

// BenchmarkJSONStat: the same cells as a JSON-stat 2.0 dataset (0.9 MB:
// JSON-stat sends no key a cell).
func BenchmarkJSONStat(b *testing.B) {
	path := filepath.Join(b.TempDir(), "yreg.jsonstat.json")
	cells := jsonStat(b, path, 22, 429, 8)
	compare(b, path, cells, cells, "cell", lmiJSONStat, jsonStatSQL(path), cells)
}

// ---------------------------------------------------------------------------
// AF's JSON files: the yrkesbarometer and the JobTech taxonomy dump.

// yrkesbarometerJSON writes occupations x 22 geographies ("00" and the 21
// län) of yrkesbarometer records, pretty printed like AF's
// yrkesbarometer.json, every fifth occupation split over two SSYK (two
// records a geography); the shape of af's BenchmarkYrkesbarometerJSON.
// It returns the records and the occupation x geography groups.
func yrkesbarometerJSON(tb testing.TB, path string, occupations int) (records, groups int64) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	header := []string{"yrkesomrade", "yb_yrke", "yb_concept_id", "lan", "antal_ssyk", "del_av_ssyk", "ssyk", "ssyk_text",
		"yb_beskrivning", "jobbmojligheter", "rekryteringssituation", "paradox", "prognos", "text_jobbmojligheter",
		"text_rekryteringssituation", "hogsta_bedomningsniva", "delvis_helt", "omgang", "taxonomi_version"}
	ssyk := codes.SSYK(4)
	geo := []string{"00"}
	for _, l := range codes.Lan() {
		geo = append(geo, l.Code)
	}
	job := []string{"små", "medelstora", "stora"}
	rek := []string{"överskott", "balans", "brist", "paradox"}
	prog := []string{"minska", "vara oförändrad", "öka"}
	w.WriteString("[\n")
	for o := 0; o < occupations; o++ {
		occ := fmt.Sprintf("Yb%02d_%03d_abc", o%100, o)
		s := []codes.Entry{ssyk[o%len(ssyk)]}
		if o%5 == 0 {
			s = append(s, ssyk[(o+7)%len(ssyk)])
		}
		for gi, l := range geo {
			groups++
			j, r, p := job[(o+gi)%3], rek[(o*3+gi)%4], prog[(o+2*gi)%3]
			for _, e := range s {
				del := 0
				if len(s) > 1 {
					del = 1
				}
				row := []any{"Administration, ekonomi, juridik", fmt.Sprintf("Yrke %d", o), occ, l, len(s), del, e.Code, e.Name,
					nil, j, r, nil, p,
					"Möjligheterna till arbete som " + e.Name + " bedöms vara " + j + " i regionen. På fem års sikt förväntas efterfrågan " + p + ".",
					"Rekryteringssituationen för " + e.Name + " bedöms kännetecknas av " + r + ". På fem års sikt förväntas efterfrågan " + p + ".",
					"nationellt", "helt", "2025-2", 27}
				if records > 0 {
					w.WriteString(",\n")
				}
				records++
				w.WriteString(" {\n")
				for c, h := range header {
					if c > 0 {
						w.WriteString(",\n")
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
					fmt.Fprintf(w, "  %q: %s", h, v)
				}
				w.WriteString("\n }")
			}
		}
	}
	w.WriteString("\n]\n")
	closeFile(tb, w, f)
	return records, groups
}

// taxonomyJSON writes a JobTech taxonomy dump shaped like
// jobtech_taxonomy_legacy_to_concept.json (2.2 MB, 13,373 concepts): every SSYK 4 group, kommun and län under its label, 1,340
// foreign regions, then other concept types lmi does not use (the shape
// of af's BenchmarkTaxonomy). It returns the concepts of all types and
// those of the three types lmi uses.
func taxonomyJSON(tb testing.TB, path string) (concepts, used int64) {
	tb.Helper()
	type ctype struct {
		name   string
		labels []string
	}
	types := []ctype{{"ssyk-level-4", nil}, {"municipality", nil}, {"region", nil}}
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
	for _, t := range types {
		used += int64(len(t.labels))
	}
	for _, o := range []struct {
		name string
		n    int
	}{{"country", 250}, {"isco-level-4", 436}, {"keyword", 550}, {"language", 435}, {"occupation-name", 3431}, {"skill", 5813}, {"sun-education-field-4", 377}} {
		t := ctype{name: o.name}
		for i := 0; i < o.n; i++ {
			t.labels = append(t.labels, fmt.Sprintf("%s %d", o.name, i))
		}
		types = append(types, t)
	}
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString("{\n")
	for ti, t := range types {
		if ti > 0 {
			w.WriteString(",\n")
		}
		fmt.Fprintf(w, "  %q : {\n", t.name)
		for i, l := range t.labels {
			if i > 0 {
				w.WriteString(",\n")
			}
			id := fmt.Sprintf("%c%c%c%c_%03d_%03d", 'A'+ti%26, 'a'+i%26, 'A'+i/26%26, 'a'+i/676%26, i%1000, ti)
			fmt.Fprintf(w, "    \"%d\" : {\n      \"conceptId\" : %q,\n      \"legacyAmsTaxonomyId\" : \"%d\",\n      \"preferredLabel\" : %q,\n      \"type\" : %q\n    }", i, id, i, l, t.name)
			concepts++
		}
		w.WriteString("\n  }")
	}
	w.WriteString("\n}\n")
	closeFile(tb, w, f)
	return concepts, used
}

// lmiYrkesbarometer returns the records read: three assessments a group
// of records of one occupation and geography, checked by the caller
// through want.
func lmiYrkesbarometer(groups int64) func(string) (int64, error) {
	return func(path string) (int64, error) {
		f, err := os.Open(path)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		s, err := assess.ReadYrkesbarometer(f, filepath.Base(path))
		if err != nil {
			return 0, err
		}
		if int64(len(s.Assessments)) != 3*groups {
			return 0, fmt.Errorf("%d assessments, want %d", len(s.Assessments), 3*groups)
		}
		return int64(len(s.Occupations)), nil
	}
}

// lmiTaxonomy returns the concepts of the three types it reads, matched
// or not.
func lmiTaxonomy(path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	t, err := ads.ReadTaxonomy(f, filepath.Base(path))
	if err != nil {
		return 0, err
	}
	n := int64(len(t.Kommun) + len(t.Lan) + len(t.SSYK))
	for _, u := range t.Unmatched {
		n += int64(u)
	}
	return n, nil
}

// yrkesbarometerSQL reads the fields lmi uses, one row a record.
func yrkesbarometerSQL(path string) string {
	return `SELECT * FROM read_json(` + sqlQuote(path) + `, format = 'array', auto_detect = false,
		columns = {'yb_yrke': 'VARCHAR', 'yb_concept_id': 'VARCHAR', 'lan': 'VARCHAR', 'del_av_ssyk': 'INTEGER', 'ssyk': 'VARCHAR',
		'jobbmojligheter': 'VARCHAR', 'rekryteringssituation': 'VARCHAR', 'prognos': 'VARCHAR', 'omgang': 'VARCHAR'})`
}

// taxonomySQL reads the three concept types lmi uses as maps from legacy
// id to concept and unnests them into one row a concept.
func taxonomySQL(path string) string {
	const concept = `MAP(VARCHAR, STRUCT("conceptId" VARCHAR, "preferredLabel" VARCHAR))`
	return `SELECT unnest(map_values("ssyk-level-4") || map_values(municipality) || map_values(region), recursive := true)
		FROM read_json(` + sqlQuote(path) + `, format = 'unstructured', auto_detect = false, maximum_object_size = 1073741824,
		columns = {'ssyk-level-4': '` + concept + `', 'municipality': '` + concept + `', 'region': '` + concept + `'})`
}

// BenchmarkYrkesbarometerJSON: 200 occupations x 22 geographies (5,280
// records, 4.5 MB; AF's full file is of this order).
func BenchmarkYrkesbarometerJSON(b *testing.B) {
	path := filepath.Join(b.TempDir(), "yrkesbarometer.json")
	records, groups := yrkesbarometerJSON(b, path, 200)
	// lmi returns its occupation x SSYK maps: one a record of "00".
	compare(b, path, records/22, records, "record", lmiYrkesbarometer(groups), yrkesbarometerSQL(path), records)
}

// BenchmarkTaxonomy: the JobTech dump (13,373 concepts, 2.2 MB; the real
// one is 2.5 MB).
func BenchmarkTaxonomy(b *testing.B) {
	path := filepath.Join(b.TempDir(), "taxonomy.json")
	concepts, used := taxonomyJSON(b, path)
	compare(b, path, used, concepts, "concept", lmiTaxonomy, taxonomySQL(path), used)
}

// TestSameRecordsJSON is TestSameRecords for the JSON inputs.
func TestSameRecordsJSON(t *testing.T) {
	dir := t.TempDir()
	db := openDuck(t)
	pj := filepath.Join(dir, "px.json")
	cells := pxJSON(t, pj, 3, 5, 4)
	sameRecords(t, db, "px-json", lmiPXJSON, pj, cells, pxJSONSQL(pj), cells)
	// ".." is NULL, every other value a number, every key found.
	var nulls, vals, keys int64
	if err := db.QueryRow(`SELECT count(*) FILTER (v IS NULL), count(v), count(tid) FROM t`).Scan(&nulls, &vals, &keys); err != nil || nulls+vals != cells || vals == 0 || keys != cells {
		t.Errorf("px-json: %d nulls, %d values, %d keys (err %v)", nulls, vals, keys, err)
	}

	js := filepath.Join(dir, "stat.json")
	cells = jsonStat(t, js, 3, 5, 4)
	sameRecords(t, db, "json-stat", lmiJSONStat, js, cells, jsonStatSQL(js), cells)
	var statuses int64
	if err := db.QueryRow(`SELECT count(*) FILTER (value IS NULL), count(value), count(status) FROM t`).Scan(&nulls, &vals, &statuses); err != nil || nulls+vals != cells || vals == 0 || statuses != nulls {
		t.Errorf("json-stat: %d nulls, %d values, %d statuses (err %v)", nulls, vals, statuses, err)
	}

	yb := filepath.Join(dir, "yb.json")
	records, groups := yrkesbarometerJSON(t, yb, 10)
	sameRecords(t, db, "yrkesbarometer", lmiYrkesbarometer(groups), yb, records/22, yrkesbarometerSQL(yb), records)
	var missing int64
	if err := db.QueryRow(`SELECT count(*) FROM t WHERE yb_concept_id IS NULL OR lan IS NULL OR ssyk IS NULL OR prognos IS NULL OR del_av_ssyk IS NULL`).Scan(&missing); err != nil || missing != 0 {
		t.Errorf("yrkesbarometer: %d rows with a missing field (err %v)", missing, err)
	}

	tx := filepath.Join(dir, "taxonomy.json")
	_, used := taxonomyJSON(t, tx)
	sameRecords(t, db, "taxonomy", lmiTaxonomy, tx, used, taxonomySQL(tx), used)
	if err := db.QueryRow(`SELECT count(*) FROM t WHERE "conceptId" IS NULL OR "preferredLabel" IS NULL`).Scan(&missing); err != nil || missing != 0 {
		t.Errorf("taxonomy: %d concepts without id or label (err %v)", missing, err)
	}
}
