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
// year, with no counts to recompute it from. The supply tables, by region,
// education group, sex and year: U1a (arbetsmarknadsstatus:
// RegionInd19U1aN1, RegionInd19U1aN) the employed A (of whom working
// students, employees and the self-employed), the registered unemployed B
// and those outside the labour force C (students, others) and their total;
// U1b (arbetskraftsdeltagande: RegionInd19U1bN1, RegionInd19U1b) those in
// and outside the labour force and their total; U3 (utbildningsflöden:
// RegionInd19U3N1, RegionInd19U3N) the population 18-64 in year 1 and 2 of
// a pair of years, the net change and its parts. E2B (jobbinflöden:
// RegionInd19E2B) the job inflow by industry: new employed, job switchers,
// their total, and each as a share of employment. R1a (befolkning:
// RegionInd19R1a) the population by region, sex and single year of age
// (r1a.go).
const (
	KindR1a = "R1a"
	KindE3  = "E3"
	KindU2  = "U2"
	KindM2  = "M2"
	KindU1a = "U1a"
	KindU1b = "U1b"
	KindU3  = "U3"
	KindE2B = "E2B"
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

	MeasureForvarvsarbetande           = "forvarvsarbetande" // U1a's A
	MeasureStuderandeForvarvsarbetande = "studerande_forvarvsarbetande"
	MeasureAnstallda                   = "anstallda"
	MeasureEgenforetagare              = "egenforetagare"
	MeasureInskrivnaArbetslosa         = "inskrivna_arbetslosa" // U1a's B
	MeasureInteIArbetskraften          = "inte_i_arbetskraften" // U1a's C; U1b
	MeasureStuderande                  = "studerande"           // of C
	MeasureOvriga                      = "ovriga"               // of C
	MeasureTotalt                      = "totalt"               // U1a's A+B+C; U1b's total
	MeasureIArbetskraften              = "i_arbetskraften"

	MeasureBefolkningAr1   = "befolkning_ar1" // U3: 18-64, first year of the pair
	MeasureBefolkningAr2   = "befolkning_ar2"
	MeasureNettoforandring = "nettoforandring"
	MeasureAldersintraden  = "aldersintraden" // turning 18
	MeasureAldersutraden   = "aldersutraden"  // turning 65
	MeasureInflyttare      = "inflyttare"
	MeasureUtflyttare      = "utflyttare"
	MeasureExaminerade     = "examinerade"
	MeasureVidareutbildade = "vidareutbildade"

	MeasureNyaForvarvsarbetande      = "nya_forvarvsarbetande" // E2B
	MeasureJobbytare                 = "jobbytare"
	MeasureJobbinflode               = "jobbinflode"
	MeasureAndelNyaForvarvsarbetande = "andel_nya_forvarvsarbetande" // percent
	MeasureAndelJobbytare            = "andel_jobbytare"
	MeasureAndelJobbinflode          = "andel_jobbinflode"

	MeasureFolkmangd = "folkmangd" // R1a
)

// rmiContents maps the start of SCB's content text (lower case, a leading
// "- " of a "- Varav ..." line dropped) to a measure and the kind of table
// it belongs to. Some texts start alike in several kinds ("Totalt antal
// personer" is E3's E, U1a's A+B+C and U1b's total): a table's kind is the
// one that all its contents can belong to.
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

	{"förvärvsarbetande", MeasureForvarvsarbetande, KindU1a},
	{"varav studerande som förvärvsarbetar", MeasureStuderandeForvarvsarbetande, KindU1a},
	{"varav anställda", MeasureAnstallda, KindU1a},
	{"varav egenföretagare", MeasureEgenforetagare, KindU1a},
	{"inskrivna arbetslösa", MeasureInskrivnaArbetslosa, KindU1a},
	{"inte i arbetskraften", MeasureInteIArbetskraften, KindU1a},
	{"varav studerande", MeasureStuderande, KindU1a},
	{"varav övriga", MeasureOvriga, KindU1a},
	{"totalt antal personer (a+b+c)", MeasureTotalt, KindU1a},

	{"i arbetskraften", MeasureIArbetskraften, KindU1b},
	{"inte i arbetskraften", MeasureInteIArbetskraften, KindU1b},
	{"totalt antal personer", MeasureTotalt, KindU1b},

	{"befolkning år 1", MeasureBefolkningAr1, KindU3},
	{"befolkning år 2", MeasureBefolkningAr2, KindU3},
	{"nettoförändring", MeasureNettoforandring, KindU3},
	{"varav åldersinträden", MeasureAldersintraden, KindU3},
	{"varav åldersutträden", MeasureAldersutraden, KindU3},
	{"varav inflyttare", MeasureInflyttare, KindU3},
	{"varav utflyttare", MeasureUtflyttare, KindU3},
	{"varav examinerade", MeasureExaminerade, KindU3},
	{"varav vidareutbildade", MeasureVidareutbildade, KindU3},

	{"nya förvärvsarbetande", MeasureNyaForvarvsarbetande, KindE2B},
	{"jobbytare", MeasureJobbytare, KindE2B},
	{"totalt jobbinflöde", MeasureJobbinflode, KindE2B},
	{"andel nya förvärvsarbetande", MeasureAndelNyaForvarvsarbetande, KindE2B},
	{"andel jobbytare", MeasureAndelJobbytare, KindE2B},
	{"andel totalt jobbinflöde", MeasureAndelJobbinflode, KindE2B},

	{"folkmängd", MeasureFolkmangd, KindR1a},
}

