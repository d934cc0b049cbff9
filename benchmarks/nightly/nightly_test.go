package main

// The nightly simulation at a small scale (3,000 articles over 7 nights) as
// part of go test. It needs the corpora in ../shared/data to generate the
// corpus, and is skipped without them.

import (
	"context"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/newsclust/newsclust/benchmarks/internal/source"
	"github.com/newsclust/newsclust/pkg/pipeline"
)

func TestNightly(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a corpus and runs eight nights")
	}
	if _, ok := source.FindDir("."); !ok {
		t.Skip("no data directory at", source.DefaultDir, "from the module root")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to run gencorpus")
	}
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus.jsonl")
	gen := exec.Command(goBin, "run", "./benchmarks/gencorpus", "-n", "3000", "-o", corpus)
	gen.Dir = "../.."
	if out, err := gen.CombinedOutput(); err != nil {
		t.Fatalf("gencorpus: %v\n%s", err, out)
	}
	sim, err := runNights(context.Background(), pipeline.DefaultConfig(), corpus, dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(sim.Nights) != 7 {
		t.Fatalf("%d nights, want 7", len(sim.Nights))
	}
	if !sim.Idempotent || sim.Rerun.New+sim.Rerun.Updated != 0 {
		t.Errorf("running the last night again: state unchanged %v, %d new and %d updated stories",
			sim.Idempotent, sim.Rerun.New, sim.Rerun.Updated)
	}
	nightly, one := sim.Continuity[0], sim.Continuity[1]
	t.Logf("nightly: BCubed F1 %.3f, pairwise F1 %.3f, ids kept night to night %.3f (%d multi-night stories)",
		sim.Nightly.BCubedF1, sim.Nightly.PairF1, nightly.StepsShare, nightly.Stories)
	t.Logf("one run: BCubed F1 %.3f, pairwise F1 %.3f, ids kept night to night %.3f",
		sim.OneShot.BCubedF1, sim.OneShot.PairF1, one.StepsShare)
	if nightly.Stories < 50 || nightly.StepsShare < 0.7 {
		t.Errorf("only %.3f of %d multi-night stories kept their id from night to night, want at least 0.7",
			nightly.StepsShare, nightly.Stories)
	}
	if sim.Nightly.BCubedF1 < sim.OneShot.BCubedF1-0.08 || sim.Nightly.PairF1 < sim.OneShot.PairF1-0.08 {
		t.Errorf("nightly F1 (BCubed %.3f, pairwise %.3f) far below one run's (%.3f, %.3f)",
			sim.Nightly.BCubedF1, sim.Nightly.PairF1, sim.OneShot.BCubedF1, sim.OneShot.PairF1)
	}
}
