package source

// This file turns corpus text into prose sentences: Detokenize undoes the
// ECB+ tokenisation token by token, from a table of which punctuation
// attaches to which side, and SplitSentences splits at terminal punctuation
// followed by a capital, with a list of abbreviations that do not end a
// sentence, joining lines that a tokeniser broke mid-sentence.

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Detokenize joins a line of space-tokenised text (as in the ECB+ corpus,
// "word , word 's" with Penn Treebank quotes) back into ordinary prose:
// punctuation is attached to its neighbour, the doubled backquote and
// doubled apostrophe quotes become straight double quotes, "n't" and
// clitics join their word, "90 - day" becomes "90-day", "4 : 00" becomes
// "4:00", "4 . 6" becomes "4.6" and "p . m ." becomes "p.m.".
func Detokenize(line string) string {
	toks := mergeTokens(strings.Fields(line))
	var b strings.Builder
	b.Grow(len(line))
	glue := true // no space before the next token
	quoteOpen := false
	for i, t := range toks {
		prev, next := "", ""
		if i > 0 {
			prev = toks[i-1]
		}
		if i+1 < len(toks) {
			next = toks[i+1]
		}
		before, after := spacing(t, prev, next, &quoteOpen)
		t = normQuote(t)
		if !glue && before {
			b.WriteByte(' ')
		}
		b.WriteString(t)
		glue = !after
	}
	return b.String()
}

// attachPrev are tokens written without a space before them.
var attachPrev = map[string]bool{
	",": true, ".": true, ";": true, "!": true, "?": true, "%": true,
	")": true, "]": true, "}": true, "''": true, "”": true, "...": true,
	"'s": true, "'S": true, "'re": true, "'ve": true, "'m": true, "'ll": true,
	"'d": true, "n't": true, "N'T": true, "'": true, ":": true,
}

// attachNext are tokens written without a space after them.
var attachNext = map[string]bool{
	"(": true, "[": true, "{": true, "``": true, "“": true, "‘": true,
	"$": true, "#": true,
}

// spacing reports whether token t takes a space before and after it, given
// its neighbours. quoteOpen tracks straight double quotes, which open and
// close in turn.
func spacing(t, prev, next string, quoteOpen *bool) (before, after bool) {
	switch {
	case t == `"`:
		*quoteOpen = !*quoteOpen
		if *quoteOpen {
			return true, false
		}
		return false, true
	case t == "/":
		return false, false
	case t == "," && endsDigit(prev) && len(next) == 3 && startsDigit(next) && endsDigit(next),
		t == "." && endsDigit(prev) && startsDigit(next):
		return false, false
	case t == "-" || t == ":":
		if t == ":" && !(endsDigit(prev) && startsDigit(next)) {
			return false, true
		}
		if endsAlnum(prev) && startsAlnum(next) {
			return false, false
		}
		return true, true
	case t == "’" || t == "'":
		if isClitic(next) && endsAlnum(prev) {
			return false, false
		}
		return false, true
	case attachPrev[t]:
		return false, true
	case attachNext[t]:
		return true, false
	}
	return true, true
}

// normQuote turns Penn Treebank quotes into straight double quotes, also
// inside a token, as in the ECB+ "bagman" line.
func normQuote(t string) string {
	if strings.Contains(t, "``") || strings.Contains(t, "''") {
		return strings.ReplaceAll(strings.ReplaceAll(t, "``", `"`), "''", `"`)
	}
	return t
}

func isClitic(s string) bool {
	switch s {
	case "s", "t", "re", "ve", "ll", "d", "m":
		return true
	}
	return false
}

// mergeTokens joins multi-token punctuation: "- -" to "--", ". . ." to "..."
// and single-letter abbreviations such as "p . m" to "p.m".
func mergeTokens(toks []string) []string {
	out := toks[:0:0]
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch {
		case t == "-" && i+1 < len(toks) && toks[i+1] == "-":
			t, i = "--", i+1
		case t == "." && i+2 < len(toks) && toks[i+1] == "." && toks[i+2] == ".":
			t, i = "...", i+2
		case isLetter1(t):
			for i+2 < len(toks) && toks[i+1] == "." && isLetter1(toks[i+2]) {
				t += "." + toks[i+2]
				i += 2
			}
		}
		out = append(out, t)
	}
	return out
}

