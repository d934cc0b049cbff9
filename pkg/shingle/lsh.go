package shingle

// Banded LSH over MinHash signatures.
//
// A signature's first bands·rows values are cut into bands of rows values,
// and each band is hashed to a 64-bit key. Documents with equal keys in a band
// share a bucket, and every pair within a bucket is a candidate. Rather than
// keep a hash map per band (tens of bytes per entry at a million documents),
// the index stores each band's keys in a flat []uint64: 8·bands+4 bytes per
// document. Candidates packs each band's entries into one uint64 each, the top
// bits of the key above the document number, and sorts them (a radix pass on
// the top bits, then tiny sorts), so that buckets become runs of equal key
// bits with their documents in increasing order, whatever the order of Add
// calls. Keeping only the top 64-d bits of a key, where d ≥ 1 is the bit
// length of the largest document number (20 for a million documents), merges
// two buckets with chance about n²/2^(65-d) per band (under 0.1 for a million
// documents): a few extra candidates, which verification discards.
//
// Work is bounded. A bucket of m ≤ BucketCap documents yields all m(m-1)/2
// pairs; a larger bucket yields only the 2m-3 pairs linking each document to
// the bucket's first (lowest-numbered) document and to its predecessor. That
// keeps the bucket connected for union-find at linear cost: documents equal in
// a whole band are almost always copies of one another, so linking each to
// two members is enough. The consequence is that in a capped bucket a pair
// that is neither first–other nor neighbour–neighbour is not reported, so a
// caller that verifies candidate pairs before uniting them can split a capped
// bucket whose first member and predecessors are not true near-duplicates of
// a document (say, a bucket mixing two unrelated clusters that collide in one
// band); Stats.CappedBuckets tells how often the cap applied.
//
// Candidates runs bands on several goroutines, each with 16 bytes of scratch
// per document. Each worker keeps its pairs, packed as uint64(i)<<32|j,
// sorted and deduplicated: it radix-sorts each band's pairs, drops repeats
// and merges them into its list (a branch-free merge), so a pair found in
// many bands is stored once per worker; the workers' lists are then merged.
// The result is the sorted set of pairs, the same for any number of workers
// and any order of Add calls. At a million documents, half of them in
// clusters of near copies, AddAll plus Candidates took 1.9 s of CPU, and the
// process peaked at 1.2 GB with the 0.5 GB of signatures. AddSigned indexes
// each signature as soon as it is computed, so those 0.5 GB are never needed
// at once.

import (
	"math/bits"
	"runtime"
	"slices"
	"sync"
)

// DefaultBucketCap is the bucket size above which a bucket is linked sparsely
// when LSH.BucketCap is 0. On a corpus where half the documents are in
// clusters of up to 50 near copies (BenchmarkLSHCandidates), cap 16 instead
// of 32 gives 2.5 times fewer candidates and the same union-find groups.
const DefaultBucketCap = 16

const (
	bandSeed = 0x1d8e4e27c47d124f
	bandMul  = 0xa0761d6478bd642f
	bandMul2 = 0xe7037ed1a0b428db
)

// Pair is a candidate pair of documents, A < B.
type Pair struct {
	A, B int32
}

// Stats describes the buckets seen by Candidates.
type Stats struct {
	Buckets       int // buckets, over all bands, of two or more documents
	CappedBuckets int // buckets larger than the cap, linked sparsely
	MaxBucket     int // documents in the largest bucket
	Pairs         int // pairs emitted over all bands, before deduplication
}

// LSH is a banded locality-sensitive hashing index of MinHash signatures. Its
// methods are not safe for concurrent use; Candidates uses goroutines inside.
type LSH struct {
	// BucketCap is the largest bucket whose pairs are all candidates; larger
	// buckets are linked sparsely (see the package design notes). 0 means
	// DefaultBucketCap; values below 2 act as 2.
	BucketCap int

	bands, rows int
	docs        []int32    // documents in the order added
	keys        [][]uint64 // keys[band][e] is the key of docs[e] in band
	maxDoc      int32
}

// NewLSH returns an empty index of bands bands of rows rows, which uses the
// first bands·rows values of each signature. It panics if bands < 1, rows < 1
// or bands·rows > MaxPerm.
func NewLSH(bands, rows int) *LSH {
	if bands < 1 || rows < 1 || bands*rows > MaxPerm {
		panic("shingle: NewLSH with bad bands or rows")
	}
	return &LSH{bands: bands, rows: rows, keys: make([][]uint64, bands)}
}

