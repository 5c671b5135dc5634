package formats

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"iter"
	"os"
	"path/filepath"

	"lmi/ingest/af"
	"lmi/ingest/af/ads"
	"lmi/ingest/af/assess"
)

// OccupationMap maps the yrkesprognos files' prognosyrke concepts, which
// carry no SSYK, to SSYK 4: a user's CSV (concept_id,ssyk4) or JobTech's
// taxonomy dump (its SSYK-level-4 concepts, matched by label).
type OccupationMap struct {
	Path     string
	Kind     string // KindConceptCSV or KindTaxonomy
	SHA256   string // of the file's bytes
	Concepts af.ConceptSSYK
}

// The kinds of occupation map file.
const (
	KindConceptCSV = "CSV concept_id,ssyk4"
	KindTaxonomy   = "JobTech taxonomy"
)

// ReadOccupationMap reads an occupation map file: JobTech's taxonomy dump
// when it is a JSON object, else a CSV of concept_id,ssyk4.
func ReadOccupationMap(path string) (*OccupationMap, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	m := &OccupationMap{Path: path, SHA256: hex.EncodeToString(sum[:])}
	if bytes.HasPrefix(bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))), []byte("{")) {
		tax, err := ads.ReadTaxonomy(bufio.NewReader(bytes.NewReader(data)), path)
		if err != nil {
			return nil, err
		}
		m.Kind, m.Concepts = KindTaxonomy, af.ConceptSSYK{}
		for c, s := range tax.SSYK {
			m.Concepts[c] = []string{s}
		}
		return m, nil
	}
	m.Kind = KindConceptCSV
	if m.Concepts, err = assess.ReadConceptMap(bytes.NewReader(data), path); err != nil {
		return nil, err
	}
	return m, nil
}

// concepts is the map's concepts, nil for no map.
func (m *OccupationMap) concepts() af.ConceptSSYK {
	if m == nil {
		return nil
	}
	return m.Concepts
}

// source names where an occupation's SSYK came from.
func (m *OccupationMap) source(string) string {
	if m == nil {
		return ""
	}
	return fmt.Sprintf("occupation map %s (%s)", filepath.Base(m.Path), m.Kind)
}

// OccupationCount says how a file's occupations map to SSYK 4.
type OccupationCount struct {
	Total int
	// BySource counts the mapped occupations by where their SSYK came
	// from (SourceInFile, or the occupation map), in order of first use.
	BySource []SourceCount
	// Unmapped lists every occupation without SSYK, in file order.
	Unmapped []string
}

// SourceCount is the number of occupations one source mapped.
type SourceCount struct {
	Source string
	N      int
}

// Mapped is the number of occupations with SSYK.
func (c *OccupationCount) Mapped() int { return c.Total - len(c.Unmapped) }

// mappingOf counts the occupations of the assessments: mapped (by the
// source source names) or not.
func mappingOf(all iter.Seq[af.Assessment], source func(occupation string) string) *OccupationCount {
	c := &OccupationCount{}
	seen := map[string]bool{}
	at := map[string]int{}
	for a := range all {
		if seen[a.Occupation] {
			continue
		}
		seen[a.Occupation] = true
		c.Total++
		if a.SSYK == nil {
			c.Unmapped = append(c.Unmapped, a.Occupation)
			continue
		}
		s := source(a.Occupation)
		i, ok := at[s]
		if !ok {
			i = len(c.BySource)
			at[s] = i
			c.BySource = append(c.BySource, SourceCount{Source: s})
		}
		c.BySource[i].N++
	}
	return c
}

// SourceEarlierMap names the SSYK an occupation had from an occupation
// map given before.
const SourceEarlierMap = "an occupation map given before"

// Recount counts the occupations of a file loaded before and mapped
// afterwards: all of them, those mapped before, those m mapped now.
func (m *OccupationMap) Recount(all []string, before, added map[string]bool) *OccupationCount {
	c := &OccupationCount{Total: len(all)}
	var nBefore, nAdded int
	for _, o := range all {
		switch {
		case before[o]:
			nBefore++
		case added[o]:
			nAdded++
		default:
			c.Unmapped = append(c.Unmapped, o)
		}
	}
	if nBefore > 0 {
		c.BySource = append(c.BySource, SourceCount{Source: SourceEarlierMap, N: nBefore})
	}
	if nAdded > 0 {
		c.BySource = append(c.BySource, SourceCount{Source: m.source(""), N: nAdded})
	}
	return c
}
