package main

// The dendrogram measure (-dendrogram): how well could any cut of the
// average-linkage tree do? For a corpus small enough for a dense matrix, it
// builds the exact average-linkage tree of the pipeline's story vectors on
// the plain cosine (no graph, no time scaling) and scores three ways of
// cutting it: at the default threshold, at the one global threshold that is
// best for this corpus (picked with hindsight), and by an oracle: the cut
// with the highest pairwise F1 against the gold labels (optimalPairCut). A
// rule that decides merge by merge, bottom up, whether to go on merging (a
// threshold, a rule by cluster size or cohesion) makes one of the tree's
// cuts, so the oracle's pairwise F1 bounds it, as long as a merge it
// refuses stops its two clusters for good. The story stage's cohesion rule
// (pkg/story/cohesion.go) lets them merge with others instead, so it builds
// another tree, which this bound does not cover; the tree here is built
// without it. When even the oracle falls short of a target, no rule of the
// first kind reaches it with these vectors, and the similarity itself has
// to change.
//
// The tree is built with the nearest-neighbour chain algorithm on the dense
// n×n matrix, updated by the Lance–Williams formula of average linkage,
// weighting each unit by its documents as the story stage does: O(n²) time,
// 4n² bytes.

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"sync"

	"github.com/newsclust/newsclust/pkg/metrics"
	"github.com/newsclust/newsclust/pkg/pipeline"
	"github.com/newsclust/newsclust/pkg/vector"
)

// maxDenseUnits bounds the units of a corpus the dendrogram measure accepts
// (a matrix of 20,000 units is 1.6 GB).
const maxDenseUnits = 20000

// treeMerge joins nodes a and b at average similarity sim. Nodes 0..n-1 are
// the leaves; merge k of a tree creates node n+k.
type treeMerge struct {
	a, b int32
	sim  float64
}

// denseCosines returns the n×n matrix of cosines of the rows (unit vectors),
// with zeros on the diagonal, computed on workers goroutines.
func denseCosines(rows *vector.Rows, workers int) []float32 {
	n := rows.Len()
	post := termPostings(rows)
	sim := make([]float32, n*n)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for u := w; u < n; u += workers {
				dst := sim[u*n : (u+1)*n]
				r := rows.Row(u)
				for k, t := range r.Terms {
					for _, e := range post[t] {
						dst[e.unit] += r.Weights[k] * e.w
					}
				}
				dst[u] = 0
			}
		})
	}
	wg.Wait()
	return sim
}

// averageTree returns the average-linkage tree of n items with the
// similarity matrix sim (n×n, symmetric) and weights size, as n-1 merges in
// decreasing order of similarity (ties in the order found). It overwrites
// sim. It panics if len(sim) != n*n or len(size) != n.
func averageTree(n int, sim []float32, size []int) []treeMerge {
	if len(sim) != n*n || len(size) != n {
		panic(fmt.Sprintf("averageTree: %d similarities and %d sizes for %d items", len(sim), len(size), n))
	}
	weight := slices.Clone(size)
	node := make([]int32, n) // slot → node it holds
	alive := make([]bool, n)
	for i := range n {
		node[i], alive[i] = int32(i), true
	}
	found := make([]treeMerge, 0, max(n-1, 0))
	var chain []int
	for left := n; left > 1; {
		if len(chain) == 0 {
			chain = append(chain, slices.Index(alive, true))
		}
		a := chain[len(chain)-1]
		b, bs := -1, float32(0)
		if len(chain) > 1 { // the previous link wins ties, so the chain ends
			b = chain[len(chain)-2]
			bs = sim[a*n+b]
		}
		for j, s := range sim[a*n : (a+1)*n] {
			if alive[j] && j != a && (b < 0 || s > bs) {
				b, bs = j, s
			}
		}
		if len(chain) < 2 || b != chain[len(chain)-2] {
			chain = append(chain, b)
			continue
		}
		chain = chain[:len(chain)-2]
		x, y := min(a, b), max(a, b)
		found = append(found, treeMerge{node[x], node[y], float64(bs)})
		wx, wy := float32(weight[x]), float32(weight[y])
		for j := range n {
			if alive[j] && j != x && j != y {
				s := (wx*sim[x*n+j] + wy*sim[y*n+j]) / (wx + wy)
				sim[x*n+j], sim[j*n+x] = s, s
			}
		}
		weight[x] += weight[y]
		alive[y] = false
		node[x] = int32(n + len(found) - 1)
		left--
	}
	return sortTree(n, found)
}

