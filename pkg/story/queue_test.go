package story

import (
	"math/rand/v2"
	"testing"
)

// TestMergeQueueMatchesHeap pops the same merges as one heap of everything,
// with merges pushed between pops, for several worker counts.
func TestMergeQueueMatchesHeap(t *testing.T) {
	for _, workers := range []int{1, 2, 3, 5} {
		r := rand.New(rand.NewPCG(uint64(workers), 9))
		rnd := func() merge {
			a := int32(r.IntN(50))
			return merge{avg: float64(r.IntN(8)) / 8, a: a, b: a + 1 + int32(r.IntN(50)), va: uint32(r.IntN(3))}
		}
		var edges []Edge
		for range 20000 {
			m := rnd()
			edges = append(edges, Edge{m.a, m.b, m.avg})
		}
		q := newMergeQueue(edges, 0.25, workers)
		var ref mergeHeap
		for _, e := range edges {
			if e.Sim >= 0.25 {
				ref = append(ref, merge{avg: e.Sim, a: e.I, b: e.J})
			}
		}
		ref.init()
		for step := 0; ref.Len() > 0; step++ {
			if r.IntN(4) == 0 {
				m := rnd()
				q.h.push(m)
				ref.push(m)
				continue
			}
			if q.len() != ref.Len() {
				t.Fatalf("workers %d step %d: len %d, heap %d", workers, step, q.len(), ref.Len())
			}
			if got, want := q.pop(), ref.pop(); got != want {
				t.Fatalf("workers %d step %d: popped %+v, heap %+v", workers, step, got, want)
			}
		}
		if q.len() != 0 {
			t.Errorf("workers %d: %d left in the queue", workers, q.len())
		}
	}
}
