package story

// Average linkage on a sparse graph, for Link. Each cluster keeps, for every cluster it
// has an edge to, the sum of the similarities of the edges between them; the
// average similarity of two clusters is that sum over the product of their
// sizes, so pairs of items without an edge count as zero. A heap holds
// candidate merges, kept lazily (see averageLinkage). Merging folds the smaller cluster's
// neighbour sums into the larger one's, so each sum moves O(log n) times.
// Ties are broken by cluster ids, which makes the result independent of the
// order edges arrive in.

import "context"

// cluster is a live cluster during linkage.
type cluster struct {
	size int
	sums map[int32]float64 // neighbour cluster → sum of edge similarities
}

// merge is a candidate merge of clusters a < b. Sum linkage stamps it with
// the clusters' versions va and vb; graph linkage leaves them zero.
type merge struct {
	avg    float64
	a, b   int32
	va, vb uint32
}

type mergeHeap []merge

func (h mergeHeap) Len() int           { return len(h) }
func (h mergeHeap) Less(i, j int) bool { return before(h[i], h[j]) }

// before reports whether merge x comes before y: the higher average first,
// then the smaller clusters and versions. It is a total order: merges that
// compare equal are equal.
func before(x, y merge) bool {
	if x.avg != y.avg {
		return x.avg > y.avg
	}
	if x.a != y.a {
		return x.a < y.a
	}
	if x.b != y.b {
		return x.b < y.b
	}
	if x.va != y.va {
		return x.va < y.va
	}
	return x.vb < y.vb
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
	presize(cl, edges)
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
	h.init()
	parent := make([]int32, n) // merged cluster → cluster it went into
	for i := range parent {
		parent[i] = int32(i)
	}
	// Merges are found lazily: after a join only the pairs whose edge sum
	// changed (the neighbours of the cluster folded in) are pushed. The
	// other neighbours' averages only fell, as the cluster grew, so their
	// entries are upper bounds; an entry whose average is no longer exact is
	// recomputed and pushed again when it comes to the top. An entry that is
	// exact at the top is the best merge of all, as it would be with every
	// average kept exact, so the merges and their order are the same, but a
	// large cluster does not re-push every neighbour on each merge.
	var changed []int32
	for steps := 0; h.Len() > 0; steps++ {
		if steps%4096 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		m := h.pop()
		if cl[m.a].size == 0 || cl[m.b].size == 0 {
			continue
		}
		if avg := average(cl, m.a, m.b); avg != m.avg {
			if avg >= threshold {
				h.push(merge{avg: avg, a: m.a, b: m.b})
			}
			continue
		}
		_, from := intoFrom(cl, m.a, m.b)
		changed = changed[:0]
		for nb := range cl[from].sums {
			changed = append(changed, nb)
		}
		into := join(cl, m.a, m.b, parent)
		for _, nb := range changed {
			if avg := average(cl, into, nb); nb != into && avg >= threshold {
				h.push(merge{avg: avg, a: min(into, nb), b: max(into, nb)})
			}
		}
	}
	return labels(parent), nil
}

// average returns the average similarity of live clusters a and b.
func average(cl []cluster, a, b int32) float64 {
	return cl[a].sums[b] / float64(cl[a].size*cl[b].size)
}

// intoFrom returns which of clusters a and b join keeps (the one with more
// neighbours) and which it folds into it.
func intoFrom(cl []cluster, a, b int32) (into, from int32) {
	if len(cl[b].sums) > len(cl[a].sums) {
		return b, a
	}
	return a, b
}

// presize makes each item's neighbour map with room for its degree, so that
// the maps do not grow (and rehash) while the edges are added.
func presize(cl []cluster, edges []Edge) {
	deg := make([]int32, len(cl))
	for _, e := range edges {
		deg[e.I]++
		deg[e.J]++
	}
	for i, d := range deg {
		if d > 0 {
			cl[i].sums = make(map[int32]float64, d)
		}
	}
}

func addSum(c *cluster, nb int32, sim float64) {
	if c.sums == nil {
		c.sums = make(map[int32]float64, 4)
	}
	c.sums[nb] += sim
}

// join merges clusters a and b into the one with more neighbours and returns it.
func join(cl []cluster, a, b int32, parent []int32) int32 {
	into, from := intoFrom(cl, a, b)
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
	cl[from] = cluster{}
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
