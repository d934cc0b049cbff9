package shingle

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// corpus is a planted test corpus: random documents and near copies of some
// of them, as shingle sets and signatures.
type corpus struct {
	sets [][]uint64
	sigs *Signatures
}

// plantedCorpus makes n documents of 50 to 400 random shingles; every fifth
// document from the tenth on is a copy of an earlier one with 0 to 10% of its
// shingles replaced, so that pairs of Jaccard 0.8 to 1 are planted.
func plantedCorpus(n, numPerm int) corpus {
	r := rand.New(rand.NewPCG(21, 22))
	s := NewSketcher(numPerm)
	c := corpus{sets: make([][]uint64, n), sigs: NewSignatures(n, numPerm)}
	for i := range n {
		var set []uint64
		if i >= 10 && i%5 == 0 {
			set = slices.Clone(c.sets[r.IntN(i)])
			for range r.IntN(len(set)/10 + 1) {
				set[r.IntN(len(set))] = r.Uint64()
			}
		} else {
			for range 50 + r.IntN(351) {
				set = append(set, r.Uint64())
			}
		}
		c.sets[i] = Set(set)
		s.Sign(c.sigs.At(i)[:0], c.sets[i])
	}
	return c
}

// TestLSHFindsPlantedPairs checks that every pair of Jaccard ≥ 0.8 is a
// candidate when the bands are tuned to 0.5, where 1-(1-0.8^r)^b is about
// 1 - 5·10^-5, and that few other pairs are.
func TestLSHFindsPlantedPairs(t *testing.T) {
	const n, numPerm = 2000, 128
	c := plantedCorpus(n, numPerm)
	bands, rows := OptimalParams(0.5, numPerm, 0.5, 0.5)
	l := NewLSH(bands, rows)
	l.AddAll(c.sigs, 2)
	pairs, st := l.Candidates(nil, 2)
	found := make(map[Pair]bool)
	for _, p := range pairs {
		found[p] = true
	}
	// Only documents that share a shingle can be similar: find those pairs
	// through an inverted index rather than comparing all n²/2.
	sharing := make(map[Pair]bool)
	index := make(map[uint64][]int32)
	for i, set := range c.sets {
		for _, x := range set {
			for _, j := range index[x] {
				sharing[Pair{j, int32(i)}] = true
			}
			index[x] = append(index[x], int32(i))
		}
	}
	high, low := 0, 0
	for p := range sharing {
		if jac := Jaccard(c.sets[p.A], c.sets[p.B]); jac >= 0.8 {
			high++
			if !found[p] {
				t.Errorf("pair %v of Jaccard %.3f is not a candidate", p, jac)
			}
		}
	}
	for p := range found {
		if Jaccard(c.sets[p.A], c.sets[p.B]) < 0.3 {
			low++
		}
	}
	t.Logf("%d docs, b=%d r=%d: %d candidates, %d planted pairs ≥ 0.8, %d candidates < 0.3; %+v", n, bands, rows, len(pairs), high, low, st)
	if high < 300 {
		t.Errorf("only %d planted pairs; the test corpus is broken", high)
	}
	if low > 10 {
		t.Errorf("%d candidate pairs of Jaccard < 0.3, want at most 10", low)
	}
}

// TestLSHDeterministic checks that the candidates do not depend on the
// number of workers or on the order of Add calls, and come sorted.
func TestLSHDeterministic(t *testing.T) {
	c := plantedCorpus(3000, 64)
	l := NewLSH(16, 4)
	l.AddAll(c.sigs, 1)
	want, _ := l.Candidates(nil, 1)
	if len(want) == 0 {
		t.Fatal("no candidates")
	}
	if !slices.IsSortedFunc(want, comparePairs) {
		t.Error("candidates are not sorted")
	}
	for i := 1; i < len(want); i++ {
		if want[i] == want[i-1] {
			t.Fatalf("candidate %v repeated", want[i])
		}
	}
	for _, p := range want {
		if p.A >= p.B {
			t.Fatalf("candidate %v has A ≥ B", p)
		}
	}
	for _, workers := range []int{2, 3, 7, 0} {
		l := NewLSH(16, 4)
		l.AddAll(c.sigs, workers)
		if got, _ := l.Candidates(nil, workers); !slices.Equal(got, want) {
			t.Errorf("workers=%d: %d candidates differ from workers=1's %d", workers, len(got), len(want))
		}
	}
	shuffled := NewLSH(16, 4)
	order := rand.New(rand.NewPCG(1, 1)).Perm(c.sigs.Len())
	for _, i := range order {
		shuffled.Add(int32(i), c.sigs.At(i))
	}
	if got, _ := shuffled.Candidates([]Pair{{-1, -1}}, 2); !slices.Equal(got[1:], want) || got[0] != (Pair{-1, -1}) {
		t.Errorf("Add in shuffled order, appended to dst: candidates differ")
	}
}

