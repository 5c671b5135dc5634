package sweref

import (
	"math"
	"testing"
)

// TestProject compares with reference values. On the central meridian at
// the equator the grid point is the false origin exactly. The others are
// the EPSG:4326 -> EPSG:3006 transformation of the PROJ library (pyproj
// 3.4.1), to a millimetre: Stockholm (Sergels torg, about 59.3293 N,
// 18.0686 E), a point on the central meridian at 60 N, and corners of
// Sweden (south-west at Falsterbo's longitude, far north-east).
func TestProject(t *testing.T) {
	tests := []struct{ lon, lat, e, n float64 }{
		{15, 0, 500000, 0},
		{18.0686, 59.3293, 674571.8664, 6580743.0083},
		{15, 60, 500000.0000, 6651411.1902},
		{11.0, 55.3, 246111.1333, 6135467.0073},
		{24.2, 69.1, 865099.3051, 7692970.1352},
		{13.0, 55.6, 373988.3716, 6163377.1163},
	}
	for _, tt := range tests {
		e, n := Project(tt.lon, tt.lat)
		if math.Abs(e-tt.e) > 0.001 || math.Abs(n-tt.n) > 0.001 {
			t.Errorf("Project(%v, %v) = %.4f, %.4f; want %.4f, %.4f", tt.lon, tt.lat, e, n, tt.e, tt.n)
		}
	}
}

// TestSymmetry: points mirrored about the central meridian have mirrored
// eastings and equal northings.
func TestSymmetry(t *testing.T) {
	e1, n1 := Project(15-3.7, 63.2)
	e2, n2 := Project(15+3.7, 63.2)
	if math.Abs((e1-500000)+(e2-500000)) > 1e-6 || math.Abs(n1-n2) > 1e-6 {
		t.Errorf("%v %v vs %v %v", e1, n1, e2, n2)
	}
}
