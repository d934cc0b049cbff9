package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/newsclust/newsclust/pkg/pipeline"
	"github.com/newsclust/newsclust/pkg/report"
)

// jobFlags are the flags of the main command.
type jobFlags struct {
	cfg       pipeline.Config
	out       string
	logFormat string
	logLevel  string
	strict    bool
	window    time.Duration
	progress  bool
	state     *stateFlags // saved state and lock (state.go); nil for eval
	profile   *profileFlags
	memory    memoryFlag
}

// newJobFlags registers the job's flags on fs with the default configuration.
func newJobFlags(fs *flag.FlagSet) *jobFlags {
	f := &jobFlags{cfg: pipeline.DefaultConfig()}
	c := &f.cfg
	fs.StringVar(&f.out, "o", "", "write the report to `file` atomically (default: standard output)")
	fs.IntVar(&c.Workers, "workers", 0, "goroutines for parallel stages (0: one per CPU)")
	fs.StringVar(&c.Lang, "lang", c.Lang, "default language of documents without a lang field (ISO 639-1)")
	fs.IntVar(&c.MaxDocBytes, "max-doc-bytes", 1<<20, "longest title+text kept per document; longer text is truncated")
	fs.IntVar(&c.ShingleSize, "shingle", c.ShingleSize, "tokens per shingle for near-duplicates")
	fs.IntVar(&c.Permutations, "perm", c.Permutations, "MinHash signature length")
	fs.Float64Var(&c.LSHThreshold, "lsh-threshold", c.LSHThreshold, "Jaccard similarity the LSH bands are tuned to catch")
	fs.Float64Var(&c.DupThreshold, "dup-threshold", c.DupThreshold, "shingle Jaccard at which two documents are near-duplicates")
	fs.Float64Var(&c.ShortDupThreshold, "dup-threshold-short", c.ShortDupThreshold, fmt.Sprintf("shingle Jaccard at which two short documents (at most %d distinct shingles each) are near-duplicates", c.ShortShingles))
	fs.Float64Var(&c.DupContainment, "dup-containment", c.DupContainment, "containment at which a shorter document is a truncated copy")
	fs.Float64Var(&c.Story.Threshold, "story-threshold", c.Story.Threshold, "average cosine similarity at which clusters merge into one story")
	fs.Float64Var(&c.Story.Cohesion, "story-cohesion", c.Story.Cohesion, "two clusters of two or more units each (a near-duplicate group counts once) merge only if their average similarity is at least this share of the lower of their internal averages; in [0, 1], 0: off")
	fs.IntVar(&c.Story.Neighbors, "story-neighbors", c.Story.Neighbors, "keep at most this many strongest similarity edges from each article to later ones; edges only nominate clusters to compare, so a few suffice")
	f.window = time.Duration(c.Story.Window) * time.Second
	fs.DurationVar(&f.window, "story-window", f.window, "articles further apart in time than this are less likely to share a story")
	fs.StringVar(&f.logFormat, "log-format", "text", "log format on standard error: text or json")
	fs.StringVar(&f.logLevel, "log-level", "info", "log level: debug, info, warn or error")
	fs.BoolVar(&f.strict, "strict", false, "fail (and write no report) when any record is skipped")
	fs.BoolVar(&f.progress, "progress", isTerminal(os.Stderr), "show progress on standard error (default: when it is a terminal)")
	f.memory.s = "auto"
	fs.Var(&f.memory, "memory-limit", "soft limit of the Go heap: a `size` (3GiB, 3500MiB), off, or auto: GOMEMLIMIT if set, else 3/4 of the machine's memory (see README)")
	f.profile = addProfileFlags(fs)
	return f
}

// check reports a flag value the job cannot use: a similarity threshold
// outside (0, 1], or a cohesion outside [0, 1]. The story threshold is also,
// with -state, the default continuation threshold.
func (f *jobFlags) check() error {
	if c := f.cfg.Story.Cohesion; !(c >= 0 && c <= 1) {
		return fmt.Errorf("-story-cohesion must be in [0, 1], not %v", c)
	}
	for _, t := range []struct {
		flag  string
		value float64
	}{
		{"-story-threshold", f.cfg.Story.Threshold},
		{"-dup-threshold", f.cfg.DupThreshold},
		{"-dup-threshold-short", f.cfg.ShortDupThreshold},
	} {
		if !(t.value > 0 && t.value <= 1) {
			return fmt.Errorf("%s must be in (0, 1], not %v", t.flag, t.value)
		}
	}
	return nil
}