// Bands returns the number of bands.
func (l *LSH) Bands() int { return l.bands }

// Rows returns the number of rows per band.
func (l *LSH) Rows() int { return l.rows }

// Len returns the number of documents in the index.
func (l *LSH) Len() int { return len(l.docs) }

// Add adds document doc with signature sig. A document should be added at
// most once. The signature of an empty set is not added: it matches nothing.
// Add panics if doc < 0 or len(sig) < Bands()·Rows(). It does not keep sig;
// it appends Bands() keys to the index, reallocating as slices grow.
func (l *LSH) Add(doc int32, sig []uint32) {
	if doc < 0 {
		panic("shingle: LSH.Add with negative doc")
	}
	if len(sig) < l.bands*l.rows {
		panic("shingle: LSH.Add with a short signature")
	}
	if sig[0] == Empty {
		return
	}
	l.docs = append(l.docs, doc)
	l.maxDoc = max(l.maxDoc, doc)
	for b := range l.bands {
		l.keys[b] = append(l.keys[b], bandKey(sig[b*l.rows:(b+1)*l.rows], b))
	}
}

// Grow grows the index's capacity, if necessary, to guarantee room for
// another n documents: after Grow(n), at least n documents can be added by
// Add without another allocation. It allocates 8·Bands()+4 bytes per
// document of room it adds, and panics if n is negative.
func (l *LSH) Grow(n int) {
	if n < 0 {
		panic("shingle: LSH.Grow with negative count")
	}
	l.docs = slices.Grow(l.docs, n)
	for b := range l.keys {
		l.keys[b] = slices.Grow(l.keys[b], n)
	}
}

// AddAll adds documents 0 … sigs.Len()-1 with their signatures, hashing on
// up to workers goroutines (GOMAXPROCS if workers < 1). The result is as if
// Add were called for each in turn. It grows the index by 8·Bands()+4 bytes
// per document, and panics if sigs.NumPerm() < Bands()·Rows() or sigs.Len()
// > MaxInt32.
func (l *LSH) AddAll(sigs *Signatures, workers int) {
	if sigs.NumPerm() < l.bands*l.rows {
		panic("shingle: LSH.AddAll with short signatures")
	}
	l.AddSigned(sigs.Len(), workers, func(_, i int, _ []uint32) []uint32 { return sigs.At(i) })
}

// AddSigned adds documents 0 … n-1, as AddAll does, but without a
// Signatures of them all: sign(w, i, buf) returns the signature of document
// i, computed by goroutine w (0 ≤ w < workers) into buf (which it may reuse
// from one call to the next, and grow) or held elsewhere. The signature
// is used before sign is called again on that goroutine, and is not kept,
// so the caller needs no n·NumPerm values at once: the index grows by
// 8·Bands()+4 bytes per document. A nil signature counts as the empty set's.
// AddSigned panics if a signature is shorter than Bands()·Rows() or n >
// MaxInt32.
func (l *LSH) AddSigned(n, workers int, sign func(w, i int, buf []uint32) []uint32) {
	if int64(n) > 1<<31-1 {
		panic("shingle: LSH.AddSigned with more than MaxInt32 documents")
	}
	base := len(l.docs)
	l.docs = slices.Grow(l.docs, n)[:base+n]
	for b := range l.keys {
		l.keys[b] = slices.Grow(l.keys[b], n)[:base+n]
	}
	parallel(n, workers, func(w, lo, hi int) {
		var buf []uint32
		for i := lo; i < hi; i++ {
			sig := sign(w, i, buf)
			if cap(sig) > cap(buf) {
				buf = sig[:0]
			}
			l.docs[base+i] = int32(i)
			if len(sig) == 0 || sig[0] == Empty {
				l.docs[base+i] = -1
				continue
			}
			if len(sig) < l.bands*l.rows {
				panic("shingle: LSH.AddSigned with a short signature")
			}
			for b, k := range l.keys {
				k[base+i] = bandKey(sig[b*l.rows:(b+1)*l.rows], b)
			}
		}
	})
	// Drop the empty signatures, keeping order.
	w := base
	for e := base; e < base+n; e++ {
		if l.docs[e] < 0 {
			continue
		}
		l.docs[w] = l.docs[e]
		for _, k := range l.keys {
			k[w] = k[e]
		}
		w++
	}
	l.docs = l.docs[:w]
	if n > 0 {
		l.maxDoc = max(l.maxDoc, int32(n-1))
	}
	for b := range l.keys {
		l.keys[b] = l.keys[b][:w]
	}
}

