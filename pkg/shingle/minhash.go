package shingle

// MinHash by one-permutation hashing (OPH) with optimal densification
// (Shrivastava 2017, "Optimal Densification for Fast and Accurate Minwise
// Hashing").
//
// Classic MinHash hashes every shingle numPerm times. OPH hashes each shingle
// once: h = mix(x), murmur3's fmix64 less its last xorshift (two multiplies;
// lighter mixes, with one multiply or without the first xorshift, gave
// estimates biased by up to 0.08 on arithmetic progressions such as i<<32 in
// TestSignStructuredInput). The top bits of h pick one of numPerm bins (bits
// 54 and up, masked, when numPerm is a power of two, so that the loop needs
// no bounds check; else multiply-shift range reduction of the top 32 bits),
// the low 32 bits are the value, and each bin keeps its minimum. A bin that no
// shingle fell into is empty; for a set of m shingles about
// numPerm·e^(-m/numPerm) bins are. Optimal densification fills each empty bin
// i with the value of the first non-empty bin in a fixed pseudo-random probe
// sequence probe(i, 1), probe(i, 2), …, the same for every document (a strong
// mix of (i, attempt), the first probeCache of them tabulated per Sketcher).
// Two documents then agree at position i with probability equal to their
// Jaccard similarity, so the fraction of equal positions is an unbiased
// estimate of it, with about the variance of numPerm independent
// permutations, at the cost of one hash per shingle.
//
// Bins start at Empty (MaxUint32), and a bin still holding Empty after the
// minima is treated as empty: a shingle whose value is exactly Empty (chance
// 2^-32) is thus ignored, consistently for every document. A densified
// signature holds no Empty, and a signature that is Empty everywhere is that
// of the empty set (or, with chance 2^-32 per shingle, of a set whose every
// shingle was ignored); Similarity and LSH treat it as matching nothing.

import (
	"math"
	"math/bits"
	"slices"
)

// Empty is the value at every position of the signature of an empty set. A
// signature from Sign holds Empty either everywhere or nowhere.
const Empty = math.MaxUint32

// MaxPerm is the largest number of permutations (signature length) allowed.
const MaxPerm = 1024

const (
	mixMul1  = 0xff51afd7ed558ccd // murmur3 fmix64 multipliers
	mixMul2  = 0xc4ceb9fe1a85ec53
	probeKey = 0xe7037ed1a0b428db // keys the densification probes
)

// mix is the per-shingle hash of Sign. Its top bits choose the bin and its
// low 32 bits are the value.
func mix(x uint64) uint64 {
	x ^= x >> 33
	x *= mixMul1
	x ^= x >> 33
	return x * mixMul2
}

// fmix64 is murmur3's 64-bit finaliser, a bijection with full avalanche.
func fmix64(h uint64) uint64 {
	h ^= h >> 33
	h *= mixMul1
	h ^= h >> 33
	h *= mixMul2
	h ^= h >> 33
	return h
}

// reduce maps the high 32 bits of h uniformly onto [0, n).
func reduce(h uint64, n uint64) uint64 {
	return (h >> 32) * n >> 32
}

// probeCache is how many probes per bin a Sketcher tabulates. A probe lands
// on an empty bin with chance about e^(-m/numPerm) for a set of m shingles,
// so for ordinary documents the table nearly always suffices.
const probeCache = 8

// probe returns the attempt'th bin (attempt ≥ 1) probed to fill empty bin i
// of n.
func probe(i int, attempt, n uint64) uint64 {
	return reduce(fmix64(uint64(i)<<32|attempt^probeKey), n)
}

// Sketcher computes MinHash signatures of a fixed length. Its hash constants
// are fixed, so signatures are comparable across runs and machines. A
// Sketcher is immutable and safe for concurrent use.
type Sketcher struct {
	numPerm int
	empty   []uint32 // numPerm × Empty, to start a signature from
	probes  []uint16 // probes[i*probeCache+a-1] = probe(i, a, numPerm)
}

