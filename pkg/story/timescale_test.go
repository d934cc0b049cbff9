package story

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/newsclust/newsclust/pkg/vector"
)

func TestGapBin(t *testing.T) {
	prev := 0
	for d := int64(0); d < 1<<20; d++ {
		b := gapBin(d)
		if b < prev || b > prev+1 {
			t.Fatalf("gapBin(%d) = %d after %d: bins must rise by at most one", d, b, prev)
		}
		if d > binUpper(b) || (b > 0 && d <= binUpper(b-1)) {
			t.Fatalf("gap %d in bin %d, which spans (%d, %d]", d, b, binUpper(b-1), binUpper(b))
		}
		prev = b
	}
	if b := gapBin(math.MaxInt64); b >= gapBins {
		t.Errorf("gapBin(MaxInt64) = %d, past the %d bins", b, gapBins)
	}
}

func TestPairsWithin(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for trial := range 50 {
		times := make([]int64, r.IntN(40))
		for i := range times {
			times[i] = 1 + r.Int64N(100)
		}
		slices.Sort(times)
		w := r.Int64N(30)
		var in, all int
		for i := range times {
			for j := i + 1; j < len(times); j++ {
				all++
				if times[j]-times[i] <= w {
					in++
				}
			}
		}
		want := 1.0
		if all > 0 {
			want = float64(in) / float64(all)
		}
		if got := pairsWithin(times, w); math.Abs(got-want) > 1e-12 {
			t.Errorf("trial %d: pairsWithin(%d times, %d) = %v, want %v", trial, len(times), w, got, want)
		}
	}
}

// histOf counts pairs given as (gap, count) for confident and band pairs.
func histOf(confident, band [][2]int64) *gapHist {
	var h gapHist
	for _, c := range confident {
		h.confident[gapBin(c[0])] += c[1]
	}
	for _, c := range band {
		h.band[gapBin(c[0])] += c[1]
	}
	return &h
}

func TestScale(t *testing.T) {
	p := Params{TimeEvidence: 0.5}
	w10 := binUpper(gapBin(10)) // 11
	// Two pairs of the four times are within W of each other: ρ = 1/3.
	third := []int64{100, 105, 1000, 1005}
	tests := []struct {
		name      string
		h         *gapHist
		sorted    []int64
		window    int64
		posterior float64
		boost     float64
	}{
		{"too few confident pairs", histOf([][2]int64{{10, 49}}, [][2]int64{{10, 10}}), third, 0, 0, 1},
		{"no band pairs", histOf([][2]int64{{10, 100}}, nil), third, 0, 0, 1},
		// q = 1, b = 0.9, ρ = 1/3: P = (0.9 − 1/3) / (0.9 · 2/3) = 17/18, odds 17.
		{"band close in time", histOf([][2]int64{{10, 100}}, [][2]int64{{10, 90}, {5000, 10}}), third, w10, 17.0 / 18, math.Sqrt(17)},
		// b = 0.5: P = (0.5 − 1/3) / (0.5 · 2/3) = 1/2, under the gate.
		{"band half close", histOf([][2]int64{{10, 100}}, [][2]int64{{10, 50}, {5000, 50}}), third, w10, 0.5, 1},
		{"band no closer than random", histOf([][2]int64{{10, 100}}, [][2]int64{{10, 30}, {5000, 70}}), third, w10, 0, 1},
		// No random pair within W: every band pair within W is one story; P is capped.
		{"nothing else close", histOf([][2]int64{{10, 100}}, [][2]int64{{10, 5}, {5000, 95}}), []int64{100, 1000, 2000}, w10, maxPosterior, math.Sqrt(99)},
		// W is the 80th percentile: 80 of 100 confident pairs within 10 s, q = 0.8.
		// b = 0.6: P = 0.8 · (0.6 − 1/3) / (0.6 · (0.8 − 1/3)) = 16/21.
		{"window at the quantile", histOf([][2]int64{{10, 80}, {1e6, 20}}, [][2]int64{{10, 60}, {1e6, 40}}), third, w10, 16.0 / 21, 1},
		// A band closer in time than the confident pairs: P is capped.
		{"band closer than confident pairs", histOf([][2]int64{{10, 80}, {1e6, 20}}, [][2]int64{{10, 90}, {1e6, 10}}), third, w10, maxPosterior, math.Sqrt(99)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.h.scale(tt.sorted, p)
			if got.Window != tt.window || math.Abs(got.Posterior-tt.posterior) > 1e-12 {
				t.Errorf("window %d, posterior %v; want %d, %v", got.Window, got.Posterior, tt.window, tt.posterior)
			}
			if math.Abs(got.Boost-tt.boost) > 1e-12 {
				t.Errorf("boost %v, want %v", got.Boost, tt.boost)
			}
		})
	}
}

