package shingle

// Choosing the LSH banding.
//
// With b bands of r rows, two documents of Jaccard similarity s share at
// least one band with probability P(s) = 1 - (1 - s^r)^b, an S-curve that
// rises steeply near (1/b)^(1/r). OptimalParams does what datasketch's
// _optimal_param does: over every b ≥ 1, r ≥ 1 with b·r ≤ numPerm it
// minimises
//
//	fpWeight·∫₀ᵗ P(s) ds + fnWeight·∫ₜ¹ (1 - P(s)) ds,
//
// the weighted areas of false positives below the threshold t and of false
// negatives above it, ties going to the smallest (b, r) as datasketch's
// b-outer, r-inner scan with a strict minimum does. Each integral is computed
// by composite Gauss–Legendre quadrature (quadPanels panels of 16 points,
// exact for polynomials of degree 31 on each panel), with s^r and (1-s^r)^b
// built up by multiplication, so the whole search costs about a million
// multiplies. For numPerm = 128 the areas agree with the exact integrals
// (computed in 512-bit arithmetic in the tests) to 1e-12, far below the gaps
// between competing bandings.

import (
	"math"
	"slices"
)

const quadPanels = 32

// glNodes and glWeights are the 16-point Gauss–Legendre rule on [-1, 1].
var glNodes, glWeights = gaussLegendre(16)

// gaussLegendre returns the m-point Gauss–Legendre nodes and weights on
// [-1, 1], found by Newton's method on the Legendre polynomial P_m.
func gaussLegendre(m int) (x, w []float64) {
	x, w = make([]float64, m), make([]float64, m)
	for i := range m {
		z := math.Cos(math.Pi * (float64(i) + 0.75) / (float64(m) + 0.5))
		var dp float64
		for range 100 {
			p0, p1 := 1.0, z // P_0(z), P_1(z), then up to P_m(z)
			for j := 2; j <= m; j++ {
				p0, p1 = p1, ((2*float64(j)-1)*z*p1-(float64(j)-1)*p0)/float64(j)
			}
			dp = float64(m) * (z*p1 - p0) / (z*z - 1)
			dz := p1 / dp
			z -= dz
			if math.Abs(dz) < 1e-16 {
				break
			}
		}
		x[i], w[i] = z, 2/((1-z*z)*dp*dp)
	}
	return x, w
}

// quadPoints returns the abscissae and weights of the composite rule on
// [a, b].
func quadPoints(a, b float64) (x, w []float64) {
	h := (b - a) / quadPanels
	for p := range quadPanels {
		mid := a + (float64(p)+0.5)*h
		for i, z := range glNodes {
			x = append(x, mid+z*h/2)
			w = append(w, glWeights[i]*h/2)
		}
	}
	return x, w
}

// OptimalParams returns the bands and rows, with bands·rows ≤ numPerm, that
// minimise fpWeight times the false-positive area plus fnWeight times the
// false-negative area of the LSH S-curve around threshold, as datasketch's
// MinHashLSH does (its default weights are 0.5 and 0.5); ties go to fewer
// bands, then fewer rows. It panics if threshold is outside [0, 1], numPerm is
// out of [1, MaxPerm], or a weight is negative or NaN or both are 0. It
// allocates about 50 kilobytes.
func OptimalParams(threshold float64, numPerm int, fpWeight, fnWeight float64) (bands, rows int) {
	if !(threshold >= 0 && threshold <= 1) {
		panic("shingle: OptimalParams with threshold outside [0, 1]")
	}
	checkPerm(numPerm)
	if !(fpWeight >= 0 && fnWeight >= 0 && fpWeight+fnWeight > 0) {
		panic("shingle: OptimalParams with bad weights")
	}
	best := math.Inf(1)
	shapes(threshold, numPerm, func(b, r int, fp, fn float64) {
		e := fpWeight*fp + fnWeight*fn
		if e < best || e == best && (b < bands || b == bands && r < rows) {
			best, bands, rows = e, b, r
		}
	})
	return bands, rows
}

// shapes calls f with the false-positive and false-negative areas of every
// banding b·r ≤ numPerm at threshold t.
func shapes(t float64, numPerm int, f func(b, r int, fp, fn float64)) {
	fpX, fpW := quadPoints(0, t)
	fnX, fnW := quadPoints(t, 1)
	// s^r is built up r = 1, 2, … and, for each r, (1-s^r)^b up b = 1, 2, …
	// by multiplication.
	fpS, fnS := slices.Repeat([]float64{1}, len(fpX)), slices.Repeat([]float64{1}, len(fnX))
	fpQ, fnQ := make([]float64, len(fpX)), make([]float64, len(fnX))
	fpP, fnP := make([]float64, len(fpX)), make([]float64, len(fnX))
	for r := 1; r <= numPerm; r++ {
		for i, s := range fpX {
			fpS[i] *= s
			fpQ[i], fpP[i] = 1-fpS[i], 1
		}
		for i, s := range fnX {
			fnS[i] *= s
			fnQ[i], fnP[i] = 1-fnS[i], 1
		}
		for b := 1; b*r <= numPerm; b++ {
			// P(s) = 1 - (1-s^r)^b: the false-positive area is ∫₀ᵗ P and
			// the false-negative area ∫ₜ¹ (1-P).
			f(b, r, t-step(fpP, fpQ, fpW), step(fnP, fnQ, fnW))
		}
	}
}

// step multiplies each p[i] by q[i] and returns Σ w[i]·p[i].
func step(p, q, w []float64) float64 {
	q, w = q[:len(p)], w[:len(p)]
	var sum float64
	for i := range p {
		p[i] *= q[i]
		sum += w[i] * p[i]
	}
	return sum
}