// runJob runs the nightly job.
func runJob(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("cluster", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: cluster [flags] PATH...\n       cluster eval [flags] CORPUS.jsonl\n\nPATH is a directory of .txt/.jsonl files, a .jsonl, .jsonl.gz, .gz or .txt file, or - for standard input.\nFlags may come before or after the paths; -- ends them.\n\nflags:\n")
		fs.PrintDefaults()
	}
	f := newJobFlags(fs)
	f.state = newStateFlags(fs)
	inputs, err := parseArgs(fs, args)
	if err != nil {
		return exitUsage
	}
	if err := f.check(); err != nil {
		fmt.Fprintln(stderr, "cluster:", err)
		return exitUsage
	}
	if len(inputs) == 0 {
		fmt.Fprintln(stderr, "cluster: no input given (see cluster -h)")
		return exitUsage
	}
	logger, err := newLogger(stderr, f.logFormat, f.logLevel)
	if err != nil {
		fmt.Fprintln(stderr, "cluster:", err)
		return exitUsage
	}
	f.cfg.Story.Window = int64(f.window / time.Second)
	f.cfg.Logger = logger
	logger.Debug("memory", "soft_limit_bytes", applyMemory(f.memory.s))
	defer f.state.close()
	if code := f.state.open(&f.cfg, f.out, logger, stderr); code >= 0 {
		return code
	}
	var prog *progress
	if f.progress {
		prog = newProgress(stderr)
		f.cfg.Progress = prog.update
	}
	stopProfile, err := f.profile.start()
	if err != nil {
		fmt.Fprintln(stderr, "cluster:", err)
		return exitFailure
	}
	rep, err := pipeline.Run(ctx, f.cfg, inputs)
	stopProfile()
	prog.done()
	return finish(rep, err, f, stdout, stderr, logger)
}

// finish writes the report and chooses the exit status.
func finish(rep *report.Report, err error, f *jobFlags, stdout, stderr io.Writer, logger *slog.Logger) int {
	switch {
	case errors.Is(err, pipeline.ErrNoDocuments):
		for _, p := range rep.Errors {
			logger.Warn("input problem", "file", p.File, "line", p.Line, "message", p.Message)
		}
		fmt.Fprintln(stderr, "cluster: nothing usable could be read from the input")
		return exitNoInput
	case err != nil:
		fmt.Fprintln(stderr, "cluster:", err)
		return exitFailure
	}
	if f.strict && rep.Counts.Skipped > 0 {
		fmt.Fprintf(stderr, "cluster: -strict: %d records skipped (first: %s:%d: %s); no report written\n",
			rep.Counts.Skipped, rep.Errors[0].File, rep.Errors[0].Line, rep.Errors[0].Message)
		return exitStrict
	}
	if err := writeReport(f.out, rep, stdout, f.cfg.Workers); err != nil {
		fmt.Fprintln(stderr, "cluster:", err)
		return exitNotWritten
	}
	if err := f.state.save(); err != nil {
		fmt.Fprintln(stderr, "cluster:", err)
		return exitNotWritten
	}
	logger.Info("report written", "documents", rep.Counts.Documents, "stories", rep.Counts.Stories,
		"near_duplicate_groups", rep.Counts.NearDuplicateGroups, "skipped", rep.Counts.Skipped, "errors", len(rep.Errors))
	if rep.Counts.Skipped > 0 {
		return exitSkipped
	}
	return exitOK
}

// writeReport writes rep to path atomically, or to stdout for "" or "-",
// encoding on workers goroutines (0: GOMAXPROCS).
func writeReport(path string, rep *report.Report, stdout io.Writer, workers int) error {
	if path == "" || path == "-" {
		return report.EncodeWorkers(stdout, rep, workers)
	}
	return report.AtomicWrite(path, pauseBeforeRename("report", path, func(w io.Writer) error { return report.EncodeWorkers(w, rep, workers) }))
}

func version() string { return "newsclust " + pipeline.Version }
