package tables

import "slices"

// matrices adds the relations of every matrix family: its cells nested in
// both regions at once, and its margins.
func (bd *builder) matrices(rs Regions) {
	for fi, f := range bd.c.fams {
		if f.Matrix == nil {
			continue
		}
		d := slices.Index(f.Dims, f.Matrix.RegionDim)
		if d < 0 || len(f.Dims) != 1 {
			continue // only a matrix of two regions and nothing else
		}
		bd.matrix(int32(fi), rs)
	}
}

// matrixCell is one count of a matrix: home region, work region.
type matrixCell struct{ level, period, home, work int32 }

func (bd *builder) matrix(fi int32, rs Regions) {
	f := bd.c.fams[fi]
	cells := map[matrixCell]int32{}
	levels := map[int32]bool{}
	for i, ct := range bd.c.counts {
		if ct.fam != fi {
			continue
		}
		w := bd.c.dims[ct.dims][0]
		cells[matrixCell{ct.level, ct.period, ct.region, w}] = int32(i)
		levels[ct.level] = true
	}
	keys := sortedKeys(cells, func(a, b matrixCell) int {
		return cmpInts(a.level, b.level, a.period, b.period, a.home, b.home, a.work, b.work)
	})
	// Nesting in both regions at once.
	for _, n := range bd.nests(rs, levels) {
		for _, mc := range keys {
			if mc.level != n.parent {
				continue
			}
			hs, ws := n.regions[mc.home], n.regions[mc.work]
			if hs == nil || ws == nil {
				continue
			}
			var parts []int32
			for _, h := range hs {
				for _, w := range ws {
					if j, ok := cells[matrixCell{n.child, mc.period, h, w}]; ok {
						parts = append(parts, j)
					}
				}
			}
			bd.sum(cells[mc], parts)
		}
	}
	bd.margins(f, keys, cells)
}

// margins adds a matrix's rows, columns and diagonal as sums of its margin
// family's counts over all that family's dimensions.
func (bd *builder) margins(f *Family, keys []matrixCell, cells map[matrixCell]int32) {
	gi, ok := bd.c.famIdx[f.Matrix.Family]
	if !ok {
		return
	}
	type at struct{ q, level, region, period int32 }
	margin := map[at][]int32{} // the margin family's counts over its dimensions
	for i, ct := range bd.c.counts {
		if ct.fam == gi {
			k := at{ct.q, ct.level, ct.region, ct.period}
			margin[k] = append(margin[k], int32(i))
		}
	}
	q := func(name string) int32 {
		if i, ok := bd.c.strIdx[name]; ok {
			return i
		}
		return -1
	}
	row, col, diag := q(f.Matrix.Row), q(f.Matrix.Column), q(f.Matrix.Diagonal)
	type line struct{ level, period, region int32 }
	rows, cols := map[line][]int32{}, map[line][]int32{}
	for _, mc := range keys {
		i := cells[mc]
		if mc.home == mc.work {
			if diag >= 0 {
				bd.sumOf([]int32{i}, margin[at{diag, mc.level, mc.home, mc.period}])
			}
			continue
		}
		rows[line{mc.level, mc.period, mc.home}] = append(rows[line{mc.level, mc.period, mc.home}], i)
		cols[line{mc.level, mc.period, mc.work}] = append(cols[line{mc.level, mc.period, mc.work}], i)
	}
	byLine := func(a, b line) int { return cmpInts(a.level, b.level, a.period, b.period, a.region, b.region) }
	if row >= 0 {
		for _, l := range sortedKeys(rows, byLine) {
			bd.sumOf(rows[l], margin[at{row, l.level, l.region, l.period}])
		}
	}
	if col >= 0 {
		for _, l := range sortedKeys(cols, byLine) {
			bd.sumOf(cols[l], margin[at{col, l.level, l.region, l.period}])
		}
	}
}
