package vector

// Pruning keeps the MaxTerms heaviest entries of a document of a few hundred
// terms, so it selects them (quickselect, linear on average) and sorts only
// the kept ones instead of sorting them all. The order is total (weight
// descending, then term), so the kept entries and their order are exactly
// those of a full sort.

import "slices"

// SelectTop reorders idx so that its first k entries are the k smallest under
// less, sorted; the order of the rest is unspecified. less must be a total
// order (no two distinct entries equal), so that the result does not depend
// on the input order. It does not allocate, and takes time linear in len(idx)
// on average plus k log k. It panics unless 0 < k ≤ len(idx).
func SelectTop[T any](idx []T, k int, less func(a, b T) int) {
	if k <= 0 || k > len(idx) {
		panic("vector: SelectTop k out of range")
	}
	// Invariant: idx[:lo] < idx[lo:hi] < idx[hi:], with lo ≤ k ≤ hi.
	lo, hi := 0, len(idx)
	for lo < k && k < hi && hi-lo > 16 {
		p := lo + partition(idx[lo:hi], less)
		if p < k {
			lo = p + 1
		} else {
			hi = p
		}
	}
	if lo < k && k < hi {
		slices.SortFunc(idx[lo:hi], less)
	}
	slices.SortFunc(idx[:k], less)
}

// partition partitions s around a median-of-three pivot and returns the
// pivot's final position: entries before it are smaller, entries after it
// larger (the order is total, so there are no ties between distinct entries).
func partition[T any](s []T, less func(a, b T) int) int {
	n := len(s)
	a, b, c := 0, n/2, n-1
	if less(s[b], s[a]) < 0 {
		a, b = b, a
	}
	if less(s[c], s[b]) < 0 {
		b = c
		if less(s[b], s[a]) < 0 {
			b = a
		}
	}
	s[b], s[n-1] = s[n-1], s[b]
	pivot := s[n-1]
	store := 0
	for i := range n - 1 {
		if less(s[i], pivot) < 0 {
			s[i], s[store] = s[store], s[i]
			store++
		}
	}
	s[store], s[n-1] = s[n-1], s[store]
	return store
}
