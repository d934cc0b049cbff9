package pipeline

import (
	"context"
	"slices"
	"sync"

	"github.com/newsclust/newsclust/pkg/analysis"
)

// dropBoilerplate removes from every document the lines that recur across the
// corpus far more often than the rest of the document (see analysis.LineStats)
// and returns the number of lines removed. No later stage needs the lines, so
// it drops every document's line ends and hashes.
func dropBoilerplate(ctx context.Context, cfg *Config, cd *corpusData) (int, error) {
	defer dropLines(cd.docs)
	stats := analysis.NewLineStats(sortedLineHashes(cd.docs, cfg.workers()), analysis.DefaultMinDocs, analysis.DefaultRatio)
	if stats.Repeated() == 0 {
		return 0, nil
	}
	removed := make([]int, cfg.workers())
	marks := make([][]bool, cfg.workers())
	ends := make([][]uint32, cfg.workers())
	err := forEach(ctx, len(cd.docs), cfg.workers(), func(w, i int) error {
		d := &cd.docs[i]
		if !slices.ContainsFunc(d.lineHashes, stats.Recurs) {
			return nil // nothing to drop: skip counting its tokens
		}
		ends[w] = tokenEnds(ends[w][:0], d)
		marks[w] = stats.Mark(marks[w], d.lineHashes, ends[w])
		removed[w] += compactLines(d, marks[w])
		return nil
	})
	n := 0
	for _, r := range removed {
		n += r
	}
	return n, err
}

// tokenEnds appends to dst the offset in tokens where each line of d ends.
// d.lineEnds counts packed units, and a token's width depends on its term
// id, which depends on the order workers met the terms in.
func tokenEnds(dst []uint32, d *doc) []uint32 {
	start, n := uint32(0), 0
	for _, end := range d.lineEnds {
		n += countTokens(d.tokens[start:end])
		dst = append(dst, uint32(n))
		start = end
	}
	return dst
}

// dropLines forgets the line ends and hashes of docs, so that their arena
// blocks can be freed.
func dropLines(docs []doc) {
	for i := range docs {
		docs[i].lineEnds, docs[i].lineHashes = nil, nil
	}
}

// compactLines drops the marked lines of d in place and returns how many it
// dropped. It writes over d's own slices (the kept lines only move towards
// the front), so it allocates nothing: a copy would keep both the arena block
// and the copy alive.
func compactLines(d *doc, drop []bool) int {
	if !slices.Contains(drop, true) {
		return 0
	}
	out := d.tokens[:0]
	ends := d.lineEnds[:0]
	hashes := d.lineHashes[:0]
	start := uint32(0)
	n := 0
	for i, end := range d.lineEnds {
		if drop[i] {
			n++
			d.nTokens -= int32(countTokens(d.tokens[start:end]))
		} else {
			out = append(out, d.tokens[start:end]...)
			ends = append(ends, uint32(len(out)))
			hashes = append(hashes, d.lineHashes[i])
		}
		start = end
	}
	d.tokens, d.lineEnds, d.lineHashes = out, ends, hashes
	return n
}

// sortedLineHashes returns every document's distinct line hashes, all
// together in increasing order. Each worker collects and sorts the hashes of
// a contiguous share of the documents; the sorted shares are then merged, so
// the one big sort runs on all cores.
func sortedLineHashes(docs []doc, workers int) []uint64 {
	parts := make([][]uint64, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*len(docs)/workers, (w+1)*len(docs)/workers
		wg.Go(func() {
			n := 0
			for i := lo; i < hi; i++ {
				n += len(docs[i].lineHashes)
			}
			part := make([]uint64, 0, n)
			for i := lo; i < hi; i++ {
				start := len(part)
				part = append(part, docs[i].lineHashes...)
				slices.Sort(part[start:])
				part = append(part[:start], slices.Compact(part[start:])...)
			}
			slices.Sort(part)
			parts[w] = part
		})
	}
	wg.Wait()
	for len(parts) > 1 {
		var next [][]uint64
		for i := 0; i+1 < len(parts); i += 2 {
			next = append(next, mergeSorted(parts[i], parts[i+1]))
		}
		if len(parts)%2 == 1 {
			next = append(next, parts[len(parts)-1])
		}
		parts = next
	}
	return parts[0]
}

// mergeSorted returns the merge of the sorted slices a and b.
func mergeSorted(a, b []uint64) []uint64 {
	out := make([]uint64, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if a[i] <= b[j] {
			out = append(out, a[i])
			i++
		} else {
			out = append(out, b[j])
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}
