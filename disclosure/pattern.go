package disclosure

import (
	"errors"
	"fmt"
	"slices"
)

// Status is what happens to a cell on publication.
type Status uint8

const (
	// Published cells are written as numbers.
	Published Status = iota
	// Primary cells are hidden because their count is below k.
	Primary
	// Secondary cells are hidden to protect primary ones.
	Secondary
	// ForcedPublish cells are public whatever their count.
	ForcedPublish
)

func (s Status) String() string {
	switch s {
	case Published:
		return "published"
	case Primary:
		return "primary"
	case Secondary:
		return "secondary"
	case ForcedPublish:
		return "forced"
	}
	return fmt.Sprintf("status(%d)", uint8(s))
}

// Hidden reports whether the status keeps the count out of the output.
func (s Status) Hidden() bool { return s == Primary || s == Secondary }

// ErrForced is returned when asked to hide a cell whose publication is
// forced.
var ErrForced = errors.New("cell is forced public")

// Pattern is a status for every cell of a problem. Cells tied by AddEqual
// always share one.
type Pattern struct {
	p      *Problem
	status []Status // per class
	k      int
}

// Primary returns the pattern of primary suppression: every count below k
// hidden, except forced ones; k = 0 hides nothing. Unknown counts
// (Builder.AddUnknown) are hidden as Secondary: the caller marks the
// primary ones with SetPrimary.
func (p *Problem) Primary(k int) (*Pattern, error) {
	if k < 0 {
		return nil, fmt.Errorf("primary suppression: k = %d: %w", k, ErrBadParam)
	}
	pt := &Pattern{p: p, status: make([]Status, p.numClasses()), k: k}
	for c, v := range p.value {
		switch {
		case p.forced[c]:
			pt.status[c] = ForcedPublish
		case p.isUnknown(int32(c)):
			pt.status[c] = Secondary
		case v < float64(k):
			pt.status[c] = Primary
		}
	}
	return pt, nil
}

// Problem returns the problem the pattern belongs to.
func (pt *Pattern) Problem() *Problem { return pt.p }

// K returns the threshold of primary suppression.
func (pt *Pattern) K() int { return pt.k }

// Status returns a cell's status; an unknown cell is Published.
func (pt *Pattern) Status(c Cell) Status {
	if !pt.p.valid(c) {
		return Published
	}
	return pt.status[pt.p.classOf[c]]
}

// SetPrimary makes a cell primary (and the cells with the same count)
// whatever its count: for counts sensitive by a rule other than the
// threshold, such as the count behind a rate whose other count is small.
func (pt *Pattern) SetPrimary(c Cell) error {
	if !pt.p.valid(c) {
		return fmt.Errorf("set primary cell %d: %w", c, ErrUnknownCell)
	}
	cl := pt.p.classOf[c]
	if pt.status[cl] == ForcedPublish {
		return fmt.Errorf("set primary %s: %w", pt.p.Key(c), ErrForced)
	}
	pt.status[cl] = Primary
	return nil
}

// Suppress hides a published cell as Secondary (and the cells with the
// same count), for callers who audit a pattern of their own. Hiding a
// hidden cell does nothing.
func (pt *Pattern) Suppress(c Cell) error {
	if !pt.p.valid(c) {
		return fmt.Errorf("suppress cell %d: %w", c, ErrUnknownCell)
	}
	cl := pt.p.classOf[c]
	switch pt.status[cl] {
	case ForcedPublish:
		return fmt.Errorf("suppress %s: %w", pt.p.Key(c), ErrForced)
	case Published:
		pt.status[cl] = Secondary
	}
	return nil
}

// Clone returns an independent copy.
func (pt *Pattern) Clone() *Pattern {
	return &Pattern{p: pt.p, status: slices.Clone(pt.status), k: pt.k}
}

// Tally counts cells and their total count per status. Cells tied by
// AddEqual count once each: they are separate numbers in the output.
type Tally struct {
	Cells [4]int
	Value [4]float64
}

// Tally counts the pattern's cells and value per status.
func (pt *Pattern) Tally() Tally {
	var t Tally
	for c, s := range pt.status {
		t.Cells[s] += int(pt.p.size[c])
		t.Value[s] += float64(pt.p.size[c]) * pt.p.value[c]
	}
	return t
}

func (pt *Pattern) hidden(c int32) bool { return pt.status[c].Hidden() }

// hideClass hides a published class as Secondary; false if it was not
// published.
func (pt *Pattern) hideClass(c int32) bool {
	if pt.status[c] != Published {
		return false
	}
	pt.status[c] = Secondary
	return true
}
