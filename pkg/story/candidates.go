// Package story groups articles into stories by average-linkage clustering
// guided by a sparse similarity graph.
//
// Comparing every article with every other one is quadratic, so the graph is
// built from an inverted index instead (candidates.go): each item is posted
// under its few heaviest terms, and an item meets only the items that share
// one of those terms. Posting lists are in order of publication time, and an
// item meets only the Reach items on either side of it in each list: the
// ones closest in time, which are the ones a story shares, since stories are
// bursts in time. So a term that many items hold costs no more than a rare
// one. The exact cosine of each candidate pair is then computed from the full
// sparse vectors, scaled by how far apart in time the two items were
// published, and each item keeps its few strongest edges that reach the
// floor. The graph only nominates pairs:
// clustering (sumlinkage.go) merges the pair of clusters with the highest
// average cosine over all pairs of their items, computed exactly from the
// clusters' sum vectors, until no nominated pair reaches the threshold.
// Average linkage does not chain: one close pair of articles barely moves the
// average of two large clusters.
//
// Link (linkage.go) is average linkage on a given graph, where pairs without
// an edge count as zero: for callers whose similarity is the graph itself,
// such as groups of verified near-duplicate pairs.
package story

import (
	"cmp"
	"context"
	"slices"
	"sync"

	"github.com/newsclust/newsclust/pkg/vector"
)

// Edge is a pair of items (I < J) with their similarity.
type Edge struct {
	I, J int32
	Sim  float64
}

// posting is one item posted under a term.
type posting struct {
	time   int64 // the item's publication time, 0 when unknown
	item   int32
	weight float32
}

// before orders postings by time, then item.
func (a posting) before(b posting) int {
	if c := cmp.Compare(a.time, b.time); c != 0 {
		return c
	}
	return cmp.Compare(a.item, b.item)
}

// index maps a term to the items that hold it among their heaviest terms, in
// order of publication time (unknown times first), then of item. It is a
// slice indexed by term id: ids are dense ranks, so a slice costs less than a
// map and a lookup is one load. at records where each item's own postings
// are, so that finding an item's neighbours in a list needs no search (a
// binary search of a long list is a cache miss a step on a large corpus).
type index struct {
	lists [][]posting
	at    []int32 // at[i*p+k]: position of item i in the list of its k-th indexed term
}

// buildIndex posts each item under the terms tops names for it (p
// positions an item, -1 for none), sorts the lists on workers goroutines and
// records each item's positions.
func buildIndex(items *vector.Rows, times []int64, tops []int32, p, workers int) index {
	idx := index{lists: make([][]posting, termSpan(items)), at: make([]int32, len(tops))}
	for i := 0; i < items.Len(); i++ {
		v := items.Row(i)
		for _, k := range tops[i*p : (i+1)*p] {
			if k >= 0 {
				idx.lists[v.Terms[k]] = append(idx.lists[v.Terms[k]], posting{times[i], int32(i), v.Weights[k]})
			}
		}
	}
	parallel(len(idx.lists), workers, func(t int) {
		list := idx.lists[t]
		slices.SortFunc(list, posting.before)
		for at, e := range list {
			v, first := items.Row(int(e.item)), int(e.item)*p
			for k, pos := range tops[first : first+p] {
				if pos >= 0 && v.Terms[pos] == uint32(t) {
					idx.at[first+k] = int32(at)
					break
				}
			}
		}
	})
	return idx
}

// topTerms returns, for each item, the positions of its p heaviest terms
// (heaviest first, -1 where it has fewer), p to an item, computed on workers
// goroutines.
func topTerms(items *vector.Rows, p, workers int) []int32 {
	tops := make([]int32, items.Len()*p)
	parallel(items.Len(), workers, func(i int) {
		var buf [64]int
		top := heaviest(buf[:0], items.Row(i), p)
		dst := tops[i*p : (i+1)*p]
		for k := range dst {
			dst[k] = -1
			if k < len(top) {
				dst[k] = int32(top[k])
			}
		}
	})
	return tops
}

// parallel calls fn(i) for i in [0, n), splitting the range among workers
// goroutines.
func parallel(n, workers int, fn func(i int)) {
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w * n / workers; i < (w+1)*n/workers; i++ {
				fn(i)
			}
		})
	}
	wg.Wait()
}

// near returns the postings of list within reach places of position at, the
// item's own posting: the items closest to it in time that share the term.
// All of list if reach <= 0.
func near(list []posting, at int32, reach int) []posting {
	if reach <= 0 {
		return list
	}
	return list[max(0, int(at)-reach):min(len(list), int(at)+reach+1)]
}

// termSpan returns one more than the largest term id of items.
func termSpan(items *vector.Rows) int {
	span := 0
	for i := 0; i < items.Len(); i++ {
		if t := items.Row(i).Terms; len(t) > 0 {
			span = max(span, int(t[len(t)-1])+1)
		}
	}
	return span
}

// heaviest appends to dst the positions of the p largest weights of v,
// heaviest first (ties to the earlier position).
func heaviest(dst []int, v vector.Vector, p int) []int {
	start := len(dst)
	for k := range v.Terms {
		dst = append(dst, k)
	}
	top := dst[start:]
	if p > 0 && len(top) > 0 {
		vector.SelectTop(top, min(p, len(top)), func(a, b int) int {
			if c := descending(v.Weights[a], v.Weights[b]); c != 0 {
				return c
			}
			return cmp.Compare(a, b)
		})
	}
	return dst[:start+min(max(p, 0), len(top))]
}

