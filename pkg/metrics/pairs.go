// Pair counts.
//
// A cluster of size k joins k(k-1)/2 unordered pairs of documents. Summing
// that over the rows, the columns and the cells of the contingency table gives
// the pairs joined by the prediction, by the gold, and by both. The counts are
// int64: n(n-1)/2 overflows int32 from n = 65,537 but fits int64 for n up to
// about 4·10⁹.

package metrics

// pairCounts holds the numbers of unordered pairs of documents put in the same
// cluster by the prediction, by the gold labeling, and by both.
type pairCounts struct {
	pred, gold, both int64
}

// countPairs returns the pair counts of t. It does not allocate.
func countPairs(t table) pairCounts {
	var pc pairCounts
	for _, k := range t.rows {
		pc.pred += choose2(k)
	}
	for _, k := range t.cols {
		pc.gold += choose2(k)
	}
	for _, c := range t.cells {
		pc.both += choose2(c.n)
	}
	return pc
}

// choose2 returns k(k-1)/2, the number of unordered pairs among k items.
func choose2(k int64) int64 {
	return k * (k - 1) / 2
}

// ratio returns num/den, or 1 when den is 0: a score over no pairs has no
// errors to count.
func ratio(num, den int64) float64 {
	if den == 0 {
		return 1
	}
	return float64(num) / float64(den)
}
