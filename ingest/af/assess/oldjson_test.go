package assess

// The readers as they were before the scanners (commit e499c0a), kept
// verbatim but for their names: the reference the differential tests and
// fuzzers compare ReadYrkesbarometer and ReadYrkesbarometerXLSX with, results and errors
// (lmi/ingest/af/ads has the taxonomy reader's).

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"lmi/codes"
	"lmi/ingest/af"
	"lmi/ingest/af/internal/codemap"
	"lmi/ingest/af/internal/input"
	"lmi/ingest/af/internal/jsonscan"
)

// oldYbRecord is one yrkesbarometer record from JSON or xlsx: its fields
// (present and not null) and a way to position an error on one of them.
type oldYbRecord struct {
	fields map[string]string
	at     func(field string, kind error, format string, args ...any) *af.Error
	where  string
}

var oldRoundRe = regexp.MustCompile(`^[0-9]{4}-[12]$`)

// oldReadYrkesbarometer reads AF's yrkesbarometer.json: a JSON array of
// records, one per occupation (yb_concept_id) x geography (lan: "00" riket
// or a län code) x SSYK unit group. It returns three assessments per
// occupation x region (MeasureJobbmojligheter, MeasureRekryteringssituation,
// MeasurePrognos) and the occupation -> SSYK map.
func oldReadYrkesbarometer(r io.Reader, file string) (*af.AssessmentSet, error) {
	data, err := input.ReadText(r, file)
	if err != nil {
		return nil, err
	}
	var recs []oldYbRecord
	err = jsonscan.Records(data, file, "", func(n, line int64, m map[string]json.RawMessage) error {
		fields := make(map[string]string, len(m))
		rec := oldYbRecord{fields: fields, where: fmt.Sprintf("record %d (line %d)", n, line)}
		rec.at = func(field string, kind error, format string, args ...any) *af.Error {
			return &af.Error{File: file, Line: line, Record: n, Column: field, Value: input.Short(fields[field]), Kind: kind, Msg: fmt.Sprintf(format, args...)}
		}
		for k, raw := range m {
			if k == "paradox" || strings.HasPrefix(k, "text_") || k == "yb_beskrivning" {
				continue // free text and lists, not used
			}
			s, ok, msg := jsonscan.Scalar(raw)
			if msg != "" {
				return &af.Error{File: file, Line: line, Record: n, Column: k, Value: input.Short(string(raw)), Kind: af.ErrValue, Msg: msg}
			}
			if ok {
				fields[k] = s
			}
		}
		recs = append(recs, rec)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return oldBuildYrkesbarometer(recs)
}

// oldReadYrkesbarometerXLSX reads the yrkesbarometer as an xlsx workbook: the
// first sheet with a header row naming at least yb_concept_id and lan
// (title rows above it are skipped) and the same columns as the JSON.
func oldReadYrkesbarometerXLSX(r io.Reader, file string) (*af.AssessmentSet, error) {
	wb, err := input.OpenXLSX(r, file)
	if err != nil {
		return nil, err
	}
	defer wb.Close()
	t, hr, err := wb.FindSheet("", func(t *input.Table, r int) bool {
		var c, l bool
		for i := range t.Width(r) {
			switch input.Fold(t.Get(r, i)) {
			case "yb_concept_id":
				c = true
			case "lan":
				l = true
			}
		}
		return c && l
	}, "a header row with yb_concept_id and lan")
	if err != nil {
		return nil, err
	}
	cols := map[string]int{}
	t.Names = make([]string, t.Width(hr))
	for c := range t.Width(hr) {
		h := input.Fold(t.Get(hr, c))
		if h == "" {
			continue
		}
		if _, dup := cols[h]; dup {
			return nil, t.At(hr, c, af.ErrHeader, "column %q appears twice", h)
		}
		cols[h] = c
		t.Names[c] = h
	}
	var recs []oldYbRecord
	for r := hr + 1; r < len(t.Raw); r++ {
		if t.Blank(r) {
			continue
		}
		fields := map[string]string{}
		for h, c := range cols {
			if v := t.Get(r, c); v != "" {
				fields[h] = v
			}
		}
		row := r
		recs = append(recs, oldYbRecord{
			fields: fields,
			where:  fmt.Sprintf("row %d", t.Lines[r]),
			at: func(field string, kind error, format string, args ...any) *af.Error {
				c, ok := cols[field]
				if !ok {
					return t.At(row, -1, kind, field+": "+format, args...)
				}
				return t.At(row, c, kind, format, args...)
			},
		})
	}
	return oldBuildYrkesbarometer(recs)
}

func oldBuildYrkesbarometer(recs []oldYbRecord) (*af.AssessmentSet, error) {
	type key struct{ occ, region string }
	type group struct {
		occ, region, level, round string
		labels                    [3]string
		classes                   [3]int
		ssyk                      map[string]string // SSYK -> where first seen
		where                     string
	}
	groups := map[key]*group{}
	var order []*group
	type mkey struct{ occ, ssyk string }
	maps := map[mkey]int{}
	out := &af.AssessmentSet{}
	for _, rec := range recs {
		f := rec.fields
		occ := strings.TrimSpace(f["yb_concept_id"])
		if occ == "" {
			return nil, rec.at("yb_concept_id", af.ErrValue, "missing occupation id")
		}
		region := strings.TrimSpace(f["lan"])
		if len(region) == 1 && input.Digits(region) {
			region = "0" + region
		}
		level := af.LevelLan
		switch {
		case region == "":
			return nil, rec.at("lan", af.ErrValue, "missing region (\"00\" riket or a län code)")
		case region == codes.Riket:
			level = af.LevelRiket
		case !codes.IsLan(region):
			return nil, rec.at("lan", af.ErrUnknownCode, "not \"00\" (riket) or a län code in lmi/codes")
		}
		ssyk, expanded, msg := codemap.SSYKList(f["ssyk"])
		if msg != "" {
			return nil, rec.at("ssyk", af.ErrUnknownCode, "%s", msg)
		}
		round := strings.TrimSpace(f["omgang"])
		if !oldRoundRe.MatchString(round) {
			return nil, rec.at("omgang", af.ErrValue, "expected a round like 2025-2")
		}
		partial := false
		switch d := strings.TrimSpace(f["del_av_ssyk"]); d {
		case "", "0", "0.0":
		case "1", "1.0":
			partial = true
		default:
			return nil, rec.at("del_av_ssyk", af.ErrValue, "expected 0 or 1")
		}
		var labels [3]string
		var classes [3]int
		for i, sc := range ybScales {
			l := strings.TrimSpace(f[sc.measure])
			labels[i] = l
			if l == "" {
				continue
			}
			c, ok := sc.classes[strings.ToLower(l)]
			if !ok {
				return nil, rec.at(sc.measure, af.ErrValue, "expected one of %s", scaleLabels(sc.classes))
			}
			classes[i] = c
		}
		k := key{occ, region}
		g := groups[k]
		if g == nil {
			g = &group{occ: occ, region: region, level: level, round: round, labels: labels, classes: classes,
				ssyk: map[string]string{}, where: rec.where}
			groups[k] = g
			order = append(order, g)
		} else {
			for _, s := range ssyk {
				if w, dup := g.ssyk[s]; dup {
					return nil, rec.at("ssyk", af.ErrDuplicate, "occupation %s, region %s, SSYK %s already at %s", occ, region, s, w)
				}
			}
			if g.round != round || g.labels != labels {
				return nil, rec.at("yb_concept_id", af.ErrDuplicate,
					"occupation %s, region %s already at %s with other assessments (%s/%s/%s, round %s)",
					occ, region, g.where, g.labels[0], g.labels[1], g.labels[2], g.round)
			}
		}
		for _, s := range ssyk {
			g.ssyk[s] = rec.where
			mk := mkey{occ, s}
			if i, ok := maps[mk]; ok {
				out.Occupations[i].Partial = out.Occupations[i].Partial || partial
				continue
			}
			maps[mk] = len(out.Occupations)
			m := af.OccupationMap{Source: af.SourceYrkesbarometer, Occupation: occ, Label: strings.TrimSpace(f["yb_yrke"]),
				SSYK: s, Share: nan, Partial: partial}
			if expanded {
				m.Published = f["ssyk"]
			}
			out.Occupations = append(out.Occupations, m)
		}
	}
	for _, g := range order {
		ssyk := make([]string, 0, len(g.ssyk))
		for s := range g.ssyk {
			ssyk = append(ssyk, s)
		}
		slices.Sort(ssyk)
		for i, sc := range ybScales {
			out.Assessments = append(out.Assessments, af.Assessment{
				Source: af.SourceYrkesbarometer, Round: g.round, Region: g.region, RegionLevel: g.level,
				Occupation: g.occ, SSYK: ssyk, Measure: sc.measure, Value: nan,
				Class: g.classes[i], Label: g.labels[i],
			})
		}
	}
	return out, nil
}
