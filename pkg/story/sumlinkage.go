package story

// Average linkage over cluster sums. The candidate graph only nominates which
// clusters to compare; the similarity of two clusters is the exact average
// cosine of all pairs of their items, S_A·S_B / (|A|·|B|) from their sum
// vectors (sumvec.go), scaled by the time between them: for the gap between
// the spans of their known publication times, 1 within Window and halving
// every Decay beyond it; or, when the batch's time scale gives a boost and
// it is larger, the boost averaged over their pairs of items (slots.go). For
// two items that is their edge's similarity, up to the rounding of time to
// slots. So a story
// of two thousand articles needs only enough edges to be connected, not an
// edge for every pair, and the graph can be a few neighbours per item.
//
// A queue (queue.go) holds candidate merges, each stamped with the versions
// of its two clusters (a version counts the merges into a cluster), starting
// with the edges that reach the threshold. A popped entry whose clusters have
// since changed is recomputed for the clusters they are now part of and
// pushed again; an entry that is current is the merge to make. This is exact
// greedy average linkage as long as the queue holds, for every pair of
// clusters whose average reaches the threshold, an entry at least that high:
// the average of C = A ∪ B with X lies between those of A and of B with X, so
// the stale entries of A and B bound it. A pair that no edge at or above the
// threshold joins has no entry, and merges only if its clusters meet through
// others. With publication times the bound can fail too: C's span may reach
// closer to X in time than A's did, so C ∪ X may merge later than exact
// greedy order would, or not at all.
//
// With Params.Cohesion on, a current entry that the cohesion rule holds back
// is not joined but kept with its clusters until one of them changes
// (cohesion.go).
//
// Several stale entries resolve to one pair of clusters (one per edge between
// them); a small memo of each cluster's last few pairs skips recomputing a
// pair twice at the same versions (a third of the recomputations at 100k).
// Recomputing lazily, at the head of the queue, means a large story is
// compared with a neighbour when that neighbour's turn comes, not after each
// of its merges. The order of pops depends only on the input, so the result
// is deterministic. The recomputations of a run of stale entries are done
// ahead, on two cores, without changing any of this (lookahead.go).

import (
	"context"
	"slices"

	"github.com/newsclust/newsclust/pkg/vector"
)

// linker is the state of sum linkage. Arrays are indexed by cluster id, which
// is the index of the item the cluster started from.
type linker struct {
	items       *vector.Rows
	p           Params
	parent      []int32          // merged cluster → cluster it went into
	size        []int32          // items in each live cluster, 0 once merged
	ver         []uint32         // merges into each cluster
	first, last []int64          // span of known publication times, 0 when none
	slots       [][]slot         // items of each cluster by time slot, while a boost is in force (slots.go)
	sums        []sumVec         // sum of a cluster's vectors; empty while it is one item
	inner       []float64        // while Params.Cohesion is on, the sum of the cosines of a cluster's ordered pairs of items
	held        [][]merge        // while Params.Cohesion is on, the merges of each cluster it held back (cohesion.go)
	memo        [][memoWays]memo // last recomputed pairs of each cluster
	tmpA, tmpB  sumVec           // a single item's row as a sumVec
	scratch     sumVec
	dots        int // similarities recomputed, for benchmarks
	holds       int // times the cohesion rule held a merge back (a pair held again after a release counts again), for benchmarks
	computed    int // similarities computed, some ahead of their turn and never used
}

