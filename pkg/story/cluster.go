package story

import (
	"context"
	"fmt"

	"github.com/newsclust/newsclust/pkg/vector"
)

// Stats describes a call of Cluster.
type Stats struct {
	Edges     int       // candidate edges
	TimeScale TimeScale // the batch's time scale, unless p.TimeEvidence turns the measurement off
}

// Cluster groups items into stories. items holds one unit vector per item and
// times their publication times in Unix seconds (0 when unknown). Two
// clusters merge while the average cosine of all pairs of their items, scaled
// by the time between them (Params.Window and Params.Decay, and the time scale
// measured on the batch, timescale.go), is at least p.Threshold, the
// candidate graph joins them and, when p.Cohesion is positive and both have
// two or more items, it is at least p.Cohesion times the lower of their
// internal averages of plain cosines (cohesion.go). It returns each item's
// label, the smallest index of an item in its story, and Stats. The result
// depends only on the inputs and p's thresholds, not on p.Workers. It panics
// if len(times) differs from items.Len().
func Cluster(ctx context.Context, items *vector.Rows, times []int64, p Params) (labels []int32, st Stats, err error) {
	if len(times) != items.Len() {
		panic(fmt.Sprintf("story: %d times for %d items", len(times), items.Len()))
	}
	es, scale, err := candidateEdges(ctx, items, times, p)
	if err != nil {
		return nil, Stats{}, err
	}
	p.scale = scale
	st = Stats{Edges: len(es), TimeScale: scale}
	labels, _, err = sumLinkage(ctx, items, times, es, p)
	return labels, st, err
}

// Link clusters n items joined by edges (I < J, each pair once) by average
// linkage, merging clusters while their average similarity (pairs without an
// edge count as zero) is at least threshold, and returns each item's label:
// the smallest index of an item in its cluster. It is the second half of
// Cluster, for callers that build their own graph.
func Link(ctx context.Context, n int, edges []Edge, threshold float64) ([]int32, error) {
	return averageLinkage(ctx, n, edges, threshold)
}