// burstItems returns items of stories stories of size items each: every item
// holds three of its story's six terms and two terms of a topic shared by
// ten stories, so pairs of one story range from confident to borderline and
// pairs of a topic are borderline too. Story s is published around
// 1000 + s·gap, within spread seconds.
func burstItems(r *rand.Rand, stories, size int, gap, spread int64) (*vector.Rows, []int64) {
	var rs vector.Rows
	var times []int64
	for s := range stories {
		for range size {
			ws := map[uint32]float64{}
			for _, k := range r.Perm(6)[:3] {
				ws[uint32(1000+6*s+k)] = 1
			}
			for range 2 {
				ws[uint32(10*(s%10)+r.IntN(10))] = 0.7
			}
			v := unit(ws)
			rs.Append(v)
			times = append(times, 1000+int64(s)*gap+r.Int64N(spread))
		}
	}
	return &rs, times
}

// TestUnknownTimesNotBoosted checks that a batch's boost applies only to
// clusters whose times are known. In a batch of tight bursts, three items
// without times: A and B at cosine 0.9, A and C at 0.3, B and C at 0. Once A
// and B merge, the average with C is 0.15, under the threshold but over the
// threshold divided by the boost, so C must stay apart.
func TestUnknownTimesNotBoosted(t *testing.T) {
	items, times := burstItems(rand.New(rand.NewPCG(5, 6)), 60, 12, 3600, 20)
	a := items.Len()
	x := 0.3 / math.Sqrt(1-0.81)
	items.Append(unit(map[uint32]float64{9000: 0.9, 9001: math.Sqrt(1 - 0.81)}))
	items.Append(unit(map[uint32]float64{9000: 1}))
	items.Append(unit(map[uint32]float64{9001: x, 9002: math.Sqrt(1 - x*x)}))
	times = append(times, 0, 0, 0)
	p := DefaultParams()
	labels, st, err := Cluster(context.Background(), items, times, p)
	if err != nil {
		t.Fatal(err)
	}
	if b := st.TimeScale.Boost; b*0.15 < p.Threshold {
		t.Fatalf("degenerate test: a boost of %v would not join C", b)
	}
	if labels[a] != labels[a+1] {
		t.Errorf("A and B at cosine 0.9 apart")
	}
	if labels[a] == labels[a+2] {
		t.Errorf("C joined A and B at an average of 0.15 under a boost of %v", st.TimeScale.Boost)
	}
}

// unit returns the vector of ws scaled to unit length.
func unit(ws map[uint32]float64) vector.Vector {
	var v vector.Vector
	var norm float64
	for t, w := range ws {
		v.Terms = append(v.Terms, t)
		norm += w * w
	}
	slices.Sort(v.Terms)
	for _, t := range v.Terms {
		v.Weights = append(v.Weights, float32(ws[t]/math.Sqrt(norm)))
	}
	return v
}

func TestMeasureTimeScale(t *testing.T) {
	tests := []struct {
		name        string
		gap, spread int64
		boost       bool
	}{
		// Each story within 20 s, stories an hour apart: time tells.
		{"tight bursts", 3600, 20, true},
		// Each story spread over two days, stories an hour apart: it does not.
		{"spread stories", 3600, 2 * 86400, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, times := burstItems(rand.New(rand.NewPCG(5, 6)), 60, 12, tt.gap, tt.spread)
			var first TimeScale
			for _, workers := range []int{1, 3} {
				p := DefaultParams()
				p.Workers = workers
				labels, st, err := Cluster(context.Background(), items, times, p)
				if err != nil {
					t.Fatal(err)
				}
				ts := st.TimeScale
				if workers == 1 {
					first = ts
					t.Logf("%+v, %d stories", ts, len(labelSet(labels)))
				} else if ts != first {
					t.Errorf("workers %d: %+v, 1 worker %+v", workers, ts, first)
				}
				if ts.Confident < minConfident {
					t.Fatalf("degenerate test: %d confident pairs", ts.Confident)
				}
				if got := ts.Boost > 1; got != tt.boost {
					t.Errorf("boost %v (posterior %v), want a boost: %v", ts.Boost, ts.Posterior, tt.boost)
				}
			}
		})
	}
}
