package analysis

import (
	"slices"
	"strings"
	"testing"
)

// tok is one word as the tokenizer returns it.
type tok struct {
	word    string
	capital bool
}

// tokens runs the tokenizer over s and collects its words.
func tokens(s string) []tok {
	var w words
	w.reset(s)
	var out []tok
	for {
		word, capital, ok := w.next()
		if !ok {
			return out
		}
		out = append(out, tok{string(word), capital})
	}
}

// plain builds the expected words of a test case, none capitalised.
func plain(ws ...string) []tok {
	out := make([]tok, len(ws))
	for i, w := range ws {
		out[i] = tok{word: w}
	}
	return out
}

func TestWords(t *testing.T) {
	long := strings.Repeat("x", MaxWordBytes)
	tests := []struct {
		name string
		in   string
		want []tok
	}{
		{"empty", "", nil},
		{"separators only", " \t,.;:!?—'\"()", nil},
		{"ascii lower-cased", "quick brown fox", plain("quick", "brown", "fox")},
		{"apostrophe splits", "russia's army", plain("russia", "s", "army")},
		{"french elision", "l'homme", plain("l", "homme")},
		{"curly apostrophe splits", "russia\u2019s", plain("russia", "s")},
		{"digits", "won 2024 by 3rd place 12,500", plain("won", "2024", "by", "3rd", "place", "12", "500")},
		{"hyphens split", "well-known covid-19", plain("well", "known", "covid", "19")},
		{"full-width NFKC", "ＡＢＣ", plain("abc")},
		{"full-width digits", "１２３", plain("123")},
		{"ligature NFKC", "ﬁle", plain("file")},
		{"decomposed accent composes", "cafe\u0301", plain("caf\u00e9")},
		{"precomposed accent", "caf\u00e9", plain("caf\u00e9")},
		{"non-ASCII lower-cased", "ÉLYSÉE", plain("élysée")},
		{"cyrillic", "москва", plain("москва")},
		{"leading combining mark kept in word", "\u0301a", plain("\u0301a")},
		{"invalid UTF-8 separates", "ab\xffcd", plain("ab", "cd")},
		{"NUL separates", "ab\x00cd", plain("ab", "cd")},
		{"word of MaxWordBytes kept", long, plain(long)},
		{"word over MaxWordBytes skipped", long + "x short", plain("short")},
		{"non-ASCII word over MaxWordBytes skipped", strings.Repeat("é", 21) + " ok", plain("ok")}, // 42 bytes
		{"newline is a separator", "one\ntwo", plain("one", "two")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tokens(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("words(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestWordsCapitalised(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []tok
	}{
		{"sentence start not set", "Troops advanced",
			[]tok{{"troops", false}, {"advanced", false}}},
		{"mid-sentence capital set", "talks with Putin ended",
			[]tok{{"talks", false}, {"with", false}, {"putin", true}, {"ended", false}}},
		{"after full stop is a sentence start", "he met Putin. Then Biden spoke",
			[]tok{{"he", false}, {"met", false}, {"putin", true}, {"then", false}, {"biden", true}, {"spoke", false}}},
		{"after ! and ?", "Stop! Why? Now",
			[]tok{{"stop", false}, {"why", false}, {"now", false}}},
		{"comma does not end a sentence", "Yes, Paris said",
			[]tok{{"yes", false}, {"paris", true}, {"said", false}}},
		{"start after leading punctuation", "\"Hello\" Said",
			[]tok{{"hello", false}, {"said", true}}},
		{"non-ASCII capital", "in Élysée",
			[]tok{{"in", false}, {"élysée", true}}},
		{"full-width capital", "the ＡＢＣ",
			[]tok{{"the", false}, {"abc", true}}},
		{"digit is not a capital", "in 2024",
			[]tok{{"in", false}, {"2024", false}}},
		{"lower-case first letter", "in iPhone",
			[]tok{{"in", false}, {"iphone", false}}},
		{"all caps mid-sentence", "the NATO summit",
			[]tok{{"the", false}, {"nato", true}, {"summit", false}}},
		// A skipped over-long word still takes the sentence start.
		{"skipped word takes the sentence start", strings.Repeat("A", MaxWordBytes+1) + " Next",
			[]tok{{"next", true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tokens(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("words(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// TestWordsReset checks that reset starts a new sentence and forgets the
// previous string.
func TestWordsReset(t *testing.T) {
	var w words
	w.reset("alpha Beta")
	w.next()
	w.reset("Gamma delta")
	word, capital, ok := w.next()
	if !ok || string(word) != "gamma" || capital {
		t.Errorf("after reset: next() = %q, %v, %v, want \"gamma\", false, true", word, capital, ok)
	}
}

// TestWordsCombiningMarks: the package comment says words are "maximal runs of
// letters, digits and combining marks", but isWordRune accepts only the
// non-spacing marks (Mn), not the spacing combining marks (Mc) that most
// Indic scripts use for vowel signs, so Hindi, Bengali, Tamil... words are cut
// into fragments at every vowel sign.
func TestWordsCombiningMarks(t *testing.T) {
	// हिन्दी = ह ि(Mc) न ्(Mn) द ी(Mc); समाचार = स म ा(Mc) च ा(Mc) र
	in := "\u0939\u093f\u0928\u094d\u0926\u0940 \u0938\u092e\u093e\u091a\u093e\u0930"
	want := plain("\u0939\u093f\u0928\u094d\u0926\u0940", "\u0938\u092e\u093e\u091a\u093e\u0930")
	if got := tokens(in); !slices.Equal(got, want) {
		t.Errorf("words(%q) = %v, want %v", in, got, want)
	}
}

func TestWordsASCIIDoesNotAllocate(t *testing.T) {
	var w words
	s := "The quick brown Fox jumps over the lazy dog. It was 2024!"
	w.reset(s)
	for _, _, ok := w.next(); ok; _, _, ok = w.next() {
	} // warm the buffer
	allocs := testing.AllocsPerRun(100, func() {
		w.reset(s)
		for _, _, ok := w.next(); ok; _, _, ok = w.next() {
		}
	})
	if allocs != 0 {
		t.Errorf("tokenising ASCII text: %v allocations, want 0", allocs)
	}
}
