package af

import (
	"regexp"
	"slices"
	"strings"
)

// Region levels of an Assessment.
const (
	LevelRiket = "riket"
	LevelLan   = "lan"
	LevelFA    = "fa"
)

// Sources, as written to Assessment.Source and OccupationMap.Source.
const (
	SourceYrkesbarometer = "af-yrkesbarometer"
	SourceBristindex     = "af-bristindex"
	SourceYrkesprognos   = "af-yrkesprognos"
	SourceTexter         = "af-yrkesprognoser-texter"
)

// Assessment is one published judgement of one occupation in one region:
// a row of the canonical assessments table.
type Assessment struct {
	Source      string   // SourceYrkesbarometer, SourceBristindex, ...
	Round       string   // the publication round: "2025-2", "2018H", "2024"
	Region      string   // "00" riket, "01".."25" län, "FA01".."FA60"
	RegionLevel string   // LevelRiket, LevelLan or LevelFA
	Occupation  string   // the source's occupation id (concept id or label)
	SSYK        []string // the SSYK 2012 unit groups the occupation covers; nil when unmapped
	Measure     string   // what was assessed, see the Measure* constants
	Value       float64  // a published number (an index), NaN when there is none
	Class       int      // 1..5 (or 1..3) on the measure's scale, 0 when none
	Label       string   // the text as published ("medelstora", "Viss brist", "-")
}

// OccupationMap is one link between a source occupation and a SSYK 2012
// unit group. An occupation can cover several SSYK groups and a SSYK
// group can be split over several occupations.
type OccupationMap struct {
	Source     string
	Occupation string // as in Assessment.Occupation
	Label      string // the occupation's name in the source, if any
	SSYK       string // 4 digits
	// Share is the part of the SSYK group the occupation covers, NaN when
	// the source does not say (every source read here).
	Share float64
	// Partial is true when the source says the occupation is only a part
	// of the SSYK group (yrkesbarometer del_av_ssyk = 1).
	Partial bool
	// Published is the SSYK field as the source wrote it, when it had to
	// be interpreted: "261" (a SSYK 3 group, expanded to its unit groups),
	// "310" (a lost leading zero, 0310), "2223, 2226" (a list).
	Published string
}

// Count is one cell of the vacancies or jobseekers tables.
type Count struct {
	Period   string  // month, "2024-01"
	Region   string  // län "01", kommun "0180", or "00" for a sheet without regions
	SSYK     string  // 4 digits, or "" when not broken down or not mapped
	N        float64 // NaN when Censored
	Censored bool    // published as "<5" (or another "<N")
	Category string  // what is counted: "varsel", "jobtech-ads", the sheet's measure
}

// AssessmentSet is what the assessment readers return.
type AssessmentSet struct {
	Assessments []Assessment
	Occupations []OccupationMap
	// Unmapped lists the occupation ids that could not be mapped to SSYK
	// (their assessments have SSYK nil), in order of first appearance.
	Unmapped []string
}

// IsRound reports a publication round spelled as lmi stores the rounds
// it reads from the files: a year ("2024"), a half-year ("2018H",
// "2019V") or a numbered round of the year ("2025-2"). A round given by
// hand (BristindexOptions.Round, lmi ingest --round) should be one.
var IsRound = regexp.MustCompile(`^(19|20)[0-9]{2}([HV]|-[1-9])?$`).MatchString

// SortCounts sorts counts by period, region, SSYK and category.
func SortCounts(cs []Count) {
	slices.SortFunc(cs, func(a, b Count) int {
		if c := strings.Compare(a.Period, b.Period); c != 0 {
			return c
		}
		if c := strings.Compare(a.Region, b.Region); c != 0 {
			return c
		}
		if c := strings.Compare(a.SSYK, b.SSYK); c != 0 {
			return c
		}
		return strings.Compare(a.Category, b.Category)
	})
}
