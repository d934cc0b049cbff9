package vector

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSelectTop checks that SelectTop keeps exactly the first k entries of a
// full sort, in order, including with many equal weights.
func TestSelectTop(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for trial := range 300 {
		n := 1 + r.IntN(400)
		w := make([]float64, n)
		for i := range w {
			w[i] = float64(r.IntN(1 + trial%50)) // few distinct values on some trials
		}
		less := func(a, b int) int {
			if c := cmp.Compare(w[b], w[a]); c != 0 {
				return c
			}
			return cmp.Compare(a, b)
		}
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		want := slices.Clone(idx)
		slices.SortFunc(want, less)
		r.Shuffle(n, func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
		k := 1 + r.IntN(n)
		SelectTop(idx, k, less)
		if !slices.Equal(idx[:k], want[:k]) {
			t.Fatalf("trial %d n=%d k=%d: got %v, want %v", trial, n, k, idx[:k], want[:k])
		}
	}
}
