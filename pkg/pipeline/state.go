package pipeline

// Saved state (Config.State): what ties tonight's run to earlier ones.
//
// Three hooks connect it to the run. Before vectors are built, statePrior
// adds the saved document frequencies (by stem) to the background prior, so
// a small nightly batch is weighted like the stream it belongs to. Right
// after the near-duplicate stage, while every document still has its tokens,
// prepareState drops what has been idle for longer than the retention
// window, sketches each new document (see statedups.go) and counts the
// stems of tonight's new units. After the report's stories are built, apply
// matches them against the saved stories (statematch.go): a story that
// continues a saved one takes its id and is marked updated (or unchanged when
// all its documents were saved already), the others are new; it lists
// tonight's near-duplicates of saved documents, and it records tonight's new
// documents in the state.
//
// Only documents the state has not seen (by id) change it, and time comes
// from the batch, not the clock: the reference time is the latest
// publication time seen so far, which decides when an idle story leaves the
// index. Running the same night twice therefore leaves the state as the
// first run left it, byte for byte. Only when no document has a time does
// the run fall back to the clock.

import (
	"context"
	"slices"
	"time"

	"github.com/newsclust/newsclust/pkg/report"
	"github.com/newsclust/newsclust/pkg/state"
	"github.com/newsclust/newsclust/pkg/story"
	"github.com/newsclust/newsclust/pkg/vector"
)

// Defaults of the state parameters.
const (
	DefaultRetain = 7 * 86400 // seconds
	centroidTerms = 32        // terms kept in a saved centroid
)

func (c *Config) retain() int64 {
	if c.Retain == 0 {
		return DefaultRetain
	}
	return c.Retain
}

// continueAt returns the average similarity at which a story of tonight
// continues a saved one: Continue, or when it is 0 the story threshold (the
// default one if Story.Threshold is not positive), so that a story continues
// a saved one at about the similarity at which one run over both nights
// would have merged them.
func (c *Config) continueAt() float64 {
	if c.Continue == 0 {
		if t := c.Story.Threshold; t > 0 {
			return t
		}
		return story.DefaultParams().Threshold
	}
	return c.Continue
}

// savedRun carries what the state hooks learn during a run.
type savedRun struct {
	cfg      *Config
	st       *state.State
	known    map[string]int // saved document id → index in st.Stories
	sketches [][]uint32     // by document
	sizes    []int          // distinct shingles by document
	dfDocs   int            // new units counted in dfTerms
	dfTerms  map[uint32]int // term id → new units holding it
	now      int64          // reference time (Unix seconds)
	pruned   int            // saved stories dropped as idle

	centroids centroidSum // scratch for stemCentroid
}

// statePrior adds the saved document frequencies to prior (which may be nil)
// and returns it; without state it returns prior unchanged. Units of tonight
// that the state already holds (a night run again) were counted when they
// were first seen, so they are taken out of the saved counts here: otherwise
// a repeated night would count them twice and cluster differently.
func statePrior(cfg *Config, cd *corpusData, dups *dupResult, ranks []uint32, prior *vector.Prior) *vector.Prior {
	if cfg.State == nil || cfg.State.DF.Docs <= 0 {
		return prior
	}
	saved := make([]float64, len(ranks))
	for id, r := range ranks {
		saved[r] = cfg.State.DF.Counts[cd.vocab.Term(uint32(id))]
	}
	docs := float64(cfg.State.DF.Docs) - uncountKnown(saved, cfg, cd, dups, ranks)
	if prior == nil {
		prior = &vector.Prior{Counts: make([]float64, len(ranks))}
	}
	prior.Docs += max(0, docs)
	for r, c := range saved {
		prior.Counts[r] += max(0, c)
	}
	return prior
}

// uncountKnown subtracts from saved (by term rank) the terms of tonight's
// units that the state already holds, and returns how many units those are.
func uncountKnown(saved []float64, cfg *Config, cd *corpusData, dups *dupResult, ranks []uint32) float64 {
	known := cfg.State.Known()
	var terms, body []uint32
	n := 0
	for i := range cd.docs {
		if _, ok := known[cd.docs[i].ID]; !ok || !isUnit(dups, i) {
			continue
		}
		n++
		terms = terms[:0]
		body = cd.docs[i].body(body)
		for _, t := range slices.Concat(cd.docs[i].title, body) {
			terms = append(terms, ranks[t&^capBit])
		}
		slices.Sort(terms)
		for _, r := range slices.Compact(terms) {
			saved[r]--
		}
	}
	return float64(n)
}

