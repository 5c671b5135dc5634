package assess

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"lmi/ingest/af"
	"lmi/ingest/af/internal/codemap"
	"lmi/ingest/af/internal/input"
	"lmi/ingest/af/internal/jsonscan"
)

// ReadPrognosTexter reads yrkesprognoser_2022_texter.json (AF's saved
// forecast API answer: {"prognoser":[{ar, datatyp, geografi, ssyk,
// concept_id, bristvarde, ingress, stycke1..3}]}). It returns the national
// bristvärde as assessments (MeasureBristindex1ar for the first ar,
// MeasureBristindex5ar for ar four years later; the round is the year
// before the first ar, "2021") and the concept id -> SSYK pairs. Records
// without a concept id ("no concept_id") use "ssyk:NNNN" as occupation.
func ReadPrognosTexter(r io.Reader, file string) (*af.AssessmentSet, af.ConceptSSYK, error) {
	data, err := input.ReadText(r, file)
	if err != nil {
		return nil, nil, err
	}
	recs, minYear, err := texterRecords(data, file)
	if err != nil {
		return nil, nil, err
	}
	if len(recs) == 0 {
		return nil, nil, &af.Error{File: file, Kind: af.ErrNotData, Msg: "no records in \"prognoser\""}
	}
	b := &texterBuilder{file: file, minYear: minYear, round: strconv.Itoa(minYear - 1), out: &af.AssessmentSet{},
		concepts: af.ConceptSSYK{}, conceptAt: map[string]texterRec{}, seen: map[string]texterRec{}, mapDone: map[string]bool{}}
	for _, x := range recs {
		if err := b.add(x); err != nil {
			return nil, nil, err
		}
	}
	return b.out, b.concepts, nil
}

// texterFields are the fields of a record that are read; the texts
// (ingress, stycke1..3) are not.
var texterFields = []string{"ar", "geografi", "ssyk", "concept_id", "bristvarde", "datatyp"}

// texterRec is one record of the texter file.
type texterRec struct {
	n, line                           int64
	ar, geo, ssyk, concept, bristvard string
	year                              int
}

// texterRecords reads the records of "prognoser" with their years, and
// the first year.
func texterRecords(data []byte, file string) (recs []texterRec, minYear int, err error) {
	err = jsonscan.Records(data, file, "prognoser", func(n, line int64, m map[string]json.RawMessage) error {
		f := map[string]string{}
		for _, k := range texterFields {
			s, _, msg := jsonscan.Scalar(m[k])
			if msg != "" {
				return &af.Error{File: file, Line: line, Record: n, Column: k, Kind: af.ErrValue, Msg: msg}
			}
			f[k] = strings.TrimSpace(s)
		}
		at := func(k string, kind error, format string, args ...any) error {
			return &af.Error{File: file, Line: line, Record: n, Column: k, Value: input.Short(f[k]), Kind: kind, Msg: fmt.Sprintf(format, args...)}
		}
		y, err := strconv.Atoi(f["ar"])
		if err != nil || y < 1990 || y > 2100 {
			return at("ar", af.ErrValue, "expected a year")
		}
		if d := f["datatyp"]; d != "" && d != "Bristindex" {
			return at("datatyp", af.ErrValue, "expected Bristindex")
		}
		if minYear == 0 || y < minYear {
			minYear = y
		}
		recs = append(recs, texterRec{n: n, line: line, ar: f["ar"], geo: f["geografi"], ssyk: f["ssyk"],
			concept: f["concept_id"], bristvard: f["bristvarde"], year: y})
		return nil
	})
	return recs, minYear, err
}

// texterBuilder turns the records into assessments, the occupation map
// and the concept -> SSYK pairs.
type texterBuilder struct {
	file      string
	minYear   int
	round     string
	out       *af.AssessmentSet
	concepts  af.ConceptSSYK
	conceptAt map[string]texterRec
	seen      map[string]texterRec
	mapDone   map[string]bool
}

// at positions an error on record x.
func (b *texterBuilder) at(x texterRec, k, v string, kind error, format string, args ...any) error {
	return &af.Error{File: b.file, Line: x.line, Record: x.n, Column: k, Value: input.Short(v), Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

// add reads record x into an assessment.
func (b *texterBuilder) add(x texterRec) error {
	var measure string
	switch x.year {
	case b.minYear:
		measure = MeasureBristindex1ar
	case b.minYear + 4:
		measure = MeasureBristindex5ar
	default:
		return b.at(x, "ar", x.ar, af.ErrValue, "expected %d (1 year) or %d (5 years)", b.minYear, b.minYear+4)
	}
	region, level := "00", af.LevelRiket
	if !strings.EqualFold(x.geo, "riket") {
		var msg string
		if region, msg = codemap.LanField(x.geo); msg != "" {
			return b.at(x, "geografi", x.geo, af.ErrUnknownCode, "%s", msg)
		}
		level = af.LevelLan
	}
	ssyk, _, msg := codemap.SSYKList(x.ssyk)
	if msg != "" || len(ssyk) != 1 || ssyk[0] != x.ssyk {
		return b.at(x, "ssyk", x.ssyk, af.ErrUnknownCode, "expected one SSYK 2012 unit group in lmi/codes")
	}
	occ, err := b.occupation(x, ssyk)
	if err != nil {
		return err
	}
	k := occ + "\x00" + x.ar + "\x00" + region
	if prev, dup := b.seen[k]; dup {
		return b.at(x, "concept_id", x.concept, af.ErrDuplicate, "occupation %s, year %s, region %s already at record %d", occ, x.ar, region, prev.n)
	}
	b.seen[k] = x
	a := af.Assessment{Source: af.SourceTexter, Round: b.round, Region: region, RegionLevel: level, Occupation: occ,
		SSYK: ssyk, Measure: measure, Value: nan}
	if x.bristvard != "" {
		v, ok := input.ParseNumber(x.bristvard)
		if !ok || v < 1 || v > 5 {
			return b.at(x, "bristvarde", x.bristvard, af.ErrValue, "expected a number from 1 to 5")
		}
		a.Value = v
		if v == math.Trunc(v) {
			a.Class = int(v)
		}
	}
	b.out.Assessments = append(b.out.Assessments, a)
	return nil
}

// occupation returns the occupation of record x (its concept id, else
// "ssyk:NNNN"), mapping it on its first record.
func (b *texterBuilder) occupation(x texterRec, ssyk []string) (string, error) {
	occ := "ssyk:" + x.ssyk
	if af.IsConcept(x.concept) {
		occ = x.concept
		if prev, ok := b.conceptAt[occ]; ok && prev.ssyk != x.ssyk {
			return "", b.at(x, "ssyk", x.ssyk, af.ErrValue, "concept %s is SSYK %s at record %d", occ, prev.ssyk, prev.n)
		} else if !ok {
			b.conceptAt[occ] = x
			b.concepts[occ] = ssyk
		}
	}
	if !b.mapDone[occ] {
		b.mapDone[occ] = true
		b.out.Occupations = append(b.out.Occupations, af.OccupationMap{Source: af.SourceTexter, Occupation: occ, SSYK: x.ssyk, Share: nan})
	}
	return occ, nil
}
