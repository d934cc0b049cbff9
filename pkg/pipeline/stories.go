package pipeline

// Stories are clustered over units: one unit per near-duplicate group (its
// canonical member) and one per remaining document, so that fifty copies of a
// wire story neither outvote the rest of its story nor inflate document
// frequencies. A unit's vector is TF-IDF over its title and body, where title
// words and the lead (inverted pyramid: the first paragraphs carry the story)
// count more than the rest. Term ids are replaced by their rank in the lexical
// order of the stems before weighting, so vectors and sums do not depend on the
// order in which workers met the terms.

import (
	"context"
	"math"

	"github.com/newsclust/newsclust/pkg/analysis"
	"github.com/newsclust/newsclust/pkg/story"
	"github.com/newsclust/newsclust/pkg/vector"
)

// storyResult is the outcome of the vector and story stages.
type storyResult struct {
	units   []int32 // unit → document index of its representative
	unitOf  []int32 // document → unit
	vectors *vector.Rows
	labels  []int32 // unit → story label (smallest unit index in the story)
	ranks   []uint32
	stats   story.Stats
}

// buildUnits lists the units and maps each document to its unit.
func buildUnits(n int, dups *dupResult) (units, unitOf []int32) {
	unitOf = make([]int32, n)
	for i := range n {
		g := dups.groupOf[i]
		if g >= 0 && dups.groups[g].canonical != int32(i) {
			continue
		}
		unitOf[i] = int32(len(units))
		units = append(units, int32(i))
	}
	for i := range n {
		if g := dups.groupOf[i]; g >= 0 {
			unitOf[i] = unitOf[dups.groups[g].canonical]
		}
	}
	return units, unitOf
}

// termCounter builds the boosted term counts of one document. pos[r] is one
// more than the position of term rank r in counts (0: not yet counted); it is
// indexed by rank and reset through counts, so no map is needed.
type termCounter struct {
	pos    []int32
	counts []vector.TermCount
	terms  []uint32
	body   []uint32
}

// count returns the weighted counts of d's terms, keyed by term rank.
func (tc *termCounter) count(cfg *Config, d *doc, ranks []uint32) []vector.TermCount {
	if len(tc.pos) < len(ranks) {
		tc.pos = make([]int32, len(ranks))
	}
	for _, c := range tc.counts {
		tc.pos[c.Term] = 0
	}
	tc.counts = tc.counts[:0]
	for _, t := range d.title {
		tc.add(cfg, t, ranks, cfg.TitleWeight)
	}
	tc.body = d.body(tc.body)
	for k, t := range tc.body {
		w := cfg.BodyWeight
		if k < cfg.LeadTokens {
			w = cfg.LeadWeight
		}
		if w > 0 {
			tc.add(cfg, t, ranks, w)
		}
	}
	return tc.counts
}

func (tc *termCounter) add(cfg *Config, tok uint32, ranks []uint32, w float64) {
	if tok&capBit != 0 {
		w *= cfg.NameWeight
	}
	r := ranks[tok&^capBit]
	if p := tc.pos[r]; p > 0 {
		tc.counts[p-1].Count += w
		return
	}
	tc.counts = append(tc.counts, vector.TermCount{Term: r, Count: w})
	tc.pos[r] = int32(len(tc.counts))
}

// distinctTerms returns the distinct term ranks in counts.
func (tc *termCounter) distinctTerms(counts []vector.TermCount) []uint32 {
	tc.terms = tc.terms[:0]
	for _, c := range counts {
		tc.terms = append(tc.terms, c.Term)
	}
	return tc.terms
}

// clusterStories builds unit vectors and clusters them into stories.
func clusterStories(ctx context.Context, cfg *Config, cd *corpusData, dups *dupResult) (*storyResult, error) {
	sr, err := buildVectors(ctx, cfg, cd, dups)
	if err != nil {
		return nil, err
	}
	times := make([]int64, len(sr.units))
	for u, d := range sr.units {
		times[u] = cd.docs[d].Published
	}
	p := cfg.Story
	p.Workers = cfg.workers()
	sr.labels, sr.stats, err = story.Cluster(ctx, sr.vectors, times, p)
	return sr, err
}

// buildVectors lists the units and builds their TF-IDF vectors.
func buildVectors(ctx context.Context, cfg *Config, cd *corpusData, dups *dupResult) (*storyResult, error) {
	sr := &storyResult{ranks: cd.vocab.Ranks()}
	sr.units, sr.unitOf = buildUnits(len(cd.docs), dups)
	counters := make([]termCounter, cfg.workers())
	df, err := countDF(ctx, cfg, cd, sr, counters)
	if err != nil {
		return nil, err
	}
	idf := df.IDF(nil, len(sr.ranks), statePrior(cfg, cd, dups, sr.ranks, backgroundPrior(cfg, cd.vocab, sr.ranks)))
	if pw := cfg.IDFPower; pw != 0 && pw != 1 {
		for t, x := range idf {
			idf[t] = math.Pow(max(x, 0), pw)
		}
	}
	vecs := make([]vector.Vector, len(sr.units))
	weighers := make([]vector.Weigher, cfg.workers())
	err = forEach(ctx, len(sr.units), cfg.workers(), func(w, u int) error {
		wr := &weighers[w]
		wr.IDF, wr.MaxTerms, wr.Saturation = idf, cfg.VectorTerms, cfg.TFSaturation
		counts := counters[w].count(cfg, &cd.docs[sr.units[u]], sr.ranks)
		vecs[u] = wr.Weigh(vector.Vector{}, counts)
		return nil
	})
	if err != nil {
		return nil, err
	}
	cd.tokensDone()
	sr.vectors = &vector.Rows{}
	entries := 0
	for _, v := range vecs {
		entries += v.Len()
	}
	sr.vectors.Grow(len(vecs), entries)
	for u := range vecs {
		sr.vectors.Append(vecs[u])
		vecs[u] = vector.Vector{}
	}
	cfg.progress("vectors", len(sr.units), len(sr.units))
	return sr, nil
}

// countDF counts the document frequencies of the units' terms on all workers,
// each into its own DF, and sums them.
func countDF(ctx context.Context, cfg *Config, cd *corpusData, sr *storyResult, counters []termCounter) (*vector.DF, error) {
	dfs := make([]vector.DF, len(counters))
	err := forEach(ctx, len(sr.units), len(counters), func(w, u int) error {
		tc := &counters[w]
		dfs[w].Add(tc.distinctTerms(tc.count(cfg, &cd.docs[sr.units[u]], sr.ranks)))
		return nil
	})
	df := &vector.DF{Spread: cfg.Spread, Counts: make([]uint32, len(sr.ranks))}
	for w := range dfs {
		df.Merge(&dfs[w])
	}
	return df, err
}

// backgroundPrior returns the background model's expected document counts by
// term rank, or nil when the configuration has no background.
func backgroundPrior(cfg *Config, vocab *analysis.Vocabulary, ranks []uint32) *vector.Prior {
	if cfg.Background == nil || cfg.BackgroundDocs <= 0 {
		return nil
	}
	p := &vector.Prior{Docs: cfg.BackgroundDocs, Counts: make([]float64, len(ranks))}
	for id, r := range ranks {
		p.Counts[r] = cfg.BackgroundDocs * cfg.Background.DocFraction(vocab.Term(uint32(id)), cfg.BackgroundDocLen)
	}
	return p
}
