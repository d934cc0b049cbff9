package pipeline

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestEstimateJaccard checks the bottom-k estimate against exact Jaccard
// similarities of random sets, including sets smaller than the sketch.
func TestEstimateJaccard(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	tests := []struct {
		common, onlyA, onlyB int
	}{
		{300, 0, 0},
		{300, 100, 100},
		{200, 100, 0}, // a contains b
		{100, 200, 200},
		{0, 300, 300},
		{10, 5, 0}, // smaller than the sketch
		{0, 0, 3},
	}
	for _, tt := range tests {
		var a, b []uint64
		for range tt.common {
			x := r.Uint64()
			a, b = append(a, x), append(b, x)
		}
		for range tt.onlyA {
			a = append(a, r.Uint64())
		}
		for range tt.onlyB {
			b = append(b, r.Uint64())
		}
		slices.Sort(a)
		slices.Sort(b)
		_, sa := bottomK(nil, a)
		_, sb := bottomK(nil, b)
		exact := float64(tt.common) / float64(tt.common+tt.onlyA+tt.onlyB)
		if tt.common+tt.onlyA+tt.onlyB == 0 {
			exact = 0
		}
		got := estimateJaccard(sa, sb)
		if math.Abs(got-exact) > 0.15 {
			t.Errorf("%+v: estimate %.3f, exact %.3f", tt, got, exact)
		}
		if len(sa) > sketchK || !slices.IsSorted(sa) {
			t.Errorf("%+v: sketch of %d values, sorted %v", tt, len(sa), slices.IsSorted(sa))
		}
	}
}

func TestEstimateJaccardEmpty(t *testing.T) {
	if got := estimateJaccard(nil, nil); got != 0 {
		t.Fatalf("empty sketches: %v", got)
	}
	if got := estimateJaccard([]uint32{1, 2}, []uint32{1, 2}); got != 1 {
		t.Fatalf("equal sketches: %v", got)
	}
}
