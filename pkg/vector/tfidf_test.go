package vector

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// Natural logarithms used below, to 16 digits.
const (
	ln2   = 0.6931471805599453
	ln3   = 1.0986122886681098
	ln4   = 1.3862943611198906
	ln9   = 2.1972245773362196
	ln1_2 = 0.1823215567939546 // ln 1.2
	ln4_5 = 1.5040773967762742 // ln 4.5
)

// threeDocs is a DF over the documents {0, 2}, {2}, {2, 5}.
func threeDocs(spread bool) *DF {
	d := &DF{Spread: spread}
	d.Add([]uint32{0, 2})
	d.Add([]uint32{2})
	d.Add([]uint32{2, 5})
	return d
}

func TestDFAdd(t *testing.T) {
	d := threeDocs(false)
	if d.Docs != 3 {
		t.Errorf("Docs = %d, want 3", d.Docs)
	}
	if want := []uint32{1, 0, 3, 0, 0, 1}; !slices.Equal(d.Counts, want) {
		t.Errorf("Counts = %v, want %v", d.Counts, want)
	}
	d.Add(nil) // a document without terms still counts
	if d.Docs != 4 || len(d.Counts) != 6 {
		t.Errorf("after an empty document: Docs %d, len(Counts) %d, want 4, 6", d.Docs, len(d.Counts))
	}
}

func TestIDF(t *testing.T) {
	const (
		n3  = ln4 + 1       // df 0 of N = 3
		n3a = ln4 - ln2 + 1 // df 1 of N = 3
	)
	prior := &Prior{Docs: 5, Counts: []float64{1, 0, 3.5}}
	tests := []struct {
		name   string
		spread bool
		prior  *Prior
		want   []float64
	}{
		{
			// ln((1+3)/(1+df)) + 1 for df = 1, 0, 3, 0, 0, 1 and 0 beyond Counts.
			name: "batch only",
			want: []float64{n3a, n3, 1, n3, n3, n3a, n3},
		},
		{
			// N = 3 + 5; df = 1+1, 0, 3+3.5, 0, 0, 1 (prior stops at term 2), 0.
			name:  "with a prior",
			prior: prior,
			want:  []float64{ln9 - ln3 + 1, ln9 + 1, ln9 - math.Log(7.5) + 1, ln9 + 1, ln9 + 1, ln9 - ln2 + 1, ln9 + 1},
		},
		{
			// Scaled by 1 − share², share = df / (3 + 1) in the batch: term 2
			// is in every document and keeps 1 − 9/16 = 7/16; terms 0 and 5
			// keep 1 − 1/16 = 15/16.
			name:   "spread",
			spread: true,
			want:   []float64{n3a * 15 / 16, n3, 7.0 / 16, n3, n3, n3a * 15 / 16, n3},
		},
		{
			// The share comes from the batch alone, not from the prior.
			name:   "spread with a prior",
			spread: true,
			prior:  prior,
			want:   []float64{(ln3 + 1) * 15 / 16, ln9 + 1, (ln9 - math.Log(7.5) + 1) * 7 / 16, ln9 + 1, ln9 + 1, (ln4_5 + 1) * 15 / 16, ln9 + 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := threeDocs(tt.spread).IDF(nil, 7, tt.prior)
			if !close64(got, tt.want, 1e-12) {
				t.Errorf("IDF = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestIDFHandValues(t *testing.T) {
	// The same values written out, as a check on the constants above.
	got := threeDocs(false).IDF(nil, 3, nil)
	if want := []float64{1.6931471805599453, 2.386294361119891, 1}; !close64(got, want, 1e-12) {
		t.Errorf("IDF = %v, want %v", got, want)
	}
	got = threeDocs(false).IDF(nil, 3, &Prior{Docs: 5, Counts: []float64{1, 0, 3.5}})
	if want := []float64{2.09861228866811, 3.1972245773362196, 1 + ln1_2}; !close64(got, want, 1e-12) {
		t.Errorf("IDF with prior = %v, want %v", got, want)
	}
	got = threeDocs(true).IDF(nil, 3, nil)
	if want := []float64{1.5873254817749487, 2.386294361119891, 0.4375}; !close64(got, want, 1e-12) {
		t.Errorf("IDF with spread = %v, want %v", got, want)
	}
}

func TestIDFEdgeCases(t *testing.T) {
	// No documents: every idf is ln 1 + 1 = 1, and Spread does not divide by zero.
	var empty DF
	empty.Spread = true
	if got := empty.IDF(nil, 2, nil); !close64(got, []float64{1, 1}, 0) {
		t.Errorf("empty DF: IDF = %v, want [1 1]", got)
	}
	// A prior alone: N = 4, df = 1 → ln(5/2) + 1.
	if got := empty.IDF(nil, 1, &Prior{Docs: 4, Counts: []float64{1}}); !close64(got, []float64{math.Log(2.5) + 1}, 1e-12) {
		t.Errorf("prior only: IDF = %v", got)
	}
	// n = 0, and n smaller than Counts.
	d := threeDocs(false)
	if got := d.IDF(nil, 0, nil); len(got) != 0 {
		t.Errorf("IDF(n=0) = %v", got)
	}
	if got := d.IDF(nil, 1, nil); len(got) != 1 {
		t.Errorf("IDF(n=1) has %d entries", len(got))
	}
	// dst is reused when large enough.
	dst := make([]float64, 10)
	if got := d.IDF(dst, 4, nil); &got[0] != &dst[0] || len(got) != 4 {
		t.Errorf("IDF did not reuse dst (len %d)", len(got))
	}
}

func close64(got, want []float64, tol float64) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if math.Abs(got[i]-want[i]) > tol {
			return false
		}
	}
	return true
}

func close32(got, want []float32, tol float64) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if math.Abs(float64(got[i])-float64(want[i])) > tol {
			return false
		}
	}
	return true
}

func ones(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = 1
	}
	return out
}

