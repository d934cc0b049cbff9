// Hand-checked scores.
//
// Every expected number below is worked out by hand in the comment next to its
// case, from the pair counts (A predicted pairs, B gold pairs, T pairs joined
// by both, N = n(n-1)/2 pairs in all) and the per-document BCubed shares.
// ARI is checked with ARI = (T - AB/N) / ((A+B)/2 - AB/N).

package metrics

import (
	"encoding/json"
	"maps"
	"math"
	"slices"
	"strings"
	"testing"
)

// handCases are the hand-checked comparisons.
var handCases = []struct {
	name       string
	pred, gold []string
	pairs      pairCounts // {pred: A, gold: B, both: T}
	want       Scores
}{
	{
		// Gold A={0,1,2} B={3,4,5} C={6,7}; pred x={0,1} y={2,3,4,5} z={6,7}.
		// Cells: x∩A=2, y∩A=1, y∩B=3, z∩C=2.
		// A = 1+6+1 = 8, B = 3+3+1 = 7, T = 1+0+3+1 = 5, N = 28.
		// Pairwise P = 5/8, R = 5/7, F1 = 2T/(A+B) = 10/15 = 2/3.
		// BCubed P per doc: 1, 1, 1/4, 3/4, 3/4, 3/4, 1, 1 → 6.5/8 = 13/16.
		// BCubed R per doc: 2/3, 2/3, 1/3, 1, 1, 1, 1, 1 → (20/3)/8 = 5/6.
		// BCubed F1 = 2(13/16)(5/6)/(13/16+5/6) = (65/48)/(79/48) = 65/79.
		// ARI: AB/N = 56/28 = 2, (A+B)/2 = 7.5 → (5-2)/(7.5-2) = 6/11.
		name:  "small",
		pred:  []string{"x", "x", "y", "y", "y", "y", "z", "z"},
		gold:  []string{"A", "A", "A", "B", "B", "B", "C", "C"},
		pairs: pairCounts{pred: 8, gold: 7, both: 5},
		want: Scores{Documents: 8, Clusters: 3, GoldClusters: 3,
			PairPrecision: 5.0 / 8, PairRecall: 5.0 / 7, PairF1: 2.0 / 3,
			BCubedPrecision: 13.0 / 16, BCubedRecall: 5.0 / 6, BCubedF1: 65.0 / 79,
			ARI: 6.0 / 11},
	},
	{
		// The gold of "small" under other names, reusing the gold names
		// crosswise: A = B = T = 7, so every score is 1.
		name:  "identical",
		pred:  []string{"C", "C", "C", "A", "A", "A", "B", "B"},
		gold:  []string{"A", "A", "A", "B", "B", "B", "C", "C"},
		pairs: pairCounts{pred: 7, gold: 7, both: 7},
		want:  perfect(8, 3, 3),
	},
	{
		// All singletons against the gold of "small": A = 0, B = 7, T = 0.
		// Pairwise P = 1 (no predicted pair), R = 0/7 = 0, F1 = 0.
		// BCubed P = 1 (each cluster is pure); R per doc 1/3 ×3, 1/3 ×3,
		// 1/2 ×2 → 3/8. F1 = 2(3/8)/(11/8) = 6/11.
		// ARI: AB/N = 0, (A+B)/2 = 3.5 → 0/3.5 = 0.
		name:  "singletons vs gold",
		pred:  []string{"a", "b", "c", "d", "e", "f", "g", "h"},
		gold:  []string{"A", "A", "A", "B", "B", "B", "C", "C"},
		pairs: pairCounts{pred: 0, gold: 7, both: 0},
		want: Scores{Documents: 8, Clusters: 8, GoldClusters: 3,
			PairPrecision: 1, PairRecall: 0, PairF1: 0,
			BCubedPrecision: 1, BCubedRecall: 3.0 / 8, BCubedF1: 6.0 / 11,
			ARI: 0},
	},
	{
		// One cluster against the gold of "small": A = 28, B = 7, T = 7.
		// Pairwise P = 7/28 = 1/4, R = 1, F1 = 14/35 = 2/5.
		// BCubed P per doc 3/8 ×3, 3/8 ×3, 2/8 ×2 → (22/8)/8 = 11/32; R = 1.
		// F1 = 2(11/32)/(43/32) = 22/43.
		// ARI: AB/N = 7, (A+B)/2 = 17.5 → (7-7)/(17.5-7) = 0.
		name:  "one cluster vs gold",
		pred:  []string{"all", "all", "all", "all", "all", "all", "all", "all"},
		gold:  []string{"A", "A", "A", "B", "B", "B", "C", "C"},
		pairs: pairCounts{pred: 28, gold: 7, both: 7},
		want: Scores{Documents: 8, Clusters: 1, GoldClusters: 3,
			PairPrecision: 1.0 / 4, PairRecall: 1, PairF1: 2.0 / 5,
			BCubedPrecision: 11.0 / 32, BCubedRecall: 1, BCubedF1: 22.0 / 43,
			ARI: 0},
	},
	{
		// A = B = T = 0: no pairs on either side, so P = R = 1 by
		// convention; BCubed shares are all 1/1; ARI is 0/0 and the
		// partitions are identical, so 1.
		name:  "both singletons",
		pred:  []string{"1", "2", "3", "4"},
		gold:  []string{"a", "b", "c", "d"},
		pairs: pairCounts{},
		want:  perfect(4, 4, 4),
	},
	{
		// A = B = T = N = 6: P = R = 6/6; BCubed shares 4/4; ARI is
		// (6-6)/(6-6) and the partitions are identical, so 1.
		name:  "both one cluster",
		pred:  []string{"p", "p", "p", "p"},
		gold:  []string{"g", "g", "g", "g"},
		pairs: pairCounts{pred: 6, gold: 6, both: 6},
		want:  perfect(4, 1, 1),
	},
	{
		// scikit-learn: adjusted_rand_score([0,0,1,1], [0,0,1,2]) with
		// labels_true first. A = 1, B = 2, T = 1, N = 6.
		// Pairwise P = 1/1, R = 1/2, F1 = 2/3.
		// BCubed P = 1 (pure clusters); R per doc 1, 1, 1/2, 1/2 → 3/4;
		// F1 = 2(3/4)/(7/4) = 6/7.
		// ARI: AB/N = 1/3, (A+B)/2 = 3/2 → (2/3)/(7/6) = 4/7.
		name:  "sklearn",
		pred:  []string{"0", "0", "1", "2"},
		gold:  []string{"0", "0", "1", "1"},
		pairs: pairCounts{pred: 1, gold: 2, both: 1},
		want: Scores{Documents: 4, Clusters: 3, GoldClusters: 2,
			PairPrecision: 1, PairRecall: 1.0 / 2, PairF1: 2.0 / 3,
			BCubedPrecision: 1, BCubedRecall: 3.0 / 4, BCubedF1: 6.0 / 7,
			ARI: 4.0 / 7},
	},
	{
		// The "sklearn" case with the roles swapped: A = 2, B = 1, T = 1.
		// Precision and recall swap; ARI is symmetric in A and B: 4/7.
		name:  "sklearn swapped",
		pred:  []string{"0", "0", "1", "1"},
		gold:  []string{"0", "0", "1", "2"},
		pairs: pairCounts{pred: 2, gold: 1, both: 1},
		want: Scores{Documents: 4, Clusters: 2, GoldClusters: 3,
			PairPrecision: 1.0 / 2, PairRecall: 1, PairF1: 2.0 / 3,
			BCubedPrecision: 3.0 / 4, BCubedRecall: 1, BCubedF1: 6.0 / 7,
			ARI: 4.0 / 7},
	},
	{
		// scikit-learn: adjusted_rand_score([0,0,1,1], [1,1,0,0]) == 1.0;
		// swapped names are the same partition.
		name:  "sklearn renamed",
		pred:  []string{"1", "1", "0", "0"},
		gold:  []string{"0", "0", "1", "1"},
		pairs: pairCounts{pred: 2, gold: 2, both: 2},
		want:  perfect(4, 2, 2),
	},
	{
		// scikit-learn: adjusted_rand_score([0,0,0,0], [0,1,2,3]) == 0.0.
		// A = 0, B = 6, T = 0: P = 1, R = 0, F1 = 0.
		// BCubed P = 1; R = 1/4 for every doc; F1 = 2(1/4)/(5/4) = 2/5.
		// ARI: AB/N = 0, (A+B)/2 = 3 → 0.
		name:  "sklearn singletons",
		pred:  []string{"0", "1", "2", "3"},
		gold:  []string{"0", "0", "0", "0"},
		pairs: pairCounts{pred: 0, gold: 6, both: 0},
		want: Scores{Documents: 4, Clusters: 4, GoldClusters: 1,
			PairPrecision: 1, PairRecall: 0, PairF1: 0,
			BCubedPrecision: 1, BCubedRecall: 1.0 / 4, BCubedF1: 2.0 / 5,
			ARI: 0},
	},
	{
		// scikit-learn: adjusted_rand_score([0,0,1,1], [0,1,0,1]) == -0.5.
		// Every cell holds one document. A = 2, B = 2, T = 0.
		// Pairwise P = 0/2, R = 0/2, F1 = 0 (P+R = 0).
		// BCubed P = R = 1/2 for every doc; F1 = 1/2.
		// ARI: AB/N = 4/6 = 2/3, (A+B)/2 = 2 → (-2/3)/(4/3) = -1/2.
		name:  "below chance",
		pred:  []string{"0", "1", "0", "1"},
		gold:  []string{"0", "0", "1", "1"},
		pairs: pairCounts{pred: 2, gold: 2, both: 0},
		want: Scores{Documents: 4, Clusters: 2, GoldClusters: 2,
			PairPrecision: 0, PairRecall: 0, PairF1: 0,
			BCubedPrecision: 1.0 / 2, BCubedRecall: 1.0 / 2, BCubedF1: 1.0 / 2,
			ARI: -1.0 / 2},
	},
	{
		// Gold has no pairs but the prediction joins one: A = 1, B = 0,
		// T = 0, N = 3. Pairwise P = 0/1 = 0, R = 1 (no gold pair), F1 = 0.
		// BCubed P per doc 1/2, 1/2, 1 → 2/3; R = 1; F1 = (4/3)/(5/3) = 4/5.
		// ARI: AB/N = 0, (A+B)/2 = 1/2 → 0.
		name:  "no gold pairs",
		pred:  []string{"x", "x", "y"},
		gold:  []string{"a", "b", "c"},
		pairs: pairCounts{pred: 1, gold: 0, both: 0},
		want: Scores{Documents: 3, Clusters: 2, GoldClusters: 3,
			PairPrecision: 0, PairRecall: 1, PairF1: 0,
			BCubedPrecision: 2.0 / 3, BCubedRecall: 1, BCubedF1: 4.0 / 5,
			ARI: 0},
	},
	{
		// Zero documents: the empty partitions are identical, so every
		// score is 1 by the package's conventions.
		name: "empty",
		pred: nil,
		gold: []string{},
		want: perfect(0, 0, 0),
	},
	{
		// One document: no pairs (N = 0), one share of 1/1, identical.
		name: "one document",
		pred: []string{""},
		gold: []string{"g"},
		want: perfect(1, 1, 1),
	},
}

