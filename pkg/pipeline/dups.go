package pipeline

// Near-duplicates: every document's analysed tokens (its body, or its title
// when it has no body) become k-token shingles, the shingles a MinHash
// signature, and LSH banding over the signatures proposes candidate pairs.
// No pair is accepted on a band collision alone: each candidate is verified
// on the exact shingle sets, and accepted when their Jaccard similarity
// reaches DupThreshold, or when the smaller set is nearly contained in the
// larger (a truncated copy) and is not much smaller than it. Accepted pairs
// are joined into groups by average linkage.
//
// Short documents are judged at a lower Jaccard similarity. A publisher's
// header and footer, or a paragraph a copy gains, add about as many
// shingles to a short text as to a long one, so they are a larger share of
// it: a short copy stays below the Jaccard similarity a long copy with
// the same edits keeps. A pair whose two documents have at most
// ShortShingles distinct shingles each is accepted at ShortDupThreshold.
//
// The main index is banded by OptimalParams at LSHThreshold, which balances
// false positives and negatives: it makes a pair at Jaccard 0.35 a candidate
// only 38% of the time (32 bands of 4 rows). So the short documents also go
// into a second index over the same signatures, banded by RecallParams to
// catch a pair at ShortDupThreshold with probability shortRecall (64 bands
// of 2 rows at 0.35). Its extra candidates are short and cheap to verify;
// long documents, whose extra candidates would cost the most (articles that
// share paragraphs), stay in the main index alone. The candidates of both
// indexes are verified alike.

