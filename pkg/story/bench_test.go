package story

// Benchmarks of story clustering on synthetic items: stories of heavy-tailed
// size whose members share a story vocabulary, drawn from a Zipf background
// vocabulary shared by all, and spread over a week. They measure candidate
// generation with exact similarity (the inverted index and the dot
// products), linkage from sum vectors and average linkage on the resulting
// graph, per item.

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/newsclust/newsclust/pkg/vector"
)

const benchN = 4000

// benchItems returns n unit vectors of 64 terms and their times.
func benchItems(n int) (*vector.Rows, []int64) {
	r := rand.New(rand.NewPCG(3, 4))
	z := rand.NewZipf(r, 1.01, 50, 49999)
	rows := &vector.Rows{}
	times := make([]int64, n)
	var story []uint32
	var t0 int64
	left := 0
	for i := range n {
		if left == 0 {
			left = 1 + int(r.ExpFloat64()*4)
			story = story[:0]
			for range 30 {
				story = append(story, uint32(z.Uint64()))
			}
			t0 = 1717372800 + r.Int64N(7*86400)
		}
		left--
		w := map[uint32]float32{}
		for len(w) < 64 {
			if r.IntN(3) > 0 {
				w[story[r.IntN(len(story))]] += 1
			} else {
				w[uint32(z.Uint64())] += 0.3
			}
		}
		rows.Append(unitVector(w))
		times[i] = t0 + r.Int64N(86400)
	}
	return rows, times
}

func unitVector(w map[uint32]float32) vector.Vector {
	var v vector.Vector
	for t := range w {
		v.Terms = append(v.Terms, t)
	}
	slices.Sort(v.Terms)
	var norm float64
	for _, t := range v.Terms {
		norm += float64(w[t]) * float64(w[t])
	}
	for _, t := range v.Terms {
		v.Weights = append(v.Weights, float32(float64(w[t])/math.Sqrt(norm)))
	}
	return v
}

func reportPerItem(b *testing.B, n int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/item")
}

// BenchmarkCandidateEdges builds the inverted index and the edges with their
// exact cosine, on one worker.
func BenchmarkCandidateEdges(b *testing.B) {
	items, times := benchItems(benchN)
	p := DefaultParams()
	var edges []Edge
	b.ReportAllocs()
	for b.Loop() {
		edges, _, _ = candidateEdges(context.Background(), items, times, p)
	}
	reportPerItem(b, items.Len())
	b.ReportMetric(float64(len(edges))/float64(items.Len()), "edges/item")
}

// BenchmarkMeasureTimeScale samples pairs from the posting lists and measures
// the batch's time scale (part of BenchmarkCandidateEdges), on one worker.
func BenchmarkMeasureTimeScale(b *testing.B) {
	items, times := benchItems(benchN)
	p := DefaultParams()
	tops := topTerms(items, p.IndexTerms, 1)
	idx := buildIndex(items, times, tops, p.IndexTerms, 1)
	var ts TimeScale
	b.ReportAllocs()
	for b.Loop() {
		ts = measureTimeScale(items, times, idx, tops, p)
	}
	reportPerItem(b, items.Len())
	b.ReportMetric(float64(ts.Confident), "confident")
}

// BenchmarkSumLinkage clusters the items the candidate graph nominates,
// from cluster sum vectors (what Cluster does after the graph), with the
// cohesion rule (cohesion.go) on, as by default, and off. On benchItems the
// rule holds back no merge, so it measures the rule's extra dot product
// alone; on topicItems, two events to a topic, it holds back about one merge
// a topic (0.0255 an item), and measures their bookkeeping too.
func BenchmarkSumLinkage(b *testing.B) {
	for _, set := range []struct {
		name string
		make func(int) (*vector.Rows, []int64)
	}{{"stories", benchItems}, {"topics", topicItems}} {
		items, times := set.make(benchN)
		edges, _, _ := candidateEdges(context.Background(), items, times, DefaultParams())
		for _, cohesion := range []float64{DefaultParams().Cohesion, 0} {
			name := set.name + "/cohesion"
			if cohesion == 0 {
				name = set.name + "/plain"
			}
			b.Run(name, func(b *testing.B) {
				p := DefaultParams()
				p.Cohesion = cohesion
				var l *linker
				b.ReportAllocs()
				for b.Loop() {
					_, l, _ = sumLinkage(context.Background(), items, times, edges, p)
				}
				reportPerItem(b, items.Len())
				b.ReportMetric(float64(l.dots)/float64(items.Len()), "dots/item")
				b.ReportMetric(float64(l.holds)/float64(items.Len()), "holds/item")
			})
		}
	}
}

