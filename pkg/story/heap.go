package story

// A typed 4-ary heap of merges for average linkage. container/heap goes
// through an interface for every comparison and boxes every popped value;
// with tens of millions of candidate merges that was a fifth of the linkage
// time. Four children per node halve the depth of a binary heap, and the
// four sit next to each other in memory, so a pop on a heap far larger than
// the cache misses it half as often. mergeHeap.Less is a total order
// (entries that compare equal are equal), so the sequence of pops is the one
// any correct heap gives, container/heap's included.

// arity is the number of children of a node.
const arity = 4

// init establishes the heap order.
func (h mergeHeap) init() {
	for i := (len(h) - 2) / arity; i >= 0; i-- {
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
		parent := (i - 1) / arity
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
		first := arity*i + 1
		if first >= n {
			return
		}
		least := first
		for c := first + 1; c < min(first+arity, n); c++ {
			if h.Less(c, least) {
				least = c
			}
		}
		if !h.Less(least, i) {
			return
		}
		h[i], h[least] = h[least], h[i]
		i = least
	}
}
