// Package shapes holds the compact geometry format of lmi's embedded
// region boundaries and the dissolve that joins regions into larger ones.
//
// Coordinates are integers on a square grid (SWEREF 99 TM metres divided
// by the grid size). The encoding, all integers as Go's varints:
//
//	"LMIGEO1\n"                 magic
//	uvarint grid                metres per unit
//	uvarint regions
//	per region:
//	  uvarint len, code bytes   the region's code ("0114")
//	  uvarint rings
//	  per ring:
//	    uvarint points
//	    per point: varint dx, varint dy   from the previous point
//
// The previous point runs on across rings and regions from (0, 0). Rings
// are closed implicitly (the last point joins the first) and drawn with the
// even-odd rule, so holes need no marking.
package shapes

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// Magic starts every encoded set.
const Magic = "LMIGEO1\n"

// Point is a grid point.
type Point struct{ X, Y int32 }

// Region is one region's boundary rings.
type Region struct {
	Code  string
	Rings [][]Point
}

// Set is the regions of one file.
type Set struct {
	Grid    int // metres per grid unit
	Regions []Region
}

// Encode writes s in the format above.
func Encode(s *Set) []byte {
	var b bytes.Buffer
	b.WriteString(Magic)
	var tmp [binary.MaxVarintLen64]byte
	uv := func(v uint64) { b.Write(tmp[:binary.PutUvarint(tmp[:], v)]) }
	sv := func(v int64) { b.Write(tmp[:binary.PutVarint(tmp[:], v)]) }
	uv(uint64(s.Grid))
	uv(uint64(len(s.Regions)))
	var prev Point
	for _, r := range s.Regions {
		uv(uint64(len(r.Code)))
		b.WriteString(r.Code)
		uv(uint64(len(r.Rings)))
		for _, ring := range r.Rings {
			uv(uint64(len(ring)))
			for _, p := range ring {
				sv(int64(p.X) - int64(prev.X))
				sv(int64(p.Y) - int64(prev.Y))
				prev = p
			}
		}
	}
	return b.Bytes()
}

// ErrFormat is wrapped by every Decode error.
var ErrFormat = errors.New("bad geometry data")

// Decode reads a set written by Encode. It checks every count against the
// bytes left, so damaged input gives an error, never a huge allocation.
func Decode(data []byte) (*Set, error) {
	if !bytes.HasPrefix(data, []byte(Magic)) {
		return nil, fmt.Errorf("%w: no %q header", ErrFormat, Magic[:7])
	}
	d := decoder{b: data[len(Magic):]}
	s := &Set{Grid: int(d.count(1 << 20))}
	if s.Grid == 0 && d.err == nil {
		d.err = fmt.Errorf("%w: grid size 0", ErrFormat)
	}
	n := d.count(len(d.b) / 3)
	var prev Point
	for i := 0; i < n && d.err == nil; i++ {
		var r Region
		cl := d.count(min(64, len(d.b)))
		r.Code = string(d.take(cl))
		nr := d.count(len(d.b))
		for j := 0; j < nr && d.err == nil; j++ {
			np := d.count(len(d.b) / 2)
			ring := make([]Point, 0, np)
			for k := 0; k < np && d.err == nil; k++ {
				prev = Point{d.coord(prev.X), d.coord(prev.Y)}
				ring = append(ring, prev)
			}
			r.Rings = append(r.Rings, ring)
		}
		s.Regions = append(s.Regions, r)
	}
	if d.err == nil && len(d.b) != 0 {
		d.err = fmt.Errorf("%w: %d bytes after the last region", ErrFormat, len(d.b))
	}
	if d.err != nil {
		return nil, d.err
	}
	return s, nil
}

type decoder struct {
	b   []byte
	err error
}

// count reads a uvarint that may be at most limit.
func (d *decoder) count(limit int) int {
	if d.err != nil {
		return 0
	}
	v, k := binary.Uvarint(d.b)
	if k <= 0 {
		d.err = fmt.Errorf("%w: truncated", ErrFormat)
		return 0
	}
	d.b = d.b[k:]
	if v > uint64(limit) {
		d.err = fmt.Errorf("%w: count %d, at most %d possible", ErrFormat, v, limit)
		return 0
	}
	return int(v)
}

func (d *decoder) take(n int) []byte {
	if d.err != nil {
		return nil
	}
	if n > len(d.b) {
		d.err = fmt.Errorf("%w: truncated code", ErrFormat)
		return nil
	}
	b := d.b[:n]
	d.b = d.b[n:]
	return b
}

func (d *decoder) coord(prev int32) int32 {
	if d.err != nil {
		return 0
	}
	v, k := binary.Varint(d.b)
	if k <= 0 {
		d.err = fmt.Errorf("%w: truncated point", ErrFormat)
		return 0
	}
	d.b = d.b[k:]
	c := int64(prev) + v
	if c < math.MinInt32 || c > math.MaxInt32 {
		d.err = fmt.Errorf("%w: coordinate out of range", ErrFormat)
		return 0
	}
	return int32(c)
}