// candidateEdges measures the batch's time scale and returns it with the
// edges between items that share an indexed term and whose time-scaled cosine
// reaches floor, sorted by (I, J), each once. It splits the items among
// workers; the result does not depend on their number.
func candidateEdges(ctx context.Context, items *vector.Rows, times []int64, p Params) ([]Edge, TimeScale, error) {
	n := items.Len()
	workers := max(1, p.Workers)
	tops := topTerms(items, p.IndexTerms, workers)
	idx := buildIndex(items, times, tops, p.IndexTerms, workers)
	p.scale = measureTimeScale(items, times, idx, tops, p)
	parts := make([][]Edge, workers)
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for w := range workers {
		wg.Go(func() {
			parts[w], errs[w] = edgesOf(ctx, items, times, idx, tops, p, w, workers, n)
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, p.scale, err
		}
	}
	return interleave(parts, n), p.scale, nil
}

// interleave merges the workers' edges into one list sorted by (I, J). Worker
// w found the edges of items i ≡ w (mod len(parts)) in increasing order of i,
// each item's sorted by J, so taking the items in turn from each worker
// sorts them without comparing.
func interleave(parts [][]Edge, n int) []Edge {
	total := 0
	for _, part := range parts {
		total += len(part)
	}
	edges := make([]Edge, 0, total)
	next := make([]int, len(parts))
	for i := range n {
		w := i % len(parts)
		part, k := parts[w], next[w]
		for k < len(part) && part[k].I == int32(i) {
			edges = append(edges, part[k])
			k++
		}
		next[w] = k
	}
	return edges
}

// edgesOf finds the edges (i, j), i < j, for items i = w, w+workers, ...
//
// Each later item j met in i's posting lists first gets a partial score: the
// sum, over the indexed terms they share, of their weights' products, which
// the postings hold, so it costs a sequential scan and no access to j's
// vector. Only the prefilter·Neighbors candidates with the best partial
// scores get their exact cosine, computed from the full vectors, and of
// those the Neighbors strongest that reach the floor are kept. Exact cosines
// are random reads of other items' vectors, the slow part on a large corpus.
//
// Item i's weights are scattered into a dense array once, so that its dot
// product with each candidate j is one pass over j's terms instead of a merge
// of two sorted lists. Terms of j that i lacks add an exact zero, and the
// shared terms are added in increasing term order with the same float64
// products as vector.Dot, so the sum is bit for bit the same.
func edgesOf(ctx context.Context, items *vector.Rows, times []int64, idx index, tops []int32, p Params, w, workers, n int) ([]Edge, error) {
	var edges, mine []Edge
	score := make([]float32, n) // partial score of each candidate of i; 0 when not met
	var met []int32
	dense := make([]float64, len(idx.lists))
	for i := w; i < n; i += workers {
		if i%1024 == w && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		v := items.Row(i)
		met = met[:0]
		for slot, k := range tops[i*p.IndexTerms : (i+1)*p.IndexTerms] {
			if k < 0 {
				break
			}
			for _, e := range near(idx.lists[v.Terms[k]], idx.at[i*p.IndexTerms+slot], p.Reach) {
				if e.item <= int32(i) {
					continue
				}
				if score[e.item] == 0 {
					met = append(met, e.item)
				}
				score[e.item] += v.Weights[k] * e.weight
			}
		}
		cand := best(met, score, prefilter*p.Neighbors)
		for k, t := range v.Terms {
			dense[t] = float64(v.Weights[k])
		}
		mine = mine[:0]
		for _, j := range cand {
			sim := denseDot(dense, items.Row(int(j))) * p.timeFactor(times[i], times[j])
			if sim >= p.Floor {
				mine = append(mine, Edge{int32(i), j, sim})
			}
		}
		edges = append(edges, strongest(mine, p.Neighbors)...)
		for _, t := range v.Terms {
			dense[t] = 0
		}
		for _, j := range met {
			score[j] = 0
		}
	}
	return edges, nil
}

// prefilter times Neighbors candidates of an item get their exact cosine.
const prefilter = 2

// best reorders met so that its first k items are those with the highest
// score (ties to the smaller item) and returns them; all of met if k <= 0 or
// there are no more than k.
func best(met []int32, score []float32, k int) []int32 {
	if k <= 0 || len(met) <= k {
		return met
	}
	vector.SelectTop(met, k, func(a, b int32) int {
		if c := descending(score[a], score[b]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	return met[:k]
}

// denseDot returns the dot product of the dense vector a with b.
func denseDot(a []float64, b vector.Vector) float64 {
	var sum float64
	ws := b.Weights[:len(b.Terms)]
	for k, t := range b.Terms {
		sum += a[t] * float64(ws[k])
	}
	return sum
}

// strongest returns the k edges of es with the highest similarity (ties to
// the smaller J), in their order of J; all of them if k <= 0 or there are no
// more than k. It reorders es.
func strongest(es []Edge, k int) []Edge {
	if k > 0 && len(es) > k {
		vector.SelectTop(es, k, func(a, b Edge) int {
			if c := descending(a.Sim, b.Sim); c != 0 {
				return c
			}
			return cmp.Compare(a.J, b.J)
		})
		es = es[:k]
	}
	slices.SortFunc(es, func(a, b Edge) int { return cmp.Compare(a.J, b.J) })
	return es
}

// descending compares a and b, larger first. Scores, weights and similarities
// are never NaN, so plain comparisons do; cmp.Compare's NaN handling made it
// the most costly step of choosing candidates.
func descending[F float32 | float64](a, b F) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}
