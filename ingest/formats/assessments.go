package formats

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"iter"
	"os"
	"slices"
	"strings"

	"lmi/ingest/af"
	"lmi/ingest/af/assess"
)

// Arbetsförmedlingen's occupational assessments: yrkesbarometer,
// bristindex, the yrkesprognos per FA region and the 2021 forecast texts,
// loaded into assessments and, with the publisher's occupations and their
// SSYK, occupation_map.
var (
	yrkesbarometerFormat = &Format{Name: "yrkesbarometer", Title: "Arbetsförmedlingen's yrkesbarometer (JSON)",
		Sniff: func(h *Head) bool {
			return strings.HasPrefix(string(h.Trimmed), "[") && containsAny(h.Bytes, `"yb_concept_id"`, `"yb_yrke"`, `"rekryteringssituation"`, `"jobbmojligheter"`)
		},
		Decode: decodeSet(assess.ReadYrkesbarometer)}
	yrkesbarometerXLSXFormat = &Format{Name: "yrkesbarometer-xlsx", Title: "Arbetsförmedlingen's yrkesbarometer (xlsx)",
		Sniff: func(h *Head) bool {
			return h.Ext == ".xlsx" && (strings.Contains(h.Base, "yrkesbarometer") || xlsxContains(h.Path, "yb_concept_id"))
		},
		Decode: decodeSet(assess.ReadYrkesbarometerXLSX)}
	bristindexFormat = &Format{Name: "bristindex", Title: "Arbetsförmedlingen's bristindex (CSV)", Options: []Option{OptRound},
		Sniff: func(h *Head) bool {
			return strings.Contains(h.Line, "prognosyrke") || strings.HasPrefix(h.Line, "län,yrkesområde")
		},
		Decode: decodeRoundSet(assess.ReadBristindexCSV)}
	bristindexXLSXFormat = &Format{Name: "bristindex-xlsx", Title: "Arbetsförmedlingen's bristindex (xlsx)", Options: []Option{OptRound},
		Sniff:  func(h *Head) bool { return h.Ext == ".xlsx" && strings.Contains(h.Base, "brist") },
		Decode: decodeRoundSet(assess.ReadBristindexXLSX)}
	prognosFormat = &Format{Name: "yrkesprognos", Title: "Arbetsförmedlingen's yrkesprognos bedömning per FA region (CSV)",
		Options: []Option{OptRound, OptOccupationMap},
		Sniff: func(h *Head) bool {
			return strings.Contains(h.Line, "conceptidprognosyrke") && strings.Contains(h.Line, "fa15nr")
		},
		Decode: decodePrognos}
	texterFormat = &Format{Name: "yrkesprognoser-texter", Title: "Arbetsförmedlingen's yrkesprognoser with texts (JSON, bristvärde per SSYK)",
		Sniff: func(h *Head) bool {
			return strings.HasPrefix(string(h.Trimmed), "{") && containsAny(h.Bytes, `"prognoser"`)
		},
		Decode: decodeTexter}
)

func containsAny(b []byte, words ...string) bool {
	s := string(b)
	return slices.ContainsFunc(words, func(w string) bool { return strings.Contains(s, w) })
}

// The reason of the tally of assessments whose occupation has no SSYK.
const ReasonUnmapped = "unmapped_occupation"

// SourceInFile names the mapping of occupations to SSYK that a file
// carries itself (yrkesbarometer's ssyk, bristindex's SSYK).
const SourceInFile = "the file's own SSYK"

// decodeSet decodes a file whose reader gives an assessment set.
func decodeSet(read func(io.Reader, string) (*af.AssessmentSet, error)) func(context.Context, Input) (*Decoded, error) {
	return func(ctx context.Context, in Input) (*Decoded, error) {
		return readSet(in, func(r io.Reader, _ af.RejectFunc) (*af.AssessmentSet, error) { return read(r, in.Path) })
	}
}

// decodeRoundSet is decodeSet for the bristindex readers, which take the
// round and leave bad rows out.
func decodeRoundSet(read func(io.Reader, string, assess.BristindexOptions) (*af.AssessmentSet, error)) func(context.Context, Input) (*Decoded, error) {
	return func(ctx context.Context, in Input) (*Decoded, error) {
		return readSet(in, func(r io.Reader, reject af.RejectFunc) (*af.AssessmentSet, error) {
			return read(r, in.Path, assess.BristindexOptions{Round: in.Round, Reject: reject})
		})
	}
}

// decodeTexter reads the forecast texts' bristvärde per SSYK.
func decodeTexter(ctx context.Context, in Input) (*Decoded, error) {
	return readSet(in, func(r io.Reader, reject af.RejectFunc) (*af.AssessmentSet, error) {
		set, _, err := assess.ReadPrognosTexterWith(r, in.Path, assess.TexterOptions{Reject: reject})
		return set, err
	})
}

