package main

// This file chooses the originals: the candidates in a seeded order, each
// kept only if its 5-word shingles overlap every kept original by less than
// 0.5 Jaccard. An index from shingle hash to kept originals counts the
// shared shingles, so each candidate is compared only with the originals it
// overlaps at all.

import (
	"hash/fnv"
	"math/rand/v2"
	"strings"

	"github.com/newsclust/newsclust/benchmarks/internal/shingle"
	"github.com/newsclust/newsclust/benchmarks/internal/source"
	"github.com/newsclust/newsclust/benchmarks/internal/synd"
)

// Thresholds of the corpus.
const (
	minWords    = 40  // shortest body an original may have
	shingleSize = 5   // words per shingle
	maxJaccard  = 0.5 // originals must stay below this of each other
	maxContain  = 0.5 // a copy must hold less than this share of another original
)

// original is a real article chosen as the original of a group.
type original struct {
	id, title, text string
	story           string // gold story of the source corpus, for headlines
	shingles        []uint64
}

// candidates returns the real full texts and lead paragraphs of at least
// minWords words, as originals, in a random order drawn from seed.
func candidates(d *source.Data, seed uint64) []*original {
	var out []*original
	for i := range d.Articles {
		a := &d.Articles[i]
		if a.Corpus == "uci-headlines" || a.Words() < minWords {
			continue
		}
		o := &original{id: a.ID, title: a.Title, story: a.Story, text: paragraphs(a, seed)}
		if o.title == "" {
			o.title = source.Headline(a.Sentences[0], 12)
		}
		out = append(out, o)
	}
	r := rand.New(rand.NewPCG(seed, 0x63616e6473))
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// paragraphs joins an article's sentences into paragraphs of one to three
// sentences (a lead paragraph stays one paragraph), deterministically for
// the article and seed.
func paragraphs(a *source.Article, seed uint64) string {
	if a.Corpus != "ecbplus" {
		return strings.Join(a.Sentences, " ")
	}
	h := fnv.New64a()
	h.Write([]byte(a.ID))
	r := rand.New(rand.NewPCG(seed, h.Sum64()))
	var b strings.Builder
	for i, s := range a.Sentences {
		if i > 0 {
			if r.IntN(5) < 2 {
				b.WriteString(synd.ParaSep)
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(s)
	}
	return b.String()
}

// index maps shingle hashes to the picked originals that have them, to
// find the originals a text overlaps quickly.
type index map[uint64][]int32

func (ix index) add(id int32, set []uint64) {
	for _, h := range set {
		ix[h] = append(ix[h], id)
	}
}

// maxOverlap returns the highest Jaccard similarity of set with a picked
// original other than skip (-1 for none), and which one that is.
func (ix index) maxOverlap(set []uint64, picked []*original, skip int32) (float64, int32) {
	best, who := 0.0, int32(-1)
	for id, n := range ix.shared(set, skip) {
		j := shingle.FromCounts(n, len(set), len(picked[id].shingles))
		if j > best || (j == best && id < who) {
			best, who = j, id
		}
	}
	return best, who
}

// maxContained returns the highest share of a picked original's shingles,
// other than skip's, that set holds.
func (ix index) maxContained(set []uint64, picked []*original, skip int32) float64 {
	best := 0.0
	for id, n := range ix.shared(set, skip) {
		best = max(best, float64(n)/float64(len(picked[id].shingles)))
	}
	return best
}

// shared counts, for each picked original other than skip, the shingles
// of set it has.
func (ix index) shared(set []uint64, skip int32) map[int32]int {
	shared := map[int32]int{}
	for _, h := range set {
		for _, id := range ix[h] {
			if id != skip {
				shared[id]++
			}
		}
	}
	return shared
}

// pick keeps the candidates, in order, that stay below maxJaccard with
// every one kept before them, up to n (all when n is 0). It returns the
// kept originals and how many candidates it skipped.
func pick(cands []*original, n int) ([]*original, index, int) {
	ix := index{}
	var picked []*original
	skipped := 0
	for _, o := range cands {
		if n > 0 && len(picked) == n {
			break
		}
		o.shingles = shingle.Set(o.text, shingleSize)
		if j, _ := ix.maxOverlap(o.shingles, picked, -1); j >= maxJaccard {
			skipped++
			continue
		}
		ix.add(int32(len(picked)), o.shingles)
		picked = append(picked, o)
	}
	return picked, ix, skipped
}
