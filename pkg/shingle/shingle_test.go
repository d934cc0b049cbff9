package shingle

import (
	"hash/fnv"
	"math/bits"
	"math/rand/v2"
	"slices"
	"testing"
)

// windowHash hashes one window of a document of k-token shingles directly,
// without rolling: the reference for Shingles.
func windowHash(w []uint64, k int) uint64 {
	var h uint64
	for i, t := range w {
		h ^= bits.RotateLeft64(t, len(w)-1-i)
	}
	if len(w) < k {
		h ^= lengthKey * uint64(len(w))
	}
	return h
}

func TestShinglesCounts(t *testing.T) {
	tokens := []uint64{11, 22, 33, 44, 55}
	tests := []struct {
		name   string
		tokens []uint64
		k      int
		want   [][]uint64 // the windows hashed
	}{
		{"empty", nil, 3, nil},
		{"one token", tokens[:1], 3, [][]uint64{tokens[:1]}},
		{"shorter than k", tokens[:2], 3, [][]uint64{tokens[:2]}},
		{"exactly k", tokens[:3], 3, [][]uint64{tokens[:3]}},
		{"k+1", tokens[:4], 3, [][]uint64{tokens[0:3], tokens[1:4]}},
		{"k=1", tokens[:3], 1, [][]uint64{tokens[0:1], tokens[1:2], tokens[2:3]}},
		{"k=len", tokens, 5, [][]uint64{tokens}},
		{"k>len", tokens, 9, [][]uint64{tokens}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Shingles(nil, tt.tokens, tt.k)
			var want []uint64
			for _, w := range tt.want {
				want = append(want, windowHash(w, tt.k))
			}
			if !slices.Equal(got, want) {
				t.Errorf("Shingles(%v, %d) = %x, want %x", tt.tokens, tt.k, got, want)
			}
		})
	}
}

func TestShinglesRollingMatchesDirect(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	tokens := make([]uint64, 300)
	for i := range tokens {
		tokens[i] = r.Uint64()
	}
	tokens[100] = tokens[7] // repeats must not matter
	for _, k := range []int{1, 2, 3, 5, 8, 13} {
		got := Shingles(nil, tokens, k)
		if len(got) != len(tokens)-k+1 {
			t.Fatalf("k=%d: %d shingles, want %d", k, len(got), len(tokens)-k+1)
		}
		for i, h := range got {
			if want := windowHash(tokens[i:i+k], k); h != want {
				t.Fatalf("k=%d: shingle %d = %x, want %x", k, i, h, want)
			}
		}
	}
}

func TestShinglesAppends(t *testing.T) {
	dst := []uint64{42}
	got := Shingles(dst, []uint64{1, 2, 3, 4}, 2)
	if len(got) != 4 || got[0] != 42 {
		t.Errorf("Shingles did not append to dst: %x", got)
	}
	buf := make([]uint64, 0, 64)
	tokens := []uint64{1, 2, 3, 4, 5, 6, 7, 8}
	if n := testing.AllocsPerRun(10, func() { buf = Shingles(buf[:0], tokens, 3) }); n != 0 {
		t.Errorf("Shingles with room in dst allocated %v times", n)
	}
}

func TestShinglesDistinguish(t *testing.T) {
	a, b, c := uint64(0x1111), uint64(0x2222), uint64(0x3333)
	tests := []struct {
		name string
		x, y []uint64
		k    int
	}{
		{"swap in window", []uint64{a, b, c}, []uint64{b, a, c}, 3},
		{"reversed", []uint64{a, b, c}, []uint64{c, b, a}, 3},
		{"pair order", []uint64{a, b}, []uint64{b, a}, 2},
		{"repeat order", []uint64{a, a, b}, []uint64{a, b, a}, 3},
		{"short vs zero-padded", []uint64{a, b}, []uint64{0, a, b}, 3},
		{"lengths", []uint64{a}, []uint64{a, a}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, y := Shingles(nil, tt.x, tt.k), Shingles(nil, tt.y, tt.k)
			if x[0] == y[0] {
				t.Errorf("shingle of %x equals shingle of %x: %x", tt.x, tt.y, x[0])
			}
		})
	}
	// A short document gives the same shingle whatever k > its length.
	if x, y := Shingles(nil, []uint64{a, b}, 3), Shingles(nil, []uint64{a, b}, 7); !slices.Equal(x, y) {
		t.Errorf("short document: k=3 gives %x, k=7 gives %x", x, y)
	}
}

func TestShinglesPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Shingles with k=0 did not panic")
		}
	}()
	Shingles(nil, []uint64{1}, 0)
}

// stemHashes returns FNV-1a hashes of words, as the analysis stage gives.
func stemHashes(words ...string) []uint64 {
	var hs []uint64
	for _, w := range words {
		h := fnv.New64a()
		h.Write([]byte(w))
		hs = append(hs, h.Sum64())
	}
	return hs
}

var goldenTokens = stemHashes("quick", "brown", "fox", "jump", "over", "lazi", "dog")

// TestShinglesGolden pins the shingle hash: if it changes, every stored
// shingle set and signature is invalid.
func TestShinglesGolden(t *testing.T) {
	tests := []struct {
		tokens []uint64
		k      int
		want   []uint64
	}{
		{goldenTokens, 3, []uint64{0x25f846740aa54660, 0xfb921294765344ef, 0x6647686c4f5647cf, 0x2d2d09b2f85e5417, 0xc84e9e92c55df6a8}},
		{goldenTokens[:2], 3, []uint64{0x34dbb72771784751}},
	}
	for _, tt := range tests {
		if got := Shingles(nil, tt.tokens, tt.k); !slices.Equal(got, tt.want) {
			t.Errorf("Shingles(%d tokens, %d) = %#v, want %#v", len(tt.tokens), tt.k, got, tt.want)
		}
	}
}

func TestSet(t *testing.T) {
	tests := []struct{ in, want []uint64 }{
		{nil, nil},
		{[]uint64{5}, []uint64{5}},
		{[]uint64{3, 1, 2}, []uint64{1, 2, 3}},
		{[]uint64{7, 7, 7}, []uint64{7}},
		{[]uint64{9, 1, 9, 1, 0, ^uint64(0)}, []uint64{0, 1, 9, ^uint64(0)}},
	}
	for _, tt := range tests {
		in := slices.Clone(tt.in)
		if got := Set(in); !slices.Equal(got, tt.want) {
			t.Errorf("Set(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestOverlapJaccardContainment(t *testing.T) {
	tests := []struct {
		a, b        []uint64
		overlap     int
		jaccard     float64
		containment float64
	}{
		{nil, nil, 0, 0, 0},
		{[]uint64{1, 2}, nil, 0, 0, 0},
		{[]uint64{1, 2, 3}, []uint64{1, 2, 3}, 3, 1, 1},
		{[]uint64{1, 2, 3}, []uint64{4, 5, 6}, 0, 0, 0},
		{[]uint64{1, 2, 3, 4}, []uint64{3, 4, 5, 6}, 2, 2.0 / 6, 0.5},
		{[]uint64{1, 2, 3, 4, 5, 6, 7, 8}, []uint64{2, 3, 4}, 3, 3.0 / 8, 1},    // truncated copy
		{[]uint64{0, 10, 20, 30}, []uint64{5, 10, 25, 30, 35}, 2, 2.0 / 7, 0.5}, // interleaved
		{[]uint64{^uint64(0)}, []uint64{0, ^uint64(0)}, 1, 0.5, 1},
	}
	for _, tt := range tests {
		for _, swap := range []bool{false, true} {
			a, b := tt.a, tt.b
			if swap {
				a, b = b, a
			}
			if got := Overlap(a, b); got != tt.overlap {
				t.Errorf("Overlap(%v, %v) = %d, want %d", a, b, got, tt.overlap)
			}
			if got := Jaccard(a, b); got != tt.jaccard {
				t.Errorf("Jaccard(%v, %v) = %v, want %v", a, b, got, tt.jaccard)
			}
			if got := Containment(a, b); got != tt.containment {
				t.Errorf("Containment(%v, %v) = %v, want %v", a, b, got, tt.containment)
			}
		}
	}
}