// newLinker makes one cluster per item.
func newLinker(items *vector.Rows, times []int64, p Params) *linker {
	n := items.Len()
	l := &linker{
		items:  items,
		p:      p,
		parent: make([]int32, n),
		size:   make([]int32, n),
		ver:    make([]uint32, n),
		first:  make([]int64, n),
		last:   make([]int64, n),
		sums:   make([]sumVec, n),
		memo:   make([][memoWays]memo, n),
	}
	if p.Cohesion > 0 {
		l.inner = make([]float64, n)
		l.held = make([][]merge, n)
	}
	for i := range n {
		l.parent[i], l.size[i] = int32(i), 1
		for k := range memoWays {
			l.memo[i][k].with = -1
		}
		l.first[i], l.last[i] = times[i], times[i]
	}
	if w := p.scale.Window; p.scale.Boost > 1 {
		l.slots = make([][]slot, n)
		for i, t := range times {
			if t != 0 {
				l.slots[i] = []slot{{slotOf(t, w), 1}}
			}
		}
	}
	return l
}

// sumLinkage clusters the items nominated by edges and returns each item's
// label: the smallest item index in its cluster.
func sumLinkage(ctx context.Context, items *vector.Rows, times []int64, edges []Edge, p Params) ([]int32, *linker, error) {
	return sumLinkageShared(ctx, items, times, edges, p, parallelCost)
}

// sumLinkageShared is sumLinkage, sharing batches of similarities of an
// estimated cost of minCost steps or more between two goroutines.
func sumLinkageShared(ctx context.Context, items *vector.Rows, times []int64, edges []Edge, p Params, minCost int) ([]int32, *linker, error) {
	l := newLinker(items, times, p)
	q := newMergeQueue(edges, p.Threshold, max(1, p.Workers))
	ah := newLookahead(l, q, p.Workers, minCost)
	defer ah.close()
	for steps := 0; ah.len() > 0; steps++ {
		if steps%4096 == 0 && ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
		m, pre := ah.pop()
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
			sim, ok := pre.simFor(l, a, b)
			if !ok {
				sim = ah.batch(a, b)
			}
			l.dots++
			if sim >= p.Threshold {
				q.h.push(merge{avg: sim, a: a, b: b, va: l.ver[a], vb: l.ver[b]})
			}
		}
	}
	return labels(l.parent), l, nil
}

// memo is a pair a cluster's similarity was recomputed for.
type memo struct {
	with     int32
	ver, our uint32 // versions of with and of the cluster itself then
}

// recomputed reports whether the similarity of live clusters a and b at their
// current versions was already recomputed and pushed, and records that it is
// now. Several stale entries resolve to the same pair of clusters (one per
// edge between them); each cluster remembers its last memoWays such pairs,
// which catches most repeats, since the smaller of two clusters has few
// neighbours.
func (l *linker) recomputed(a, b int32) bool {
	if l.remembers(a, b) {
		return true
	}
	remember(&l.memo[a], memo{b, l.ver[b], l.ver[a]})
	remember(&l.memo[b], memo{a, l.ver[a], l.ver[b]})
	return false
}

// remembers reports whether the memos hold live clusters a and b at their
// current versions, changing nothing.
func (l *linker) remembers(a, b int32) bool {
	ma, mb := memo{b, l.ver[b], l.ver[a]}, memo{a, l.ver[a], l.ver[b]}
	return slices.Contains(l.memo[a][:], ma) || slices.Contains(l.memo[b][:], mb)
}

// memoWays is how many recent pairs each cluster remembers.
const memoWays = 4

// remember records m as the most recent pair in ms, forgetting the oldest.
func remember(ms *[memoWays]memo, m memo) {
	copy(ms[1:], ms[:memoWays-1])
	ms[0] = m
}

// find returns the live cluster that item or cluster c is part of.
func (l *linker) find(c int32) int32 {
	for l.parent[c] != c {
		l.parent[c] = l.parent[l.parent[c]]
		c = l.parent[c]
	}
	return c
}

// sum returns the sum vector of live cluster c, converting a single item's
// row into tmp.
func (l *linker) sum(c int32, tmp *sumVec) *sumVec {
	if l.size[c] > 1 {
		return &l.sums[c]
	}
	row := l.items.Row(int(c))
	tmp.terms = append(tmp.terms[:0], row.Terms...)
	tmp.weights = tmp.weights[:0]
	for _, w := range row.Weights {
		tmp.weights = append(tmp.weights, float64(w))
	}
	return tmp
}

