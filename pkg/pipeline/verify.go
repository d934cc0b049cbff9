package pipeline

// Verification of LSH candidates. Candidate pairs come sorted by their first
// document A, so each worker keeps the shingle set of its current A in an
// open-addressing hash table and tests the other document B against it
// without sorting B. Each slot of A's table carries a mark, the last pair
// that met it, so B's shingles are looked up once each and a repeat in B is
// not counted twice: |A ∩ B| needs no table of B. |A| is the table's count,
// and |B| was counted when B was signed. With both sizes known, and the
// decision only rising with the overlap, reading B stops as soon as the
// overlap so far plus the shingles left cannot pass, and a pair whose sizes
// alone rule it out is not shingled at all. Slots are found by
// multiplicative hashing of the shingle (its top bits after a multiplication
// by an odd constant), so that rolling hashes with weak low bits still
// spread.

import (
	"context"
	"math"
	"slices"

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

// markedSet is a hashSet whose values carry a mark: the last pass that met
// them. Counting the values of B in A, each once however often B repeats it,
// then needs no set of B.
type markedSet struct {
	hashSet
	marks    []uint32 // by slot: the last pass that met its value
	zeroMark uint32
	pass     uint32
}

// load makes the set hold the values of xs, none of them met.
func (s *markedSet) load(xs []uint64) {
	s.reset(len(xs))
	for _, x := range xs {
		s.add(x)
	}
	s.marks = slices.Grow(s.marks[:0], len(s.slots))[:len(s.slots)]
	clear(s.marks)
	s.zeroMark, s.pass = 0, 0
}

// newPass starts a pass, in which each value can be met once.
func (s *markedSet) newPass() {
	if s.pass == math.MaxUint32 {
		clear(s.marks)
		s.zeroMark, s.pass = 0, 0
	}
	s.pass++
}

// meet reports whether x is in the set and was not met before in this pass,
// and marks it met.
func (s *markedSet) meet(x uint64) bool {
	if x == 0 {
		if !s.hasZero || s.zeroMark == s.pass {
			return false
		}
		s.zeroMark = s.pass
		return true
	}
	mask := uint64(len(s.slots) - 1)
	for i := s.slot(x); ; i = (i + 1) & mask {
		switch s.slots[i] {
		case x:
			if s.marks[i] == s.pass {
				return false
			}
			s.marks[i] = s.pass
			return true
		case 0:
			return false
		}
	}
}

// countDistinct returns the number of distinct values in xs, using scratch.
func countDistinct(scratch *hashSet, xs []uint64) int {
	scratch.reset(len(xs))
	for _, x := range xs {
		scratch.add(x)
	}
	return scratch.n
}

// verifier is one worker's state for verifying pairs.
type verifier struct {
	s        shingleScratch
	last     int32     // document whose set is in a, or -1
	a        markedSet // the current A's shingle set
	shing    []uint64
	distinct []int32 // distinct shingles by document
}

// newVerifiers returns n verifiers of documents whose distinct shingles are
// counted in distinct.
func newVerifiers(n int, distinct []int32) []verifier {
	vs := make([]verifier, n)
	for w := range vs {
		vs[w].last, vs[w].distinct = -1, distinct
	}
	return vs
}

// counts returns |A ∩ B|, |A| and |B| for the shingle sets of documents a and b.
func (v *verifier) counts(cfg *Config, cd *corpusData, hashes []uint64, a, b int32) (o, la, lb int) {
	v.load(cfg, cd, hashes, a)
	v.shing = shingleList(v.shing, &v.s, &cd.docs[b], hashes, cfg.ShingleSize)
	v.a.newPass()
	for _, x := range v.shing {
		if v.a.meet(x) {
			o++
		}
	}
	return o, v.a.n, int(v.distinct[b])
}

// load puts the shingle set of document a in v.a, unless it is there already.
func (v *verifier) load(cfg *Config, cd *corpusData, hashes []uint64, a int32) {
	if v.last == a {
		return
	}
	v.shing = shingleList(v.shing, &v.s, &cd.docs[a], hashes, cfg.ShingleSize)
	v.a.load(v.shing)
	v.last = a
}

// passes reports whether documents a and b are near-duplicates, the decision
// cfg.nearDuplicateCounts makes from counts, but made as soon as the rest of B
// cannot change it. The decision can only rise with the overlap, and the
// sizes of both sets are known, so the pair fails once even the overlap so
// far plus every shingle left to read would fail; it can fail on the sizes
// alone, before B is shingled. Most candidates fail early.
func (v *verifier) passes(cfg *Config, cd *corpusData, hashes []uint64, a, b int32) bool {
	v.load(cfg, cd, hashes, a)
	la, lb := v.a.n, int(v.distinct[b])
	if !cfg.nearDuplicateCounts(min(la, lb), la, lb) {
		return false
	}
	v.shing = shingleList(v.shing, &v.s, &cd.docs[b], hashes, cfg.ShingleSize)
	return cfg.passesMarked(&v.a, v.shing, lb)
}

// passesMarked is passes for the shingle set a and the shingles b (repeats
// allowed, lb of them distinct).
func (c *Config) passesMarked(a *markedSet, b []uint64, lb int) bool {
	la := a.n
	a.newPass()
	o := 0
	for i, x := range b {
		if a.meet(x) {
			o++
		}
		if i%32 == 31 && !c.nearDuplicateCounts(min(o+len(b)-1-i, la, lb), la, lb) {
			return false
		}
	}
	return c.nearDuplicateCounts(o, la, lb)
}

// verifyPairs keeps the candidate pairs whose exact shingle sets are near-duplicates.
func verifyPairs(ctx context.Context, cfg *Config, cd *corpusData, pairs []shingle.Pair, distinct []int32) ([]shingle.Pair, error) {
	hashes := cd.vocab.Hashes()
	ok := make([]bool, len(pairs))
	vs := newVerifiers(cfg.workers(), distinct)
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
