package story

// A typed binary heap of merges for average linkage. container/heap goes
// through an interface for every comparison and boxes every popped value;
// with tens of millions of candidate merges that was a fifth of the linkage
// time. These methods order merges by mergeHeap.Less exactly as
// container/heap does: distinct live entries never compare equal, so the
// sequence of merges is the same.

// init establishes the heap order.
func (h mergeHeap) init() {
	for i := len(h)/2 - 1; i >= 0; i-- {
		h.down(i)
	}
}

// push adds m.
func (h *mergeHeap) push(m merge) {
	*h = append(*h, m)
	h.up(len(*h) - 1)
}

// pop removes and returns the first merge. The heap must not be empty.
func (h *mergeHeap) pop() merge {
	old := *h
	n := len(old) - 1
	top := old[0]
	old[0] = old[n]
	*h = old[:n]
	h.down(0)
	return top
}

func (h mergeHeap) up(i int) {
	for i > 0 {
		parent := (i - 1) / 2
		if !h.Less(i, parent) {
			return
		}
		h[i], h[parent] = h[parent], h[i]
		i = parent
	}
}

func (h mergeHeap) down(i int) {
	n := len(h)
	for {
		least := 2*i + 1
		if least >= n {
			return
		}
		if r := least + 1; r < n && h.Less(r, least) {
			least = r
		}
		if !h.Less(least, i) {
			return
		}
		h[i], h[least] = h[least], h[i]
		i = least
	}
}
