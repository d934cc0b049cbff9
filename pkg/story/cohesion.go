package story

// The cohesion rule. Average linkage merges two clusters when the average
// similarity of their pairs of items reaches the threshold, however tight
// each cluster is on its own. Two events of one kind (two pirate attacks
// off Somalia, two earthquakes, two phone calls of one president) give two
// tight clusters that share the vocabulary of their kind, and their average
// can reach the threshold while it stays well below the averages within
// each. So two clusters of two or more items each merge only when their
// average similarity is at least Params.Cohesion times the lower of their
// internal averages. A lone item has no internal average and is never held
// back.
//
// The internal average is of plain cosines, counted as clusters merge
// (inner: the sum over ordered pairs within a cluster, one dot product of
// the two sums per merge). The average between the clusters is the one the
// merge queue holds, scaled by time. So when the batch's time scale gives
// pairs close in time a boost (timescale.go), the boost counts as evidence
// for the merge, and bursts of one story a few windows apart, each tight
// because its items were boosted together, are not held apart by it.
//
// A merge held back leaves the queue, and each of its clusters keeps it
// (held). When either cluster joins another, its held merges go back into
// the queue as they were, now stale, so the pair is compared again as the
// clusters are then. The old average bounds the new one as every stale
// entry does (sumlinkage.go), so without publication times the result is
// exact greedy average linkage over the nominated pairs and the merges the
// rule allows at each step (TestCohesionMatchesDefinition); with them, the
// caveat of sumlinkage.go applies as without the rule. A released merge
// carries its old average, usually above the queue's head, so it is
// recomputed at once rather than lazily: a pair held back is compared again
// after each merge into either cluster. On the corpora measured (README,
// the cohesion rule) that cost no time that could be told from noise.
//
// Continuation of saved stories (pkg/pipeline/statematch.go) does not
// apply the rule. Its "cohesion" of a story, the norm of the mean of its
// unit vectors, is another quantity of the same family: the internal
// average of n unit vectors with mean m is (n·|m|² − 1)/(n − 1).

// cohere reports whether live clusters a and b, whose average similarity as
// the queue holds it is avg, may merge under Params.Cohesion. It panics if
// the rule is off (l.inner is nil) and both clusters have two or more items.
func (l *linker) cohere(a, b int32, avg float64) bool {
	if l.size[a] < 2 || l.size[b] < 2 {
		return true
	}
	return avg >= l.p.Cohesion*min(l.innerAvg(a), l.innerAvg(b))
}

// innerAvg returns the average cosine of the pairs of items of live cluster
// c. It is NaN for a single item, so callers check the size first.
func (l *linker) innerAvg(c int32) float64 {
	n := float64(l.size[c])
	return l.inner[c] / (n * (n - 1))
}

// hold keeps merge m, which the rule held back, with both of its clusters,
// appending to their lists of held merges.
func (l *linker) hold(m merge) {
	l.holds++
	l.held[m.a] = append(l.held[m.a], m)
	l.held[m.b] = append(l.held[m.b], m)
}

// release pushes onto h the merges held by clusters a and b, which have just
// joined, and forgets them. A merge also held by its other cluster is
// pushed again if that cluster joins later; it is stale by then and
// resolves to the clusters as they are.
func (l *linker) release(h *mergeHeap, a, b int32) {
	for _, c := range [2]int32{a, b} {
		for _, m := range l.held[c] {
			h.push(m)
		}
		l.held[c] = nil
	}
}
