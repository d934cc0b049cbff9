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

// histOf counts confident pairs given as (gap, count) and pairs under the
// threshold as (gap, count, cosine bin).
func histOf(confident [][2]int64, below [][3]int64) *gapHist {
	var h gapHist
	for _, c := range confident {
		h.confident[gapBin(c[0])] += c[1]
	}
	for _, c := range below {
		h.below[c[2]][gapBin(c[0])] += c[1]
	}
	return &h
}

// band returns pairs of cosine bins bins, of which in of 100 are 10 s apart
// and the rest 5000 s.
func band(in int64, bins ...int64) [][3]int64 {
	var b [][3]int64
	for _, c := range bins {
		b = append(b, [3]int64{10, in, c}, [3]int64{5000, 100 - in, c})
	}
	return b
}

func TestScale(t *testing.T) {
	// T = 0.32: cosine bins are 0.02 wide, bin 8 is [0.16, 0.18).
	p := Params{Threshold: 0.32, TimeEvidence: 0.5}
	w10 := binUpper(gapBin(10)) // 11
	// Two pairs of the four times are within W of each other: ρ = 1/3.
	third := []int64{100, 105, 1000, 1005}
	conf := [][2]int64{{10, 100}}
	tests := []struct {
		name      string
		h         *gapHist
		sorted    []int64
		window    int64
		posterior float64
		lowest    float64
		boost     float64
	}{
		{"too few confident pairs", histOf([][2]int64{{10, 49}}, band(90, 8)), third, 0, 0, 0, 1},
		{"no band pairs", histOf(conf, nil), third, w10, 0, 0.16, 1},
		// q = 1, b = 0.9, ρ = 1/3: P = (0.9 − 1/3) / (0.9 · 2/3) = 17/18, odds
		// 17; the band is [T/2, T), so B is at most 2.
		{"band close in time", histOf(conf, band(90, 8)), third, w10, 17.0 / 18, 0.16, 2},
		// Bins 7 and 6 as close in time: the band widens to [0.12, T), B ≤ 16/6.
		{"band widened", histOf(conf, band(90, 8, 7, 6)), third, w10, 17.0 / 18, 0.12, 16.0 / 6},
		// Bin 6 no closer than random: with it P = 0.71, so the band stops at 0.14.
		{"band stops where P fails", histOf(conf, append(band(90, 8, 7), band(10, 6)...)), third, w10, 17.0 / 18, 0.14, 16.0 / 7},
		// The pairs of [T/2, T) all count: bin 8 alone (b = 0.8, P = 0.875)
		// would not pass the gate, with bin 12 (b = 0.9) it does.
		{"pairs above the band", histOf(conf, append(band(100, 12), band(80, 8)...)), third, w10, 17.0 / 18, 0.16, 2},
		{"the lowest bin alone", histOf(conf, band(80, 8)), third, w10, 0.875, 0.16, 1},
		// b = 0.5: P = (0.5 − 1/3) / (0.5 · 2/3) = 1/2, under the gate.
		{"band half close", histOf(conf, band(50, 8)), third, w10, 0.5, 0.16, 1},
		{"band no closer than random", histOf(conf, band(30, 8)), third, w10, 0, 0.16, 1},
		// No random pair within W: P is capped at 0.99, odds 99.
		{"nothing else close", histOf(conf, band(5, 8, 7, 6, 5, 4, 3, 2, 1)), []int64{100, 1000, 2000}, w10, maxPosterior, 0.02, math.Sqrt(99)},
		// W is the 80th percentile: 80 of 100 confident pairs within 10 s, q = 0.8.
		// b = 0.6: P = 0.8 · (0.6 − 1/3) / (0.6 · (0.8 − 1/3)) = 16/21.
		{"window at the quantile", histOf([][2]int64{{10, 80}, {1e6, 20}}, band(60, 8)), third, w10, 16.0 / 21, 0.16, 1},
		// 60 of 100 within 10 s: the 80th percentile is 1000 s, not 10.
		{"window past the median", histOf([][2]int64{{10, 60}, {1000, 40}}, nil), third, binUpper(gapBin(1000)), 0, 0.16, 1},
		// All confident pairs at 0 s: W is 1 s, and pairs 1 s apart count within it.
		{"window of one second", histOf([][2]int64{{0, 100}}, [][3]int64{{1, 90, 8}, {5000, 10, 8}}), []int64{100, 101, 1000, 1001}, 1, 17.0 / 18, 0.16, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.h.scale(tt.sorted, p)
			if got.Window != tt.window || math.Abs(got.Posterior-tt.posterior) > 1e-12 || math.Abs(got.LowestCosine-tt.lowest) > 1e-12 {
				t.Errorf("window %d, posterior %v, lowest cosine %v; want %d, %v, %v", got.Window, got.Posterior, got.LowestCosine, tt.window, tt.posterior, tt.lowest)
			}
			if math.Abs(got.Boost-tt.boost) > 1e-12 {
				t.Errorf("boost %v, want %v", got.Boost, tt.boost)
			}
		})
	}
}

