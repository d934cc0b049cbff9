package pipeline

// Recording tonight's new documents in the state; see statematch.go.

import (
	"slices"
	"time"

	"github.com/newsclust/newsclust/pkg/state"
)

// record adds tonight's new documents to the saved stories they continue,
// or as new saved stories, and reports whether the state changed.
func (s *savedRun) record(tonight []tonightStory, matches []int, cd *corpusData, sr *storyResult, now int64) bool {
	byRank := make([]uint32, len(sr.ranks))
	for id, r := range sr.ranks {
		byRank[r] = uint32(id)
	}
	changed := false
	var added []state.Story
	for ti := range tonight {
		t := &tonight[ti]
		if len(t.newDocs) == 0 {
			continue
		}
		changed = true
		if matches[ti] >= 0 {
			s.extend(&s.st.Stories[matches[ti]], t, cd, sr, byRank, now)
			continue
		}
		st := state.Story{ID: t.id, Headline: t.headline}
		s.extend(&st, t, cd, sr, byRank, now)
		added = append(added, st)
	}
	s.st.Stories = append(s.st.Stories, added...)
	return changed
}

// extend adds t's new documents to the saved story st.
func (s *savedRun) extend(st *state.Story, t *tonightStory, cd *corpusData, sr *storyResult, byRank []uint32, now int64) {
	if len(t.newUnits) > 0 {
		var norm float64
		st.Centroid, norm = s.stemCentroid(cd, sr, byRank, t.newUnits, st.Centroid, float64(st.Units)*cohesionOf(st), centroidTerms)
		st.Units += len(t.newUnits)
		st.Cohesion = float32(norm / float64(st.Units))
	}
	for _, d := range t.newDocs {
		doc := &cd.docs[d]
		at := doc.Published
		if at == 0 {
			at = now
		}
		st.Members = append(st.Members, state.Member{ID: doc.ID, Seen: at})
		if slices.Contains(t.newUnits, sr.unitOf[d]) && sr.units[sr.unitOf[d]] == d && len(s.sketches[d]) > 0 {
			st.Docs = append(st.Docs, state.Doc{ID: doc.ID, Shingles: s.sizes[d], Sketch: s.sketches[d]})
		}
		if st.FirstSeen == 0 || at < st.FirstSeen {
			st.FirstSeen = at
		}
		st.LastSeen = max(st.LastSeen, at)
	}
}

// unixUTC converts Unix seconds to a UTC time.
func unixUTC(sec int64) time.Time { return time.Unix(sec, 0).UTC() }
