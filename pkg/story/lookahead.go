package story

// Computing similarities ahead of their turn, on two cores. Sum linkage pops
// merges one at a time; between two joins it often pops a run of stale
// entries, each needing a similarity (a dot product of cluster sums) that
// only reads the linker. When a stale entry needs one, the lookahead takes
// the next entries off the queue as well (up to aheadMax, or aheadWork
// similarities), computes the similarities of the stale ones as the clusters
// are now, on two goroutines when the batch is worth it, and puts the
// entries back in front of the queue. A stale entry that resolves to a
// cluster of a current entry taken before it is left alone: that join will
// usually come first and change the cluster (unless the cohesion rule holds
// it back, cohesion.go; the stale entry is then computed at its turn).
// Linkage then pops the entries in the order it would have anyway, each
// interleaved as before with the entries it pushes, and uses a precomputed
// similarity only if the entry still resolves to the same two clusters at
// the same versions. A cluster at a version has fixed members and a fixed
// sum, so that similarity is the one linkage would compute at the entry's
// turn, bit for bit; if a join came first (an entry linkage pushed may be
// the next merge), the work is wasted and it computes again. So the sequence of merges, and the labels, are those of
// one-at-a-time linkage whatever the number of workers, with or without
// times; nothing relies on stale entries bounding the true averages.
// At 1M, 2.52M similarities in 79k batches, 401 wasted (linker.computed
// against linker.dots, printed by a build made for it).

import (
	"math"
	"runtime"
	"slices"
	"sync/atomic"
	"time"
)

const (
	aheadMax  = 128 // entries a batch takes off the queue at most
	aheadWork = 32  // similarities a batch computes at most
	spinFor   = 200 * time.Microsecond
)

// parallelCost is the estimated steps (dotCost) below which a batch stays on
// one goroutine: handing it over would cost more than it saves.
const parallelCost = 800

// pending is a merge taken off the queue ahead of its turn, with the
// similarity computed for the pair of clusters it resolved to, if any.
type pending struct {
	m      merge
	a, b   int32 // the pair sim is for; a < 0 when none
	va, vb uint32
	sim    float64
	w      int32 // the pair's index in the batch's work while it is computed
}

// simFor returns the similarity precomputed for live clusters a < b at their
// current versions, if p (which may be nil) has it.
func (p *pending) simFor(l *linker, a, b int32) (float64, bool) {
	if p == nil || p.a != a || p.b != b || p.va != l.ver[a] || p.vb != l.ver[b] {
		return 0, false
	}
	return p.sim, true
}

// pair is a similarity to compute.
type pair struct {
	a, b int32
	cost int32 // dotCost
	sim  float64
}

// lookahead holds the merges taken off the queue ahead of their turn.
type lookahead struct {
	l       *linker
	q       *mergeQueue
	buf     []pending // buf[next:] come before everything in q but what q.h gains
	next    int
	spare   []pending
	work    []pair
	order   []int32 // work's indices, costliest first
	joining []int32 // clusters of the current entries in a batch
	h       *helper // nil on one worker
	minCost int     // estimated steps from which a batch is shared with h
}

// newLookahead returns a lookahead on q for l, sharing batches of an
// estimated cost of minCost steps or more with a helper goroutine when
// workers > 1.
func newLookahead(l *linker, q *mergeQueue, workers, minCost int) *lookahead {
	ah := &lookahead{l: l, q: q, minCost: minCost}
	if workers > 1 && runtime.GOMAXPROCS(0) > 1 {
		ah.h = startHelper(l)
	}
	return ah
}

// close stops the helper goroutine.
func (ah *lookahead) close() {
	if ah.h != nil {
		ah.h.stop()
	}
}

// len returns the number of merges queued, ahead or in the queue.
func (ah *lookahead) len() int { return len(ah.buf) - ah.next + ah.q.len() }

// pop removes and returns the first merge, exactly as the queue alone would
// have, and its precomputation if it was taken ahead (nil otherwise; valid
// until the next batch).
func (ah *lookahead) pop() (merge, *pending) {
	if ah.next < len(ah.buf) {
		if h := ah.q.h; h.Len() > 0 && before(h[0], ah.buf[ah.next].m) {
			return ah.q.h.pop(), nil
		}
		ah.next++
		return ah.buf[ah.next-1].m, &ah.buf[ah.next-1]
	}
	return ah.q.pop(), nil
}

