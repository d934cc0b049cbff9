package story

// The merge queue of sum linkage. Most merges it ever holds are the initial
// edges; the rest are recomputed ones, pushed while linkage runs. So the
// initial edges are sorted once, on all workers, and read in order, and only
// the recomputed merges go through a heap, which stays small: a pop compares
// the two heads instead of sifting through a heap of every edge. Both hold
// merges in the total order of before, so the pops are exactly those of one
// heap of everything.

import (
	"slices"
	"sync"
)

// mergeQueue yields merges in the order of before.
type mergeQueue struct {
	sorted []merge // initial merges, in order; sorted[next:] are left
	next   int
	h      mergeHeap // merges pushed later
}

// newMergeQueue queues the edges at or above threshold, sorting them on
// workers goroutines.
func newMergeQueue(edges []Edge, threshold float64, workers int) *mergeQueue {
	var initial []merge
	for _, e := range edges {
		if e.Sim >= threshold {
			initial = append(initial, merge{avg: e.Sim, a: e.I, b: e.J})
		}
	}
	return &mergeQueue{sorted: sortMerges(initial, workers)}
}

// len returns the number of merges queued.
func (q *mergeQueue) len() int { return len(q.sorted) - q.next + q.h.Len() }

// pop removes and returns the first merge. The queue must not be empty.
func (q *mergeQueue) pop() merge {
	if q.h.Len() > 0 && (q.next == len(q.sorted) || before(q.h[0], q.sorted[q.next])) {
		return q.h.pop()
	}
	q.next++
	return q.sorted[q.next-1]
}

// sortMerges sorts ms in the order of before: its parts on workers
// goroutines, then merged two by two. It may return a new slice.
func sortMerges(ms []merge, workers int) []merge {
	cmpMerges := func(x, y merge) int {
		switch {
		case before(x, y):
			return -1
		case before(y, x):
			return 1
		}
		return 0
	}
	parts := make([][]merge, max(1, min(workers, len(ms)/4096)))
	var wg sync.WaitGroup
	for w := range parts {
		parts[w] = ms[w*len(ms)/len(parts) : (w+1)*len(ms)/len(parts)]
		wg.Go(func() { slices.SortFunc(parts[w], cmpMerges) })
	}
	wg.Wait()
	for len(parts) > 1 {
		var next [][]merge
		for k := 0; k+1 < len(parts); k += 2 {
			next = append(next, mergeSorted(parts[k], parts[k+1]))
		}
		if len(parts)%2 == 1 {
			next = append(next, parts[len(parts)-1])
		}
		parts = next
	}
	return parts[0]
}

// mergeSorted merges two sorted runs into a new slice.
func mergeSorted(x, y []merge) []merge {
	out := make([]merge, 0, len(x)+len(y))
	for len(x) > 0 && len(y) > 0 {
		if before(y[0], x[0]) {
			out, y = append(out, y[0]), y[1:]
		} else {
			out, x = append(out, x[0]), x[1:]
		}
	}
	return append(append(out, x...), y...)
}
