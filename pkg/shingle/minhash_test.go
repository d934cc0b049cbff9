package shingle

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// randomPair returns two sets with a union of u random values and an
// intersection of round(j·u) of them, the rest split evenly between the two
// sides, so that their Jaccard similarity is round(j·u)/u (random 64-bit
// values do not collide).
func randomPair(r *rand.Rand, u int, j float64) (a, b []uint64) {
	common := int(math.Round(j * float64(u)))
	for i := range u {
		x := r.Uint64()
		switch {
		case i < common:
			a, b = append(a, x), append(b, x)
		case (i-common)%2 == 0:
			a = append(a, x)
		default:
			b = append(b, x)
		}
	}
	return a, b
}

// TestSignUnbiased checks that the estimate is unbiased and about as precise
// as numPerm independent permutations, for sets both larger and smaller than
// the signature (so that densification is exercised).
func TestSignUnbiased(t *testing.T) {
	const trials = 500
	s := NewSketcher(128)
	for _, j := range []float64{0.2, 0.5, 0.8} {
		for _, size := range []struct{ lo, hi int }{{20, 100}, {100, 1000}} {
			r := rand.New(rand.NewPCG(uint64(j*100), uint64(size.lo)))
			var sumErr, sumSq float64
			for range trials {
				u := size.lo + r.IntN(size.hi-size.lo)
				a, b := randomPair(r, u, j)
				exact := math.Round(j*float64(u)) / float64(u)
				e := Similarity(s.Sign(nil, a), s.Sign(nil, b)) - exact
				sumErr += e
				sumSq += e * e
			}
			mean, rmse := sumErr/trials, math.Sqrt(sumSq/trials)
			// For independent permutations the standard error is
			// sqrt(J(1-J)/128): 0.035, 0.044, 0.035.
			want := math.Sqrt(j * (1 - j) / 128)
			t.Logf("J=%.1f sizes %d-%d: mean error %+.4f, rmse %.4f (independent permutations: %.4f)", j, size.lo, size.hi, mean, rmse, want)
			if math.Abs(mean) > 0.02 {
				t.Errorf("J=%.1f sizes %d-%d: mean error %+.4f, want within ±0.02", j, size.lo, size.hi, mean)
			}
			if rmse > 1.25*want {
				t.Errorf("J=%.1f sizes %d-%d: rmse %.4f, want at most 1.25×%.4f", j, size.lo, size.hi, rmse, want)
			}
		}
	}
}

func TestSignSmallAndEdgeSets(t *testing.T) {
	s := NewSketcher(128)
	one := s.Sign(nil, []uint64{42})
	for i, v := range one {
		if v != one[0] || v == Empty {
			t.Fatalf("signature of a 1-element set: position %d is %#x, position 0 is %#x", i, v, one[0])
		}
	}
	other := s.Sign(nil, []uint64{43})
	if got := Similarity(one, other); got != 0 {
		t.Errorf("Similarity of distinct singletons = %v, want 0", got)
	}
	tests := []struct {
		name   string
		a, b   []uint64
		lo, hi float64
	}{
		{"singleton itself", []uint64{42}, []uint64{42}, 1, 1},
		{"identical", seq(0, 300), seq(0, 300), 1, 1},
		{"identical small", seq(0, 3), seq(0, 3), 1, 1},
		{"order and repeats", seq(0, 300), append(reversed(seq(0, 300)), seq(0, 50)...), 1, 1},
		{"disjoint", seq(0, 500), seq(500, 1000), 0, 0.03},
		{"disjoint small", seq(0, 5), seq(5, 10), 0, 0.03},
		{"half", seq(0, 200), seq(100, 300), 1.0/3 - 0.15, 1.0/3 + 0.15},
		{"singleton in pair", []uint64{7}, []uint64{7, 8}, 0.2, 0.8},
	}
	for _, tt := range tests {
		if got := Similarity(s.Sign(nil, tt.a), s.Sign(nil, tt.b)); got < tt.lo || got > tt.hi {
			t.Errorf("%s: Similarity = %v, want in [%v, %v]", tt.name, got, tt.lo, tt.hi)
		}
	}
}

// reversed returns s reversed in place.
func reversed(s []uint64) []uint64 {
	slices.Reverse(s)
	return s
}

// seq returns lo, lo+1, …, hi-1.
func seq(lo, hi uint64) []uint64 {
	var s []uint64
	for x := lo; x < hi; x++ {
		s = append(s, x)
	}
	return s
}

