package main

// This file indexes the real material for fast rendering: every sentence
// and headline becomes a template whose names are marked by byte spans, so
// that a renamed story renders it by copying the text between the spans
// and its own names in them, with no parsing per article.

import (
	"math"
	"strings"

	"github.com/newsclust/newsclust/benchmarks/internal/source"
)

// span marks a name inside a template.
type span struct{ start, end, name int32 }

// tmpl is a real sentence or headline with its names marked, so that a
// synthetic story can render it with names of its own.
type tmpl struct {
	text  string
	spans []span
	words int32
}

// realStory is a gold story of the source corpus: a contiguous range of
// sentence templates, its headlines and the stories related to it.
type realStory struct {
	lo, hi   int32 // its sentences are pool.sents[lo:hi]
	avgWords float64
	titles   []tmpl
	related  []int32 // best first
}

// pool is the real material, indexed for fast rendering.
type pool struct {
	sents    []tmpl
	stories  []realStory
	names    []string // name id → name
	renameTo []int32  // ids of the names a renamed story may use
	rich     []int32  // stories with many sentences or headlines
	pubs     []source.Publisher
	pubCum   []int64 // cumulative publisher weights
	vocab    []string
	// reword is the share, in 1/1024ths, of the words of four letters or
	// more, lower-case, that a renamed story replaces with words of vocab
	// (-reword): 0 keeps the real wording.
	reword uint64
}

// richSentences and richTitles make a story rich enough to base a big
// synthetic story on.
const (
	richSentences = 40
	richTitles    = 20
	maxRelated    = 8
)

// newPool builds the templates of every story of d.
func newPool(d *source.Data) *pool {
	p := &pool{names: d.Names, vocab: d.Vocab, pubs: d.Publishers}
	if len(p.pubs) == 0 {
		p.pubs = []source.Publisher{{Name: "Newswire", Host: "newswire.example", Count: 1}}
	}
	ids := make(map[string]int32, len(d.Names))
	for i, n := range d.Names {
		ids[n] = int32(i)
	}
	for i, st := range d.Stories {
		rs := realStory{lo: int32(len(p.sents))}
		words := 0
		for _, s := range st.Sentences {
			p.sents = append(p.sents, makeTmpl(d, ids, s))
			words += source.Words(s)
		}
		rs.hi = int32(len(p.sents))
		if n := rs.hi - rs.lo; n > 0 {
			rs.avgWords = float64(words) / float64(n)
		}
		for _, t := range st.Titles {
			rs.titles = append(rs.titles, makeTmpl(d, ids, t))
		}
		if len(st.Sentences) >= richSentences || len(st.Titles) >= richTitles {
			p.rich = append(p.rich, int32(i))
		}
		p.stories = append(p.stories, rs)
	}
	p.renameTo = frequentNames(d)
	p.pubCum = publisherWeights(p.pubs)
	relate(p, d)
	return p
}

// makeTmpl marks the names of s.
func makeTmpl(d *source.Data, ids map[string]int32, s string) tmpl {
	t := tmpl{text: s, words: int32(source.Words(s))}
	d.NameSpans(s, func(a, b int) {
		t.spans = append(t.spans, span{int32(a), int32(b), ids[s[a:b]]})
	})
	return t
}

// frequentNames returns the ids of the names found in at least two gold
// stories, the stock renamed stories draw from (names found once are often
// misspellings).
func frequentNames(d *source.Data) []int32 {
	count := map[string]int{}
	for _, st := range d.Stories {
		for _, n := range st.Names {
			count[n]++
		}
	}
	var out []int32
	for i, n := range d.Names {
		if count[n] >= 2 {
			out = append(out, int32(i))
		}
	}
	if len(out) == 0 {
		for i := range d.Names {
			out = append(out, int32(i))
		}
	}
	return out
}

// publisherWeights returns cumulative weights that favour big publishers
// without starving the small ones: the square root of each article count.
func publisherWeights(pubs []source.Publisher) []int64 {
	cum := make([]int64, len(pubs))
	var sum int64
	for i, p := range pubs {
		sum += int64(100 * math.Sqrt(float64(p.Count)))
		cum[i] = sum
	}
	return cum
}

// appendReworded appends text to dst, replacing p.reword/1024 of its words
// that begin with four lower-case ASCII letters or more: that run of
// letters is replaced with a word of p.vocab, and what follows it in the
// word (punctuation, a possessive, the rest of a hyphenated word) is kept.
// Which words, and what replaces them, are hashed from the story's rename
// seed and the run, so a story words every sentence the same way, and two
// stories that reuse one real story's sentences word them differently.
func (p *pool) appendReworded(dst []byte, text string, rename uint64) []byte {
	if p.reword == 0 || len(p.vocab) == 0 {
		return append(dst, text...)
	}
	for len(text) > 0 {
		word := text
		if i := strings.IndexByte(text, ' '); i >= 0 {
			word = text[:i+1]
		}
		text = text[len(word):]
		n := 0
		for n < len(word) && word[n] >= 'a' && word[n] <= 'z' {
			n++
		}
		if n >= 4 {
			if h := mix(rename ^ hashWord(word[:n])); h%1024 < p.reword {
				dst = append(dst, p.vocab[(h>>10)%uint64(len(p.vocab))]...)
				dst = append(dst, word[n:]...)
				continue
			}
		}
		dst = append(dst, word...)
	}
	return dst
}

// hashWord is the 64-bit FNV-1a hash of s.
func hashWord(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}