// prepareState drops the saved stories and members that have been idle for
// longer than the retention window, sketches every document the state has
// not seen and counts the terms of the new units. It returns nil when the
// run has no state.
func prepareState(ctx context.Context, cfg *Config, cd *corpusData, dups *dupResult) (*savedRun, error) {
	if cfg.State == nil {
		return nil, nil
	}
	s := &savedRun{cfg: cfg, st: cfg.State, dfTerms: make(map[uint32]int)}
	s.now = s.refTime(cd)
	s.pruned = s.st.Prune(s.now, cfg.retain())
	s.known = s.st.Known()
	if err := s.sketch(ctx, cd); err != nil {
		return nil, err
	}
	var terms, body []uint32
	for i := range cd.docs {
		d := &cd.docs[i]
		if _, ok := s.known[d.ID]; ok || !isUnit(dups, i) {
			continue
		}
		terms = terms[:0]
		body = d.body(body)
		for _, t := range slices.Concat(d.title, body) {
			terms = append(terms, t&^capBit)
		}
		slices.Sort(terms)
		for _, t := range slices.Compact(terms) {
			s.dfTerms[t]++
		}
		s.dfDocs++
	}
	return s, nil
}

// isUnit reports whether document i represents its unit (it is not a
// non-canonical member of a near-duplicate group).
func isUnit(dups *dupResult, i int) bool {
	g := dups.groupOf[i]
	return g < 0 || dups.groups[g].canonical == int32(i)
}

// refTime returns the reference time of the run: the latest publication
// time in the batch or the state, or the clock when neither has one. Times
// more than maxFuture past the clock are typos or bad feeds; they are
// ignored, so one of them cannot make every saved story look idle.
func (s *savedRun) refTime(cd *corpusData) int64 {
	limit := time.Now().Add(maxFuture).Unix()
	now := min(s.st.Updated, limit)
	for i := range cd.docs {
		if p := cd.docs[i].Published; p <= limit {
			now = max(now, p)
		}
	}
	if now == 0 {
		now = time.Now().Unix()
	}
	return now
}

// maxFuture is how far past the clock a publication time may lie and still
// count as the run's reference time.
const maxFuture = 48 * time.Hour

// apply continues saved stories, marks the report's stories, lists earlier
// duplicates, and records the new documents in the state. It returns
// attributes for the stage log.
func (s *savedRun) apply(rep *report.Report, cd *corpusData, sr *storyResult) []any {
	now, pruned := s.now, s.pruned
	s.checkSketchParams()
	rep.EarlierDuplicates = s.earlierDuplicates(cd)
	tonight := s.describe(rep, cd, sr)
	matches := s.match(tonight, cd, rep.EarlierDuplicates)
	counts := s.mark(rep, tonight, matches)
	counts.EarlierDuplicates, counts.Pruned = len(rep.EarlierDuplicates), pruned
	if s.record(tonight, matches, cd, sr, now) {
		s.addDF(cd)
		s.st.Updated = now
		s.st.BoundDF()
	}
	s.st.Sort()
	counts.SavedStories = len(s.st.Stories)
	rep.Counts.State = &counts
	return []any{"new", counts.New, "updated", counts.Updated, "unchanged", counts.Unchanged,
		"earlier_duplicates", counts.EarlierDuplicates, "pruned", pruned, "saved_stories", counts.SavedStories}
}

// addDF adds the counted terms of the new units to the state, by stem.
func (s *savedRun) addDF(cd *corpusData) {
	if s.dfDocs == 0 {
		return
	}
	if s.st.DF.Counts == nil {
		s.st.DF.Counts = make(map[string]float64)
	}
	s.st.DF.Docs += float64(s.dfDocs)
	for t, n := range s.dfTerms {
		s.st.DF.Counts[cd.vocab.Term(t)] += float64(n)
	}
}
