package pipeline

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/newsclust/newsclust/pkg/shingle"
)

// TestHashSetCounts checks the hash-set counts against sorted sets, with
// repeats and the value 0.
func TestHashSetCounts(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	var ha, hb hashSet
	for trial := range 500 {
		pool := make([]uint64, 1+r.IntN(300))
		for i := range pool {
			pool[i] = r.Uint64() >> (r.IntN(2) * 60) // some small values collide in the low bits
		}
		pool[0] = 0
		pick := func() []uint64 {
			out := make([]uint64, r.IntN(400))
			for i := range out {
				out[i] = pool[r.IntN(len(pool))]
			}
			return out
		}
		a, b := pick(), pick()
		ha.reset(len(a))
		for _, x := range a {
			ha.add(x)
		}
		hb.reset(len(b))
		o := 0
		for _, x := range b {
			if hb.add(x) && ha.has(x) {
				o++
			}
		}
		sa, sb := shingle.Set(slices.Clone(a)), shingle.Set(slices.Clone(b))
		if o != shingle.Overlap(sa, sb) || ha.n != len(sa) || hb.n != len(sb) {
			t.Fatalf("trial %d: got %d, %d, %d; want %d, %d, %d", trial, o, ha.n, hb.n, shingle.Overlap(sa, sb), len(sa), len(sb))
		}
	}
}
