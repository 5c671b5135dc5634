package shapes

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
)

// sq returns a square of side 20s at 20x, 20y (400 s² > MinArea).
func sq(x, y, s int32) []Point {
	x, y, s = 20*x, 20*y, 20*s
	return []Point{{x, y}, {x + s, y}, {x + s, y + s}, {x, y + s}}
}

// scaled multiplies the points by 20, as sq does.
func scaled(ps ...Point) []Point {
	for i := range ps {
		ps[i].X *= 20
		ps[i].Y *= 20
	}
	return ps
}

func TestEncodeDecode(t *testing.T) {
	s := &Set{Grid: 100, Regions: []Region{
		{Code: "0114", Rings: [][]Point{sq(0, 0, 10), sq(2, 2, 3)}},
		{Code: "0115", Rings: [][]Point{{{-5, 7}, {70000, -3}, {1, 1}}}},
	}}
	b := Encode(s)
	got, err := Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint(s) {
		t.Errorf("got %v, want %v", got, s)
	}
	if !bytes.Equal(Encode(got), b) {
		t.Error("encoding not stable")
	}
	for _, bad := range [][]byte{nil, []byte("LMIGEO1\n"), b[:len(b)-1], append(bytes.Clone(b), 0), []byte("XMIGEO1\n\x01\x00")} {
		if _, err := Decode(bad); !errors.Is(err, ErrFormat) {
			t.Errorf("Decode(%q) = %v, want ErrFormat", bad, err)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(Encode(&Set{Grid: 100, Regions: []Region{{Code: "01", Rings: [][]Point{sq(0, 0, 1)}}}}))
	f.Add([]byte(Magic + "\x64\x01\x02ab\x01\x03\x02\x02\x02\x02\x01\x01"))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := Decode(b)
		if err != nil {
			return
		}
		if !bytes.Equal(Encode(s), b) {
			// Varints have one shortest form; Decode accepts longer ones,
			// so only a re-decode must agree.
			s2, err := Decode(Encode(s))
			if err != nil || fmt.Sprint(s2) != fmt.Sprint(s) {
				t.Fatalf("round trip differs: %v", err)
			}
		}
	})
}

func TestDissolve(t *testing.T) {
	// Two unit squares side by side share the edge x=1: the union is a
	// 2x1 rectangle with 6 vertices (the shared edge's ends stay).
	a := [][]Point{sq(0, 0, 1)}
	b := [][]Point{sq(1, 0, 1)}
	rings := Dissolve([][][]Point{a, b})
	if len(rings) != 1 || len(rings[0]) != 6 {
		t.Fatalf("rings %v", rings)
	}
	if Area(rings) != 800 {
		t.Errorf("area %v, want 800", Area(rings))
	}
	// Two rings touching at a vertex are not inside each other.
	if h := Holes(Dissolve([][][]Point{a, {sq(1, 1, 1)}})); h != 0 {
		t.Errorf("touching rings: %d holes", h)
	}
	// A sliver under MinArea is dropped.
	if r := Dissolve([][][]Point{a, {{{0, 500}, {10, 500}, {0, 510}}}}); len(r) != 1 {
		t.Errorf("sliver kept: %v", r)
	}
	// A 3x3 block of squares with the middle left out: a ring with a hole.
	var m [][][]Point
	for x := int32(0); x < 3; x++ {
		for y := int32(0); y < 3; y++ {
			if x != 1 || y != 1 {
				m = append(m, [][]Point{sq(x, y, 1)})
			}
		}
	}
	rings = Dissolve(m)
	if len(rings) != 2 || Area(rings) != 3200 {
		t.Errorf("ring with hole: %v area %v", rings, Area(rings))
	}
	if Holes(rings) != 1 {
		t.Errorf("holes %d, want 1", Holes(rings))
	}
	// A border whose sides have different vertices: the 2x2 square's
	// right side has no vertex at (2,1) where the neighbour has one. Its
	// edges stay and close into a ring inside the union, which Holes counts.
	big := [][]Point{scaled(Point{0, 0}, Point{2, 0}, Point{2, 1}, Point{2, 2}, Point{0, 2})}
	slanted := [][]Point{scaled(Point{2, 0}, Point{4, 0}, Point{4, 2}, Point{2, 2}, Point{2, 1})}
	bad := [][]Point{scaled(Point{0, 0}, Point{2, 0}, Point{2, 2}, Point{0, 2})}
	if rings := Dissolve([][][]Point{big, slanted}); Holes(rings) != 0 || len(rings) != 1 {
		t.Errorf("matching borders: %v", rings)
	}
	if rings := Dissolve([][][]Point{bad, {scaled(Point{1, 1}, Point{3, 1}, Point{2, 3})}}); Holes(rings) == 0 {
		t.Errorf("overlapping members leave no inner ring: %v", rings)
	}

	// Separate members stay separate rings.
	rings = Dissolve([][][]Point{a, {sq(5, 5, 2)}})
	if len(rings) != 2 || Area(rings) != 2000 {
		t.Errorf("separate: %v", rings)
	}
}
