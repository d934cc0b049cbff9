package pipeline

// Near-duplicates: every document's analysed tokens (its body, or its title
// when it has no body) become k-token shingles, the shingles a MinHash
// signature, and LSH banding over the signatures proposes candidate pairs.
// No pair is accepted on a band collision alone: each candidate is verified
// on the exact shingle sets, and accepted when their Jaccard similarity
// reaches DupThreshold, or when the smaller set is nearly contained in the
// larger (a truncated copy) and is not much smaller than it. Accepted pairs
// are joined by union-find into groups.

import (
	"cmp"
	"context"
	"slices"

	"github.com/newsclust/newsclust/pkg/shingle"
	"github.com/newsclust/newsclust/pkg/story"
)

// dupGroup is one group of near-duplicate documents.
type dupGroup struct {
	members   []int32 // document indices, ascending
	canonical int32
	jaccard   []float64 // of each member with the canonical member
	contain   []float64
}

// dupResult is the outcome of the near-duplicate stage.
type dupResult struct {
	groups      []dupGroup
	groupOf     []int32 // document → group index, -1 for none
	bands, rows int
	candidates  int
}

// shingleScratch is one worker's reusable buffers.
type shingleScratch struct {
	hashes []uint64
	set    []uint64
}

// shingleSet computes the sorted shingle set of document d into dst.
func shingleSet(dst []uint64, s *shingleScratch, d *doc, termHashes []uint64, k int) []uint64 {
	return shingle.Set(shingleList(dst, s, d, termHashes, k))
}

// shingleList computes the shingles of document d into dst, in text order
// and with repeats: all that a MinHash signature needs.
func shingleList(dst []uint64, s *shingleScratch, d *doc, termHashes []uint64, k int) []uint64 {
	s.hashes = s.hashes[:0]
	if len(d.tokens) == 0 {
		for _, t := range d.title {
			s.hashes = append(s.hashes, termHashes[t&^capBit])
		}
		return shingle.Shingles(dst[:0], s.hashes, k)
	}
	for i := 0; i < len(d.tokens); {
		var t uint32
		t, i = unpackToken(d.tokens, i)
		s.hashes = append(s.hashes, termHashes[t&^capBit])
	}
	return shingle.Shingles(dst[:0], s.hashes, k)
}

const capBit = 1 << 31

