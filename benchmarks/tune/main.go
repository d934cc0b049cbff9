// Command tune scores story clustering on labelled corpora for settings other
// than the defaults: the harness behind the measurements in the README that no
// command-line flag of cluster reproduces. Each -set names a field of
// pipeline.Config by its Go path and gives it a value; each threshold of
// -sweep is one row of BCubed F1 / pairwise F1 per corpus.
//
//	go run ./benchmarks/tune [-set Story.Neighbors=20] [-set TitleWeight=3] \
//	    [-sweep 0.2,0.26,0.3] [-gold story] [CORPUS.jsonl ...]
//
// Without corpora it scores every .jsonl file in ../shared/data. A corpus
// whose gold labels are in another file is given as INPUT=GOLD.jsonl, as in
// testdata/seeds=testdata/seeds.gold.jsonl.
//
// With -nn it does not cluster: for each corpus it prints the share of
// documents (in gold stories of two or more) whose nearest other document by
// the cosine of the pipeline's story vectors is in the same gold story, and
// the share with a story-mate among the 2 and 5 nearest (nn.go). -nn-show N
// also prints N of the misses with their nearest neighbour and gold mates.
//
// With -candidates it does not cluster either: it counts the near-duplicate
// candidate pairs that LSH proposes by whether their two documents are in
// one gold story and whether verification keeps them (candidates.go).
//
// With -dendrogram it builds the exact average-linkage tree of each corpus
// (up to 20,000 units) and scores its cuts: at the default threshold, at the
// best global threshold, and by an oracle that follows the gold labels, which
// bounds what any rule for where to stop merging can do, though not the story
// stage's cohesion rule, which builds another tree (dendro.go).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/newsclust/newsclust/pkg/metrics"
	"github.com/newsclust/newsclust/pkg/pipeline"
)

type setFlags []string

func (s *setFlags) String() string     { return strings.Join(*s, ",") }
func (s *setFlags) Set(v string) error { *s = append(*s, v); return nil }

func main() {
	var sets setFlags
	flag.Var(&sets, "set", "Field.Path=value of pipeline.Config (repeatable)")
	sweep := flag.String("sweep", "", "story thresholds to score (default: the configured one)")
	gold := flag.String("gold", "story", "gold story field")
	nn := flag.Bool("nn", false, "print nearest-neighbour-in-own-story rates instead of clustering")
	nnShow := flag.Int("nn-show", 0, "with -nn, print this many misses per corpus")
	cands := flag.Bool("candidates", false, "count near-duplicate candidates by gold story instead of clustering")
	dendro := flag.Bool("dendrogram", false, "score cuts of the exact average-linkage tree instead of clustering")
	flag.Parse()
	corpora := flag.Args()
	if len(corpora) == 0 {
		corpora, _ = filepath.Glob("../shared/data/*.jsonl")
	}
	cfg := pipeline.DefaultConfig()
	for _, s := range sets {
		if err := setField(&cfg, s); err != nil {
			fmt.Fprintln(os.Stderr, "tune:", err)
			os.Exit(2)
		}
	}
	m := mode{nn: *nn, nnShow: *nnShow, candidates: *cands, dendrogram: *dendro}
	if m.count() > 1 || m.count() > 0 && *sweep != "" {
		fmt.Fprintln(os.Stderr, "tune: -nn, -candidates, -dendrogram and -sweep do not go together")
		os.Exit(2)
	}
	if err := run(context.Background(), cfg, corpora, *sweep, *gold, m); err != nil {
		fmt.Fprintln(os.Stderr, "tune:", err)
		os.Exit(1)
	}
}

// setField sets the field of cfg named by the dotted path before "=".
func setField(cfg *pipeline.Config, assign string) error {
	path, value, ok := strings.Cut(assign, "=")
	if !ok {
		return fmt.Errorf("-set %q: want Field.Path=value", assign)
	}
	v := reflect.ValueOf(cfg).Elem()
	for _, name := range strings.Split(path, ".") {
		v = v.FieldByName(name)
		if !v.IsValid() {
			return fmt.Errorf("-set %q: no field %s", assign, name)
		}
	}
	switch v.Kind() {
	case reflect.Float64:
		f, err := strconv.ParseFloat(value, 64)
		if err != nil {
			return fmt.Errorf("-set %q: %w", assign, err)
		}
		v.SetFloat(f)
	case reflect.Int, reflect.Int64:
		i, err := strconv.ParseInt(value, 10, 64)
		if err != nil {
			return fmt.Errorf("-set %q: %w", assign, err)
		}
		v.SetInt(i)
	case reflect.Bool:
		b, err := strconv.ParseBool(value)
		if err != nil {
			return fmt.Errorf("-set %q: %w", assign, err)
		}
		v.SetBool(b)
	default:
		return fmt.Errorf("-set %q: field of kind %s cannot be set", assign, v.Kind())
	}
	return nil
}

// mode selects what run measures instead of clustering, if anything.
type mode struct {
	nn         bool
	nnShow     int
	candidates bool
	dendrogram bool
}

// count returns how many measures m selects.
func (m mode) count() int {
	n := 0
	for _, on := range []bool{m.nn, m.candidates, m.dendrogram} {
		if on {
			n++
		}
	}
	return n
}

func run(ctx context.Context, cfg pipeline.Config, corpora []string, sweep, gold string, m mode) error {
	thresholds := []float64{cfg.Story.Threshold}
	if sweep != "" {
		thresholds = thresholds[:0]
		for _, f := range strings.Split(sweep, ",") {
			th, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
			if err != nil {
				return fmt.Errorf("bad -sweep value %q", f)
			}
			thresholds = append(thresholds, th)
		}
	}
	labels := make([]map[string]string, len(corpora))
	inputs := make([]string, len(corpora))
	for i, c := range corpora {
		inputs[i] = c
		if in, g, ok := strings.Cut(c, "="); ok {
			inputs[i], c = in, g
		}
		l, err := metrics.ReadLabels(c, gold, false)
		if err != nil {
			return err
		}
		labels[i] = l
	}
	switch {
	case m.nn:
		return runNN(ctx, cfg, inputs, labels, m.nnShow)
	case m.candidates:
		return runCandidates(ctx, cfg, inputs, labels)
	case m.dendrogram:
		return runDendrogram(ctx, cfg, inputs, labels, runtime.GOMAXPROCS(0))
	}
	fmt.Print("| threshold |")
	for _, in := range inputs {
		fmt.Printf(" %s |", filepath.Base(in))
	}
	fmt.Print(" seconds |\n|---|")
	for range corpora {
		fmt.Print("---|")
	}
	fmt.Println("---|")
	for _, th := range thresholds {
		cfg.Story.Threshold = th
		fmt.Printf("| %.3f |", th)
		start := time.Now()
		for i, in := range inputs {
			rep, err := pipeline.Run(ctx, cfg, []string{in})
			if err != nil {
				return err
			}
			story, _ := rep.Labels()
			p, g, _, _ := metrics.Align(story, labels[i])
			s := metrics.Compare(p, g)
			fmt.Printf(" %.3f / %.3f |", s.BCubedF1, s.PairF1)
		}
		fmt.Printf(" %.1f |\n", time.Since(start).Seconds())
	}
	return nil
}
