package publish

import (
	"strings"

	"lmi/codes"
	"lmi/report"
)

// familyTitles are the Swedish headings of lmi's own families.
var familyTitles = map[string]string{
	"matching":          "Matchning mellan utbildning och yrke",
	"status":            "Befolkningen efter arbetsmarknadsstatus",
	"commuting":         "Pendling",
	"commuting_matrix":  "Pendlingsmatris",
	"demography":        "Befolkning och försörjningskvot",
	"age_structure":     "Åldersstruktur i yrkena",
	"population_flows":  "Befolkningsflöden mellan åren",
	"job_inflows":       "Jobbinflöden",
	"tightness":         "Lediga platser och arbetssökande per yrke",
	"beveridge":         "Beveridgekurvan",
	"mismatch":          "Obalans mellan arbetssökande och lediga platser",
	"matching_function": "Matchningsfunktionen",
	"shortage":          "Aktuell brist per yrke",
}

// DefaultHeadline is the indicator lmi shows first for each of its own
// families: the one a reader asks for first.
var DefaultHeadline = map[string]string{
	"matching":          "matchningsgrad",
	"status":            "andel_forvarvsarbetande",
	"commuting":         "andel_utpendling",
	"commuting_matrix":  "antal_pendlare",
	"demography":        "forsorjningskvot",
	"age_structure":     "andel_60_plus",
	"population_flows":  "nettoforandring",
	"job_inflows":       "andel_jobbinflode",
	"tightness":         "arbetsmarknadslage",
	"beveridge":         "beveridge_u",
	"mismatch":          "mismatch_jackman_roper",
	"matching_function": "matchningsfunktion_skattning",
	"shortage":          "brist_index",
}

// tot is the code of a dimension summed away.
const tot = "TOT"

// levelNames are the Swedish names of the built-in levels.
var levelNames = map[string]string{"kommun": "Kommuner", "lan": "Län", "fa": "FA-regioner", "riket": "Riket"}

// levelName returns a level's Swedish name; a grouping's is its own name.
func levelName(level string) string {
	if n, ok := levelNames[level]; ok {
		return n
	}
	return level
}

// dimHeaders are the Swedish headers of the dimensions' name columns.
var dimNameHeaders = map[string]string{
	"edu_group": "Utbildningsgrupp, namn", "sex": "Kön, text", "birth_region": "Födelseregion, namn",
	"ssyk4": "Yrke", "sni": "Näringsgren, namn", "work_region": "Arbetsregion, namn",
}

// dimNamer gives the Swedish names of a dimension's codes when the file
// has no name column: from lmi's code lists.
type dimNamer func(level, code string) string

var codeNames = func() map[string]map[string]string {
	m := map[string]map[string]string{"ssyk4": {}, "edu_group": {}, "sni": {}, "birth_region": {}}
	for _, e := range codes.SSYK(4) {
		m["ssyk4"][e.Code] = e.Name
	}
	for _, e := range codes.EduGroups() {
		m["edu_group"][e.Code] = e.Name
	}
	for _, l := range []int{1, 2} {
		for _, e := range codes.SNI(l) {
			m["sni"][e.Code] = e.Name
		}
		for _, e := range codes.BirthRegions(l) {
			m["birth_region"][e.Code] = e.Name
		}
	}
	return m
}()

// namerFor returns how a dimension's codes are named, or nil when they
// have no names (alpha, term).
func namerFor(dim string) dimNamer {
	switch dim {
	case "sex":
		return func(_, code string) string {
			switch code {
			case "1":
				return "Män"
			case "2":
				return "Kvinnor"
			case tot:
				return "Totalt"
			}
			return ""
		}
	case "work_region":
		return func(level, code string) string {
			if code == tot {
				return "Totalt"
			}
			if l, err := codes.ParseLevel(level); err == nil {
				return codes.RegionName(l, code)
			}
			return code // a grouping's region is named by its code
		}
	}
	names, ok := codeNames[dim]
	if !ok {
		return nil
	}
	return func(_, code string) string {
		if code == tot {
			return "Totalt"
		}
		return names[code]
	}
}

// dimHeader is a dimension's Swedish header.
func dimHeader(dim string) string {
	if h, ok := report.LongHeaders[dim]; ok {
		return h
	}
	return dim
}

// indicatorHeader is an indicator column's header: its label and unit.
func indicatorHeader(label, unit string) string {
	if unit == "" {
		return label
	}
	return label + ", " + strings.ToLower(unit)
}

// kindOfUnit is the report kind of an lmi unit; a plain decimal when the
// unit is unknown.
func kindOfUnit(unit string) report.Kind {
	k, err := report.KindOfUnit(unit)
	if err != nil {
		return report.KindDecimal
	}
	return k
}

// isRate says whether an indicator of this unit is a rate rather than a
// count: what a reader compares across regions.
func isRate(unit string) bool {
	switch kindOfUnit(unit) {
	case report.KindPercent, report.KindShare, report.KindRatio, report.KindIndex, report.KindLogRatio, report.KindPercentagePoints:
		return true
	}
	return false
}
