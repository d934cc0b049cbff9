package analysis

// Furniture by repetition. A line that recurs in many documents is either site
// furniture (a footer, a byline block, a standing disclaimer) or part of an
// article that was syndicated many times. The two are told apart by comparing
// a line with the other lines of its own document: in a wire story reprinted
// fifty times every line recurs about fifty times, while a footer recurs far
// more often than the article around it. So a line is boilerplate when it
// occurs in at least MinDocs documents and in at least Ratio times as many
// documents as the typical line of its document: the median count of its
// body lines (lines of BodyLineTokens tokens or more; of all its lines if it
// has none), so a short article under a header and footer of several short
// lines is still compared with its text. The short lines of a header or
// footer are counted by the hash of their template (see Analyze), so a
// footer that names its publisher recurs across publishers; since a
// template pools many lines, it must recur in Ratio times MinDocs documents
// before it counts at all.
//
// Counting uses one sorted slice of line hashes (each document's distinct
// hashes, concatenated) rather than a map of every line, which keeps memory at
// eight bytes a line; only lines at or above MinDocs are kept in a map.

import (
	"math"
	"slices"
)

// Default thresholds for LineStats.
const (
	DefaultMinDocs = 5
	DefaultRatio   = 4
)

// LineStats knows how many documents hold each line that recurs.
type LineStats struct {
	MinDocs int
	Ratio   float64
	counts  map[uint64]uint32
}

// NewLineStats counts hashes, the concatenation of every document's distinct
// line hashes, and keeps the lines found in at least minDocs documents and
// the templates found in at least ratio·minDocs. It sorts hashes in place.
func NewLineStats(hashes []uint64, minDocs int, ratio float64) *LineStats {
	templateMin := int(math.Ceil(ratio * float64(minDocs)))
	slices.Sort(hashes)
	counts := make(map[uint64]uint32)
	for i := 0; i < len(hashes); {
		j := i + 1
		for j < len(hashes) && hashes[j] == hashes[i] {
			j++
		}
		if j-i >= minDocs && (hashes[i]&templateBit == 0 || j-i >= templateMin) {
			counts[hashes[i]] = uint32(j - i)
		}
		i = j
	}
	return &LineStats{MinDocs: minDocs, Ratio: ratio, counts: counts}
}

// Repeated returns the number of lines that recur in at least MinDocs documents.
func (s *LineStats) Repeated() int { return len(s.counts) }

// Recurs reports whether line h recurs in enough documents to be
// boilerplate in some document (MinDocs; Ratio·MinDocs for a template). A
// document none of whose lines recurs has no boilerplate, so a caller can
// skip Mark for it.
func (s *LineStats) Recurs(h uint64) bool {
	_, ok := s.counts[h]
	return ok
}

// count returns the number of documents holding line h (1 below MinDocs).
func (s *LineStats) count(h uint64) uint32 {
	if c, ok := s.counts[h]; ok {
		return c
	}
	return 1
}

// Mark sets dst[i] to whether line i of a document is boilerplate, and
// returns dst resized to len(lineHashes). lineHashes are the document's line
// hashes and lineEnds the token offsets where its lines end (as in
// Result.LineEnds; a caller must count tokens, not bytes or packed units,
// or the result would depend on how terms are encoded). A line is compared
// with the typical line of its document: the median count of its body
// lines, those of at least BodyLineTokens tokens, or of all its lines if it
// has none. Headers and footers then do not set the standard: a short
// article wrapped in several short lines of furniture has more lines of
// furniture than of reporting, but its body decides. It allocates only when
// dst is too short or the document has more than 64 lines, and panics if
// lineEnds is shorter than lineHashes.
func (s *LineStats) Mark(dst []bool, lineHashes []uint64, lineEnds []uint32) []bool {
	dst = slices.Grow(dst[:0], len(lineHashes))[:len(lineHashes)]
	clear(dst)
	if len(s.counts) == 0 || len(lineHashes) == 0 {
		return dst
	}
	med := s.medianCount(lineHashes, lineEnds)
	for i, h := range lineHashes {
		c := s.count(h)
		dst[i] = int(c) >= s.MinDocs && float64(c) >= s.Ratio*float64(med)
	}
	return dst
}

// BodyLineTokens is the fewest tokens of a body line, which sets the
// typical count of its document's lines (see Mark): more than a byline, a
// dateline or a "follow us" line has.
const BodyLineTokens = 20

// medianCount returns the upper median document count of the body lines of
// a document, or of all its lines if none is a body line.
func (s *LineStats) medianCount(lineHashes []uint64, lineEnds []uint32) uint32 {
	var small [64]uint32
	counts := small[:0]
	start := uint32(0)
	for i, h := range lineHashes {
		if lineEnds[i]-start >= BodyLineTokens {
			counts = append(counts, s.count(h))
		}
		start = lineEnds[i]
	}
	if len(counts) == 0 {
		for _, h := range lineHashes {
			counts = append(counts, s.count(h))
		}
	}
	slices.Sort(counts)
	return counts[len(counts)/2]
}
