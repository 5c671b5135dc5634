package forecast

import "sort"

// Confidentiality (docs/methods.md section 6.4). A region x occupation with
// fewer than k employed in the origin year is suppressed: its numbers are not
// written. The published sums (SSYK 3 rows over their SSYK 4 groups, the
// level's total over its regions) would give a lone suppressed row away by
// subtraction, so wherever a sum has exactly one suppressed part, the
// smallest other part is suppressed too, until no sum has exactly one.
// Sums are themselves suppressed when below k; a suppressed sum needs no
// protection of its parts.

// sumGroup is one published sum and the rows it adds up.
type sumGroup struct {
	total int
	parts []int
}

// suppress marks rows below k and then applies secondary suppression
// over groups. employed gives each row's count. Rows are indexes into
// employed; the result says which rows are suppressed.
func suppress(employed []float64, groups []sumGroup, k int) []bool {
	sup := make([]bool, len(employed))
	for i, e := range employed {
		sup[i] = e < float64(k)
	}
	if k == 0 {
		return sup
	}
	for changed := true; changed; {
		changed = false
		for _, g := range groups {
			if sup[g.total] {
				continue
			}
			var hidden int
			for _, p := range g.parts {
				if sup[p] {
					hidden++
				}
			}
			if hidden != 1 || len(g.parts) < 2 {
				continue
			}
			// The smallest visible part, by count and then by index for
			// a deterministic choice.
			cand := make([]int, 0, len(g.parts))
			for _, p := range g.parts {
				if !sup[p] {
					cand = append(cand, p)
				}
			}
			sort.Slice(cand, func(a, b int) bool {
				if employed[cand[a]] != employed[cand[b]] {
					return employed[cand[a]] < employed[cand[b]]
				}
				return cand[a] < cand[b]
			})
			if len(cand) == 0 {
				continue
			}
			sup[cand[0]] = true
			changed = true
		}
	}
	return sup
}
