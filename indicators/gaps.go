package indicators

import (
	"fmt"
	"slices"
	"strings"
)

// Gap is an output that came out empty, and why: a family skipped for
// want of input, one whose source gave no rows, or one indicator of a
// family that has rows.
type Gap struct {
	Family    string
	Indicator string // "" for the whole family
	Reason    string
	// Requested says the user asked for it: by naming one of its
	// indicators, or by the family having data and yielding nothing. An
	// indicator without rows in a family with rows is said, not failed:
	// families publish what their data allow (the shortage index's
	// scaled parts need years enough, over- and under-education RMI E4).
	Requested bool
}

// Gaps lists the families that came out empty, in output order.
func (r *Result) Gaps() []Gap {
	var gaps []Gap
	for _, s := range r.Skipped {
		gaps = append(gaps, Gap{Family: s.Family, Reason: s.Reason, Requested: s.Requested})
	}
	for _, fr := range r.Families {
		if fr.Rows == 0 {
			gaps = append(gaps, Gap{Family: fr.Family, Requested: true, Reason: fmt.Sprintf(
				"no rows: its source (%s: %s) has none for the requested regions, ages and years",
				fr.Source, strings.Join(fr.Reads, ", "))})
			continue
		}
		for _, ind := range fr.NoRows {
			why := fmt.Sprintf("no rows: the family's source (%s: %s) gives it none; a table it needs may not be loaded",
				fr.Source, strings.Join(fr.Reads, ", "))
			if slices.Contains(fr.RegisterOnly, ind) {
				why = fmt.Sprintf("no rows: SCB's tables (%s) do not publish it; it comes from person records only",
					strings.Join(fr.Reads, ", "))
			}
			gaps = append(gaps, Gap{Family: fr.Family, Indicator: ind, Reason: why})
		}
	}
	return gaps
}

// Output names the gap's output: the family, or "family/indicator".
func (g Gap) Output() string {
	if g.Indicator == "" {
		return g.Family
	}
	return g.Family + "/" + g.Indicator
}

// EmptyError refuses a computation whose result is empty where the user
// wanted rows: a family asked for by name, one with data that gave no
// rows, or nothing computed at all.
type EmptyError struct {
	Gaps    []Gap // every gap, requested or not
	Nothing bool  // no family has a row
}

func (e *EmptyError) Error() string {
	var parts []string
	for _, g := range e.Gaps {
		if g.Requested || e.Nothing {
			parts = append(parts, g.Output()+": "+g.Reason)
		}
	}
	what := "empty output"
	if e.Nothing {
		what = "nothing computed"
	}
	if len(parts) == 0 {
		return what
	}
	return what + ": " + strings.Join(parts, "; ")
}

// CheckEmpty returns an *EmptyError when a requested family came out
// empty or no family has rows; nil otherwise. Families left out of an
// every-indicator request for want of input are not an error: Gaps still
// lists them.
func (r *Result) CheckEmpty() error {
	gaps := r.Gaps()
	nothing := true
	for _, fr := range r.Families {
		if fr.Rows > 0 {
			nothing = false
		}
	}
	for _, g := range gaps {
		if g.Requested || nothing {
			return &EmptyError{Gaps: gaps, Nothing: nothing}
		}
	}
	if nothing {
		return &EmptyError{Nothing: true}
	}
	return nil
}
