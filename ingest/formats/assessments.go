package formats

import (
	"bufio"
	"context"
	"io"
	"iter"
	"os"
	"slices"
	"strings"

	"lmi/ingest/af"
	"lmi/ingest/af/assess"
)

// Arbetsförmedlingen's occupational assessments: yrkesbarometer,
// bristindex and the yrkesprognos per FA region, loaded into assessments
// and, with the publisher's occupations and their SSYK, occupation_map.
var (
	yrkesbarometerFormat = &Format{Name: "yrkesbarometer", Title: "Arbetsförmedlingen's yrkesbarometer (JSON)",
		Sniff:  func(h *Head) bool { return strings.HasPrefix(string(h.Trimmed), "[") },
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
	prognosFormat = &Format{Name: "yrkesprognos", Title: "Arbetsförmedlingen's yrkesprognos per FA region (CSV)", Options: []Option{OptRound},
		Sniff:  func(h *Head) bool { return strings.Contains(h.Line, "conceptidprognosyrke") },
		Decode: decodePrognos}
)

// decodeSet decodes a file whose reader gives an assessment set.
func decodeSet(read func(io.Reader, string) (*af.AssessmentSet, error)) func(context.Context, Input) (*Decoded, error) {
	return func(ctx context.Context, in Input) (*Decoded, error) {
		return readSet(in, func(r io.Reader) (*af.AssessmentSet, error) { return read(r, in.Path) })
	}
}

// decodeRoundSet is decodeSet for readers that take the round option.
func decodeRoundSet(read func(io.Reader, string, assess.BristindexOptions) (*af.AssessmentSet, error)) func(context.Context, Input) (*Decoded, error) {
	return func(ctx context.Context, in Input) (*Decoded, error) {
		return readSet(in, func(r io.Reader) (*af.AssessmentSet, error) {
			return read(r, in.Path, assess.BristindexOptions{Round: in.Round})
		})
	}
}

func readSet(in Input, read func(io.Reader) (*af.AssessmentSet, error)) (*Decoded, error) {
	rep := &Report{Unit: "rows"}
	f, err := os.Open(in.Path)
	if err != nil {
		return &Decoded{Report: rep}, err
	}
	defer f.Close()
	set, err := read(bufio.NewReader(f))
	if err != nil {
		return &Decoded{Report: rep}, err
	}
	batches, err := assessmentBatches(slices.Values(set.Assessments), set.Occupations, in.alloc())
	if err != nil {
		return &Decoded{Report: rep}, err
	}
	return decoded(rep, batches)
}

// decodePrognos turns the file's wide rows into assessments straight
// into the Arrow builders: 10,614 rows give 71,335 assessments.
func decodePrognos(ctx context.Context, in Input) (*Decoded, error) {
	rep := &Report{Unit: "rows"}
	f, err := os.Open(in.Path)
	if err != nil {
		return &Decoded{Report: rep}, err
	}
	defer f.Close()
	p, err := assess.ReadPrognosCSV(bufio.NewReader(f), in.Path, assess.PrognosOptions{Round: in.Round})
	if err != nil {
		return &Decoded{Report: rep}, err
	}
	var all iter.Seq[af.Assessment] = p.All()
	batches, err := assessmentBatches(all, p.Occupations, in.alloc())
	if err != nil {
		return &Decoded{Report: rep}, err
	}
	return decoded(rep, batches)
}
