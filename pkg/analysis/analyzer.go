// Package analysis turns the text of an article into term ids: it splits the
// body into lines, drops site furniture, tokenises, folds case and Unicode
// forms, removes stop words and stems with Snowball.
//
// Stemming is the slow step (hundreds of nanoseconds a word) and most words
// repeat, so each Analyzer keeps a cache from the folded surface form of a word
// to its term id; only a miss reaches the stemmer and the shared Vocabulary.
// An Analyzer is for one goroutine; any number of them may share a Vocabulary.
//
// The result keeps the body's tokens flat, with the end of each line and a
// hash of each line beside them, so that a later pass can drop lines that
// repeat across the corpus (see LineStats) without analysing again.
package analysis

import (
	"unicode"
	"unicode/utf8"
)

// Capitalised is set in a token when its word began with a capital letter in
// the middle of a sentence; the term id is token &^ Capitalised.
const Capitalised = 1 << 31

// Result is the analysis of one document. Its slices are reused by Analyze.
type Result struct {
	Title      []uint32 // tokens of the title
	Tokens     []uint32 // tokens of the body, line after line
	LineEnds   []uint32 // line i is Tokens[LineEnds[i-1]:LineEnds[i]] (from 0 for i = 0)
	LineHashes []uint64 // hash of each line: of its terms, or of its template in a header or footer (see lineState)
	Furniture  int      // lines dropped as furniture by their wording
	Words      int      // words seen in the body, stop words included
	templates  []uint64 // hash of each short line's template (its own hash if it has none), 0 for a long line
}

// Line returns the tokens of line i.
func (r *Result) Line(i int) []uint32 {
	start := uint32(0)
	if i > 0 {
		start = r.LineEnds[i-1]
	}
	return r.Tokens[start:r.LineEnds[i]]
}

// entry is a cached analysis of one surface form.
type entry struct {
	id   uint32
	hash uint64
	stop bool
	num  bool // the word begins with a digit
}

// maxCache bounds each per-language cache; a full cache is dropped and
// rebuilt, which keeps memory flat on corpora with millions of rare words.
const maxCache = 1 << 20

// Analyzer analyses documents. It is not safe for concurrent use.
type Analyzer struct {
	vocab  *Vocabulary
	lang   language
	caches map[string]map[string]entry
	words  words
}

// NewAnalyzer returns an analyzer that interns terms in vocab and analyses
// documents without a language code as defaultLang (an ISO 639-1 code; ""
// means English).
func NewAnalyzer(vocab *Vocabulary, defaultLang string) *Analyzer {
	if defaultLang == "" {
		defaultLang = "en"
	}
	l, _ := lookupLanguage(defaultLang)
	return &Analyzer{vocab: vocab, lang: l, caches: make(map[string]map[string]entry)}
}

// Analyze analyses a document's title and text in language lang ("" for the
// analyzer's default) into dst, reusing dst's slices.
func (a *Analyzer) Analyze(dst *Result, title, text, lang string) {
	l := a.lang
	if lang != "" {
		l, _ = lookupLanguage(lang)
	}
	cache := a.cache(l)
	dst.Title = a.appendTokens(dst.Title[:0], title, l, cache, nil)
	dst.Tokens, dst.LineEnds, dst.LineHashes = dst.Tokens[:0], dst.LineEnds[:0], dst.LineHashes[:0]
	dst.templates = dst.templates[:0]
	dst.Furniture, dst.Words = 0, 0
	for len(text) > 0 {
		var line string
		line, text = cutLine(text)
		if IsFurniture(line) {
			dst.Furniture++
			continue
		}
		start := len(dst.Tokens)
		short := len(line) <= maxEdgeLineBytes
		st := lineState{template: lineSeed, exact: lineSeed, words: &dst.Words, short: short}
		dst.Tokens = a.appendTokens(dst.Tokens, line, l, cache, &st)
		if len(dst.Tokens) == start {
			continue
		}
		dst.LineEnds = append(dst.LineEnds, uint32(len(dst.Tokens)))
		dst.LineHashes = append(dst.LineHashes, st.exact&^templateBit)
		dst.templates = append(dst.templates, st.edgeHash())
	}
	dst.templateEdges()
}

// maxEdgeLineBytes is the longest line of a header or footer: a byline, a
// dateline, a copyright or a "follow us" line, not a paragraph.
const maxEdgeLineBytes = 120

// templateBit is set in the hash of a line counted by its template and
// clear in every other line hash, so that LineStats can ask more documents
// of a template (which pools many lines) than of a line.
const templateBit = 1

