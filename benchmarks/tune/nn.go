package main

// The nearest-neighbour measure (-nn): for each document in a gold story of
// two or more documents, is the most similar other document, by the cosine of
// the story vectors the pipeline builds, in the same gold story? And is one of
// the k most similar? No clustering can put a document with its story-mates
// when something else is closer to it than any of them, so the top-1 rate
// bounds what the story stage can do, and it moves with the features alone,
// without the noise of a threshold and of greedy merges.
//
// Documents of one near-duplicate group share their unit's vector, so a copy
// is as close as possible to its canonical (cosine 1), as in the pipeline.
// Similarity is the plain cosine, without the time scaling of the story stage.
// Ties are broken by input order, so the result is deterministic.

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/newsclust/newsclust/pkg/pipeline"
	"github.com/newsclust/newsclust/pkg/vector"
)

// nnKs are the ranks reported: a mate is among the first k neighbours.
var nnKs = []int{1, 2, 5}

// nnResult is the outcome of the measure on one corpus.
type nnResult struct {
	docs int   // documents in gold stories of two or more
	hits []int // hits[i]: documents with a mate among the first nnKs[i] neighbours
}

// scored is a neighbouring unit and its cosine.
type scored struct {
	unit int32
	sim  float64
}

// nearestUnits returns, for every unit, the other units with a positive
// cosine, best first (ties by unit), cut once they hold at least need
// documents. It accumulates dot products over an inverted index on workers
// goroutines.
func nearestUnits(v *pipeline.Vectors, size []int, need, workers int) [][]scored {
	rows := v.Rows
	n := rows.Len()
	post := termPostings(rows)
	out := make([][]scored, n)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			acc := make([]float64, n)
			var touched []int32
			var cand []scored
			for u := w; u < n; u += workers {
				row := rows.Row(u)
				touched = touched[:0]
				for k, t := range row.Terms {
					wu := float64(row.Weights[k])
					for _, e := range post[t] {
						o := e.unit
						if o == int32(u) {
							continue
						}
						if acc[o] == 0 {
							touched = append(touched, o)
						}
						acc[o] += wu * float64(e.w)
					}
				}
				// Every unit holds a document, so the need best units are
				// enough; keep them sorted by insertion.
				cand = cand[:0]
				for _, o := range touched {
					c := scored{o, acc[o]}
					acc[o] = 0
					if c.sim <= 0 || (len(cand) == need && !better(c, cand[need-1])) {
						continue
					}
					if len(cand) < need {
						cand = append(cand, c)
					} else {
						cand[need-1] = c
					}
					for i := len(cand) - 1; i > 0 && better(cand[i], cand[i-1]); i-- {
						cand[i], cand[i-1] = cand[i-1], cand[i]
					}
				}
				docs, k := 0, 0
				for k < len(cand) && docs < need {
					docs += size[cand[k].unit]
					k++
				}
				out[u] = slices.Clone(cand[:k])
			}
		}()
	}
	wg.Wait()
	return out
}

// termPosting is a unit holding a term, with the term's weight.
type termPosting struct {
	unit int32
	w    float32
}

// termPostings returns the inverted index of rows: for each term, the units
// holding it in increasing order.
func termPostings(rows *vector.Rows) map[uint32][]termPosting {
	post := map[uint32][]termPosting{}
	for u := range rows.Len() {
		r := rows.Row(u)
		for k, t := range r.Terms {
			post[t] = append(post[t], termPosting{int32(u), r.Weights[k]})
		}
	}
	return post
}

// better reports whether a ranks before b: higher cosine, then lower unit.
func better(a, b scored) bool {
	if a.sim != b.sim {
		return a.sim > b.sim
	}
	return a.unit < b.unit
}

// weightOf returns the weight of term t in r (0 when absent).
func weightOf(r vector.Vector, t uint32) float64 {
	if k, ok := slices.BinarySearch(r.Terms, t); ok {
		return float64(r.Weights[k])
	}
	return 0
}

// neighbours returns the first k other documents nearest to document d, by
// the ranking of nearestUnits: the other members of its own unit first.
func neighbours(v *pipeline.Vectors, members [][]int32, near [][]scored, d int32, k int) []int32 {
	var out []int32
	u := v.UnitOf[d]
	for _, m := range members[u] {
		if m != d && len(out) < k {
			out = append(out, m)
		}
	}
	for _, s := range near[u] {
		for _, m := range members[s.unit] {
			if len(out) < k {
				out = append(out, m)
			}
		}
	}
	return out
}

