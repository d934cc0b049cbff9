// BCubed precision and recall.
//
// Each of the c documents of a cell (i, j) has precision c/rows[i] and recall
// c/cols[j], so the documents of a cell contribute c²/rows[i] and c²/cols[j]
// to the sums. The squares are summed exactly in int64 per row and per column
// before a single division by the cluster size, which keeps identical
// partitions at exactly 1 and keeps every score within [0, 1] despite
// rounding: a row's sum of squares is at most the square of its size.

package metrics

// bcubed returns the BCubed precision and recall of t averaged over
// documents, both 1 when t has no documents. It allocates one int64 per
// cluster.
func bcubed(t table) (precision, recall float64) {
	if t.n == 0 {
		return 1, 1
	}
	rowSq := make([]int64, len(t.rows))
	colSq := make([]int64, len(t.cols))
	for _, c := range t.cells {
		sq := c.n * c.n
		rowSq[c.row] += sq
		colSq[c.col] += sq
	}
	return meanShare(rowSq, t.rows, t.n), meanShare(colSq, t.cols, t.n)
}

// meanShare returns the sum of sq[i]/size[i] divided by n.
func meanShare(sq, size []int64, n int) float64 {
	var sum float64
	for i, s := range sq {
		sum += float64(s) / float64(size[i])
	}
	return sum / float64(n)
}
