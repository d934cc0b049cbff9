package main

// Near-duplicate scoring. The job's groups are compared with the gold groups
// of a gendups corpus, and so is plain MinHash-LSH as a data engineer would
// first write it: lower-cased 5-word shingles, 128 permutations, bands tuned
// to Jaccard 0.5, and every pair that shares a band accepted as it is.

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/newsclust/newsclust/pkg/analysis"
	"github.com/newsclust/newsclust/pkg/corpus"
	"github.com/newsclust/newsclust/pkg/metrics"
	"github.com/newsclust/newsclust/pkg/pipeline"
	"github.com/newsclust/newsclust/pkg/shingle"
)

func nearDuplicates(ctx context.Context, path, data string) error {
	if path == "" {
		dir, err := os.MkdirTemp("", "quality-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, "dups.jsonl")
		cmd := exec.CommandContext(ctx, "go", "run", "./benchmarks/gendups", "-data", data, "-o", path)
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("gendups: %w", err)
		}
	}
	gold, err := metrics.ReadLabels(path, "dup", true)
	if err != nil {
		return err
	}
	fmt.Printf("\nNear-duplicates on %s (%d documents)\n\n", filepath.Base(path), len(gold))
	fmt.Println("| method | groups found | gold groups | pairwise P | pairwise R | pairwise F1 | seconds |")
	fmt.Println("|---|---|---|---|---|---|---|")
	start := time.Now()
	rep, err := pipeline.Run(ctx, pipeline.DefaultConfig(), []string{path})
	if err != nil {
		return err
	}
	_, dup := rep.Labels()
	dupRow("newsclust defaults (verified)", dup, gold, time.Since(start).Seconds())
	start = time.Now()
	plain, err := plainLSH(ctx, path)
	if err != nil {
		return err
	}
	dupRow("plain MinHash-LSH, J 0.5, 5-word shingles", plain, gold, time.Since(start).Seconds())
	return nil
}

func dupRow(name string, pred, gold map[string]string, secs float64) {
	p, g, _, _ := metrics.Align(pred, gold)
	s := metrics.Compare(p, g)
	fmt.Printf("| %s | %d | %d | %.4f | %.4f | %.4f | %.1f |\n", name, s.Clusters, s.GoldClusters, s.PairPrecision, s.PairRecall, s.PairF1, secs)
}

// plainLSH groups the documents of path by unverified MinHash-LSH candidates.
func plainLSH(ctx context.Context, path string) (map[string]string, error) {
	var ids []string
	var sets [][]uint64
	_, err := corpus.Read(ctx, []string{path}, corpus.Options{}, func(d corpus.Document) error {
		ids = append(ids, d.ID)
		sets = append(sets, wordShingles(d.Text, 5))
		return nil
	})
	if err != nil {
		return nil, err
	}
	sk := shingle.NewSketcher(128)
	sigs := shingle.NewSignatures(len(ids), 128)
	for i, s := range sets {
		sk.Sign(sigs.At(i)[:0], s)
	}
	b, r := shingle.OptimalParams(0.5, 128, 0.5, 0.5)
	lsh := shingle.NewLSH(b, r)
	lsh.AddAll(sigs, 2)
	pairs, _ := lsh.Candidates(nil, 2)
	uf := shingle.NewUnionFind(len(ids))
	for _, p := range pairs {
		uf.Union(p.A, p.B)
	}
	out := make(map[string]string, len(ids))
	for i, id := range ids {
		out[id] = ids[uf.Find(int32(i))]
	}
	return out, nil
}

// wordShingles returns the set of k-word shingles of the lower-cased words of text.
func wordShingles(text string, k int) []uint64 {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
	})
	hashes := make([]uint64, len(words))
	for i, w := range words {
		hashes[i] = analysis.HashString(w)
	}
	return shingle.Set(shingle.Shingles(nil, hashes, k))
}
