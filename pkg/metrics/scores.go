// Package metrics evaluates a predicted clustering against gold labels.
//
// Every score is computed from the contingency table of the two partitions:
// the count of documents in each (predicted cluster, gold cluster) cell, with
// its row and column totals (the cluster sizes). A pair of documents is put
// together by a clustering exactly when both fall in the same cluster, so the
// number of pairs joined in a cluster of size k is k(k-1)/2 and all pair counts
// are sums over the table's cells and totals. Building the table and scoring
// it take O(n) time and memory for n documents; no pass over pairs is made.
//
// Degenerate cases follow one rule: identical partitions score 1 on every
// measure, including the empty partition of zero documents. In detail:
//
//   - Pairwise precision is 1 when the prediction joins no pair (nothing was
//     wrongly joined), and pairwise recall is 1 when the gold joins no pair
//     (nothing was missed). So all-singleton predictions get recall 0 against
//     a gold clustering with pairs, and precision 0 is only possible when some
//     pair was joined.
//   - BCubed precision and recall are 1 for zero documents.
//   - An F1 is 0 when its precision and recall are both 0.
//   - ARI follows scikit-learn's adjusted_rand_score: it is 1 when the two
//     partitions are identical up to renaming (which covers zero or one
//     document, both all singletons and both one cluster, where the expected
//     index equals the maximum index and the Hubert–Arabie ratio is 0/0);
//     otherwise the ratio is well defined.
package metrics

import (
	"fmt"
	"io"
)

// Scores compares a predicted clustering with a gold one over the same
// documents. The package comment gives the conventions for degenerate cases.
type Scores struct {
	Documents    int `json:"documents"`
	Clusters     int `json:"clusters"`      // distinct predicted labels
	GoldClusters int `json:"gold_clusters"` // distinct gold labels

	// Pairwise scores count unordered pairs of documents put in the same
	// cluster (as in Miranda et al. 2018): precision is the share of
	// predicted pairs that are gold pairs, recall the share of gold pairs
	// that are predicted, F1 their harmonic mean.
	PairPrecision float64 `json:"pair_precision"`
	PairRecall    float64 `json:"pair_recall"`
	PairF1        float64 `json:"pair_f1"`

	// BCubed scores (Bagga & Baldwin 1998) average over documents: a
	// document's precision is the share of its predicted cluster that shares
	// its gold cluster, its recall the share of its gold cluster that shares
	// its predicted cluster. BCubedF1 is the harmonic mean of the two
	// averages (as in Amigó et al. 2009), not the average of per-document F1.
	BCubedPrecision float64 `json:"bcubed_precision"`
	BCubedRecall    float64 `json:"bcubed_recall"`
	BCubedF1        float64 `json:"bcubed_f1"`

	// ARI is the adjusted Rand index (Hubert & Arabie 1985): 1 for identical
	// partitions, about 0 for independent ones, negative below chance.
	ARI float64 `json:"ari"`
}

// Compare scores pred against gold; pred[i] and gold[i] are the cluster
// labels of document i. Labels are arbitrary strings compared for equality
// only, so renaming the clusters of either side does not change the scores.
//
// Compare panics if len(pred) != len(gold). It runs in O(n) time and
// allocates O(n) memory for n documents (label indexes and the contingency
// table), all of which is garbage when it returns.
func Compare(pred, gold []string) Scores {
	if len(pred) != len(gold) {
		panic(fmt.Sprintf("metrics: Compare with %d predicted and %d gold labels", len(pred), len(gold)))
	}
	t := newTable(pred, gold)
	pc := countPairs(t)
	s := Scores{
		Documents:     t.n,
		Clusters:      len(t.rows),
		GoldClusters:  len(t.cols),
		PairPrecision: ratio(pc.both, pc.pred),
		PairRecall:    ratio(pc.both, pc.gold),
		ARI:           ari(pc, t.n),
	}
	s.PairF1 = f1(s.PairPrecision, s.PairRecall)
	s.BCubedPrecision, s.BCubedRecall = bcubed(t)
	s.BCubedF1 = f1(s.BCubedPrecision, s.BCubedRecall)
	return s
}

// f1 returns the harmonic mean of p and r, or 0 when both are 0.
func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// WriteText writes s as a short aligned block headed by name, for example
//
//	test: 8 documents, 3 clusters, 3 gold clusters
//	  pairwise  P 0.625  R 0.714  F1 0.667
//	  bcubed    P 0.812  R 0.833  F1 0.823
//	  ARI       0.545
//
// The heading omits "name: " when name is empty. Format makes a single call
// to w.Write and returns its error; it allocates only the formatted text.
func (s Scores) WriteText(w io.Writer, name string) error {
	head := ""
	if name != "" {
		head = name + ": "
	}
	_, err := fmt.Fprintf(w, "%s%d documents, %d clusters, %d gold clusters\n"+
		"  pairwise  P %.3f  R %.3f  F1 %.3f\n"+
		"  bcubed    P %.3f  R %.3f  F1 %.3f\n"+
		"  ARI       %.3f\n",
		head, s.Documents, s.Clusters, s.GoldClusters,
		s.PairPrecision, s.PairRecall, s.PairF1,
		s.BCubedPrecision, s.BCubedRecall, s.BCubedF1,
		s.ARI)
	return err
}
