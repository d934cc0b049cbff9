// Randomized checks against brute force.
//
// For random labelings of up to 60 documents, the pair counts and BCubed
// scores are recomputed by brute force over all pairs of documents, and ARI
// by scikit-learn's pair-confusion formula 2(tp·tn − fn·fp) / ((tp+fn)(fn+tn)
// + (tp+fp)(fp+tn)), which is exact in float64 at this size. None of this
// code is used by the package itself.

package metrics

import (
	"math"
	"math/big"
	"math/rand/v2"
	"strconv"
	"testing"
)

func TestCompareRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := range 2000 {
		n := r.IntN(61)
		gold := randomLabels(r, n, "g")
		pred := randomLabels(r, n, "p")
		if trial%2 == 1 {
			pred = perturb(r, gold, r.Float64())
		}
		checkBruteForce(t, pred, gold)
		if t.Failed() {
			t.Fatalf("trial %d:\npred %q\ngold %q", trial, pred, gold)
		}
	}
}

// randomLabels returns n labels drawn from between 1 and n+1 clusters.
func randomLabels(r *rand.Rand, n int, prefix string) []string {
	k := 1 + r.IntN(n+1)
	labels := make([]string, n)
	for i := range labels {
		labels[i] = prefix + strconv.Itoa(r.IntN(k))
	}
	return labels
}

// perturb returns labels with a share p of documents moved to random,
// possibly new, clusters, so that near-identical partitions are tested too.
func perturb(r *rand.Rand, labels []string, p float64) []string {
	out := make([]string, len(labels))
	for i, l := range labels {
		out[i] = "p" + l
		if r.Float64() < p {
			out[i] = "q" + strconv.Itoa(r.IntN(len(labels)/2+1))
		}
	}
	return out
}

// checkBruteForce checks Compare(pred, gold) against brute force.
func checkBruteForce(t *testing.T, pred, gold []string) {
	t.Helper()
	n := len(pred)
	want := brutePairs(pred, gold)
	if got := countPairs(newTable(pred, gold)); got != want {
		t.Errorf("pair counts = %+v, brute force %+v", got, want)
	}
	s := Compare(pred, gold)
	for name, v := range map[string]float64{
		"PairPrecision": s.PairPrecision, "PairRecall": s.PairRecall, "PairF1": s.PairF1,
		"BCubedPrecision": s.BCubedPrecision, "BCubedRecall": s.BCubedRecall, "BCubedF1": s.BCubedF1,
	} {
		if !(v >= 0 && v <= 1) {
			t.Errorf("%s = %v, outside [0, 1]", name, v)
		}
	}
	if !(s.ARI >= -1 && s.ARI <= 1) {
		t.Errorf("ARI = %v, outside [-1, 1]", s.ARI)
	}

	bp, br := bruteBCubed(pred, gold)
	want2 := Scores{Documents: n, Clusters: distinct(pred), GoldClusters: distinct(gold),
		PairPrecision: share(want.both, want.pred), PairRecall: share(want.both, want.gold),
		BCubedPrecision: bp, BCubedRecall: br, ARI: sklearnARI(want, n)}
	want2.PairF1 = harmonic(want2.PairPrecision, want2.PairRecall)
	want2.BCubedF1 = harmonic(bp, br)
	checkScores(t, s, want2, 1e-12)

	// Swapping the sides swaps precision and recall and keeps ARI.
	sw := Compare(gold, pred)
	if sw.PairPrecision != s.PairRecall || sw.PairRecall != s.PairPrecision || sw.ARI != s.ARI ||
		sw.BCubedPrecision != s.BCubedRecall || sw.BCubedRecall != s.BCubedPrecision {
		t.Errorf("swapped sides: %+v, unswapped %+v", sw, s)
	}
}

func brutePairs(pred, gold []string) pairCounts {
	var pc pairCounts
	for i := range pred {
		for j := i + 1; j < len(pred); j++ {
			p, g := pred[i] == pred[j], gold[i] == gold[j]
			if p {
				pc.pred++
			}
			if g {
				pc.gold++
			}
			if p && g {
				pc.both++
			}
		}
	}
	return pc
}

func bruteBCubed(pred, gold []string) (p, r float64) {
	if len(pred) == 0 {
		return 1, 1
	}
	for i := range pred {
		var inPred, inGold, inBoth float64
		for j := range pred {
			sp, sg := pred[i] == pred[j], gold[i] == gold[j]
			if sp {
				inPred++
			}
			if sg {
				inGold++
			}
			if sp && sg {
				inBoth++
			}
		}
		p += inBoth / inPred
		r += inBoth / inGold
	}
	return p / float64(len(pred)), r / float64(len(pred))
}

// sklearnARI is scikit-learn's adjusted_rand_score from unordered pair counts.
func sklearnARI(pc pairCounts, n int) float64 {
	tp := float64(pc.both)
	fp := float64(pc.pred - pc.both)
	fn := float64(pc.gold - pc.both)
	tn := float64(int64(n)*int64(n-1)/2) - tp - fp - fn
	if fn == 0 && fp == 0 {
		return 1
	}
	return 2 * (tp*tn - fn*fp) / ((tp+fn)*(fn+tn) + (tp+fp)*(fp+tn))
}

func share(num, den int64) float64 {
	if den == 0 {
		return 1
	}
	return float64(num) / float64(den)
}

func harmonic(p, r float64) float64 {
	if p == 0 && r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func distinct(labels []string) int {
	seen := make(map[string]bool)
	for _, l := range labels {
		seen[l] = true
	}
	return len(seen)
}

// TestARILargeCounts checks ari on pair counts of 3 million documents, where
// the products in the formula (about 10²²) overflow int64. Gold is 1000
// clusters of 3000; the prediction splits each in halves of 1500, so it
// refines the gold and T = A:
//
//	N = 3e6·(3e6−1)/2     = 4,499,998,500,000
//	B = 1000·3000·2999/2  = 4,498,500,000
//	A = 2000·1500·1499/2  = 2,248,500,000
//	a = A/N ≈ 4.99667e-4, b = B/N ≈ 9.99667e-4, ab ≈ 4.995e-7
//	ARI = (a − ab) / ((a+b)/2 − ab) ≈ 4.99167e-4 / 7.49167e-4 ≈ 0.66630
//
// The exact value is also computed with big.Rat from scikit-learn's
// pair-confusion form, independent of the form ari uses.
func TestARILargeCounts(t *testing.T) {
	const n = 3_000_000
	pc := pairCounts{pred: 2_248_500_000, gold: 4_498_500_000, both: 2_248_500_000}
	got := ari(pc, n)
	if math.Abs(got-0.66630) > 1e-4 {
		t.Errorf("ari = %v, want about 0.66630", got)
	}

	tp := big.NewInt(pc.both)
	fp := big.NewInt(pc.pred - pc.both)
	fn := big.NewInt(pc.gold - pc.both)
	tn := big.NewInt(4_499_998_500_000 - pc.pred - pc.gold + pc.both)
	num := new(big.Int).Sub(new(big.Int).Mul(tp, tn), new(big.Int).Mul(fn, fp))
	num.Lsh(num, 1)
	den := new(big.Int).Mul(new(big.Int).Add(tp, fn), new(big.Int).Add(fn, tn))
	den.Add(den, new(big.Int).Mul(new(big.Int).Add(tp, fp), new(big.Int).Add(fp, tn)))
	want, _ := new(big.Rat).SetFrac(num, den).Float64()
	if got != want {
		t.Errorf("ari = %v, exact pair-confusion form gives %v", got, want)
	}
}
