package source

// This file sorts real lines into prose and page furniture: the header of
// ECB+ pages (URL, headline, datelines), dates and times, and the tests a
// sentence must pass to be reused in generated text.

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// parseECB splits an ECB+ text into its headline and body lines. Pages
// scraped for ECB+ start with their URL, then a few header lines in no fixed
// order: the headline, dates, times and bylines. The first short line that
// is not a date is the headline; the other header dates are dropped.
// Texts without a leading URL (the ECB part) often start with a headline
// line without final punctuation, which is taken as the title.
func parseECB(text string) (title string, body []string) {
	lines := strings.Split(text, "\n")
	for i := range lines {
		lines[i] = Detokenize(lines[i])
	}
	if len(lines) == 0 {
		return "", nil
	}
	if !strings.HasPrefix(lines[0], "http") {
		if l := lines[0]; !endsTerminal(l) && !isMeta(l) && Words(l) <= 20 {
			return l, lines[1:]
		}
		return "", lines
	}
	lines = lines[1:]
	i := 0
	for ; i < len(lines) && i < 4; i++ {
		l := lines[i]
		switch {
		case l == "" || isMeta(l):
		case title == "" && Words(l) <= 20:
			title = strings.TrimSuffix(l, " .")
		default:
			return title, lines[i:]
		}
	}
	return title, lines[i:]
}

var (
	yearRE  = regexp.MustCompile(`\b(19|20)\d\d\b`)
	clockRE = regexp.MustCompile(`\d:\d\d|\d+/\d+/\d+`)
)

// metaPrefixes start date and byline lines of scraped pages.
var metaPrefixes = []string{
	"updated", "posted", "published", "last updated", "first published",
	"first posted", "originally published", "article posted", "on ",
}

// isMeta reports whether a line is a dateline, timestamp or similar page
// furniture rather than prose.
func isMeta(s string) bool {
	n := Words(s)
	if n > 14 || (n >= 8 && endsTerminal(s)) {
		return false
	}
	lower := strings.ToLower(s)
	for _, p := range metaPrefixes {
		if strings.HasPrefix(lower, p) && (yearRE.MatchString(s) || clockRE.MatchString(s)) {
			return true
		}
	}
	return yearRE.MatchString(s) || clockRE.MatchString(s)
}

func hasURL(s string) bool {
	return strings.Contains(s, "http") || strings.Contains(s, "www.") || strings.Contains(s, ".com/")
}

// endsTerminal reports whether s ends in '.', '!' or '?', possibly followed
// by closing quotes or brackets.
func endsTerminal(s string) bool {
	s = strings.TrimRight(s, `"'”’)] `)
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?")
}

// Clean reports whether s is a sentence fit to reuse in generated text:
// 5 to 80 words, starting with a capital, digit or quote, ending in
// terminal punctuation, with no URL, dateline, bullet or shouting.
func Clean(s string) bool {
	n := Words(s)
	if n < 5 || n > 80 || !endsTerminal(s) || hasURL(s) || isMeta(s) {
		return false
	}
	if strings.ContainsAny(s, "|•") || !opensSentence(s) {
		return false
	}
	return !shouting(s)
}

// shouting reports whether more than half the letters of s are capitals.
func shouting(s string) bool {
	up, all := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			all++
			if unicode.IsUpper(r) {
				up++
			}
		}
	}
	return up*2 > all
}

// Headline makes a headline from a sentence: its first clause, at most
// maxWords words, without the final punctuation.
func Headline(s string, maxWords int) string {
	if i := strings.IndexAny(s, ",;:"); i > 0 && Words(s[:i]) >= 3 {
		s = s[:i]
	}
	w := strings.Fields(s)
	if len(w) > maxWords {
		w = w[:maxWords]
	}
	h := strings.TrimRight(strings.Join(w, " "), `.!?,;:"'”’ `)
	h = strings.TrimLeft(h, `"“‘'`)
	if h == "" {
		return ""
	}
	r, n := utf8.DecodeRuneInString(h)
	return string(unicode.ToUpper(r)) + h[n:]
}

// top returns the most frequent key of m, ties by key.
func top(m map[string]int) string {
	best, bestN := "", 0
	for k, n := range m {
		if n > bestN || (n == bestN && k < best) {
			best, bestN = k, n
		}
	}
	return best
}

// byCount returns the keys of m, most frequent first, ties by key.
func byCount(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if c := cmp.Compare(m[b], m[a]); c != 0 {
			return c
		}
		return strings.Compare(a, b)
	})
	return keys
}
