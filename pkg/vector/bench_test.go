package vector

// Benchmarks of TF-IDF vector building: document frequencies, weighting with
// pruning, and the sparse dot product that story similarity is made of. The
// documents are synthetic term counts with a Zipf distribution of terms,
// about 250 distinct terms each (a median article after analysis).

import (
	"math/rand/v2"
	"testing"
)

const (
	benchDocs  = 1000
	benchVocab = 20000
	benchTerms = 250
)

// benchCounts returns n documents of term counts over a Zipf vocabulary.
func benchCounts(n int) [][]TermCount {
	r := rand.New(rand.NewPCG(1, 2))
	z := rand.NewZipf(r, 1.05, 4, benchVocab-1)
	out := make([][]TermCount, n)
	for i := range out {
		pos := map[uint32]int{}
		for len(pos) < benchTerms {
			t := uint32(z.Uint64())
			if p, ok := pos[t]; ok {
				out[i][p].Count++
				continue
			}
			pos[t] = len(out[i])
			out[i] = append(out[i], TermCount{Term: t, Count: 1})
		}
	}
	return out
}

func benchIDF(docs [][]TermCount) []float64 {
	var df DF
	var terms []uint32
	for _, d := range docs {
		terms = terms[:0]
		for _, c := range d {
			terms = append(terms, c.Term)
		}
		df.Add(terms)
	}
	return df.IDF(nil, benchVocab, nil)
}

// BenchmarkDF counts document frequencies and computes the IDF.
func BenchmarkDF(b *testing.B) {
	docs := benchCounts(benchDocs)
	b.ReportAllocs()
	for b.Loop() {
		benchIDF(docs)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs)), "ns/doc")
}

// BenchmarkWeigh builds pruned unit TF-IDF vectors (64 terms) from counts.
func BenchmarkWeigh(b *testing.B) {
	docs := benchCounts(benchDocs)
	wr := Weigher{IDF: benchIDF(docs), MaxTerms: 64}
	var v Vector
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			v = wr.Weigh(v, d)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs)), "ns/doc")
}

// BenchmarkDot computes the cosine of pairs of 64-term vectors.
func BenchmarkDot(b *testing.B) {
	docs := benchCounts(200)
	wr := Weigher{IDF: benchIDF(docs), MaxTerms: 64}
	var rows Rows
	for _, d := range docs {
		rows.Append(wr.Weigh(Vector{}, d))
	}
	var sum float64
	b.ReportAllocs()
	for b.Loop() {
		for i := 1; i < rows.Len(); i++ {
			sum += Dot(rows.Row(i-1), rows.Row(i))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*(rows.Len()-1)), "ns/pair")
	_ = sum
}
