// The adjusted Rand index.
//
// With N = n(n-1)/2 pairs, A pairs joined by the prediction, B by the gold
// and T by both, Hubert and Arabie's index is
//
//	ARI = (T - AB/N) / ((A+B)/2 - AB/N) = 2(NT - AB) / (N(A+B) - 2AB).
//
// The products reach about 10²⁶ for a few million documents, beyond int64 and
// beyond the exact range of float64, and the numerator is a difference of
// nearly equal products when the index is near 0. So the right-hand form is
// evaluated exactly with math/big and rounded once to float64. That also
// guarantees ARI ≤ 1: T ≤ min(A, B) makes the numerator at most the
// denominator.
//
// The denominator is 0 exactly when N = 0, or A = B = 0, or A = B = N, and in
// each case the two partitions are identical. Like scikit-learn's
// adjusted_rand_score, ari returns 1 whenever the partitions are identical
// (A = B = T), which covers these cases and gives an exact 1 otherwise.

package metrics

import "math/big"

// ari returns the adjusted Rand index from the pair counts of n documents.
// It allocates a few big integers.
func ari(pc pairCounts, n int) float64 {
	if pc.both == pc.pred && pc.both == pc.gold {
		return 1
	}
	nn := big.NewInt(choose2(int64(n)))
	a, b, t := big.NewInt(pc.pred), big.NewInt(pc.gold), big.NewInt(pc.both)
	ab := new(big.Int).Mul(a, b)

	num := new(big.Int).Mul(nn, t)
	num.Sub(num, ab).Lsh(num, 1) // 2(NT - AB)

	den := new(big.Int).Add(a, b)
	den.Mul(den, nn).Sub(den, ab).Sub(den, ab) // N(A+B) - 2AB
	if den.Sign() == 0 {
		return 0 // unreachable: a zero denominator implies identical partitions
	}
	f, _ := new(big.Rat).SetFrac(num, den).Float64()
	return f
}
