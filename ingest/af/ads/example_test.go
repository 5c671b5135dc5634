package ads_test

import (
	"fmt"
	"strings"

	"lmi/ingest/af/ads"
)

func ExampleReadAds() {
	in := `{"publication_date":"2018-10-19T00:00:00","number_of_vacancies":2,"occupation_group":{"concept_id":"957L_kZK_rHZ","legacy_ams_taxonomy_id":"4323"},"workplace_address":{"municipality_code":"2584","region_code":"25"}}
{"publication_date":"2018-10-20T00:00:00","workplace_address":{"country":"Norge"}}
`
	v, err := ads.ReadAds(strings.NewReader(in), "2018.jsonl", ads.AdOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%+v\n%+v\n", v.ByKommun, v.ByLanSSYK)
	fmt.Println(v.Report.Ads, v.Report.Reasons[ads.ReasonNoLan])
	// Output:
	// [{Period:2018-10 Region:2584 SSYK: N:2 Censored:false Category:jobtech-ads}]
	// [{Period:2018-10 Region:25 SSYK:4323 N:2 Censored:false Category:jobtech-ads}]
	// 2 {1 1}
}
