package vector

// TF-IDF weighting as scikit-learn's TfidfVectorizer does it with
// sublinear_tf and smooth_idf: the weight of term t in a document is
// (1 + ln tf) · idf(t), with idf(t) = ln((1 + N) / (1 + df(t))) + 1, and the
// vector is scaled to unit L2 norm. Here tf may be fractional or boosted (a
// title word may count more than a body word); a boosted tf below 1 is used as
// it is. After weighting, a vector may be pruned to its largest entries, which
// bounds memory and the cost of similarity at a small loss of recall.

import (
	"cmp"
	"math"
	"slices"

	"gonum.org/v1/gonum/floats"
)

// DF counts in how many documents each term occurs.
type DF struct {
	Docs   int      // documents counted
	Counts []uint32 // Counts[t] is the number of documents holding term t
	// Spread scales each IDF by 1 − s², where s is the share of the counted
	// documents holding the term (counting one more document that lacks it),
	// so a term in nearly every document of a small batch weighs little
	// however rare a prior says it is.
	Spread bool
}

// Add counts one document whose distinct terms are terms. It grows Counts as needed.
func (d *DF) Add(terms []uint32) {
	d.Docs++
	for _, t := range terms {
		if int(t) >= len(d.Counts) {
			d.Counts = slices.Grow(d.Counts, int(t)+1-len(d.Counts))[:int(t)+1]
		}
		d.Counts[t]++
	}
}

// Merge adds the documents counted in o to d. Counts are integers, so the
// result does not depend on how documents were split between DFs.
func (d *DF) Merge(o *DF) {
	d.Docs += o.Docs
	if len(o.Counts) > len(d.Counts) {
		d.Counts = slices.Grow(d.Counts, len(o.Counts)-len(d.Counts))[:len(o.Counts)]
	}
	for t, c := range o.Counts {
		d.Counts[t] += c
	}
}

// Prior is a background of pseudo-documents added to the counted ones:
// Docs of them, of which Counts[t] hold term t (fractions allowed).
type Prior struct {
	Docs   float64
	Counts []float64
}

// IDF returns the smoothed inverse document frequencies of the first n terms
// in dst, resized to n: ln((1 + N) / (1 + df)) + 1, where N and df count the
// documents added and, if prior is not nil, the prior's pseudo-documents.
// Terms beyond Counts have document frequency zero.
func (d *DF) IDF(dst []float64, n int, prior *Prior) []float64 {
	dst = slices.Grow(dst[:0], n)[:n]
	docs := float64(d.Docs)
	if prior != nil {
		docs += prior.Docs
	}
	num := math.Log(1 + docs)
	for t := range dst {
		var c float64
		if t < len(d.Counts) {
			c = float64(d.Counts[t])
		}
		if prior != nil && t < len(prior.Counts) {
			c += prior.Counts[t]
		}
		dst[t] = num - math.Log(1+c) + 1
		if d.Spread && t < len(d.Counts) && d.Docs > 0 {
			share := float64(d.Counts[t]) / float64(d.Docs+1)
			dst[t] *= 1 - share*share
		}
	}
	return dst
}

// TermCount is a term with its (possibly boosted) frequency in one document.
type TermCount struct {
	Term  uint32
	Count float64
}

// Weigher turns term counts into unit TF-IDF vectors.
type Weigher struct {
	IDF      []float64 // indexed by term
	MaxTerms int       // keep at most this many largest weights; 0 keeps all
	// Saturation, when positive, replaces the sublinear tf 1 + ln tf by
	// BM25's tf·(k+1)/(tf+k) with k = Saturation; when negative, tf is used
	// as it is (raw counts). 0 keeps the sublinear tf.
	Saturation float64
	w          []float64
	order      []int
	ranked     []ranked
	kept       []float64
}

// ranked is an entry being pruned: its weight, term and index in counts.
type ranked struct {
	w    float64
	term uint32
	i    int32
}

// heavier orders entries by weight, heaviest first, then by term. Weights
// are never NaN, so plain comparisons do (cmp.Compare's NaN handling costs a
// third of the pruning).
func heavier(a, b ranked) int {
	switch {
	case a.w > b.w:
		return -1
	case a.w < b.w:
		return 1
	}
	return cmp.Compare(a.term, b.term)
}

// Weigh appends to dst (reused) the unit TF-IDF vector of counts, pruned to
// MaxTerms entries and sorted by term, and returns it. counts must hold each
// term once; its order does not matter. A document with no counts gives an
// empty vector. It panics if a term is beyond IDF.
func (wr *Weigher) Weigh(dst Vector, counts []TermCount) Vector {
	wr.w = slices.Grow(wr.w[:0], len(counts))[:len(counts)]
	for i, c := range counts {
		tf := c.Count
		switch {
		case wr.Saturation > 0:
			tf = tf * (wr.Saturation + 1) / (tf + wr.Saturation)
		case wr.Saturation == 0 && tf > 1:
			tf = 1 + math.Log(tf)
		}
		wr.w[i] = tf * wr.IDF[c.Term]
	}
	keep := wr.keep(counts)
	wr.kept = pick(wr.kept[:0], wr.w, keep)
	norm := floats.Norm(wr.kept, 2)
	dst.Terms, dst.Weights = dst.Terms[:0], dst.Weights[:0]
	if norm == 0 {
		return dst
	}
	slices.SortFunc(keep, func(a, b int) int { return cmp.Compare(counts[a].Term, counts[b].Term) })
	for _, i := range keep {
		dst.Terms = append(dst.Terms, counts[i].Term)
		dst.Weights = append(dst.Weights, float32(wr.w[i]/norm))
	}
	return dst
}

// keep returns the indices of the entries kept after pruning.
func (wr *Weigher) keep(counts []TermCount) []int {
	wr.order = wr.order[:0]
	for i := range counts {
		wr.order = append(wr.order, i)
	}
	if wr.MaxTerms <= 0 || len(counts) <= wr.MaxTerms {
		return wr.order
	}
	// Selecting over values that carry their weight and term keeps the
	// comparisons free of lookups through the indices.
	wr.ranked = wr.ranked[:0]
	for i, c := range counts {
		wr.ranked = append(wr.ranked, ranked{wr.w[i], c.Term, int32(i)})
	}
	SelectTop(wr.ranked, wr.MaxTerms, heavier)
	for k, r := range wr.ranked[:wr.MaxTerms] {
		wr.order[k] = int(r.i)
	}
	return wr.order[:wr.MaxTerms]
}

// pick appends w[i] for i in idx to dst.
func pick(dst, w []float64, idx []int) []float64 {
	for _, i := range idx {
		dst = append(dst, w[i])
	}
	return dst
}
