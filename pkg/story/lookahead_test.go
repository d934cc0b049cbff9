package story

import (
	"context"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/newsclust/newsclust/pkg/vector"
)

// sequentialSumLinkage is sumLinkage as it was before the lookahead: every
// stale entry's similarity computed at its turn, one at a time, with the
// cohesion rule's hold and release (cohesion.go).
func sequentialSumLinkage(items *vector.Rows, times []int64, edges []Edge, p Params) ([]int32, *linker) {
	l := newLinker(items, times, p)
	q := newMergeQueue(edges, p.Threshold, 1)
	for q.len() > 0 {
		m := q.pop()
		a, b := l.find(m.a), l.find(m.b)
		switch {
		case a == b:
		case a == m.a && b == m.b && l.ver[a] == m.va && l.ver[b] == m.vb:
			if l.inner != nil && !l.cohere(a, b, m.avg) {
				l.hold(m)
				continue
			}
			l.join(a, b)
			if l.inner != nil {
				l.release(&q.h, a, b)
			}
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
// the same count of similarities used, with and without publication times,
// with and without the cohesion rule.
func TestLookaheadMatchesSequential(t *testing.T) {
	var wasted, used, held int
	for seed := range uint64(30) {
		n := 200 + int(seed)*20
		items := randomItems(n, seed)
		r := rand.New(rand.NewPCG(seed, 7))
		for _, timed := range []bool{false, true} {
			times := make([]int64, n)
			if timed {
				times = randomTimes(r, n, 6, 600)
			}
			for _, tc := range []struct{ th, cohesion float64 }{{0.15, 0}, {0.3, 0}, {0.45, 0}, {0.15, 0.7}, {0.3, 0.9}} {
				th := tc.th
				p := testParams(1)
				p.Threshold, p.Floor, p.IndexTerms, p.Reach, p.Neighbors = th, 0.05, 4, 30, 6
				p.Cohesion = tc.cohesion
				edges, _, err := candidateEdges(context.Background(), items, times, p)
				if err != nil {
					t.Fatal(err)
				}
				want, wl := sequentialSumLinkage(items, times, edges, p)
				for _, h := range wl.held {
					held += len(h)
				}
				for _, workers := range []int{1, 2, 3} {
					p.Workers = workers
					// every batch of two or more is shared with the helper
					got, gl, err := sumLinkageShared(context.Background(), items, times, edges, p, 0)
					if err != nil {
						t.Fatal(err)
					}
					if !slices.Equal(got, want) || gl.dots != wl.dots {
						t.Errorf("seed %d times %v threshold %v cohesion %v workers %d: labels differ or %d similarities used, want %d",
							seed, timed, th, tc.cohesion, workers, gl.dots, wl.dots)
					}
					wasted += gl.computed - gl.dots
					used += gl.dots
				}
			}
		}
	}
	if used == 0 || held == 0 {
		t.Fatalf("degenerate test: %d similarities recomputed, %d merges left held", used, held)
	}
	t.Logf("%d similarities used, %d computed ahead and wasted", used, wasted)
}
