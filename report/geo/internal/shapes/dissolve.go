package shapes

import (
	"cmp"
	"math"
	"slices"
)

// MinArea is the smallest ring Dissolve keeps, in square grid units (on
// lmi's 100 m grid, 2 km², under a pixel on any map of Sweden lmi
// draws). Smaller rings are slivers: in the kommun source, some borders
// that are also län borders (Stockholm-Uppsala, around Göteborg) do not
// quite meet, and leave thin gaps of 0.02-1.3 km² between the kommuner.
const MinArea = 200

// edge is an undirected edge with its ends in order.
type edge struct{ a, b Point }

func less(p, q Point) int {
	if c := cmp.Compare(p.X, q.X); c != 0 {
		return c
	}
	return cmp.Compare(p.Y, q.Y)
}

func newEdge(p, q Point) edge {
	if less(p, q) > 0 {
		p, q = q, p
	}
	return edge{p, q}
}

// Dissolve joins the rings of several regions into the outline of their
// union: an edge that two members share (the same two vertices) is inside
// and dropped, the others are chained into rings, in a deterministic order;
// rings smaller than MinArea are left out.
// It is right when the members' common borders have identical vertices, as
// mapshaper's topology-keeping simplification leaves them.
//
// Borders whose vertices do not match are not found here: their edges stay
// and close into thin rings inside the union. The generator of the
// embedded data checks that no such ring is left (Holes), so dissolves of
// the embedded kommuner are clean.
func Dissolve(members [][][]Point) [][]Point {
	count := map[edge]int{}
	for _, m := range members {
		for _, ring := range m {
			for i := range ring {
				p, q := ring[i], ring[(i+1)%len(ring)]
				if p != q {
					count[newEdge(p, q)]++
				}
			}
		}
	}
	var keep []edge
	for e, c := range count {
		if c%2 == 1 {
			keep = append(keep, e)
		}
	}
	slices.SortFunc(keep, func(x, y edge) int {
		if c := less(x.a, y.a); c != 0 {
			return c
		}
		return less(x.b, y.b)
	})
	at := map[Point][]int{} // vertex -> indices into keep
	for i, e := range keep {
		at[e.a] = append(at[e.a], i)
		at[e.b] = append(at[e.b], i)
	}
	used := make([]bool, len(keep))
	var rings [][]Point
	for i := range keep {
		if used[i] {
			continue
		}
		if ring := chain(keep, at, used, i); len(ring) >= 3 && math.Abs(ringArea(ring)) >= MinArea {
			rings = append(rings, ring)
		}
	}
	return rings
}

// chain walks unused edges from keep[start] until it is back at its first
// vertex. Every vertex has an even number of edges (each member ring is
// closed, and dropping shared edges in pairs keeps that), so the walk
// always gets back.
func chain(keep []edge, at map[Point][]int, used []bool, start int) []Point {
	used[start] = true
	first, cur := keep[start].a, keep[start].b
	ring := []Point{first}
	for cur != first {
		ring = append(ring, cur)
		next := -1
		for _, j := range at[cur] {
			if !used[j] {
				next = j
				break
			}
		}
		if next < 0 { // cannot happen for closed rings; end the ring here
			break
		}
		used[next] = true
		if keep[next].a == cur {
			cur = keep[next].b
		} else {
			cur = keep[next].a
		}
	}
	return ring
}

// Area returns the area enclosed by rings under the even-odd rule, in
// square grid units, when no two rings cross: the absolute shoelace areas
// of rings inside an odd number of others count positive, the others
// negative. It is used to compare outlines, so the nesting is found by a
// point-in-ring test of each ring's first vertex.
func Area(rings [][]Point) float64 {
	total := 0.0
	for i, r := range rings {
		depth := 0
		for j, o := range rings {
			if i != j && within(r, o) {
				depth++
			}
		}
		a := ringArea(r)
		if a < 0 {
			a = -a
		}
		if depth%2 == 0 {
			total += a
		} else {
			total -= a
		}
	}
	return total
}

func ringArea(r []Point) float64 {
	s := 0.0
	for i := range r {
		p, q := r[i], r[(i+1)%len(r)]
		s += float64(p.X)*float64(q.Y) - float64(q.X)*float64(p.Y)
	}
	return s / 2
}

// inside reports whether p is inside ring r (even-odd; points on the
// boundary count either way).
func inside(p Point, r []Point) bool {
	in := false
	for i := range r {
		a, b := r[i], r[(i+1)%len(r)]
		if (a.Y > p.Y) != (b.Y > p.Y) {
			x := float64(a.X) + float64(p.Y-a.Y)*float64(b.X-a.X)/float64(b.Y-a.Y)
			if float64(p.X) < x {
				in = !in
			}
		}
	}
	return in
}

// Holes returns how many rings lie inside another ring of the same set,
// tested by a vertex of the ring that is not a vertex of the other (rings
// that touch at a vertex are not inside each other). The dissolved outline of regions
// without enclaves has none; a border whose two sides have different
// vertices leaves thin rings inside, which count here.
func Holes(rings [][]Point) int {
	n := 0
	for i, r := range rings {
		for j, o := range rings {
			if i != j && within(r, o) {
				n++
				break
			}
		}
	}
	return n
}

// within reports whether ring r lies inside ring o, by r's first vertex
// that o does not share.
func within(r, o []Point) bool {
	verts := make(map[Point]bool, len(o))
	for _, p := range o {
		verts[p] = true
	}
	for _, p := range r {
		if !verts[p] {
			return inside(p, o)
		}
	}
	return false
}
