package pipeline

// Vectors and CandidatePairs expose the inner results of a run for
// measurements that need more than the report: how often a document's
// nearest neighbour is in its own story (benchmarks/tune -nn), and which
// near-duplicate candidates join documents of different stories
// (benchmarks/tune -candidates).

import (
	"context"

	"github.com/newsclust/newsclust/pkg/shingle"
	"github.com/newsclust/newsclust/pkg/vector"
)

// Vectors are the story vectors that Run would cluster.
type Vectors struct {
	IDs       []string     // document ids, in input order
	Titles    []string     // document titles
	Published []int64      // Unix seconds; 0 when unknown
	UnitOf    []int32      // document → unit
	Units     []int32      // unit → document index of its representative
	Rows      *vector.Rows // unit vectors, row per unit
	terms     []string     // term rank → surface word
}

// Term returns a surface word of the term with rank r, as in a vector.
func (v *Vectors) Term(r uint32) string { return v.terms[r] }

// BuildVectors runs the stages of Run up to the story vectors (reading,
// analysis, boilerplate, near-duplicates, TF-IDF) and returns them. It does
// not cluster, and it ignores cfg.State.
func BuildVectors(ctx context.Context, cfg Config, paths []string) (*Vectors, error) {
	cfg.State = nil
	cd, err := readClean(ctx, &cfg, paths)
	if err != nil {
		return nil, err
	}
	dups, err := findDuplicates(ctx, &cfg, cd)
	if err != nil {
		return nil, err
	}
	sr, err := buildVectors(ctx, &cfg, cd, dups)
	if err != nil {
		return nil, err
	}
	v := &Vectors{UnitOf: sr.unitOf, Units: sr.units, Rows: sr.vectors, terms: make([]string, len(sr.ranks))}
	for _, d := range cd.docs {
		v.IDs = append(v.IDs, d.ID)
		v.Titles = append(v.Titles, d.Title)
		v.Published = append(v.Published, d.Published)
	}
	for id, r := range sr.ranks {
		v.terms[r] = cd.vocab.Surface(uint32(id))
	}
	return v, nil
}

// Candidates are the near-duplicate candidate pairs of a run: what LSH
// proposes (both indexes, dups.go) and what verification keeps, for
// measurements of where the candidates come from (benchmarks/tune
// -candidates).
type Candidates struct {
	IDs      []string       // document ids, in input order
	Pairs    []shingle.Pair // LSH candidate pairs of document indices, sorted
	Accepted []bool         // by pair: whether verification kept it
}

// CandidatePairs runs the stages of Run up to the verification of
// near-duplicate candidates (reading, analysis, boilerplate, LSH) and
// returns the candidates. It ignores cfg.State. It panics if verification
// does not keep the candidates' order, which the flags rely on.
func CandidatePairs(ctx context.Context, cfg Config, paths []string) (*Candidates, error) {
	cfg.State = nil
	cd, err := readClean(ctx, &cfg, paths)
	if err != nil {
		return nil, err
	}
	res := bandings(&cfg)
	pairs, distinct, err := allCandidates(ctx, &cfg, cd, res)
	if err != nil {
		return nil, err
	}
	kept, err := verifyPairs(ctx, &cfg, cd, pairs, distinct)
	if err != nil {
		return nil, err
	}
	c := &Candidates{Pairs: pairs, Accepted: make([]bool, len(pairs))}
	k := 0
	for i := 0; i < len(pairs) && k < len(kept); i++ { // kept is a subsequence of pairs
		if pairs[i] == kept[k] {
			c.Accepted[i] = true
			k++
		}
	}
	if k != len(kept) {
		panic("pipeline: verifyPairs reordered the candidates")
	}
	for _, d := range cd.docs {
		c.IDs = append(c.IDs, d.ID)
	}
	return c, nil
}

// readClean reads and analyses paths and drops boilerplate lines, the first
// stages of Run; it returns ErrNoDocuments if nothing was read.
func readClean(ctx context.Context, cfg *Config, paths []string) (*corpusData, error) {
	cd, err := ingest(ctx, cfg, paths)
	if err != nil {
		return nil, err
	}
	if len(cd.docs) == 0 {
		return nil, ErrNoDocuments
	}
	if _, err := dropBoilerplate(ctx, cfg, cd); err != nil {
		return nil, err
	}
	return cd, nil
}
