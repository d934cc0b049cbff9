package story

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/newsclust/newsclust/pkg/vector"
)

// sequentialSumLinkage is sumLinkage as it was before the lookahead: every
// stale entry's similarity computed at its turn, one at a time.
func sequentialSumLinkage(items *vector.Rows, times []int64, edges []Edge, p Params) ([]int32, *linker) {
	l := newLinker(items, times, p)
	q := newMergeQueue(edges, p.Threshold, 1)
	for q.len() > 0 {
		m := q.pop()
		a, b := l.find(m.a), l.find(m.b)
		switch {
		case a == b:
		case a == m.a && b == m.b && l.ver[a] == m.va && l.ver[b] == m.vb:
			l.join(a, b)
		default:
			a, b = min(a, b), max(a, b)
			if l.recomputed(a, b) {
				continue
			}
			l.dots++
			if sim := l.similarity(a, b, &l.tmpA, &l.tmpB); sim >= p.Threshold {
				q.h.push(merge{avg: sim, a: a, b: b, va: l.ver[a], vb: l.ver[b]})
			}
		}
	}
	return labels(l.parent), l
}

// TestLookaheadMatchesSequential checks that computing similarities ahead,
// on one worker or several, gives the labels of the one-at-a-time loop and
// the same count of similarities used, with and without publication times.
func TestLookaheadMatchesSequential(t *testing.T) {
	var wasted, used int
	for seed := range uint64(30) {
		n := 200 + int(seed)*20
		items := randomItems(n, seed)
		r := rand.New(rand.NewPCG(seed, 7))
		for _, timed := range []bool{false, true} {
			times := make([]int64, n)
			if timed {
				times = randomTimes(r, n, 6, 600)
			}
			for _, th := range []float64{0.15, 0.3, 0.45} {
				p := testParams(1)
				p.Threshold, p.Floor, p.IndexTerms, p.Reach, p.Neighbors = th, 0.05, 4, 30, 6
				edges, _, err := candidateEdges(context.Background(), items, times, p)
				if err != nil {
					t.Fatal(err)
				}
				want, wl := sequentialSumLinkage(items, times, edges, p)
				for _, workers := range []int{1, 2, 3} {
					p.Workers = workers
					// every batch of two or more is shared with the helper
					got, gl, err := sumLinkageShared(context.Background(), items, times, edges, p, 0)
					if err != nil {
						t.Fatal(err)
					}
					if !slices.Equal(got, want) || gl.dots != wl.dots {
						t.Errorf("seed %d times %v threshold %v workers %d: labels differ or %d similarities used, want %d",
							seed, timed, th, workers, gl.dots, wl.dots)
					}
					wasted += gl.computed - gl.dots
					used += gl.dots
				}
			}
		}
	}
	if used == 0 {
		t.Fatal("degenerate test: no similarity recomputed")
	}
	t.Logf("%d similarities used, %d computed ahead and wasted", used, wasted)
}