// nnz returns the number of terms in the sum of live cluster c.
func (l *linker) nnz(c int32) int {
	if l.size[c] > 1 {
		return len(l.sums[c].terms)
	}
	return l.items.Row(int(c)).Len()
}

// similarity returns the time-scaled average cosine of live clusters a and b,
// converting single items' rows into ta and tb. It only reads the linker, so
// goroutines with their own ta and tb may call it at once.
func (l *linker) similarity(a, b int32, ta, tb *sumVec) float64 {
	return l.rawDot(a, b, ta, tb) / (float64(l.size[a]) * float64(l.size[b])) * l.timeFactor(a, b)
}

// rawDot returns the dot product of the sums of live clusters a and b.
func (l *linker) rawDot(a, b int32, ta, tb *sumVec) float64 {
	sa, sb := l.sum(a, ta), l.sum(b, tb)
	if len(sa.terms) < len(sb.terms) {
		sa, sb = sb, sa
	}
	if len(sa.terms) > 8*len(sb.terms) {
		return searchDot(sa, sb)
	}
	return mergeDot(sa, sb)
}

// timeFactor returns the time factor of live clusters a and b: 1 when either
// has no known time; else the fixed factor (Params.FixedFactor) of the time
// between their publication spans (0 when they overlap), or, while a boost is
// in force, the average over pairs of their items of the factor of their
// distance in slots, with that fixed factor for the pairs out of reach or of
// unknown time (slots.go).
func (l *linker) timeFactor(a, b int32) float64 {
	if l.first[a] == 0 || l.first[b] == 0 {
		return 1
	}
	f := l.p.FixedFactor(max(0, max(l.first[a], l.first[b])-min(l.last[a], l.last[b])))
	if l.slots == nil {
		return f
	}
	sum, pairs := slotPairs(l.slots[a], l.slots[b], l.slotFactor)
	all := float64(l.size[a]) * float64(l.size[b])
	return (sum + (all-pairs)*f) / all
}

// slotFactor returns the time factor of two items k slots apart, taken as
// k windows apart.
func (l *linker) slotFactor(k int64) float64 {
	return l.p.gapFactor(k * l.p.scale.Window)
}

// join merges live clusters a and b into the one with the longer sum. With
// the cohesion rule on it also adds the pairs between them to the merged
// cluster's internal sum (l.inner), at the cost of one more dot product of
// their sums.
func (l *linker) join(a, b int32) {
	if l.inner != nil {
		in := l.inner[a] + l.inner[b] + 2*l.rawDot(a, b, &l.tmpA, &l.tmpB)
		l.inner[a], l.inner[b] = in, in
	}
	into, from := a, b
	if l.nnz(b) > l.nnz(a) {
		into, from = b, a
	}
	if l.size[into] == 1 {
		l.sums[into] = fromRow(l.items.Row(int(into)))
	}
	fs := l.sum(from, &l.tmpB)
	l.sums[into].add(fs, &l.scratch)
	l.ver[into]++
	l.size[into] += l.size[from]
	l.first[into], l.last[into] = spanUnion(l.first[into], l.last[into], l.first[from], l.last[from])
	if l.slots != nil {
		l.slots[into], l.slots[from] = mergeSlots(l.slots[into], l.slots[from]), nil
	}
	l.sums[from], l.size[from] = sumVec{}, 0
	l.parent[from] = into
}

// spanUnion returns the span covering [f1, l1] and [f2, l2], where a first
// time of 0 marks an empty span.
func spanUnion(f1, l1, f2, l2 int64) (int64, int64) {
	switch {
	case f1 == 0:
		return f2, l2
	case f2 == 0:
		return f1, l1
	}
	return min(f1, f2), max(l1, l2)
}
