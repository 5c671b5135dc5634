package forecast

import "math"

// Components are one region x occupation's forecast at one horizon: every
// part of the balance, so a reader can follow it.
type Components struct {
	Employed    float64 // employment in the origin year
	Employment  float64 // projected employment in the target year
	Lower       float64 // prediction interval of Employment
	Upper       float64
	Expansion   float64 // Employment - Employed
	Replacement float64 // expected exits of the origin year's employed
	Openings    float64 // Expansion + Replacement
	Entrants    float64 // new labour expected to enter the occupation
	Jobseekers  float64 // registered job seekers in the origin year
	Supply      float64 // Entrants + Jobseekers
	// Balance is (Supply - Openings) / Openings; NaN when there are no
	// openings or they are not known.
	Balance float64
	// Class runs from 5 (clear shortage) to 1 (clear surplus); 0 when the
	// openings are not known (no replacement demand without ages).
	Class int
	// PShortage is the probability that the balance falls in a shortage
	// class (4 or 5), from the predictive distribution of Employment.
	PShortage float64
}

// complete fills Openings, Supply, Balance and Class from the parts.
// Without openings (a shrinking occupation whose decline outweighs its
// exits) there is nothing to fill: class 1 if anyone is available, else 3.
// Unknown replacement leaves openings, balance and class unknown.
func (c *Components) complete(t Thresholds) {
	c.Expansion = c.Employment - c.Employed
	c.Openings = c.Expansion + c.Replacement
	c.Supply = c.Entrants + c.Jobseekers
	if math.IsNaN(c.Openings) {
		c.Balance, c.Class = math.NaN(), 0
		return
	}
	if c.Openings <= 0 {
		c.Balance = math.NaN()
		c.Class = 3
		if c.Supply > 0 {
			c.Class = 1
		}
		return
	}
	c.Balance = (c.Supply - c.Openings) / c.Openings
	c.Class = t.Class(c.Balance)
}

// shortageEmployment is the projected employment above which the balance
// is in a shortage class: with openings O = E - E0 + R and supply S,
// (S - O)/O < s (s = Thresholds.Shortage < 0) holds when O > S/(1+s),
// that is E > E0 - R + S/(1+s).
func shortageEmployment(c *Components, t Thresholds) float64 {
	return c.Employed - c.Replacement + c.Supply/(1+t.Shortage)
}

func nan() float64 { return math.NaN() }
