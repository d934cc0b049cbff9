package main

// Where near-duplicate candidates come from. LSH proposes pairs of
// documents whose signatures agree in a band; verification keeps the
// near-duplicates. On a labelled corpus each pair either joins two
// documents of one gold story or of two stories. Pairs within a story grow
// with the story sizes; pairs across stories grow with how often different
// stories share text, which on a generated corpus is how often its stories
// reuse the same real material. Comparing the two at two corpus sizes tells
// a corpus that grows in step from one whose candidates grow faster.

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/newsclust/newsclust/pkg/pipeline"
)

// candidateCounts counts candidate pairs by whether their documents share a
// gold story and whether verification kept them.
type candidateCounts struct {
	docs                     int
	sameKept, sameRejected   int
	crossKept, crossRejected int
	unlabelled               int // pairs with a document the gold labels lack
}

// countCandidates sorts the candidates c by the gold stories in gold.
func countCandidates(c *pipeline.Candidates, gold map[string]string) candidateCounts {
	n := candidateCounts{docs: len(c.IDs)}
	for i, p := range c.Pairs {
		ga, okA := gold[c.IDs[p.A]]
		gb, okB := gold[c.IDs[p.B]]
		switch {
		case !okA || !okB:
			n.unlabelled++
		case ga == gb && c.Accepted[i]:
			n.sameKept++
		case ga == gb:
			n.sameRejected++
		case c.Accepted[i]:
			n.crossKept++
		default:
			n.crossRejected++
		}
	}
	return n
}

// runCandidates prints, for each corpus, its candidate pairs by gold story
// and verification.
func runCandidates(ctx context.Context, cfg pipeline.Config, inputs []string, labels []map[string]string) error {
	fmt.Println("| corpus | documents | candidates | same story: kept | same story: rejected | other story: kept | other story: rejected | unlabelled | seconds |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|")
	for i, in := range inputs {
		start := time.Now()
		c, err := pipeline.CandidatePairs(ctx, cfg, []string{in})
		if err != nil {
			return err
		}
		n := countCandidates(c, labels[i])
		fmt.Printf("| %s | %d | %d | %d | %d | %d | %d | %d | %.1f |\n", filepath.Base(in), n.docs, len(c.Pairs),
			n.sameKept, n.sameRejected, n.crossKept, n.crossRejected, n.unlabelled, time.Since(start).Seconds())
	}
	return nil
}
