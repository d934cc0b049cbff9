// Command quality is the accuracy scoreboard: it runs the job with its default
// configuration on every labelled corpus in the data directory and on the
// seed articles, and prints one table of scores against the gold stories,
// then a sweep of the story threshold (the one parameter that trades
// precision for recall), then the near-duplicate scores on a corpus of
// syndicated copies made by gendups, beside plain MinHash-LSH.
//
//	go run ./benchmarks/quality [-data ../shared/data] [-sweep 0.1,0.15,...] [-dups FILE]
//
// Without -dups it generates the near-duplicate corpus with gendups into a
// temporary directory (that takes a few seconds).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/newsclust/newsclust/pkg/metrics"
	"github.com/newsclust/newsclust/pkg/pipeline"
)

func main() {
	data := flag.String("data", "../shared/data", "directory of labelled .jsonl corpora")
	seeds := flag.String("seeds", "testdata/seeds", "directory of the seed articles")
	seedGold := flag.String("seeds-gold", "testdata/seeds.gold.jsonl", "gold stories of the seed articles")
	sweep := flag.String("sweep", "0.10,0.15,0.18,0.22,0.26,0.30,0.35", "story thresholds to sweep (empty: no sweep)")
	dups := flag.String("dups", "", "labelled near-duplicate corpus (default: generate one with gendups)")
	flag.Parse()
	if err := run(context.Background(), *data, *seeds, *seedGold, *sweep, *dups); err != nil {
		fmt.Fprintln(os.Stderr, "quality:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, data, seeds, seedGold, sweep, dups string) error {
	corpora, err := filepath.Glob(filepath.Join(data, "*.jsonl"))
	if err != nil || len(corpora) == 0 {
		return fmt.Errorf("no .jsonl corpora in %s", data)
	}
	fmt.Printf("newsclust %s, default configuration, %s\n\n", pipeline.Version, time.Now().UTC().Format("2006-01-02"))
	fmt.Println("| corpus | documents | gold stories | found stories | pairwise P | pairwise R | pairwise F1 | BCubed F1 | ARI | seconds |")
	fmt.Println("|---|---|---|---|---|---|---|---|---|---|")
	for _, c := range corpora {
		if err := scoreRow(ctx, filepath.Base(c), c, c, pipeline.DefaultConfig()); err != nil {
			return err
		}
	}
	if err := scoreRow(ctx, "seeds", seeds, seedGold, pipeline.DefaultConfig()); err != nil {
		return err
	}
	if sweep != "" {
		if err := sweepThreshold(ctx, corpora, sweep); err != nil {
			return err
		}
	}
	return nearDuplicates(ctx, dups, data)
}

// score runs the job on input and scores its stories against gold.
func score(ctx context.Context, input, gold string, cfg pipeline.Config) (metrics.Scores, float64, error) {
	labels, err := metrics.ReadLabels(gold, "story", false)
	if err != nil {
		return metrics.Scores{}, 0, err
	}
	start := time.Now()
	rep, err := pipeline.Run(ctx, cfg, []string{input})
	if err != nil {
		return metrics.Scores{}, 0, err
	}
	secs := time.Since(start).Seconds()
	story, _ := rep.Labels()
	p, g, _, _ := metrics.Align(story, labels)
	return metrics.Compare(p, g), secs, nil
}

func scoreRow(ctx context.Context, name, input, gold string, cfg pipeline.Config) error {
	s, secs, err := score(ctx, input, gold, cfg)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	fmt.Printf("| %s | %d | %d | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.1f |\n", name, s.Documents, s.GoldClusters,
		s.Clusters, s.PairPrecision, s.PairRecall, s.PairF1, s.BCubedF1, s.ARI, secs)
	return nil
}

// sweepThreshold prints BCubed and pairwise F1 for each story threshold.
func sweepThreshold(ctx context.Context, corpora []string, list string) error {
	fmt.Println("\nStory threshold sweep (BCubed F1 / pairwise F1); the default is", pipeline.DefaultConfig().Story.Threshold)
	fmt.Print("\n| threshold |")
	for _, c := range corpora {
		fmt.Printf(" %s |", filepath.Base(c))
	}
	fmt.Print("\n|---|")
	for range corpora {
		fmt.Print("---|")
	}
	fmt.Println()
	for _, f := range strings.Split(list, ",") {
		th, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil {
			return fmt.Errorf("bad -sweep value %q", f)
		}
		cfg := pipeline.DefaultConfig()
		cfg.Story.Threshold = th
		fmt.Printf("| %.2f |", th)
		for _, c := range corpora {
			s, _, err := score(ctx, c, c, cfg)
			if err != nil {
				return err
			}
			fmt.Printf(" %.3f / %.3f |", s.BCubedF1, s.PairF1)
		}
		fmt.Println()
	}
	return nil
}
