// Package synd imitates what syndication does to a news article when
// another publisher runs it: a byline or dateline header and a copyright,
// "read more" or newsletter footer are added, the text is cut short, a
// paragraph is dropped or one is inserted, a few words are changed by
// copy editors, and the article gets a new headline.
//
// Texts are paragraphs separated by blank lines ("\n\n"), words separated
// by single spaces. Every function is deterministic given its *rand.Rand,
// so a generator seeded from a flag writes the same bytes every run; the
// functions that need no randomness (Truncate) take none.
package synd

import (
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsclust/newsclust/benchmarks/internal/source"
)

// ParaSep separates paragraphs.
const ParaSep = "\n\n"

// Truncate keeps the first frac (0–1) of the words of text, as a copy
// cut to fit does. It cuts after the last sentence ending within the last
// tenth of the text's words before that limit, or else after the word at
// the limit, so it keeps between frac-0.1 and frac of the words.
func Truncate(text string, frac float64) string {
	total := countWords(text)
	limit := int(frac * float64(total))
	if limit >= total {
		return text
	}
	if limit <= 0 {
		return ""
	}
	words, wordEnd, sentEnd, sentWords := 0, 0, 0, 0
	for i := 0; i < len(text) && words < limit; {
		for i < len(text) && isSpace(text[i]) {
			i++
		}
		j := i
		for j < len(text) && !isSpace(text[j]) {
			j++
		}
		words++
		wordEnd = j
		if endsSentence(text[i:j]) {
			sentEnd, sentWords = j, words
		}
		i = j
	}
	if sentWords > 0 && (limit-sentWords)*10 <= total {
		return text[:sentEnd]
	}
	return text[:wordEnd]
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' }

func countWords(s string) int { return len(strings.Fields(s)) }

// endsSentence reports whether a word ends a sentence.
func endsSentence(w string) bool {
	w = strings.TrimRight(w, `"'”’)]`)
	if strings.HasSuffix(w, ".") {
		return !source.EndsAbbrev(w)
	}
	return strings.HasSuffix(w, "!") || strings.HasSuffix(w, "?")
}

// EditWords changes about rate (e.g. 0.02) of the words of text, at least
// one: each chosen word is replaced by a word from vocab (keeping its
// capital and punctuation), deleted or doubled. Paragraphs are kept.
func EditWords(r *rand.Rand, text string, rate float64, vocab []string) string {
	paras := strings.Split(text, ParaSep)
	words := make([][]string, len(paras))
	total := 0
	for i, p := range paras {
		words[i] = strings.Fields(p)
		total += len(words[i])
	}
	if total == 0 {
		return text
	}
	edits := max(1, int(rate*float64(total)+0.5))
	for range edits {
		pi, wi := pickWord(r, words, total)
		before := len(words[pi])
		words[pi] = editWord(r, words[pi], wi, vocab)
		total += len(words[pi]) - before
	}
	for i, w := range words {
		paras[i] = strings.Join(w, " ")
	}
	return joinNonEmpty(paras)
}

// pickWord returns the paragraph and index of a random word.
func pickWord(r *rand.Rand, words [][]string, total int) (int, int) {
	k := r.IntN(total)
	for i, w := range words {
		if k < len(w) {
			return i, k
		}
		k -= len(w)
	}
	panic("synd: word index out of range")
}

// editWord replaces, deletes or doubles ws[i].
func editWord(r *rand.Rand, ws []string, i int, vocab []string) []string {
	switch x := r.IntN(4); {
	case x < 2 && len(vocab) > 0:
		ws[i] = replaceCore(ws[i], vocab[r.IntN(len(vocab))])
		return ws
	case x == 2 && len(ws) > 1:
		return append(ws[:i], ws[i+1:]...)
	default:
		ws = append(ws, "")
		copy(ws[i+1:], ws[i:])
		return ws
	}
}

// replaceCore swaps the letters of w for repl, keeping w's leading and
// trailing punctuation and its initial capital.
func replaceCore(w, repl string) string {
	lo := strings.IndexFunc(w, isWordRune)
	hi := strings.LastIndexFunc(w, isWordRune)
	if lo < 0 {
		return repl
	}
	core := w[lo : hi+1]
	if core[0] >= 'A' && core[0] <= 'Z' && repl != "" && repl[0] >= 'a' && repl[0] <= 'z' {
		repl = string(repl[0]-'a'+'A') + repl[1:]
	}
	_, n := firstRune(w[hi:])
	return w[:lo] + repl + w[hi+n:]
}

// DropParagraph removes a paragraph other than the first, or else a
// sentence other than the first of the last paragraph, choosing among those
// that hold at most a quarter of the words so the copy stays a copy. It
// returns text unchanged when there is none.
func DropParagraph(r *rand.Rand, text string) string {
	paras := strings.Split(text, ParaSep)
	limit := countWords(text) / 4
	if i := pickSmall(r, paras[1:], limit); i >= 0 {
		return joinNonEmpty(append(paras[:i+1], paras[i+2:]...))
	}
	last := len(paras) - 1
	sents := source.SplitSentences(paras[last])
	if len(sents) < 2 {
		return text
	}
	i := pickSmall(r, sents[1:], limit)
	if i < 0 {
		return text
	}
	paras[last] = strings.Join(append(sents[:i+1], sents[i+2:]...), " ")
	return joinNonEmpty(paras)
}

// pickSmall returns the index of a random one of parts with at most limit
// words, or -1.
func pickSmall(r *rand.Rand, parts []string, limit int) int {
	var small []int
	for i, p := range parts {
		if countWords(p) <= limit {
			small = append(small, i)
		}
	}
	if len(small) == 0 {
		return -1
	}
	return small[r.IntN(len(small))]
}

// InsertParagraph inserts p as a paragraph after a random paragraph.
func InsertParagraph(r *rand.Rand, text, p string) string {
	paras := strings.Split(text, ParaSep)
	i := 1 + r.IntN(len(paras))
	paras = append(paras[:i], append([]string{p}, paras[i:]...)...)
	return joinNonEmpty(paras)
}

func joinNonEmpty(paras []string) string {
	out := paras[:0]
	for _, p := range paras {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, ParaSep)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func firstRune(s string) (rune, int) { return utf8.DecodeRuneInString(s) }
