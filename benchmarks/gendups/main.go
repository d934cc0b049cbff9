// Command gendups writes a labelled near-duplicate corpus for accuracy
// checks of near-duplicate detection.
//
//	go run ./benchmarks/gendups -o FILE.jsonl [-seed S] [-data DIR] [-n N]
//
// Originals are real articles from the data directory (see package
// source): ECB+ full texts, split into paragraphs of one to three
// sentences, and AllSides lead paragraphs with their headlines; ECB+
// articles without a headline get their lead's first clause. Only bodies
// of at least 40 words qualify. Candidates are taken in an order drawn from
// -seed and kept greedily when their Jaccard similarity on 5-word shingles
// (lower-cased words) stays below 0.5 with every original kept before
// (a map from shingle hash to kept originals finds the overlaps), so
// different originals are never near-duplicates of each other; -n caps the
// number kept (0, the default, keeps all).
//
// Each original gets 0–4 copies (35/25/20/12/8 %) made with the edits of
// package synd, as syndication makes them: a new headline (often a real
// headline of the same story from another outlet), 1–4 % of words
// replaced, deleted or doubled, and at random a header and footer of the
// copying publisher, truncation to 60–90 %, and a dropped paragraph or
// sentence or an inserted one from another story. A copy that comes out at
// 0.5 or more Jaccard with another group's original, or that holds half or
// more of another group's original's shingles (a short original can be a
// whole inserted paragraph), is made again, and dropped after three tries.
//
// Each line is {"id","title","text","story","dup"}: story and dup both
// hold the original's id, the group label (originals without copies are
// singletons). Records are written in an order shuffled by -seed, so the
// same flags give the same bytes.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"time"

	"github.com/newsclust/newsclust/benchmarks/internal/source"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		fmt.Fprintln(os.Stderr, "gendups:", err)
		os.Exit(1)
	}
}

// config holds the command-line settings.
type config struct {
	out  string
	seed uint64
	data string
	n    int
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("gendups", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.out, "o", "", "output file (.jsonl)")
	fs.Uint64Var(&c.seed, "seed", 1, "random seed")
	fs.StringVar(&c.data, "data", "../shared/data", "directory of the real corpora")
	fs.IntVar(&c.n, "n", 0, "number of originals (0: all that qualify)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	switch {
	case c.out == "":
		return c, errors.New("-o FILE is required")
	case c.n < 0:
		return c, fmt.Errorf("-n %d: must not be negative", c.n)
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
	recs, s := generate(d, c.seed, c.n)
	if err := writeFile(c.out, recs); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "gendups: %d originals (%d candidates, %d skipped as near-duplicates), %d copies (%d dropped), %d records, lowest copy-original Jaccard %.2f, %.1fs -> %s\n",
		s.originals, s.candidates, s.skipped, len(recs)-s.originals, s.dropped, len(recs), s.minJ, time.Since(began).Seconds(), c.out)
	return nil
}

// stats sum up a generated corpus.
type stats struct {
	candidates, originals, skipped, dropped int
	minJ                                    float64
}

// generate picks the originals, makes their copies and shuffles the lot.
func generate(d *source.Data, seed uint64, n int) ([]record, stats) {
	cands := candidates(d, seed)
	picked, ix, skipped := pick(cands, n)
	cp := newCopier(d, seed, picked, ix)
	var recs []record
	for i := range picked {
		recs = append(recs, cp.group(i)...)
	}
	r := rand.New(rand.NewPCG(seed, 0x6f72646572))
	r.Shuffle(len(recs), func(i, j int) { recs[i], recs[j] = recs[j], recs[i] })
	return recs, stats{candidates: len(cands), originals: len(picked), skipped: skipped, dropped: cp.dropped, minJ: cp.minJ}
}

// writeFile writes the records as JSON lines.
func writeFile(path string, recs []record) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	err = writeRecords(bw, recs)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// writeRecords writes one JSON object a line.
func writeRecords(w io.Writer, recs []record) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := range recs {
		if err := enc.Encode(&recs[i]); err != nil {
			return err
		}
	}
	return nil
}
