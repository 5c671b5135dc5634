package scb

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"lmi/ingest/cube"
)

// RMI tables (Regionala matchningsindikatorer, product AM9906) publish
// SCB's counts next to the rates SCB computes from them. E3 (matchad
// förvärvsgrad: RegionInd19E3N2, RegionInd19E3N1 and kin) holds the
// employed by match (A fully, B partly, C not matched, D unknown), the
// adjusted population E, förvärvsgrad (A+B+C)/E, matchad förvärvsgrad A/E
// and their difference, by region (riket, FA, län), education group,
// age/sex/birth group and year. U2 (pendling: RegionInd19U2N1, RegionInd19U2)
// holds those who live and work in the region, in- and out-commuters and
// the day and night populations, by region, education group, sex and year.
// The contents are recognised by SCB's Swedish texts, whatever their codes.

// RMI kinds. M2 (matchningsgrad: RegionInd19M2N and kin) publishes only
// SCB's rate A/(A+B+C), in percent, by region, sex, age or birth group and
// year, with no counts to recompute it from.
const (
	KindE3 = "E3"
	KindU2 = "U2"
	KindM2 = "M2"
)

// RMI measures: E3's counts and rates, U2's counts.
const (
	MeasureA                   = "a"
	MeasureB                   = "b"
	MeasureC                   = "c"
	MeasureD                   = "d"
	MeasureE                   = "e"
	MeasureForvarvsgrad        = "forvarvsgrad"         // (A+B+C)/E, percent
	MeasureMatchadForvarvsgrad = "matchad_forvarvsgrad" // A/E, percent
	MeasureSkillnad            = "skillnad"             // the two rates' difference, percentage points
	MeasureBorOchArbetar       = "bor_och_arbetar"
	MeasureInpendlare          = "inpendlare"
	MeasureUtpendlare          = "utpendlare"
	MeasureDagbefolkning       = "dagbefolkning"
	MeasureNattbefolkning      = "nattbefolkning"
	MeasureMatchningsgrad      = "matchningsgrad" // A/(A+B+C), percent
)

// rmiContents maps the start of SCB's content text (lower case) to a
// measure and the kind of table it belongs to.
var rmiContents = []struct {
	prefix, measure, kind string
}{
	{"anställda, helt matchade", MeasureA, KindE3},
	{"anställda, delvis matchade", MeasureB, KindE3},
	{"anställda, inte matchade", MeasureC, KindE3},
	{"anställda utan tillräckliga uppgifter", MeasureD, KindE3},
	{"totalt antal personer", MeasureE, KindE3},
	{"förvärvsgrad", MeasureForvarvsgrad, KindE3},
	{"matchad förvärvsgrad", MeasureMatchadForvarvsgrad, KindE3},
	{"skillnad förvärvsgrad och matchad förvärvsgrad", MeasureSkillnad, KindE3},
	{"bor och arbetar i samma region", MeasureBorOchArbetar, KindU2},
	{"inpendlare", MeasureInpendlare, KindU2},
	{"utpendlare", MeasureUtpendlare, KindU2},
	{"dagbefolkning", MeasureDagbefolkning, KindU2},
	{"nattbefolkning", MeasureNattbefolkning, KindU2},
	{"matchningsgrad", MeasureMatchningsgrad, KindM2},
}

// rmiMeasure recognises a content text; the longest matching prefix wins
// ("matchad förvärvsgrad" over "förvärvsgrad").
func rmiMeasure(label string) (measure, kind string, ok bool) {
	l := strings.ToLower(strings.TrimSpace(label))
	best := -1
	for i, c := range rmiContents {
		if strings.HasPrefix(l, c.prefix) && (best < 0 || len(c.prefix) > len(rmiContents[best].prefix)) {
			best = i
		}
	}
	if best < 0 {
		return "", "", false
	}
	return rmiContents[best].measure, rmiContents[best].kind, true
}

// RMICell is one region x group x year of an RMI table: every measure the
// table publishes for it.
type RMICell struct {
	Table string
	Kind  string  // KindE3, KindU2 or KindM2
	Key   []Coded // the other dimensions (region, education, group or sex), in table order
	Year  string  // the time code, as published
	Value map[string]float64
	// Status holds SCB's symbol for a measure with no number.
	Status map[string]string
}

// Coded is one dimension value of a cell.
type Coded struct {
	Dimension, Code, Label string
}

// KeyString joins the cell's key codes, for messages.
func (c *RMICell) KeyString() string {
	parts := make([]string, len(c.Key))
	for i, k := range c.Key {
		parts[i] = k.Dimension + "=" + k.Code
	}
	return strings.Join(parts, ",")
}