// findDuplicates runs the near-duplicate stage.
func findDuplicates(ctx context.Context, cfg *Config, cd *corpusData) (*dupResult, error) {
	n := len(cd.docs)
	res := &dupResult{}
	res.bands, res.rows = shingle.OptimalParams(cfg.LSHThreshold, cfg.Permutations, 0.5, 0.5)
	pairs, distinct, err := lshCandidates(ctx, cfg, cd, res.bands, res.rows)
	if err != nil {
		return nil, err
	}
	res.candidates = len(pairs)
	accepted, err := verifyPairs(ctx, cfg, cd, pairs, distinct)
	if err != nil {
		return nil, err
	}
	res.groups, res.groupOf, err = groupPairs(ctx, n, accepted, cfg.DupLinkage)
	if err != nil {
		return nil, err
	}
	vs := newVerifiers(cfg.workers(), distinct)
	hashes := cd.vocab.Hashes()
	err = forEach(ctx, len(res.groups), cfg.workers(), func(w, g int) error {
		chooseCanonical(&res.groups[g], cd.docs)
		measureMembers(&res.groups[g], cd, cfg, &vs[w], hashes)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// nearDuplicateCounts decides a candidate pair from the size of the
// intersection of its shingle sets and the sizes of the sets.
func (c *Config) nearDuplicateCounts(o, la, lb int) bool {
	if la == 0 || lb == 0 {
		return false
	}
	small, large := min(la, lb), max(la, lb)
	return c.accept(float64(o)/float64(la+lb-o), float64(o)/float64(small), float64(small)/float64(large))
}

// accept applies the near-duplicate test to a pair's Jaccard similarity,
// containment and size ratio.
func (c *Config) accept(jaccard, contain, ratio float64) bool {
	return jaccard >= c.DupThreshold || contain >= c.DupContainment && ratio >= c.DupMinRatio
}

// groupPairs joins accepted pairs into groups of two or more documents by
// average linkage over the graph of accepted pairs: two groups merge when at
// least the share linkage of the pairs between them are accepted
// near-duplicates. Unlike the transitive closure, this does not chain: in a
// large story whose articles quote one another, a few overlapping pairs do not
// join the whole story into one group.
func groupPairs(ctx context.Context, n int, pairs []shingle.Pair, linkage float64) ([]dupGroup, []int32, error) {
	edges := make([]story.Edge, len(pairs))
	for i, p := range pairs {
		edges[i] = story.Edge{I: p.A, J: p.B, Sim: 1}
	}
	labels, err := story.Link(ctx, n, edges, linkage)
	if err != nil {
		return nil, nil, err
	}
	groupOf := make([]int32, n)
	index := make(map[int32]int32)
	var groups []dupGroup
	for i, l := range labels {
		groupOf[i] = -1
		if l == int32(i) {
			continue
		}
		g, ok := index[l]
		if !ok {
			g = int32(len(groups))
			index[l] = g
			groups = append(groups, dupGroup{members: []int32{l}})
			groupOf[l] = g
		}
		groups[g].members = append(groups[g].members, int32(i))
		groupOf[i] = g
	}
	return groups, groupOf, nil
}

// chooseCanonical picks the earliest published member, then the longest,
// then the smallest id.
func chooseCanonical(g *dupGroup, docs []doc) {
	g.canonical = slices.MinFunc(g.members, func(a, b int32) int {
		da, db := &docs[a], &docs[b]
		if c := cmp.Compare(b2i(da.Published == 0), b2i(db.Published == 0)); c != 0 {
			return c
		}
		if c := cmp.Compare(da.Published, db.Published); c != 0 {
			return c
		}
		if c := cmp.Compare(db.nTokens, da.nTokens); c != 0 {
			return c
		}
		return cmp.Compare(da.ID, db.ID)
	})
}

// measureMembers records each member's similarity to the canonical member,
// counting shared shingles in hash sets as verification does (verify.go).
func measureMembers(g *dupGroup, cd *corpusData, cfg *Config, v *verifier, hashes []uint64) {
	for _, m := range g.members {
		o, la, lb := v.counts(cfg, cd, hashes, g.canonical, m)
		g.jaccard = append(g.jaccard, float64(o)/float64(max(1, la+lb-o)))
		g.contain = append(g.contain, float64(o)/float64(max(1, min(la, lb))))
	}
}

// lshCandidates signs every document and bands the signatures, and returns
// the candidate pairs, sorted, and the number of distinct shingles of each
// document. Each signature goes into the LSH index as soon as it is computed,
// so the signatures of all documents are never held at once.
func lshCandidates(ctx context.Context, cfg *Config, cd *corpusData, bands, rows int) ([]shingle.Pair, []int32, error) {
	n := len(cd.docs)
	hashes := cd.vocab.Hashes()
	sk := shingle.NewSketcher(cfg.Permutations)
	scratch := make([]shingleScratch, cfg.workers())
	sets := make([]hashSet, cfg.workers())
	distinct := make([]int32, n)
	stopped := make([]bool, cfg.workers())
	lsh := shingle.NewLSH(bands, rows)
	lsh.AddSigned(n, cfg.workers(), func(w, i int, buf []uint32) []uint32 {
		if stopped[w] || i%256 == 0 && ctx.Err() != nil {
			stopped[w] = true // cancelled: sign nothing more
			return nil
		}
		s := &scratch[w]
		s.set = shingleList(s.set, s, &cd.docs[i], hashes, cfg.ShingleSize)
		distinct[i] = int32(countDistinct(&sets[w], s.set))
		return sk.Sign(buf[:0], s.set) // repeats and order do not change a signature
	})
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	cfg.progress("signatures", n, n)
	pairs, _ := lsh.Candidates(nil, cfg.workers())
	return pairs, distinct, ctx.Err()
}
