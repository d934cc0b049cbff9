package pipeline

// Story continuation. Each of tonight's stories is compared with the saved
// stories on three kinds of evidence, strongest first: documents it shares
// with a saved story (the same night run again), its documents that nearly
// duplicate a saved document, and their average similarity. The average
// cosine over all pairs of units of two clusters A and B is
// cos(centroid A, centroid B) · cohesion A · cohesion B, where a cluster's
// cohesion is the norm of the mean of its unit vectors (1 for one unit); so
// the state keeps each story's unit centroid (over stems, pruned to
// centroidTerms terms) and cohesion, and continuation applies the criterion
// of average linkage without the saved articles' vectors. The average is
// scaled down, as in story linkage, when the saved story was last seen more
// than Story.Window before tonight's story starts. A pair is a candidate
// when it has shared documents or duplicates, or an average of at least
// continueAt (Config.Continue, or the story threshold when that is 0).
// Candidates are taken greedily in order of that evidence (then by ids, so
// the result is deterministic), and each saved story continues into at most
// one story of tonight and vice versa.
//
// Recording tonight in the state: a continued story gains tonight's new
// documents, their sketches, their time span, and a centroid that is the
// saved one (scaled by its units and cohesion, which restores the saved sum
// of unit vectors up to pruning) plus the new units' vectors, renormalised
// and pruned, with the cohesion of that sum. A story with new documents that
// continues nothing is saved under its own id. Documents already saved are
// never recorded twice.

import (
	"cmp"
	"math"
	"slices"

	"github.com/newsclust/newsclust/pkg/report"
	"github.com/newsclust/newsclust/pkg/state"
	"github.com/newsclust/newsclust/pkg/story"
)

// tonightStory is one of tonight's stories as continuation sees it.
type tonightStory struct {
	rep      int     // index in the report's stories
	docs     []int32 // documents
	newDocs  []int32 // documents the state has not seen
	newUnits []int32 // units whose representative is new
	centroid []state.Term
	first    int64   // earliest publication time, 0 if none is known
	cohesion float64 // norm of the mean unit vector
	id       string  // the story's id once marked
	headline string
}

// describe lists tonight's stories with their documents and centroids.
func (s *savedRun) describe(rep *report.Report, cd *corpusData, sr *storyResult) []tonightStory {
	byLabel := make(map[int32][]int32)
	for i := range cd.docs {
		l := sr.labels[sr.unitOf[i]]
		byLabel[l] = append(byLabel[l], int32(i))
	}
	repOf := make(map[string]int, len(cd.docs)) // document id → report story
	for i, st := range rep.Stories {
		for _, m := range st.Members {
			repOf[m.ID] = i
		}
	}
	byRank := make([]uint32, len(sr.ranks))
	for id, r := range sr.ranks {
		byRank[r] = uint32(id)
	}
	out := make([]tonightStory, 0, len(byLabel))
	for _, docs := range byLabel {
		t := tonightStory{rep: repOf[cd.docs[docs[0]].ID], docs: docs}
		var units []int32
		for _, d := range docs {
			if p := cd.docs[d].Published; p != 0 && (t.first == 0 || p < t.first) {
				t.first = p
			}
			u := sr.unitOf[d]
			if sr.units[u] == d {
				units = append(units, u)
			}
			if _, ok := s.known[cd.docs[d].ID]; ok {
				continue
			}
			t.newDocs = append(t.newDocs, d)
			if sr.units[u] == d {
				t.newUnits = append(t.newUnits, u)
			}
		}
		var norm float64
		t.centroid, norm = s.stemCentroid(cd, sr, byRank, units, nil, 0, 0)
		t.cohesion = norm / float64(max(1, len(units)))
		out = append(out, t)
	}
	slices.SortFunc(out, func(a, b tonightStory) int { return cmp.Compare(a.rep, b.rep) })
	return out
}

// stemCentroid returns the unit centroid, over stems and sorted by stem, of
// the given units' vectors plus prev scaled by weight, pruned to keep terms
// (0: all), and the norm of that sum before pruning.
func (s *savedRun) stemCentroid(cd *corpusData, sr *storyResult, byRank []uint32, units []int32, prev []state.Term, weight float64, keep int) ([]state.Term, float64) {
	sum := make(map[string]float64)
	for _, t := range prev {
		sum[t.Stem] += float64(t.Weight) * weight
	}
	c := s.centroids.of(sr.vectors, units, len(byRank))
	for k, r := range c.Terms {
		sum[cd.vocab.Term(byRank[r])] += float64(c.Weights[k])
	}
	out := make([]state.Term, 0, len(sum))
	for stem, w := range sum {
		out = append(out, state.Term{Stem: stem, Weight: float32(w)})
	}
	slices.SortFunc(out, func(a, b state.Term) int { return cmp.Compare(a.Stem, b.Stem) })
	var full float64
	for _, t := range out {
		full += sum[t.Stem] * sum[t.Stem]
	}
	if keep > 0 && len(out) > keep {
		slices.SortFunc(out, func(a, b state.Term) int {
			if c := cmp.Compare(b.Weight, a.Weight); c != 0 {
				return c
			}
			return cmp.Compare(a.Stem, b.Stem)
		})
		out = out[:keep]
	}
	// Sorted before the norm is summed, so that the sum, and the weights,
	// do not depend on the order of the map.
	slices.SortFunc(out, func(a, b state.Term) int { return cmp.Compare(a.Stem, b.Stem) })
	var norm float64
	for _, t := range out {
		norm += float64(sum[t.Stem]) * float64(sum[t.Stem])
	}
	norm = math.Sqrt(norm)
	for k := range out {
		if norm > 0 {
			out[k].Weight = float32(sum[out[k].Stem] / norm)
		}
	}
	return out, math.Sqrt(full)
}

