package analysis

// Furniture by repetition. A line that recurs in many documents is either site
// furniture (a footer, a byline block, a standing disclaimer) or part of an
// article that was syndicated many times. The two are told apart by comparing
// a line with the other lines of its own document: in a wire story reprinted
// fifty times every line recurs about fifty times, while a footer recurs far
// more often than the article around it. So a line is boilerplate when it
// occurs in at least MinDocs documents and in at least Ratio times as many
// documents as the median line of its document.
//
// Counting uses one sorted slice of line hashes (each document's distinct
// hashes, concatenated) rather than a map of every line, which keeps memory at
// eight bytes a line; only lines at or above MinDocs are kept in a map.

import "slices"

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
// line hashes, and keeps the lines found in at least minDocs documents.
// It sorts hashes in place.
func NewLineStats(hashes []uint64, minDocs int, ratio float64) *LineStats {
	slices.Sort(hashes)
	counts := make(map[uint64]uint32)
	for i := 0; i < len(hashes); {
		j := i + 1
		for j < len(hashes) && hashes[j] == hashes[i] {
			j++
		}
		if j-i >= minDocs {
			counts[hashes[i]] = uint32(j - i)
		}
		i = j
	}
	return &LineStats{MinDocs: minDocs, Ratio: ratio, counts: counts}
}

// Repeated returns the number of lines that recur in at least MinDocs documents.
func (s *LineStats) Repeated() int { return len(s.counts) }

// count returns the number of documents holding line h (1 below MinDocs).
func (s *LineStats) count(h uint64) uint32 {
	if c, ok := s.counts[h]; ok {
		return c
	}
	return 1
}

// Mark sets dst[i] to whether line i of a document with the given line hashes
// is boilerplate, and returns dst resized to len(lineHashes). It allocates
// only when dst is too short.
func (s *LineStats) Mark(dst []bool, lineHashes []uint64) []bool {
	dst = slices.Grow(dst[:0], len(lineHashes))[:len(lineHashes)]
	clear(dst)
	if len(s.counts) == 0 || len(lineHashes) == 0 {
		return dst
	}
	med := s.medianCount(lineHashes)
	for i, h := range lineHashes {
		c := s.count(h)
		dst[i] = int(c) >= s.MinDocs && float64(c) >= s.Ratio*float64(med)
	}
	return dst
}

// medianCount returns the median document count of the lines.
func (s *LineStats) medianCount(lineHashes []uint64) uint32 {
	var small [64]uint32
	counts := small[:0]
	for _, h := range lineHashes {
		counts = append(counts, s.count(h))
	}
	slices.Sort(counts)
	return counts[len(counts)/2]
}
