package shingle

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"hash/maphash"
	"math/bits"
	"math/rand/v2"
	"testing"
)

// The benchmarks use 250-token documents (a median article after analysis),
// 5-token shingles and 128-value signatures, and count 8 bytes per token, so
// MB/s figures compare directly with BenchmarkHashRaw over the same bytes.
const (
	benchTokens = 250
	benchK      = 5
	benchPerm   = 128
)

func benchDoc(seed uint64) []uint64 {
	r := rand.New(rand.NewPCG(seed, 99))
	tokens := make([]uint64, benchTokens)
	for i := range tokens {
		tokens[i] = r.Uint64()
	}
	return tokens
}

func BenchmarkShingles(b *testing.B) {
	tokens := benchDoc(1)
	dst := make([]uint64, 0, len(tokens))
	b.SetBytes(8 * int64(len(tokens)))
	b.ReportAllocs()
	for b.Loop() {
		dst = Shingles(dst[:0], tokens, benchK)
	}
}

func BenchmarkSign(b *testing.B) {
	sh := Shingles(nil, benchDoc(1), benchK)
	s := NewSketcher(benchPerm)
	sig := make([]uint32, 0, benchPerm)
	b.SetBytes(8 * benchTokens)
	b.ReportAllocs()
	for b.Loop() {
		sig = s.Sign(sig[:0], sh)
	}
}

// BenchmarkShinglesSign is the per-document hashing cost that the 3× budget
// is about: shingling plus signing, no deduplication.
func BenchmarkShinglesSign(b *testing.B) {
	tokens := benchDoc(1)
	s := NewSketcher(benchPerm)
	sh := make([]uint64, 0, len(tokens))
	sig := make([]uint32, 0, benchPerm)
	b.SetBytes(8 * int64(len(tokens)))
	b.ReportAllocs()
	for b.Loop() {
		sh = Shingles(sh[:0], tokens, benchK)
		sig = s.Sign(sig[:0], sh)
	}
}

// BenchmarkHashRaw hashes the same 8 bytes per token with plain 64-bit
// hashes: FNV-1a (a byte at a time, as the analysis stage hashes terms), a
// word-at-a-time multiply-fold chain over the []uint64 (one wyhash mix per
// token), wyhash proper (three independent 48-byte lanes), and the runtime's
// AES-based hash behind hash/maphash.
func BenchmarkHashRaw(b *testing.B) {
	tokens := benchDoc(1)
	buf := make([]byte, 8*len(tokens))
	for i, t := range tokens {
		binary.LittleEndian.PutUint64(buf[8*i:], t)
	}
	var sink uint64
	b.Run("fnv1a", func(b *testing.B) {
		b.SetBytes(int64(len(buf)))
		b.ReportAllocs()
		h := fnv.New64a()
		for b.Loop() {
			h.Reset()
			h.Write(buf)
			sink += h.Sum64()
		}
	})
	b.Run("words", func(b *testing.B) {
		b.SetBytes(int64(len(buf)))
		b.ReportAllocs()
		for b.Loop() {
			sink += wordHash(tokens)
		}
	})
	b.Run("wyhash", func(b *testing.B) {
		b.SetBytes(int64(len(buf)))
		b.ReportAllocs()
		for b.Loop() {
			sink += wyhash(buf, 1)
		}
	})
	b.Run("maphash", func(b *testing.B) {
		seed := maphash.MakeSeed()
		b.SetBytes(int64(len(buf)))
		b.ReportAllocs()
		for b.Loop() {
			sink += maphash.Bytes(seed, buf)
		}
	})
	_ = sink
}

// wordHash folds each 64-bit word into the state with one 128-bit multiply.
func wordHash(words []uint64) uint64 {
	h := uint64(0x243f6a8885a308d3)
	for _, w := range words {
		h = mum(h^w, 0xa0761d6478bd642f)
	}
	return h
}

