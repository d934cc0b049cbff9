// A runnable example for the package documentation.

package metrics_test

import (
	"fmt"
	"os"

	"github.com/newsclust/newsclust/pkg/metrics"
)

func ExampleCompare() {
	pred := map[string]string{"a1": "s1", "a2": "s1", "a3": "s2", "a4": "s3", "a5": "s9"}
	gold := map[string]string{"a1": "quake", "a2": "quake", "a3": "vote", "a4": "vote"}
	p, g, missingGold, missingPred := metrics.Align(pred, gold)
	fmt.Println("not in gold:", missingGold, "not predicted:", missingPred)
	s := metrics.Compare(p, g)
	if err := s.WriteText(os.Stdout, "example"); err != nil {
		fmt.Println(err)
	}
	// Output:
	// not in gold: [a5] not predicted: []
	// example: 4 documents, 3 clusters, 2 gold clusters
	//   pairwise  P 1.000  R 0.500  F1 0.667
	//   bcubed    P 1.000  R 0.750  F1 0.857
	//   ARI       0.571
}
