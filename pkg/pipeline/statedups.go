package pipeline

// Near-duplicates across nights. Tonight's near-duplicate stage compares
// tonight's documents with each other on their exact shingle sets, which are
// gone once the run ends. To compare them with earlier nights, the state
// keeps a bottom-k sketch of each saved unit: the sketchK smallest of its
// shingle hashes after a 64-bit mixer, truncated to their top 32 bits (256
// bytes a document). The bottom-k of the union of two sets is the k smallest
// values of their two sketches together, and the share of those values found
// in both sketches estimates their Jaccard similarity (standard error about
// sqrt(J(1-J)/k), 0.06 at J = 0.6); with the set sizes that also gives the
// containment. Candidates come from an index of saved sketch values: a pair
// at the duplicate threshold shares about 20 values or more (0.35 of 64 for
// short documents), so sharing fewer than minShared rules a pair out; a
// document of fewer than minShared shingles must share all of its sketch.
// The same thresholds as tonight's stage decide (Config.accept).

import (
	"cmp"
	"context"
	"slices"
	"sort"

	"github.com/newsclust/newsclust/pkg/analysis"
	"github.com/newsclust/newsclust/pkg/report"
	"github.com/newsclust/newsclust/pkg/shingle"
	"github.com/newsclust/newsclust/pkg/state"
)

const (
	sketchK   = 64
	minShared = 8
)

// mix64 is the splitmix64 finaliser: shingle hashes are xors of stem hashes,
// so their low values are not a uniform sample until mixed.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

// bottomK returns the sketch of a shingle set, reusing buf.
func bottomK(buf []uint64, set []uint64) ([]uint64, []uint32) {
	buf = buf[:0]
	for _, h := range set {
		buf = append(buf, mix64(h))
	}
	slices.Sort(buf)
	out := make([]uint32, 0, min(sketchK, len(buf)))
	for _, h := range buf[:min(sketchK, len(buf))] {
		out = append(out, uint32(h>>32))
	}
	return buf, out
}

// sketch computes the sketch of every document the state has not seen.
func (s *savedRun) sketch(ctx context.Context, cd *corpusData) error {
	n := len(cd.docs)
	s.sketches, s.sizes = make([][]uint32, n), make([]int, n)
	hashes := cd.vocab.Hashes()
	scratch := make([]shingleScratch, s.cfg.workers())
	bufs := make([][]uint64, s.cfg.workers())
	return forEach(ctx, n, s.cfg.workers(), func(w, i int) error {
		if _, ok := s.known[cd.docs[i].ID]; ok {
			return nil
		}
		sc := &scratch[w]
		sc.set = shingleSet(sc.set, sc, &cd.docs[i], hashes, s.cfg.ShingleSize)
		s.sizes[i] = len(sc.set)
		bufs[w], s.sketches[i] = bottomK(bufs[w], sc.set)
		return nil
	})
}

// sketchParams describes tonight's sketches; Probe is the smallest mixed
// shingle hash of a fixed text, which changes if any hash along the way does.
func (s *savedRun) sketchParams() state.SketchParams {
	var toks []uint64
	for _, w := range []string{"newsclust", "state", "sketch", "probe", "text"} {
		toks = append(toks, analysis.HashString(w))
	}
	_, sk := bottomK(nil, shingle.Set(shingle.Shingles(nil, toks, s.cfg.ShingleSize)))
	return state.SketchParams{ShingleSize: s.cfg.ShingleSize, K: sketchK, Probe: uint64(sk[0])}
}

// checkSketchParams drops saved sketches made another way, with a warning.
func (s *savedRun) checkSketchParams() {
	cur := s.sketchParams()
	if s.st.Sketch == cur {
		return
	}
	dropped := 0
	for i := range s.st.Stories {
		dropped += len(s.st.Stories[i].Docs)
		s.st.Stories[i].Docs = nil
	}
	if dropped > 0 {
		s.cfg.logger().Warn("saved sketches were made with other parameters; dropped", "sketches", dropped)
	}
	s.st.Sketch = cur
}

// sketchRef is one value of a saved sketch.
type sketchRef struct {
	value      uint32
	story, doc int32
}

// earlierDuplicates finds, for each new document, the most similar saved
// document at the near-duplicate thresholds. The list is sorted by id.
func (s *savedRun) earlierDuplicates(cd *corpusData) []report.EarlierDuplicate {
	var index []sketchRef
	for si := range s.st.Stories {
		for di, d := range s.st.Stories[si].Docs {
			for _, v := range d.Sketch {
				index = append(index, sketchRef{v, int32(si), int32(di)})
			}
		}
	}
	if len(index) == 0 {
		return nil
	}
	slices.SortFunc(index, func(a, b sketchRef) int { return cmp.Compare(a.value, b.value) })
	var out []report.EarlierDuplicate
	shared := make(map[[2]int32]int)
	for i, sk := range s.sketches {
		if len(sk) == 0 {
			continue
		}
		clear(shared)
		for _, v := range sk {
			k := sort.Search(len(index), func(j int) bool { return index[j].value >= v })
			for ; k < len(index) && index[k].value == v; k++ {
				shared[[2]int32{index[k].story, index[k].doc}]++
			}
		}
		if d, ok := s.bestEarlier(shared, sk, s.sizes[i]); ok {
			d.ID = cd.docs[i].ID
			out = append(out, d)
		}
	}
	slices.SortFunc(out, func(a, b report.EarlierDuplicate) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// bestEarlier picks, among the saved documents sharing sketch values with a
// new one, the most similar near-duplicate (ties: the smallest id).
func (s *savedRun) bestEarlier(shared map[[2]int32]int, sk []uint32, size int) (report.EarlierDuplicate, bool) {
	var best report.EarlierDuplicate
	found := false
	for ref, n := range shared {
		if n < minShared && n < len(sk) {
			continue
		}
		st := &s.st.Stories[ref[0]]
		d := &st.Docs[ref[1]]
		j := estimateJaccard(sk, d.Sketch)
		inter := j * float64(size+d.Shingles) / (1 + j)
		small, large := min(size, d.Shingles), max(size, d.Shingles)
		contain := min(1, inter/float64(max(1, small)))
		if !s.cfg.accept(j, contain, small, large) {
			continue
		}
		c := report.EarlierDuplicate{Of: d.ID, Story: st.ID, Similarity: round4(j), Containment: round4(contain)}
		if !found || c.Similarity > best.Similarity || c.Similarity == best.Similarity && c.Of < best.Of {
			best, found = c, true
		}
	}
	return best, found
}

// estimateJaccard estimates the Jaccard similarity of two sets from their
// bottom-k sketches (sorted, possibly shorter than k for small sets).
func estimateJaccard(a, b []uint32) float64 {
	k := max(len(a), len(b))
	i, j, taken, both := 0, 0, 0, 0
	for taken < k && (i < len(a) || j < len(b)) {
		switch {
		case j >= len(b) || i < len(a) && a[i] < b[j]:
			i++
		case i >= len(a) || b[j] < a[i]:
			j++
		default:
			i, j = i+1, j+1
			both++
		}
		taken++
	}
	if taken == 0 {
		return 0
	}
	return float64(both) / float64(taken)
}
