package story

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"
)

// triangles is two triangles {0,1,2} and {3,4,5} of similarity 0.9 joined by
// one edge of 0.5 between items 2 and 3.
var triangles = []Edge{
	{0, 1, 0.9}, {0, 2, 0.9}, {1, 2, 0.9},
	{2, 3, 0.5},
	{3, 4, 0.9}, {3, 5, 0.9}, {4, 5, 0.9},
}

func TestAverageLinkage(t *testing.T) {
	tests := []struct {
		name      string
		n         int
		edges     []Edge
		threshold float64
		want      []int32
	}{
		{
			// After the triangles form, their average is 0.5/9 ≈ 0.056 < 0.3:
			// one strong link does not chain two stories together.
			name: "no chaining", n: 6, edges: triangles, threshold: 0.3,
			want: []int32{0, 0, 0, 3, 3, 3},
		},
		{
			// 0.5/9 ≈ 0.056 reaches a threshold of 0.05.
			name: "low threshold joins the triangles", n: 6, edges: triangles, threshold: 0.05,
			want: []int32{0, 0, 0, 0, 0, 0},
		},
		{
			// 0.9 triangles do not form at 0.95: nothing merges.
			name: "threshold above every edge", n: 6, edges: triangles, threshold: 0.95,
			want: []int32{0, 1, 2, 3, 4, 5},
		},
		{
			name: "clique of four at 0.4 merges at 0.3", n: 4, threshold: 0.3,
			edges: []Edge{{0, 1, 0.4}, {0, 2, 0.4}, {0, 3, 0.4}, {1, 2, 0.4}, {1, 3, 0.4}, {2, 3, 0.4}},
			want:  []int32{0, 0, 0, 0},
		},
		{
			// A path 0-1-2-3 of 0.4: {0,1} and {2,3} form, then their average
			// is 0.4/4 = 0.1 < 0.3.
			name: "path of four splits in two", n: 4, threshold: 0.3,
			edges: []Edge{{0, 1, 0.4}, {1, 2, 0.4}, {2, 3, 0.4}},
			want:  []int32{0, 0, 2, 2},
		},
		{
			// The strongest pair merges first: {1,2} at 0.8; then 0 with
			// {1,2} averages (0.7 + 0)/2 = 0.35 ≥ 0.3.
			name: "strongest pair first", n: 3, threshold: 0.3,
			edges: []Edge{{0, 1, 0.7}, {1, 2, 0.8}},
			want:  []int32{0, 0, 0},
		},
		{
			// As above but 0.7/2 = 0.35 < 0.4 leaves item 0 out.
			name: "third item left out", n: 3, threshold: 0.4,
			edges: []Edge{{0, 1, 0.7}, {1, 2, 0.8}},
			want:  []int32{0, 1, 1},
		},
		{
			// Pairs {0,1} and {2,3} (0.9) with two cross edges of 0.6: the
			// average over the 2·2 pairs is 1.2/4 = 0.3 < 0.35.
			name: "pairs averaged over all four cross pairs", n: 4, threshold: 0.35,
			edges: []Edge{{0, 1, 0.9}, {2, 3, 0.9}, {0, 2, 0.6}, {1, 3, 0.6}},
			want:  []int32{0, 0, 2, 2},
		},
		{
			// Three cross edges of 0.6 and one pair without an edge (counted
			// as 0): 1.8/4 = 0.45 ≥ 0.35 merges, where complete linkage would not.
			name: "missing pair counts as zero but does not veto", n: 4, threshold: 0.35,
			edges: []Edge{{0, 1, 0.9}, {2, 3, 0.9}, {0, 2, 0.6}, {0, 3, 0.6}, {1, 2, 0.6}},
			want:  []int32{0, 0, 0, 0},
		},
		{
			name: "labels are the smallest index", n: 6, threshold: 0.3,
			edges: []Edge{{3, 5, 0.9}, {1, 4, 0.8}},
			want:  []int32{0, 1, 2, 3, 1, 3},
		},
		{
			// Item 4 has the most neighbours, so it absorbs the others, but
			// the label is still the smallest member, 1. Averages: 0.9, then
			// 0.9/2 = 0.45, then 0.9/3 = 0.3 ≥ 0.25.
			name: "star labelled by its smallest member", n: 5, threshold: 0.25,
			edges: []Edge{{1, 4, 0.9}, {2, 4, 0.9}, {3, 4, 0.9}},
			want:  []int32{0, 1, 1, 1, 1},
		},
		{
			name: "edge at the threshold merges", n: 2, threshold: 0.5,
			edges: []Edge{{0, 1, 0.5}},
			want:  []int32{0, 0},
		},
		{
			name: "no edges", n: 3, threshold: 0.1,
			want: []int32{0, 1, 2},
		},
		{
			name: "no items", n: 0, threshold: 0.1,
			want: []int32{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := averageLinkage(context.Background(), tt.n, slices.Clone(tt.edges), tt.threshold)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("averageLinkage = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestAverageLinkageEdgeOrder shuffles the edges: the labels must not change.
func TestAverageLinkageEdgeOrder(t *testing.T) {
	graphs := []struct {
		name      string
		n         int
		edges     []Edge
		threshold float64
		want      []int32
	}{
		{"triangles", 6, triangles, 0.3, []int32{0, 0, 0, 3, 3, 3}},
		// Ties everywhere: the clique must still come out whole.
		{"clique", 4, []Edge{{0, 1, 0.4}, {0, 2, 0.4}, {0, 3, 0.4}, {1, 2, 0.4}, {1, 3, 0.4}, {2, 3, 0.4}}, 0.3, []int32{0, 0, 0, 0}},
		// Tied 0.5 edges along a path: {0,1} merges first (smallest ids),
		// then {2,3}; the average of the two pairs is 0.5/4, and of 4 with
		// {2,3} 0.5/2 = 0.25, both below 0.3, so 4 stays alone.
		{"tied path", 5, []Edge{{0, 1, 0.5}, {1, 2, 0.5}, {2, 3, 0.5}, {3, 4, 0.5}}, 0.3, []int32{0, 0, 2, 2, 4}},
	}
	r := rand.New(rand.NewPCG(7, 11))
	for _, g := range graphs {
		for k := range 50 {
			edges := slices.Clone(g.edges)
			r.Shuffle(len(edges), func(i, j int) { edges[i], edges[j] = edges[j], edges[i] })
			got, err := averageLinkage(context.Background(), g.n, edges, g.threshold)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, g.want) {
				t.Fatalf("%s, shuffle %d (%v): labels %v, want %v", g.name, k, edges, got, g.want)
			}
		}
	}
}

// TestAverageLinkageRandomGraphEdgeOrder compares shuffled edge lists of a
// random graph with the sorted one.
func TestAverageLinkageRandomGraphEdgeOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	const n = 60
	var edges []Edge
	for i := int32(0); i < n; i++ {
		for j := i + 1; j < n; j++ {
			if r.Float64() < 0.15 {
				// Similarities on a coarse grid, so that ties are common.
				edges = append(edges, Edge{i, j, float64(1+r.IntN(10)) / 10})
			}
		}
	}
	want, err := averageLinkage(context.Background(), n, slices.Clone(edges), 0.3)
	if err != nil {
		t.Fatal(err)
	}
	if len(labelSet(want)) == n || len(labelSet(want)) == 1 {
		t.Fatalf("degenerate test graph: %d clusters", len(labelSet(want)))
	}
	for k := range 20 {
		shuffled := slices.Clone(edges)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		got, err := averageLinkage(context.Background(), n, shuffled, 0.3)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("shuffle %d: labels %v, want %v", k, got, want)
		}
	}
	// Every label is the smallest member of its cluster.
	for i, l := range want {
		if l > int32(i) || want[l] != l {
			t.Fatalf("item %d has label %d, not the smallest member of its cluster", i, l)
		}
	}
}

func labelSet(labels []int32) map[int32]bool {
	s := make(map[int32]bool)
	for _, l := range labels {
		s[l] = true
	}
	return s
}

func TestAverageLinkageCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := averageLinkage(ctx, 2, []Edge{{0, 1, 0.9}}, 0.3)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// naiveLinkage is average linkage by definition: at each step it computes the
// average similarity of every pair of clusters and merges the best one.
func naiveLinkage(n int, edges []Edge, threshold float64) [][]int32 {
	sim := make(map[[2]int32]float64)
	for _, e := range edges {
		sim[[2]int32{e.I, e.J}] = e.Sim
		sim[[2]int32{e.J, e.I}] = e.Sim
	}
	var clusters [][]int32
	for i := range n {
		clusters = append(clusters, []int32{int32(i)})
	}
	for {
		best, bi, bj := threshold, -1, -1
		for i := range clusters {
			for j := i + 1; j < len(clusters); j++ {
				var sum float64
				for _, a := range clusters[i] {
					for _, b := range clusters[j] {
						sum += sim[[2]int32{a, b}]
					}
				}
				if avg := sum / float64(len(clusters[i])*len(clusters[j])); avg >= best {
					best, bi, bj = avg, i, j
				}
			}
		}
		if bi < 0 {
			return clusters
		}
		clusters[bi] = append(clusters[bi], clusters[bj]...)
		clusters = slices.Delete(clusters, bj, bj+1)
	}
}

// TestAverageLinkageMatchesDefinition compares the lazy heap with the
// definition on random graphs whose similarities have no ties.
func TestAverageLinkageMatchesDefinition(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	for trial := range 60 {
		n := 3 + r.IntN(25)
		var edges []Edge
		for i := range n {
			for j := i + 1; j < n; j++ {
				if r.Float64() < 0.4 {
					edges = append(edges, Edge{int32(i), int32(j), r.Float64()})
				}
			}
		}
		threshold := []float64{0.1, 0.25, 0.4}[trial%3]
		got, err := averageLinkage(context.Background(), n, edges, threshold)
		if err != nil {
			t.Fatal(err)
		}
		want := make([]int32, n)
		for _, c := range naiveLinkage(n, edges, threshold) {
			first := slices.Min(c)
			for _, i := range c {
				want[i] = first
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("trial %d (n=%d, threshold %v): got %v, want %v", trial, n, threshold, got, want)
		}
	}
}
