package pipeline

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/newsclust/newsclust/pkg/state"
)

// TestEstimateJaccard checks the bottom-k estimate against exact Jaccard
// similarities of random sets, including sets smaller than the sketch.
func TestEstimateJaccard(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	tests := []struct {
		common, onlyA, onlyB int
	}{
		{300, 0, 0},
		{300, 100, 100},
		{200, 100, 0}, // a contains b
		{100, 200, 200},
		{0, 300, 300},
		{10, 5, 0}, // smaller than the sketch
		{0, 0, 3},
	}
	for _, tt := range tests {
		var a, b []uint64
		for range tt.common {
			x := r.Uint64()
			a, b = append(a, x), append(b, x)
		}
		for range tt.onlyA {
			a = append(a, r.Uint64())
		}
		for range tt.onlyB {
			b = append(b, r.Uint64())
		}
		slices.Sort(a)
		slices.Sort(b)
		_, sa := bottomK(nil, a)
		_, sb := bottomK(nil, b)
		exact := float64(tt.common) / float64(tt.common+tt.onlyA+tt.onlyB)
		if tt.common+tt.onlyA+tt.onlyB == 0 {
			exact = 0
		}
		got := estimateJaccard(sa, sb)
		if math.Abs(got-exact) > 0.15 {
			t.Errorf("%+v: estimate %.3f, exact %.3f", tt, got, exact)
		}
		if len(sa) > sketchK || !slices.IsSorted(sa) {
			t.Errorf("%+v: sketch of %d values, sorted %v", tt, len(sa), slices.IsSorted(sa))
		}
	}
}

func TestEstimateJaccardEmpty(t *testing.T) {
	if got := estimateJaccard(nil, nil); got != 0 {
		t.Fatalf("empty sketches: %v", got)
	}
	if got := estimateJaccard([]uint32{1, 2}, []uint32{1, 2}); got != 1 {
		t.Fatalf("equal sketches: %v", got)
	}
}

// TestEarlierDuplicatesShortRule checks that matching across nights judges
// a pair of short documents at the short threshold, as tonight's stage
// does. The saved and the new document share 28 of 72 shingles (Jaccard
// 0.389); their sketches estimate 0.36, between ShortDupThreshold and
// DupThreshold. Only the shingle counts recorded for them change.
func TestEarlierDuplicatesShortRule(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var a, b []uint64
	for range 28 {
		x := r.Uint64()
		a, b = append(a, x), append(b, x)
	}
	for range 22 {
		a, b = append(a, r.Uint64()), append(b, r.Uint64())
	}
	slices.Sort(a)
	slices.Sort(b)
	_, sa := bottomK(nil, a)
	_, sb := bottomK(nil, b)
	est := estimateJaccard(sa, sb)
	if cfg := DefaultConfig(); !(est >= cfg.ShortDupThreshold && est < cfg.DupThreshold) {
		t.Fatalf("estimate %v not between the thresholds", est)
	}
	tests := []struct {
		name              string
		saved, new, short int // shingles recorded; Config.ShortShingles
		want              bool
	}{
		{"both short", 50, 50, 128, true},
		{"both long", 200, 200, 128, false},
		{"saved long", 200, 50, 128, false},
		{"new long", 50, 200, 128, false},
		{"short rule off", 50, 50, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.ShortShingles = tt.short
			s := &savedRun{
				cfg: &cfg,
				st: &state.State{Stories: []state.Story{{
					ID:   "story-saved",
					Docs: []state.Doc{{ID: "saved", Shingles: tt.saved, Sketch: sa}},
				}}},
				sketches: [][]uint32{sb},
				sizes:    []int{tt.new},
			}
			cd := &corpusData{docs: []doc{{ID: "new"}}}
			got := s.earlierDuplicates(cd)
			if found := len(got) == 1 && got[0].Of == "saved"; found != tt.want {
				t.Errorf("earlier duplicates %+v, want found %v", got, tt.want)
			}
			if len(got) == 1 && got[0].Similarity != round4(est) {
				t.Errorf("similarity %v, want %v", got[0].Similarity, round4(est))
			}
		})
	}
}
