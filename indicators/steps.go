package indicators

import (
	"context"
	"slices"
)

// goStep is a family's step written in Go, named by its family.toml
// (cells_go, after_suppression): what SQL cannot express.
type goStep struct {
	// cells builds the family's cell table: models fitted outside SQL.
	cells func(s *Session, ctx context.Context, f *family, p Params) error
	// after runs on the result table once secondary suppression has
	// flagged it, before suppressed rows lose their numbers.
	after func(s *Session, ctx context.Context, f *family, table string, inds []*Indicator, tp templateParams) error
}

// goSteps are the Go steps a family may name.
var goSteps = map[string]goStep{
	"matching_function": {cells: (*Session).matchingFunctionCells},
	"shortage":          {after: (*Session).shortageAfterSuppression},
}

func goStepNames() []string {
	names := make([]string, 0, len(goSteps))
	for n := range goSteps {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}