func TestWeigh(t *testing.T) {
	sqrt5, sqrt14 := math.Sqrt(5), math.Sqrt(14)
	tests := []struct {
		name        string
		idf         []float64
		maxTerms    int
		counts      []TermCount
		wantTerms   []uint32
		wantWeights []float32
	}{
		{
			// tf 1 → 1, tf e → 1 + ln e = 2; norm √5; sorted by term.
			name:        "sublinear tf and sort",
			idf:         ones(4),
			counts:      []TermCount{{3, 1}, {1, math.E}},
			wantTerms:   []uint32{1, 3},
			wantWeights: []float32{float32(2 / sqrt5), float32(1 / sqrt5)},
		},
		{
			// tf e² → 3, tf below 1 kept as it is: 3, 0.5 → norm √9.25.
			name:        "tf e² and a boosted tf below 1",
			idf:         ones(2),
			counts:      []TermCount{{0, math.E * math.E}, {1, 0.5}},
			wantTerms:   []uint32{0, 1},
			wantWeights: []float32{float32(3 / math.Sqrt(9.25)), float32(0.5 / math.Sqrt(9.25))},
		},
		{
			// 3·1 and 1.5·(1 + ln e) are equal: 1/√2 each.
			name:        "idf scales",
			idf:         []float64{3, 1.5},
			counts:      []TermCount{{0, 1}, {1, math.E}},
			wantTerms:   []uint32{0, 1},
			wantWeights: []float32{float32(1 / math.Sqrt2), float32(1 / math.Sqrt2)},
		},
		{
			name:        "one term is a unit vector",
			idf:         []float64{0, 0, 7.5},
			counts:      []TermCount{{2, 4}},
			wantTerms:   []uint32{2},
			wantWeights: []float32{1},
		},
		{
			// Weights 3, 1, 2, 1: keep 3 and 2, and of the tied 1s term 2.
			name:        "pruning keeps the heaviest, ties to the smaller term",
			idf:         ones(8),
			maxTerms:    3,
			counts:      []TermCount{{5, math.E * math.E}, {4, 1}, {7, math.E}, {2, 1}},
			wantTerms:   []uint32{2, 5, 7},
			wantWeights: []float32{float32(1 / sqrt14), float32(3 / sqrt14), float32(2 / sqrt14)},
		},
		{
			name:        "MaxTerms above the count keeps all",
			idf:         ones(8),
			maxTerms:    5,
			counts:      []TermCount{{6, 1}, {0, 1}},
			wantTerms:   []uint32{0, 6},
			wantWeights: []float32{float32(1 / math.Sqrt2), float32(1 / math.Sqrt2)},
		},
		{
			name:        "empty counts",
			idf:         ones(3),
			counts:      nil,
			wantTerms:   []uint32{},
			wantWeights: []float32{},
		},
		{
			name:        "zero idf everywhere gives an empty vector",
			idf:         []float64{0, 0},
			counts:      []TermCount{{0, 3}, {1, 1}},
			wantTerms:   []uint32{},
			wantWeights: []float32{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wr := &Weigher{IDF: tt.idf, MaxTerms: tt.maxTerms}
			// A dst holding an old vector: its entries must not survive.
			dst := vec([]uint32{0, 1, 2, 3, 4}, []float32{9, 9, 9, 9, 9})
			got := wr.Weigh(dst, tt.counts)
			if !slices.Equal(got.Terms, tt.wantTerms) || !close32(got.Weights, tt.wantWeights, 1e-7) {
				t.Errorf("Weigh = %v %v, want %v %v", got.Terms, got.Weights, tt.wantTerms, tt.wantWeights)
			}
			if len(got.Terms) != len(got.Weights) {
				t.Fatalf("%d terms, %d weights", len(got.Terms), len(got.Weights))
			}
			if len(got.Terms) > 0 {
				if n := Dot(got, got); math.Abs(n-1) > 1e-6 {
					t.Errorf("squared norm %v, want 1", n)
				}
			}
		})
	}
}