import (
	"cmp"
	"context"
	"slices"
	"sync"

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

// shortRecall is the probability with which the short documents' index
// makes a pair at ShortDupThreshold a candidate.
const shortRecall = 0.999

// dupResult is the outcome of the near-duplicate stage.
type dupResult struct {
	groups                []dupGroup
	groupOf               []int32 // document → group index, -1 for none
	bands, rows           int
	shortBands, shortRows int // the short documents' index; 0 when there is none
	candidates            int
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
	res := bandings(cfg)
	pairs, distinct, err := allCandidates(ctx, cfg, cd, res)
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
	return c.accept(float64(o)/float64(la+lb-o), float64(o)/float64(small), small, large)
}

// accept applies the near-duplicate test to a pair's Jaccard similarity and
// containment and the sizes of its smaller and larger shingle sets. A pair
// that shares nothing is never a near-duplicate, whatever the thresholds.
func (c *Config) accept(jaccard, contain float64, small, large int) bool {
	if !(jaccard > 0) {
		return false
	}
	return jaccard >= c.jaccardThreshold(large) ||
		contain >= c.DupContainment && float64(small) >= c.DupMinRatio*float64(large)
}

// jaccardThreshold returns the Jaccard similarity at which a pair whose
// larger set has large shingles is accepted: ShortDupThreshold when that
// set is short too, DupThreshold otherwise.
func (c *Config) jaccardThreshold(large int) float64 {
	if large <= c.ShortShingles {
		return c.ShortDupThreshold
	}
	return c.DupThreshold
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

// allCandidates signs every document once and returns the candidate pairs
// of the main index and, when res has a short banding, of the short
// documents' index, sorted and each once, and the number of distinct
// shingles of each document. A short document's signature goes into both
// indexes as soon as it is computed, so no signature is kept and none is
// computed twice. The short index is allocated for the documents that may
// be short (mayBeShort), 8·shortBands+4 bytes each, and grows if more are.
// Once ctx is cancelled it returns nil, nil and ctx's error.
func allCandidates(ctx context.Context, cfg *Config, cd *corpusData, res *dupResult) ([]shingle.Pair, []int32, error) {
	n := len(cd.docs)
	sets := make([]hashSet, cfg.workers())
	distinct := make([]int32, n)
	lsh := shingle.NewLSH(res.bands, res.rows)
	var short *shingle.LSH
	if res.shortBands > 0 {
		short = shingle.NewLSH(res.shortBands, res.shortRows)
		short.Grow(mayBeShort(cfg, cd))
	}
	var mu sync.Mutex // guards short; candidates do not depend on the order of Add calls
	err := signInto(ctx, cfg, cd, lsh, func(w, i int, sh []uint64) bool {
		distinct[i] = int32(countDistinct(&sets[w], sh))
		return short != nil && distinct[i] <= int32(cfg.ShortShingles)
	}, func(i int, sig []uint32) {
		mu.Lock()
		short.Add(int32(i), sig)
		mu.Unlock()
	})
	if err != nil {
		return nil, nil, err
	}
	cfg.progress("signatures", n, n)
	pairs, _ := lsh.Candidates(nil, cfg.workers())
	if short != nil {
		more, _ := short.Candidates(nil, cfg.workers())
		pairs = mergePairs(pairs, more)
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	return pairs, distinct, nil
}

// mayBeShort returns the number of documents of cd with at most
// cfg.ShortShingles shingles counted with repeats: those whose body, or
// title when they have no body, has at most ShortShingles+ShingleSize-1
// tokens. A longer document is short only if it repeats itself.
func mayBeShort(cfg *Config, cd *corpusData) int {
	limit := cfg.ShortShingles + max(1, cfg.ShingleSize) - 1
	n := 0
	for i := range cd.docs {
		d := &cd.docs[i]
		tokens := int(d.nTokens)
		if tokens == 0 {
			tokens = len(d.title)
		}
		if tokens <= limit {
			n++
		}
	}
	return n
}

// signInto shingles every document of cd and signs it into lsh. It calls
// seen(w, i, sh) with document i's shingles sh, on the worker w that made
// them; when seen reports true, it then calls also(i, sig) with the
// document's signature. Calls of seen with different w, and all calls of
// also, may run at once, and neither may keep its slice. Once ctx is
// cancelled it signs nothing more; it returns ctx's error.
func signInto(ctx context.Context, cfg *Config, cd *corpusData, lsh *shingle.LSH, seen func(w, i int, sh []uint64) bool, also func(i int, sig []uint32)) error {
	hashes := cd.vocab.Hashes()
	sk := shingle.NewSketcher(cfg.Permutations)
	scratch := make([]shingleScratch, cfg.workers())
	stopped := make([]bool, cfg.workers())
	lsh.AddSigned(len(cd.docs), cfg.workers(), func(w, i int, buf []uint32) []uint32 {
		if stopped[w] || i%256 == 0 && ctx.Err() != nil {
			stopped[w] = true // cancelled: sign nothing more
			return nil
		}
		s := &scratch[w]
		s.set = shingleList(s.set, s, &cd.docs[i], hashes, cfg.ShingleSize)
		both := seen(w, i, s.set)
		sig := sk.Sign(buf[:0], s.set) // repeats and order do not change a signature
		if both {
			also(i, sig)
		}
		return sig
	})
	return ctx.Err()
}

// bandings returns a dupResult holding only the bandings of both indexes.
func bandings(cfg *Config) *dupResult {
	res := &dupResult{}
	res.bands, res.rows = shingle.OptimalParams(cfg.LSHThreshold, cfg.Permutations, 0.5, 0.5)
	res.shortBands, res.shortRows = shortBanding(cfg, res.bands, res.rows)
	return res
}

// shortBanding returns the banding of the short documents' index: the one
// that makes a pair at cfg.ShortDupThreshold a candidate with probability
// shortRecall, or 0, 0 when the index is off or the main banding (bands ×
// rows) catches such a pair as often already.
func shortBanding(cfg *Config, bands, rows int) (int, int) {
	t := cfg.ShortDupThreshold
	if cfg.ShortShingles <= 0 || !(t > 0 && t <= 1) || shingle.CandidateProbability(t, bands, rows) >= shortRecall {
		return 0, 0
	}
	return shingle.RecallParams(t, cfg.Permutations, shortRecall)
}

// mergePairs merges two sorted lists of distinct pairs into one, each pair
// once. It allocates the result.
func mergePairs(a, b []shingle.Pair) []shingle.Pair {
	out := make([]shingle.Pair, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		switch c := comparePairs(a[0], b[0]); {
		case c < 0:
			out, a = append(out, a[0]), a[1:]
		case c > 0:
			out, b = append(out, b[0]), b[1:]
		default:
			out, a, b = append(out, a[0]), a[1:], b[1:]
		}
	}
	out = append(out, a...)
	return append(out, b...)
}

// comparePairs orders pairs by A, then B.
func comparePairs(x, y shingle.Pair) int {
	if c := cmp.Compare(x.A, y.A); c != 0 {
		return c
	}
	return cmp.Compare(x.B, y.B)
}
