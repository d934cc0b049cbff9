package story

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/newsclust/newsclust/pkg/vector"
)

// rows builds a Rows from (term, weight) lists.
func rows(vs ...[]tw) *vector.Rows {
	var r vector.Rows
	for _, v := range vs {
		var x vector.Vector
		for _, e := range v {
			x.Terms = append(x.Terms, e.t)
			x.Weights = append(x.Weights, e.w)
		}
		r.Append(x)
	}
	return &r
}

type tw struct {
	t uint32
	w float32
}

func testParams(workers int) Params {
	return Params{
		Threshold:  0.3,
		Floor:      0.05,
		IndexTerms: 2,
		Reach:      100,
		Window:     100,
		Decay:      50,
		Workers:    workers,
	}
}

func TestTimeFactor(t *testing.T) {
	p := Params{Window: 100, Decay: 50}
	tests := []struct {
		name string
		p    Params
		a, b int64
		want float64
	}{
		{"same time", p, 1000, 1000, 1},
		{"within window", p, 1000, 1060, 1},
		{"at the window", p, 1000, 1100, 1},
		{"one decay beyond", p, 1000, 1150, 0.5},
		{"one decay beyond, reversed", p, 1150, 1000, 0.5},
		{"two decays beyond", p, 1000, 1200, 0.25},
		{"half a decay beyond", p, 1000, 1125, 1 / math.Sqrt2},
		{"first time unknown", p, 0, 900000, 1},
		{"second time unknown", p, 900000, 0, 1},
		{"both unknown", p, 0, 0, 1},
		{"no decay", Params{Window: 100}, 1000, 900000, 1},
		{"negative times", p, -1000, -1150, 0.5},
	}
	for _, tt := range tests {
		if got := tt.p.timeFactor(tt.a, tt.b); math.Abs(got-tt.want) > 1e-15 {
			t.Errorf("%s: timeFactor(%d, %d) = %v, want %v", tt.name, tt.a, tt.b, got, tt.want)
		}
	}
}

func TestDefaultParams(t *testing.T) {
	p := DefaultParams()
	if p.Threshold != 0.30 || p.Floor != 0.1 || p.IndexTerms != 6 || p.Reach != 50 || p.Neighbors != 10 ||
		p.Window != 3*86400 || p.Decay != 2*86400 || p.Workers != 1 {
		t.Errorf("DefaultParams() = %+v", p)
	}
	// Two articles five days apart: two days beyond the window, one decay.
	if got := p.timeFactor(1_700_000_000, 1_700_000_000+5*86400); got != 0.5 {
		t.Errorf("five days apart: timeFactor = %v, want 0.5", got)
	}
}

func TestCandidateEdges(t *testing.T) {
	tests := []struct {
		name  string
		items *vector.Rows
		times []int64
		p     func(*Params)
		want  []Edge
	}{
		{
			// 0 and 1 share heavy term 1; 2 shares nothing.
			name:  "shared heavy term",
			items: rows([]tw{{1, 1}}, []tw{{1, 1}}, []tw{{2, 1}}),
			want:  []Edge{{0, 1, 1}},
		},
		{
			// A and B share only term 9, which is not among their single
			// heaviest terms: with IndexTerms 1 they never meet, with 2 they
			// do (0.6·0.6 = 0.36).
			name:  "shared light term not indexed",
			items: rows([]tw{{1, 0.8}, {9, 0.6}}, []tw{{2, 0.8}, {9, 0.6}}),
			p:     func(p *Params) { p.IndexTerms = 1 },
			want:  nil,
		},
		{
			name:  "shared light term indexed",
			items: rows([]tw{{1, 0.8}, {9, 0.6}}, []tw{{2, 0.8}, {9, 0.6}}),
			want:  []Edge{{0, 1, float64(float32(0.6)) * float64(float32(0.6))}},
		},
		{
			// Cosine 0.04 is below the floor of 0.05.
			name:  "below the floor",
			items: rows([]tw{{1, 0.2}, {2, 0.98}}, []tw{{1, 0.2}, {3, 0.98}}),
			want:  nil,
		},
		{
			// 1 · 0.5 is exactly the floor: kept.
			name:  "at the floor",
			items: rows([]tw{{1, 1}}, []tw{{1, 0.5}}),
			p:     func(p *Params) { p.Floor = 0.5 },
			want:  []Edge{{0, 1, 0.5}},
		},
		{
			// Cosine 1 at 150 s apart: one decay beyond the window, 0.5.
			name:  "time scales the similarity",
			items: rows([]tw{{1, 1}}, []tw{{1, 1}}),
			times: []int64{1000, 1150},
			want:  []Edge{{0, 1, 0.5}},
		},
		{
			// All three share term 1; with a reach of one, each meets only
			// its neighbours in time order (2, 0, 1 by time), so 1 and 2,
			// first and last, never meet.
			name:  "reach keeps the nearest in time",
			items: rows([]tw{{1, 1}}, []tw{{1, 0.8}, {2, 0.6}}, []tw{{1, 0.6}, {3, 0.8}}),
			times: []int64{1100, 1200, 1000},
			p:     func(p *Params) { p.Reach = 1 },
			want:  []Edge{{0, 1, float64(float32(0.8))}, {0, 2, float64(float32(0.6))}},
		},
		{
			name:  "reach covers the list",
			items: rows([]tw{{1, 1}}, []tw{{1, 0.8}, {2, 0.6}}, []tw{{1, 0.6}, {3, 0.8}}),
			want: []Edge{
				{0, 1, float64(float32(0.8))},
				{0, 2, float64(float32(0.6))},
				{1, 2, float64(float32(0.8)) * float64(float32(0.6))},
			},
		},
		{
			// Items sharing two indexed terms give one edge, not two.
			name:  "pair sharing two terms reported once",
			items: rows([]tw{{1, 0.6}, {2, 0.8}}, []tw{{1, 0.8}, {2, 0.6}}),
			want:  []Edge{{0, 1, 2 * float64(float32(0.6)) * float64(float32(0.8))}},
		},
		{
			name:  "empty vectors",
			items: rows(nil, nil),
			want:  nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			times := tt.times
			if times == nil {
				times = make([]int64, tt.items.Len())
			}
			for _, workers := range []int{1, 3} {
				p := testParams(workers)
				if tt.p != nil {
					tt.p(&p)
				}
				got, _, err := candidateEdges(context.Background(), tt.items, times, p)
				if err != nil {
					t.Fatal(err)
				}
				if !edgesClose(got, tt.want) {
					t.Errorf("workers %d: edges %v, want %v", workers, got, tt.want)
				}
			}
		})
	}
}

