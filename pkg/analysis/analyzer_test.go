package analysis

import (
	"slices"
	"strings"
	"testing"
)

// terms spells the tokens: the stem of each, with a leading "^" when the token
// carries the Capitalised flag.
func terms(v *Vocabulary, toks []uint32) []string {
	out := make([]string, 0, len(toks))
	for _, tk := range toks {
		s := v.Term(tk &^ Capitalised)
		if tk&Capitalised != 0 {
			s = "^" + s
		}
		out = append(out, s)
	}
	return out
}

// lines spells the tokens of each line of r.
func lines(v *Vocabulary, r *Result) [][]string {
	var out [][]string
	for i := range r.LineEnds {
		out = append(out, terms(v, r.Line(i)))
	}
	return out
}

func TestAnalyze(t *testing.T) {
	tests := []struct {
		name      string
		title     string
		text      string
		lang      string
		wantTitle []string
		wantLines [][]string
		furniture int
		words     int
	}{
		{
			name:      "stop words removed and stems",
			text:      "The dogs are running in the park",
			wantLines: [][]string{{"dog", "run", "park"}},
			words:     7,
		},
		{
			name:      "title tokens separate and not counted as words",
			title:     "Running Dogs",
			text:      "cats sleep",
			wantTitle: []string{"run", "^dog"},
			wantLines: [][]string{{"cat", "sleep"}},
			words:     2,
		},
		{
			name:      "possessive s is dropped as a one-letter word",
			text:      "Russia's troops crossed",
			wantLines: [][]string{{"russia", "troop", "cross"}},
			words:     4,
		},
		{
			name:      "one-digit numbers are kept, one letter is not",
			text:      "x 7 y",
			wantLines: [][]string{{"7"}},
			words:     3,
		},
		{
			name:      "capitalised names flagged",
			text:      "talks with Putin ended. Then Biden spoke",
			wantLines: [][]string{{"talk", "^putin", "end", "^biden", "spoke"}},
			words:     7,
		},
		{
			name:      "each line starts a sentence",
			text:      "leaders met\nBiden spoke",
			wantLines: [][]string{{"leader", "met"}, {"biden", "spoke"}},
			words:     4,
		},
		{
			name:      "empty and stop-word-only lines give no line",
			text:      "\nfirst report\n\n  \nit is what it was\nsecond report\n",
			wantLines: [][]string{{"first", "report"}, {"second", "report"}},
			words:     9,
		},
		{
			name:      "furniture lines dropped and counted",
			text:      "Troops crossed the border\n© 2024 Reuters\nAlso read | Britishers urged to leave\nOfficials confirmed\nAll rights reserved.",
			wantLines: [][]string{{"troop", "cross", "border"}, {"offici", "confirm"}},
			furniture: 3,
			words:     6,
		},
		{
			name:      "Spanish stems with the Spanish stemmer and stop words",
			title:     "Los niños corriendo",
			text:      "los niños corriendo en la calle",
			lang:      "es",
			wantTitle: []string{"niñ", "corr"},
			wantLines: [][]string{{"niñ", "corr", "call"}},
			words:     6,
		},
		{
			name:      "Spanish with a region suffix",
			text:      "los niños",
			lang:      "es-MX",
			wantLines: [][]string{{"niñ"}},
			words:     2,
		},
		{
			name:      "unknown language: no stemming, no stop words",
			text:      "The dogs are running in the park",
			lang:      "xx",
			wantLines: [][]string{{"the", "dogs", "are", "running", "in", "the", "park"}},
			words:     7,
		},
		{
			name:      "unknown language still drops one-letter words",
			text:      "a dogs s 5",
			lang:      "xx",
			wantLines: [][]string{{"dogs", "5"}},
			words:     4,
		},
		{
			name:      "English is the default for an empty language",
			text:      "running dogs",
			lang:      "",
			wantLines: [][]string{{"run", "dog"}},
			words:     2,
		},
		{
			name:      "CRLF line ends",
			text:      "first report\r\nsecond report\r\n",
			wantLines: [][]string{{"first", "report"}, {"second", "report"}},
			words:     4,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := NewVocabulary()
			a := NewAnalyzer(v, "en")
			var r Result
			a.Analyze(&r, tt.title, tt.text, tt.lang)
			if got := terms(v, r.Title); !slices.Equal(got, orEmpty(tt.wantTitle)) {
				t.Errorf("title = %q, want %q", got, tt.wantTitle)
			}
			if got := lines(v, &r); !slices.EqualFunc(got, tt.wantLines, slices.Equal) {
				t.Errorf("lines = %q, want %q", got, tt.wantLines)
			}
			if len(r.LineHashes) != len(r.LineEnds) {
				t.Errorf("%d line hashes for %d lines", len(r.LineHashes), len(r.LineEnds))
			}
			if r.Furniture != tt.furniture {
				t.Errorf("Furniture = %d, want %d", r.Furniture, tt.furniture)
			}
			if r.Words != tt.words {
				t.Errorf("Words = %d, want %d", r.Words, tt.words)
			}
		})
	}
}