func isLetter1(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	return n == len(s) && unicode.IsLetter(r)
}

func endsAlnum(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return s != "" && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func startsAlnum(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return s != "" && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func endsDigit(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return s != "" && unicode.IsDigit(r)
}

func startsDigit(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return s != "" && unicode.IsDigit(r)
}

// SplitSentences splits prose into sentences. A sentence ends at '.', '!' or
// '?' (and any closing quotes or brackets after it) followed by a space and
// a capital letter, digit or opening quote, unless the word before the
// period is an abbreviation or an initial. Line breaks end a sentence too,
// except when the line ends in an abbreviation or the next line starts in
// lower case: then the lines are joined.
func SplitSentences(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		for _, s := range splitLine(strings.TrimSpace(line)) {
			if n := len(out); n > 0 && (EndsAbbrev(out[n-1]) || startsLower(s)) {
				out[n-1] += " " + s
				continue
			}
			out = append(out, s)
		}
	}
	return out
}

// splitLine splits one line at sentence ends.
func splitLine(line string) []string {
	var out []string
	start := 0
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		j := skipClosers(line, i+1)
		if j >= len(line) || line[j] != ' ' {
			continue
		}
		k := j
		for k < len(line) && line[k] == ' ' {
			k++
		}
		if k >= len(line) || !opensSentence(line[k:]) {
			continue
		}
		if c == '.' && EndsAbbrev(line[start:i+1]) {
			continue
		}
		out = append(out, line[start:j])
		start, i = k, k-1
	}
	if s := strings.TrimSpace(line[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// skipClosers returns the index after any closing quotes and brackets at i.
func skipClosers(s string, i int) int {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '"', '\'', '”', '’', ')', ']':
			i += n
			continue
		}
		break
	}
	return i
}

func opensSentence(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	switch r {
	case '"', '“', '‘', '\'', '(', '[':
		r, _ = utf8.DecodeRuneInString(s[n:])
	}
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// abbrevs are words that end in a period without ending a sentence.
var abbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "sen": true,
	"rep": true, "gov": true, "gen": true, "lt": true, "col": true, "sgt": true,
	"capt": true, "jr": true, "sr": true, "inc": true, "corp": true, "co": true,
	"ltd": true, "vs": true, "no": true, "jan": true, "feb": true, "mar": true,
	"apr": true, "aug": true, "sept": true, "sep": true, "oct": true, "nov": true,
	"dec": true, "calif": true, "fla": true, "ariz": true, "mass": true,
	"prof": true, "rev": true, "ft": true, "mt": true, "gov't": true,
	"approx": true, "dept": true, "est": true, "fig": true, "u.s": true,
}

// EndsAbbrev reports whether s ends with an abbreviation followed by a
// period: a listed abbreviation ("Sen."), a single letter (an initial) or a
// word with inner periods such as "p.m.". Such a period does not end a
// sentence.
func EndsAbbrev(s string) bool {
	if !strings.HasSuffix(s, ".") {
		return false
	}
	w := s[:len(s)-1]
	if i := strings.LastIndexFunc(w, isWordStart); i >= 0 {
		_, n := utf8.DecodeRuneInString(w[i:])
		w = w[i+n:]
	}
	if w == "" {
		return false
	}
	return abbrevs[strings.ToLower(w)] || isLetter1(w) || strings.Contains(w, ".")
}

// isWordStart reports whether r separates a word from what precedes it.
func isWordStart(r rune) bool {
	return r == ' ' || r == '(' || r == '"' || r == '“'
}

// Words returns the number of space-separated words in s.
func Words(s string) int {
	return len(strings.Fields(s))
}
