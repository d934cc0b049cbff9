package analysis

import (
	"strings"
	"testing"
)

// FuzzAnalyze checks that Analyze never panics and that its Result is well
// formed, whatever the title, text and language code. Seeds stay small (see
// the note in pkg/corpus/fuzz_test.go).
func FuzzAnalyze(f *testing.F) {
	seeds := []struct{ title, text, lang string }{
		{"", "", ""},
		{"Running Dogs", "The dogs are running in the park.\nBiden met Putin.", "en"},
		{"Russia's army", "© 2024 Reuters\nAlso read | x\nAll rights reserved.", ""},
		{"caf\xe9", "\xff\xfe\xfd\n\xc3\x28 ab\x80cd", "en"},
		{"\x00", "a\x00b\x00\x00cd\n\x00", "es"},
		{"", strings.Repeat("x", MaxWordBytes+1) + " " + strings.Repeat("é", 30) + " ok", "fr"},
		{"\u0301\u0301", "\u0301\u0302\u0303 \u0308\n\u20dd", "xx"},
		{"ＡＢＣ ﬁle", "cafe\u0301 Ǆ ǅ ß İstanbul ͺ ﾞ", "ru"},
		{"los niños", "corriendo en la calle\r\n\r\n", "es-MX"},
		{"хорошо", "москва россия", "RU"},
		{"", "\n\n\n", "nb"},
		{"álmok", "kötelességeinek", "hu"},
		{"", "1 2 3 4 5 6 7 8 9 0", "sv"},
		{"\u0939\u093f\u0928\u094d\u0926\u0940", "\u0938\u092e\u093e\u091a\u093e\u0930", "hi"},
	}
	for _, s := range seeds {
		f.Add(s.title, s.text, s.lang)
	}
	v := NewVocabulary()
	a := NewAnalyzer(v, "en")
	var r Result
	f.Fuzz(func(t *testing.T, title, text, lang string) {
		a.Analyze(&r, title, text, lang)
		n := uint32(v.Len())
		for _, toks := range [][]uint32{r.Title, r.Tokens} {
			for _, tk := range toks {
				if id := tk &^ Capitalised; id >= n {
					t.Fatalf("term id %d >= vocabulary size %d", id, n)
				}
			}
		}
		if len(r.LineEnds) != len(r.LineHashes) {
			t.Fatalf("%d line ends, %d line hashes", len(r.LineEnds), len(r.LineHashes))
		}
		prev := uint32(0)
		for i, end := range r.LineEnds {
			if end <= prev {
				t.Fatalf("LineEnds %v not increasing at %d (every line holds a token)", r.LineEnds, i)
			}
			prev = end
		}
		if len(r.LineEnds) > 0 && int(r.LineEnds[len(r.LineEnds)-1]) != len(r.Tokens) {
			t.Fatalf("last line ends at %d, %d tokens", r.LineEnds[len(r.LineEnds)-1], len(r.Tokens))
		}
		if len(r.LineEnds) == 0 && len(r.Tokens) != 0 {
			t.Fatalf("%d tokens outside any line", len(r.Tokens))
		}
		if r.Words < len(r.Tokens) {
			t.Fatalf("Words = %d < %d tokens", r.Words, len(r.Tokens))
		}
		if lines := strings.Count(text, "\n") + 1; len(r.LineEnds)+r.Furniture > lines {
			t.Fatalf("%d lines and %d furniture lines from %d lines of text", len(r.LineEnds), r.Furniture, lines)
		}
	})
}