func edgesClose(got, want []Edge) bool {
	return slices.EqualFunc(got, want, func(a, b Edge) bool {
		return a.I == b.I && a.J == b.J && math.Abs(a.Sim-b.Sim) < 1e-12
	})
}

func TestCluster(t *testing.T) {
	// 0 and 1: cosine 0.8·0.6 + 0.6·0.8 = 0.96; 2 and 3: 0.6; 4 alone.
	items := rows(
		[]tw{{1, 0.8}, {2, 0.6}},
		[]tw{{1, 0.6}, {2, 0.8}},
		[]tw{{3, 1}},
		[]tw{{3, 0.6}, {4, 0.8}},
		[]tw{{5, 1}},
	)
	tests := []struct {
		name      string
		times     []int64
		want      []int32
		wantEdges int
	}{
		{"unknown times", []int64{0, 0, 0, 0, 0}, []int32{0, 0, 2, 2, 4}, 2},
		{"within the window", []int64{1000, 1100, 1000, 1050, 1000}, []int32{0, 0, 2, 2, 4}, 2},
		// 0 and 1 four decays beyond the window: 0.96/16 = 0.06, an edge
		// above the floor but below the threshold.
		{"far apart in time", []int64{1000, 1300, 0, 0, 0}, []int32{0, 1, 2, 2, 4}, 2},
		// Six decays: 0.96/64 = 0.015, below the floor, no edge.
		{"beyond the floor in time", []int64{1000, 1400, 0, 0, 0}, []int32{0, 1, 2, 2, 4}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, workers := range []int{1, 4} {
				labels, st, err := Cluster(context.Background(), items, tt.times, testParams(workers))
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(labels, tt.want) || st.Edges != tt.wantEdges {
					t.Errorf("workers %d: labels %v, %d edges, want %v, %d", workers, labels, st.Edges, tt.want, tt.wantEdges)
				}
			}
		})
	}
}

// randomItems builds n sparse unit vectors over a small vocabulary, in a few
// topics so that clusters form.
func randomItems(n int, seed uint64) *vector.Rows {
	r := rand.New(rand.NewPCG(seed, 1))
	var rs vector.Rows
	for range n {
		topic := uint32(r.IntN(8)) * 20
		ws := make(map[uint32]float64)
		for range 3 + r.IntN(5) {
			term := topic + uint32(r.IntN(20))
			if r.IntN(4) == 0 {
				term = uint32(r.IntN(160))
			}
			ws[term] += 0.1 + r.Float64()
		}
		var v vector.Vector
		var norm float64
		for term, w := range ws {
			v.Terms = append(v.Terms, term)
			norm += w * w
		}
		slices.Sort(v.Terms)
		for _, term := range v.Terms {
			v.Weights = append(v.Weights, float32(ws[term]/math.Sqrt(norm)))
		}
		rs.Append(v)
	}
	return &rs
}