// sortTree orders merges by decreasing similarity and renumbers the nodes
// they create to match.
func sortTree(n int, found []treeMerge) []treeMerge {
	order := make([]int, len(found))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return found[order[i]].sim > found[order[j]].sim })
	renum := make([]int32, len(found))
	for k, i := range order {
		renum[i] = int32(n + k)
	}
	out := make([]treeMerge, len(found))
	for k, i := range order {
		m := found[i]
		for _, c := range []*int32{&m.a, &m.b} {
			if *c >= int32(n) {
				*c = renum[*c-int32(n)]
			}
		}
		out[k] = m
	}
	return out
}

// cutTree returns each leaf's cluster (the node it ends in) when merge k is
// made exactly when accept(k) holds and both of its sides were made, so a
// rejected merge also stops every merge above it.
func cutTree(n int, merges []treeMerge, accept func(k int) bool) []int32 {
	made := make([]int8, len(merges)) // 0 unknown, 1 made, -1 not
	var visit func(k int) bool
	visit = func(k int) bool {
		if made[k] == 0 {
			m := merges[k]
			ok := (m.a < int32(n) || visit(int(m.a)-n)) && (m.b < int32(n) || visit(int(m.b)-n))
			made[k] = -1
			if ok && accept(k) {
				made[k] = 1
			}
		}
		return made[k] == 1
	}
	up := make([]int32, n+len(merges)) // node → node above it, itself at a root
	for i := range up {
		up[i] = int32(i)
	}
	for k, m := range merges {
		if visit(k) {
			up[m.a], up[m.b] = int32(n+k), int32(n+k)
		}
	}
	labels := make([]int32, n)
	for i := range labels {
		r := int32(i)
		for up[r] != r {
			r = up[r]
		}
		labels[i] = r
	}
	return labels
}

// pairTally holds, for every node of a tree, the pairs of documents under it
// and how many of them share a gold story.
type pairTally struct {
	pairs, same []int64
}

// tallyPairs counts the pairs under every node; gold[i] lists the gold
// labels of leaf i's documents. A merge adds the pairs across its two sides
// to theirs, and reuses the larger side's label counts for the node, adding
// the smaller's, so a deep tree costs O(n log n) map updates, not O(n²).
func tallyPairs(n int, merges []treeMerge, gold [][]string) pairTally {
	counts := make([]map[string]int64, n+len(merges))
	docs := make([]int64, len(counts))
	t := pairTally{pairs: make([]int64, len(counts)), same: make([]int64, len(counts))}
	for i := range n {
		counts[i] = map[string]int64{}
		for _, g := range gold[i] {
			t.same[i] += counts[i][g]
			counts[i][g]++
		}
		docs[i] = int64(len(gold[i]))
		t.pairs[i] = docs[i] * (docs[i] - 1) / 2
	}
	for k, m := range merges {
		big, small := counts[m.a], counts[m.b]
		if len(big) < len(small) {
			big, small = small, big
		}
		node := n + k
		t.same[node] = t.same[m.a] + t.same[m.b]
		for g, x := range small {
			t.same[node] += x * big[g]
			big[g] += x
		}
		counts[node], counts[m.a], counts[m.b] = big, nil, nil
		docs[node] = docs[m.a] + docs[m.b]
		t.pairs[node] = docs[node] * (docs[node] - 1) / 2
	}
	return t
}

// bestFrontier returns which merges to make so that the clusters maximise
// same − lambda·(pairs − same) summed over clusters, by dynamic programming
// over the tree: a node is kept whole when that scores at least as much as
// the best of its two sides.
func bestFrontier(n int, merges []treeMerge, t pairTally, lambda float64) []bool {
	val := func(node int32) float64 {
		return float64(t.same[node]) - lambda*float64(t.pairs[node]-t.same[node])
	}
	best := make([]float64, len(merges))
	whole := make([]bool, len(merges))
	done := make([]bool, len(merges))
	var solve func(node int32) float64
	solve = func(node int32) float64 {
		if node < int32(n) {
			return val(node)
		}
		k := node - int32(n)
		if !done[k] {
			split := solve(merges[k].a) + solve(merges[k].b)
			best[k], whole[k] = split, false
			if v := val(node); v >= split {
				best[k], whole[k] = v, true
			}
			done[k] = true
		}
		return best[k]
	}
	made := make([]bool, len(merges))
	var mark func(node int32, inside bool)
	mark = func(node int32, inside bool) {
		if node < int32(n) {
			return
		}
		k := node - int32(n)
		inside = inside || whole[k]
		made[k] = inside
		mark(merges[k].a, inside)
		mark(merges[k].b, inside)
	}
	for node, p := range parents(n, merges) {
		if p < 0 && node >= n {
			solve(int32(node))
			mark(int32(node), false)
		}
	}
	return made
}

// parents returns the node each node of the tree is a side of, -1 for roots.
func parents(n int, merges []treeMerge) []int32 {
	up := make([]int32, n+len(merges))
	for i := range up {
		up[i] = -1
	}
	for k, m := range merges {
		up[m.a], up[m.b] = int32(n+k), int32(n+k)
	}
	return up
}

