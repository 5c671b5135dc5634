package forecast

import (
	"fmt"
	"strings"
	"testing"

	"lmi/ingest/canonical"
	"lmi/store"
)

// Censored job-seeker cells ("<5": n NULL) add nothing to the sums of the
// known cells, and rows without an occupation (Arbetsförmedlingen's
// files) are in no region x occupation cell; neither breaks a forecast.
func TestCensoredJobseekers(t *testing.T) {
	var persons, seekers strings.Builder
	persons.WriteString("year,home_kommun,work_kommun,status,ssyk4,edu_group,sex,age,birth_region,n\n")
	for y := 2020; y <= 2024; y++ {
		fmt.Fprintf(&persons, "%d,0180,0180,employed,2512,5-48,1,30,1,10\n", y)
		fmt.Fprintf(&persons, "%d,0180,0180,employed,5321,3-34,2,40,1,20\n", y)
	}
	seekers.WriteString("period,region,ssyk4,category,n\n")
	for m := 1; m <= 12; m++ {
		fmt.Fprintf(&seekers, "2024-%02d,01,2512,openly_unemployed,2\n", m)
		fmt.Fprintf(&seekers, "2024-%02d,0180,2512,openly_unemployed,<5\n", m) // adds nothing to 01 x 2512
		fmt.Fprintf(&seekers, "2024-%02d,01,5321,openly_unemployed,<5\n", m)   // 5321: no known count
	}
	db, err := store.Open(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	loadCSV(t, db, canonical.Persons, "persons.csv", persons.String())
	loadCSV(t, db, canonical.Jobseekers, "jobseekers.csv", seekers.String())
	if _, err := db.SQL().Exec(`INSERT INTO jobseekers (period, region, ssyk4, category, n, censored, source)
		VALUES ('2024-03', '01', NULL, 'openly_unemployed', 40, false, 'af')`); err != nil {
		t.Fatal(err)
	}
	p := DefaultParams()
	p.Horizon = 1
	res := run(t, db, p)
	if r := find(res.Rows, "01", "2512", 1); r == nil || r.Jobseekers != 2 {
		t.Errorf("01 x 2512: %+v, want 2 job seekers", r)
	}
	if r := find(res.Rows, "01", "5321", 1); r == nil || r.Jobseekers != 0 {
		t.Errorf("01 x 5321 (every cell censored): %+v, want no job seekers", r)
	}

	// By region: 01's months sum the known cells (2, and 40 without an
	// occupation in March).
	ss, err := StoreSeries(t.Context(), db.SQL(), SourceJobseekers)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, s := range ss {
		got[s.Key] = fmt.Sprint(s.Values)
	}
	// 0180 has only censored cells: no known count in any month.
	if len(ss) != 1 || got["01"] != "[2 2 42 2 2 2 2 2 2 2 2 2]" {
		t.Errorf("series %v", got)
	}
}
