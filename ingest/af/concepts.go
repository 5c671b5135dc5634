package af

import (
	"slices"
)

// ConceptSSYK maps JobTech concept ids to the SSYK 2012 unit groups they
// stand for. Build it with ReadPrognosTexter (the 2021 forecast texts name
// 211 SSYK-level-4 concept ids with their codes), ConceptsFromOccupations
// (yrkesbarometer yb_concept_id -> SSYK) or by hand.
type ConceptSSYK map[string][]string

// ConceptsFromOccupations returns the concept -> SSYK map held by
// occupation-map rows whose occupation is a concept id.
func ConceptsFromOccupations(rows []OccupationMap) ConceptSSYK {
	m := ConceptSSYK{}
	for _, r := range rows {
		if IsConcept(r.Occupation) && !slices.Contains(m[r.Occupation], r.SSYK) {
			m[r.Occupation] = append(m[r.Occupation], r.SSYK)
		}
	}
	for _, v := range m {
		slices.Sort(v)
	}
	return m
}

// IsConcept reports a JobTech concept id ("957L_kZK_rHZ"): 4, 3 and 3
// letters or digits joined by underscores.
func IsConcept(s string) bool {
	if len(s) != 12 || s[4] != '_' || s[8] != '_' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if i == 4 || i == 8 {
			continue
		}
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}
