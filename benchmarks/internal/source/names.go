package source

// This file finds name-like tokens. A word is a name when it is written
// with a capital inside sentences and seldom in lower case anywhere, and is
// not a month, a day, a title or a generic part of an institution's name.
// Title-case headlines are left out of the counts, since their capitals
// say nothing.

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// ScanWords calls fn with the byte offsets of each word of s: a run of
// letters and digits, keeping inner hyphens ("T-Mobile") and inner
// apostrophes before a capital ("O'Brien"); a possessive "'s" is left out.
func ScanWords(s string, fn func(start, end int)) {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isAlnum(r) {
			i += n
			continue
		}
		start := i
		for i += n; i < len(s); i += n {
			r, n = utf8.DecodeRuneInString(s[i:])
			if isAlnum(r) {
				continue
			}
			next, _ := utf8.DecodeRuneInString(s[i+n:])
			if r == '-' && isAlnum(next) || (r == '\'' || r == '’') && unicode.IsUpper(next) {
				continue
			}
			break
		}
		fn(start, i)
	}
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// IsName reports whether w is one of the name-like tokens of the corpus.
func (d *Data) IsName(w string) bool { return d.nameCount[w] > 0 }

// NameSpans calls fn with the byte offsets of each name-like token in s.
func (d *Data) NameSpans(s string, fn func(start, end int)) {
	ScanWords(s, func(a, b int) {
		if d.nameCount[s[a:b]] > 0 {
			fn(a, b)
		}
	})
}

// wordStats counts how words are written across the corpus.
type wordStats struct {
	capMid map[string]int // capitalised, not first in the sentence
	lower  map[string]int // written in lower case
}

// findNames finds the name-like tokens: words written with a capital
// inside sentences and rarely in lower case, minus titles, months, days and
// the generic parts of institution names. It fills d.Names, d.Vocab and each
// story's Names.
func (d *Data) findNames() {
	ws := wordStats{capMid: map[string]int{}, lower: map[string]int{}}
	for _, st := range d.Stories {
		for _, s := range st.Sentences {
			ws.add(s)
		}
		for _, t := range st.Titles {
			if !titleCase(t) {
				ws.add(t)
			}
		}
	}
	isName := func(w string) bool {
		c := ws.capMid[w]
		return c > 0 && ws.lower[strings.ToLower(w)]*2 <= c && !stopNames[w]
	}
	d.nameCount = map[string]int{}
	for _, st := range d.Stories {
		local := map[string]int{}
		count := func(s string) {
			ScanWords(s, func(a, b int) {
				if w := s[a:b]; isName(w) {
					local[w]++
					d.nameCount[w]++
				}
			})
		}
		for _, s := range st.Sentences {
			count(s)
		}
		for _, t := range st.Titles {
			count(t)
		}
		st.Names = byCount(local)
	}
	d.Names = byCount(d.nameCount)
	d.Vocab = vocab(ws.lower)
}

// add counts the words of one sentence.
func (ws *wordStats) add(s string) {
	first := true
	ScanWords(s, func(a, b int) {
		w := s[a:b]
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsLower(r):
			ws.lower[w]++
		case !first && nameShaped(w):
			ws.capMid[w]++
		}
		first = false
	})
}

// nameShaped reports whether w looks like a proper name: at least two
// letters, no digits, a capital first and either some lower case after it
// or an acronym of up to five capitals.
func nameShaped(w string) bool {
	n, lower := 0, false
	for i, r := range w {
		switch {
		case unicode.IsDigit(r):
			return false
		case i == 0 && !unicode.IsUpper(r):
			return false
		case unicode.IsLower(r):
			lower = true
		}
		n++
	}
	return n >= 2 && (lower || n <= 5)
}

// titleCase reports whether most longer words of a headline are capitalised,
// in which case its capitals say nothing about names.
func titleCase(t string) bool {
	caps, all := 0, 0
	for _, w := range strings.Fields(t) {
		if utf8.RuneCountInString(w) < 4 {
			continue
		}
		all++
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			caps++
		}
	}
	return all > 0 && caps*5 > all*3
}

// vocab returns the lower-case words of at least three letters, most
// frequent first.
func vocab(lower map[string]int) []string {
	m := map[string]int{}
	for w, n := range lower {
		if utf8.RuneCountInString(w) >= 3 && strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) < 0 {
			m[w] = n
		}
	}
	return byCount(m)
}

// stopNames are capitalised words that are not names of their own: months,
// days, titles and the generic parts of institution names.
var stopNames = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		January February March April May June July August September October
		November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
		Monday Tuesday Wednesday Thursday Friday Saturday Sunday
		Mr Mrs Ms Dr Sen Rep Gov Gen Lt Col Sgt Capt Jr Sr St Rev Prof
		President Vice Senator Representative Congressman Congresswoman Governor
		Secretary Minister Prime Chief Judge Justice General Officer Director
		Chairman Chairwoman Speaker Attorney Pope King Queen Prince Princess
		Sheriff Mayor Coach Commissioner Agent Detective Deputy Inspector
		Professor Sergeant Captain Lieutenant Colonel Admiral Leader Chancellor
		Center Centre Street Avenue Road University College School County City
		State States United House Court Department Party Committee Police Army
		Navy Force Council Association Company Corp Inc Group News Times Post
		Journal Hospital Church Airport Station Park River Lake Island Islands
		Bay North South East West New National International Federal Supreme
		Security Service Office Ministry Agency Bank Senate Congress Assembly
		Parliament Republic Award Awards Festival Games Cup League World Day
		Year Democrats Republicans Democrat Republican Democratic Administration
		Act Bill Law Federation Union Institute Foundation Board Commission
		Mount Fort Beach Valley Hills Square Hall Building Tower Bridge
		TV OK AM PM ET EST EDT PDT GMT CEO AP White US UK EU UN Internet
		President-elect`) {
		m[w] = true
	}
	return m
}()
