package forecast

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sort"
	"strconv"

	"lmi/session"
)

// Agreement compares lmi's balance classes with a publisher's for the
// same occupations and regions (docs/methods.md section
// 5.10): Arbetsförmedlingen's bristindex and yrkesprognoser use the
// same five classes, 1 clear surplus ... 5 clear shortage; yrkesbarometer's
// rekryteringssituation three (överskott, balans, brist), against which
// lmi's classes are collapsed (Collapse).
type Agreement struct {
	Publisher string
	Round     string
	Measure   string
	H         int // lmi's horizon compared
	// Classes is the scale's number of classes, 5 or 3.
	Classes int
	// Matrix[i][j] counts region x SSYK 4 pairs that lmi puts in class
	// i+1 and the publisher in class j+1 (on a three-class scale only
	// the first three rows and columns are used).
	Matrix [5][5]int
	N      int
	// Kappa is Cohen's kappa; WeightedKappa weights disagreements by
	// their distance on the scale (linear weights), as fits ordered
	// classes. NaN when undefined.
	Kappa, WeightedKappa float64
	// Ambiguous counts pairs left out because the SSYK 4 group belongs
	// to occupations the publisher classed differently.
	Ambiguous int
	// Origin is the last year lmi's forecast observed; RoundYear the year
	// of the publisher's round (0 when the round names none).
	Origin, RoundYear int
	// Pairs are the region x SSYK 4 pairs compared (Matrix's N), in
	// region level, region and SSYK order.
	Pairs []AgreementPair
}

// AgreementPair is one region x SSYK 4 pair both classed.
type AgreementPair struct {
	Level, Region, SSYK string
	// Occupations are the publisher's occupations covering the SSYK
	// group there, sorted.
	Occupations  []string
	Ours, Theirs int
}

// YearWarning says, when lmi's forecast and the publisher's round are
// from different years, that the classes judge different years; "" when
// they are from the same year or the round names none.
func (a Agreement) YearWarning() string {
	if a.RoundYear == 0 || a.RoundYear == a.Origin {
		return ""
	}
	return fmt.Sprintf("lmi's forecast starts from %d (its last observed year) but %s round %s is from %d: the classes compared judge the labour market of different years",
		a.Origin, a.Publisher, a.Round, a.RoundYear)
}

// roundYear is the year a round names ("2018H", "2025-2", "2024"), 0 for
// none.
func roundYear(round string) int {
	if len(round) < 4 {
		return 0
	}
	y, err := strconv.Atoi(round[:4])
	if err != nil || y < 1900 {
		return 0
	}
	return y
}

// assessedMeasure is a published class measure lmi's classes are
// compared with: the years it looks ahead and its number of classes.
type assessedMeasure struct{ h, classes int }

// assessedMeasures are the published measures compared.
var assessedMeasures = map[string]assessedMeasure{
	"bristindex_1ar": {1, 5}, // Arbetsförmedlingen's one-year outlook by län
	"bristindex_5ar": {5, 5}, // five-year outlook, riket
	"index":          {5, 5}, // yrkesprognoser: the five-year index by FA region
	// yrkesbarometer: the recruitment situation of the coming year,
	// överskott 1, balans 2, brist 3, by län and riket.
	"rekryteringssituation": {1, 3},
}

// Collapse places lmi's class (1 clear surplus ... 5 clear shortage) on
// a scale of classes classes: itself on five; on three surplus (1, 2) 1,
// balance (3) 2 and shortage (4, 5) 3.
func Collapse(class, classes int) int {
	if classes != 3 || class < 1 || class > 5 {
		return class
	}
	return [...]int{0, 1, 1, 2, 3, 3}[class]
}