func TestSignEmpty(t *testing.T) {
	s := NewSketcher(16)
	e := s.Sign(nil, nil)
	if len(e) != 16 {
		t.Fatalf("len = %d, want 16", len(e))
	}
	for _, v := range e {
		if v != Empty {
			t.Fatalf("empty signature = %#x, want all Empty", e)
		}
	}
	full := s.Sign(nil, seq(0, 100))
	if slices.Contains(full, Empty) {
		t.Errorf("non-empty signature contains Empty: %#x", full)
	}
	if got := Similarity(e, e); got != 0 {
		t.Errorf("Similarity(empty, empty) = %v, want 0", got)
	}
	if got := Similarity(e, full); got != 0 {
		t.Errorf("Similarity(empty, full) = %v, want 0", got)
	}
}

func TestSignAppendsWithoutAllocating(t *testing.T) {
	s := NewSketcher(64)
	sh := seq(0, 250)
	dst := []uint32{1, 2}
	got := s.Sign(dst, sh)
	if len(got) != 66 || got[0] != 1 || got[1] != 2 {
		t.Fatalf("Sign did not append to dst")
	}
	if !slices.Equal(got[2:], s.Sign(nil, sh)) {
		t.Errorf("Sign result depends on dst")
	}
	buf := make([]uint32, 0, 64)
	if n := testing.AllocsPerRun(10, func() { buf = s.Sign(buf[:0], sh) }); n != 0 {
		t.Errorf("Sign with room in dst allocated %v times", n)
	}
	if n := testing.AllocsPerRun(10, func() { buf = s.Sign(buf[:0], sh[:3]) }); n != 0 {
		t.Errorf("Sign of a small set with room in dst allocated %v times", n)
	}
}

// TestSignPermSizes checks sizes that are and are not powers of two.
func TestSignPermSizes(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	for _, n := range []int{1, 2, 3, 64, 100, 128, 200, MaxPerm} {
		s := NewSketcher(n)
		a, b := randomPair(r, 2000, 0.5)
		sa, sb := s.Sign(nil, a), s.Sign(nil, b)
		if len(sa) != n || slices.Contains(sa, Empty) {
			t.Fatalf("numPerm %d: bad signature", n)
		}
		if n >= 64 {
			if got := Similarity(sa, sb); math.Abs(got-0.5) > 0.2 {
				t.Errorf("numPerm %d: Similarity = %v, want about 0.5", n, got)
			}
		}
	}
}

// TestSignGolden pins the signatures of fixed inputs: if they change, every
// stored signature is invalid. The short input leaves bins empty, so it also
// pins densification, and numPerm 12 pins the path for sizes that are not
// powers of two.
func TestSignGolden(t *testing.T) {
	long := Shingles(nil, append(stemHashes("brown", "fox", "jump", "quick", "over", "lazi", "dog"), goldenTokens...), 3)
	short := Shingles(nil, goldenTokens, 3)
	tests := []struct {
		name     string
		numPerm  int
		shingles []uint64
		want     []uint32
	}{
		{"long", 16, long, []uint32{
			0x06558971, 0x5b162576, 0x820cf586, 0x99a5c7de, 0x9fc3c105, 0x820cf586, 0x820cf586, 0x5b162576,
			0x99a5c7de, 0x2ed11eaa, 0x99a5c7de, 0x5b162576, 0x2ed11eaa, 0x2ed11eaa, 0x06558971, 0x2ed11eaa,
		}},
		{"short", 16, short, []uint32{
			0x882080c8, 0x820cf586, 0x820cf586, 0x99a5c7de, 0xe8632faa, 0x820cf586, 0x820cf586, 0x2ed11eaa,
			0x99a5c7de, 0x2ed11eaa, 0x99a5c7de, 0x820cf586, 0x2ed11eaa, 0x2ed11eaa, 0x882080c8, 0x2ed11eaa,
		}},
		{"long, 12", 12, long, []uint32{
			0x820cf586, 0x2ed11eaa, 0x06558971, 0x06558971, 0x7a8916b1, 0x820cf586,
			0x06558971, 0x99a5c7de, 0x99a5c7de, 0x820cf586, 0x2ed11eaa, 0x7a8916b1,
		}},
	}
	for _, tt := range tests {
		if got := NewSketcher(tt.numPerm).Sign(nil, tt.shingles); !slices.Equal(got, tt.want) {
			t.Errorf("%s: signature = %#v, want %#v", tt.name, got, tt.want)
		}
	}
}

