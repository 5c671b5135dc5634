package indicators

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"lmi/codes"
)

const realYREG = "../../shared/data/scb/pxweb_v1_json"

// TestPublishedEmploymentRealRollUp: SCB's real YREG60 and YREG60N
// responses (employees by län and SCB's unknown region "99" x SSYK 4 x sex,
// 2014-2019, no riket row) summed by the employment family to riket equal
// SCB's national YREG50 and YREG50N (riket x SSYK 4 x sector x sex) over
// their eleven sector codes, for ten occupations, both sexes and six
// years. The sector codes are parts, not totals and parts: 11 is not
// 1110 + 1120 + 1130 (for 3334, men, 2014: 11 against 0 + 9 + 0), and the
// eleven codes sum to the län's 1969 there.
func TestPublishedEmploymentRealRollUp(t *testing.T) {
	if _, err := os.Stat(realYREG); err != nil {
		t.Skipf("SCB's real YREG responses are not beside the checkout (%s)", realYREG)
	}
	occupations := []string{"3334", "3335", "9411", "9412", "9413", "9520", "9610", "9621", "9622", "9629"}
	var files []string
	for _, ssyk := range occupations {
		for _, table := range []string{"YREG60", "YREG60N", "YREG50", "YREG50N"} {
			files = append(files, filepath.Join(realYREG, fmt.Sprintf("%s_ssyk%s.json", table, ssyk)))
		}
	}
	db := openFixtures(t, files...)
	var eleven, sector11, parts11 float64
	err := db.SQL().QueryRow(`SELECT sum(n), sum(n) FILTER (WHERE sector = '11'), sum(n) FILTER (WHERE sector IN ('1110', '1120', '1130'))
		FROM scb_employment WHERE sector IS NOT NULL AND ssyk = '3334' AND sex = '1' AND year = 2014`).Scan(&eleven, &sector11, &parts11)
	if err != nil || eleven != 1969 || sector11 != 11 || parts11 != 9 {
		t.Errorf("YREG50 3334 men 2014: the sectors sum to %v, 11 is %v, 1110-1130 %v (%v); want 1969, 11, 9", eleven, sector11, parts11, err)
	}
	national := map[string]float64{}
	rows, err := db.SQL().Query(`SELECT year, ssyk, sex, sum(n), bool_and(n IS NOT NULL) FROM scb_employment
		WHERE sector IS NOT NULL GROUP BY ALL`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var year, ssyk, sex string
		var n float64
		var complete bool
		if err := rows.Scan(&year, &ssyk, &sex, &n, &complete); err != nil {
			t.Fatal(err)
		}
		if !complete {
			t.Fatalf("YREG50 %s %s %s has a sector without a number", year, ssyk, sex)
		}
		national[year+"|"+ssyk+"|"+sex] = n
	}
	rows.Close()
	got, res := computePublished(t, db, employmentParams(codes.LevelRiket))
	if len(res.Families) != 1 || res.Families[0].Source != "published" {
		t.Fatalf("families %+v", res.Families)
	}
	n := 0
	for k, want := range national {
		var year, ssyk, sex string
		fmt.Sscanf(k, "%4s|%4s|%1s", &year, &ssyk, &sex)
		r := got["antal_sysselsatta_arbetsplats|"+year+"|riket|00|"+ssyk+"|"+sex]
		if !r.value.Valid || r.value.Float64 != want || r.suppressed {
			t.Errorf("riket %s, SSYK %s, sex %s: lmi's sum of YREG60's län and 99 %+v, YREG50's sectors %v", year, ssyk, sex, r, want)
		}
		n++
	}
	if n != 10*2*6 {
		t.Errorf("compared %d cells, want 10 occupations x 2 sexes x 6 years", n)
	}
}
