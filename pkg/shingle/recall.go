package shingle

// Banding for recall at a threshold.
//
// OptimalParams balances the S-curve's false positives against its false
// negatives around a threshold, so a pair at the threshold itself becomes a
// candidate only about half the time. Where the verification behind the
// index accepts pairs at a similarity t and candidates are cheap to verify,
// the other choice is the banding that catches pairs at t with a given
// probability and, among those, proposes the fewest pairs below t: the most
// rows r, with as many bands b = ⌊numPerm/r⌋ as fit, such that
// 1 - (1 - t^r)^b reaches the recall asked for.

import "math"

// CandidateProbability returns the probability 1 - (1 - s^rows)^bands that
// two documents of Jaccard similarity s share at least one of bands bands of
// rows rows each. It panics if s is outside [0, 1] or bands or rows is less
// than 1.
func CandidateProbability(s float64, bands, rows int) float64 {
	if !(s >= 0 && s <= 1) || bands < 1 || rows < 1 {
		panic("shingle: CandidateProbability with s outside [0, 1] or a banding under 1")
	}
	// 1 - (1-x)^b computed as -expm1(b·log1p(-x)) keeps its precision when
	// s^rows is tiny.
	return -math.Expm1(float64(bands) * math.Log1p(-math.Pow(s, float64(rows))))
}

// RecallParams returns the banding with the most rows, and bands =
// ⌊numPerm/rows⌋, under which a pair of Jaccard similarity threshold becomes
// a candidate with probability at least recall. When no banding of two or
// more rows qualifies, it returns numPerm bands of one row, the most
// sensitive banding there is. It panics if threshold is
// outside (0, 1], recall is outside [0, 1) or numPerm is out of [1, MaxPerm].
func RecallParams(threshold float64, numPerm int, recall float64) (bands, rows int) {
	if !(threshold > 0 && threshold <= 1) || !(recall >= 0 && recall < 1) {
		panic("shingle: RecallParams with threshold outside (0, 1] or recall outside [0, 1)")
	}
	checkPerm(numPerm)
	bands, rows = numPerm, 1
	for r := 2; r <= numPerm; r++ {
		if b := numPerm / r; CandidateProbability(threshold, b, r) >= recall {
			bands, rows = b, r
		}
	}
	return bands, rows
}