func TestSketcherPanics(t *testing.T) {
	for _, n := range []int{-1, 0, MaxPerm + 1} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("NewSketcher(%d) did not panic", n)
				}
			}()
			NewSketcher(n)
		}()
	}
	defer func() {
		if recover() == nil {
			t.Errorf("Similarity of different lengths did not panic")
		}
	}()
	Similarity(make([]uint32, 3), make([]uint32, 4))
}

func TestSignatures(t *testing.T) {
	s := NewSketcher(8)
	sigs := NewSignatures(3, 8)
	if sigs.Len() != 3 || sigs.NumPerm() != 8 || len(sigs.Data()) != 24 {
		t.Fatalf("Len, NumPerm, len(Data) = %d, %d, %d", sigs.Len(), sigs.NumPerm(), len(sigs.Data()))
	}
	for _, v := range sigs.Data() {
		if v != Empty {
			t.Fatalf("new Signatures not Empty")
		}
	}
	got := s.Sign(sigs.At(1)[:0], seq(0, 50))
	if &got[0] != &sigs.Data()[8] {
		t.Errorf("Sign into At(1)[:0] did not write in place")
	}
	if cap(sigs.At(1)) != 8 {
		t.Errorf("cap(At(1)) = %d, want 8", cap(sigs.At(1)))
	}
	if !slices.Equal(sigs.At(1), s.Sign(nil, seq(0, 50))) || sigs.At(0)[0] != Empty || sigs.At(2)[0] != Empty {
		t.Errorf("slots after signing slot 1: %#x", sigs.Data())
	}
	loaded := SignaturesOf(slices.Clone(sigs.Data()), 8)
	if loaded.Len() != 3 || !slices.Equal(loaded.At(1), sigs.At(1)) {
		t.Errorf("SignaturesOf round trip failed")
	}
	defer func() {
		if recover() == nil {
			t.Errorf("SignaturesOf with a bad length did not panic")
		}
	}()
	SignaturesOf(make([]uint32, 10), 8)
}

// TestSignStructuredInput checks the estimate on sets of arithmetic
// progressions, which a weak per-shingle mix turns into biased bins.
func TestSignStructuredInput(t *testing.T) {
	const trials = 300
	s := NewSketcher(128)
	r := rand.New(rand.NewPCG(11, 12))
	for _, step := range []uint64{1, 2, 1 << 32, 0x100000001b3} {
		for _, u := range []uint64{30, 300} {
			for _, j := range []float64{0.2, 0.5, 0.8} {
				// |A| = |B| = u and |A ∩ B| = o give J = o/(2u-o).
				o := uint64(math.Round(2 * float64(u) * j / (1 + j)))
				var sum float64
				for range trials {
					off := r.Uint64N(1 << 40)
					var a, b []uint64
					for x := range u {
						a = append(a, (off+x)*step)
						b = append(b, (off+u-o+x)*step)
					}
					sum += Similarity(s.Sign(nil, a), s.Sign(nil, b)) - Jaccard(Set(a), Set(b))
				}
				if mean := sum / trials; math.Abs(mean) > 0.015 {
					t.Errorf("step %#x, |A|=%d, J=%.1f: mean error %+.4f, want within ±0.015", step, u, j, mean)
				}
			}
		}
	}
}

// densifyRef is optimal densification straight from its definition, with
// no probe table: the reference for Sketcher.densify.
func densifyRef(sig []uint32) {
	orig := slices.Clone(sig)
	n := uint64(len(sig))
	for i, v := range orig {
		if v != Empty {
			continue
		}
		for a := uint64(1); ; a++ {
			if j := probe(i, a, n); orig[j] != Empty {
				sig[i] = orig[j]
				break
			}
		}
	}
}

func TestDensifyMatchesDefinition(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{2, 7, 64, 100, 128, 1000} {
		s := NewSketcher(n)
		for _, m := range []int{1, 2, 3, 5, n / 10, n / 2, n, 3 * n} {
			if m < 1 {
				continue
			}
			sh := make([]uint64, m)
			for i := range sh {
				sh[i] = r.Uint64()
			}
			sig := slices.Clone(s.empty)
			minBins(sig, sh)
			want := slices.Clone(sig)
			densifyRef(want)
			if got := s.Sign(nil, sh); !slices.Equal(got, want) {
				t.Errorf("numPerm %d, %d shingles: Sign differs from the definition", n, m)
			}
		}
	}
}
