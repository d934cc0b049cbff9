package main

// The eval subcommand scores stories (and optionally near-duplicate groups)
// against gold labels carried in the corpus records. With -report it scores a
// report written earlier; otherwise it runs the job on the corpus itself, with
// the same flags as the main command, and also prints how long that took.

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/newsclust/newsclust/pkg/metrics"
	"github.com/newsclust/newsclust/pkg/pipeline"
	"github.com/newsclust/newsclust/pkg/report"
)

// evalResult is what eval prints with -json.
type evalResult struct {
	Corpus     string          `json:"corpus"`
	Seconds    float64         `json:"seconds,omitempty"`
	Stories    metrics.Scores  `json:"stories"`
	Duplicates *metrics.Scores `json:"near_duplicates,omitempty"`
	Missing    int             `json:"missing"` // gold documents absent from the report
}

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("cluster eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	f := newJobFlags(fs)
	gold := fs.String("gold", "story", "record `field` holding the gold story label")
	dupGold := fs.String("dup-gold", "", "record `field` holding the gold near-duplicate group (optional)")
	reportPath := fs.String("report", "", "score this report `file` instead of running the job")
	asJSON := fs.Bool("json", false, "print the scores as JSON")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: cluster eval [flags] CORPUS.jsonl\n\nScores the job's stories against gold labels in the corpus.\n\nflags:\n")
		fs.PrintDefaults()
	}
	rest, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	if err := f.check(); err != nil {
		fmt.Fprintln(stderr, "cluster eval:", err)
		return exitUsage
	}
	if len(rest) != 1 {
		fs.Usage()
		return exitUsage
	}
	corpusPath := rest[0]
	res, err := evaluate(ctx, f, corpusPath, *gold, *dupGold, *reportPath)
	if err != nil {
		fmt.Fprintln(stderr, "cluster eval:", err)
		if errors.Is(err, pipeline.ErrNoDocuments) {
			return exitNoInput
		}
		return exitFailure
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(res); err != nil {
			fmt.Fprintln(stderr, "cluster eval:", err)
			return exitNotWritten
		}
		return exitOK
	}
	printEval(stdout, res)
	return exitOK
}

// evaluate produces or loads a report and scores it.
func evaluate(ctx context.Context, f *jobFlags, corpusPath, goldField, dupField, reportPath string) (*evalResult, error) {
	gold, err := metrics.ReadLabels(corpusPath, goldField, false)
	if err != nil {
		return nil, err
	}
	res := &evalResult{Corpus: corpusPath}
	var rep *report.Report
	if reportPath != "" {
		rep, err = loadReport(reportPath)
	} else {
		f.cfg.Story.Window = int64(f.window / time.Second)
		start := time.Now()
		rep, err = pipeline.Run(ctx, f.cfg, []string{corpusPath})
		res.Seconds = time.Since(start).Seconds()
	}
	if err != nil {
		return nil, err
	}
	storyOf, dupOf := rep.Labels()
	p, g, _, missing := metrics.Align(storyOf, gold)
	res.Stories, res.Missing = metrics.Compare(p, g), len(missing)
	if dupField != "" {
		dupGold, err := metrics.ReadLabels(corpusPath, dupField, true)
		if err != nil {
			return nil, err
		}
		p, g, _, _ := metrics.Align(dupOf, dupGold)
		s := metrics.Compare(p, g)
		res.Duplicates = &s
	}
	return res, nil
}

func loadReport(path string) (*report.Report, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var rep report.Report
	if err := json.Unmarshal(b, &rep); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return &rep, nil
}

func printEval(w io.Writer, res *evalResult) {
	res.Stories.WriteText(w, "stories: "+res.Corpus)
	if res.Duplicates != nil {
		res.Duplicates.WriteText(w, "near-duplicates: "+res.Corpus)
	}
	if res.Missing > 0 {
		fmt.Fprintf(w, "%d gold documents are missing from the report\n", res.Missing)
	}
	if res.Seconds > 0 {
		fmt.Fprintf(w, "ran in %.1f s\n", res.Seconds)
	}
}
