package disclosure

import (
	"errors"
	"fmt"
)

// ErrBadParam is returned for a parameter out of range.
var ErrBadParam = errors.New("bad parameter")

// Config sets the protection requirement and the attacker's means. Its
// zero value is lmi's default but for K.
type Config struct {
	// K hides counts below it (primary suppression); 0 hides nothing.
	K int
	// P is the protection level: the attacker's interval for every
	// primary cell must be at least P wide. 0 means K.
	P int
	// Continuous makes the attacker treat counts as real numbers. By
	// default, when every count is a whole number, the attacker rounds
	// its bounds inward to whole numbers, as a real attacker would.
	Continuous bool
	// ExactLimit is the largest component (hidden counts linked by
	// relations, pinned ones left out) whose bounds come from exact linear
	// programs. 0 means DefaultExactLimit; a negative value turns exact
	// programs off.
	ExactLimit int
	// Hops is how far, in relations, the neighbourhood of a cell in a
	// larger component reaches. 0 means DefaultHops; negative turns
	// neighbourhood programs off.
	Hops int
	// NeighbourLimit caps the hidden counts of a neighbourhood program.
	// 0 means DefaultNeighbourLimit.
	NeighbourLimit int
	// RationalLimit is the largest component checked by exact rational
	// elimination for counts the relations determine outright. 0 means
	// DefaultRationalLimit; negative turns the check off.
	RationalLimit int
	// MaxRounds caps the audit-and-repair rounds of Protect. 0 means
	// DefaultMaxRounds.
	MaxRounds int
}

// Defaults of Config, measured on lmi-shaped problems (see doc.go).
const (
	DefaultExactLimit     = 200
	DefaultHops           = 1
	DefaultNeighbourLimit = 24
	DefaultRationalLimit  = 200
	DefaultMaxRounds      = 50
)

// resolved returns the configuration with its defaults filled in.
func (c Config) resolved() (Config, error) {
	if c.K < 0 || c.P < 0 || c.NeighbourLimit < 0 || c.MaxRounds < 0 {
		return c, fmt.Errorf("config %+v: %w: K, P, NeighbourLimit and MaxRounds must not be negative", c, ErrBadParam)
	}
	if c.P == 0 {
		c.P = c.K
	}
	if c.ExactLimit == 0 {
		c.ExactLimit = DefaultExactLimit
	}
	if c.Hops == 0 {
		c.Hops = DefaultHops
	}
	if c.NeighbourLimit == 0 {
		c.NeighbourLimit = DefaultNeighbourLimit
	}
	if c.RationalLimit == 0 {
		c.RationalLimit = DefaultRationalLimit
	}
	if c.MaxRounds == 0 {
		c.MaxRounds = DefaultMaxRounds
	}
	return c, nil
}