func comparePairs(x, y Pair) int {
	if x.A != y.A {
		return int(x.A) - int(y.A)
	}
	return int(x.B) - int(y.B)
}

// TestLSHBucketCap builds one huge bucket of identical documents among
// unrelated ones, and checks that the cap makes its pairs linear while union
// of the candidates still connects all of it.
func TestLSHBucketCap(t *testing.T) {
	const copies, others = 500, 300
	r := rand.New(rand.NewPCG(9, 9))
	s := NewSketcher(32)
	sigs := NewSignatures(copies+others, 32)
	var same []uint64
	for range 200 {
		same = append(same, r.Uint64())
	}
	var members []int32
	for i := range copies + others {
		set := same
		if i%8 != 0 && len(members) < copies { // copies interleaved with others
			members = append(members, int32(i))
		} else {
			set = nil
			for range 100 {
				set = append(set, r.Uint64())
			}
		}
		s.Sign(sigs.At(i)[:0], set)
	}
	for _, tt := range []struct {
		cap, wantPairs int
	}{
		{16, 2*copies - 3},
		{copies, copies * (copies - 1) / 2},
		{0, 2*copies - 3}, // DefaultBucketCap < copies
	} {
		l := NewLSH(8, 4)
		l.BucketCap = tt.cap
		l.AddAll(sigs, 2)
		pairs, st := l.Candidates(nil, 2)
		if len(pairs) != tt.wantPairs {
			t.Errorf("cap %d: %d candidates, want %d", tt.cap, len(pairs), tt.wantPairs)
		}
		if st.MaxBucket != copies {
			t.Errorf("cap %d: MaxBucket = %d, want %d", tt.cap, st.MaxBucket, copies)
		}
		if capped := tt.cap != copies; capped != (st.CappedBuckets == 8) {
			t.Errorf("cap %d: CappedBuckets = %d", tt.cap, st.CappedBuckets)
		}
		uf := NewUnionFind(sigs.Len())
		for _, p := range pairs {
			uf.Union(p.A, p.B)
		}
		groups := uf.Groups()
		if len(groups) != 1 || !slices.Equal(groups[0], members) {
			t.Errorf("cap %d: groups %v, want one group of the %d copies", tt.cap, len(groups), copies)
		}
	}
}

func TestLSHEmptyAndEdges(t *testing.T) {
	s := NewSketcher(8)
	sigs := NewSignatures(4, 8)
	s.Sign(sigs.At(0)[:0], []uint64{1, 2, 3})
	s.Sign(sigs.At(2)[:0], []uint64{1, 2, 3})
	// Slots 1 and 3 stay empty signatures, which match nothing, even each other.
	l := NewLSH(2, 4)
	l.AddAll(sigs, 1)
	if l.Len() != 2 {
		t.Errorf("Len = %d, want 2 (empty signatures are not added)", l.Len())
	}
	pairs, _ := l.Candidates(nil, 1)
	if !slices.Equal(pairs, []Pair{{0, 2}}) {
		t.Errorf("candidates = %v, want [{0 2}]", pairs)
	}
	if got, st := NewLSH(3, 2).Candidates(nil, 4); len(got) != 0 || st != (Stats{}) {
		t.Errorf("empty index: %v, %+v", got, st)
	}
	for name, f := range map[string]func(){
		"NewLSH(0, 4)":    func() { NewLSH(0, 4) },
		"NewLSH(4, 0)":    func() { NewLSH(4, 0) },
		"Add negative":    func() { l.Add(-1, sigs.At(0)) },
		"Add short":       func() { l.Add(1, sigs.At(0)[:7]) },
		"AddAll short":    func() { NewLSH(3, 3).AddAll(sigs, 1) },
		"NewLSH too many": func() { NewLSH(MaxPerm, 2) },
		"Grow negative":   func() { l.Grow(-1) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s did not panic", name)
				}
			}()
			f()
		}()
	}
}