// rmiKinds are the RMI kinds in the order a tie between them is reported.
var rmiKinds = []string{KindE3, KindU2, KindM2, KindU1a, KindU1b, KindU3, KindE2B, KindR1a}

// rmiMatch is what a content text can be in one kind: its measure, and
// how long a prefix of the text said so.
type rmiMatch struct {
	measure string
	length  int
}

// rmiMeasures recognises a content text: per kind, the measure of its
// longest matching prefix ("matchad förvärvsgrad" over "förvärvsgrad",
// "varav studerande som förvärvsarbetar" over "varav studerande").
func rmiMeasures(label string) map[string]rmiMatch {
	l := strings.ToLower(strings.TrimSpace(label))
	l = strings.TrimSpace(strings.TrimLeft(l, "-–— "))
	out := map[string]rmiMatch{}
	for _, c := range rmiContents {
		if strings.HasPrefix(l, c.prefix) && len(c.prefix) > out[c.kind].length {
			out[c.kind] = rmiMatch{c.measure, len(c.prefix)}
		}
	}
	return out
}

// rmiKind picks the kind every content can belong to; of several, the
// one whose prefixes said the most (a table of only "Totalt antal
// personer (A+B+C)" is U1a). It returns "" and the reason when none or
// several fit.
func rmiKind(id string, contents []cube.Value, matches []map[string]rmiMatch) (string, error) {
	var fit []string
	length := map[string]int{}
	for _, k := range rmiKinds {
		ok := true
		for _, m := range matches {
			if mm, in := m[k]; in {
				length[k] += mm.length
			} else {
				ok = false
			}
		}
		if ok {
			fit = append(fit, k)
		}
	}
	if len(fit) == 0 {
		for i, m := range matches {
			if len(m) == 0 {
				return "", fmt.Errorf("%s: content %s %q is not an RMI measure", id, contents[i].Code, contents[i].Label)
			}
		}
		return "", fmt.Errorf("%s: the contents are measures of different RMI tables (%s)", id, contentKinds(contents, matches))
	}
	slices.SortStableFunc(fit, func(a, b string) int { return length[b] - length[a] })
	if len(fit) > 1 && length[fit[0]] == length[fit[1]] {
		return "", fmt.Errorf("%s: the contents fit RMI %s and %s alike", id, fit[0], fit[1])
	}
	// The supply and flow tables' texts are common words in SCB's other
	// tables ("Förvärvsarbetande ..." in RAMS, "I arbetskraften" in AKU):
	// one such content alone does not make an RMI table.
	if k := fit[0]; len(contents) < 2 && (k == KindU1a || k == KindU1b || k == KindU3 || k == KindE2B) {
		return "", fmt.Errorf("%s: content %q alone does not tell an RMI %s table from another: at least two of its contents are needed", id, contents[0].Label, k)
	}
	return fit[0], nil
}