// wyhash is wyhash (final version 4) for inputs longer than 16 bytes, with
// its three independent 48-byte lanes.
func wyhash(p []byte, seed uint64) uint64 {
	const s0, s1, s2, s3 = 0xa0761d6478bd642f, 0xe7037ed1a0b428db, 0x8ebc6af09c88c6e3, 0x589965cc75374cc3
	le := binary.LittleEndian
	n := len(p)
	seed ^= mum(seed^s0, s1)
	q := p
	if len(q) > 48 {
		see1, see2 := seed, seed
		for len(q) > 48 {
			b := q[:48:48]
			seed = mum(le.Uint64(b[0:])^s1, le.Uint64(b[8:])^seed)
			see1 = mum(le.Uint64(b[16:])^s2, le.Uint64(b[24:])^see1)
			see2 = mum(le.Uint64(b[32:])^s3, le.Uint64(b[40:])^see2)
			q = q[48:]
		}
		seed ^= see1 ^ see2
	}
	for len(q) > 16 {
		seed = mum(le.Uint64(q)^s1, le.Uint64(q[8:])^seed)
		q = q[16:]
	}
	hi, lo := bits.Mul64(le.Uint64(p[n-16:])^s1, le.Uint64(p[n-8:])^seed)
	return mum(lo^s0^uint64(n), hi^s1)
}

// BenchmarkSet sorts and deduplicates one document's shingles, which the
// caller does to keep exact sets for verification.
func BenchmarkSet(b *testing.B) {
	sh := Shingles(nil, benchDoc(1), benchK)
	buf := make([]uint64, len(sh))
	b.SetBytes(8 * benchTokens)
	b.ReportAllocs()
	for b.Loop() {
		copy(buf, sh)
		Set(buf)
	}
}

func BenchmarkOverlap(b *testing.B) {
	x := Set(Shingles(nil, benchDoc(1), benchK))
	y := Set(append(Shingles(nil, benchDoc(1)[:200], benchK), Shingles(nil, benchDoc(2)[:50], benchK)...))
	b.SetBytes(8 * int64(len(x)+len(y)))
	b.ReportAllocs()
	var n int
	for b.Loop() {
		n += Overlap(x, y)
	}
	_ = n
}

// BenchmarkLSHCandidates indexes 100,000 signatures, a sixth of them in
// clusters of 2 to 50 near copies of a story (each with 1% of its tokens
// replaced), and generates candidate pairs at the bands for threshold 0.5.
func BenchmarkLSHCandidates(b *testing.B) {
	const n = 100_000
	sigs := benchSignatures(n)
	bands, rows := OptimalParams(0.5, benchPerm, 0.5, 0.5)
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			b.ReportAllocs()
			var pairs []Pair
			var st Stats
			for b.Loop() {
				l := NewLSH(bands, rows)
				l.AddAll(sigs, workers)
				pairs, st = l.Candidates(pairs[:0], workers)
			}
			b.ReportMetric(float64(len(pairs)), "pairs")
			b.ReportMetric(float64(st.CappedBuckets), "capped")
		})
	}
}

// benchSignatures signs n documents: stories of 250 random tokens, one in
// twenty published as a cluster of 2 to 50 near copies.
func benchSignatures(n int) *Signatures {
	r := rand.New(rand.NewPCG(7, 7))
	s := NewSketcher(benchPerm)
	sigs := NewSignatures(n, benchPerm)
	story := make([]uint64, benchTokens)
	tokens := make([]uint64, benchTokens)
	var sh []uint64
	for i := 0; i < n; {
		for j := range story {
			story[j] = r.Uint64()
		}
		copies := 1
		if r.IntN(20) == 0 {
			copies = 2 + r.IntN(49)
		}
		for c := 0; c < copies && i < n; c++ {
			copy(tokens, story)
			if c > 0 {
				for range benchTokens / 100 {
					tokens[r.IntN(benchTokens)] = r.Uint64()
				}
			}
			sh = Shingles(sh[:0], tokens, benchK)
			s.Sign(sigs.At(i)[:0], sh)
			i++
		}
	}
	return sigs
}
