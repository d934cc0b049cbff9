// This file cleans the title and text of a document, whether it came from a
// JSONL record or a .txt file.
//
// Cleaning runs in a fixed order: invalid UTF-8 is replaced by U+FFFD, byte
// by byte (encoding/json does it for JSONL, toValidUTF8 for .txt files);
// "\r\n" becomes "\n"; a document whose runes are more than a quarter NUL
// or U+FFFD is rejected as binary garbage; NUL bytes are removed;
// surrounding white space is trimmed; finally title+text is cut to
// MaxDocBytes at rune boundaries. Every step first checks, without
// allocating, whether it has anything to do, so clean text is not copied.

package corpus

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// cleanDoc cleans the title and text of a JSONL record, which must be valid
// UTF-8 (invalid bytes already replaced by U+FFFD). If the record is
// unusable it returns the reason as skip; warn describes a truncation.
func cleanDoc(title, text string, maxDoc int) (t, x, skip, warn string) {
	title, text = normalizeNewlines(title), normalizeNewlines(text)
	if isGarbage(title, text) {
		return "", "", "invalid UTF-8", ""
	}
	title = strings.TrimSpace(dropNUL(title))
	text = strings.TrimSpace(dropNUL(text))
	if title == "" && text == "" {
		return "", "", "neither title nor text", ""
	}
	title, text, warn = limitDoc(title, text, maxDoc, 0)
	return title, text, "", warn
}

// normalizeNewlines replaces "\r\n" by "\n".
func normalizeNewlines(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	return strings.ReplaceAll(s, "\r\n", "\n")
}

// isGarbage reports whether more than a quarter of the runes of a and b
// together are NUL or U+FFFD. a and b must be valid UTF-8.
func isGarbage(a, b string) bool {
	bad := badRunes(a) + badRunes(b)
	if bad == 0 {
		return false
	}
	return 4*bad > utf8.RuneCountInString(a)+utf8.RuneCountInString(b)
}

// badRunes counts the NUL and U+FFFD runes of s.
func badRunes(s string) int {
	if strings.IndexByte(s, 0) < 0 && !strings.Contains(s, "\uFFFD") {
		return 0
	}
	return strings.Count(s, "\x00") + strings.Count(s, "\uFFFD")
}

// toValidUTF8 replaces each invalid byte of s by U+FFFD, as encoding/json
// does in strings.
func toValidUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s) + len(s)/2)
	for _, r := range s {
		sb.WriteRune(r) // an invalid byte comes as utf8.RuneError
	}
	return sb.String()
}

// dropNUL removes the NUL bytes of s.
func dropNUL(s string) string {
	if strings.IndexByte(s, 0) < 0 {
		return s
	}
	return strings.ReplaceAll(s, "\x00", "")
}

// limitDoc cuts title and text so that together they hold at most maxDoc
// bytes. The title keeps at least half of the budget it needs, the text the
// rest. extra counts bytes of the document that were never read, for the
// warning. Cut strings are copied so that they do not keep the long
// originals alive.
func limitDoc(title, text string, maxDoc, extra int) (t, x, warn string) {
	size := len(title) + len(text) + extra
	if size <= maxDoc {
		return title, text, ""
	}
	titleMax := max(maxDoc-len(text), maxDoc/2)
	title = strings.Clone(cutAt(title, titleMax))
	text = strings.Clone(cutAt(text, maxDoc-len(title)))
	warn = fmt.Sprintf("document of %d bytes truncated to %d bytes", size, len(title)+len(text))
	return title, text, warn
}

// cutAt returns the longest prefix of s of at most n bytes that does not
// split a rune.
func cutAt(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
