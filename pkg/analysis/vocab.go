package analysis

// The vocabulary maps each stem to a dense term id, so that later stages keep
// four bytes a token instead of a string. Ids are handed out in the order stems
// are first seen, which under several workers depends on scheduling; callers
// that need an order independent of scheduling use Ranks, which orders terms
// lexically. Each term also carries a 64-bit FNV-1a hash of its stem, stable
// across runs and machines, which the shingle stage uses as the token's value.

import (
	"slices"
	"sync"
)

// Vocabulary interns stems as dense term ids. It is safe for concurrent use.
type Vocabulary struct {
	mu      sync.Mutex
	ids     map[string]uint32
	terms   []string
	hashes  []uint64
	surface []string // lexically smallest word seen with each stem
}

// NewVocabulary returns an empty vocabulary.
func NewVocabulary() *Vocabulary {
	return &Vocabulary{ids: make(map[string]uint32)}
}

// Intern returns the id and hash of stem, adding it if it is new, and notes
// word as a surface form of it.
func (v *Vocabulary) Intern(stem, word string) (id uint32, hash uint64) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if id, ok := v.ids[stem]; ok {
		if word < v.surface[id] {
			v.surface[id] = word
		}
		return id, v.hashes[id]
	}
	if len(v.terms) >= MaxTerms {
		panic("analysis: vocabulary overflow")
	}
	id, hash = uint32(len(v.terms)), HashString(stem)
	v.ids[stem] = id
	v.terms = append(v.terms, stem)
	v.hashes = append(v.hashes, hash)
	v.surface = append(v.surface, word)
	return id, hash
}

// Surface returns a word that was stemmed to term id: the lexically smallest
// one seen, which does not depend on the order words were met. It panics if
// id is out of range.
func (v *Vocabulary) Surface(id uint32) string {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.surface[id]
}

// MaxTerms is the number of distinct terms a vocabulary can hold; the top bit
// of a token is the Capitalised flag.
const MaxTerms = 1 << 31

// Lookup returns the id of stem and whether it is known.
func (v *Vocabulary) Lookup(stem string) (uint32, bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	id, ok := v.ids[stem]
	return id, ok
}

// Len returns the number of terms.
func (v *Vocabulary) Len() int {
	v.mu.Lock()
	defer v.mu.Unlock()
	return len(v.terms)
}

// Term returns the stem of id. It panics if id is out of range.
func (v *Vocabulary) Term(id uint32) string {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.terms[id]
}

// Hashes returns the stem hashes indexed by term id. The slice is shared with
// the vocabulary: it must be called only once interning is over, and not modified.
func (v *Vocabulary) Hashes() []uint64 {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.hashes
}

// Ranks returns rank, where rank[id] is the position of term id in the
// lexical order of all stems. It allocates the returned slice.
func (v *Vocabulary) Ranks() []uint32 {
	v.mu.Lock()
	defer v.mu.Unlock()
	order := make([]uint32, len(v.terms))
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortFunc(order, func(a, b uint32) int {
		switch {
		case v.terms[a] < v.terms[b]:
			return -1
		case v.terms[a] > v.terms[b]:
			return 1
		}
		return 0
	})
	rank := make([]uint32, len(order))
	for pos, id := range order {
		rank[id] = uint32(pos)
	}
	return rank
}

// HashString returns the 64-bit FNV-1a hash of s.
func HashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}
