// Package vector holds sparse TF-IDF vectors: document frequencies, weights,
// L2 normalisation and cosine similarity.
//
// A corpus of a million articles must fit in memory, so vectors are sparse
// (sorted term ids with float32 weights) and stored row after row in one
// Rows arena instead of a million small slices. Weights are computed in
// float64 with gonum's floats package and stored as float32; similarities are
// accumulated in float64. Term ids must be ordered the same way on every run
// (for example by rank in the lexical order of the stems) so that sums are
// taken in the same order and results are identical from run to run.
package vector

import "slices"

// Vector is a sparse vector: strictly increasing term ids and their weights.
// Terms and Weights have the same length.
type Vector struct {
	Terms   []uint32
	Weights []float32
}

// Len returns the number of non-zero entries.
func (v Vector) Len() int { return len(v.Terms) }

// Dot returns the dot product of a and b by merging their sorted terms.
// It does not allocate.
func Dot(a, b Vector) float64 {
	var sum float64
	i, j := 0, 0
	for i < len(a.Terms) && j < len(b.Terms) {
		ta, tb := a.Terms[i], b.Terms[j]
		switch {
		case ta == tb:
			sum += float64(a.Weights[i]) * float64(b.Weights[j])
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

// Rows stores many sparse vectors back to back.
type Rows struct {
	ends    []int // row i is entries [ends[i-1], ends[i])
	terms   []uint32
	weights []float32
}

// Append adds v as the next row. It copies v.
func (r *Rows) Append(v Vector) {
	r.terms = append(r.terms, v.Terms...)
	r.weights = append(r.weights, v.Weights...)
	r.ends = append(r.ends, len(r.terms))
}

// Grow makes room for rows more rows holding entries more entries in all, so
// that as many appends do not reallocate. It allocates at most once per slice.
func (r *Rows) Grow(rows, entries int) {
	r.ends = slices.Grow(r.ends, rows)
	r.terms = slices.Grow(r.terms, entries)
	r.weights = slices.Grow(r.weights, entries)
}

// Len returns the number of rows.
func (r *Rows) Len() int { return len(r.ends) }

// Row returns row i, sharing the arena's memory. It panics if i is out of range.
func (r *Rows) Row(i int) Vector {
	start := 0
	if i > 0 {
		start = r.ends[i-1]
	}
	end := r.ends[i]
	return Vector{Terms: r.terms[start:end:end], Weights: r.weights[start:end:end]}
}

// Set stores v as row i, copying v. Rows must be
// set in order 0, 1, 2, ...; it panics otherwise.
func (r *Rows) Set(i int, v Vector) {
	if i != len(r.ends) {
		panic("vector: Rows.Set out of order")
	}
	r.Append(v)
}
