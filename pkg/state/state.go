// Package state keeps what one nightly run of newsclust hands to the next:
// the document frequencies seen so far, so that small nightly batches get
// stable term weights, and the index of recent stories, so that a story that
// continues tomorrow keeps its id.
//
// The state is a plain value (State) with no behaviour beyond bookkeeping:
// the pipeline decides which of tonight's stories continue which saved ones
// and calls the methods here to record the result. Everything is keyed by
// strings that do not depend on a run (stems, document ids, story ids), and
// Encode sorts what it writes, so two runs that record the same documents
// write byte-identical files. Time is never read from the clock here: the
// caller passes the batch's reference time (its latest publication time), so
// that pruning and tests are reproducible.
//
// The state stays bounded: stories idle for longer than the retention window
// leave the index together with their documents' sketches (Prune), the
// document frequencies keep at most MaxStems stems and are scaled down once
// they count more than MaxDocs documents (exponential forgetting), and only
// one sketch per near-duplicate group is kept.
//
// The file format and its checks are described in format.go.
package state

import (
	"cmp"
	"slices"
)

// Version is the format version written by Encode; Decode rejects others.
const Version = 1

// Bounds on the document frequencies kept in a state.
const (
	MaxStems = 1 << 18 // stems kept; the rarest are dropped beyond this
	MaxDocs  = 200000  // documents counted; counts are scaled down beyond this
)

// State is everything a run saves for the next one. The zero value is the
// empty state of a first run.
type State struct {
	// Updated is the reference time (Unix seconds) of the last run that
	// changed the state: the latest publication time of its batch.
	Updated int64 `json:"updated"`
	// Sketch describes how the document sketches were made; sketches made
	// differently cannot be compared and are dropped by the pipeline.
	Sketch SketchParams `json:"sketch"`
	// DF holds document frequencies by stem.
	DF DF `json:"df"`
	// Stories is the index of recent stories, sorted by id.
	Stories []Story `json:"stories"`
}

// SketchParams identifies the way document sketches were computed.
type SketchParams struct {
	ShingleSize int    `json:"shingle_size"`
	K           int    `json:"k"`     // values per sketch
	Probe       uint64 `json:"probe"` // a hash of a fixed text, to detect a changed hash scheme
}

// DF is a table of document frequencies by stem.
type DF struct {
	Docs   float64            `json:"docs"`
	Counts map[string]float64 `json:"counts"`
}

// Story is one saved story.
type Story struct {
	ID        string `json:"id"`
	Headline  string `json:"headline"`
	FirstSeen int64  `json:"first_seen"` // Unix seconds
	LastSeen  int64  `json:"last_seen"`
	Units     int    `json:"units"` // documents (near-duplicate groups counted once) in the centroid
	// Cohesion is the norm of the mean of the units' vectors (1 for one
	// unit, less the more they differ); 0 means unknown.
	Cohesion float32  `json:"cohesion,omitempty"`
	Centroid []Term   `json:"centroid"`
	Members  []Member `json:"members"` // sorted by id
	Docs     []Doc    `json:"docs"`    // sketches of the members that represent a unit, sorted by id
}

// Member is a saved document of a story and when it was seen: its
// publication time, or the reference time of the run that saved it.
type Member struct {
	ID   string `json:"id"`
	Seen int64  `json:"t"`
}

// Term is a weighted stem of a centroid.
type Term struct {
	Stem   string  `json:"s"`
	Weight float32 `json:"w"`
}

// Doc is the near-duplicate sketch of one saved document: the K smallest
// mixed shingle hashes of its text (top 32 bits each), and how many distinct
// shingles it had.
type Doc struct {
	ID       string `json:"id"`
	Shingles int    `json:"n"`
	Sketch   Sketch `json:"h"`
}

// AddDF counts one more document holding the distinct stems. It allocates
// Counts on first use.
func (s *State) AddDF(stems []string) {
	if s.DF.Counts == nil {
		s.DF.Counts = make(map[string]float64)
	}
	s.DF.Docs++
	for _, t := range stems {
		s.DF.Counts[t]++
	}
}

// BoundDF scales the document frequencies down to MaxDocs documents and keeps
// the MaxStems most frequent stems (ties broken by stem), so that the table
// stops growing. It is deterministic.
func (s *State) BoundDF() {
	if s.DF.Docs > MaxDocs {
		f := MaxDocs / s.DF.Docs
		s.DF.Docs = MaxDocs
		for t, c := range s.DF.Counts {
			s.DF.Counts[t] = c * f
		}
	}
	if len(s.DF.Counts) <= MaxStems {
		return
	}
	type tc struct {
		t string
		c float64
	}
	all := make([]tc, 0, len(s.DF.Counts))
	for t, c := range s.DF.Counts {
		all = append(all, tc{t, c})
	}
	slices.SortFunc(all, func(a, b tc) int {
		if c := cmp.Compare(b.c, a.c); c != 0 {
			return c
		}
		return cmp.Compare(a.t, b.t)
	})
	for _, x := range all[MaxStems:] {
		delete(s.DF.Counts, x.t)
	}
}

// Prune drops the stories whose last document is older than now - retain
// seconds, and from the others the members (and their sketches) older than
// that, so that the state holds only documents of the retention window. It
// returns how many stories it dropped. retain <= 0 keeps everything.
func (s *State) Prune(now, retain int64) int {
	if retain <= 0 {
		return 0
	}
	n := len(s.Stories)
	s.Stories = slices.DeleteFunc(s.Stories, func(st Story) bool { return st.LastSeen < now-retain })
	for i := range s.Stories {
		st := &s.Stories[i]
		st.Members = slices.DeleteFunc(st.Members, func(m Member) bool { return m.Seen < now-retain })
		kept := make(map[string]bool, len(st.Members))
		for _, m := range st.Members {
			kept[m.ID] = true
		}
		st.Docs = slices.DeleteFunc(st.Docs, func(d Doc) bool { return !kept[d.ID] })
	}
	return n - len(s.Stories)
}

// Sort puts stories in id order, and members and sketches in id order within
// each story. Encode calls it.
func (s *State) Sort() {
	slices.SortFunc(s.Stories, func(a, b Story) int { return cmp.Compare(a.ID, b.ID) })
	for i := range s.Stories {
		st := &s.Stories[i]
		slices.SortStableFunc(st.Members, func(a, b Member) int { return cmp.Compare(a.ID, b.ID) })
		st.Members = slices.CompactFunc(st.Members, func(a, b Member) bool { return a.ID == b.ID })
		slices.SortFunc(st.Docs, func(a, b Doc) int { return cmp.Compare(a.ID, b.ID) })
	}
}

// Known returns a map from every saved document id to the index of its story
// in Stories. It allocates the map.
func (s *State) Known() map[string]int {
	m := make(map[string]int)
	for i := range s.Stories {
		for _, mem := range s.Stories[i].Members {
			m[mem.ID] = i
		}
	}
	return m
}
