package pipeline

// Verification of LSH candidates. Candidate pairs come sorted by their first
// document A, so each worker keeps the shingle set of its current A in an
// open-addressing hash table and tests the other document B against it
// without sorting B: B's shingles go through a second table, cleared for each
// pair, which drops repeats and counts the distinct shingles and those also
// in A. That gives |A ∩ B|, |A| and |B|, all the decision needs, in time
// linear in B's length instead of a sort. Slots are found by multiplicative
// hashing of the shingle (its top bits after a multiplication by an odd
// constant), so that rolling hashes with weak low bits still spread.

import (
	"context"

	"github.com/newsclust/newsclust/pkg/shingle"
)

// hashSet is an open-addressing set of uint64 values with linear probing.
// Zero marks an empty slot, so the value 0 is kept aside.
type hashSet struct {
	slots   []uint64
	shift   uint // 64 - log2(len(slots))
	hasZero bool
	n       int
}

// slot returns the first slot to probe for x.
func (h *hashSet) slot(x uint64) uint64 { return (x * 0x9e3779b97f4a7c15) >> h.shift }

// reset empties the set and sizes it for about n values.
func (h *hashSet) reset(n int) {
	size, shift := 16, uint(60)
	for size < 2*n {
		size, shift = size*2, shift-1
	}
	h.shift = shift
	if cap(h.slots) >= size {
		h.slots = h.slots[:size]
		clear(h.slots)
	} else {
		h.slots = make([]uint64, size)
	}
	h.hasZero, h.n = false, 0
}

// add inserts x and reports whether it was new.
func (h *hashSet) add(x uint64) bool {
	if x == 0 {
		if h.hasZero {
			return false
		}
		h.hasZero = true
		h.n++
		return true
	}
	mask := uint64(len(h.slots) - 1)
	for i := h.slot(x); ; i = (i + 1) & mask {
		switch h.slots[i] {
		case x:
			return false
		case 0:
			h.slots[i] = x
			h.n++
			return true
		}
	}
}

// has reports whether x is in the set.
func (h *hashSet) has(x uint64) bool {
	if x == 0 {
		return h.hasZero
	}
	mask := uint64(len(h.slots) - 1)
	for i := h.slot(x); ; i = (i + 1) & mask {
		switch h.slots[i] {
		case x:
			return true
		case 0:
			return false
		}
	}
}

// verifier is one worker's state for verifying pairs.
type verifier struct {
	s     shingleScratch
	last  int32   // document whose set is in a, or -1
	a, b  hashSet // the current A's shingle set; scratch for B
	shing []uint64
}

// counts returns |A ∩ B|, |A| and |B| for the shingle sets of documents a and b.
func (v *verifier) counts(cfg *Config, cd *corpusData, hashes []uint64, a, b int32) (o, la, lb int) {
	v.load(cfg, cd, hashes, a)
	v.shing = shingleList(v.shing, &v.s, &cd.docs[b], hashes, cfg.ShingleSize)
	v.b.reset(len(v.shing))
	for _, x := range v.shing {
		if v.b.add(x) && v.a.has(x) {
			o++
		}
	}
	return o, v.a.n, v.b.n
}

// load puts the shingle set of document a in v.a, unless it is there already.
func (v *verifier) load(cfg *Config, cd *corpusData, hashes []uint64, a int32) {
	if v.last == a {
		return
	}
	v.shing = shingleList(v.shing, &v.s, &cd.docs[a], hashes, cfg.ShingleSize)
	v.a.reset(len(v.shing))
	for _, x := range v.shing {
		v.a.add(x)
	}
	v.last = a
}

// passes reports whether documents a and b are near-duplicates: the decision
// cfg.nearDuplicateCounts makes from counts, but made as soon as the rest of
// B cannot change it. Before B is shingled, its length alone can rule the
// pair out; then B's shingles are read until the counts so far leave no way
// to pass (cfg.mayPass). Most candidates fail, and their reading stops early.
func (v *verifier) passes(cfg *Config, cd *corpusData, hashes []uint64, a, b int32) bool {
	v.load(cfg, cd, hashes, a)
	if !cfg.mayPass(0, 0, shingleBound(&cd.docs[b]), v.a.n) {
		return false
	}
	v.shing = shingleList(v.shing, &v.s, &cd.docs[b], hashes, cfg.ShingleSize)
	return cfg.passesSet(&v.a, v.shing, &v.b)
}

// shingleBound returns at least the number of shingles of d: a document of n
// tokens has at most n shingles (n-k+1, or one when n < k).
func shingleBound(d *doc) int {
	if len(d.tokens) == 0 {
		return len(d.title)
	}
	return int(d.nTokens)
}

// passesSet is passes for the shingle set a and the shingles b (repeats
// allowed); scratch is cleared and used for b's set.
func (c *Config) passesSet(a *hashSet, b []uint64, scratch *hashSet) bool {
	la, n := a.n, len(b)
	if !c.mayPass(0, 0, n, la) {
		return false
	}
	scratch.reset(n)
	o, m := 0, 0
	for i, x := range b {
		if scratch.add(x) {
			if a.has(x) {
				o++
			} else {
				m++
			}
		}
		if i%32 == 31 && !c.mayPass(o, m, n-1-i, la) {
			return false
		}
	}
	return c.nearDuplicateCounts(o, la, o+m)
}

// verifyPairs keeps the candidate pairs whose exact shingle sets are near-duplicates.
func verifyPairs(ctx context.Context, cfg *Config, cd *corpusData, pairs []shingle.Pair) ([]shingle.Pair, error) {
	hashes := cd.vocab.Hashes()
	ok := make([]bool, len(pairs))
	vs := make([]verifier, cfg.workers())
	for w := range vs {
		vs[w].last = -1
	}
	err := forEach(ctx, len(pairs), cfg.workers(), func(w, p int) error {
		ok[p] = vs[w].passes(cfg, cd, hashes, pairs[p].A, pairs[p].B)
		return nil
	})
	if err != nil {
		return nil, err
	}
	var out []shingle.Pair
	for p, keep := range ok {
		if keep {
			out = append(out, pairs[p])
		}
	}
	return out, nil
}
