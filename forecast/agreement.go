package forecast

import (
	"context"
	"database/sql"
	"fmt"
	"sort"

	"lmi/session"
)

// Agreement compares lmi's balance classes with a publisher's for the
// same occupations and regions (docs/methods.md section
// 5.10): Arbetsförmedlingen's bristindex and yrkesprognoser use the
// same five classes, 1 clear surplus ... 5 clear shortage.
type Agreement struct {
	Publisher string
	Round     string
	Measure   string
	H         int // lmi's horizon compared
	// Matrix[i][j] counts region x SSYK 4 pairs that lmi puts in class
	// i+1 and the publisher in class j+1.
	Matrix [5][5]int
	N      int
	// Kappa is Cohen's kappa; WeightedKappa weights disagreements by
	// their distance on the scale (linear weights), as fits ordered
	// classes. NaN when undefined.
	Kappa, WeightedKappa float64
	// Ambiguous counts pairs left out because the SSYK 4 group belongs
	// to occupations the publisher classed differently.
	Ambiguous int
}

// assessedMeasures are the published five-class measures and the horizon
// (years) they look ahead.
var assessedMeasures = map[string]int{
	"bristindex_1ar": 1, // Arbetsförmedlingen's one-year outlook by län
	"bristindex_5ar": 5, // five-year outlook, riket
	"index":          5, // yrkesprognoser: the five-year index by FA region
}

// Agreements compares res with every five-class assessment loaded in the
// store whose occupations map to SSYK 4 (occupation_map) and whose regions
// are among res's: län and FA codes with the rows of that level, riket
// with the levels' totals. An assessment's horizon is the measure's, or
// res's horizon when that is shorter.
func Agreements(ctx context.Context, conn *sql.Conn, res *Result) ([]Agreement, error) {
	rows, err := conn.QueryContext(ctx, `
		SELECT a.publisher, a.round, a.measure, a.region_level, a.region, CAST(m.ssyk4 AS VARCHAR), a.class
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
	var keys []key
	for rows.Next() {
		var k key
		var p pair
		var class int
		if err := rows.Scan(&k.publisher, &k.round, &k.measure, &p.level, &p.region, &p.ssyk, &class); err != nil {
			return nil, err
		}
		if _, ok := assessedMeasures[k.measure]; !ok {
			continue
		}
		if theirs[k] == nil {
			theirs[k] = map[pair]int{}
			keys = append(keys, k)
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
		h := min(assessedMeasures[k.measure], res.Params.Horizon)
		clear(ours)
		for _, r := range res.Rows {
			if r.SSYKLevel != 4 || r.H != h || r.Suppressed || r.Class == 0 {
				continue
			}
			level, region := r.Level, r.Region
			if region == session.AllRegions {
				level, region = "riket", "00"
			}
			ours[pair{level, region, r.SSYK}] = r.Class
		}
		a := Agreement{Publisher: k.publisher, Round: k.round, Measure: k.measure, H: h}
		ps := make([]pair, 0, len(theirs[k]))
		for p := range theirs[k] {
			ps = append(ps, p)
		}
		sort.Slice(ps, func(i, j int) bool { return fmt.Sprint(ps[i]) < fmt.Sprint(ps[j]) })
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
			}
		}
		if a.N == 0 && a.Ambiguous == 0 {
			continue
		}
		a.Kappa, a.WeightedKappa = kappa(a.Matrix, false), kappa(a.Matrix, true)
		out = append(out, a)
	}
	return out, nil
}

// kappa is Cohen's kappa of a confusion matrix, with linear disagreement
// weights |i-j|/(k-1) when weighted: 1 - observed/expected disagreement.
func kappa(m [5][5]int, weighted bool) float64 {
	const k = 5
	var n float64
	var rows, cols [k]float64
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
				w = float64(abs(i-j)) / (k - 1)
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