// optimalPairCut returns the merges whose clusters have the highest pairwise
// F1 of all the ways of cutting the tree. Pairwise F1 is 2·same/(made +
// gold pairs), a ratio, so Dinkelbach's method maximises it: for the F1 F of
// the current cut, maximise (2 − F)·same − F·made, which is bestFrontier with
// lambda = F / (2 − F), and repeat until F stops rising.
func optimalPairCut(n int, merges []treeMerge, t pairTally, goldPairs int64) []bool {
	up := parents(n, merges)
	f1 := func(made []bool) float64 {
		var same, pairs int64
		for node, p := range up {
			whole := node < n || made[node-n]
			if whole && (p < 0 || !made[int(p)-n]) { // a cluster of the cut
				same += t.same[node]
				pairs += t.pairs[node]
			}
		}
		if pairs+goldPairs == 0 {
			return 1
		}
		return 2 * float64(same) / float64(pairs+goldPairs)
	}
	made := bestFrontier(n, merges, t, 0)
	f := f1(made)
	for range 50 {
		next := bestFrontier(n, merges, t, f/(2-f))
		g := f1(next)
		if g <= f {
			break
		}
		made, f = next, g
	}
	return made
}

// dendrogramRow is the outcome of the measure on one corpus.
type dendrogramRow struct {
	units           int
	atDefault, best metrics.Scores
	bestCut         float64
	oracle          metrics.Scores
}

// measureDendrogram builds the tree of one corpus and scores its cuts.
func measureDendrogram(ctx context.Context, cfg pipeline.Config, input string, gold map[string]string, workers int) (dendrogramRow, error) {
	v, err := pipeline.BuildVectors(ctx, cfg, []string{input})
	if err != nil {
		return dendrogramRow{}, err
	}
	n := v.Rows.Len()
	if n > maxDenseUnits {
		return dendrogramRow{}, fmt.Errorf("%s: %d units, more than the %d a dense matrix is built for", input, n, maxDenseUnits)
	}
	size := make([]int, n)
	leafGold := make([][]string, n)
	for d, u := range v.UnitOf {
		size[u]++ // every document weighs, as in the story stage
		if g, ok := gold[v.IDs[d]]; ok {
			leafGold[u] = append(leafGold[u], g)
		}
	}
	merges := averageTree(n, denseCosines(v.Rows, workers), size)
	score := func(accept func(k int) bool) metrics.Scores {
		labels := cutTree(n, merges, accept)
		var pred, want []string
		for d, u := range v.UnitOf {
			if g, ok := gold[v.IDs[d]]; ok {
				pred = append(pred, fmt.Sprint(labels[u]))
				want = append(want, g)
			}
		}
		return metrics.Compare(pred, want)
	}
	row := dendrogramRow{units: n}
	row.atDefault = score(func(k int) bool { return merges[k].sim >= cfg.Story.Threshold })
	for c := 1; c <= 60; c++ {
		cut := float64(c) / 100
		if s := score(func(k int) bool { return merges[k].sim >= cut }); s.BCubedF1 > row.best.BCubedF1 {
			row.best, row.bestCut = s, cut
		}
	}
	goldSize := map[string]int64{} // of the corpus's documents only
	for _, gs := range leafGold {
		for _, g := range gs {
			goldSize[g]++
		}
	}
	var goldPairs int64
	for _, x := range goldSize {
		goldPairs += x * (x - 1) / 2
	}
	made := optimalPairCut(n, merges, tallyPairs(n, merges, leafGold), goldPairs)
	row.oracle = score(func(k int) bool { return made[k] })
	return row, nil
}

// runDendrogram prints the dendrogram measure of each corpus.
func runDendrogram(ctx context.Context, cfg pipeline.Config, inputs []string, labels []map[string]string, workers int) error {
	fmt.Printf("Cuts of the exact average-linkage tree on the plain cosine (BCubed F1 / pairwise F1)\n\n")
	fmt.Printf("| corpus | units | cut at the default %.2f | best global cut | at it | oracle cut |\n", cfg.Story.Threshold)
	fmt.Println("|---|---|---|---|---|---|")
	for i, in := range inputs {
		r, err := measureDendrogram(ctx, cfg, in, labels[i], workers)
		if err != nil {
			return err
		}
		fmt.Printf("| %s | %d | %.3f / %.3f | %.2f | %.3f / %.3f | %.3f / %.3f |\n", filepath.Base(in), r.units,
			r.atDefault.BCubedF1, r.atDefault.PairF1, r.bestCut, r.best.BCubedF1, r.best.PairF1, r.oracle.BCubedF1, r.oracle.PairF1)
	}
	return nil
}