func TestGapFactorBoost(t *testing.T) {
	p := Params{Window: 100, Decay: 50, scale: TimeScale{Window: 10, Boost: 4}}
	tests := []struct {
		d    int64
		want float64
	}{
		{0, 4}, {10, 4}, {20, 2}, {30, 1},
		{40, 1},     // the boost has halved below the fixed factor of 1
		{200, 0.25}, // the fixed factor has halved twice
	}
	for _, tt := range tests {
		if got := p.gapFactor(tt.d); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("gapFactor(%d) = %v, want %v", tt.d, got, tt.want)
		}
	}
	if got := p.timeFactor(0, 5); got != 1 {
		t.Errorf("timeFactor with an unknown time = %v, want 1", got)
	}
}

// TestSampleOthers checks that a sampled pair is two items, both with known
// times. Items come in pairs that share one term; each item samples its
// partner through that term, and an item paired with itself would be a
// confident pair.
func TestSampleOthers(t *testing.T) {
	for _, tt := range []struct {
		name    string
		cos     float64 // of the two items of a pair
		partner int64   // time of the second item of each pair
		want    int     // confident pairs
	}{
		{"never itself", 0.1, 1000, 0},
		{"partners without times", 0.9, 0, 0},
		{"confident partners", 0.9, 1000, 400},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var items vector.Rows
			var times []int64
			for k := range uint32(200) {
				items.Append(unitVector(map[uint32]float32{k: float32(tt.cos), 1000 + k: float32(math.Sqrt(1 - tt.cos*tt.cos))}))
				items.Append(unitVector(map[uint32]float32{k: 1}))
				times = append(times, 1000, tt.partner)
			}
			p := DefaultParams()
			tops := topTerms(&items, p.IndexTerms, 1)
			idx := buildIndex(&items, times, tops, p.IndexTerms, 1)
			ts := measureTimeScale(&items, times, idx, tops, p)
			if ts.Confident != tt.want {
				t.Errorf("%d confident pairs, want %d", ts.Confident, tt.want)
			}
		})
	}
}

func TestMergeSlots(t *testing.T) {
	a := []slot{{1, 2}, {3, 1}, {7, 4}}
	b := []slot{{0, 1}, {3, 5}, {8, 1}}
	want := []slot{{0, 1}, {1, 2}, {3, 6}, {7, 4}, {8, 1}}
	if got := mergeSlots(a, b); !slices.Equal(got, want) {
		t.Errorf("mergeSlots = %v, want %v", got, want)
	}
	if got := mergeSlots(nil, b); !slices.Equal(got, b) {
		t.Errorf("mergeSlots(nil, b) = %v, want %v", got, b)
	}
}

func TestSlotPairs(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	slotsOf := func(ats []int64) []slot {
		var s []slot
		for _, at := range ats {
			s = mergeSlots(s, []slot{{at, 1}})
		}
		return s
	}
	factor := func(k int64) float64 { return 1 / float64(1+k) }
	for trial := range 100 {
		a, b := make([]int64, 1+r.IntN(20)), make([]int64, 1+r.IntN(20))
		for i := range a {
			a[i] = r.Int64N(40) - 10
		}
		for i := range b {
			b[i] = r.Int64N(40) - 10
		}
		var want, wantPairs float64
		for _, x := range a {
			for _, y := range b {
				if k := max(x-y, y-x); k <= slotReach {
					want += factor(k)
					wantPairs++
				}
			}
		}
		sum, pairs := slotPairs(slotsOf(a), slotsOf(b), factor)
		if math.Abs(sum-want) > 1e-9 || pairs != wantPairs {
			t.Errorf("trial %d: slotPairs = %v, %v; want %v, %v", trial, sum, pairs, want, wantPairs)
		}
	}
}

func TestSlotOf(t *testing.T) {
	for _, tt := range []struct{ t, w, want int64 }{
		{0, 10, 0}, {9, 10, 0}, {10, 10, 1}, {-1, 10, -1}, {-10, 10, -1}, {-11, 10, -2},
	} {
		if got := slotOf(tt.t, tt.w); got != tt.want {
			t.Errorf("slotOf(%d, %d) = %d, want %d", tt.t, tt.w, got, tt.want)
		}
	}
}

