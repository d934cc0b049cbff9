package story

// Centroid linkage, the second stage. Average linkage is strict: a large story
// whose articles each share only a word or two with the others (headlines,
// above all) never reaches a high average, because most of its pairs have no
// edge at all. The centroid of such a cluster, however, gathers the story's
// vocabulary, so the cosine of two centroids measures how alike two clusters
// are as wholes. The second stage merges clusters, most similar first, while
// the cosine of their (unit) centroids is at least CentroidThreshold, and only
// clusters joined by at least one edge of the graph are compared.

import (
	"cmp"
	"container/heap"
	"context"
	"slices"

	"github.com/newsclust/newsclust/pkg/vector"
)

// centroidLinkage merges the clusters given by labels (item → cluster label)
// and returns the new labels.
func centroidLinkage(ctx context.Context, items *vector.Rows, labels []int32, edges []Edge, times []int64, p *Params) ([]int32, error) {
	n := len(labels)
	sum := make(map[int32]map[uint32]float64)
	cl := make([]cluster, n)
	for i, l := range labels {
		if sum[l] == nil {
			sum[l] = make(map[uint32]float64)
		}
		v := items.Row(i)
		for k, t := range v.Terms {
			sum[l][t] += float64(v.Weights[k])
		}
		c := &cl[l]
		c.size++
		if times[i] != 0 {
			one := cluster{timed: 1, tmin: times[i], tmax: times[i]}
			mergeTimes(c, &one)
		}
	}
	cent := make(map[int32]vector.Vector, len(sum))
	for l, s := range sum {
		cent[l] = unit(s, p.CentroidTerms)
	}
	adj := make(map[int32]map[int32]bool)
	link := func(a, b int32) {
		if adj[a] == nil {
			adj[a] = make(map[int32]bool)
		}
		adj[a][b] = true
	}
	for _, e := range edges {
		a, b := labels[e.I], labels[e.J]
		if a != b {
			link(a, b)
			link(b, a)
		}
	}
	h := mergeHeap{}
	for a, nbs := range adj {
		for b := range nbs {
			if a < b {
				if s := vector.Dot(cent[a], cent[b]); s >= p.CentroidThreshold {
					h = append(h, merge{avg: s, a: a, b: b})
				}
			}
		}
	}
	heap.Init(&h)
	parent := make([]int32, n)
	for i := range parent {
		parent[i] = int32(i)
	}
	for steps := 0; h.Len() > 0; steps++ {
		if steps%1024 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		m := heap.Pop(&h).(merge)
		if cl[m.a].version != m.verA || cl[m.b].version != m.verB || cl[m.a].size == 0 || cl[m.b].size == 0 {
			continue
		}
		if p.separateBursts(&cl[m.a], &cl[m.b]) {
			continue
		}
		into, from := m.a, m.b
		for t, w := range sum[from] {
			sum[into][t] += w
		}
		delete(sum, from)
		cent[into] = unit(sum[into], p.CentroidTerms)
		delete(cent, from)
		for nb := range adj[from] {
			if nb != into {
				link(into, nb)
				link(nb, into)
				delete(adj[nb], from)
			}
		}
		delete(adj, from)
		delete(adj[into], from)
		cl[into].size += cl[from].size
		mergeTimes(&cl[into], &cl[from])
		cl[into].version++
		cl[from] = cluster{version: cl[from].version + 1}
		parent[from] = into
		nbs := make([]int32, 0, len(adj[into]))
		for nb := range adj[into] {
			nbs = append(nbs, nb)
		}
		slices.Sort(nbs)
		for _, nb := range nbs {
			if s := vector.Dot(cent[into], cent[nb]); s >= p.CentroidThreshold {
				a, b := min(into, nb), max(into, nb)
				heap.Push(&h, merge{s, a, b, cl[a].version, cl[b].version})
			}
		}
	}
	out := make([]int32, n)
	for i, l := range labels {
		for parent[l] != l {
			l = parent[l]
		}
		out[i] = l
	}
	return relabel(out), nil
}

// unit returns the unit vector of the sparse sum, pruned to its k heaviest terms.
func unit(sum map[uint32]float64, k int) vector.Vector {
	terms := make([]uint32, 0, len(sum))
	for t := range sum {
		terms = append(terms, t)
	}
	slices.SortFunc(terms, func(a, b uint32) int {
		if c := cmp.Compare(sum[b], sum[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	if k > 0 && len(terms) > k {
		terms = terms[:k]
	}
	slices.Sort(terms)
	var norm float64
	for _, t := range terms {
		norm += sum[t] * sum[t]
	}
	v := vector.Vector{Terms: terms, Weights: make([]float32, len(terms))}
	if norm == 0 {
		return v
	}
	inv := 1 / sqrt(norm)
	for i, t := range terms {
		v.Weights[i] = float32(sum[t] * inv)
	}
	return v
}

// relabel names each cluster by its smallest item.
func relabel(labels []int32) []int32 {
	first := make(map[int32]int32)
	out := make([]int32, len(labels))
	for i, l := range labels {
		if _, ok := first[l]; !ok {
			first[l] = int32(i)
		}
		out[i] = first[l]
	}
	return out
}