// perfect returns the scores of identical partitions.
func perfect(docs, clusters, gold int) Scores {
	return Scores{Documents: docs, Clusters: clusters, GoldClusters: gold,
		PairPrecision: 1, PairRecall: 1, PairF1: 1,
		BCubedPrecision: 1, BCubedRecall: 1, BCubedF1: 1, ARI: 1}
}

func TestCompare(t *testing.T) {
	for _, tc := range handCases {
		t.Run(tc.name, func(t *testing.T) {
			if got := countPairs(newTable(tc.pred, tc.gold)); got != tc.pairs {
				t.Errorf("pair counts = %+v, want %+v", got, tc.pairs)
			}
			checkScores(t, Compare(tc.pred, tc.gold), tc.want, 1e-15)
		})
	}
}

// TestCompareSklearnValue checks the ARI of the scikit-learn documentation
// example. Its docs print 0.5714285714285715, the result of older versions'
// float formula; the correctly rounded 4/7 is 0.5714285714285714, one ulp
// below, and is what Compare returns.
func TestCompareSklearnValue(t *testing.T) {
	for _, c := range [][2][]string{
		{{"0", "0", "1", "2"}, {"0", "0", "1", "1"}},
		{{"0", "0", "1", "1"}, {"0", "0", "1", "2"}},
	} {
		got := Compare(c[0], c[1]).ARI
		if got != 0.5714285714285714 {
			t.Errorf("ARI(%v, %v) = %v, want 0.5714285714285714", c[0], c[1], got)
		}
		if math.Abs(got-0.5714285714285715) > 2e-16 {
			t.Errorf("ARI(%v, %v) = %v, more than an ulp from scikit-learn's 0.5714285714285715", c[0], c[1], got)
		}
	}
}

