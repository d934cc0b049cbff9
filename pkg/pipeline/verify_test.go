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
		o := overlap(&ha, &hb, a, b)
		sa, sb := shingle.Set(slices.Clone(a)), shingle.Set(slices.Clone(b))
		if o != shingle.Overlap(sa, sb) || ha.n != len(sa) || hb.n != len(sb) {
			t.Fatalf("trial %d: got %d, %d, %d; want %d, %d, %d", trial, o, ha.n, hb.n, shingle.Overlap(sa, sb), len(sa), len(sb))
		}
	}
}

// TestPassesMarkedMatchesCounts checks the marked set's overlap against a
// hash set of B, and that stopping early never changes the decision made from
// the full counts, on pairs around the thresholds: B is a copy of A with a
// share of its shingles replaced, some dropped or repeated, and extra ones
// added, some far shorter or longer than A.
func TestPassesMarkedMatchesCounts(t *testing.T) {
	cfg := DefaultConfig()
	r := rand.New(rand.NewPCG(5, 5))
	var ma markedSet
	var ha, hb hashSet
	accepted := 0
	const trials = 4000
	for trial := range trials {
		a := make([]uint64, 1+r.IntN(600))
		for i := range a {
			a[i] = r.Uint64() >> (r.IntN(8) / 7 * 63) // now and then 0
		}
		change, drop := r.Float64()*0.8, r.Float64()*0.6
		if trial%4 == 0 { // lengths far apart
			drop = 0.3 + r.Float64()*0.7
		}
		var b []uint64
		for _, x := range a {
			switch f := r.Float64(); {
			case f < drop:
			case f < drop+change*(1-drop):
				b = append(b, r.Uint64())
			default:
				b = append(b, x)
				if r.IntN(20) == 0 {
					b = append(b, x)
				}
			}
		}
		extra := len(a)/2 + 1
		if trial%4 == 1 {
			extra = 3 * len(a)
		}
		for range r.IntN(extra) {
			b = append(b, r.Uint64())
		}
		r.Shuffle(len(b), func(i, j int) { b[i], b[j] = b[j], b[i] })
		o := overlap(&ha, &hb, a, b)
		ma.load(a)
		for pass := range 2 { // a second pass must count afresh
			ma.newPass()
			got := 0
			for _, x := range b {
				if ma.meet(x) {
					got++
				}
			}
			if got != o || ma.n != ha.n {
				t.Fatalf("trial %d pass %d: marked set met %d of %d, want %d of %d", trial, pass, got, ma.n, o, ha.n)
			}
		}
		want := cfg.nearDuplicateCounts(o, ha.n, hb.n)
		if got := cfg.passesMarked(&ma, b, hb.n); got != want {
			t.Fatalf("trial %d: |A| %d |B| %d overlap %d: passesMarked %v, counts say %v", trial, ha.n, hb.n, o, got, want)
		}
		if want {
			accepted++
		}
	}
	if accepted < trials/20 || accepted > trials*19/20 {
		t.Fatalf("%d of %d pairs accepted: the trials do not straddle the thresholds", accepted, trials)
	}
}

// overlap loads a into ha and b into hb and returns how many distinct values
// of b are in a.
func overlap(ha, hb *hashSet, a, b []uint64) int {
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
	return o
}

// has reports whether x is in the set. The job counts with markedSet; the
// tests check it against this plain lookup.
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