func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func TestAnalyzeLineLayout(t *testing.T) {
	v := NewVocabulary()
	a := NewAnalyzer(v, "")
	var r Result
	a.Analyze(&r, "", "alpha beta gamma\n\ndelta\nepsilon zeta", "")
	if want := []uint32{3, 4, 6}; !slices.Equal(r.LineEnds, want) {
		t.Errorf("LineEnds = %v, want %v", r.LineEnds, want)
	}
	if len(r.Tokens) != 6 {
		t.Errorf("%d tokens, want 6", len(r.Tokens))
	}
	// Terms are interned in order of first sight.
	if got, want := r.Tokens, []uint32{0, 1, 2, 3, 4, 5}; !slices.Equal(got, want) {
		t.Errorf("Tokens = %v, want %v", got, want)
	}
	if got := terms(v, r.Line(1)); !slices.Equal(got, []string{"delta"}) {
		t.Errorf("Line(1) = %q, want [delta]", got)
	}
}

func TestAnalyzeLineHashes(t *testing.T) {
	v := NewVocabulary()
	a := NewAnalyzer(v, "en")
	var r Result
	// Long lines of reporting around the five under test, so that these are
	// not a header or footer, which are counted by template.
	long := strings.Repeat("Reporters filed long paragraphs of original reporting today. ", 3)
	text := long + "\n" +
		"Troops crossed the border.\n" +
		"TROOPS crossed, the border!\n" + // same terms: other case and punctuation
		"troops crossing border\n" + // same stems, stop word dropped
		"border crossed troops\n" + // same terms in another order
		"troops crossed the river\n" + long
	a.Analyze(&r, "", text, "en")
	if len(r.LineHashes) != 7 {
		t.Fatalf("%d line hashes, want 7", len(r.LineHashes))
	}
	h := r.LineHashes[1:6]
	if h[0] != h[1] || h[0] != h[2] {
		t.Errorf("lines with the same terms hash differently: %#x %#x %#x", h[0], h[1], h[2])
	}
	if h[0] == h[3] {
		t.Errorf("line hash ignores term order: %#x", h[0])
	}
	if h[0] == h[4] {
		t.Errorf("lines with different terms hash alike: %#x", h[0])
	}
	// The hash of one line, worked out from its definition: the low bit
	// is kept for templates.
	want := uint64(lineSeed)
	for _, stem := range []string{"troop", "cross", "border"} {
		want = (want ^ HashString(stem)) * 0xff51afd7ed558ccd
	}
	want &^= templateBit
	if h[0] != want {
		t.Errorf("LineHashes[0] = %#x, want %#x", h[0], want)
	}
	// The same line analysed by another analyzer with its own vocabulary
	// (other term ids) hashes the same: the hash is of the stems.
	v2 := NewVocabulary()
	v2.Intern("zzz", "zzz")
	var r2 Result
	NewAnalyzer(v2, "en").Analyze(&r2, "", long+"\nborder. Troops crossed the border\n"+long, "en")
	if r2.LineHashes[1] == h[0] {
		t.Fatalf("different lines hash alike")
	}
	NewAnalyzer(v2, "en").Analyze(&r2, "", long+"\nTroops crossed the border\n"+long, "en")
	if r2.LineHashes[1] != h[0] {
		t.Errorf("hash depends on the vocabulary: %#x, want %#x", r2.LineHashes[1], h[0])
	}
}