// TestLSHGrow checks that after Grow(n) the next n documents are added
// without an allocation, and that Grow changes no candidate.
func TestLSHGrow(t *testing.T) {
	s := NewSketcher(8)
	sig := s.Sign(nil, []uint64{1, 2, 3})
	grown, plain := NewLSH(2, 4), NewLSH(2, 4)
	grown.Grow(200)
	next := int32(0)
	add100 := func() {
		for range 100 {
			grown.Add(next, sig)
			next++
		}
	}
	// AllocsPerRun calls add100 twice, once to warm up: 200 documents.
	if a := testing.AllocsPerRun(1, add100); a != 0 {
		t.Errorf("100 calls of Add after Grow: %v allocations, want 0", a)
	}
	for d := range next {
		plain.Add(d, sig)
	}
	got, _ := grown.Candidates(nil, 1)
	want, _ := plain.Candidates(nil, 1)
	if grown.Len() != 200 || !slices.Equal(got, want) {
		t.Errorf("after Grow: %d documents, %d candidates; without: %d, %d", grown.Len(), len(got), plain.Len(), len(want))
	}
}

// TestLSHCandidateRate checks the S-curve empirically: pairs of known
// similarity become candidates at about the rate 1-(1-s^r)^b.
func TestLSHCandidateRate(t *testing.T) {
	const trials, numPerm = 400, 64
	bands, rows := 8, 8
	s := NewSketcher(numPerm)
	r := rand.New(rand.NewPCG(13, 14))
	for _, j := range []float64{0.5, 0.75, 0.9} {
		sigs := NewSignatures(2*trials, numPerm)
		for i := range trials {
			a, b := randomPair(r, 400, j)
			s.Sign(sigs.At(2 * i)[:0], a)
			s.Sign(sigs.At(2*i + 1)[:0], b)
		}
		l := NewLSH(bands, rows)
		l.AddAll(sigs, 2)
		pairs, _ := l.Candidates(nil, 2)
		hits := 0
		for _, p := range pairs {
			if p.A%2 == 0 && p.B == p.A+1 {
				hits++
			}
		}
		rate := float64(hits) / trials
		want := 1 - math.Pow(1-math.Pow(j, float64(rows)), float64(bands))
		if math.Abs(rate-want) > 0.1 {
			t.Errorf("J=%.2f: candidate rate %.3f, want about %.3f", j, rate, want)
		}
	}
}

// TestAddSignedMatchesAddAll checks that signing on demand, into a reused
// buffer, indexes the documents as AddAll does, and that a nil signature
// counts as the empty set's.
func TestAddSignedMatchesAddAll(t *testing.T) {
	const n, numPerm = 3000, 64
	c := plantedCorpus(n, numPerm)
	empty := NewSketcher(numPerm).Sign(nil, nil)
	for i := 7; i < n; i += 97 { // some empty documents
		copy(c.sigs.At(i), empty)
	}
	want := NewLSH(16, 4)
	want.AddAll(c.sigs, 1)
	wantPairs, _ := want.Candidates(nil, 1)
	s := NewSketcher(numPerm)
	for _, workers := range []int{1, 2, 3} {
		l := NewLSH(16, 4)
		l.AddSigned(n, workers, func(w, i int, buf []uint32) []uint32 {
			if w < 0 || w >= workers {
				t.Errorf("worker %d of %d", w, workers)
			}
			if i >= 7 && (i-7)%97 == 0 {
				if i%2 == 0 {
					return nil
				}
				return append(buf[:0], empty...)
			}
			return s.Sign(buf[:0], c.sets[i])
		})
		if l.Len() != want.Len() {
			t.Errorf("workers=%d: %d documents indexed, AddAll %d", workers, l.Len(), want.Len())
		}
		if got, _ := l.Candidates(nil, 2); !slices.Equal(got, wantPairs) {
			t.Errorf("workers=%d: %d candidates differ from AddAll's %d", workers, len(got), len(wantPairs))
		}
	}
}
