package story

// The boost of a batch's time scale between two clusters. For two items the
// boost is B within the window W, halving every W beyond (Params.gapFactor).
// For two clusters it should be the average over all pairs of their items,
// not the boost of their closest pair: the gap between two clusters' spans is
// 0 whenever the spans overlap, even when most of their pairs are hours
// apart, and B can be ten. So while a boost is in force each cluster keeps
// the number of its items in each slot of time W long, as a list sorted by
// slot, and the average is taken over pairs of slots: two items in slots k
// apart are taken as k·W apart, so their boost is B for k ≤ 1 and
// B·2^−(k−1) beyond. Slots more than slotReach apart add nothing. A cluster
// holds no more slots than items, and a story that is a burst in time holds
// few, so the cost is that of the slot pairs within reach.

import "math"

// slotReach is the distance in slots beyond which the boost is ignored: it
// has halved slotReach−1 times.
const slotReach = 12

// slot counts the items of a cluster published in one window-long slot.
type slot struct {
	at int64 // time / window
	n  int32
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

// slotPairs returns the sum, over pairs of items of a and b, of the boost's
// halving for the distance of their slots: 1 within one slot, 2^−(k−1) at k
// slots.
func slotPairs(a, b []slot) float64 {
	var sum float64
	lo := 0
	for _, x := range a {
		for lo < len(b) && b[lo].at < x.at-slotReach {
			lo++
		}
		for _, y := range b[lo:] {
			if y.at > x.at+slotReach {
				break
			}
			k := max(x.at-y.at, y.at-x.at)
			f := 1.0
			if k > 1 {
				f = math.Exp2(-float64(k - 1))
			}
			sum += float64(x.n) * float64(y.n) * f
		}
	}
	return sum
}