// measureNN computes the nearest-neighbour rates of one corpus and prints up
// to show documents whose nearest neighbour is not a mate.
func measureNN(ctx context.Context, cfg pipeline.Config, input string, gold map[string]string, show, workers int) (nnResult, error) {
	v, err := pipeline.BuildVectors(ctx, cfg, []string{input})
	if err != nil {
		return nnResult{}, err
	}
	storySize := map[string]int{}
	for _, id := range v.IDs {
		if s, ok := gold[id]; ok {
			storySize[s]++
		}
	}
	members := make([][]int32, v.Rows.Len())
	size := make([]int, v.Rows.Len())
	for d, u := range v.UnitOf {
		members[u] = append(members[u], int32(d))
		size[u]++
	}
	kmax := slices.Max(nnKs)
	near := nearestUnits(v, size, kmax+1, workers)
	res := nnResult{hits: make([]int, len(nnKs))}
	var misses []int32
	for d, id := range v.IDs {
		s, ok := gold[id]
		if !ok || storySize[s] < 2 {
			continue
		}
		res.docs++
		nb := neighbours(v, members, near, int32(d), kmax)
		first := -1
		for r, o := range nb {
			if gold[v.IDs[o]] == s {
				first = r
				break
			}
		}
		for i, k := range nnKs {
			if first >= 0 && first < k {
				res.hits[i]++
			}
		}
		if first != 0 {
			misses = append(misses, int32(d))
		}
	}
	if show > 0 && len(misses) > 0 {
		step := max(1, len(misses)/show)
		for i := 0; i < len(misses) && i/step < show; i += step {
			printMiss(v, gold, members, near, misses[i])
		}
	}
	return res, nil
}

// printMiss shows document d, its nearest neighbour and its gold mates, each
// with its cosine to d and the terms it shares with d (weight products).
func printMiss(v *pipeline.Vectors, gold map[string]string, members [][]int32, near [][]scored, d int32) {
	row := func(o int32) vector.Vector { return v.Rows.Row(int(v.UnitOf[o])) }
	line := func(tag string, o int32) {
		a, b := row(d), row(o)
		var shared []string
		type tw struct {
			t string
			w float64
		}
		var ts []tw
		for k, t := range a.Terms {
			if w := weightOf(b, t); w > 0 {
				ts = append(ts, tw{v.Term(t), float64(a.Weights[k]) * w})
			}
		}
		sort.Slice(ts, func(i, j int) bool { return ts[i].w > ts[j].w })
		for _, x := range ts[:min(len(ts), 8)] {
			shared = append(shared, fmt.Sprintf("%s:%.3f", x.t, x.w))
		}
		fmt.Printf("  %-5s %.3f %s [%s] %q\n        shared: %s\n", tag, vector.Dot(a, b), v.IDs[o], gold[v.IDs[o]], v.Titles[o], strings.Join(shared, " "))
	}
	a := row(d)
	var top []string
	idx := make([]int, a.Len())
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(i, j int) bool { return a.Weights[idx[i]] > a.Weights[idx[j]] })
	for _, i := range idx[:min(len(idx), 10)] {
		top = append(top, fmt.Sprintf("%s:%.2f", v.Term(a.Terms[i]), a.Weights[i]))
	}
	fmt.Printf("DOC %s [%s] %q\n        terms: %s\n", v.IDs[d], gold[v.IDs[d]], v.Titles[d], strings.Join(top, " "))
	if nb := neighbours(v, members, near, d, 1); len(nb) > 0 {
		line("NN", nb[0])
	}
	for o, id := range v.IDs {
		if int32(o) != d && gold[id] == gold[v.IDs[d]] {
			line("MATE", int32(o))
		}
	}
}

// runNN prints one row of nearest-neighbour rates per corpus.
func runNN(ctx context.Context, cfg pipeline.Config, inputs []string, labels []map[string]string, show int) error {
	fmt.Print("| corpus | documents |")
	for _, k := range nnKs {
		fmt.Printf(" top-%d |", k)
	}
	fmt.Print(" seconds |\n|---|---|")
	for range nnKs {
		fmt.Print("---|")
	}
	fmt.Println("---|")
	for i, in := range inputs {
		start := time.Now()
		res, err := measureNN(ctx, cfg, in, labels[i], show, max(1, runtime.GOMAXPROCS(0)))
		if err != nil {
			return err
		}
		fmt.Printf("| %s | %d |", filepath.Base(in), res.docs)
		for _, h := range res.hits {
			fmt.Printf(" %.3f |", float64(h)/float64(max(1, res.docs)))
		}
		fmt.Printf(" %.1f |\n", time.Since(start).Seconds())
	}
	return nil
}
