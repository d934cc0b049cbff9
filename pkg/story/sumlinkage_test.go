package story

import (
	"context"
	"slices"
	"testing"

	"github.com/newsclust/newsclust/pkg/vector"
)

// naiveSumLinkage is average linkage by its definition: merge the two
// clusters with the highest average cosine over all pairs of their items,
// among those the cohesion rule allows (all of them when cohesion is 0),
// while it is at least threshold. It returns the clusters, each sorted.
func naiveSumLinkage(items *vector.Rows, threshold, cohesion float64) [][]int32 {
	var cs [][]int32
	for i := range items.Len() {
		cs = append(cs, []int32{int32(i)})
	}
	dot := func(i, j int32) float64 { return vector.Dot(items.Row(int(i)), items.Row(int(j))) }
	avg := func(a, b []int32) float64 {
		var s float64
		for _, i := range a {
			for _, j := range b {
				s += dot(i, j)
			}
		}
		return s / float64(len(a)*len(b))
	}
	inner := func(a []int32) float64 {
		var s float64
		for x, i := range a {
			for _, j := range a[x+1:] {
				s += dot(i, j)
			}
		}
		return 2 * s / float64(len(a)*(len(a)-1))
	}
	held := func(a, b []int32, s float64) bool {
		return cohesion > 0 && len(a) > 1 && len(b) > 1 && s < cohesion*min(inner(a), inner(b))
	}
	for {
		best, bi, bj := -1.0, -1, -1
		for i := range cs {
			for j := i + 1; j < len(cs); j++ {
				if s := avg(cs[i], cs[j]); s > best && !held(cs[i], cs[j], s) {
					best, bi, bj = s, i, j
				}
			}
		}
		if bi < 0 || best < threshold {
			break
		}
		cs[bi] = append(cs[bi], cs[bj]...)
		slices.Sort(cs[bi])
		cs = slices.Delete(cs, bj, bj+1)
	}
	slices.SortFunc(cs, func(a, b []int32) int { return int(a[0] - b[0]) })
	return cs
}

func groups(labels []int32) [][]int32 {
	m := map[int32][]int32{}
	for i, l := range labels {
		m[l] = append(m[l], int32(i))
	}
	var out [][]int32
	for _, g := range m {
		out = append(out, g)
	}
	slices.SortFunc(out, func(a, b []int32) int { return int(a[0] - b[0]) })
	return out
}

func TestSumLinkageMatchesDefinition(t *testing.T) {
	for seed := range uint64(20) {
		items := randomItems(60, seed)
		p := testParams(1)
		p.Floor, p.IndexTerms, p.Reach = 1e-9, 100, 0
		for _, th := range []float64{0.15, 0.3, 0.5} {
			p.Threshold = th
			labels, _, err := Cluster(context.Background(), items, make([]int64, 60), p)
			if err != nil {
				t.Fatal(err)
			}
			got, want := groups(labels), naiveSumLinkage(items, th, 0)
			if !slices.EqualFunc(got, want, slices.Equal) {
				t.Errorf("seed %d threshold %v:\n got %v\nwant %v", seed, th, got, want)
			}
		}
	}
}
