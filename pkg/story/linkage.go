package story

// Average linkage on a sparse graph. Each cluster keeps, for every cluster it
// has an edge to, the sum of the similarities of the edges between them; the
// average similarity of two clusters is that sum over the product of their
// sizes, so pairs of items without an edge count as zero. A heap holds
// candidate merges; an entry is stale once either cluster has changed since it
// was pushed, and is skipped when popped. Merging folds the smaller cluster's
// neighbour sums into the larger one's, so each sum moves O(log n) times.
// Ties are broken by cluster ids, which makes the result independent of the
// order edges arrive in.

import (
	"container/heap"
	"context"
)

// cluster is a live cluster during linkage.
type cluster struct {
	size    int
	version int
	sums    map[int32]float64 // neighbour cluster → sum of edge similarities
}

// merge is a candidate merge of clusters a < b.
type merge struct {
	avg        float64
	a, b       int32
	verA, verB int
}

type mergeHeap []merge

func (h mergeHeap) Len() int { return len(h) }
func (h mergeHeap) Less(i, j int) bool {
	if h[i].avg != h[j].avg {
		return h[i].avg > h[j].avg
	}
	if h[i].a != h[j].a {
		return h[i].a < h[j].a
	}
	return h[i].b < h[j].b
}
func (h mergeHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *mergeHeap) Push(x any)   { *h = append(*h, x.(merge)) }
func (h *mergeHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// averageLinkage clusters n items joined by edges and returns each item's
// cluster label: the smallest item index in its cluster.
func averageLinkage(ctx context.Context, n int, edges []Edge, threshold float64) ([]int32, error) {
	cl := make([]cluster, n)
	for i := range cl {
		cl[i].size = 1
	}
	for _, e := range edges {
		addSum(&cl[e.I], e.J, e.Sim)
		addSum(&cl[e.J], e.I, e.Sim)
	}
	h := make(mergeHeap, 0, len(edges))
	for _, e := range edges {
		if e.Sim >= threshold {
			h = append(h, merge{avg: e.Sim, a: e.I, b: e.J})
		}
	}
	heap.Init(&h)
	parent := make([]int32, n) // merged cluster → cluster it went into
	for i := range parent {
		parent[i] = int32(i)
	}
	for steps := 0; h.Len() > 0; steps++ {
		if steps%4096 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		m := heap.Pop(&h).(merge)
		if cl[m.a].version != m.verA || cl[m.b].version != m.verB || cl[m.a].size == 0 || cl[m.b].size == 0 {
			continue
		}
		into := join(cl, m.a, m.b, parent)
		for nb, sum := range cl[into].sums {
			avg := sum / float64(cl[into].size*cl[nb].size)
			if avg >= threshold {
				a, b := min(into, nb), max(into, nb)
				heap.Push(&h, merge{avg, a, b, cl[a].version, cl[b].version})
			}
		}
	}
	return labels(parent), nil
}

func addSum(c *cluster, nb int32, sim float64) {
	if c.sums == nil {
		c.sums = make(map[int32]float64, 4)
	}
	c.sums[nb] += sim
}

// join merges clusters a and b into the one with more neighbours and returns it.
func join(cl []cluster, a, b int32, parent []int32) int32 {
	into, from := a, b
	if len(cl[b].sums) > len(cl[a].sums) {
		into, from = b, a
	}
	delete(cl[into].sums, from)
	for nb, sum := range cl[from].sums {
		if nb == into {
			continue
		}
		cl[into].sums[nb] += sum
		s := cl[nb].sums
		s[into] += s[from]
		delete(s, from)
	}
	cl[into].size += cl[from].size
	cl[into].version++
	cl[from] = cluster{version: cl[from].version + 1}
	parent[from] = into
	return into
}

// labels resolves merge chains and names each cluster by its smallest item.
func labels(parent []int32) []int32 {
	root := func(i int32) int32 {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	smallest := make(map[int32]int32)
	out := make([]int32, len(parent))
	for i := range parent {
		r := root(int32(i))
		if _, ok := smallest[r]; !ok {
			smallest[r] = int32(i)
		}
		out[i] = smallest[r]
	}
	return out
}