// Agreements compares res with every five-class assessment loaded in the
// store whose occupations map to SSYK 4 (occupation_map) and whose regions
// are among res's: län and FA codes with the rows of that level, riket
// with the levels' totals. An assessment's horizon is the measure's, or
// res's horizon when that is shorter.
func Agreements(ctx context.Context, conn *sql.Conn, res *Result) ([]Agreement, error) {
	rows, err := conn.QueryContext(ctx, `
		SELECT a.publisher, a.round, a.measure, a.region_level, a.region, CAST(m.ssyk4 AS VARCHAR), a.class, a.occupation
		FROM assessments AS a
		JOIN occupation_map AS m USING (publisher, occupation)
		WHERE a.class BETWEEN 1 AND 5
		ORDER BY ALL`)
	if err != nil {
		return nil, fmt.Errorf("assessments: %w", err)
	}
	defer rows.Close()
	type key struct{ publisher, round, measure string }
	type pair struct{ level, region, ssyk string }
	theirs := map[key]map[pair]int{} // class, or -1 when ambiguous
	occs := map[key]map[pair][]string{}
	var keys []key
	for rows.Next() {
		var k key
		var p pair
		var class int
		var occ string
		if err := rows.Scan(&k.publisher, &k.round, &k.measure, &p.level, &p.region, &p.ssyk, &class, &occ); err != nil {
			return nil, err
		}
		if _, ok := assessedMeasures[k.measure]; !ok {
			continue
		}
		if theirs[k] == nil {
			theirs[k] = map[pair]int{}
			occs[k] = map[pair][]string{}
			keys = append(keys, k)
		}
		if !slices.Contains(occs[k][p], occ) {
			occs[k][p] = append(occs[k][p], occ)
		}
		if c, seen := theirs[k][p]; seen && c != class {
			class = -1
		}
		theirs[k][p] = class
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	ours := map[pair]int{} // by horizon below
	var out []Agreement
	for _, k := range keys {
		am := assessedMeasures[k.measure]
		h := min(am.h, res.Params.Horizon)
		clear(ours)
		for _, r := range res.Rows {
			if r.SSYKLevel != 4 || r.H != h || r.Suppressed || r.Class == 0 {
				continue
			}
			level, region := r.Level, r.Region
			if region == session.AllRegions {
				level, region = "riket", "00"
			}
			ours[pair{level, region, r.SSYK}] = Collapse(r.Class, am.classes)
		}
		a := Agreement{Publisher: k.publisher, Round: k.round, Measure: k.measure, H: h, Classes: am.classes,
			Origin: res.Origin, RoundYear: roundYear(k.round)}
		ps := make([]pair, 0, len(theirs[k]))
		for p := range theirs[k] {
			ps = append(ps, p)
		}
		sort.Slice(ps, func(i, j int) bool {
			return cmp.Or(cmp.Compare(ps[i].level, ps[j].level), cmp.Compare(ps[i].region, ps[j].region), cmp.Compare(ps[i].ssyk, ps[j].ssyk)) < 0
		})
		for _, p := range ps {
			c := theirs[k][p]
			o, ok := ours[p]
			switch {
			case !ok:
			case c < 0:
				a.Ambiguous++
			default:
				a.Matrix[o-1][c-1]++
				a.N++
				os := slices.Sorted(slices.Values(occs[k][p]))
				a.Pairs = append(a.Pairs, AgreementPair{Level: p.level, Region: p.region, SSYK: p.ssyk, Occupations: os, Ours: o, Theirs: c})
			}
		}
		if a.N == 0 && a.Ambiguous == 0 {
			continue
		}
		a.Kappa, a.WeightedKappa = kappa(a.Matrix, am.classes, false), kappa(a.Matrix, am.classes, true)
		out = append(out, a)
	}
	return out, nil
}

// kappa is Cohen's kappa of the first k classes of a confusion matrix,
// with linear disagreement weights |i-j|/(k-1) when weighted: 1 -
// observed/expected disagreement.
func kappa(m [5][5]int, k int, weighted bool) float64 {
	var n float64
	var rows, cols [5]float64
	for i := range k {
		for j := range k {
			x := float64(m[i][j])
			n += x
			rows[i] += x
			cols[j] += x
		}
	}
	if n == 0 {
		return nan()
	}
	var obs, exp float64
	for i := range k {
		for j := range k {
			w := 0.0
			switch {
			case weighted:
				w = float64(abs(i-j)) / float64(k-1)
			case i != j:
				w = 1
			}
			obs += w * float64(m[i][j]) / n
			exp += w * rows[i] * cols[j] / (n * n)
		}
	}
	if exp == 0 {
		return nan()
	}
	return 1 - obs/exp
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
