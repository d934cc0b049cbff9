// Package shingle finds near-duplicate documents: it turns a document's
// token hashes into k-token shingles, summarises a shingle set by a MinHash
// signature, buckets signatures by locality-sensitive hashing (LSH) to get
// candidate pairs, and offers a union-find to group verified pairs. (The job
// itself groups them by average linkage over the verified pairs, with
// story.Link; see pkg/pipeline/dups.go.)
//
// The pipeline for n documents is:
//
//	sh = shingle.Shingles(sh[:0], tokens, k)   // per document i
//	sketcher.Sign(sigs.At(i)[:0], sh)          // fills slot i of a flat Signatures
//	sets[i] = shingle.Set(sh)                  // exact set, kept for verification
//	lsh.AddAll(sigs, workers)
//	pairs, _ := lsh.Candidates(nil, workers)   // each pair (i<j) once, sorted
//	// verify each pair on the exact sets with Jaccard or Containment,
//	// then group the ones that pass, e.g. Union them and call uf.Groups().
//
// Every hash constant in this package is fixed, so shingle hashes, signatures
// and band keys are the same on every run and machine and may be stored.
//
// A million documents of 250 tokens cost, on one core of the development
// machine, about 0.7 s to shingle and sign (128 values), 0.4 s to index and
// 1.5 s to generate candidates; the signatures take 0.5 GB, unless
// LSH.AddSigned indexes each as it is computed. Exact shingle sets
// kept for verification would take 2 GB as []uint64, so a caller short of
// memory may rather re-shingle the documents of candidate pairs.
package shingle

// Shingling and exact set arithmetic.
//
// Token hashes are already 64-bit hashes, so a shingle needs no multiply: its
// hash is the cyclic polynomial (buzhash) of its window,
//
//	h = rotl(t[0], k-1) ^ rotl(t[1], k-2) ^ … ^ rotl(t[k-1], 0),
//
// rolled along the document in O(1) per position, h' = rotl(h, 1) ^
// rotl(t_out, k) ^ t_in, with a loop-carried dependency of one rotate and one
// xor. For k ≤ 64 every position has its own rotation, so the hash is as
// uniform as the tokens are, two different windows of random tokens collide
// with chance 2^-64, and swapping two different tokens d apart changes it
// unless their xor is invariant under rotation by d (for neighbours, only if
// one is the other's complement). Mixing for MinHash is Sign's business, done
// once per shingle. The single shingle of a document of w < k tokens is keyed
// by w (unkeyed, it would equal the hash of a full window of those tokens
// after k-w zero hashes). Exact sets are sorted, deduplicated []uint64, so
// intersection is a linear merge.

import (
	"math/bits"
	"slices"
)

// lengthKey keys the shingle of a document of w < k tokens: lengthKey·w.
const lengthKey = 0x243f6a8885a308d3

// Shingles appends to dst the hashes of the k-token shingles of tokens and
// returns the extended slice. The shingles are the windows tokens[i:i+k] for
// i = 0 … len(tokens)-k, in order, duplicates kept; a non-empty document of
// fewer than k tokens gives one shingle of all its tokens, keyed by its
// length, and an empty one gives none. A window's hash depends on the order
// of its tokens (for k ≤ 64). Shingles panics if k < 1. It allocates only
// when dst lacks room.
func Shingles(dst, tokens []uint64, k int) []uint64 {
	if k < 1 {
		panic("shingle: Shingles with k < 1")
	}
	n := len(tokens)
	if n == 0 {
		return dst
	}
	var h uint64
	for _, t := range tokens[:min(k, n)] {
		h = bits.RotateLeft64(h, 1) ^ t
	}
	if n < k {
		return append(dst, h^lengthKey*uint64(n))
	}
	m := len(dst)
	dst = slices.Grow(dst, n-k+1)[:m+n-k+1]
	dst[m] = h
	roll(dst[m+1:], tokens[k:], tokens[:n-k], h, k)
	return dst
}

// roll sets out[i] to the hash of the window ending with in[i], given h, the
// hash of the window before the first, and old[i], the token leaving the
// window as in[i] enters. The loop is unrolled once, and each step's token
// term is formed off the h dependency chain.
func roll(out, in, old []uint64, h uint64, k int) {
	in, old = in[:len(out)], old[:len(out)] // for the bounds-check eliminator
	i := 0
	for ; i+1 < len(out); i += 2 {
		d0 := bits.RotateLeft64(old[i], k) ^ in[i]
		d1 := bits.RotateLeft64(old[i+1], k) ^ in[i+1]
		h = bits.RotateLeft64(h, 1) ^ d0
		out[i] = h
		h = bits.RotateLeft64(h, 1) ^ d1
		out[i+1] = h
	}
	if i < len(out) {
		out[i] = bits.RotateLeft64(h, 1) ^ bits.RotateLeft64(old[i], k) ^ in[i]
	}
}

// Set sorts s and removes repeated values in place, and returns the
// shortened slice, which shares s's storage. It does not allocate.
func Set(s []uint64) []uint64 {
	slices.Sort(s)
	return slices.Compact(s)
}

// Overlap returns |a ∩ b| for sets a and b, each sorted in increasing order
// without repeats (as returned by Set). Other inputs give unspecified results.
// It does not allocate.
func Overlap(a, b []uint64) int {
	n := 0
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		x, y := a[i], b[j]
		if x == y {
			n++
		}
		if x <= y {
			i++
		}
		if y <= x {
			j++
		}
	}
	return n
}

// Jaccard returns |a ∩ b| / |a ∪ b| for sets as taken by Overlap, and 0 when
// both are empty.
func Jaccard(a, b []uint64) float64 {
	o := Overlap(a, b)
	u := len(a) + len(b) - o
	if u == 0 {
		return 0
	}
	return float64(o) / float64(u)
}

// Containment returns |a ∩ b| / min(|a|, |b|) for sets as taken by Overlap:
// the fraction of the smaller set found in the larger, which is near 1 when
// one document is a truncated copy of the other. It returns 0 when either set
// is empty.
func Containment(a, b []uint64) float64 {
	m := min(len(a), len(b))
	if m == 0 {
		return 0
	}
	return float64(Overlap(a, b)) / float64(m)
}