// readSet reads an assessment file whose every assessment is one record
// of the report (Unit "assessments"), rejects counted against the limit.
func readSet(in Input, read func(io.Reader, af.RejectFunc) (*af.AssessmentSet, error)) (*Decoded, error) {
	rep := &Report{Unit: "assessments"}
	f, err := os.Open(in.Path)
	if err != nil {
		return &Decoded{Report: rep}, err
	}
	defer f.Close()
	set, err := read(bufio.NewReader(f), rejecter(rep))
	if err != nil {
		return &Decoded{Report: rep}, err
	}
	rep.RowsRead = int64(len(set.Assessments) + len(rep.Rejects))
	if err := checkRejects(in, rep); err != nil {
		return &Decoded{Report: rep}, err
	}
	rep.Occupations = mappingOf(slices.Values(set.Assessments), func(string) string { return SourceInFile })
	addUnmappedTally(rep, slices.Values(set.Assessments))
	batches, err := assessmentBatches(slices.Values(set.Assessments), set.Occupations, in.alloc())
	if err != nil {
		return &Decoded{Report: rep}, err
	}
	return decodedRecords(rep, batches)
}

// decodePrognos turns the file's wide rows into assessments straight
// into the Arrow builders: 10,614 rows give 71,335 assessments. Its
// occupations get SSYK from the occupation map, if one is given.
func decodePrognos(ctx context.Context, in Input) (*Decoded, error) {
	rep := &Report{Unit: "file rows"}
	f, err := os.Open(in.Path)
	if err != nil {
		return &Decoded{Report: rep}, err
	}
	defer f.Close()
	p, err := assess.ReadPrognosCSV(bufio.NewReader(f), in.Path,
		assess.PrognosOptions{Round: in.Round, Concepts: in.Occupations.concepts(), Reject: rejecter(rep)})
	if err != nil {
		return &Decoded{Report: rep}, err
	}
	rep.RowsRead = int64(len(p.Rows) + len(rep.Rejects))
	if err := checkRejects(in, rep); err != nil {
		return &Decoded{Report: rep}, err
	}
	var all iter.Seq[af.Assessment] = p.All()
	rep.Occupations = mappingOf(all, in.Occupations.source)
	var unmapped int64
	for _, r := range p.Rows {
		if r.SSYK == nil {
			unmapped++
		}
	}
	addUnmapped(rep, unmapped)
	batches, err := assessmentBatches(all, p.Occupations, in.alloc())
	if err != nil {
		return &Decoded{Report: rep}, err
	}
	return decodedRecords(rep, batches)
}

// decodedRecords is decoded for a file whose records are not the rows
// loaded: RowsRead stays the records read.
func decodedRecords(rep *Report, batches []batch) (*Decoded, error) {
	d, err := decoded(rep, batches)
	if err == nil {
		d.Finish = nil
	}
	return d, err
}

// rejecter collects a reader's bad rows as the report's rejects.
func rejecter(rep *Report) af.RejectFunc {
	return func(e *af.Error) error {
		rep.Rejects = append(rep.Rejects, afReject(e))
		return nil
	}
}

// afReject is a reader's error as a reject: file, line, column, value and
// reason (for a workbook, the sheet and cell lead the reason).
func afReject(e *af.Error) Reject {
	reason := e.Kind.Error()
	if e.Msg != "" {
		reason += ": " + e.Msg
	}
	if e.Sheet != "" || e.Cell != "" {
		reason = fmt.Sprintf("sheet %q cell %s: %s", e.Sheet, e.Cell, reason)
	}
	return Reject{File: e.File, Line: e.Line, Column: e.Column, Value: e.Value, Reason: reason}
}

// checkRejects refuses the file when more than the limit of its records
// were bad, as for lmi's own tables.
func checkRejects(in Input, rep *Report) error {
	if len(rep.Rejects) == 0 {
		return nil
	}
	if rep.RowsRead == 0 || float64(len(rep.Rejects))/float64(rep.RowsRead) > in.MaxRejectShare {
		return &TooManyRejectsError{File: in.Path, Rejected: int64(len(rep.Rejects)), Read: rep.RowsRead,
			Limit: in.MaxRejectShare, First: rep.Rejects[0]}
	}
	return nil
}

// addUnmappedTally tallies the assessments loaded without SSYK.
func addUnmappedTally(rep *Report, all iter.Seq[af.Assessment]) {
	var n int64
	for a := range all {
		if a.SSYK == nil {
			n++
		}
	}
	addUnmapped(rep, n)
}

func addUnmapped(rep *Report, n int64) {
	if n == 0 {
		return
	}
	rep.Tallies = append(rep.Tallies, Tally{Reason: ReasonUnmapped, Effect: EffectNoSSYK, Records: n,
		Detail: "the occupation maps to no SSYK 4: compared with lmi's forecast only once mapped (an occupation map: lmi ingest --occupation-map, occupation_map in a run spec)"})
}