// TestLinkerTimeFactor checks the boost between clusters against the
// average over their pairs of items, W = 10 s, B = 4.
func TestLinkerTimeFactor(t *testing.T) {
	p := Params{Window: 86400, Decay: 86400, scale: TimeScale{Window: 10, Boost: 4}}
	tests := []struct {
		name  string
		times []int64 // of items 0, 1, 2; clusters {0, 1} and {2}
		want  float64
	}{
		// Pairs (0, 2) and (1, 2) in one slot: 4.
		{"one burst", []int64{1000, 1005, 1008}, 4},
		// (0, 2) in one slot, 4; (1, 2) of unknown time, 1.
		{"an item without time", []int64{1000, 0, 1005}, (4 + 1) / 2.0},
		// (0, 2) 1 slot apart, 4; (1, 2) 2 slots apart, 4·2^−1 = 2.
		{"slots apart", []int64{1000, 1030, 1010}, (4 + 2) / 2.0},
		// Spans overlap, but (0, 2) is 100 slots away: the fixed factor, 1.
		{"overlapping spans, far pairs", []int64{1000, 3000, 2000}, (1 + 1) / 2.0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := randomItems(3, 1)
			l := newLinker(items, tt.times, p)
			l.join(0, 1)
			a := l.find(0)
			if got := l.timeFactor(a, 2); math.Abs(got-tt.want) > 1e-12 {
				t.Errorf("timeFactor = %v, want %v", got, tt.want)
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
			ws := map[uint32]float32{}
			for _, k := range r.Perm(6)[:3] {
				ws[uint32(1000+6*s+k)] = 1
			}
			for range 2 {
				ws[uint32(10*(s%10)+r.IntN(10))] = 0.7
			}
			v := unitVector(ws)
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
	items.Append(unitVector(map[uint32]float32{9000: 0.9, 9001: float32(math.Sqrt(1 - 0.81))}))
	items.Append(unitVector(map[uint32]float32{9000: 1}))
	items.Append(unitVector(map[uint32]float32{9001: float32(x), 9002: float32(math.Sqrt(1 - x*x))}))
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

func TestMeasureTimeScale(t *testing.T) {
	tests := []struct {
		name        string
		gap, spread int64
		minW, maxW  int64
		boost       bool
	}{
		// Each story within 20 s, stories an hour apart: time tells.
		{"tight bursts", 3600, 20, 1, binUpper(gapBin(20)), true},
		// Each story spread over two days, stories an hour apart: it does not.
		{"spread stories", 3600, 2 * 86400, 43200, 2 * 86400, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, times := burstItems(rand.New(rand.NewPCG(5, 6)), 60, 12, tt.gap, tt.spread)
			var first TimeScale
			var firstLabels []int32
			for _, workers := range []int{1, 3} {
				p := DefaultParams()
				p.Workers = workers
				labels, st, err := Cluster(context.Background(), items, times, p)
				if err != nil {
					t.Fatal(err)
				}
				ts := st.TimeScale
				if workers == 1 {
					first, firstLabels = ts, labels
					t.Logf("%+v, %d stories", ts, len(labelSet(labels)))
				} else if ts != first || !slices.Equal(labels, firstLabels) {
					t.Errorf("workers %d: %+v and labels differ from 1 worker (%+v)", workers, ts, first)
				}
				if ts.Confident < minConfident {
					t.Fatalf("degenerate test: %d confident pairs", ts.Confident)
				}
				if ts.Window < tt.minW || ts.Window > tt.maxW {
					t.Errorf("window %d s, want %d to %d", ts.Window, tt.minW, tt.maxW)
				}
				if got := ts.Boost > 1; got != tt.boost {
					t.Errorf("boost %v (posterior %v), want a boost: %v", ts.Boost, ts.Posterior, tt.boost)
				}
			}
		})
	}
}

// TestMeasureTimeScaleStride checks that a batch larger than the sample
// gives the same time scale on any number of workers.
func TestMeasureTimeScaleStride(t *testing.T) {
	items, times := burstItems(rand.New(rand.NewPCG(9, 9)), 5*sampleItems/12, 12, 3600, 20)
	if items.Len() < 2*sampleItems {
		t.Fatalf("degenerate test: %d items, a stride of 1", items.Len())
	}
	p := DefaultParams()
	tops := topTerms(items, p.IndexTerms, 1)
	idx := buildIndex(items, times, tops, p.IndexTerms, 1)
	want := measureTimeScale(items, times, idx, tops, p)
	if want.Boost <= 1 {
		t.Fatalf("degenerate test: %+v", want)
	}
	for _, workers := range []int{2, 3} {
		p.Workers = workers
		if got := measureTimeScale(items, times, idx, tops, p); got != want {
			t.Errorf("workers %d: %+v, 1 worker %+v", workers, got, want)
		}
	}
}
