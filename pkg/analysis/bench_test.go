package analysis

// Benchmarks of the analysis hot path over generated news text (see
// internal/benchtext): tokenising and folding, stemming without and with the
// per-analyzer cache, and whole documents. Byte rates count input text; the
// per-word figures divide by the words the tokenizer yields.

import (
	"strings"
	"testing"

	"github.com/newsclust/newsclust/internal/benchtext"
)

// benchArticles returns n generated articles of about 480 words.
func benchArticles(n int) []benchtext.Article {
	g := benchtext.New(1, 30000)
	out := make([]benchtext.Article, n)
	for i := range out {
		out[i] = g.Article(480)
	}
	return out
}

// benchText returns the bodies of n articles joined by blank lines.
func benchText(n int) string {
	var b strings.Builder
	for _, a := range benchArticles(n) {
		b.WriteString(a.Text)
		b.WriteString("\n\n")
	}
	return b.String()
}

// foldedWords returns the folded words of text, in order.
func foldedWords(text string) []string {
	var w words
	w.reset(text)
	var out []string
	for {
		word, _, ok := w.next()
		if !ok {
			return out
		}
		out = append(out, string(word))
	}
}

func reportPerWord(b *testing.B, words int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(words), "ns/word")
}

// BenchmarkTokenize splits and folds text into words.
func BenchmarkTokenize(b *testing.B) {
	text := benchText(50)
	n := len(foldedWords(text))
	var w words
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		w.reset(text)
		for {
			if _, _, ok := w.next(); !ok {
				break
			}
		}
	}
	reportPerWord(b, n)
}

// BenchmarkStemCold stems every word with Snowball, as a cache miss does.
func BenchmarkStemCold(b *testing.B) {
	list := foldedWords(benchText(20))
	l, _ := lookupLanguage("en")
	b.ReportAllocs()
	for b.Loop() {
		for _, w := range list {
			if !l.isStop(w) {
				l.stem(w, false)
			}
		}
	}
	reportPerWord(b, len(list))
}

// BenchmarkStemCached looks every word up in a warm analyzer cache, the path
// that almost every word of a large corpus takes.
func BenchmarkStemCached(b *testing.B) {
	text := benchText(20)
	list := foldedWords(text)
	keys := make([][]byte, len(list))
	for i, w := range list {
		keys[i] = []byte(w)
	}
	a := NewAnalyzer(NewVocabulary(), "en")
	l, _ := lookupLanguage("en")
	cache := a.cache(l)
	a.appendTokens(nil, text, l, cache, nil)
	var sum uint32
	b.ReportAllocs()
	for b.Loop() {
		for _, k := range keys {
			e, hit := cache[string(k)]
			if !hit {
				e = a.miss(cache, k, l)
			}
			sum += e.id
		}
	}
	reportPerWord(b, len(keys))
	_ = sum
}

// BenchmarkAnalyze analyses whole documents (title, lines, furniture,
// tokens, stemming through a warm cache, line hashes).
func BenchmarkAnalyze(b *testing.B) {
	docs := benchArticles(50)
	size, n := 0, 0
	for _, d := range docs {
		size += len(d.Title) + len(d.Text)
		n += len(foldedWords(d.Title)) + len(foldedWords(d.Text))
	}
	a := NewAnalyzer(NewVocabulary(), "en")
	var res Result
	for _, d := range docs {
		a.Analyze(&res, d.Title, d.Text, "")
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			a.Analyze(&res, d.Title, d.Text, "")
		}
	}
	reportPerWord(b, n)
}

// BenchmarkLineStats counts line hashes across a corpus for boilerplate.
func BenchmarkLineStats(b *testing.B) {
	docs := benchArticles(200)
	a := NewAnalyzer(NewVocabulary(), "en")
	var res Result
	var all []uint64
	for _, d := range docs {
		a.Analyze(&res, d.Title, d.Text, "")
		all = append(all, res.LineHashes...)
	}
	buf := make([]uint64, len(all))
	b.SetBytes(8 * int64(len(all)))
	b.ReportAllocs()
	for b.Loop() {
		copy(buf, all)
		NewLineStats(buf, DefaultMinDocs, DefaultRatio)
	}
}