// TestAnalyzeLineTemplates checks that a line's hash is of its template:
// runs of names and numbers hash as one placeholder, unless the line has no
// other word.
func TestAnalyzeLineTemplates(t *testing.T) {
	tests := []struct {
		name  string
		a, b  string
		alike bool
	}{
		{"publisher named in a footer", "Follow Acme News on Twitter and Facebook.", "Follow KSDK on Twitter and Facebook.", true},
		{"dateline", "Published Jun 7, 2024 3:46 AM UTC", "Published Dec 24, 2023 11:02 PM GMT", true},
		{"figures in reporting", "Shares rose 4 percent in March.", "Shares rose 9.5 percent in May.", true},
		{"other wording", "Follow Acme News on Twitter.", "Contact Acme News on Twitter.", false},
		{"other words beside the names", "Troops crossed the border.", "Troops crossed the river.", false},
		{"names only", "By Acme News", "By Bravo Times", false},
		{"headline in title case", "4.6 Magnitude Earthquake Recorded Near Healdsburg", "5.9 Earthquake Jolts Iran", false},
		// The first word of a line is never taken for a name, so two
		// headlines in title case that begin with the same word share a
		// template. The repetition test asks Ratio·MinDocs documents of a
		// template (TestMarkAnalysedDocuments).
		{"title case after a common first word", "Magnitude 4.6 Earthquake Recorded Near Healdsburg", "Magnitude 5.9 Earthquake Jolts Iran", true},
		{"placeholder runs are not a word", "Published Jun 7", "Published", false},
	}
	a := NewAnalyzer(NewVocabulary(), "en")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ra, rb Result
			a.Analyze(&ra, "", tt.a, "en")
			a.Analyze(&rb, "", tt.b, "en")
			if len(ra.LineHashes) != 1 || len(rb.LineHashes) != 1 {
				t.Fatalf("%d and %d line hashes, want 1 each", len(ra.LineHashes), len(rb.LineHashes))
			}
			if got := ra.LineHashes[0] == rb.LineHashes[0]; got != tt.alike {
				t.Errorf("%q and %q hash alike: %v, want %v", tt.a, tt.b, got, tt.alike)
			}
		})
	}
}

// TestAnalyzeTemplateEdges checks that only the header and footer, the runs
// of short lines at either end of the body, are hashed by template, and of
// those only the lines with a word of their own.
func TestAnalyzeTemplateEdges(t *testing.T) {
	long := strings.Repeat("Reporters filed long paragraphs of original reporting today. ", 3)
	tests := []struct {
		name string
		text string
		want []bool // by line: hashed by template
	}{
		{"header and footer", "By Acme Staff\nPublished Jun 7\n" + long + "\nThe Dow fell 120 points.\n" + long + "\nFollow Acme on Twitter.",
			[]bool{false, true, false, false, false, true}},
		{"no header", long + "\nShares rose 4 percent.", []bool{false, true}},
		{"a bare date is counted by its terms", "7 June 2024\n" + long, []bool{false, false}},
		{"a header line without a template does not end the header", "By Acme Staff\nPublished Jun 7\n" + long, []bool{false, true, false}},
		{"a long line at an end", long + "\n" + long, []bool{false, false}},
		{"short lines only", "Shares rose 4 percent.\nThe Dow fell 120 points.", []bool{true, true}},
		// 120 bytes is short, 121 is not.
		{"edge line at the limit", strings.Repeat("word ", 23) + "words\n" + long, []bool{true, false}},
		{"edge line past the limit", strings.Repeat("word ", 23) + "wordss\n" + long, []bool{false, false}},
	}
	a := NewAnalyzer(NewVocabulary(), "en")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r Result
			a.Analyze(&r, "", tt.text, "en")
			got := make([]bool, len(r.LineHashes))
			for i, h := range r.LineHashes {
				got[i] = h&templateBit != 0
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("by template: %v, want %v", got, tt.want)
			}
		})
	}
}