// templateEdges gives the lines of the header and of the footer their
// template hashes: the runs of short lines at the start and at the end of
// the body. Lines between two lines of reporting keep their own hash, so a
// formulaic line in the middle of an article ("The Dow fell 120 points")
// never pools with its kind.
func (r *Result) templateEdges() {
	n := len(r.LineHashes)
	head := 0
	for head < n && r.templates[head] != 0 {
		r.LineHashes[head] = r.templates[head]
		head++
	}
	for i := n - 1; i >= head && r.templates[i] != 0; i-- {
		r.LineHashes[i] = r.templates[i]
	}
}

const lineSeed = 0x9e3779b97f4a7c15

// lineState collects the hashes and word count of a line while it is
// tokenised: the hash of its terms, and the hash of its template, in which
// each run of names (words capitalised in mid-sentence) and numbers counts as
// one placeholder, stop words included in the run. Furniture that names its
// publisher or carries a date ("Follow Acme News on Twitter", "Published Jun
// 7, 2024 3:46 AM") has one template on every site and every day, so the
// repetition test (LineStats) sees how often its wording recurs. The first
// word of a sentence is never taken for a name, so title-case headlines that
// begin alike ("Microsoft Patches …", "Microsoft Issues …") share a template
// too; only lines of a header or footer are counted by template (see
// templateEdges), and a template needs more documents than a line does. A
// line with no word outside the placeholders (a bare date) has no wording to
// recur and is counted by its terms.
type lineState struct {
	template, exact uint64
	words           *int
	short           bool // the line may be in a header or footer: only then is its template made
	masked          bool // the last term of the template was the placeholder
	worded          bool // the template holds a word
}

// placeholderHash stands for a run of names and numbers in a line's template.
const placeholderHash = 0x5bd1e9955bd1e995

// mix adds the hash of a term to the hash h of a line.
func mix(h, term uint64) uint64 { return (h ^ term) * 0xff51afd7ed558ccd }

// add mixes a term, capitalised or not, into the line's hash, and into its
// template if the line is short.
func (st *lineState) add(e entry, capital bool) {
	st.exact = mix(st.exact, e.hash)
	if !st.short {
		return
	}
	if !capital && !e.num {
		st.template = mix(st.template, e.hash)
		st.masked, st.worded = false, true
	} else if !st.masked {
		st.template = mix(st.template, placeholderHash)
		st.masked = true
	}
}

// edgeHash returns the hash a line gets in a header or footer: 0 if the
// line is too long for one, else the hash of its template with templateBit
// set, or its own hash if the template holds no word.
func (st *lineState) edgeHash() uint64 {
	switch {
	case !st.short:
		return 0
	case st.worded:
		return st.template | templateBit
	}
	return st.exact &^ templateBit
}

// appendTokens appends the tokens of s to dst.
func (a *Analyzer) appendTokens(dst []uint32, s string, l language, cache map[string]entry, st *lineState) []uint32 {
	w := &a.words
	w.reset(s)
	for {
		word, capital, ok := w.next()
		if !ok {
			return dst
		}
		e, hit := cache[string(word)]
		if !hit {
			e = a.miss(cache, word, l)
		}
		if st != nil {
			*st.words++
		}
		if e.stop {
			continue
		}
		tok := e.id
		if capital {
			tok |= Capitalised
		}
		dst = append(dst, tok)
		if st != nil {
			st.add(e, capital)
		}
	}
}

// miss stems word, interns it and caches the result.
func (a *Analyzer) miss(cache map[string]entry, word []byte, l language) entry {
	key := string(word)
	var e entry
	if (len(key) < 2 && !isDigit(key[0])) || l.isStop(key) {
		e.stop = true
	} else {
		stem := l.stem(key, false)
		e.id, e.hash = a.vocab.Intern(stem, key)
		r, _ := utf8.DecodeRuneInString(key)
		e.num = unicode.IsDigit(r)
	}
	if len(cache) >= maxCache {
		clear(cache)
	}
	cache[key] = e
	return e
}

// cache returns the cache of language l.
func (a *Analyzer) cache(l language) map[string]entry {
	c, ok := a.caches[l.code]
	if !ok {
		c = make(map[string]entry)
		a.caches[l.code] = c
	}
	return c
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// cutLine returns the first line of s and the rest after its newline.
func cutLine(s string) (line, rest string) {
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			return s[:i], s[i+1:]
		}
	}
	return s, ""
}