func TestClusterWorkersAgree(t *testing.T) {
	const n = 300
	items := randomItems(n, 42)
	times := randomTimes(rand.New(rand.NewPCG(9, 9)), n, 5, 400)
	p := testParams(1)
	p.IndexTerms, p.Reach = 4, 4 // some posting lists are longer than the reach
	want, wantSt, err := Cluster(context.Background(), items, times, p)
	if err != nil {
		t.Fatal(err)
	}
	wantEdges := wantSt.Edges
	if k := len(labelSet(want)); k < 2 || k == n || wantEdges == 0 {
		t.Fatalf("degenerate test: %d clusters, %d edges", k, wantEdges)
	}
	t.Logf("%d items, %d clusters, %d edges", n, len(labelSet(want)), wantEdges)
	wantList, _, _ := candidateEdges(context.Background(), items, times, p)
	for _, workers := range []int{2, 4, 7} {
		p.Workers = workers
		got, st, err := Cluster(context.Background(), items, times, p)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) || st != wantSt {
			t.Errorf("workers %d: %+v and labels differ from 1 worker (%+v)", workers, st, wantSt)
		}
		list, _, _ := candidateEdges(context.Background(), items, times, p)
		if !slices.Equal(list, wantList) {
			t.Errorf("workers %d: candidate edges differ from 1 worker", workers)
		}
	}
	// Every edge is a pair i < j with the time-scaled cosine at or above the floor.
	for _, e := range wantList {
		sim := vector.Dot(items.Row(int(e.I)), items.Row(int(e.J))) * p.timeFactor(times[e.I], times[e.J])
		if e.I >= e.J || e.Sim != sim || e.Sim < p.Floor {
			t.Fatalf("bad edge %v (cosine·time %v)", e, sim)
		}
	}
}

func TestClusterPanicsOnTimesLength(t *testing.T) {
	items := rows([]tw{{1, 1}}, []tw{{1, 1}})
	for _, times := range [][]int64{nil, {0}, {0, 0, 0}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Cluster with %d times for 2 items did not panic", len(times))
				}
			}()
			Cluster(context.Background(), items, times, testParams(1))
		}()
	}
}

func TestClusterCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	items := randomItems(20, 1)
	_, _, err := Cluster(ctx, items, make([]int64, 20), testParams(2))
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestHeaviest(t *testing.T) {
	v := vector.Vector{Terms: []uint32{1, 2, 3, 4}, Weights: []float32{0.2, 0.7, 0.2, 0.5}}
	tests := []struct {
		p    int
		want []int
	}{
		{1, []int{1}},
		{2, []int{1, 3}},
		{3, []int{1, 3, 0}}, // tie between positions 0 and 2: the first kept
		{10, []int{1, 3, 0, 2}},
		{0, []int{}},
	}
	for _, tt := range tests {
		if got := heaviest(nil, v, tt.p); !slices.Equal(got, tt.want) {
			t.Errorf("heaviest(p=%d) = %v, want %v", tt.p, got, tt.want)
		}
	}
}

func TestBest(t *testing.T) {
	score := []float32{0, 0.5, 0.9, 0.5, 0.1, 0.9}
	tests := []struct {
		name string
		met  []int32
		k    int
		want []int32
	}{
		{"fewer than k", []int32{4, 1}, 3, []int32{4, 1}},
		{"no limit", []int32{4, 1, 2}, 0, []int32{4, 1, 2}},
		{"top two, ties to the smaller item", []int32{4, 5, 1, 3, 2}, 2, []int32{2, 5}},
		{"tie at the cut", []int32{4, 3, 1, 5}, 2, []int32{5, 1}},
	}
	for _, tt := range tests {
		if got := best(slices.Clone(tt.met), score, tt.k); !slices.Equal(got, tt.want) {
			t.Errorf("%s: best = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestIndexPositions checks that the index records where each item's own
// posting is in the list of each of its indexed terms, with times repeated
// and unknown so that lists hold ties.
func TestIndexPositions(t *testing.T) {
	const n, p = 400, 4
	items := randomItems(n, 7)
	times := randomTimes(rand.New(rand.NewPCG(3, 3)), n, 4, 20)
	tops := topTerms(items, p, 3)
	idx := buildIndex(items, times, tops, p, 3)
	checked := 0
	for i := range n {
		v := items.Row(i)
		for k, pos := range tops[i*p : (i+1)*p] {
			if pos < 0 {
				continue
			}
			list := idx.lists[v.Terms[pos]]
			at := idx.at[i*p+k]
			if at < 0 || int(at) >= len(list) || list[at].item != int32(i) {
				t.Fatalf("item %d, term %d: recorded position %d is not its posting", i, v.Terms[pos], at)
			}
			if !slices.IsSortedFunc(list, posting.before) {
				t.Fatalf("list of term %d is not in time order", v.Terms[pos])
			}
			checked++
		}
	}
	if checked < n {
		t.Fatalf("only %d postings checked", checked)
	}
}

// randomTimes returns n publication times within span seconds of each other,
// one in unknown of them unknown (0).
func randomTimes(r *rand.Rand, n, unknown int, span int64) []int64 {
	times := make([]int64, n)
	for i := range times {
		if r.IntN(unknown) > 0 {
			times[i] = 1000 + r.Int64N(span)
		}
	}
	return times
}
