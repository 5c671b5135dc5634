package pipeline

import "strings"

// EmptyError fails a run an output of which came out empty where the
// spec asked for rows: an indicator it names, a family with input that
// gave none, the forecast's files, or no rows at all. The run's outputs
// and manifest are written first; the manifest lists every gap, and
// [outputs] allow_empty (or Options.AllowEmpty) accepts them.
type EmptyError struct {
	Gaps    []EmptyRecord
	Nothing bool // no output has a row
}

func (e *EmptyError) Error() string {
	var parts []string
	for _, g := range e.Gaps {
		parts = append(parts, g.Output+": "+g.Reason)
	}
	what := "empty output"
	if e.Nothing {
		what = "no output has a row"
	}
	if len(parts) > 0 {
		what += ": " + strings.Join(parts, "; ")
	}
	return what + " ([outputs] allow_empty = true accepts empty results)"
}

// checkEmpty returns an *EmptyError for a run whose requested outputs
// came out empty, unless the spec accepts it.
func (m *Manifest) checkEmpty(allow bool) error {
	if allow || m.Spec.AllowEmpty {
		return nil
	}
	nothing := true
	for _, o := range m.Outputs {
		if o.Rows > 0 {
			nothing = false
		}
	}
	var gaps []EmptyRecord
	for _, g := range m.Empty {
		if g.Requested || nothing {
			gaps = append(gaps, g)
		}
	}
	if len(gaps) == 0 && !nothing {
		return nil
	}
	return &EmptyError{Gaps: gaps, Nothing: nothing}
}
