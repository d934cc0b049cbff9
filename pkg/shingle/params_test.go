package shingle

import (
	"math"
	"math/big"
	"testing"
)

// TestOptimalParams checks OptimalParams against the exact minimisers
// (found with rational arithmetic over every (b, r); see also
// TestQuadratureExact) and, for threshold 0.8, against datasketch, whose
// MinHashLSH(threshold=0.8, num_perm=128) has 9 bands of 13 rows (its issue
// #209 lists the hash ranges).
func TestOptimalParams(t *testing.T) {
	tests := []struct {
		threshold         float64
		numPerm           int
		fpW, fnW          float64
		wantBands, wantRw int
	}{
		{0.5, 128, 0.5, 0.5, 25, 5},
		{0.8, 128, 0.5, 0.5, 9, 13},
		{0.9, 128, 0.5, 0.5, 5, 25},
		{0.7, 128, 0.5, 0.5, 14, 9},
		{0.5, 256, 0.5, 0.5, 42, 6},
		{0.8, 64, 0.5, 0.5, 5, 11},
		{0.8, 128, 0.2, 0.8, 12, 10},
	}
	for _, tt := range tests {
		b, r := OptimalParams(tt.threshold, tt.numPerm, tt.fpW, tt.fnW)
		if b != tt.wantBands || r != tt.wantRw {
			t.Errorf("OptimalParams(%v, %d) = (%d, %d), want (%d, %d)", tt.threshold, tt.numPerm, b, r, tt.wantBands, tt.wantRw)
		}
		// The S-curve rises through (1/b)^(1/r), which should be near the
		// threshold (it sits a little above it for few permutations).
		if mid := math.Pow(1/float64(b), 1/float64(r)); math.Abs(mid-tt.threshold) > 0.07 {
			t.Errorf("threshold %v: S-curve midpoint (1/%d)^(1/%d) = %.3f, far from it", tt.threshold, b, r, mid)
		}
	}
	// Weighting false negatives more buys more, shorter bands.
	b1, r1 := OptimalParams(0.8, 128, 0.5, 0.5)
	b2, r2 := OptimalParams(0.8, 128, 0.2, 0.8)
	if !(b2 > b1 && r2 < r1) {
		t.Errorf("weights (0.2, 0.8) give (%d, %d), want more bands and fewer rows than (%d, %d)", b2, r2, b1, r1)
	}
}

// exactArea returns the false-positive and false-negative areas for b bands
// of r rows at threshold t = tn/td exactly, from the expansion
// (1-s^r)^b = Σ_k C(b,k) (-1)^k s^(rk), in 512-bit floating point (the sum
// cancels too much for float64).
func exactArea(tn, td int64, b, r int) (fp, fn float64) {
	const prec = 512
	nf := func() *big.Float { return new(big.Float).SetPrec(prec) }
	tt := nf().Quo(nf().SetInt64(tn), nf().SetInt64(td))
	lo, hi := nf(), nf() // ∫₀ᵗ (1-s^r)^b ds and ∫ₜ¹ (1-s^r)^b ds
	binom := big.NewInt(1)
	for k := 0; k <= b; k++ {
		e := r*k + 1
		tp := nf().SetInt64(1)
		for range e {
			tp.Mul(tp, tt)
		}
		c := nf().Quo(nf().SetInt(binom), nf().SetInt64(int64(e)))
		if k%2 == 1 {
			c.Neg(c)
		}
		lo.Add(lo, nf().Mul(c, tp))
		hi.Add(hi, nf().Mul(c, nf().Sub(nf().SetInt64(1), tp)))
		binom.Mul(binom, big.NewInt(int64(b-k)))
		binom.Quo(binom, big.NewInt(int64(k+1)))
	}
	fpArea := nf().Sub(tt, lo) // ∫₀ᵗ 1-(1-s^r)^b ds
	fp, _ = fpArea.Float64()
	fn, _ = hi.Float64()
	return fp, fn
}

// TestQuadratureExact checks the quadrature's areas against the exact ones
// for every banding with b·r ≤ 128 at thresholds 0.5 and 0.8, and so that
// OptimalParams returns the exact minimiser.
func TestQuadratureExact(t *testing.T) {
	if testing.Short() {
		t.Skip("exact arithmetic for 1400 bandings")
	}
	for _, th := range []struct{ num, den int64 }{{1, 2}, {4, 5}} {
		threshold := float64(th.num) / float64(th.den)
		best, bestB, bestR := math.Inf(1), 0, 0
		shapes(threshold, 128, func(b, r int, fp, fn float64) {
			efp, efn := exactArea(th.num, th.den, b, r)
			if d := max(math.Abs(fp-efp), math.Abs(fn-efn)); d > 1e-12 {
				t.Errorf("t=%v b=%d r=%d: areas (%g, %g), exact (%g, %g)", threshold, b, r, fp, fn, efp, efn)
			}
			if e := (efp + efn) / 2; e < best {
				best, bestB, bestR = e, b, r
			}
		})
		if b, r := OptimalParams(threshold, 128, 0.5, 0.5); b != bestB || r != bestR {
			t.Errorf("OptimalParams(%v, 128) = (%d, %d), exact minimiser (%d, %d)", threshold, b, r, bestB, bestR)
		}
	}
}

func BenchmarkOptimalParams(b *testing.B) {
	for b.Loop() {
		OptimalParams(0.5, 128, 0.5, 0.5)
	}
}

func TestOptimalParamsPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"threshold -0.1": func() { OptimalParams(-0.1, 128, 0.5, 0.5) },
		"threshold 1.1":  func() { OptimalParams(1.1, 128, 0.5, 0.5) },
		"threshold NaN":  func() { OptimalParams(math.NaN(), 128, 0.5, 0.5) },
		"numPerm 0":      func() { OptimalParams(0.5, 0, 0.5, 0.5) },
		"weights 0, 0":   func() { OptimalParams(0.5, 128, 0, 0) },
		"weight -1":      func() { OptimalParams(0.5, 128, -1, 0.5) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s did not panic", name)
				}
			}()
			f()
		}()
	}
}
