// Command nightly simulates cron: it splits a gencorpus corpus by day into
// nightly batches, runs the job night after night with one state directory,
// and prints the accuracy of all nights together next to one run over the
// whole corpus, how well stories that span nights kept their ids, and
// whether running the last night again left the state unchanged.
//
//	go run ./benchmarks/gencorpus -n 20000 -o /tmp/c.jsonl
//	go run ./benchmarks/nightly -corpus /tmp/c.jsonl [-dir DIR] [-workers N]
//
// See nightly.go for what is measured.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"iter"
	"maps"
	"os"

	"github.com/newsclust/newsclust/pkg/metrics"
	"github.com/newsclust/newsclust/pkg/pipeline"
)

func main() {
	corpus := flag.String("corpus", "", "gencorpus JSONL `file` (not gzip)")
	dir := flag.String("dir", "", "work `directory` for batches, state and nightly reports (default: a temporary one)")
	workers := flag.Int("workers", 0, "goroutines (0: one per CPU)")
	cont := flag.Float64("continue", 0, "average similarity to continue a saved story (0: the story threshold)")
	flag.Parse()
	if *corpus == "" {
		flag.Usage()
		os.Exit(2)
	}
	if !(*cont >= 0 && *cont <= 1) { // NaN fails too
		fmt.Fprintf(os.Stderr, "nightly: -continue %v: must be in [0, 1]\n", *cont)
		os.Exit(2)
	}
	if *dir == "" {
		d, err := os.MkdirTemp("", "nightly-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		defer os.RemoveAll(d)
		*dir = d
	}
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	cfg := pipeline.DefaultConfig()
	cfg.Workers, cfg.Continue = *workers, *cont
	sim, err := runNights(context.Background(), cfg, *corpus, *dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "nightly:", err)
		os.Exit(1)
	}
	sim.write(os.Stdout)
}

// write prints the simulation as Markdown tables.
func (sim *simulation) write(w io.Writer) {
	fmt.Fprintln(w, "| night | documents | new | updated | unchanged | earlier duplicates | pruned | saved stories | state bytes | seconds |")
	fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, n := range sim.Nights {
		c := n.Counts
		fmt.Fprintf(w, "| %s | %d | %d | %d | %d | %d | %d | %d | %d | %.1f |\n", n.Night, n.Documents,
			c.New, c.Updated, c.Unchanged, c.EarlierDuplicates, c.Pruned, c.SavedStories, n.StateSize, n.Seconds)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| run | clusters | pairwise P | R | F1 | BCubed P | R | F1 | ARI | multi-night stories | night-to-night id kept | one id throughout |")
	fmt.Fprintln(w, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for k, name := range []string{"nightly, with -state", "one run over all"} {
		s := []metrics.Scores{sim.Nightly, sim.OneShot}[k]
		c := sim.Continuity[k]
		fmt.Fprintf(w, "| %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %d | %.3f | %.3f |\n",
			name, s.Clusters, s.PairPrecision, s.PairRecall, s.PairF1, s.BCubedPrecision, s.BCubedRecall, s.BCubedF1, s.ARI,
			c.Stories, c.StepsShare, c.OneIDShare)
	}
	fmt.Fprintf(w, "\nlast night run again: state unchanged: %v (stories: %d new, %d updated, %d unchanged)\n",
		sim.Idempotent, sim.Rerun.New, sim.Rerun.Updated, sim.Rerun.Unchanged)
}

func mapsKeys[K comparable, V any](m map[K]V) iter.Seq[K] { return maps.Keys(m) }
