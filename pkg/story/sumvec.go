package story

// Cluster sum vectors. A cluster of unit vectors is summarised by their sum
// S: the average cosine over all pairs across clusters A and B is
// S_A·S_B / (|A|·|B|). Sums are kept as sorted sparse vectors in float64.
// Folding a small cluster into a large one usually adds no new terms (the
// members of a story share their vocabulary), so join first tries to add in
// place, finding each term by binary search, and merges the two sorted lists
// only when a term is new. A dot product of a short vector with a long one
// finds the short one's terms in the long one by binary search, so the many
// comparisons of a growing story with single articles cost about the length
// of the article, not of the story. Either way the shared terms are added in
// increasing term order, so the sum is the same bit for bit.

import (
	"slices"

	"github.com/newsclust/newsclust/pkg/vector"
)

// sumVec is a sparse vector with float64 weights and strictly increasing terms.
type sumVec struct {
	terms   []uint32
	weights []float64
}

// fromRow returns v as a sumVec, copying it.
func fromRow(v vector.Vector) sumVec {
	s := sumVec{terms: slices.Clone(v.Terms), weights: make([]float64, len(v.Weights))}
	for k, w := range v.Weights {
		s.weights[k] = float64(w)
	}
	return s
}

// add adds o to s. scratch is reused for the merged lists and returned.
func (s *sumVec) add(o *sumVec, scratch *sumVec) {
	if s.addInPlace(o) {
		return
	}
	scratch.terms, scratch.weights = scratch.terms[:0], scratch.weights[:0]
	i, j := 0, 0
	for i < len(s.terms) || j < len(o.terms) {
		switch {
		case j == len(o.terms) || i < len(s.terms) && s.terms[i] < o.terms[j]:
			scratch.terms = append(scratch.terms, s.terms[i])
			scratch.weights = append(scratch.weights, s.weights[i])
			i++
		case i == len(s.terms) || o.terms[j] < s.terms[i]:
			scratch.terms = append(scratch.terms, o.terms[j])
			scratch.weights = append(scratch.weights, o.weights[j])
			j++
		default:
			scratch.terms = append(scratch.terms, s.terms[i])
			scratch.weights = append(scratch.weights, s.weights[i]+o.weights[j])
			i++
			j++
		}
	}
	s.terms, scratch.terms = scratch.terms, s.terms
	s.weights, scratch.weights = scratch.weights, s.weights
}

// addInPlace adds o to s when every term of o is already in s, and reports
// whether it did. It changes nothing otherwise.
func (s *sumVec) addInPlace(o *sumVec) bool {
	if len(o.terms) > len(s.terms) || len(o.terms)*8 > len(s.terms) && len(s.terms) > 64 {
		return false
	}
	lo := 0
	for _, t := range o.terms {
		k, ok := slices.BinarySearch(s.terms[lo:], t)
		if !ok {
			return false
		}
		lo += k + 1
	}
	lo = 0
	for j, t := range o.terms {
		k, _ := slices.BinarySearch(s.terms[lo:], t)
		lo += k
		s.weights[lo] += o.weights[j]
		lo++
	}
	return true
}

// mergeDot returns the dot product of a and b by merging their sorted terms.
func mergeDot(a, b *sumVec) float64 {
	var sum float64
	i, j := 0, 0
	for i < len(a.terms) && j < len(b.terms) {
		ta, tb := a.terms[i], b.terms[j]
		switch {
		case ta == tb:
			sum += a.weights[i] * b.weights[j]
			i++
			j++
		case ta < tb:
			i++
		default:
			j++
		}
	}
	return sum
}

// searchDot returns the dot product of long and short, finding each term of
// short in long by binary search: for a short vector against a long one,
// len(short)·log(len(long)) steps instead of len(long).
func searchDot(long, short *sumVec) float64 {
	var sum float64
	lo := 0
	for k, t := range short.terms {
		i, ok := slices.BinarySearch(long.terms[lo:], t)
		lo += i
		if ok {
			sum += long.weights[lo] * short.weights[k]
			lo++
		}
	}
	return sum
}