// NewSketcher returns a Sketcher of signatures of numPerm values. It panics
// if numPerm < 1 or numPerm > MaxPerm. It allocates 20·numPerm bytes of
// tables.
func NewSketcher(numPerm int) *Sketcher {
	n := uint64(checkPerm(numPerm))
	s := &Sketcher{
		numPerm: numPerm,
		empty:   make([]uint32, numPerm),
		probes:  make([]uint16, numPerm*probeCache),
	}
	for i := range numPerm {
		s.empty[i] = Empty
		for a := range probeCache {
			s.probes[i*probeCache+a] = uint16(probe(i, uint64(a+1), n))
		}
	}
	return s
}

// NumPerm returns the length of the signatures s computes.
func (s *Sketcher) NumPerm() int { return s.numPerm }

// Sign appends to dst the MinHash signature, NumPerm values, of the set of
// values in shingles, and returns the extended slice. Repeats and order in
// shingles do not matter: a slice and its Set give the same signature. The
// signature of an empty set is Empty at every position (as is, with chance
// 2^-32 per shingle, that of a set all of whose values mix to Empty, which
// Sign ignores); Similarity and LSH let it match nothing. Sign allocates only
// when cap(dst)-len(dst) < NumPerm; to fill slot i of a Signatures, pass
// sigs.At(i)[:0].
func (s *Sketcher) Sign(dst []uint32, shingles []uint64) []uint32 {
	n := s.numPerm
	dst = slices.Grow(dst, n)
	sig := dst[len(dst) : len(dst)+n]
	copy(sig, s.empty)
	if len(shingles) > 0 {
		minBins(sig, shingles)
		s.densify(sig)
	}
	return dst[:len(dst)+n]
}

// minBins lowers each bin of sig to the minimum value of the shingles that
// mix into it; len(sig) ≥ 1.
func minBins(sig []uint32, shingles []uint64) {
	n := uint(len(sig))
	if n&(n-1) != 0 {
		for _, x := range shingles {
			h := mix(x)
			b := reduce(h, uint64(n))
			sig[b] = min(sig[b], uint32(h))
		}
		return
	}
	// A power of two: the bin is the low log2(n) bits of the top 10 bits of
	// h, so no bounds check or variable shift is needed.
	mask := n - 1
	for _, x := range shingles {
		h := mix(x)
		b := uint(h>>(64-10)) & mask
		sig[b] = min(sig[b], uint32(h))
	}
}

// densify fills the empty bins of sig by optimal densification.
func (s *Sketcher) densify(sig []uint32) {
	var empty bitmap // bins empty before filling
	switch nEmpty := empty.mark(sig); nEmpty {
	case 0, len(sig): // nothing to fill, or nothing to fill from
		return
	case len(sig) - 1: // every probe sequence ends at the one full bin
		v := slices.Min(sig)
		for i := range sig {
			sig[i] = v
		}
		return
	}
	for w, word := range empty[:(len(sig)+63)/64] {
		for ; word != 0; word &= word - 1 {
			i := w*64 + bits.TrailingZeros64(word)
			sig[i] = sig[s.source(i, &empty)]
		}
	}
}

// source returns the first bin in empty bin i's probe sequence that was not
// empty; there must be one.
func (s *Sketcher) source(i int, empty *bitmap) uint64 {
	for _, p := range s.probes[i*probeCache : (i+1)*probeCache] {
		if !empty.has(uint64(p)) {
			return uint64(p)
		}
	}
	for a := uint64(probeCache + 1); ; a++ {
		if j := probe(i, a, uint64(s.numPerm)); !empty.has(j) {
			return j
		}
	}
}

// bitmap is a set of bins.
type bitmap [MaxPerm / 64]uint64

