package story

// The boost of a batch's time scale between two clusters. For two items the
// time factor is Params.gapFactor of their gap: the boost B within the window
// W, halving every W beyond, or the fixed factor if larger. For two clusters
// it should be the average over all pairs of their items, not the factor of
// their closest pair: the gap between two clusters' spans is 0 whenever the
// spans overlap, even when most of their pairs are hours apart, and B can be
// sixteen. So while a boost is in force each cluster keeps the number of its
// items with known times in each slot of time W long (slot ⌊t/W⌋), as a list
// sorted by slot, and the average is taken over pairs of slots: two items k
// slots apart are taken as k·W apart. Pairs more than slotReach slots apart,
// and pairs with an item of unknown time, get the fixed factor of the gap
// between the clusters' spans, as without a boost. A cluster holds no more
// slots than items, and a story that is a burst in time holds few, so the
// cost is that of the slot pairs within reach.

// slotReach is the distance in slots beyond which the boost is ignored: it
// has halved slotReach−1 times.
const slotReach = 12

// slot counts the items of a cluster published in one window-long slot.
type slot struct {
	at int64 // ⌊time / window⌋
	n  int32
}

// slotOf returns the slot ⌊t/w⌋ of time t for a window of w > 0 seconds.
func slotOf(t, w int64) int64 {
	s := t / w
	if t%w != 0 && t < 0 {
		s--
	}
	return s
}

// mergeSlots returns the slots of a and b, merged in order, counts of the
// same slot added. It allocates the result.
func mergeSlots(a, b []slot) []slot {
	out := make([]slot, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].at < b[j].at:
			out = append(out, a[i])
			i++
		case a[i].at > b[j].at:
			out = append(out, b[j])
			j++
		default:
			out = append(out, slot{a[i].at, a[i].n + b[j].n})
			i, j = i+1, j+1
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// slotPairs returns, over the pairs of items of a and b at most slotReach
// slots apart, the sum of factor(k) for their distance k in slots, and the
// number of those pairs.
func slotPairs(a, b []slot, factor func(k int64) float64) (sum, pairs float64) {
	lo := 0
	for _, x := range a {
		for lo < len(b) && b[lo].at < x.at-slotReach {
			lo++
		}
		for _, y := range b[lo:] {
			if y.at > x.at+slotReach {
				break
			}
			n := float64(x.n) * float64(y.n)
			sum += n * factor(max(x.at-y.at, y.at-x.at))
			pairs += n
		}
	}
	return sum, pairs
}