// parallel calls f on contiguous chunks [lo, hi) of [0, n) on up to workers
// goroutines (GOMAXPROCS if workers < 1), w (0 ≤ w < workers) telling which
// goroutine, and waits for them.
func parallel(n, workers int, f func(w, lo, hi int)) {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, n/1024))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() { f(w, n*w/workers, n*(w+1)/workers) })
	}
	wg.Wait()
}

// mum is the wyhash folded 64×64→128-bit multiply.
func mum(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

// bandKey hashes one band of a signature, two values per multiply.
func bandKey(vals []uint32, band int) uint64 {
	h := bandSeed ^ uint64(band)*bandMul2
	for len(vals) >= 2 {
		h = mum(h^(uint64(vals[0])|uint64(vals[1])<<32), bandMul)
		vals = vals[2:]
	}
	if len(vals) == 1 {
		h = mum(h^uint64(vals[0]), bandMul)
	}
	return mum(h, bandMul2)
}

// Candidates appends to dst every pair of documents (A < B) that share a
// bucket in at least one band, subject to the bucket cap, each once, in
// increasing order of (A, B), and returns the extended slice and bucket
// statistics. It works on up to workers goroutines (GOMAXPROCS if workers <
// 1); the result does not depend on workers or on the order of Add calls.
// Each worker allocates 16 bytes per document and per pair of its current
// band, and 16 per distinct pair it has found; the result takes 8 bytes per
// pair, besides a transient 8 for the final merge.
func (l *LSH) Candidates(dst []Pair, workers int) ([]Pair, Stats) {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, l.bands))
	bucketCap := l.BucketCap
	if bucketCap == 0 {
		bucketCap = DefaultBucketCap
	}
	bucketCap = max(bucketCap, 2)
	docBits := uint(max(1, bits.Len32(uint32(l.maxDoc))))
	lists := make([][]uint64, workers)
	stats := make([]Stats, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			var ents, pairs radix
			var merged []uint64
			for b := w; b < l.bands; b += workers {
				ents.band(l.keys[b], l.docs, docBits)
				ents.sort(64)
				pairs.a = emitPairs(pairs.a[:0], ents.a, docBits, bucketCap, &stats[w])
				pairs.sort(32 + docBits)
				pairs.a = slices.Compact(pairs.a)
				merged = mergeUnique(merged[:0], lists[w], pairs.a)
				lists[w], merged = merged, lists[w]
			}
		})
	}
	wg.Wait()
	var st Stats
	for _, s := range stats {
		st.Buckets += s.Buckets
		st.CappedBuckets += s.CappedBuckets
		st.MaxBucket = max(st.MaxBucket, s.MaxBucket)
		st.Pairs += s.Pairs
	}
	for len(lists) > 1 { // merge pairwise until one list is left
		next := lists[:0]
		for i := 0; i < len(lists); i += 2 {
			if i+1 == len(lists) {
				next = append(next, lists[i])
				break
			}
			next = append(next, mergeUnique(nil, lists[i], lists[i+1]))
		}
		lists = next
	}
	dst = slices.Grow(dst, len(lists[0]))
	for _, p := range lists[0] {
		dst = append(dst, Pair{int32(p >> 32), int32(uint32(p))})
	}
	return dst, st
}

// radix sorts uint64s spread evenly below some power of two, reusing its
// buffers from call to call.
type radix struct {
	a, tmp []uint64
	count  []int
}

// band sets r.a to the entries of one band: the key's bits above docBits and
// the document below.
func (r *radix) band(keys []uint64, docs []int32, docBits uint) {
	r.a = slices.Grow(r.a[:0], len(keys))[:len(keys)]
	low := uint64(1)<<docBits - 1
	docs = docs[:len(keys)]
	for e, k := range keys {
		r.a[e] = k&^low | uint64(docs[e])
	}
}

