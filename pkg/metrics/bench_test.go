// Benchmark of Compare at the scale of a large news corpus.

package metrics

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// BenchmarkCompare scores 1M documents in 50,000 gold stories of 20 against
// a prediction that keeps 90% of documents in their story and scatters the
// rest.
func BenchmarkCompare(b *testing.B) {
	const n, size = 1_000_000, 20
	r := rand.New(rand.NewPCG(3, 4))
	pred, gold := make([]string, n), make([]string, n)
	for i := range n {
		gold[i] = "story-" + strconv.Itoa(i/size)
		pred[i] = "c" + strconv.Itoa(i/size)
		if r.IntN(10) == 0 {
			pred[i] = "c" + strconv.Itoa(r.IntN(n/size))
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		Compare(pred, gold)
	}
}
