package analysis

// The tokenizer splits text into words: maximal runs of letters, digits and
// combining marks. Everything else separates words, apostrophes included, so
// "Russia's" gives "russia" and "s" and French "l'homme" gives "l" and
// "homme" (Snowball's stop-word lists expect exactly this split). A word that
// holds a non-ASCII rune is put in Unicode normal form NFKC, so that
// full-width letters, ligatures and decomposed accents fold to the same term;
// every word is lower-cased. ASCII text takes a fast path that touches each
// byte once and allocates nothing.
//
// The tokenizer also tells whether a word was capitalised in the middle of a
// sentence, the cheap signal of a proper name that story clustering uses.

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxWordBytes is the longest word kept; longer runs (URLs, base64, tables
// without spaces) are skipped.
const MaxWordBytes = 40

// words iterates over the words of one string.
type words struct {
	s        string
	i        int
	buf      []byte
	sentence bool // the next word starts a sentence
}

// reset starts iterating over s; s begins a sentence.
func (w *words) reset(s string) {
	w.s, w.i, w.sentence = s, 0, true
}

// next returns the next word, lower-cased, in a buffer valid until the next
// call, and whether it was capitalised other than at the start of a sentence.
// ok is false at the end of the string.
func (w *words) next() (word []byte, capital, ok bool) {
	for {
		start, ascii := w.skipSeparators()
		if start >= len(w.s) {
			return nil, false, false
		}
		end := w.scanWord(start, &ascii)
		atStart := w.sentence
		w.sentence = false
		if end-start > MaxWordBytes {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w.s[start:])
		capital = !atStart && unicode.IsUpper(r)
		w.buf = fold(w.buf[:0], w.s[start:end], ascii)
		return w.buf, capital, true
	}
}

// skipSeparators advances past non-word runes, noting sentence ends, and
// returns the start of the next word and whether its first byte is ASCII.
func (w *words) skipSeparators() (int, bool) {
	s := w.s
	for w.i < len(s) {
		c := s[w.i]
		if c < utf8.RuneSelf {
			if isASCIIWord(c) {
				return w.i, true
			}
			if c == '.' || c == '!' || c == '?' {
				w.sentence = true
			}
			w.i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[w.i:])
		if isWordRune(r) {
			return w.i, false
		}
		w.i += size
	}
	return w.i, true
}

// scanWord advances past the word starting at start and returns its end;
// ascii is cleared if the word holds a non-ASCII rune.
func (w *words) scanWord(start int, ascii *bool) int {
	s := w.s
	w.i = start
	for w.i < len(s) {
		c := s[w.i]
		if c < utf8.RuneSelf {
			if !isASCIIWord(c) {
				break
			}
			w.i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[w.i:])
		if !isWordRune(r) {
			break
		}
		*ascii = false
		w.i += size
	}
	return w.i
}

func isASCIIWord(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)
}

// fold appends the NFKC, lower-cased form of word to dst.
func fold(dst []byte, word string, ascii bool) []byte {
	if ascii {
		return lowerASCII(dst, word)
	}
	for _, r := range norm.NFKC.String(word) {
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}
