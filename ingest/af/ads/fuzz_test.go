package ads

import (
	"bytes"
	"math"
	"os"
	"testing"

	"lmi/codes"
	"lmi/ingest/af/internal/aftest"
	"lmi/ingest/af/internal/codemap"
)

func FuzzAds(f *testing.F) {
	if b, err := os.ReadFile("testdata/ads/ads.jsonl"); err == nil {
		lines := bytes.SplitAfter(b, []byte("\n"))
		for _, l := range lines[:6] {
			f.Add(l)
		}
		f.Add(bytes.Join(lines[4:9], nil))
	}
	f.Add([]byte(`[{"publication_date":"2019-01-01","workplace_address":{"region_code":"01"}},{"_source":{"publication_date":"2019-02-01"}}]`))
	f.Add([]byte("{\"number_of_vacancies\":-1}\n"))
	f.Add([]byte("\xef\xbb\xbf{\"publication_date\":\"2019-01\",\"occupation_group\":{\"legacy_ams_taxonomy_id\":2512}}"))
	// AF's source format, scraped postings, wrappers, pretty-printed.
	f.Add([]byte("{\n \"testannonser\": [{\"publiceringsdatum\": \"2018-10-19 00:00:00\", \"antalPlatser\": 1, \"yrkesroll\": {\"varde\": \"5003\"},\n" +
		" \"arbetsplatsadress\": {\"lan\": {\"varde\": \"25\"}, \"kommun\": {\"varde\": \"2584\"}}}]\n}\n"))
	f.Add([]byte(`[{"originalJobPosting":{"datePosted":"2020-04-14","totalJobOpenings":2,"jobLocation":[{"address":"Uppsala län"},{"address":"Uppsala"}]},"ort":"Uppsala"},` +
		`{"originalJobPosting":{"datePosted":"2020-01-07","jobLocation":{"address":{"addressLocality":"Vänersborg","addressRegion":"Västra Götalands län"}}},"ort":null}]`))
	f.Add([]byte(`{"took":1,"hits":{"hits":[{"_source":{"publication_date":"2018-10-19","workplace_address":{"municipality_code":"2584"}}}]}}` + "\n"))
	f.Add(aftest.SharedHead("platsbanken_source_ads_sample.json", 400))
	f.Fuzz(func(t *testing.T, in []byte) {
		opt := AdOptions{Taxonomy: fixtureTaxonomy, MaxLineBytes: 1 << 16, ByPlace: true}
		// The single-pass scanner gives what encoding/json gives.
		sameAsReference(t, in, opt)
		v, err := ReadAds(bytes.NewReader(in), "f.jsonl", opt)
		if err != nil {
			aftest.CheckErr(t, err, v == nil)
			return
		}
		aftest.CheckCounts(t, v.ByKommun)
		aftest.CheckCounts(t, v.ByLanSSYK)
		aftest.CheckCounts(t, v.ByPlace)
		for _, c := range v.ByKommun {
			if len(c.Region) != 4 || c.SSYK != "" {
				t.Fatalf("kommun count %+v", c)
			}
		}
		var sum, lost float64
		for _, c := range v.ByLanSSYK {
			sum += c.N
		}
		for _, r := range []string{ReasonNoDate, ReasonNoLan, ReasonUnknownLan, ReasonSeveralLan} {
			lost += v.Report.Reasons[r].Vacancies
		}
		if math.Abs(sum+lost-v.Report.Vacancies) > 1e-6*math.Max(1, v.Report.Vacancies) {
			t.Fatalf("län table %v + lost %v != %v", sum, lost, v.Report.Vacancies)
		}
		var place float64
		for _, c := range v.ByPlace {
			place += c.N
		}
		if math.Abs(place-sum) > 1e-6*math.Max(1, sum) {
			t.Fatalf("by place %v != län table %v", place, sum)
		}
	})
}

// FuzzAdPlaces: the place names of scraped postings give a valid kommun
// or län, or nothing, and never both.
func FuzzAdPlaces(f *testing.F) {
	for _, s := range []string{`{"address":"Malmö"}`, `[{"address":"Uppsala län"},{"address":"Uppsala"}]`, `"Västra Götalands län Vänersborg"`,
		`{"address":{"addressLocality":"Hindås","addressRegion":"Västra Götalands län"},"name":"Lunds kommun"}`, `[[["x"]]]`, `{"address":5}`} {
		f.Add([]byte(s), "Stockholms stad")
	}
	f.Fuzz(func(t *testing.T, location []byte, ort string) {
		for _, s := range append(locationNames(location), ort) {
			k, l := placeByName(s)
			if (k != "" && (l != "" || !codes.IsKommun(k))) || (l != "" && !codes.IsLan(l)) {
				t.Fatalf("placeByName(%q) = %q, %q", s, k, l)
			}
		}
		k, l, several := placeNamed(location, ort)
		switch {
		case several && (k != "" || l != ""):
			t.Fatalf("several län and a place: %q %q", k, l)
		case k != "" && codemap.Lookups().KommunLan[k] != l:
			t.Fatalf("kommun %q in län %q", k, l)
		case l != "" && !codes.IsLan(l):
			t.Fatalf("län %q", l)
		}
	})
}

func FuzzTaxonomy(f *testing.F) {
	f.Add([]byte(`{"ssyk-level-4":{"1288":{"conceptId":"957L_kZK_rHZ","legacyAmsTaxonomyId":"1288","preferredLabel":"Transportledare och transportsamordnare"}},"municipality":{"201":{"conceptId":"biN6_UiL_Qob","preferredLabel":"Kiruna"}}}`))
	f.Add([]byte(`{"region":[]}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		tax, err := ReadTaxonomy(bytes.NewReader(in), "f.json")
		if err != nil {
			aftest.CheckErr(t, err, tax == nil)
			return
		}
		for _, c := range tax.SSYK {
			if !codes.IsSSYK4(c) {
				t.Fatalf("SSYK %q", c)
			}
		}
		for _, c := range tax.Kommun {
			if !codes.IsKommun(c) {
				t.Fatalf("kommun %q", c)
			}
		}
	})
}
