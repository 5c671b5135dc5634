package ads

// The taxonomy reader as it was before its scanner (commit e499c0a),
// kept verbatim but for its name: the reference the differential tests
// and fuzzers compare ReadTaxonomy with, results and errors.

import (
	"encoding/json"
	"io"
	"sort"

	"lmi/codes"
	"lmi/ingest/af"
	"lmi/ingest/af/internal/codemap"
	"lmi/ingest/af/internal/input"
	"lmi/ingest/af/internal/jsonscan"
)

// oldReadTaxonomy reads the JobTech taxonomy dump: {type: {legacyId:
// {conceptId, legacyAmsTaxonomyId, preferredLabel, type}}}. Only the
// ssyk-level-4, municipality and region types are used.
func oldReadTaxonomy(r io.Reader, file string) (*Taxonomy, error) {
	data, err := input.ReadText(r, file)
	if err != nil {
		return nil, err
	}
	type concept struct {
		ConceptID string `json:"conceptId"`
		Label     string `json:"preferredLabel"`
	}
	var dump map[string]map[string]concept
	if err := json.Unmarshal(data, &dump); err != nil {
		return nil, jsonscan.DecodeError(data, file, 0, err)
	}
	if dump["ssyk-level-4"] == nil && dump["municipality"] == nil && dump["region"] == nil {
		return nil, &af.Error{File: file, Kind: af.ErrNotData, Msg: "no ssyk-level-4, municipality or region concepts"}
	}
	ssykByName := map[string]string{}
	dupName := map[string]bool{}
	for _, e := range codes.SSYK(4) {
		k := input.Fold(e.Name)
		if _, ok := ssykByName[k]; ok {
			dupName[k] = true
		}
		ssykByName[k] = e.Code
	}
	n := codemap.Lookups()
	lanByFull := map[string]string{}
	for code, name := range n.LanName {
		lanByFull[input.Fold(name)] = code
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
			l := input.Fold(c.Label)
			if code, ok := by[l]; ok && !dupName[l] && c.ConceptID != "" {
				dst[c.ConceptID] = code
			} else {
				t.Unmatched[typ]++
			}
		}
	}
	match("ssyk-level-4", t.SSYK, ssykByName)
	match("municipality", t.Kommun, n.KommunByName)
	match("region", t.Lan, lanByFull)
	return t, nil
}