// batch returns the similarity of live clusters a < b, computing with it
// those of the stale entries that follow in the queue up to the first
// current one.
func (ah *lookahead) batch(a, b int32) float64 {
	l := ah.l
	cost := l.dotCost(a, b)
	ah.work = append(ah.work[:0], pair{a: a, b: b, cost: int32(min(cost, math.MaxInt32))})
	taken := ah.spare[:0]
	ah.joining = ah.joining[:0]
	for len(taken) < aheadMax && len(ah.work) < aheadWork && ah.len() > 0 {
		m, pre := ah.pop()
		e := pending{m: m, a: -1}
		if pre != nil {
			e = *pre
		}
		e.w = -1
		x, y := l.find(m.a), l.find(m.b)
		if x == y {
			taken = append(taken, e)
			continue
		}
		if x == m.a && y == m.b && l.ver[x] == m.va && l.ver[y] == m.vb {
			taken = append(taken, e)
			ah.joining = append(ah.joining, x, y)
			continue
		}
		x, y = min(x, y), max(x, y)
		if _, ok := e.simFor(l, x, y); ok || l.remembers(x, y) || slices.Contains(ah.joining, x) || slices.Contains(ah.joining, y) {
			taken = append(taken, e)
			continue
		}
		e.a, e.b, e.va, e.vb = x, y, l.ver[x], l.ver[y]
		e.w = -1
		for k, p := range ah.work {
			if p.a == x && p.b == y {
				e.w = int32(k)
				break
			}
		}
		if e.w < 0 {
			e.w = int32(len(ah.work))
			c := l.dotCost(x, y)
			ah.work = append(ah.work, pair{a: x, b: y, cost: int32(min(c, math.MaxInt32))})
			cost += c
		}
		taken = append(taken, e)
	}
	ah.compute(cost)
	for k := range taken {
		if w := taken[k].w; w >= 0 {
			taken[k].sim = ah.work[w].sim
		}
	}
	taken = append(taken, ah.buf[ah.next:]...)
	ah.spare, ah.buf, ah.next = ah.buf[:0], taken, 0
	return ah.work[0].sim
}

// compute computes the similarities of ah.work, whose estimated cost is cost.
func (ah *lookahead) compute(cost int) {
	l := ah.l
	l.computed += len(ah.work)
	if ah.h == nil || cost < ah.minCost || len(ah.work) < 2 {
		for k := range ah.work {
			p := &ah.work[k]
			p.sim = l.similarity(p.a, p.b, &l.tmpA, &l.tmpB)
		}
		return
	}
	// The costliest first, so that neither goroutine is left with a long
	// one at the end.
	ah.order = ah.order[:0]
	for k := range ah.work {
		ah.order = append(ah.order, int32(k))
	}
	slices.SortFunc(ah.order, func(x, y int32) int { return int(ah.work[y].cost) - int(ah.work[x].cost) })
	ah.h.run(ah.work, ah.order, &l.tmpA, &l.tmpB)
}

// dotCost estimates the steps of the dot product of live clusters a and b.
func (l *linker) dotCost(a, b int32) int {
	na, nb := l.nnz(a), l.nnz(b)
	if na < nb {
		na, nb = nb, na
	}
	if na > 8*nb {
		return nb * 8
	}
	return na + nb
}

// helper is a goroutine that computes similarities with the linkage
// goroutine. It spins for a while after each batch, since the next one
// usually follows within microseconds, then sleeps until woken.
type helper struct {
	l        *linker
	job      atomic.Pointer[job]
	inflight atomic.Int32 // 1 while the helper may be reading a job
	sleeping atomic.Bool
	wake     chan struct{}
	done     chan struct{}
	quit     atomic.Bool
}

// job is one batch of similarities; next counts the claimed pairs.
type job struct {
	work  []pair
	order []int32 // the order to claim work in
	next  atomic.Int64
}

func startHelper(l *linker) *helper {
	h := &helper{l: l, wake: make(chan struct{}, 1), done: make(chan struct{})}
	go h.loop()
	return h
}

// run computes the similarities of work on this goroutine and the helper,
// returning when all are done and the helper no longer reads the linker.
func (h *helper) run(work []pair, order []int32, ta, tb *sumVec) {
	j := &job{work: work, order: order}
	h.job.Store(j)
	if h.sleeping.Load() && h.sleeping.CompareAndSwap(true, false) {
		h.wake <- struct{}{}
	}
	h.claim(j, ta, tb)
	for h.inflight.Load() != 0 {
		runtime.Gosched()
	}
}

// claim computes the pairs of j not yet claimed.
func (h *helper) claim(j *job, ta, tb *sumVec) {
	for {
		k := int(j.next.Add(1) - 1)
		if k >= len(j.order) {
			return
		}
		p := &j.work[j.order[k]]
		p.sim = h.l.similarity(p.a, p.b, ta, tb)
	}
}

func (h *helper) loop() {
	defer close(h.done)
	var ta, tb sumVec
	var last *job
	for {
		j := h.job.Load()
		if j == last {
			start := time.Now()
			for spins := 0; j == last; spins++ {
				if h.quit.Load() {
					return
				}
				if spins%64 == 63 && time.Since(start) > spinFor {
					h.sleeping.Store(true)
					if j = h.job.Load(); j != last || h.quit.Load() {
						if !h.sleeping.CompareAndSwap(true, false) {
							<-h.wake
						}
					} else {
						<-h.wake
					}
					start, spins = time.Now(), 0
				}
				j = h.job.Load()
			}
			continue
		}
		last = j
		h.inflight.Store(1)
		h.claim(j, &ta, &tb)
		h.inflight.Store(0)
	}
}

// stop ends the helper goroutine.
func (h *helper) stop() {
	h.quit.Store(true)
	if h.sleeping.CompareAndSwap(true, false) {
		h.wake <- struct{}{}
	}
	<-h.done
}
