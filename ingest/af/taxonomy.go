package af

import (
	"encoding/json"
	"io"
	"sort"

	"lmi/codes"
)

// Taxonomy maps JobTech concept ids to lmi codes. It is built from the
// JobTech taxonomy dump (jobtech_taxonomy_legacy_to_concept.json) by exact
// label match against lmi/codes, since the dump has no SSYK or kommun code
// attribute: its keys are AF legacy ids, which for ssyk-level-4 are NOT
// SSYK codes (1288 is "Transportledare och transportsamordnare", SSYK
// 4323). Pairs from a better source (AddSSYK) take precedence.
type Taxonomy struct {
	SSYK   map[string]string // ssyk-level-4 concept id -> SSYK 4
	Kommun map[string]string // municipality concept id -> kommun code
	Lan    map[string]string // region concept id -> län code
	// Unmatched counts, per concept type, the concepts whose label matched
	// no code (37 ssyk-level-4 concepts in the 2020 dump; foreign regions).
	Unmatched map[string]int
}

// ReadTaxonomy reads the JobTech taxonomy dump: {type: {legacyId:
// {conceptId, legacyAmsTaxonomyId, preferredLabel, type}}}. Only the
// ssyk-level-4, municipality and region types are used.
func ReadTaxonomy(r io.Reader, file string) (*Taxonomy, error) {
	data, err := readText(r, file)
	if err != nil {
		return nil, err
	}
	type concept struct {
		ConceptID string `json:"conceptId"`
		Label     string `json:"preferredLabel"`
	}
	var dump map[string]map[string]concept
	if err := json.Unmarshal(data, &dump); err != nil {
		return nil, jsonError(data, file, 0, err)
	}
	if dump["ssyk-level-4"] == nil && dump["municipality"] == nil && dump["region"] == nil {
		return nil, &Error{File: file, Kind: ErrNotData, Msg: "no ssyk-level-4, municipality or region concepts"}
	}
	ssykByName := map[string]string{}
	dupName := map[string]bool{}
	for _, e := range codes.SSYK(4) {
		k := fold(e.Name)
		if _, ok := ssykByName[k]; ok {
			dupName[k] = true
		}
		ssykByName[k] = e.Code
	}
	n := lookups()
	lanByFull := map[string]string{}
	for code, name := range n.lanName {
		lanByFull[fold(name)] = code
	}
	t := &Taxonomy{SSYK: map[string]string{}, Kommun: map[string]string{}, Lan: map[string]string{}, Unmatched: map[string]int{}}
	match := func(typ string, dst map[string]string, by map[string]string) {
		// Sorted for a deterministic result when two legacy ids share a
		// concept id.
		keys := make([]string, 0, len(dump[typ]))
		for k := range dump[typ] {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			c := dump[typ][k]
			l := fold(c.Label)
			if code, ok := by[l]; ok && !dupName[l] && c.ConceptID != "" {
				dst[c.ConceptID] = code
			} else {
				t.Unmatched[typ]++
			}
		}
	}
	match("ssyk-level-4", t.SSYK, ssykByName)
	match("municipality", t.Kommun, n.kommunByName)
	match("region", t.Lan, lanByFull)
	return t, nil
}

// AddSSYK adds concept -> SSYK pairs (for example from ReadPrognosTexter),
// replacing label matches. Concepts with more than one SSYK are skipped.
func (t *Taxonomy) AddSSYK(m ConceptSSYK) {
	for c, s := range m {
		if len(s) == 1 {
			t.SSYK[c] = s[0]
		}
	}
}
