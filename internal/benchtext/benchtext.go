// Package benchtext makes deterministic news-like text for benchmarks, so
// that they run without the data in ../shared/data.
//
// Articles are built from the sentences of a small embedded sample of real
// news (the seed articles of testdata). To give the vocabulary the long tail
// of a real corpus, a fraction of the words is replaced by synthetic words
// drawn from a Zipf distribution over a large made-up lexicon: syllables with
// English suffixes, some capitalised as names. The same arguments give the
// same text.
package benchtext

import (
	_ "embed"
	"math/rand/v2"
	"strings"
)

//go:embed sample.txt
var sample string

// Article is one generated article.
type Article struct {
	Title, Text string
}

// Generator makes articles. It is not safe for concurrent use.
type Generator struct {
	rnd       *rand.Rand
	zipf      *rand.Zipf
	sentences []string
	lexicon   []string
}

// New returns a generator seeded with seed whose made-up lexicon has
// lexicon words.
func New(seed uint64, lexicon int) *Generator {
	r := rand.New(rand.NewPCG(seed, 0x6e657773))
	g := &Generator{rnd: r, zipf: rand.NewZipf(r, 1.1, 2, uint64(lexicon-1)), sentences: sentences(sample)}
	for i := range lexicon {
		g.lexicon = append(g.lexicon, word(r, i))
	}
	return g
}

var (
	syllables = []string{"ka", "ro", "mi", "te", "lan", "dor", "vi", "sel", "pra", "gu", "nor", "est", "bri", "tal", "mon", "ze", "pul", "cor", "fin", "ash"}
	suffixes  = []string{"", "", "", "s", "ed", "ing", "er", "ation", "ly", "ment", "ness", "ies", "al"}
)

// word makes the i-th word of the lexicon; about one in eight is a name.
func word(r *rand.Rand, i int) string {
	var b strings.Builder
	for range 1 + r.IntN(3) {
		b.WriteString(syllables[r.IntN(len(syllables))])
	}
	b.WriteString(suffixes[r.IntN(len(suffixes))])
	w := b.String()
	if i%8 == 0 {
		w = strings.ToUpper(w[:1]) + w[1:]
	}
	return w
}

// sentences splits text into sentences at ". " and line ends.
func sentences(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		for _, s := range strings.SplitAfter(line, ". ") {
			if s = strings.TrimSpace(s); len(strings.Fields(s)) >= 4 {
				out = append(out, s)
			}
		}
	}
	return out
}

// Sentence returns a sample sentence with about a fifth of its words
// replaced by lexicon words.
func (g *Generator) Sentence() string {
	words := strings.Fields(g.sentences[g.rnd.IntN(len(g.sentences))])
	for i := range words {
		if g.rnd.IntN(5) == 0 {
			words[i] = g.lexicon[g.zipf.Uint64()]
		}
	}
	return strings.Join(words, " ")
}

// Article returns an article of about words words of body in paragraphs of
// two to four sentences, with a one-sentence title.
func (g *Generator) Article(words int) Article {
	var b strings.Builder
	n := 0
	for n < words {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		for k := range 2 + g.rnd.IntN(3) {
			s := g.Sentence()
			if k > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(s)
			n += strings.Count(s, " ") + 1
		}
	}
	return Article{Title: g.Sentence(), Text: b.String()}
}

// Words returns the number of space-separated words in s.
func Words(s string) int { return len(strings.Fields(s)) }