// mark sets m to the bins of sig that are Empty and returns their number.
func (m *bitmap) mark(sig []uint32) int {
	n := 0
	for w := range (len(sig) + 63) / 64 {
		m[w] = emptyBits(sig[w*64 : min(len(sig), w*64+64)])
		n += bits.OnesCount64(m[w])
	}
	return n
}

// has reports whether bin j is in m.
func (m *bitmap) has(j uint64) bool { return m[j/64]&(1<<(j%64)) != 0 }

// emptyBits returns a word whose bit i is set if c[i] is Empty; len(c) ≤ 64.
func emptyBits(c []uint32) uint64 {
	var word uint64
	i := len(c)
	for ; i >= 4; i -= 4 {
		q := c[i-4 : i]
		word = word<<4 | isEmpty(q[3])<<3 | isEmpty(q[2])<<2 | isEmpty(q[1])<<1 | isEmpty(q[0])
	}
	for ; i > 0; i-- {
		word = word<<1 | isEmpty(c[i-1])
	}
	return word
}

// isEmpty returns 1 if v is Empty and 0 otherwise, without a branch.
func isEmpty(v uint32) uint64 {
	e := uint64(0)
	if v == Empty {
		e = 1
	}
	return e
}

// Similarity returns the fraction of positions at which signatures a and b,
// made by the same Sketcher, are equal: an estimate of the Jaccard similarity
// of their sets. It returns 0 when either is the signature of an empty set.
// It panics if len(a) != len(b). It does not allocate.
func Similarity(a, b []uint32) float64 {
	if len(a) != len(b) {
		panic("shingle: Similarity of signatures of different lengths")
	}
	if len(a) == 0 || a[0] == Empty || b[0] == Empty {
		return 0
	}
	b = b[:len(a)]
	n := 0
	for i, v := range a {
		if v == b[i] {
			n++
		}
	}
	return float64(n) / float64(len(a))
}

// Signatures stores the signatures of n documents, numbered 0 … n-1, in one
// flat slice of n·numPerm values. Distinct slots may be written concurrently.
type Signatures struct {
	numPerm int
	data    []uint32
}

// NewSignatures returns storage for n signatures of numPerm values, each
// initially the empty-set signature (Empty everywhere). It allocates
// n·numPerm·4 bytes, and panics if n < 0 or numPerm is out of [1, MaxPerm].
func NewSignatures(n, numPerm int) *Signatures {
	if n < 0 {
		panic("shingle: NewSignatures with n < 0")
	}
	data := make([]uint32, n*checkPerm(numPerm))
	for i := range data {
		data[i] = Empty
	}
	return &Signatures{numPerm: numPerm, data: data}
}

// SignaturesOf returns Signatures backed by data, which holds len(data)/numPerm
// signatures one after another (as returned by Data, say after saving and
// loading them). It does not copy data. It panics if numPerm is out of
// [1, MaxPerm] or does not divide len(data).
func SignaturesOf(data []uint32, numPerm int) *Signatures {
	if len(data)%checkPerm(numPerm) != 0 {
		panic("shingle: SignaturesOf with len(data) not a multiple of numPerm")
	}
	return &Signatures{numPerm: numPerm, data: data}
}

func checkPerm(numPerm int) int {
	if numPerm < 1 || numPerm > MaxPerm {
		panic("shingle: numPerm out of [1, MaxPerm]")
	}
	return numPerm
}

// Len returns the number of signatures.
func (s *Signatures) Len() int { return len(s.data) / s.numPerm }

// NumPerm returns the length of each signature.
func (s *Signatures) NumPerm() int { return s.numPerm }

// At returns signature i, which shares storage with s; its capacity is its
// length, so appending to it never writes into slot i+1. It panics if i is
// out of range.
func (s *Signatures) At(i int) []uint32 {
	lo := i * s.numPerm
	return s.data[lo : lo+s.numPerm : lo+s.numPerm]
}

// Data returns the flat storage of s: signature i is Data()[i·NumPerm :
// (i+1)·NumPerm].
func (s *Signatures) Data() []uint32 { return s.data }
