package ads

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"lmi/codes"
	"lmi/ingest/af"
	"lmi/ingest/af/internal/aftest"
	"lmi/ingest/af/internal/codemap"
)

// fixtureTaxonomy holds the concept ids the ad fixture needs (they agree
// with the JobTech taxonomy dump; TestTaxonomyReal checks the first).
var fixtureTaxonomy = &Taxonomy{
	SSYK:   map[string]string{"957L_kZK_rHZ": "4323", "DJh5_yyF_hEM": "2512", "BStc_SJh_DKG": "5120"},
	Kommun: map[string]string{"biN6_UiL_Qob": "2584", "AvNB_uwa_6n6": "0180", "PVZL_BQT_XtL": "1480"},
	Lan:    map[string]string{"9hXe_F4g_eTG": "25", "CifL_Rzy_Mku": "01", "zdoY_6u5_Krt": "14"},
}

func readFixture(t testing.TB) []byte {
	b, err := os.ReadFile("testdata/ads/ads.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func counts(cs []af.Count) map[string]float64 {
	m := map[string]float64{}
	for _, c := range cs {
		m[c.Period+" "+c.Region+" "+c.SSYK] = c.N
	}
	return m
}

// TestAdsFixture checks the hand-computed aggregates of
// testdata/ads/ads.jsonl (14 ads built from the real JobSearch ad; see
// testdata/README.md for each ad's purpose).
func TestAdsFixture(t *testing.T) {
	v, err := ReadAds(bytes.NewReader(readFixture(t)), "ads.jsonl", AdOptions{Taxonomy: fixtureTaxonomy, ByPlace: true})
	if err != nil {
		t.Fatal(err)
	}
	if v.Report.Ads != 14 || v.Report.Vacancies != 21 {
		t.Errorf("report %d ads, %v vacancies; want 14, 21", v.Report.Ads, v.Report.Vacancies)
	}
	wantKommun := map[string]float64{
		"2018-10 2584 ": 1, "2018-10 0180 ": 3,
		"2018-11 1480 ": 1, "2018-11 0180 ": 1,
		"2019-01 2584 ": 4, "2019-01 0180 ": 2, "2019-01 1480 ": 2,
	}
	if got := counts(v.ByKommun); !aftest.MapsEqual(got, wantKommun) {
		t.Errorf("by kommun\n got %v\nwant %v", got, wantKommun)
	}
	wantLan := map[string]float64{
		"2018-10 25 4323": 1, "2018-10 01 2512": 3,
		"2018-11 14 5120": 1, "2018-11 01 5120": 1,
		"2019-01 25 4323": 4, "2019-01 01 2512": 4, "2019-01 01 ": 1, "2019-01 01 4323": 1, "2019-01 14 2512": 2,
	}
	if got := counts(v.ByLanSSYK); !aftest.MapsEqual(got, wantLan) {
		t.Errorf("by län x SSYK\n got %v\nwant %v", got, wantLan)
	}
	// Each ad once, in its kommun, else its län (ad 8: kommun 9999).
	wantPlace := map[string]float64{
		"2018-10 2584 4323": 1, "2018-10 0180 2512": 3,
		"2018-11 1480 5120": 1, "2018-11 0180 5120": 1,
		"2019-01 2584 4323": 4, "2019-01 0180 4323": 1, "2019-01 0180 ": 1, "2019-01 01 2512": 4, "2019-01 1480 2512": 2,
	}
	if got := counts(v.ByPlace); !aftest.MapsEqual(got, wantPlace) {
		t.Errorf("by place\n got %v\nwant %v", got, wantPlace)
	}
	wantReasons := map[string]ReasonCount{
		ReasonNoDate: {1, 1}, ReasonNoLan: {1, 1}, ReasonUnknownLan: {1, 1}, ReasonUnknownKommun: {1, 4},
		ReasonNoSSYK: {1, 1}, ReasonLanConflict: {1, 1}, ReasonSSYKConflict: {1, 1}, ReasonDefaulted: {2, 2},
	}
	if !aftest.MapsEqual(v.Report.Reasons, wantReasons) {
		t.Errorf("reasons\n got %v\nwant %v", v.Report.Reasons, wantReasons)
	}
	checkAdSums(t, v)
	for _, c := range append(v.ByKommun, v.ByLanSSYK...) {
		if c.Category != CategoryAds || c.Censored || math.IsNaN(c.N) {
			t.Errorf("%+v", c)
		}
	}

	// Without the taxonomy, concept-only ads lose their kommun or SSYK,
	// and are reported.
	v, err = ReadAds(bytes.NewReader(readFixture(t)), "ads.jsonl", AdOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r := v.Report.Reasons; r[ReasonNoKommun] != (ReasonCount{1, 2}) || r[ReasonUnknownSSYK] != (ReasonCount{1, 1}) || r[ReasonSSYKConflict].Ads != 0 {
		t.Errorf("reasons without taxonomy: %v", r)
	}
	if got := counts(v.ByLanSSYK); got["2019-01 01 "] != 2 || got["2019-01 25 4323"] != 4 {
		t.Errorf("without taxonomy: %v", got)
	}
	checkAdSums(t, v)
}

// checkAdSums checks that every vacancy is either in a table or reported.
func checkAdSums(t *testing.T, v *Vacancies) {
	t.Helper()
	sum := func(cs []af.Count) (s float64) {
		for _, c := range cs {
			s += c.N
		}
		return
	}
	r := v.Report.Reasons
	if got, want := sum(v.ByLanSSYK), v.Report.Vacancies-r[ReasonNoDate].Vacancies-r[ReasonNoLan].Vacancies-r[ReasonUnknownLan].Vacancies-r[ReasonSeveralLan].Vacancies; got != want {
		t.Errorf("län table holds %v vacancies, want %v", got, want)
	}
	if got, want := sum(v.ByKommun), sum(v.ByLanSSYK)-r[ReasonNoKommun].Vacancies-r[ReasonUnknownKommun].Vacancies; got != want {
		t.Errorf("kommun table holds %v vacancies, want %v", got, want)
	}
	if v.ByPlace == nil {
		return
	}
	// ByPlace is ByLanSSYK with the kommun where known, and ByKommun
	// broken down by SSYK.
	lanOf, kommunOf := map[string]float64{}, map[string]float64{}
	for _, c := range v.ByPlace {
		lan := c.Region
		if len(c.Region) == 4 {
			lan = codemap.Lookups().KommunLan[c.Region]
			kommunOf[c.Period+" "+c.Region+" "] += c.N
		}
		lanOf[c.Period+" "+lan+" "+c.SSYK] += c.N
	}
	if !aftest.MapsEqual(lanOf, counts(v.ByLanSSYK)) || !aftest.MapsEqual(kommunOf, counts(v.ByKommun)) {
		t.Errorf("by place %v does not add up to by län %v and by kommun %v", counts(v.ByPlace), counts(v.ByLanSSYK), counts(v.ByKommun))
	}
}

// TestAdsOtherSchemas reads AF's source format (Swedish keys), scraped
// schema.org postings, and ads wrapped in an Elasticsearch response or an
// object, pretty-printed or on one line.
func TestAdsOtherSchemas(t *testing.T) {
	source := `{"annonsId": 1, "publiceringsdatum": "2019-03-28 06:30:44", "antalPlatser": 2,
  "yrkesroll": {"namn": "Diskare", "varde": "5556"},
  "arbetsplatsadress": {"lan": {"namn": "Stockholms län", "varde": "01"}, "kommun": {"namn": "Stockholm", "varde": "0180"}}}`
	scraped := []string{
		// a kommun name; an occupation-name id that is not SSYK
		`{"originalJobPosting": {"datePosted": "2020-04-21", "totalJobOpenings": 3, "jobLocation": {"address": "Malmö", "@type": "Place"},
		  "relevantOccupation": {"name": "Interaktionsdesigner", "occupationalCategory": {"codeValue": "7575"}}}, "id": 1, "yrke": "Designer", "ort": null}`,
		// a län and its kommun; no totalJobOpenings
		`{"originalJobPosting": {"datePosted": "2020-04-22", "jobLocation": [{"address": "Uppsala län"}, {"address": "Uppsala"}]}, "ort": "Uppsala"}`,
		// "Sweden" does not place it; ort (a län) does
		`{"originalJobPosting": {"datePosted": "2020-04-14", "jobLocation": [{"address": "Sweden"}]}, "ort": "Stockholms län"}`,
		// a län followed by a kommun; a PostalAddress
		`{"originalJobPosting": {"datePosted": "2020-01-07", "totalJobOpenings": 100, "jobLocation": {"address": "Västra Götalands län Vänersborg"}}}`,
		`{"originalJobPosting": {"datePosted": "2020-01-08", "jobLocation": {"address": {"addressLocality": "Hindås", "addressRegion": "Västra Götalands län"}}}}`,
		// several län: nowhere; abroad: nowhere; no date
		`{"originalJobPosting": {"datePosted": "2020-02-01", "jobLocation": [{"address": "Blekinge län"}, {"address": "Dalarnas län"}]}}`,
		`{"originalJobPosting": {"datePosted": "2020-02-02", "totalJobOpenings": 3, "jobLocation": {"address": null}}, "ort": "Estland"}`,
		`{"originalJobPosting": {"jobLocation": {"address": "Malmö"}}, "ort": "Malmö"}`,
	}
	es := `{"took": 7, "hits": {"total": 1, "hits": [{"_index": "platsannons", "_source": {"publication_date": "2018-10-19T00:00:00",
  "occupation_group": {"legacy_ams_taxonomy_id": "4323"}, "workplace_address": {"municipality_code": "2584"}}}]}}`
	oneLine := func(s string) string { return strings.ReplaceAll(s, "\n", "") }
	cases := []struct {
		name, in string
		place    map[string]float64
		reasons  map[string]ReasonCount
	}{
		{"source format, wrapped and pretty-printed", "{\n  \"testannonser\": [\n" + source + "\n  ]\n}\n",
			map[string]float64{"2019-03 0180 ": 2}, map[string]ReasonCount{ReasonUnknownSSYK: {1, 2}}},
		{"source format, one line", oneLine(source) + "\n",
			map[string]float64{"2019-03 0180 ": 2}, map[string]ReasonCount{ReasonUnknownSSYK: {1, 2}}},
		{"scraped array", "[" + strings.Join(scraped, ",\n") + "]",
			map[string]float64{"2020-04 1280 ": 3, "2020-04 0380 ": 1, "2020-04 01 ": 1, "2020-01 1487 ": 100, "2020-01 14 ": 1},
			map[string]ReasonCount{ReasonUnknownSSYK: {1, 3}, ReasonNoSSYK: {4, 103}, ReasonNoKommun: {2, 2}, ReasonSeveralLan: {1, 1},
				ReasonNoLan: {1, 3}, ReasonNoDate: {1, 1}, ReasonDefaulted: {5, 5}}},
		{"Elasticsearch response, pretty-printed", "{\n" + es[1:] + "\n",
			map[string]float64{"2018-10 2584 4323": 1}, map[string]ReasonCount{ReasonDefaulted: {1, 1}}},
		{"Elasticsearch responses, one a line", oneLine(es) + "\n" + oneLine(es) + "\n",
			map[string]float64{"2018-10 2584 4323": 2}, map[string]ReasonCount{ReasonDefaulted: {2, 2}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v, err := ReadAds(strings.NewReader(c.in), "ads.json", AdOptions{ByPlace: true})
			if err != nil {
				t.Fatal(err)
			}
			if got := counts(v.ByPlace); !aftest.MapsEqual(got, c.place) {
				t.Errorf("by place\n got %v\nwant %v", got, c.place)
			}
			if !aftest.MapsEqual(v.Report.Reasons, c.reasons) {
				t.Errorf("reasons\n got %v\nwant %v", v.Report.Reasons, c.reasons)
			}
			checkAdSums(t, v)
		})
	}
	// Errors name the source format's field, and the record in a wrapper.
	bad := `{"annonser": [` + oneLine(source) + ", " + strings.Replace(oneLine(source), `"antalPlatser": 2`, `"antalPlatser": -2`, 1) + "]}\n"
	_, err := ReadAds(strings.NewReader(bad), "ads.jsonl", AdOptions{})
	var e *af.Error
	if !errors.As(err, &e) || !errors.Is(err, af.ErrNegative) || e.Column != "antalPlatser" || e.Line != 1 || e.Record != 2 {
		t.Errorf("negative antalPlatser: %v", err)
	}
	_, err = ReadAds(strings.NewReader("{\n  \"hits\": [1, 2\n}\n"), "ads.json", AdOptions{})
	if !errors.As(err, &e) || !errors.Is(err, af.ErrSyntax) || e.Line != 3 {
		t.Errorf("broken pretty-printed document: %v", err)
	}
	_, err = ReadAds(strings.NewReader("{\n"+strings.Repeat(" ", 5000)+"}\n"), "ads.json", AdOptions{MaxLineBytes: 4096})
	if !errors.Is(err, af.ErrTooLong) || !strings.Contains(err.Error(), "JSON lines") {
		t.Errorf("long document: %v", err)
	}
}

func TestPlaceByName(t *testing.T) {
	for in, want := range map[string]string{
		"Malmö": "1280", "  stockholm ": "0180", "Uppsala": "0380", "Uppsala län": "03", "Skåne": "12",
		"Östergötland": "05", "Västra Götalands län Vänersborg": "1487", "Västra Götalands län Kiruna": "14",
		"Stockholms stad": "0180", "Lunds kommun": "1281", "Gotland": "0980",
		"Sweden": "", "Hindås": "", "Odenplan": "", "": "", "län": "",
	} {
		k, l := placeByName(in)
		if got := k + l; got != want || (k != "" && l != "") {
			t.Errorf("placeByName(%q) = %q, %q; want %q", in, k, l, want)
		}
	}
}

// TestAdsRealSample reads the one real ad, an Elasticsearch response, as a
// JSON line of its hit.
func TestAdsRealSample(t *testing.T) {
	var es struct {
		Hits struct{ Hits []json.RawMessage }
	}
	if err := json.Unmarshal(aftest.SharedBytes(t, "jobtech_ad_jobsearch_schema_sample.json"), &es); err != nil {
		t.Fatal(err)
	}
	var line bytes.Buffer
	if err := json.Compact(&line, es.Hits.Hits[0]); err != nil {
		t.Fatal(err)
	}
	v, err := ReadAds(&line, "sample.jsonl", AdOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// Ad 22884504: 2018-10-19, Kiruna 2584 in Norrbottens län 25, SSYK 4323, 1 vacancy.
	if len(v.ByKommun) != 1 || v.ByKommun[0] != (af.Count{Period: "2018-10", Region: "2584", N: 1, Category: CategoryAds}) ||
		len(v.ByLanSSYK) != 1 || v.ByLanSSYK[0] != (af.Count{Period: "2018-10", Region: "25", SSYK: "4323", N: 1, Category: CategoryAds}) {
		t.Errorf("%+v", v)
	}
}

func TestAdsFormats(t *testing.T) {
	fixture := readFixture(t)
	want, err := ReadAds(bytes.NewReader(fixture), "ads.jsonl", AdOptions{Taxonomy: fixtureTaxonomy})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	// A zip with the fixture split over two members, a gzip file and a
	// JSON array give the same result.
	lines := bytes.SplitAfter(fixture, []byte("\n"))
	zpath := filepath.Join(dir, "2019.zip")
	zf, _ := os.Create(zpath)
	zw := zip.NewWriter(zf)
	for i, part := range [][][]byte{lines[:7], lines[7:]} {
		w, _ := zw.Create(fmt.Sprintf("2019/part%d.jsonl", i))
		w.Write(bytes.Join(part, nil))
	}
	zw.Close()
	zf.Close()
	gpath := filepath.Join(dir, "2019.jsonl.gz")
	gf, _ := os.Create(gpath)
	gw := gzip.NewWriter(gf)
	gw.Write(fixture)
	gw.Close()
	gf.Close()
	var arr bytes.Buffer
	arr.WriteString("[\n")
	first := true
	for _, l := range lines {
		if l = bytes.TrimSpace(l); len(l) > 0 {
			if !first {
				arr.WriteString(",\n")
			}
			first = false
			arr.Write(l)
		}
	}
	arr.WriteString("\n]\n")
	apath := filepath.Join(dir, "2019.json")
	os.WriteFile(apath, arr.Bytes(), 0o644)

	for _, p := range []string{zpath, gpath, apath} {
		got, err := ReadAdsFiles(AdOptions{Taxonomy: fixtureTaxonomy}, p)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if !aftest.MapsEqual(counts(got.ByLanSSYK), counts(want.ByLanSSYK)) || !aftest.MapsEqual(counts(got.ByKommun), counts(want.ByKommun)) ||
			!aftest.MapsEqual(got.Report.Reasons, want.Report.Reasons) {
			t.Errorf("%s: differs from the JSON lines", filepath.Base(p))
		}
	}
	// Two files add up.
	both, err := ReadAdsFiles(AdOptions{Taxonomy: fixtureTaxonomy}, gpath, apath)
	if err != nil || both.Report.Ads != 28 || counts(both.ByKommun)["2018-10 0180 "] != 6 {
		t.Errorf("two files: %v %+v", err, both.Report)
	}
	// A bad line in the second zip member names the member and its line.
	zpath2 := filepath.Join(dir, "bad.zip")
	zf, _ = os.Create(zpath2)
	zw = zip.NewWriter(zf)
	w, _ := zw.Create("a.jsonl")
	w.Write(fixture)
	w, _ = zw.Create("b.jsonl")
	w.Write([]byte("{\"publication_date\":\"2019-01-01\"}\n{\"publication_date\":\"2019-0"))
	zw.Close()
	zf.Close()
	_, err = ReadAdsFiles(AdOptions{}, zpath2)
	var e *af.Error
	if !errors.As(err, &e) || e.File != "bad.zip:b.jsonl" || e.Line != 2 || !errors.Is(err, af.ErrSyntax) {
		t.Errorf("bad zip member: %v", err)
	}
}

// adGen generates n bytes of JSON-lines ads: whole ads of about 2 KB
// cycling over 290 kommuner x 40 SSYK codes x 36 months.
type adGen struct {
	left  int64
	buf   []byte
	i     int
	kom   []codes.Kommun
	ssyk  []codes.Entry
	proto []byte
}

func newAdGen(n int64) *adGen {
	desc := strings.Repeat("Vi söker en erfaren medarbetare till vårt team i norra Sverige. ", 30)
	return &adGen{left: n, kom: codes.Kommuner(), ssyk: codes.SSYK(4)[:40], proto: []byte(desc)}
}

func (g *adGen) Read(p []byte) (int, error) {
	if g.left <= 0 {
		return 0, io.EOF
	}
	if len(g.buf) == 0 {
		k := g.kom[g.i%len(g.kom)]
		s := g.ssyk[(g.i/7)%len(g.ssyk)]
		m := g.i % 36
		g.buf = fmt.Appendf(g.buf[:0], `{"id":"%d","headline":"Annons %d","number_of_vacancies":%d,"description":{"text":%q},"occupation_group":{"concept_id":"x","legacy_ams_taxonomy_id":"%s"},"workplace_address":{"municipality_code":"%s","region_code":"%s","country":"Sverige"},"publication_date":"%d-%02d-15T08:00:00","removed":false}`+"\n",
			g.i, g.i, 1+g.i%3, g.proto, s.Code, k.Code, k.Lan, 2016+m/12, 1+m%12)
		g.i++
	}
	n := copy(p, g.buf)
	if int64(n) > g.left {
		n = int(g.left)
	}
	g.buf = g.buf[n:]
	g.left -= int64(n)
	if g.left <= 0 && len(g.buf) > 0 {
		// End on a whole line: finish the current ad.
		g.left = int64(len(g.buf))
	}
	return n, nil
}

// TestAdsBoundedMemory streams 400 MB of generated ads and checks that the
// peak heap stays far below the input size (the bound stated in doc.go).
func TestAdsBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 400 MB; skipped with -short")
	}
	const size = 400 << 20
	var v *Vacancies
	var err error
	var elapsed time.Duration
	peak, base := heapPeak(func() {
		g := newAdGen(size)
		start := time.Now()
		v, err = ReadAds(g, "generated.jsonl", AdOptions{})
		elapsed = time.Since(start)
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d ads, %d MB in %v (%.0f MB/s); peak HeapInuse %.1f MB (%.1f MB before); %d kommun cells, %d län x SSYK cells",
		v.Report.Ads, size>>20, elapsed.Round(time.Millisecond), float64(size)/1e6/elapsed.Seconds(),
		float64(peak)/1e6, float64(base)/1e6, len(v.ByKommun), len(v.ByLanSSYK))
	if peak > base+64<<20 {
		t.Errorf("peak heap %d MB over the 64 MB bound", (peak-base)>>20)
	}
	var n float64
	for _, c := range v.ByLanSSYK {
		n += c.N
	}
	if n != v.Report.Vacancies || len(v.Report.Reasons) != 0 {
		t.Errorf("län table %v of %v vacancies; reasons %v", n, v.Report.Vacancies, v.Report.Reasons)
	}
}

// heapPeak runs f and returns the highest HeapInuse seen meanwhile
// (sampled every 5 ms) and HeapInuse before.
func heapPeak(f func()) (peak, base uint64) {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	var max atomic.Uint64
	done := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var m runtime.MemStats
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				runtime.ReadMemStats(&m)
				if m.HeapInuse > max.Load() {
					max.Store(m.HeapInuse)
				}
			}
		}
	}()
	f()
	close(done)
	<-sampled
	return max.Load(), m.HeapInuse
}
