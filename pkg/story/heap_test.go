package story

import (
	"container/heap"
	"math/rand/v2"
	"testing"
)

// TestHeapMatchesContainerHeap pops the same merges in the same order as
// container/heap under random pushes and pops with many tied averages.
func TestHeapMatchesContainerHeap(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	rnd := func() merge {
		a := int32(r.IntN(50))
		return merge{avg: float64(r.IntN(8)) / 8, a: a, b: a + 1 + int32(r.IntN(50)), va: uint32(r.IntN(3)), vb: uint32(r.IntN(3))}
	}
	var mine, ref mergeHeap
	for range 2000 {
		m := rnd()
		mine, ref = append(mine, m), append(ref, m)
	}
	mine.init()
	heap.Init(&ref)
	for step := range 5000 {
		if r.IntN(3) == 0 || len(ref) == 0 {
			m := rnd()
			mine.push(m)
			heap.Push(&ref, m)
			continue
		}
		got, want := mine.pop(), heap.Pop(&ref).(merge)
		if got != want {
			t.Fatalf("step %d: popped %+v, container/heap %+v", step, got, want)
		}
	}
}
