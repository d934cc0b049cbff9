package pipeline

import (
	"context"
	"slices"

	"github.com/newsclust/newsclust/pkg/analysis"
)

// dropBoilerplate removes from every document the lines that recur across the
// corpus far more often than the rest of the document (see analysis.LineStats)
// and returns the number of lines removed.
func dropBoilerplate(ctx context.Context, cfg *Config, cd *corpusData) (int, error) {
	var all []uint64
	var distinct []uint64
	for i := range cd.docs {
		distinct = append(distinct[:0], cd.docs[i].lineHashes...)
		slices.Sort(distinct)
		all = append(all, slices.Compact(distinct)...)
	}
	stats := analysis.NewLineStats(all, analysis.DefaultMinDocs, analysis.DefaultRatio)
	all = nil
	if stats.Repeated() == 0 {
		return 0, nil
	}
	removed := make([]int, cfg.workers())
	marks := make([][]bool, cfg.workers())
	err := forEach(ctx, len(cd.docs), cfg.workers(), func(w, i int) error {
		d := &cd.docs[i]
		marks[w] = stats.Mark(marks[w], d.lineHashes)
		removed[w] += compactLines(d, marks[w])
		return nil
	})
	n := 0
	for _, r := range removed {
		n += r
	}
	return n, err
}

// compactLines drops the marked lines of d in place and returns how many it dropped.
func compactLines(d *doc, drop []bool) int {
	if !slices.Contains(drop, true) {
		return 0
	}
	var out []uint32
	var ends []uint32
	var hashes []uint64
	start := uint32(0)
	n := 0
	for i, end := range d.lineEnds {
		if drop[i] {
			n++
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