// TestCompareRenaming checks that scores do not depend on the label strings:
// an injective renaming of either side must give exactly the same scores.
func TestCompareRenaming(t *testing.T) {
	renames := map[string]func(string) string{
		"prefix":  func(s string) string { return "story-" + s },
		"reverse": func(s string) string { r := []rune(s); slices.Reverse(r); return string(r) + "→" },
		"repeat":  func(s string) string { return strings.Repeat(s+"|", 3) },
	}
	for _, tc := range handCases {
		want := Compare(tc.pred, tc.gold)
		for rn, f := range renames {
			pred, gold := apply(tc.pred, f), apply(tc.gold, f)
			for side, got := range map[string]Scores{
				"pred": Compare(pred, tc.gold),
				"gold": Compare(tc.pred, gold),
				"both": Compare(pred, gold),
			} {
				if got != want {
					t.Errorf("%s, %s renaming of %s: got %+v, want %+v", tc.name, rn, side, got, want)
				}
			}
		}
	}
}

// TestCompareDocumentOrder checks that permuting the documents (the same
// permutation on both sides) leaves the scores unchanged up to rounding.
func TestCompareDocumentOrder(t *testing.T) {
	for _, tc := range handCases {
		pred, gold := slices.Clone(tc.pred), slices.Clone(tc.gold)
		slices.Reverse(pred)
		slices.Reverse(gold)
		checkScores(t, Compare(pred, gold), tc.want, 1e-15)
	}
}

func TestComparePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Compare with 2 and 1 labels did not panic")
		}
	}()
	Compare([]string{"a", "b"}, []string{"a"})
}

func TestScoresJSON(t *testing.T) {
	b, err := json.Marshal(Scores{})
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	want := []string{"ari", "bcubed_f1", "bcubed_precision", "bcubed_recall",
		"clusters", "documents", "gold_clusters", "pair_f1", "pair_precision", "pair_recall"}
	if got := slices.Sorted(maps.Keys(m)); !slices.Equal(got, want) {
		t.Errorf("JSON keys = %v, want %v", got, want)
	}
}

func TestWriteText(t *testing.T) {
	var b strings.Builder
	if err := Compare(handCases[0].pred, handCases[0].gold).WriteText(&b, "small"); err != nil {
		t.Fatal(err)
	}
	// The hand-checked values of the "small" case, to three places:
	// 5/8, 5/7, 2/3; 13/16 = 0.8125 (a tie, printed to even), 5/6, 65/79; 6/11.
	const want = "small: 8 documents, 3 clusters, 3 gold clusters\n" +
		"  pairwise  P 0.625  R 0.714  F1 0.667\n" +
		"  bcubed    P 0.812  R 0.833  F1 0.823\n" +
		"  ARI       0.545\n"
	if got := b.String(); got != want {
		t.Errorf("Format wrote\n%s\nwant\n%s", got, want)
	}
	b.Reset()
	if err := perfect(0, 0, 0).WriteText(&b, ""); err != nil {
		t.Fatal(err)
	}
	if got := b.String(); !strings.HasPrefix(got, "0 documents, 0 clusters, 0 gold clusters\n") {
		t.Errorf("Format with no name wrote\n%s", got)
	}
}

// checkScores reports the fields of got that differ from want, floats by more
// than tol.
func checkScores(t *testing.T, got, want Scores, tol float64) {
	t.Helper()
	if got.Documents != want.Documents || got.Clusters != want.Clusters || got.GoldClusters != want.GoldClusters {
		t.Errorf("counts = %d/%d/%d, want %d/%d/%d", got.Documents, got.Clusters, got.GoldClusters,
			want.Documents, want.Clusters, want.GoldClusters)
	}
	for _, f := range []struct {
		name      string
		got, want float64
	}{
		{"PairPrecision", got.PairPrecision, want.PairPrecision},
		{"PairRecall", got.PairRecall, want.PairRecall},
		{"PairF1", got.PairF1, want.PairF1},
		{"BCubedPrecision", got.BCubedPrecision, want.BCubedPrecision},
		{"BCubedRecall", got.BCubedRecall, want.BCubedRecall},
		{"BCubedF1", got.BCubedF1, want.BCubedF1},
		{"ARI", got.ARI, want.ARI},
	} {
		if math.Abs(f.got-f.want) > tol {
			t.Errorf("%s = %v, want %v", f.name, f.got, f.want)
		}
	}
}

func apply(labels []string, f func(string) string) []string {
	out := make([]string, len(labels))
	for i, l := range labels {
		out[i] = f(l)
	}
	return out
}
