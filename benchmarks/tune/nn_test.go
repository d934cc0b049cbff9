package main

import (
	"context"
	"testing"

	"github.com/newsclust/newsclust/pkg/metrics"
	"github.com/newsclust/newsclust/pkg/pipeline"
)

// On the seeds, the two reports of one call are each other's nearest
// neighbour; the third report is alone in its story and not counted.
func TestMeasureNNSeeds(t *testing.T) {
	gold, err := metrics.ReadLabels("../../testdata/seeds.gold.jsonl", "story", false)
	if err != nil {
		t.Fatal(err)
	}
	res, err := measureNN(context.Background(), pipeline.DefaultConfig(), "../../testdata/seeds", gold, 0, 2)
	if err != nil {
		t.Fatal(err)
	}
	if res.docs != 2 || res.hits[0] != 2 {
		t.Fatalf("docs %d, top-1 hits %d; want 2, 2", res.docs, res.hits[0])
	}
}