// contentKinds says which kinds each content can be, for an error.
func contentKinds(contents []cube.Value, matches []map[string]rmiMatch) string {
	var parts []string
	for i, m := range matches {
		var ks []string
		for _, k := range rmiKinds {
			if _, ok := m[k]; ok {
				ks = append(ks, k)
			}
		}
		parts = append(parts, fmt.Sprintf("%q: %s", contents[i].Label, strings.Join(ks, " or ")))
	}
	return strings.Join(parts, "; ")
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

// RMI reads an RMI table of a kind above: a ContentsCode dimension whose
// texts are RMI measures, a time dimension ("Tid") and any others. A
// content that is not an RMI measure, contents of different kinds, or
// contents that fit two kinds alike are an error naming them.
func RMI(t *cube.Table) (kind string, cells []RMICell, err error) {
	_, ci, ok := t.Dimension("ContentsCode")
	if !ok {
		return "", nil, fmt.Errorf("%s: not an RMI table: no ContentsCode dimension", t.ID)
	}
	_, ti, ok := t.Dimension("Tid")
	if !ok {
		return "", nil, fmt.Errorf("%s: not an RMI table: no Tid dimension", t.ID)
	}
	contents := t.Dimensions[ci].Values
	matches := make([]map[string]rmiMatch, len(contents))
	for i, v := range contents {
		matches[i] = rmiMeasures(v.Label)
	}
	if kind, err = rmiKind(t.ID, contents, matches); err != nil {
		return "", nil, err
	}
	if kind == KindR1a {
		if err := r1aShape(t, ci, ti); err != nil {
			return "", nil, err
		}
	}
	measures := make([]string, len(contents))
	for i, v := range contents {
		m := matches[i][kind].measure
		if slices.Contains(measures, m) {
			return "", nil, fmt.Errorf("%s: content %q given twice", t.ID, v.Label)
		}
		measures[i] = m
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
	// From says what the number was recomputed from, when the measure
	// is checked in more than one way (U3's net change); else "".
	From string
}

func (d Discrepancy) String() string {
	s := fmt.Sprintf("%s %s %s: %s published %v, recomputed %.4f", d.Table, d.Key, d.Year, d.Measure, d.Published, d.Recomputed)
	if d.From != "" {
		s += " from " + d.From
	}
	return s
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
// out-commuters), exactly; U1a's total A+B+C and C as students + others;
// U1b's total, in + outside the labour force; U3's net change as year 2
// minus year 1, and as the sum of its parts (see u3Parts); E2B's inflow as
// new employed + job switchers, and its share as theirs (to the rounding).
// M2 has nothing to check its rate against. It returns how many numbers it
// could check and those that differ; a number whose inputs are missing is
// not checked.
func CheckRMI(cells []RMICell) (checked int, diffs []Discrepancy) {
	checkFrom := func(c *RMICell, measure string, recomputed, tol float64, from string) {
		pub, ok := c.Value[measure]
		if !ok || math.IsNaN(recomputed) || math.IsInf(recomputed, 0) {
			return
		}
		checked++
		if math.Abs(pub-recomputed) > tol {
			diffs = append(diffs, Discrepancy{c.Table, c.KeyString(), c.Year, measure, pub, recomputed, from})
		}
	}
	check := func(c *RMICell, measure string, recomputed, tol float64) { checkFrom(c, measure, recomputed, tol, "") }
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
		case KindU1a:
			if v, ok := get(c, MeasureForvarvsarbetande, MeasureInskrivnaArbetslosa, MeasureInteIArbetskraften); ok {
				check(c, MeasureTotalt, v[0]+v[1]+v[2], 0)
			}
			if v, ok := get(c, MeasureStuderande, MeasureOvriga); ok {
				check(c, MeasureInteIArbetskraften, v[0]+v[1], 0)
			}
		case KindU1b:
			if v, ok := get(c, MeasureIArbetskraften, MeasureInteIArbetskraften); ok {
				check(c, MeasureTotalt, v[0]+v[1], 0)
			}
		case KindU3:
			if v, ok := get(c, MeasureBefolkningAr1, MeasureBefolkningAr2); ok {
				checkFrom(c, MeasureNettoforandring, v[1]-v[0], 0, "the populations")
			}
			if v, ok := get(c, u3Parts...); ok {
				checkFrom(c, MeasureNettoforandring, u3Sum(v), 0, "its parts")
			}
		case KindE2B:
			if v, ok := get(c, MeasureNyaForvarvsarbetande, MeasureJobbytare); ok {
				check(c, MeasureJobbinflode, v[0]+v[1], 0)
			}
			if v, ok := get(c, MeasureAndelNyaForvarvsarbetande, MeasureAndelJobbytare); ok {
				check(c, MeasureAndelJobbinflode, v[0]+v[1], differenceTolerance)
			}
		}
	}
	return checked, diffs
}

// u3Parts are the parts of U3's net change: age entries (turning 18),
// age exits (turning 65), in-movers, out-movers, graduates and those
// re-classified by further education.
var u3Parts = []string{MeasureAldersintraden, MeasureAldersutraden, MeasureInflyttare, MeasureUtflyttare,
	MeasureExaminerade, MeasureVidareutbildade}

// u3Sum adds up U3's parts as net change = entries - exits + in-movers -
// out-movers + graduates + further education. The exits and out-movers
// are subtracted whatever their published sign: SCB may give them as
// counts or as negative numbers. Deaths and emigration are not among the
// parts, so a net change can differ from the sum; CheckRMI reports it.
func u3Sum(v []float64) float64 {
	return v[0] - math.Abs(v[1]) + v[2] - math.Abs(v[3]) + v[4] + v[5]
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
