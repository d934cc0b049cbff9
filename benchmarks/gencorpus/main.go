// Command gencorpus writes a synthetic news corpus for the clustering and
// near-duplicate benchmarks, built from real news sentences.
//
//	go run ./benchmarks/gencorpus -n N -o FILE.jsonl[.gz] [-seed S] [-data DIR] [-days D] [-reword F]
//
// Each line is a JSON article: id, title, text, published (RFC 3339), url,
// source, story (the gold story id) and dup_of (the id of the article this
// one is a near-duplicate copy of, or empty).
//
// The text is real. The real gold stories of the data directory (see
// package source) are the material: each synthetic story is based on one
// real story and also draws on the stories most related to it (by shared
// distinctive words). Every real story is used once with its real names;
// after that, and for the big stories, a synthetic story mixes its base
// with one or two other stories (mostly related ones) and replaces every
// name by one of its own, drawn from the corpus's names by a hash of the
// story's seed. So stories about the same kind of event share vocabulary
// and differ mainly in names, as in real news, and are hard to separate.
// There are about 3,200 real stories, so at a million articles each serves
// about sixty synthetic ones, whose articles then share most of their
// text: pairs across stories with much text in common grow with the square
// of the corpus. -reword F gives each renamed story its own wording as well:
// it replaces the share F of its lower-case words of four letters or more
// (the same words, the same way, in all its sentences) with words of the
// real vocabulary. The text reads less naturally; the default, 0, keeps it.
//
// Story sizes are heavy-tailed (P(size ≥ k) = k^-1.2: most stories have
// one to three articles, some hundreds). A story runs for three hours to
// five days (a day at least for big ones) inside the -days window, its
// articles front-loaded. Article bodies are log-normal in length around
// 500 words (up to 6,000) of the story's sentences in paragraphs of one to
// three sentences; headlines are the story's real headlines or the lead's
// first clause. 12 % of the articles are syndicated copies of others
// (package synd: header and footer lines, truncation, 1–4 % of words
// changed, a new headline), run by another publisher a few hours later.
// Publishers and their hosts are those of the headline corpus.
//
// Everything random comes from -seed. The plan (stories, times, seeds) is
// drawn first, in one sequence; then each article's text is a function of
// its own seed alone, so chunks of articles are rendered in parallel and
// written in order, and the output is the same bytes for any number of
// cores. Articles are written in order of publication; JSON is written by
// hand. With a .gz name each chunk is compressed by its worker as a gzip
// member of its own (at gzip.BestSpeed, about three times as fast as the
// default level for a fifth more bytes); gzip readers read the
// concatenated members as one stream.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/newsclust/newsclust/benchmarks/internal/source"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(1)
	}
}

// config holds the command-line settings.
type config struct {
	n      int
	out    string
	seed   uint64
	data   string
	days   int
	reword float64
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("gencorpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.IntVar(&c.n, "n", 1000, "number of articles")
	fs.StringVar(&c.out, "o", "", "output file (.jsonl, or .jsonl.gz for gzip)")
	fs.Uint64Var(&c.seed, "seed", 1, "random seed")
	fs.StringVar(&c.data, "data", "../shared/data", "directory of the real corpora")
	fs.IntVar(&c.days, "days", 7, "days the publication times span")
	fs.Float64Var(&c.reword, "reword", 0, "share of a renamed story's lower-case words of 4+ letters it replaces, so that stories reusing one real story's sentences word them differently (0: real wording; in steps of 1/1024)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	switch {
	case c.out == "":
		return c, errors.New("-o FILE is required")
	case c.n < 0:
		return c, fmt.Errorf("-n %d: must not be negative", c.n)
	case c.days < 1:
		return c, fmt.Errorf("-days %d: must be at least 1", c.days)
	case c.reword < 0 || c.reword > 1:
		return c, fmt.Errorf("-reword %v: must be between 0 and 1", c.reword)
	case fs.NArg() > 0:
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	return c, nil
}

func run(args []string, stderr io.Writer) error {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	began := time.Now()
	d, err := source.Load(c.data)
	if err != nil {
		return err
	}
	f, err := os.Create(c.out)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 8<<20)
	p := newPool(d)
	p.reword = uint64(math.Round(c.reword * 1024))
	s, err := generate(bw, p, c.n, c.seed, c.days, strings.HasSuffix(c.out, ".gz"), runtime.GOMAXPROCS(0))
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("%s: %w", c.out, err)
	}
	fi, err := os.Stat(c.out)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "gencorpus: %d articles, %d stories, %d duplicates, %d bytes (%d on disk), %.1fs -> %s\n",
		c.n, s.stories, s.dups, s.raw, fi.Size(), time.Since(began).Seconds(), c.out)
	return nil
}

// stats sum up a generated corpus.
type stats struct {
	stories, dups int
	raw           int64 // JSON bytes before any compression
}

// generate writes n articles planned from seed to w.
func generate(w io.Writer, p *pool, n int, seed uint64, days int, gz bool, workers int) (stats, error) {
	pl := makePlan(p, n, seed, days)
	raw, err := write(w, p, pl, gz, workers)
	return stats{stories: len(pl.stories), dups: pl.dups, raw: raw}, err
}