// topicItems returns n unit vectors of 48 terms, without times: topics of
// two events each, 10 to 30 items an event. An item draws terms until it has
// 48 distinct ones: each draw is from its event's own 20 terms with
// probability 1/3 (adding 1 to the term's weight), from its topic's 30 with
// probability 1/2 (adding 1), else from a Zipf background (adding 0.3). So
// the two events of a topic are each tight and share the topic's
// vocabulary: the shape the cohesion rule holds apart (ecbplus's two events
// a topic). About one merge a topic is held back.
func topicItems(n int) (*vector.Rows, []int64) {
	r := rand.New(rand.NewPCG(5, 6))
	z := rand.NewZipf(r, 1.01, 50, 49999)
	draw := func(k int) []uint32 {
		ts := make([]uint32, k)
		for i := range ts {
			ts[i] = uint32(z.Uint64())
		}
		return ts
	}
	rows := &vector.Rows{}
	var topic, event []uint32
	left, events := 0, 0
	for range n {
		if left == 0 {
			if events%2 == 0 {
				topic = draw(30)
			}
			event, left = draw(20), 10+r.IntN(21)
			events++
		}
		left--
		w := map[uint32]float32{}
		for len(w) < 48 {
			switch k := r.IntN(6); {
			case k < 2:
				w[event[r.IntN(len(event))]] += 1
			case k < 5:
				w[topic[r.IntN(len(topic))]] += 1
			default:
				w[uint32(z.Uint64())] += 0.3
			}
		}
		rows.Append(unitVector(w))
	}
	return rows, make([]int64, n)
}

// BenchmarkAverageLinkage clusters the candidate graph where pairs without
// an edge count as zero (what Link does).
func BenchmarkAverageLinkage(b *testing.B) {
	items, times := benchItems(benchN)
	p := DefaultParams()
	edges, _, _ := candidateEdges(context.Background(), items, times, p)
	b.ReportAllocs()
	for b.Loop() {
		averageLinkage(context.Background(), items.Len(), edges, p.Threshold)
	}
	reportPerItem(b, items.Len())
}

// BenchmarkCluster runs the whole of Cluster with default parameters.
func BenchmarkCluster(b *testing.B) {
	items, times := benchItems(benchN)
	p := DefaultParams()
	b.ReportAllocs()
	for b.Loop() {
		Cluster(context.Background(), items, times, p)
	}
	reportPerItem(b, items.Len())
}

// BenchmarkClusterBoosted runs Cluster on stories that are bursts of 20 s an
// hour apart, where the batch's time scale gives a boost and linkage keeps
// each cluster's time slots (slots.go); "off" turns the measurement off.
func BenchmarkClusterBoosted(b *testing.B) {
	items, times := burstItems(rand.New(rand.NewPCG(5, 6)), benchN/12, 12, 3600, 20)
	for _, kappa := range []float64{0.5, 0} {
		name := "on"
		if kappa == 0 {
			name = "off"
		}
		b.Run(name, func(b *testing.B) {
			p := DefaultParams()
			p.TimeEvidence = kappa
			var st Stats
			b.ReportAllocs()
			for b.Loop() {
				_, st, _ = Cluster(context.Background(), items, times, p)
			}
			reportPerItem(b, items.Len())
			b.ReportMetric(st.TimeScale.Boost, "boost")
		})
	}
}