// sort sorts r.a, whose values are below 1<<width (width ≥ 1) and spread
// evenly enough that one counting pass on their top bits splits them into
// buckets of a few values each, which are then sorted in place.
func (r *radix) sort(width uint) {
	n := len(r.a)
	rb := uint(max(1, min(16, int(width), bits.Len(uint(n))-2)))
	shift := width - rb
	r.tmp = slices.Grow(r.tmp[:0], n)[:n]
	r.count = slices.Grow(r.count[:0], 1<<rb)[:1<<rb]
	clear(r.count)
	for _, x := range r.a {
		r.count[x>>shift]++
	}
	sum := 0
	for i, c := range r.count {
		r.count[i] = sum
		sum += c
	}
	for _, x := range r.a {
		d := x >> shift
		r.tmp[r.count[d]] = x
		r.count[d]++
	}
	start := 0
	for _, end := range r.count { // count[d] is now the end of bucket d
		sortSmall(r.tmp[start:end])
		start = end
	}
	r.a, r.tmp = r.tmp, r.a
}

// sortSmall sorts s, by insertion when it is short.
func sortSmall(s []uint64) {
	if len(s) > 24 {
		slices.Sort(s)
		return
	}
	for i := 1; i < len(s); i++ {
		x := s[i]
		j := i
		for ; j > 0 && s[j-1] > x; j-- {
			s[j] = s[j-1]
		}
		s[j] = x
	}
}

// emitPairs appends to dst the packed pairs of the buckets of the sorted
// entries ents (runs of equal bits above docBits), linking buckets larger
// than bucketCap sparsely, and counts them in st.
func emitPairs(dst, ents []uint64, docBits uint, bucketCap int, st *Stats) []uint64 {
	n0 := len(dst)
	for lo := 0; lo < len(ents); {
		key := ents[lo] >> docBits
		hi := lo + 1
		for hi < len(ents) && ents[hi]>>docBits == key {
			hi++
		}
		if m := hi - lo; m >= 2 {
			st.Buckets++
			st.MaxBucket = max(st.MaxBucket, m)
			low := uint64(1)<<docBits - 1
			if m <= bucketCap {
				dst = allPairs(dst, ents[lo:hi], low)
			} else {
				st.CappedBuckets++
				dst = chainPairs(dst, ents[lo:hi], low)
			}
		}
		lo = hi
	}
	st.Pairs += len(dst) - n0
	return dst
}

// allPairs appends every pair of the bucket ents, whose documents (the bits
// in low) are in increasing order.
func allPairs(dst, ents []uint64, low uint64) []uint64 {
	for i, x := range ents {
		for _, y := range ents[i+1:] {
			if a, b := x&low, y&low; a != b {
				dst = append(dst, a<<32|b)
			}
		}
	}
	return dst
}

// chainPairs appends the pairs linking each document of the bucket ents,
// whose documents (the bits in low) are in increasing order, to the first
// document and to its predecessor.
func chainPairs(dst, ents []uint64, low uint64) []uint64 {
	first := ents[0] & low
	for i := 1; i < len(ents); i++ {
		d := ents[i] & low
		if d != first {
			dst = append(dst, first<<32|d)
		}
		if p := ents[i-1] & low; i >= 2 && p != d {
			dst = append(dst, p<<32|d)
		}
	}
	return dst
}

// mergeUnique appends to dst the sorted union of the sorted, deduplicated
// lists a and b.
func mergeUnique(dst, a, b []uint64) []uint64 {
	k := len(dst)
	dst = slices.Grow(dst, len(a)+len(b))[:k+len(a)+len(b)]
	out := dst[k:]
	i, j, o := merge(out, a, b)
	o += copy(out[o:], a[i:])
	o += copy(out[o:], b[j:])
	return dst[:k+o]
}

// merge writes the sorted union of a and b to out until one of them runs
// out, and returns how far it got in each. Its loop is branch-free but for
// the loop test; len(out) ≥ len(a)+len(b).
func merge(out, a, b []uint64) (i, j, o int) {
	for i < len(a) && j < len(b) && o < len(out) {
		x, y := a[i], b[j]
		out[o] = min(x, y)
		o++
		i += lessEq(x, y)
		j += lessEq(y, x)
	}
	return i, j, o
}

// lessEq returns 1 if x ≤ y and 0 otherwise, without a branch.
func lessEq(x, y uint64) int {
	r := 0
	if x <= y {
		r = 1
	}
	return r
}
