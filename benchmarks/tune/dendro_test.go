package main

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/newsclust/newsclust/pkg/metrics"
	"github.com/newsclust/newsclust/pkg/pipeline"
)

// randomSims returns a symmetric n×n similarity matrix with a zero diagonal
// and random weights 1–3.
func randomSims(r *rand.Rand, n int) ([]float32, []int) {
	sim := make([]float32, n*n)
	size := make([]int, n)
	for i := range n {
		size[i] = 1 + r.IntN(3)
		for j := i + 1; j < n; j++ {
			s := float32(r.IntN(1000)) / 1000
			sim[i*n+j], sim[j*n+i] = s, s
		}
	}
	return sim, size
}

// naiveTree is average linkage by its definition: repeatedly merge the two
// clusters with the highest weighted average similarity over their pairs.
func naiveTree(n int, sim []float32, size []int) []float64 {
	clusters := make([][]int, n)
	for i := range n {
		clusters[i] = []int{i}
	}
	var sims []float64
	for len(clusters) > 1 {
		bi, bj, best := 0, 1, math.Inf(-1)
		for i := range clusters {
			for j := i + 1; j < len(clusters); j++ {
				var sum, w float64
				for _, a := range clusters[i] {
					for _, b := range clusters[j] {
						sum += float64(size[a]*size[b]) * float64(sim[a*n+b])
						w += float64(size[a] * size[b])
					}
				}
				if sum/w > best {
					bi, bj, best = i, j, sum/w
				}
			}
		}
		sims = append(sims, best)
		clusters[bi] = append(clusters[bi], clusters[bj]...)
		clusters = slices.Delete(clusters, bj, bj+1)
	}
	return sims
}

func TestAverageTreeMatchesDefinition(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 200 {
		n := 2 + r.IntN(12)
		sim, size := randomSims(r, n)
		want := naiveTree(n, sim, size)
		got := averageTree(n, slices.Clone(sim), size)
		if len(got) != n-1 {
			t.Fatalf("trial %d: %d merges for %d items", trial, len(got), n)
		}
		seen := map[int32]bool{}
		for k, m := range got {
			if math.Abs(m.sim-want[k]) > 1e-5 {
				t.Fatalf("trial %d: merge %d at %.6f, want %.6f", trial, k, m.sim, want[k])
			}
			for _, side := range []int32{m.a, m.b} {
				if seen[side] || side >= int32(n+k) {
					t.Fatalf("trial %d: merge %d joins node %d, used or not yet made", trial, k, side)
				}
				seen[side] = true
			}
		}
	}
}

// Items 0 and 1 merge at 0.9, item 2 joins them at 0.5, item 3 comes last.
func testTree() []treeMerge {
	return []treeMerge{{0, 1, 0.9}, {4, 2, 0.5}, {5, 3, 0.1}}
}

func TestCutTree(t *testing.T) {
	tests := []struct {
		name   string
		accept func(k int) bool
		want   []int32
	}{
		{"none", func(int) bool { return false }, []int32{0, 1, 2, 3}},
		{"threshold 0.5", func(k int) bool { return testTree()[k].sim >= 0.5 }, []int32{5, 5, 5, 3}},
		{"all", func(int) bool { return true }, []int32{6, 6, 6, 6}},
		// A rejected merge stops the ones above it.
		{"first rejected", func(k int) bool { return k != 0 }, []int32{0, 1, 2, 3}},
	}
	for _, tt := range tests {
		if got := cutTree(4, testTree(), tt.accept); !slices.Equal(got, tt.want) {
			t.Errorf("%s: labels %v, want %v", tt.name, got, tt.want)
		}
	}
}

// pairF1 scores the cut made by made against gold with the metrics package.
func pairF1(n int, merges []treeMerge, made []bool, gold [][]string) float64 {
	labels := cutTree(n, merges, func(k int) bool { return made[k] })
	var pred, want []string
	for i, gs := range gold {
		for _, g := range gs {
			pred = append(pred, string(rune('A'+labels[i])))
			want = append(want, g)
		}
	}
	return metrics.Compare(pred, want).PairF1
}

// optimalPairCut finds the best cut that trying every set of merges finds.
func TestOptimalPairCutIsBest(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for trial := range 100 {
		n := 2 + r.IntN(7)
		sim, size := randomSims(r, n)
		merges := averageTree(n, sim, size)
		gold := make([][]string, n)
		goldSize := map[string]int64{}
		for i := range n {
			for range size[i] {
				g := string(rune('a' + r.IntN(3)))
				gold[i] = append(gold[i], g)
				goldSize[g]++
			}
		}
		var goldPairs int64
		for _, x := range goldSize {
			goldPairs += x * (x - 1) / 2
		}
		got := pairF1(n, merges, optimalPairCut(n, merges, tallyPairs(n, merges, gold), goldPairs), gold)
		best := 0.0
		for mask := range 1 << (n - 1) {
			made := make([]bool, n-1)
			for k := range made {
				made[k] = mask>>k&1 == 1
			}
			best = max(best, pairF1(n, merges, made, gold))
		}
		if math.Abs(got-best) > 1e-12 {
			t.Fatalf("trial %d: optimal cut has pairwise F1 %.6f, exhaustive search %.6f", trial, got, best)
		}
	}
}

// On the seeds, the default cut of the tree is right, and so is the oracle.
func TestMeasureDendrogramSeeds(t *testing.T) {
	gold, err := metrics.ReadLabels("../../testdata/seeds.gold.jsonl", "story", false)
	if err != nil {
		t.Fatal(err)
	}
	row, err := measureDendrogram(context.Background(), pipeline.DefaultConfig(), "../../testdata/seeds", gold, 2)
	if err != nil {
		t.Fatal(err)
	}
	if row.units != 3 || row.atDefault.BCubedF1 != 1 || row.oracle.PairF1 != 1 {
		t.Fatalf("units %d, BCubed F1 at the default %.3f, oracle pairwise F1 %.3f; want 3, 1, 1", row.units, row.atDefault.BCubedF1, row.oracle.PairF1)
	}
}
