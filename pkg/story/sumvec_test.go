package story

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// randomSum returns a sumVec of n distinct terms below span.
func randomSum(r *rand.Rand, n, span int) sumVec {
	seen := map[uint32]bool{}
	var s sumVec
	for len(s.terms) < n {
		t := uint32(r.IntN(span))
		if !seen[t] {
			seen[t] = true
			s.terms = append(s.terms, t)
		}
	}
	slices.Sort(s.terms)
	for range s.terms {
		s.weights = append(s.weights, r.Float64())
	}
	return s
}

func toMap(s sumVec) map[uint32]float64 {
	m := map[uint32]float64{}
	for k, t := range s.terms {
		m[t] += s.weights[k]
	}
	return m
}

func TestSumVecAdd(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	tests := []struct {
		name         string
		na, nb, span int
		subset       bool // b's terms all in a: the in-place path
		wantInPlace  bool
	}{
		{"disjoint-ish", 50, 50, 1000, false, false},
		{"short into long, new terms", 500, 10, 100000, false, false},
		{"short into long, all present", 500, 10, 1000, true, true},
		{"equal length, all present", 30, 30, 1000, true, true},
		{"empty into long", 40, 0, 100, false, true},
	}
	for _, tt := range tests {
		a := randomSum(r, tt.na, tt.span)
		var b sumVec
		if tt.subset {
			for k := range a.terms {
				if len(b.terms) < tt.nb && (k%3 == 0 || tt.na == tt.nb) {
					b.terms = append(b.terms, a.terms[k])
					b.weights = append(b.weights, r.Float64())
				}
			}
		} else {
			b = randomSum(r, tt.nb, tt.span)
		}
		want := toMap(a)
		for k, term := range b.terms {
			want[term] += b.weights[k]
		}
		inPlace := a.addInPlace(&sumVec{terms: b.terms, weights: b.weights})
		if inPlace {
			for k, term := range b.terms { // undo, to test add as a whole
				i, _ := slices.BinarySearch(a.terms, term)
				a.weights[i] -= b.weights[k]
			}
		}
		if inPlace != tt.wantInPlace {
			t.Errorf("%s: addInPlace = %v, want %v", tt.name, inPlace, tt.wantInPlace)
		}
		var scratch sumVec
		a.add(&b, &scratch)
		if !slices.IsSorted(a.terms) || len(a.terms) != len(want) {
			t.Fatalf("%s: terms not sorted or wrong count: %d, want %d", tt.name, len(a.terms), len(want))
		}
		for k, term := range a.terms {
			if d := a.weights[k] - want[term]; d > 1e-12 || d < -1e-12 {
				t.Errorf("%s: term %d weight %v, want %v", tt.name, term, a.weights[k], want[term])
			}
		}
	}
}

func TestSearchDotEqualsMergeDot(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		long := randomSum(r, 1+r.IntN(2000), 5000)
		short := randomSum(r, r.IntN(80), 5000)
		var naive float64
		m := toMap(long)
		for k, term := range short.terms {
			naive += m[term] * short.weights[k]
		}
		md, sd := mergeDot(&long, &short), searchDot(&long, &short)
		if md != sd {
			t.Fatalf("searchDot %v != mergeDot %v (bit for bit)", sd, md)
		}
		if d := md - naive; d > 1e-9 || d < -1e-9 {
			t.Fatalf("mergeDot %v, naive %v", md, naive)
		}
	}
}
