package ads

import (
	"testing"

	"lmi/ingest/af/internal/aftest"
)

func TestTaxonomyReal(t *testing.T) {
	tax, err := ReadTaxonomy(aftest.Shared(t, "jobtech_taxonomy_legacy_to_concept.json"), "jobtech_taxonomy_legacy_to_concept.json")
	if err != nil {
		t.Fatal(err)
	}
	// The sample ad's group, Kiruna and Norrbottens län.
	if tax.SSYK["957L_kZK_rHZ"] != "4323" || tax.Kommun["biN6_UiL_Qob"] != "2584" || tax.Lan["9hXe_F4g_eTG"] != "25" {
		t.Errorf("concepts: %q %q %q", tax.SSYK["957L_kZK_rHZ"], tax.Kommun["biN6_UiL_Qob"], tax.Lan["9hXe_F4g_eTG"])
	}
	if len(tax.SSYK) != 363 || len(tax.Kommun) != 290 || len(tax.Lan) != 21 {
		t.Errorf("matched %d SSYK, %d kommuner, %d län; want 363, 290, 21", len(tax.SSYK), len(tax.Kommun), len(tax.Lan))
	}
}

// TestAdsRealFiles reads the three real ad samples as they are: scraped
// postings (a JSON array of schema.org JobPostings), AF's source format
// ({"testannonser": [...]}, pretty-printed) and a JobSearch
// Elasticsearch response (pretty-printed), with the real taxonomy. The
// cells were counted by hand from the files.
func TestAdsRealFiles(t *testing.T) {
	tax, err := ReadTaxonomy(aftest.Shared(t, "jobtech_taxonomy_legacy_to_concept.json"), "jobtech_taxonomy_legacy_to_concept.json")
	if err != nil {
		t.Fatal(err)
	}
	read := func(name string) *Vacancies {
		t.Helper()
		v, err := ReadAds(aftest.Shared(t, name), name, AdOptions{Taxonomy: tax, ByPlace: true})
		if err != nil {
			t.Fatal(err)
		}
		checkAdSums(t, v)
		return v
	}

	// 100 postings, 258 vacancies (totalJobOpenings, 1 when absent: 31
	// ads). 22 have no datePosted; 3 are placed nowhere: 27840 (no
	// address, 12), 22835 (Estland, 3), 49765 ("Sweden", ort
	// "Rådmansgatan", 1). None carries a SSYK code: 72 name an occupation
	// (relevantOccupation's codeValue is an occupation-name id, or yrke), 3
	// none.
	v := read("jobtech_scraped_ads_2020_sample.json")
	if v.Report.Ads != 100 || v.Report.Vacancies != 258 {
		t.Errorf("scraped: %d ads, %v vacancies; want 100, 258", v.Report.Ads, v.Report.Vacancies)
	}
	want := map[string]ReasonCount{ReasonNoDate: {22, 22}, ReasonNoLan: {3, 16}, ReasonNoKommun: {2, 2},
		ReasonUnknownSSYK: {72, 217}, ReasonNoSSYK: {3, 3}, ReasonDefaulted: {31, 31}}
	if !aftest.MapsEqual(v.Report.Reasons, want) {
		t.Errorf("scraped reasons\n got %v\nwant %v", v.Report.Reasons, want)
	}
	place := counts(v.ByPlace)
	for cell, n := range map[string]float64{
		"2020-01 1487 ": 100, // 46807: "Västra Götalands län Vänersborg", 100 openings
		"2020-04 01 ":   2,   // 49791 (ort "Stockholms län") and 49954 (jobLocation "Stockholms län")
		"2020-03 1480 ": 10,  // 24209: Göteborg, 10 openings
		"2020-03 0483 ": 9,   // 46507 and 46503: "Södermanlands län Katrineholm", 7 + 2
		"2020-04 0380 ": 6,   // Uppsala: 19433, 17507, 17901 (1 each) and 19765 (3)
	} {
		if place[cell] != n {
			t.Errorf("scraped %q: %v, want %v", cell, place[cell], n)
		}
	}
	if len(v.ByPlace) != 39 || len(v.ByKommun) != 38 {
		t.Errorf("scraped: %d cells, %d kommun cells; want 39, 38", len(v.ByPlace), len(v.ByKommun))
	}

	// AF's source format: Kiruna and Stockholm by code; yrkesroll is an
	// occupation-name id (5003, 5556), not SSYK.
	v = read("platsbanken_source_ads_sample.json")
	if got, want := counts(v.ByPlace), map[string]float64{"2018-10 2584 ": 1, "2019-03 0180 ": 1}; !aftest.MapsEqual(got, want) {
		t.Errorf("source format: %v, want %v", got, want)
	}
	if r := v.Report.Reasons; len(r) != 1 || r[ReasonUnknownSSYK] != (ReasonCount{2, 2}) {
		t.Errorf("source format reasons %v", r)
	}

	// The JobSearch ad: Kiruna, SSYK 4323.
	v = read("jobtech_ad_jobsearch_schema_sample.json")
	if got := counts(v.ByPlace); !aftest.MapsEqual(got, map[string]float64{"2018-10 2584 4323": 1}) || len(v.Report.Reasons) != 0 {
		t.Errorf("JobSearch response: %v, %v", got, v.Report.Reasons)
	}
}
