package ads

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"lmi/codes"
)

// TestAdCellsMerge adds cells in several sizes, with repeats, through
// several merges and a growing log, and compares the sums with a map's,
// added in the same order: weights such as 0.1 and 1e16 make a
// different order give a different sum.
func TestAdCellsMerge(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	weights := []float64{0.1, 0.2, 0.3, 1, 3, 1e16, -1e16}
	for _, tc := range []struct{ adds, distinct int }{{0, 1}, {1, 1}, {5, 3}, {minCellLog - 1, 100}, {minCellLog, 100},
		{minCellLog + 1, 40000}, {5 * minCellLog, 1000}, {8 * minCellLog, 150000}} {
		keys := make([]uint64, tc.distinct)
		for i := range keys {
			// 56 bits, some bytes shared by all keys, as packed keys have.
			keys[i] = rng.Uint64()&(1<<56-1)&^(0xFF<<40) | 0x20<<40
			if i%3 == 0 {
				keys[i] &^= 0xFFFF
			}
		}
		var c adCells
		want := map[uint64]float64{}
		for range tc.adds {
			k := keys[rng.IntN(len(keys))]
			if rng.IntN(4) == 0 {
				k = keys[rng.IntN(min(len(keys), 10))] // some cells often
			}
			w := weights[rng.IntN(len(weights))]
			c.addPacked(k, w)
			want[k] += w
		}
		c.merge()
		if len(c.sorted) != len(want) {
			t.Fatalf("%+v: %d cells, want %d", tc, len(c.sorted), len(want))
		}
		for i, s := range c.sorted {
			if i > 0 && c.sorted[i-1].key >= s.key {
				t.Fatalf("%+v: cells out of order at %d", tc, i)
			}
			if w, ok := want[s.key]; !ok || w != s.n {
				t.Fatalf("%+v: cell %x sums %v, want %v", tc, s.key, s.n, w)
			}
		}
	}
	// radixSortCells is stable: equal keys keep their order.
	cells := make([]cellSlot, 5000)
	for i := range cells {
		cells[i] = cellSlot{uint64(rng.IntN(50)) << 20, float64(i)}
	}
	var tmp []cellSlot
	got := radixSortCells(slices.Clone(cells), &tmp)
	want := slices.Clone(cells)
	slices.SortStableFunc(want, func(a, b cellSlot) int { return cmpUint(a.key, b.key) })
	if !slices.Equal(got, want) {
		t.Error("radixSortCells is not a stable sort")
	}
}

// TestAdsManyCells reads ads that make more cells than one log holds,
// over several merges, with the scanner and with encoding/json only.
func TestAdsManyCells(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 100,000 ads twice; skipped with -short")
	}
	var in bytes.Buffer
	kom, ssyk := codes.Kommuner(), codes.SSYK(4)
	for i := range 100000 {
		k := kom[i*7%len(kom)]
		fmt.Fprintf(&in, `{"publication_date":"%d-%02d-03","number_of_vacancies":%d,"occupation_group":{"legacy_ams_taxonomy_id":"%s"},"workplace_address":{"municipality_code":"%s"}}`+"\n",
			2000+i%25, 1+i/25%12, 1+i%5, ssyk[i*13%len(ssyk)].Code, k.Code)
	}
	sameAsReference(t, in.Bytes(), AdOptions{ByPlace: true})
	v, err := ReadAds(bytes.NewReader(in.Bytes()), "f.jsonl", AdOptions{ByPlace: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(v.ByPlace) <= 2*minCellLog {
		t.Errorf("%d cells: too few to merge more than once", len(v.ByPlace))
	}
}
