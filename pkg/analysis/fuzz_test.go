package analysis

// Fuzzing the tokenizer: Analyze must never panic, whatever the bytes, and
// its result must be well formed: every token names a term of the
// vocabulary whose stem is non-empty valid UTF-8 without spaces, line ends
// increase and close the token list, there is one hash per line, and a
// second analyzer over the same vocabulary gives the same tokens. Seeds are
// small (see the note in pkg/corpus/fuzz_test.go); a line over 16 MB is
// analysed by TestAnalyzeLongLine instead.

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func FuzzAnalyze(f *testing.F) {
	seeds := []struct{ title, text, lang string }{
		{"Floods hit the north", "Rivers rose on Monday.\n\nThousands were evacuated.", ""},
		{"", "", ""},
		{"caf\xe9 \xff\xfe", "invalid \xc3\x28 utf-8 \xed\xa0\x80 surrogate\n\xf4\x90\x80\x80", "en"},
		{"a\x00b", "NUL\x00bytes\x00\x00in\x00text\n\x00", "de"},
		{"Ｆｕｌｌｗｉｄｔｈ ﬁ ligature", "İstanbul ǅ Σίσυφος ΣΊΣΥΦΟΣ straße STRASSE", "tr"},
		{"数字 123 4.5e6 1,000", "日本語のテキスト。🙂🙂 emoji ‍ joiner", "ja"},
		{"Share this: Facebook Twitter", "Advertisement\nRead more\nSubscribe now\r\n\r\nbody line", "xx"},
		{`{"id":1,"title":2}`, `[[[[[[{"a":[[[[1]]]]}]]]]]]`, "fr"},
		{strings.Repeat("a", 300), strings.Repeat("word ", 200) + "\n" + strings.Repeat("x", 5000), "es"},
		{"don't U.S. e-mail", "co-operate — well‐known … 'quoted' «guillemets»", "it"},
		{"", strings.Repeat("x", MaxWordBytes+1) + " " + strings.Repeat("é", 30) + " ok", "fr"},
		{"\u0301\u0301", "\u0301\u0302\u0303 \u0308\n\u20dd", "xx"},
		{"los niños", "corriendo en la calle\r\n\r\n", "es-MX"},
		{"хорошо", "москва россия", "RU"},
		{"álmok", "kötelességeinek", "hu"},
		{"\u0939\u093f\u0928\u094d\u0926\u0940", "\u0938\u092e\u093e\u091a\u093e\u0930", "hi"},
	}
	for _, s := range seeds {
		f.Add(s.title, s.text, s.lang)
	}
	f.Fuzz(func(t *testing.T, title, text, lang string) {
		vocab := NewVocabulary()
		var r Result
		NewAnalyzer(vocab, "en").Analyze(&r, title, text, lang)
		checkResult(t, vocab, &r)
		var again Result
		NewAnalyzer(vocab, "en").Analyze(&again, title, text, lang)
		if !slices.Equal(r.Title, again.Title) || !slices.Equal(r.Tokens, again.Tokens) || !slices.Equal(r.LineHashes, again.LineHashes) {
			t.Fatal("a second analyzer over the same vocabulary gave other tokens")
		}
	})
}

// checkResult fails t unless r is a well-formed analysis over vocab.
func checkResult(t *testing.T, vocab *Vocabulary, r *Result) {
	t.Helper()
	for _, tok := range slices.Concat(r.Title, r.Tokens) {
		id := tok &^ Capitalised
		if int(id) >= vocab.Len() {
			t.Fatalf("token %d beyond the vocabulary (%d terms)", id, vocab.Len())
		}
		stem := vocab.Term(id)
		if stem == "" || !utf8.ValidString(stem) || strings.IndexFunc(stem, unicode.IsSpace) >= 0 {
			t.Fatalf("bad stem %q", stem)
		}
	}
	if len(r.LineEnds) != len(r.LineHashes) {
		t.Fatalf("%d line ends, %d line hashes", len(r.LineEnds), len(r.LineHashes))
	}
	prev := uint32(0)
	for _, e := range r.LineEnds {
		if e <= prev {
			t.Fatalf("line ends %v not increasing", r.LineEnds)
		}
		prev = e
	}
	if int(prev) != len(r.Tokens) {
		t.Fatalf("last line ends at %d, %d tokens", prev, len(r.Tokens))
	}
}

func TestAnalyzeLongLine(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses 17 MB")
	}
	vocab := NewVocabulary()
	var r Result
	line := strings.Repeat("giant record without a newline ", (17<<20)/31)
	NewAnalyzer(vocab, "en").Analyze(&r, "", line+"\x00\xff", "")
	checkResult(t, vocab, &r)
	if len(r.LineEnds) != 1 || len(r.Tokens) == 0 {
		t.Fatalf("%d lines, %d tokens", len(r.LineEnds), len(r.Tokens))
	}
}
