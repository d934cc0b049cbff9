package analysis

// Site furniture is the text a site wraps around every article: copyright
// lines, "Also read" teasers, share and subscribe prompts, comment invitations.
// It is recognised in two ways. Here, by its wording: a short line that begins
// with one of a few dozen set phrases, or contains one of a handful that never
// occur in reporting. In repeated.go, by repetition: a line that recurs across
// many documents of the corpus. Both kinds of line are dropped before
// shingling and weighting, so two articles from one site do not look alike
// because of their footer.

import (
	"bytes"
	"strings"
)

// furniturePrefixes begin furniture lines (compared lower-cased, after
// leading bullets and punctuation).
var furniturePrefixes = []string{
	"also read", "read also", "read more", "read next", "see also", "more:",
	"related:", "related articles", "related stories", "related coverage", "related content",
	"copyright", "©", "(c) ", "all rights reserved",
	"leave a comment", "leave a reply", "add a comment",
	"share this", "share on", "share:", "share via", "click here", "tap here",
	"subscribe", "sign up for", "sign up to", "follow us", "follow @", "like us on",
	"advertisement", "sponsored content", "tags:", "filed under", "posted in",
	"download our app", "download the app", "listen to this article", "print this",
	"get our newsletter", "join our newsletter",
}

// furniturePhrases mark a line as furniture wherever they occur in it.
var furniturePhrases = []string{
	"all rights reserved",
	"may not be published, broadcast, rewritten",
	"may not be reproduced",
	"sign up for our newsletter",
	"subscribe to our newsletter",
}

// maxFurnitureBytes is the longest line tested against the phrase lists; a
// longer line is reporting, whatever its first words.
const maxFurnitureBytes = 320

// IsFurniture reports whether line reads as site furniture. A prefix must end
// at a word boundary ("Subscribe" is furniture, "Subscribers rose" is not). It
// allocates only for lines that are not ASCII.
func IsFurniture(line string) bool {
	line = strings.TrimLeft(line, " \t»>|*•·-–—:")
	if line == "" || len(line) > maxFurnitureBytes {
		return false
	}
	if isASCII(line) {
		var buf [maxFurnitureBytes]byte
		return lowerFurniture(lowerASCII(buf[:0], line))
	}
	return lowerFurniture([]byte(strings.ToLower(line)))
}

// lowerFurniture is IsFurniture for a lower-cased line, without allocating.
func lowerFurniture(lower []byte) bool {
	for _, p := range furniturePrefixes {
		if len(lower) >= len(p) && string(lower[:len(p)]) == p && wordEnds(lower, len(p)) {
			return true
		}
	}
	for _, p := range furniturePhrases {
		if containsString(lower, p) {
			return true
		}
	}
	return false
}

// containsString reports whether s holds p, without converting either:
// candidate starts are found with bytes.IndexByte, which is vectorised.
func containsString(s []byte, p string) bool {
	for i := 0; i+len(p) <= len(s); i++ {
		j := bytes.IndexByte(s[i:len(s)-len(p)+1], p[0])
		if j < 0 {
			return false
		}
		i += j
		if string(s[i:i+len(p)]) == p {
			return true
		}
	}
	return false
}

// lowerASCII appends s, an ASCII string, lower-cased to dst.
func lowerASCII(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// wordEnds reports whether the prefix s[:n] ends a word: its last byte is not
// a letter, or the next byte is not one.
func wordEnds(s []byte, n int) bool {
	return !isLowerLetter(s[n-1]) || n == len(s) || !isLowerLetter(s[n])
}

func isLowerLetter(c byte) bool { return c >= 'a' && c <= 'z' }