// evidence is what ties one of tonight's stories to a saved story.
type evidence struct {
	t, saved int
	shared   int     // documents in both
	dups     int     // tonight's documents duplicating one of the saved story's
	cos      float64 // average similarity (see the file comment)
}

// match returns, for each of tonight's stories, the index of the saved
// story it continues, or -1.
func (s *savedRun) match(tonight []tonightStory, cd *corpusData, earlier []report.EarlierDuplicate) []int {
	ev := s.evidence(tonight, cd, earlier)
	slices.SortFunc(ev, func(a, b evidence) int {
		if c := cmp.Compare(b.shared, a.shared); c != 0 {
			return c
		}
		if c := cmp.Compare(b.dups, a.dups); c != 0 {
			return c
		}
		if c := cmp.Compare(b.cos, a.cos); c != 0 {
			return c
		}
		if c := cmp.Compare(a.t, b.t); c != 0 {
			return c
		}
		return cmp.Compare(a.saved, b.saved)
	})
	out := make([]int, len(tonight))
	for i := range out {
		out[i] = -1
	}
	taken := make([]bool, len(s.st.Stories))
	for _, e := range ev {
		if out[e.t] < 0 && !taken[e.saved] {
			out[e.t], taken[e.saved] = e.saved, true
		}
	}
	return out
}

// evidence gathers the candidate pairs of tonight's and saved stories.
func (s *savedRun) evidence(tonight []tonightStory, cd *corpusData, earlier []report.EarlierDuplicate) []evidence {
	savedIndex := make(map[string]int, len(s.st.Stories))
	for i := range s.st.Stories {
		savedIndex[s.st.Stories[i].ID] = i
	}
	dupOf := make(map[string]int, len(earlier))
	for _, d := range earlier {
		dupOf[d.ID] = savedIndex[d.Story]
	}
	type posting struct {
		saved int
		w     float32
	}
	postings := make(map[string][]posting)
	for i := range s.st.Stories {
		for _, t := range s.st.Stories[i].Centroid {
			postings[t.Stem] = append(postings[t.Stem], posting{i, t.Weight})
		}
	}
	var out []evidence
	for ti := range tonight {
		t := &tonight[ti]
		acc := make(map[int]*evidence)
		get := func(si int) *evidence {
			if acc[si] == nil {
				acc[si] = &evidence{t: ti, saved: si}
			}
			return acc[si]
		}
		for _, d := range t.docs {
			id := cd.docs[d].ID
			if si, ok := s.known[id]; ok {
				get(si).shared++
			} else if si, ok := dupOf[id]; ok {
				get(si).dups++
			}
		}
		for _, term := range t.centroid {
			for _, p := range postings[term.Stem] {
				get(p.saved).cos += float64(term.Weight) * float64(p.w)
			}
		}
		for _, e := range acc {
			saved := &s.st.Stories[e.saved]
			e.cos *= gapFactor(&s.cfg.Story, t.first, saved.LastSeen) * t.cohesion * cohesionOf(saved)
			if e.shared > 0 || e.dups > 0 || e.cos >= s.cfg.continueAt() {
				out = append(out, *e)
			}
		}
	}
	return out
}

// mark sets the id and status of the report's stories and counts them.
func (s *savedRun) mark(rep *report.Report, tonight []tonightStory, matches []int) report.StateCounts {
	var c report.StateCounts
	taken := make(map[string]bool, len(s.st.Stories)+len(tonight))
	for _, st := range s.st.Stories {
		taken[st.ID] = true
	}
	for ti := range tonight {
		t := &tonight[ti]
		rs := &rep.Stories[t.rep]
		switch {
		case matches[ti] >= 0:
			saved := &s.st.Stories[matches[ti]]
			rs.ID = saved.ID
			if saved.FirstSeen != 0 && rs.FirstPublished != nil && saved.FirstSeen < rs.FirstPublished.Unix() {
				first := unixUTC(saved.FirstSeen)
				rs.FirstPublished = &first
			}
			rs.Status = report.StatusUpdated
		default:
			for taken[rs.ID] {
				rs.ID = report.GroupID("story-", []string{rs.ID})
			}
			taken[rs.ID] = true
			rs.Status = report.StatusNew
		}
		if len(t.newDocs) == 0 {
			rs.Status = report.StatusUnchanged
		}
		t.id, t.headline = rs.ID, rs.Headline
		switch rs.Status {
		case report.StatusNew:
			c.New++
		case report.StatusUpdated:
			c.Updated++
		default:
			c.Unchanged++
		}
	}
	slices.SortFunc(rep.Stories, func(a, b report.Story) int {
		if c := cmp.Compare(b.Size, a.Size); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return c
}

// gapFactor returns the factor on the cosine between a story of tonight
// that starts at first and a saved story last seen at last:
// p.FixedFactor(|first − last|), story linkage's factor without a measured
// time scale; 1 when either time is unknown. A time scale measured on
// tonight's batch is not applied across nights: it was measured on
// tonight's pairs only.
func gapFactor(p *story.Params, first, last int64) float64 {
	if first == 0 || last == 0 {
		return 1
	}
	return p.FixedFactor(max(first-last, last-first))
}

// cohesionOf returns the saved cohesion of st, 1 when unknown.
func cohesionOf(st *state.Story) float64 {
	if st.Cohesion <= 0 {
		return 1
	}
	return float64(st.Cohesion)
}
