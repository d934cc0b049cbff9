// Package shingle measures how much two texts overlap, the way the
// near-duplicate benchmarks define it: the Jaccard similarity of their sets
// of k-word shingles, where words are the lower-cased runs of letters and
// digits. Shingles are kept as 64-bit FNV-1a hashes in sorted slices, so a
// set costs 8 bytes a shingle and two sets are compared by one merge.
package shingle

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// Words returns the lower-cased runs of letters and digits of text.
func Words(text string) []string {
	var out []string
	start := -1
	for i, r := range text {
		alnum := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case alnum && start < 0:
			start = i
		case !alnum && start >= 0:
			out = append(out, lower(text[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, lower(text[start:]))
	}
	return out
}

// lower lower-cases s, copying only when it has to.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return toLower(s)
		}
	}
	return s
}

func toLower(s string) string {
	b := make([]rune, 0, len(s))
	for _, r := range s {
		b = append(b, unicode.ToLower(r))
	}
	return string(b)
}

// Set returns the sorted distinct hashes of the k-word shingles of text.
// A text of fewer than k words (but at least one) is a single shingle.
func Set(text string, k int) []uint64 {
	w := Words(text)
	if len(w) == 0 {
		return nil
	}
	n := max(len(w)-k+1, 1)
	out := make([]uint64, 0, n)
	for i := 0; i < n; i++ {
		out = append(out, hash(w[i:min(i+k, len(w))]))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// hash is FNV-1a over the words, each followed by a space.
func hash(words []string) uint64 {
	h := uint64(14695981039346656037)
	for _, w := range words {
		for i := 0; i < len(w); i++ {
			h = (h ^ uint64(w[i])) * 1099511628211
		}
		h = (h ^ ' ') * 1099511628211
	}
	return h
}

// Intersect returns the number of hashes two sorted sets share.
func Intersect(a, b []uint64) int {
	n := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

// Jaccard returns |a ∩ b| / |a ∪ b| for two sorted sets; two empty sets
// have similarity 0.
func Jaccard(a, b []uint64) float64 {
	return FromCounts(Intersect(a, b), len(a), len(b))
}

// FromCounts returns the Jaccard similarity of two sets of sizes na and nb
// that share inter elements.
func FromCounts(inter, na, nb int) float64 {
	if u := na + nb - inter; u > 0 {
		return float64(inter) / float64(u)
	}
	return 0
}