// TestWeighOrderIndependent: the order of counts does not change the vector,
// including which of several tied entries pruning keeps.
func TestWeighOrderIndependent(t *testing.T) {
	idf := []float64{1, 2, 1, 1, 3, 1, 1, 2, 1, 1}
	counts := []TermCount{{0, 1}, {1, 2}, {2, 1}, {3, 5}, {4, 1}, {5, 1}, {6, 1}, {7, 3}, {8, 0.5}, {9, 1}}
	for _, maxTerms := range []int{0, 4, 6} {
		wr := &Weigher{IDF: idf, MaxTerms: maxTerms}
		want := wr.Weigh(Vector{}, counts)
		want = Vector{Terms: slices.Clone(want.Terms), Weights: slices.Clone(want.Weights)}
		r := rand.New(rand.NewPCG(1, uint64(maxTerms)))
		for range 20 {
			shuffled := slices.Clone(counts)
			r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			got := wr.Weigh(Vector{}, shuffled)
			if !slices.Equal(got.Terms, want.Terms) || !slices.Equal(got.Weights, want.Weights) {
				t.Fatalf("MaxTerms %d: Weigh(%v) = %v, want %v", maxTerms, shuffled, got, want)
			}
		}
	}
}

// TestWeighPruningHandCase: with MaxTerms 2 over weights 1, 1, 1, 1 (all
// tied), the two smallest terms are kept.
func TestWeighPruningHandCase(t *testing.T) {
	wr := &Weigher{IDF: ones(10), MaxTerms: 2}
	got := wr.Weigh(Vector{}, []TermCount{{9, 1}, {4, 1}, {6, 1}, {3, 1}})
	if !slices.Equal(got.Terms, []uint32{3, 4}) {
		t.Errorf("kept terms %v, want [3 4]", got.Terms)
	}
}

func TestWeighPanicsOnUnknownTerm(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Weigh with a term beyond IDF did not panic")
		}
	}()
	wr := &Weigher{IDF: ones(2)}
	wr.Weigh(Vector{}, []TermCount{{2, 1}})
}

func TestDFMerge(t *testing.T) {
	whole := threeDocs(false)
	var a, b DF
	a.Add([]uint32{0, 2})
	b.Add([]uint32{2})
	b.Add([]uint32{2, 5})
	merged := DF{Counts: make([]uint32, 2)}
	merged.Merge(&a)
	merged.Merge(&b)
	if merged.Docs != whole.Docs || !slices.Equal(merged.Counts, whole.Counts) {
		t.Errorf("merged = %d docs %v, want %d docs %v", merged.Docs, merged.Counts, whole.Docs, whole.Counts)
	}
}
