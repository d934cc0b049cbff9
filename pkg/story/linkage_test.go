package story

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestLazyLinkageSameAsEager checks that the lazy heap gives the same
// clusters as re-pushing every neighbour after each merge (the eager way,
// forced here by a burst separation that never separates), on random graphs
// with dense communities and many tied similarities.
func TestLazyLinkageSameAsEager(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	for trial := range 200 {
		n := 5 + r.IntN(150)
		group := make([]int, n)
		for i := range group {
			group[i] = r.IntN(1 + n/6)
		}
		var edges []Edge
		for i := range n {
			for j := i + 1; j < n; j++ {
				p := 0.03
				if group[i] == group[j] {
					p = 0.6
				}
				if r.Float64() < p {
					edges = append(edges, Edge{int32(i), int32(j), float64(1+r.IntN(20)) / 20})
				}
			}
		}
		times := make([]int64, n)
		p := DefaultParams()
		p.Threshold = []float64{0.1, 0.2, 0.35}[trial%3]
		lazy, err := averageLinkage(context.Background(), n, edges, times, &p)
		if err != nil {
			t.Fatal(err)
		}
		p.BurstMin, p.BurstGap = 1, math.Inf(1)
		eager, err := averageLinkage(context.Background(), n, edges, times, &p)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(lazy, eager) {
			t.Fatalf("trial %d (n=%d, %d edges): lazy %v, eager %v", trial, n, len(edges), lazy, eager)
		}
	}
}