// TestAnalyzeReuse checks that a reused Result holds only the last document.
func TestAnalyzeReuse(t *testing.T) {
	v := NewVocabulary()
	a := NewAnalyzer(v, "en")
	var r Result
	a.Analyze(&r, "long title words", "first line\nsecond line\n© 2024 Reuters\nthird line", "")
	a.Analyze(&r, "short", "only line", "")
	if got := terms(v, r.Title); !slices.Equal(got, []string{"short"}) {
		t.Errorf("title = %q, want [short]", got)
	}
	if got := lines(v, &r); !slices.EqualFunc(got, [][]string{{"line"}}, slices.Equal) {
		t.Errorf("lines = %q, want [[line]]", got)
	}
	if r.Furniture != 0 || r.Words != 2 || len(r.LineHashes) != 1 {
		t.Errorf("Furniture, Words, len(LineHashes) = %d, %d, %d, want 0, 2, 1", r.Furniture, r.Words, len(r.LineHashes))
	}
	a.Analyze(&r, "", "", "")
	if len(r.Title)+len(r.Tokens)+len(r.LineEnds)+len(r.LineHashes)+r.Words != 0 {
		t.Errorf("empty document left %+v", r)
	}
}

// TestAnalyzeLanguagesShareVocabulary: one surface form analysed in two
// languages gives each language's stem, interned in the shared vocabulary.
func TestAnalyzeLanguagesShareVocabulary(t *testing.T) {
	v := NewVocabulary()
	a := NewAnalyzer(v, "en")
	var r Result
	a.Analyze(&r, "", "corriendo", "en")
	en := terms(v, r.Tokens)
	a.Analyze(&r, "", "corriendo", "es")
	es := terms(v, r.Tokens)
	a.Analyze(&r, "", "corriendo", "xx")
	xx := terms(v, r.Tokens)
	if !slices.Equal(en, []string{"corriendo"}) || !slices.Equal(es, []string{"corr"}) || !slices.Equal(xx, []string{"corriendo"}) {
		t.Errorf("en, es, xx = %q, %q, %q, want [corriendo] [corr] [corriendo]", en, es, xx)
	}
	if v.Len() != 2 {
		t.Errorf("vocabulary has %d terms, want 2", v.Len())
	}
}

func TestNewAnalyzerDefaultLanguage(t *testing.T) {
	v := NewVocabulary()
	var r Result
	NewAnalyzer(v, "es").Analyze(&r, "", "los niños", "")
	if got := terms(v, r.Tokens); !slices.Equal(got, []string{"niñ"}) {
		t.Errorf("default es: %q, want [niñ]", got)
	}
	NewAnalyzer(v, "xx").Analyze(&r, "", "the dogs", "")
	if got := terms(v, r.Tokens); !slices.Equal(got, []string{"the", "dogs"}) {
		t.Errorf("default xx: %q, want [the dogs]", got)
	}
}

func TestSupported(t *testing.T) {
	tests := []struct {
		code string
		want bool
	}{
		{"en", true}, {"EN", true}, {"en-GB", true}, {"en_US", true},
		{"es", true}, {"fr", true}, {"ru", true}, {"sv", true}, {"no", true},
		{"nb", true}, {"nn", true}, {"hu", true},
		{"de", false}, {"xx", false}, {"", false}, {"e", false}, {"eng", false},
	}
	for _, tt := range tests {
		if got := Supported(tt.code); got != tt.want {
			t.Errorf("Supported(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
}