// RMI reads an E3-, U2- or M2-shaped table: a ContentsCode dimension whose texts
// are RMI measures, a time dimension ("Tid") and any others. A content
// that is not an RMI measure, or one of another kind than the rest, is an
// error naming it.
func RMI(t *cube.Table) (kind string, cells []RMICell, err error) {
	_, ci, ok := t.Dimension("ContentsCode")
	if !ok {
		return "", nil, fmt.Errorf("%s: not an RMI table: no ContentsCode dimension", t.ID)
	}
	_, ti, ok := t.Dimension("Tid")
	if !ok {
		return "", nil, fmt.Errorf("%s: not an RMI table: no Tid dimension", t.ID)
	}
	measures := make([]string, len(t.Dimensions[ci].Values))
	for i, v := range t.Dimensions[ci].Values {
		m, k, ok := rmiMeasure(v.Label)
		if !ok {
			return "", nil, fmt.Errorf("%s: content %s %q is not an RMI E3, U2 or M2 measure", t.ID, v.Code, v.Label)
		}
		if kind != "" && k != kind {
			return "", nil, fmt.Errorf("%s: content %q is a %s measure in a %s table", t.ID, v.Label, k, kind)
		}
		if slices.Contains(measures, m) {
			return "", nil, fmt.Errorf("%s: content %q given twice", t.ID, v.Label)
		}
		kind, measures[i] = k, m
	}
	// One cell per combination of the dimensions other than the content.
	index := map[int]int{} // offset with the content index zeroed -> cell
	idx := make([]int, len(t.Dimensions))
	for off := 0; off < t.Len(); off++ {
		base := off - idx[ci]*stride(t, ci)
		j, seen := index[base]
		if !seen {
			j = len(cells)
			index[base] = j
			c := RMICell{Table: t.ID, Kind: kind, Year: t.Dimensions[ti].Values[idx[ti]].Code,
				Value: map[string]float64{}, Status: map[string]string{}}
			for d, dim := range t.Dimensions {
				if d != ci && d != ti {
					v := dim.Values[idx[d]]
					c.Key = append(c.Key, Coded{dim.Code, v.Code, v.Label})
				}
			}
			cells = append(cells, c)
		}
		m := measures[idx[ci]]
		if s := t.Status[off]; s != "" {
			cells[j].Status[m] = s
		} else {
			cells[j].Value[m] = t.Values[off]
		}
		for d := len(idx) - 1; d >= 0; d-- {
			idx[d]++
			if idx[d] < len(t.Dimensions[d].Values) {
				break
			}
			idx[d] = 0
		}
	}
	return kind, cells, nil
}

// stride is the distance between consecutive values of dimension d.
func stride(t *cube.Table, d int) int {
	s := 1
	for _, dim := range t.Dimensions[d+1:] {
		s *= len(dim.Values)
	}
	return s
}

// Discrepancy is a published number that does not follow from the
// published counts.
type Discrepancy struct {
	Table, Key, Year, Measure string
	Published, Recomputed     float64
}

func (d Discrepancy) String() string {
	return fmt.Sprintf("%s %s %s: %s published %v, recomputed %.4f", d.Table, d.Key, d.Year, d.Measure, d.Published, d.Recomputed)
}

// Rate tolerances: SCB publishes rates with one decimal, so a rate may
// differ from the exact one by half a unit in that decimal; their
// difference, if SCB took it between rounded rates, by a whole one.
const (
	rateTolerance       = 0.05 + 1e-9
	differenceTolerance = 0.1 + 1e-9
)

// CheckRMI recomputes every published rate and total of the cells from
// their published counts: E3's förvärvsgrad 100(A+B+C)/E, matchad
// förvärvsgrad 100A/E and their difference; U2's day population (live and
// work here + in-commuters) and night population (live and work here +
// out-commuters), exactly. M2 has nothing to check its rate against. It
// returns how many numbers it could check and those that differ; a number
// whose inputs are missing is not checked.
func CheckRMI(cells []RMICell) (checked int, diffs []Discrepancy) {
	check := func(c *RMICell, measure string, recomputed, tol float64) {
		pub, ok := c.Value[measure]
		if !ok || math.IsNaN(recomputed) || math.IsInf(recomputed, 0) {
			return
		}
		checked++
		if math.Abs(pub-recomputed) > tol {
			diffs = append(diffs, Discrepancy{c.Table, c.KeyString(), c.Year, measure, pub, recomputed})
		}
	}
	get := func(c *RMICell, ms ...string) ([]float64, bool) {
		out := make([]float64, len(ms))
		for i, m := range ms {
			v, ok := c.Value[m]
			if !ok {
				return nil, false
			}
			out[i] = v
		}
		return out, true
	}
	for i := range cells {
		c := &cells[i]
		switch c.Kind {
		case KindE3:
			v, ok := get(c, MeasureA, MeasureB, MeasureC, MeasureE)
			if !ok || v[3] == 0 {
				continue
			}
			fg := 100 * (v[0] + v[1] + v[2]) / v[3]
			mfg := 100 * v[0] / v[3]
			check(c, MeasureForvarvsgrad, fg, rateTolerance)
			check(c, MeasureMatchadForvarvsgrad, mfg, rateTolerance)
			check(c, MeasureSkillnad, fg-mfg, differenceTolerance)
		case KindU2:
			v, ok := get(c, MeasureBorOchArbetar, MeasureInpendlare, MeasureUtpendlare)
			if !ok {
				continue
			}
			check(c, MeasureDagbefolkning, v[0]+v[1], 0)
			check(c, MeasureNattbefolkning, v[0]+v[2], 0)
		}
	}
	return checked, diffs
}

// CommutingShares are the shares of commuters a region analyst derives
// from U2: out-commuters per night population and in-commuters per day
// population, in percent (NaN where a population is zero or missing).
func CommutingShares(c *RMICell) (out, in float64) {
	out, in = math.NaN(), math.NaN()
	if n, ok := c.Value[MeasureNattbefolkning]; ok && n > 0 {
		if u, ok := c.Value[MeasureUtpendlare]; ok {
			out = 100 * u / n
		}
	}
	if d, ok := c.Value[MeasureDagbefolkning]; ok && d > 0 {
		if i, ok := c.Value[MeasureInpendlare]; ok {
			in = 100 * i / d
		}
	}
	return out, in
}
